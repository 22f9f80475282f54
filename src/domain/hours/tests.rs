use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::domain::model::{Bucket, Entry, TextingPurpose};
use crate::domain::when::Clock;

const NY: Tz = chrono_tz::America::New_York;
const LA: Tz = chrono_tz::America::Los_Angeles;
const LONDON: Tz = chrono_tz::Europe::London;
const TOKYO: Tz = chrono_tz::Asia::Tokyo;

/// A wall time in `tz`; panics on a skipped time, takes the earlier of a repeated one.
fn at(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .expect("a real local time")
}

fn fixed(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
    at(tz, y, mo, d, h, mi).fixed_offset()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn text_entry(created: DateTime<FixedOffset>) -> Entry {
    Entry::new("SECRET-TEXT running 10 min late", Bucket::Hours, created)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn range(s: &str) -> TimeRange {
    s.parse().unwrap()
}

fn never(_: &Entry) -> bool {
    false
}

fn one(entries: &[Entry], a: &Agreement, user: Tz, now: DateTime<Tz>) -> HeldMessage {
    let held = held_messages(entries, a, user, now, Clock::H24, never);
    assert_eq!(held.len(), 1, "{held:?}");
    held.into_iter().next().unwrap()
}

/// Recorded standard hours (Mon–Fri 09:00–17:00), therapist in `tz`.
fn standard(tz: Option<Tz>) -> Agreement {
    Agreement {
        therapist_name: "Dr. K".into(),
        therapist_tz: tz,
        hours: Some(WeekHours::standard()),
        ..Agreement::default()
    }
}

fn open(a: &Agreement, user: Tz, from: DateTime<Tz>) -> DateTime<Utc> {
    next_open(a, user, from)
        .expect("an open moment")
        .with_timezone(&Utc)
}

// ---------------------------------------------------------------- defaults

#[test]
fn default_agreement_assumes_weekday_hours_in_user_zone() {
    let a = Agreement::default();
    assert!(a.hours_assumed());
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(a.get("hours.mon").unwrap(), "09:00-17:00");
    assert_eq!(a.get("hours.sat").unwrap(), "off");
    assert_eq!(a.get("personal.decent_from").unwrap(), "08:00");
    assert_eq!(a.get("personal.decent_until").unwrap(), "21:00");
    assert_eq!(a.get("personal.night_start").unwrap(), "22:00");
    assert_eq!(a.get("personal.night_end").unwrap(), "07:00");
    // Saturday 2026-11-21 → Monday 09:00 New York.
    let got = next_open(&a, NY, at(NY, 2026, 11, 21, 10, 0)).unwrap();
    assert_eq!(got, at(NY, 2026, 11, 23, 9, 0));
    // Assumed hours are read in the user's zone even when the therapist's zone is set.
    let a = Agreement {
        therapist_tz: Some(LA),
        ..Agreement::default()
    };
    assert_eq!(
        next_open(&a, NY, at(NY, 2026, 11, 21, 10, 0)).unwrap(),
        at(NY, 2026, 11, 23, 9, 0)
    );
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 21, 10, 0))],
        &a,
        NY,
        at(NY, 2026, 11, 21, 10, 0),
    );
    assert!(m.reason.contains("assumed"), "{}", m.reason);
}

// ---------------------------------------------------------------- statuses

#[test]
fn ok_now_inside_hours() {
    let a = standard(None);
    let now = at(NY, 2026, 11, 23, 10, 0); // Monday
    let m = one(&[text_entry(fixed(NY, 2026, 11, 23, 9, 30))], &a, NY, now);
    assert_eq!(m.status, SendStatus::OkNow);
    assert_eq!(m.headline(), "OK to send now");
    assert_eq!(m.opens_at, Some(now.fixed_offset()));
    assert_eq!(m.vacation_until, None);
}

#[test]
fn weekend_opens_monday() {
    let a = standard(None);
    let now = at(NY, 2026, 11, 21, 11, 0); // Saturday
    let m = one(&[text_entry(fixed(NY, 2026, 11, 21, 10, 0))], &a, NY, now);
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 23, 9, 0)));
    assert_eq!(m.headline(), "Opens Mon 23 Nov, 9:00");
    assert!(m.reason.contains("weekend"), "{}", m.reason);
    assert!(m.reason.contains("Mon 23 Nov, 9:00"), "{}", m.reason);
}

#[test]
fn exactly_midnight_and_range_edges() {
    let a = standard(None);
    // Tuesday 00:00:00 exactly.
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 23, 20, 0))],
        &a,
        NY,
        at(NY, 2026, 11, 24, 0, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 24, 9, 0)));
    assert_eq!(m.headline(), "Opens today 9:00");
    // Start is inclusive, end exclusive.
    assert_eq!(
        next_open(&a, NY, at(NY, 2026, 11, 24, 9, 0)).unwrap(),
        at(NY, 2026, 11, 24, 9, 0)
    );
    assert_eq!(
        next_open(&a, NY, at(NY, 2026, 11, 24, 17, 0)).unwrap(),
        at(NY, 2026, 11, 25, 9, 0)
    );
    // Round-the-clock hours: at midnight the user's decent hour still holds it.
    let mut all_day = Agreement::default();
    for key in [
        "hours.mon",
        "hours.tue",
        "hours.wed",
        "hours.thu",
        "hours.fri",
        "hours.sat",
        "hours.sun",
    ] {
        all_day.set(key, "00:00-24:00").unwrap();
    }
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 11, 24, 0, 0)).unwrap(),
        at(NY, 2026, 11, 24, 8, 0)
    );
    // Friday 20:59 is open, 21:00 is not; Saturday 08:00 is.
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 11, 27, 20, 59)).unwrap(),
        at(NY, 2026, 11, 27, 20, 59)
    );
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 11, 27, 21, 0)).unwrap(),
        at(NY, 2026, 11, 28, 8, 0)
    );
    // A "24:00" end joins to the next day's 00:00 with no gap.
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 11, 24, 23, 59)).unwrap(),
        at(NY, 2026, 11, 25, 8, 0)
    );
}

#[test]
fn vacation_last_day_then_day_after() {
    let mut a = standard(None);
    a.urgent_channel = "call their cell".into();
    a.set("vacation.add", "2026-12-01..2026-12-03 conference")
        .unwrap();
    let entries = [text_entry(fixed(NY, 2026, 11, 30, 18, 0))];
    // Thursday Dec 3, the last day away.
    let m = one(&entries, &a, NY, at(NY, 2026, 12, 3, 10, 0));
    assert_eq!(m.status, SendStatus::VacationHold);
    assert_eq!(m.vacation_until, Some(date(2026, 12, 3)));
    assert_eq!(
        m.headline(),
        "On vacation until Thu 3 Dec: keep it for the session?"
    );
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 12, 4, 9, 0)));
    assert!(m.reason.contains("call their cell"), "{}", m.reason);
    assert!(m.reason.contains("988"), "{}", m.reason);
    // 23:59 on the last day is still away.
    assert_eq!(
        one(&entries, &a, NY, at(NY, 2026, 12, 3, 23, 59)).status,
        SendStatus::VacationHold
    );
    // Friday Dec 4: back.
    let m = one(&entries, &a, NY, at(NY, 2026, 12, 4, 10, 0));
    assert_eq!(m.status, SendStatus::OkNow);
    assert_eq!(m.vacation_until, None);
    // A vacation's first midnight is closed even when hours and decent hours are open then.
    let mut all_day = a.clone();
    for key in [
        "hours.mon",
        "hours.tue",
        "hours.wed",
        "hours.thu",
        "hours.fri",
        "hours.sat",
        "hours.sun",
    ] {
        all_day.set(key, "00:00-24:00").unwrap();
    }
    all_day.set("personal.decent_from", "00:00").unwrap();
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 11, 30, 20, 59)).unwrap(),
        at(NY, 2026, 11, 30, 20, 59)
    );
    assert_eq!(
        next_open(&all_day, NY, at(NY, 2026, 12, 1, 0, 0)).unwrap(),
        at(NY, 2026, 12, 4, 0, 0)
    );
    // Before the vacation, next_open skips it.
    assert_eq!(
        next_open(&a, NY, at(NY, 2026, 11, 30, 18, 0)).unwrap(),
        at(NY, 2026, 12, 4, 9, 0)
    );
}

#[test]
fn back_to_back_vacations_join() {
    let mut a = standard(None);
    a.set("vacation.add", "2026-12-21..2026-12-27").unwrap();
    a.set("vacation.add", "2026-12-28..2027-01-03").unwrap();
    let m = one(
        &[text_entry(fixed(NY, 2026, 12, 22, 9, 0))],
        &a,
        NY,
        at(NY, 2026, 12, 22, 10, 0),
    );
    assert_eq!(m.vacation_until, Some(date(2027, 1, 3)));
    assert_eq!(m.opens_at, Some(fixed(NY, 2027, 1, 4, 9, 0)));
    assert_eq!(
        m.headline(),
        "On vacation until Sun 3 Jan: keep it for the session?"
    );
}

#[test]
fn vacation_dates_are_the_therapists() {
    // Therapist in London, user in Tokyo: Tokyo Friday 08:30 is still Thursday in London.
    let mut a = standard(Some(LONDON));
    a.set("vacation.add", "2026-12-01..2026-12-03").unwrap();
    let entries = [text_entry(fixed(TOKYO, 2026, 12, 4, 8, 0))];
    let m = one(&entries, &a, TOKYO, at(TOKYO, 2026, 12, 4, 8, 30));
    assert_eq!(m.status, SendStatus::VacationHold);
    assert_eq!(m.vacation_until, Some(date(2026, 12, 3)));
    // First open: London Fri 09:00 GMT = Tokyo Fri 18:00.
    assert_eq!(m.opens_at, Some(fixed(TOKYO, 2026, 12, 4, 18, 0)));
    assert_eq!(
        m.headline(),
        "On vacation until Thu 3 Dec: keep it for the session?"
    );
}

#[test]
fn night_reread_until_marked() {
    let a = standard(None);
    let mut e = text_entry(fixed(NY, 2026, 11, 23, 3, 40)); // Monday 3:40 a.m.
                                                            // At 6:00 the decent hour is still ahead.
    let m = one(std::slice::from_ref(&e), &a, NY, at(NY, 2026, 11, 23, 6, 0));
    assert_eq!(m.status, SendStatus::NightReread);
    assert_eq!(
        m.headline(),
        "Written at 3:40: re-read it after 8:00 before sending"
    );
    assert_eq!(m.reread_after, Some(fixed(NY, 2026, 11, 23, 8, 0)));
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 23, 9, 0)));
    // It stays held at 10:00, within hours, until re-read.
    let m = one(
        std::slice::from_ref(&e),
        &a,
        NY,
        at(NY, 2026, 11, 23, 10, 0),
    );
    assert_eq!(m.status, SendStatus::NightReread);
    assert_eq!(m.headline(), "Written at 3:40: re-read it before sending");
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 23, 10, 0)));
    e.reread_at = Some(fixed(NY, 2026, 11, 23, 10, 5));
    assert_eq!(
        one(&[e], &a, NY, at(NY, 2026, 11, 23, 10, 10)).status,
        SendStatus::OkNow
    );
}

#[test]
fn night_window_edges_use_the_users_zone() {
    let a = standard(None);
    let now = at(NY, 2026, 11, 24, 10, 0);
    let status = |e: Entry| one(&[e], &a, NY, now).status;
    assert_eq!(
        status(text_entry(fixed(NY, 2026, 11, 23, 22, 0))),
        SendStatus::NightReread
    );
    assert_eq!(
        status(text_entry(fixed(NY, 2026, 11, 23, 21, 59))),
        SendStatus::OkNow
    );
    assert_eq!(
        status(text_entry(fixed(NY, 2026, 11, 24, 0, 0))),
        SendStatus::NightReread
    );
    assert_eq!(
        status(text_entry(fixed(NY, 2026, 11, 24, 6, 59))),
        SendStatus::NightReread
    );
    assert_eq!(
        status(text_entry(fixed(NY, 2026, 11, 24, 7, 0))),
        SendStatus::OkNow
    );
    // Judged on the user's clock, not the offset it was stored with: 23:30 in
    // Tokyo is 9:30 in New York, daytime for this user.
    assert_eq!(
        status(text_entry(fixed(TOKYO, 2026, 11, 23, 23, 30))),
        SendStatus::OkNow
    );
    // An import stored in UTC: 21:30 UTC is 16:30 in New York, not night...
    let utc: Tz = "UTC".parse().unwrap();
    assert_eq!(
        status(text_entry(fixed(utc, 2026, 11, 23, 21, 30))),
        SendStatus::OkNow
    );
    // ...and 05:00 UTC is midnight in New York, night.
    assert_eq!(
        status(text_entry(fixed(utc, 2026, 11, 24, 5, 0))),
        SendStatus::NightReread
    );
    // Written Friday 23:15: re-read after Saturday 8:00, first open Monday 9:00.
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 27, 23, 15))],
        &a,
        NY,
        at(NY, 2026, 11, 27, 23, 20),
    );
    assert_eq!(
        m.headline(),
        "Written at 23:15: re-read it after 8:00 before sending"
    );
    assert_eq!(m.reread_after, Some(fixed(NY, 2026, 11, 28, 8, 0)));
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 30, 9, 0)));
}

#[test]
fn over_limit_opens_next_week() {
    let mut a = standard(None);
    a.set("texting.weekly_limit", "2").unwrap();
    let mut sent1 = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    sent1.sent_at = Some(fixed(NY, 2026, 11, 23, 9, 5)); // Monday
    let mut sent2 = text_entry(fixed(NY, 2026, 11, 24, 9, 0));
    sent2.sent_at = Some(fixed(NY, 2026, 11, 24, 9, 5)); // Tuesday
    let waiting = text_entry(fixed(NY, 2026, 11, 25, 9, 30));
    let entries = [sent1, sent2, waiting.clone()];
    let now = at(NY, 2026, 11, 25, 10, 0); // Wednesday
    assert_eq!(sent_this_week(&entries, NY, now), 2);
    let m = one(&entries, &a, NY, now);
    assert_eq!(m.entry_id, waiting.id);
    assert_eq!(m.status, SendStatus::OverLimit);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 30, 9, 0)));
    assert_eq!(
        m.headline(),
        "This week's 2 texts are used; opens Mon 30 Nov, 9:00"
    );
    // Under the limit it is OK.
    a.set("texting.weekly_limit", "3").unwrap();
    assert_eq!(one(&entries, &a, NY, now).status, SendStatus::OkNow);
    a.set("texting.weekly_limit", "none").unwrap();
    assert_eq!(one(&entries, &a, NY, now).status, SendStatus::OkNow);
}

#[test]
fn week_starts_monday_midnight_user_local() {
    let mut sun = text_entry(fixed(NY, 2026, 11, 22, 20, 0));
    sun.sent_at = Some(fixed(NY, 2026, 11, 22, 23, 59)); // Sunday, last week
    let mut mon = text_entry(fixed(NY, 2026, 11, 22, 20, 0));
    mon.sent_at = Some(fixed(NY, 2026, 11, 23, 0, 0)); // Monday 00:00, this week
                                                       // Sent Monday 01:00 Tokyo time = Sunday 11:00 New York: last week for a New York user.
    let mut tokyo = text_entry(fixed(NY, 2026, 11, 22, 20, 0));
    tokyo.sent_at = Some(fixed(TOKYO, 2026, 11, 23, 1, 0));
    let entries = [sun, mon, tokyo];
    assert_eq!(sent_this_week(&entries, NY, at(NY, 2026, 11, 23, 0, 0)), 1);
    assert_eq!(
        sent_this_week(&entries, NY, at(NY, 2026, 11, 29, 23, 59)),
        1
    );
    assert_eq!(
        sent_this_week(&entries, NY, at(NY, 2026, 11, 22, 23, 59)),
        2
    );
    assert_eq!(sent_this_week(&entries, NY, at(NY, 2026, 11, 30, 0, 0)), 0);
    // `now` given in another zone is read in the user's zone.
    assert_eq!(
        sent_this_week(&entries, NY, at(TOKYO, 2026, 11, 23, 13, 59)),
        2
    );
}

#[test]
fn move_to_session_when_material() {
    let a = standard(None);
    let now = at(NY, 2026, 11, 23, 10, 0);
    let e = text_entry(fixed(NY, 2026, 11, 23, 9, 30));
    let held = held_messages(std::slice::from_ref(&e), &a, NY, now, Clock::H24, |_| true);
    assert_eq!(held[0].status, SendStatus::MoveToSession);
    assert_eq!(
        held[0].headline(),
        "This reads like session material: move it to the session?"
    );
    assert_eq!(held[0].opens_at, Some(now.fixed_offset()));
}

#[test]
fn precedence_vacation_night_limit_material_opens() {
    let mut a = standard(None);
    a.set("texting.weekly_limit", "1").unwrap();
    a.set("vacation.add", "2026-11-23..2026-11-24").unwrap();
    let mut sent = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    sent.sent_at = Some(fixed(NY, 2026, 11, 23, 9, 1));
    let mut night = text_entry(fixed(NY, 2026, 11, 24, 2, 0));
    let material = |_: &Entry| true;
    let now = at(NY, 2026, 11, 24, 10, 0); // Tuesday, away, in hours
    let status = |a: &Agreement, n: &Entry, now: DateTime<Tz>, mat: bool| {
        held_messages(&[sent.clone(), n.clone()], a, NY, now, Clock::H24, |_| mat)[0].status
    };
    assert_eq!(
        held_messages(
            &[sent.clone(), night.clone()],
            &a,
            NY,
            now,
            Clock::H24,
            material
        )[0]
        .status,
        SendStatus::VacationHold
    );
    // Vacation holds: opens_at clears every hold (after the vacation, next week for the limit).
    let m = &held_messages(
        &[sent.clone(), night.clone()],
        &a,
        NY,
        now,
        Clock::H24,
        material,
    )[0];
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 30, 9, 0)));
    a.set("vacation.clear", "").unwrap();
    assert_eq!(status(&a, &night, now, true), SendStatus::NightReread);
    night.reread_at = Some(fixed(NY, 2026, 11, 24, 8, 30));
    assert_eq!(status(&a, &night, now, true), SendStatus::OverLimit);
    a.set("texting.weekly_limit", "5").unwrap();
    assert_eq!(status(&a, &night, now, true), SendStatus::MoveToSession);
    // Not material, evening: opens_at.
    let evening = at(NY, 2026, 11, 24, 18, 0);
    assert_eq!(status(&a, &night, evening, false), SendStatus::OpensAt);
    // Material wins over a closed window too.
    assert_eq!(status(&a, &night, evening, true), SendStatus::MoveToSession);
    assert_eq!(status(&a, &night, now, false), SendStatus::OkNow);
}

#[test]
fn only_unsent_final_hours_entries_are_listed() {
    let a = standard(None);
    let now = at(NY, 2026, 11, 23, 10, 0);
    let mut draft = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    draft.draft = true;
    let mut sent = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    sent.sent_at = Some(fixed(NY, 2026, 11, 23, 9, 10));
    let session = Entry::new("x", Bucket::Session, fixed(NY, 2026, 11, 23, 9, 0));
    let crisis = Entry::new("x", Bucket::Crisis, fixed(NY, 2026, 11, 23, 9, 0));
    let keep = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    let held = held_messages(
        &[draft, sent, session, crisis, keep.clone()],
        &a,
        NY,
        now,
        Clock::H24,
        never,
    );
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].entry_id, keep.id);
}

#[test]
fn no_entry_text_in_any_message() {
    let mut a = standard(None);
    a.set("texting.weekly_limit", "1").unwrap();
    a.set("vacation.add", "2026-12-01..2026-12-02").unwrap();
    let mut sent = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    sent.sent_at = Some(fixed(NY, 2026, 11, 23, 9, 1));
    let entries = [
        sent,
        text_entry(fixed(NY, 2026, 11, 23, 3, 0)),
        text_entry(fixed(NY, 2026, 11, 23, 12, 0)),
    ];
    for now in [
        at(NY, 2026, 11, 23, 10, 0),
        at(NY, 2026, 11, 28, 10, 0),
        at(NY, 2026, 12, 1, 10, 0),
    ] {
        for material in [false, true] {
            for m in held_messages(&entries, &a, NY, now, Clock::H24, |_| material) {
                let json = serde_json::to_string(&m).unwrap();
                for s in [m.headline(), m.reason.clone(), json] {
                    assert!(!s.contains("SECRET") && !s.contains("late"), "{s}");
                }
            }
        }
    }
}

#[test]
fn json_status_names_are_snake_case() {
    let a = standard(None);
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 21, 9, 0))],
        &a,
        NY,
        at(NY, 2026, 11, 21, 10, 0),
    );
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["status"], "opens_at");
    assert_eq!(v["opens_at"], "2026-11-23T09:00:00-05:00");
    assert_eq!(
        serde_json::to_value(SendStatus::NightReread).unwrap(),
        "night_reread"
    );
    assert_eq!(
        serde_json::to_value(SendStatus::MoveToSession).unwrap(),
        "move_to_session"
    );
    assert_eq!(serde_json::to_value(SendStatus::OkNow).unwrap(), "ok_now");
}

// ---------------------------------------------------------------- zones and DST

#[test]
fn therapist_in_los_angeles_user_in_new_york() {
    let a = standard(Some(LA));
    let e = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    // Monday 10:00 New York = 07:00 Los Angeles: opens at 12:00 New York.
    let m = one(
        std::slice::from_ref(&e),
        &a,
        NY,
        at(NY, 2026, 11, 23, 10, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 23, 12, 0)));
    assert_eq!(m.headline(), "Opens today 12:00");
    assert!(m.reason.contains("America/Los_Angeles"), "{}", m.reason);
    // 12:00 New York is open.
    assert_eq!(
        one(
            std::slice::from_ref(&e),
            &a,
            NY,
            at(NY, 2026, 11, 23, 12, 0)
        )
        .status,
        SendStatus::OkNow
    );
    // 20:30 New York = 17:30 Los Angeles: closed, opens Tuesday 12:00.
    let m = one(
        std::slice::from_ref(&e),
        &a,
        NY,
        at(NY, 2026, 11, 23, 20, 30),
    );
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 24, 12, 0)));
    assert_eq!(m.headline(), "Opens tomorrow 12:00");
}

#[test]
fn decent_hours_clip_the_therapists_hours() {
    // Los Angeles 09:00–19:00 is 12:00–22:00 in New York; the user stops at 21:00.
    let mut a = standard(Some(LA));
    a.set("hours.mon", "09:00-19:00").unwrap();
    let e = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    assert_eq!(
        one(
            std::slice::from_ref(&e),
            &a,
            NY,
            at(NY, 2026, 11, 23, 20, 59)
        )
        .status,
        SendStatus::OkNow
    );
    let m = one(
        std::slice::from_ref(&e),
        &a,
        NY,
        at(NY, 2026, 11, 23, 21, 15),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert!(m.reason.contains("after 21:00"), "{}", m.reason);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 24, 12, 0)));
    // Early-bird therapist, same zone: 06:00–10:00 but the user starts at 08:00.
    let mut early = standard(None);
    early.set("hours.tue", "06:00-10:00").unwrap();
    let m = one(
        std::slice::from_ref(&e),
        &early,
        NY,
        at(NY, 2026, 11, 24, 7, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert!(m.reason.contains("before 8:00"), "{}", m.reason);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 24, 8, 0)));
    // Windows that never meet: no open time at all.
    let mut never_meet = standard(Some(TOKYO));
    for d in ["mon", "tue", "wed", "thu", "fri"] {
        never_meet
            .set(&format!("hours.{d}"), "10:00-12:00")
            .unwrap(); // = 20:00–22:00 NY... minus decent
    }
    never_meet.set("personal.decent_until", "19:00").unwrap();
    assert_eq!(
        next_open(&never_meet, NY, at(NY, 2026, 11, 23, 10, 0)),
        None
    );
}

#[test]
fn lunch_gap_between_ranges() {
    let mut a = standard(None);
    a.set("hours.mon", "09:00-12:00,13:00-17:00").unwrap();
    let e = text_entry(fixed(NY, 2026, 11, 23, 9, 0));
    assert_eq!(
        one(
            std::slice::from_ref(&e),
            &a,
            NY,
            at(NY, 2026, 11, 23, 11, 59)
        )
        .status,
        SendStatus::OkNow
    );
    let m = one(
        std::slice::from_ref(&e),
        &a,
        NY,
        at(NY, 2026, 11, 23, 12, 30),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, Some(fixed(NY, 2026, 11, 23, 13, 0)));
    assert_eq!(m.headline(), "Opens today 13:00");
    assert!(
        m.reason.contains("9:00\u{2013}12:00, 13:00\u{2013}17:00"),
        "{}",
        m.reason
    );
    assert_eq!(
        one(&[e], &a, NY, at(NY, 2026, 11, 23, 13, 0)).status,
        SendStatus::OkNow
    );
}

#[test]
fn us_spring_forward_2026_03_08() {
    let a = standard(None);
    // Saturday before the change → Monday 09:00 EDT (13:00 UTC, not 14:00).
    assert_eq!(
        open(&a, NY, at(NY, 2026, 3, 7, 12, 0)),
        utc(2026, 3, 9, 13, 0)
    );
    // A Sunday range starting inside the skipped hour opens when the clock jumps.
    let mut sunday = standard(None);
    sunday.set("hours.sun", "02:30-04:00").unwrap();
    sunday.set("personal.decent_from", "00:00").unwrap();
    assert_eq!(
        open(&sunday, NY, at(NY, 2026, 3, 8, 0, 0)),
        utc(2026, 3, 8, 7, 0)
    ); // 03:00 EDT
       // A night message written 01:30 EST: re-read after 08:00 EDT, not 08:00 EST.
    let e = text_entry(fixed(NY, 2026, 3, 8, 1, 30));
    assert_eq!(e.created_at.offset().local_minus_utc(), -5 * 3600);
    let m = one(&[e], &a, NY, at(NY, 2026, 3, 8, 1, 45));
    assert_eq!(m.status, SendStatus::NightReread);
    assert_eq!(
        m.reread_after.unwrap().with_timezone(&Utc),
        utc(2026, 3, 8, 12, 0)
    );
    assert_eq!(
        m.headline(),
        "Written at 1:30: re-read it after 8:00 before sending"
    );
    assert_eq!(
        m.opens_at.unwrap().with_timezone(&Utc),
        utc(2026, 3, 9, 13, 0)
    );
    assert_eq!(m.opens_at.unwrap().offset().local_minus_utc(), -4 * 3600);
}

#[test]
fn us_fall_back_2026_11_01() {
    let a = standard(None);
    // Saturday (EDT) → Monday 09:00 EST = 14:00 UTC.
    assert_eq!(
        open(&a, NY, at(NY, 2026, 10, 31, 12, 0)),
        utc(2026, 11, 2, 14, 0)
    );
    // A Sunday range over the repeated hour covers both 1 a.m.s: 05:00–07:00 UTC.
    let mut sunday = standard(None);
    sunday.set("hours.sun", "01:00-02:00").unwrap();
    sunday.set("personal.decent_from", "00:00").unwrap();
    let first_one_am = NY.from_utc_datetime(&utc(2026, 11, 1, 5, 0).naive_utc());
    let second_one_thirty = NY.from_utc_datetime(&utc(2026, 11, 1, 6, 30).naive_utc());
    assert_eq!(
        open(&sunday, NY, at(NY, 2026, 11, 1, 0, 30)),
        utc(2026, 11, 1, 5, 0)
    );
    assert_eq!(next_open(&sunday, NY, first_one_am).unwrap(), first_one_am);
    assert_eq!(
        next_open(&sunday, NY, second_one_thirty).unwrap(),
        second_one_thirty
    );
    // 02:00 EST (07:00 UTC) is closed again: next is Monday 09:00 EST.
    let two_am = NY.from_utc_datetime(&utc(2026, 11, 1, 7, 0).naive_utc());
    assert_eq!(open(&sunday, NY, two_am), utc(2026, 11, 2, 14, 0));
    // The week holding the change still starts Monday 00:00 local.
    let mut e = text_entry(fixed(NY, 2026, 10, 26, 9, 0));
    e.sent_at = Some(fixed(NY, 2026, 10, 26, 0, 0));
    assert_eq!(sent_this_week(&[e], NY, at(NY, 2026, 11, 1, 23, 0)), 1);
}

#[test]
fn europe_change_2026_03_29_therapist_london_user_tokyo() {
    let a = standard(Some(LONDON));
    // Before: London 09:00 GMT = Tokyo 18:00; the user's 21:00 ends the window.
    assert_eq!(
        next_open(&a, TOKYO, at(TOKYO, 2026, 3, 23, 10, 0)).unwrap(),
        at(TOKYO, 2026, 3, 23, 18, 0)
    );
    assert_eq!(
        next_open(&a, TOKYO, at(TOKYO, 2026, 3, 23, 21, 0)).unwrap(),
        at(TOKYO, 2026, 3, 24, 18, 0)
    );
    // After Sunday Mar 29 (BST): London 09:00 = Tokyo 17:00.
    let m = one(
        &[text_entry(fixed(TOKYO, 2026, 3, 27, 20, 0))],
        &a,
        TOKYO,
        at(TOKYO, 2026, 3, 27, 22, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, Some(fixed(TOKYO, 2026, 3, 30, 17, 0)));
    assert_eq!(m.headline(), "Opens Mon 30 Mar, 17:00");
    // The other way round: Tokyo therapist, London user across the change.
    let b = standard(Some(TOKYO));
    // Tokyo Mon 09:00 = London Mon 01:00 BST (before the user's 08:00); Tokyo 17:00 = 09:00 BST.
    assert_eq!(
        next_open(&b, LONDON, at(LONDON, 2026, 3, 29, 12, 0)).unwrap(),
        at(LONDON, 2026, 3, 30, 8, 0)
    );
    assert_eq!(
        next_open(&b, LONDON, at(LONDON, 2026, 3, 30, 9, 0)).unwrap(),
        at(LONDON, 2026, 3, 31, 8, 0)
    );
}

#[test]
fn no_hours_at_all_means_no_open_time() {
    let mut a = standard(None);
    for d in ["mon", "tue", "wed", "thu", "fri"] {
        a.set(&format!("hours.{d}"), "off").unwrap();
    }
    assert!(!a.hours_assumed());
    assert_eq!(next_open(&a, NY, at(NY, 2026, 11, 23, 10, 0)), None);
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 23, 9, 0))],
        &a,
        NY,
        at(NY, 2026, 11, 23, 10, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.opens_at, None);
    assert_eq!(
        m.headline(),
        "No texting hours ahead: keep it for the session?"
    );
}

#[test]
fn far_openings_show_the_date() {
    let mut a = standard(None);
    a.set("vacation.add", "2026-11-24..2026-12-06").unwrap();
    // Monday evening, vacation from tomorrow: opens_at is two weeks out.
    let m = one(
        &[text_entry(fixed(NY, 2026, 11, 23, 18, 0))],
        &a,
        NY,
        at(NY, 2026, 11, 23, 18, 0),
    );
    assert_eq!(m.status, SendStatus::OpensAt);
    assert_eq!(m.headline(), "Opens Mon 7 Dec, 9:00");
}

// ---------------------------------------------------------------- validation

#[test]
fn validate_reports_each_problem() {
    let mut a = standard(None);
    let hours = a.hours.as_mut().unwrap();
    hours.tue = vec![range("17:00-09:00")];
    hours.mon = vec![range("09:00-12:00"), range("11:00-13:00")];
    hours.wed = vec![range("10:00-10:00")];
    a.vacations.push(Vacation {
        start: date(2026, 12, 20),
        end: date(2026, 12, 10),
        note: String::new(),
    });
    a.weekly_limit = Some(0);
    a.decent_from = parse(21, 0);
    a.decent_until = parse(8, 0);
    a.night_start = parse(22, 0);
    a.night_end = parse(22, 0);
    a.therapist_name = "line\nbreak".into();
    let errs = a.validate().unwrap_err();
    let want = [
        "Monday: 09:00\u{2013}12:00 overlaps 11:00\u{2013}13:00",
        "Tuesday: 17:00\u{2013}09:00 ends before it starts",
        "Wednesday: 10:00\u{2013}10:00 is empty",
        "Vacation 2026-12-20..2026-12-10: ends before it starts",
        "Weekly limit: must be at least 1 text (or none for no limit)",
        "Night window: 22:00\u{2013}22:00 is empty",
        "Therapist name: no line breaks or control characters",
    ];
    for w in want {
        assert!(errs.iter().any(|e| e == w), "missing {w:?} in {errs:#?}");
    }
    assert!(
        errs.iter()
            .any(|e| e.starts_with("Decent hours: 21:00\u{2013}08:00 ends before it starts")),
        "{errs:#?}"
    );
    assert_eq!(errs.len(), want.len() + 1, "{errs:#?}");
    let b = Agreement {
        weekly_limit: Some(1000),
        ..Agreement::default()
    };
    assert!(b.validate().unwrap_err()[0].contains("1000 texts a week is not a limit"));
    // Adjacent ranges do not overlap; a night window inside one day is fine.
    let mut ok = standard(None);
    ok.set("hours.mon", "09:00-12:00,12:00-17:00").unwrap();
    ok.set("personal.night_start", "00:00").unwrap();
    ok.set("personal.night_end", "06:00").unwrap();
    assert_eq!(ok.validate(), Ok(()));
}

fn parse(h: u32, m: u32) -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

// ---------------------------------------------------------------- settings

#[test]
fn settings_get_set_round_trip() {
    let mut a = Agreement::default();
    let values = [
        ("therapist.name", "Dr. K"),
        ("therapist.timezone", "America/Los_Angeles"),
        ("hours.mon", "09:00-12:00,13:00-17:00"),
        ("hours.tue", "off"),
        ("hours.wed", "10:00-18:00"),
        ("hours.thu", "09:00-17:00"),
        ("hours.fri", "09:00-13:00"),
        ("hours.sat", "10:00-12:00"),
        ("hours.sun", "off"),
        ("texting.purpose", "agreed"),
        ("texting.topics", "scheduling, reassurance"),
        ("texting.weekly_limit", "3"),
        ("texting.urgent_channel", "call their cell"),
        ("personal.decent_from", "07:30"),
        ("personal.decent_until", "20:00"),
        ("personal.night_start", "23:00"),
        ("personal.night_end", "06:00"),
    ];
    for (k, v) in values {
        a.set(k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    for (k, v) in values {
        assert_eq!(a.get(k).unwrap(), v, "{k}");
    }
    assert_eq!(a.texting.purpose, TextingPurpose::Agreed);
    assert_eq!(a.texting.topics, vec!["scheduling", "reassurance"]);
    assert_eq!(a.therapist_tz, Some(LA));
    a.set("vacation.add", "2026-12-20..2027-01-03 winter break")
        .unwrap();
    a.set("vacation.add", "2027-02-14").unwrap();
    assert_eq!(
        a.get("vacation.list").unwrap(),
        "2026-12-20..2027-01-03 winter break\n2027-02-14..2027-02-14"
    );
    // Every documented key is readable or explains why not.
    for (k, help) in keys() {
        assert!(!help.is_empty());
        match a.get(k) {
            Ok(_) => {}
            Err(e) => assert!(e.contains("only be set"), "{k}: {e}"),
        }
    }
    a.set("therapist.timezone", "local").unwrap();
    assert_eq!(a.get("therapist.timezone").unwrap(), "local");
    a.set("vacation.clear", "").unwrap();
    assert!(a.vacations.is_empty());
    a.set("hours.reset", "").unwrap();
    assert!(a.hours_assumed());
    assert_eq!(a.get("hours.mon").unwrap(), "09:00-17:00");
}

#[test]
fn setting_one_day_keeps_the_assumed_others() {
    let mut a = Agreement::default();
    a.set("hours.fri", "09:00-13:00").unwrap();
    assert!(!a.hours_assumed());
    assert_eq!(a.get("hours.mon").unwrap(), "09:00-17:00");
    assert_eq!(a.get("hours.fri").unwrap(), "09:00-13:00");
    assert_eq!(a.get("hours.sat").unwrap(), "off");
}

#[test]
fn bad_set_leaves_agreement_unchanged() {
    let mut a = standard(Some(LA));
    a.set("texting.weekly_limit", "3").unwrap();
    let before = a.clone();
    let cases = [
        (
            "hours.tue",
            "17:00-09:00",
            "Tuesday: 17:00\u{2013}09:00 ends before it starts",
        ),
        ("hours.mon", "09:00-12:00,11:00-13:00", "overlaps"),
        ("hours.mon", "9am-5pm", "not a time"),
        ("therapist.timezone", "Mars/Olympus", "unknown time zone"),
        (
            "vacation.add",
            "2026-12-20..2026-12-10",
            "ends before it starts",
        ),
        ("vacation.add", "next week", "not a date"),
        ("texting.purpose", "therapy", "unknown texting purpose"),
        ("texting.weekly_limit", "0", "at least 1"),
        ("texting.weekly_limit", "lots", "not a number"),
        ("personal.decent_until", "07:00", "Decent hours"),
        ("personal.night_end", "22:00", "Night window"),
        ("personal.night_end", "25:00", "not a time"),
        ("therapist.name", "a\nb", "one line"),
        ("no.such.key", "1", "unknown setting"),
        ("vacation.list", "x", "read only"),
    ];
    for (k, v, want) in cases {
        let err = a.set(k, v).unwrap_err();
        assert!(err.contains(want), "{k}={v}: {err}");
        assert_eq!(a, before, "{k}={v} changed the agreement");
    }
    assert!(a.get("no.such.key").is_err());
}

// ---------------------------------------------------------------- TOML

#[test]
fn toml_round_trip_is_readable() {
    let mut a = Agreement::default();
    a.set("therapist.name", "R.M.").unwrap();
    a.set("therapist.timezone", "Europe/London").unwrap();
    a.set("hours.mon", "09:00-12:00,13:00-17:00").unwrap();
    a.set("hours.sat", "10:00-24:00").unwrap();
    a.set("vacation.add", "2026-12-20..2027-01-03 winter break")
        .unwrap();
    a.set("texting.purpose", "logistics_and_check_ins").unwrap();
    a.set("texting.weekly_limit", "3").unwrap();
    a.set("texting.urgent_channel", "call their cell").unwrap();
    let text = toml::to_string(&a).unwrap();
    assert!(
        text.contains(r#"mon = ["09:00-12:00", "13:00-17:00"]"#),
        "{text}"
    );
    assert!(text.contains(r#"sat = ["10:00-24:00"]"#), "{text}");
    assert!(text.contains(r#"therapist_tz = "Europe/London""#), "{text}");
    assert!(text.contains(r#"decent_from = "08:00""#), "{text}");
    assert!(
        text.contains(r#"purpose = "logistics_and_check_ins""#),
        "{text}"
    );
    let back: Agreement = toml::from_str(&text).unwrap();
    assert_eq!(back, a);
    // Default round trip keeps hours assumed.
    let d = toml::to_string(&Agreement::default()).unwrap();
    let back: Agreement = toml::from_str(&d).unwrap();
    assert!(back.hours_assumed());
    assert_eq!(back, Agreement::default());
    // Missing fields take defaults; "local" zone and short times are read.
    let partial: Agreement = toml::from_str(
        "therapist_tz = \"local\"\nnight_start = \"23:30\"\n[hours]\ntue = [\"8:00-16:00\"]\n",
    )
    .unwrap();
    assert_eq!(partial.therapist_tz, None);
    assert_eq!(partial.night_start, parse(23, 30));
    assert_eq!(partial.decent_from, parse(8, 0));
    assert_eq!(partial.get("hours.tue").unwrap(), "08:00-16:00");
    assert_eq!(partial.get("hours.mon").unwrap(), "off");
    assert!(toml::from_str::<Agreement>("[hours]\nmon = [\"nine to five\"]\n").is_err());
}
