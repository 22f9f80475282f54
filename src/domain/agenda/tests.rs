use std::collections::BTreeMap;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Timelike, Weekday,
};
use chrono_tz::America::New_York;
use chrono_tz::Tz;

use super::export::{TELL_FIRST, TOPICS};
use super::*;
use crate::domain::model::{Bucket, Entry};
use crate::domain::when::Clock;

fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Tz> {
    New_York
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn offset_hours(dt: &DateTime<Tz>) -> i32 {
    dt.offset().fix().local_minus_utc() / 3600
}

fn weekly(weekday: Weekday, h: u32, anchor: NaiveDate, every: u32) -> Schedule {
    let mut s = Schedule::default();
    s.set_recurring(Recurring {
        weekday,
        time: NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
        every_weeks: every,
        minutes: 50,
        tz: New_York,
        anchor,
    })
    .unwrap();
    s
}

/// Tuesdays 15:00 New York, weekly from 2026-11-03.
fn tuesdays() -> Schedule {
    weekly(Weekday::Tue, 15, date(2026, 11, 3), 1)
}

fn entry(id: &str, text: &str, bucket: Bucket, created: DateTime<Tz>) -> Entry {
    let mut e = Entry::new(text, bucket, created.fixed_offset());
    e.id = id.to_string();
    e
}

fn ids(a: &Agenda) -> Vec<&str> {
    a.items.iter().map(|i| i.entry_id.as_str()).collect()
}

// ---------------------------------------------------------------- schedule

#[test]
fn weekly_keeps_wall_time_across_spring_forward() {
    // Thursdays 15:00 from 2026-01-01; DST starts Sunday 2026-03-08.
    let s = weekly(Weekday::Thu, 15, date(2026, 1, 1), 1);
    let before = s.next_after(ny(2026, 3, 2, 9, 0)).unwrap();
    assert_eq!(before.start, ny(2026, 3, 5, 15, 0));
    assert_eq!(offset_hours(&before.start), -5);
    let after = s.next_after(ny(2026, 3, 6, 12, 0)).unwrap();
    assert_eq!(after.start, ny(2026, 3, 12, 15, 0));
    assert_eq!(after.start.hour(), 15);
    assert_eq!(offset_hours(&after.start), -4);
    // 7 days apart on the calendar, 167 hours apart in real time.
    assert_eq!(after.start - before.start, Duration::hours(167));
    let prev = s.previous_before(ny(2026, 3, 12, 10, 0)).unwrap();
    assert_eq!(prev.start, ny(2026, 3, 5, 15, 0));
}

#[test]
fn weekly_keeps_wall_time_across_fall_back() {
    let s = weekly(Weekday::Thu, 15, date(2026, 1, 1), 1);
    let next = s.next_after(ny(2026, 10, 30, 8, 0)).unwrap();
    assert_eq!(next.start, ny(2026, 11, 5, 15, 0));
    assert_eq!(offset_hours(&next.start), -5);
    let prev = s.previous_before(ny(2026, 11, 2, 8, 0)).unwrap();
    assert_eq!(prev.start, ny(2026, 10, 29, 15, 0));
    assert_eq!(offset_hours(&prev.start), -4);
    assert_eq!(next.start - prev.start, Duration::hours(169));
}

#[test]
fn sessions_on_the_dst_days_themselves() {
    // Sunday 02:30 does not exist on 2026-03-08: the app's one wall-time rule
    // (`domain::wall_time`) moves it to the end of the gap, 03:00 EDT, as it
    // does for held messages, reminders and imports.
    let mut s = Schedule::default();
    s.set_recurring(Recurring {
        weekday: Weekday::Sun,
        time: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        every_weeks: 1,
        minutes: 50,
        tz: New_York,
        anchor: date(2026, 1, 4),
    })
    .unwrap();
    let n = s.next_after(ny(2026, 3, 7, 12, 0)).unwrap();
    assert_eq!((n.start.hour(), n.start.minute()), (3, 0));
    assert_eq!(offset_hours(&n.start), -4);
    // The week after is back to 02:30.
    let n2 = s.next_after(n.end()).unwrap();
    assert_eq!((n2.start.hour(), n2.start.minute()), (2, 30));

    // Sunday 01:30 happens twice on 2026-11-01: the earlier (EDT) one.
    let mut s = Schedule::default();
    s.set_recurring(Recurring {
        weekday: Weekday::Sun,
        time: NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
        every_weeks: 1,
        minutes: 50,
        tz: New_York,
        anchor: date(2026, 1, 4),
    })
    .unwrap();
    let n = s.next_after(ny(2026, 10, 31, 12, 0)).unwrap();
    assert_eq!(n.start.date_naive(), date(2026, 11, 1));
    assert_eq!(n.start.hour(), 1);
    assert_eq!(offset_hours(&n.start), -4);
}

#[test]
fn session_in_progress_is_next_and_not_previous() {
    let s = tuesdays();
    let during = ny(2026, 11, 24, 15, 20);
    assert_eq!(s.next_after(during).unwrap().start, ny(2026, 11, 24, 15, 0));
    assert_eq!(
        s.previous_before(during).unwrap().start,
        ny(2026, 11, 17, 15, 0)
    );
    // At the exact end it is over.
    let end = ny(2026, 11, 24, 15, 50);
    assert_eq!(s.next_after(end).unwrap().start, ny(2026, 12, 1, 15, 0));
    assert_eq!(
        s.previous_before(end).unwrap().start,
        ny(2026, 11, 24, 15, 0)
    );
    // At the exact start it is the next one.
    let start = ny(2026, 11, 24, 15, 0);
    assert_eq!(s.next_after(start).unwrap().start, start);
}

#[test]
fn every_two_weeks_follows_the_anchor() {
    // Anchor on a Sunday; the series starts on the following Tuesday 2026-11-03.
    let s = weekly(Weekday::Tue, 15, date(2026, 11, 1), 2);
    assert_eq!(
        s.next_after(ny(2026, 10, 1, 9, 0)).unwrap().start,
        ny(2026, 11, 3, 15, 0)
    );
    assert!(s.previous_before(ny(2026, 11, 3, 9, 0)).is_none());
    assert_eq!(
        s.next_after(ny(2026, 11, 5, 9, 0)).unwrap().start,
        ny(2026, 11, 17, 15, 0)
    );
    assert_eq!(
        s.next_after(ny(2026, 11, 17, 16, 0)).unwrap().start,
        ny(2026, 12, 1, 15, 0)
    );
    assert_eq!(
        s.previous_before(ny(2026, 11, 16, 9, 0)).unwrap().start,
        ny(2026, 11, 3, 15, 0)
    );
    // Over the fall-back change too: 2026-10-20 (EDT) -> 2026-11-03 (EST), still 15:00.
    let s = weekly(Weekday::Tue, 15, date(2026, 10, 6), 2);
    let n = s.next_after(ny(2026, 10, 21, 9, 0)).unwrap();
    assert_eq!(n.start, ny(2026, 11, 3, 15, 0));
    let p = s.previous_before(ny(2026, 10, 21, 9, 0)).unwrap();
    assert_eq!(p.start, ny(2026, 10, 20, 15, 0));
    assert_eq!(offset_hours(&p.start), -4);
    assert_eq!(offset_hours(&n.start), -5);
}

#[test]
fn cancellations_skip_sessions() {
    let mut s = tuesdays();
    s.cancel(date(2026, 11, 24)).unwrap();
    s.cancel(date(2026, 12, 1)).unwrap();
    s.cancel(date(2026, 12, 1)).unwrap(); // idempotent
    assert_eq!(s.cancelled, vec![date(2026, 11, 24), date(2026, 12, 1)]);
    assert_eq!(
        s.next_after(ny(2026, 11, 22, 9, 0)).unwrap().start,
        ny(2026, 12, 8, 15, 0)
    );
    assert_eq!(
        s.previous_before(ny(2026, 12, 7, 9, 0)).unwrap().start,
        ny(2026, 11, 17, 15, 0)
    );
    // Not a session day.
    assert!(s.cancel(date(2026, 11, 25)).is_err());
    // Before the series.
    assert!(s.cancel(date(2026, 10, 27)).is_err());
    s.uncancel(date(2026, 11, 24)).unwrap();
    assert!(s.uncancel(date(2026, 11, 24)).is_err());
    assert_eq!(
        s.next_after(ny(2026, 11, 22, 9, 0)).unwrap().start,
        ny(2026, 11, 24, 15, 0)
    );
}

#[test]
fn one_offs_join_the_series() {
    let mut s = tuesdays();
    let cet = FixedOffset::east_opt(3600).unwrap();
    // Friday 2026-11-20 16:00 in Paris = 10:00 New York.
    let at = cet.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap();
    s.add_one_off(at, 80).unwrap();
    assert!(s.add_one_off(at, 0).is_err());
    let n = s.next_after(ny(2026, 11, 18, 9, 0)).unwrap();
    assert_eq!(n.start, ny(2026, 11, 20, 10, 0));
    assert_eq!(n.start.timezone(), New_York);
    assert_eq!(n.minutes, 80);
    assert_eq!(
        s.previous_before(ny(2026, 11, 22, 9, 0)).unwrap().start,
        n.start
    );
    // Only one-offs, no series.
    let mut only = Schedule::default();
    assert!(only.next_after(ny(2026, 11, 1, 9, 0)).is_none());
    only.add_one_off(at, 50).unwrap();
    assert_eq!(
        only.next_after(ny(2026, 11, 1, 9, 0)).unwrap().start,
        n.start
    );
    assert!(only.next_after(ny(2026, 11, 21, 9, 0)).is_none());
    // Cancelling its date removes the one-off (date in its own offset).
    s.cancel(date(2026, 11, 20)).unwrap();
    assert!(s.one_offs.is_empty());
    // A one-off at the same instant as a recurring session replaces its length.
    s.add_one_off(ny(2026, 11, 24, 15, 0).fixed_offset(), 90)
        .unwrap();
    let n = s.next_after(ny(2026, 11, 22, 9, 0)).unwrap();
    assert_eq!((n.start, n.minutes), (ny(2026, 11, 24, 15, 0), 90));
}

#[test]
fn schedule_validation_and_toml_round_trip() {
    let mut s = Schedule::default();
    let mut r = tuesdays().recurring.unwrap();
    r.every_weeks = 0;
    assert!(s.set_recurring(r.clone()).is_err());
    r.every_weeks = 2;
    s.set_recurring(r).unwrap();
    s.cancel(date(2026, 11, 17)).unwrap();
    s.add_one_off(ny(2026, 11, 20, 10, 0).fixed_offset(), 50)
        .unwrap();
    let text = toml::to_string(&s).unwrap();
    let back: Schedule = toml::from_str(&text).unwrap();
    assert_eq!(back, s);
    // Defaults when minutes / every_weeks are left out.
    let minimal: Schedule = toml::from_str(
        "[recurring]\nweekday = \"Tue\"\ntime = \"15:00:00\"\ntz = \"America/New_York\"\nanchor = \"2026-11-03\"\n",
    )
    .unwrap();
    let r = minimal.recurring.unwrap();
    assert_eq!((r.minutes, r.every_weeks), (50, 1));
    // Session JSON keeps the zone name.
    let sess = tuesdays().next_after(ny(2026, 11, 22, 9, 0)).unwrap();
    let json = serde_json::to_string(&sess).unwrap();
    assert!(json.contains("America/New_York"), "{json}");
    assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), sess);
}

// ---------------------------------------------------------------- agenda

/// Now is Sunday 2026-11-22 20:00; previous session Tue 11-17 15:00, next Tue 11-24 15:00.
fn now() -> DateTime<Tz> {
    ny(2026, 11, 22, 20, 0)
}

fn sample_entries() -> Vec<Entry> {
    let mut v = Vec::new();
    v.push(entry(
        "a-session",
        "I froze again when my manager raised her voice\nmore",
        Bucket::Session,
        ny(2026, 11, 18, 9, 0),
    ));
    v.push(entry(
        "b-old",
        "Old thing from before last session",
        Bucket::Session,
        ny(2026, 11, 16, 9, 0),
    ));
    let mut c = entry(
        "c-discussed",
        "Already talked about",
        Bucket::Session,
        ny(2026, 11, 19, 9, 0),
    );
    c.discussed_at = Some(ny(2026, 11, 20, 9, 0).fixed_offset());
    v.push(c);
    let mut d = entry(
        "d-draft",
        "Half a thought",
        Bucket::Session,
        ny(2026, 11, 19, 10, 0),
    );
    d.draft = true;
    v.push(d);
    v.push(entry(
        "e-held",
        "Can we move Thursday to 4?",
        Bucket::Hours,
        ny(2026, 11, 19, 23, 30),
    ));
    let mut f = entry(
        "f-sent",
        "Running ten minutes late",
        Bucket::Hours,
        ny(2026, 11, 20, 8, 0),
    );
    f.sent_at = Some(ny(2026, 11, 20, 9, 0).fixed_offset());
    v.push(f);
    v.push(entry(
        "g-crisis",
        "The night of the 20th was very dark",
        Bucket::Crisis,
        ny(2026, 11, 20, 3, 0),
    ));
    let mut h = entry(
        "h-crisis-off",
        "A crisis entry I took off",
        Bucket::Crisis,
        ny(2026, 11, 20, 4, 0),
    );
    h.off_agenda = true;
    v.push(h);
    v.push(entry(
        "i-carried",
        "My mother's visit at Christmas",
        Bucket::Session,
        ny(2026, 11, 1, 9, 0),
    ));
    v.push(entry(
        "j-during",
        "Written in the waiting room",
        Bucket::Session,
        ny(2026, 11, 17, 15, 20),
    ));
    let mut k = entry(
        "k-off",
        "Something I removed",
        Bucket::Session,
        ny(2026, 11, 21, 9, 0),
    );
    k.off_agenda = true;
    v.push(k);
    v.push(entry(
        "l-before-prev-start",
        "Written just before the last session",
        Bucket::Session,
        ny(2026, 11, 17, 14, 59),
    ));
    v
}

fn sample_state() -> AgendaState {
    let mut st = AgendaState::default();
    st.carried.insert("i-carried".into());
    st.homework = Some("Notice the freeze and name it out loud once".into());
    st
}

#[test]
fn gathers_what_belongs_and_nothing_else() {
    let entries = sample_entries();
    let a = build_agenda(&entries, &sample_state(), &tuesdays(), now());
    assert_eq!(a.session.as_ref().unwrap().start, ny(2026, 11, 24, 15, 0));
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "i-carried",
            "j-during",
            "a-session",
            "e-held"
        ]
    );
    let get = |id: &str| a.item(id).unwrap();
    assert_eq!(get("g-crisis").kind, ItemKind::Urgent);
    assert!(get("g-crisis")
        .markers()
        .contains(&"talk about this in session too"));
    assert_eq!(get(HOMEWORK_ID).kind, ItemKind::Homework);
    assert_eq!(
        get(HOMEWORK_ID).title,
        "How it went: Notice the freeze and name it out loud once"
    );
    assert!(get("e-held").held);
    assert!(!get("a-session").held);
    assert!(get("i-carried").carried_over);
    assert!(!get("a-session").carried_over);
    assert_eq!(
        get("a-session").title,
        "I froze again when my manager raised her voice"
    );
    assert_eq!(get("a-session").minutes, DEFAULT_ITEM_MINUTES);
}

#[test]
fn no_previous_session_takes_all_open_entries() {
    // Series starts 2026-11-24: nothing before it.
    let s = weekly(Weekday::Tue, 15, date(2026, 11, 24), 1);
    let mut st = sample_state();
    st.carried.clear();
    st.homework = None;
    let a = build_agenda(&sample_entries(), &st, &s, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            "i-carried",
            "b-old",
            "l-before-prev-start",
            "j-during",
            "a-session",
            "e-held"
        ]
    );
    // Nothing scheduled at all: default 50-minute fit, session None.
    let a = build_agenda(&sample_entries(), &st, &Schedule::default(), now());
    assert!(a.session.is_none());
    assert_eq!(a.available_minutes, 40);
}

#[test]
fn carried_over_survives_two_sessions_then_closes() {
    let s = tuesdays();
    let mut entries = vec![
        entry("x", "Carry me", Bucket::Session, ny(2026, 11, 10, 9, 0)),
        entry(
            "y",
            "Talk about me",
            Bucket::Session,
            ny(2026, 11, 11, 9, 0),
        ),
    ];
    let mut st = AgendaState::default();
    // Before the 11-17 session (previous 11-10 15:00).
    let a1 = build_agenda(&entries, &st, &s, ny(2026, 11, 16, 9, 0));
    assert_eq!(ids(&a1), vec!["y"]); // x was written before the 11-10 session started
    st.carried.insert("x".into()); // carried over from the 11-10 session
    let a1 = build_agenda(&entries, &st, &s, ny(2026, 11, 16, 9, 0));
    assert_eq!(ids(&a1), vec!["x", "y"]);
    let review = Review {
        session_start: ny(2026, 11, 17, 15, 0).fixed_offset(),
        outcomes: BTreeMap::from([
            ("x".to_string(), Outcome::CarriedOver),
            ("y".to_string(), Outcome::Discussed),
        ]),
        took_away: String::new(),
        will_try: String::new(),
    };
    apply_review(
        &mut entries,
        &mut st,
        &a1,
        &review,
        ny(2026, 11, 17, 16, 0).fixed_offset(),
    );
    // Second session: x is older than the previous session but still carried.
    let a2 = build_agenda(&entries, &st, &s, ny(2026, 11, 22, 9, 0));
    assert_eq!(ids(&a2), vec!["x"]);
    assert!(a2.items[0].carried_over);
    let review2 = Review {
        session_start: ny(2026, 11, 24, 15, 0).fixed_offset(),
        outcomes: BTreeMap::from([("x".to_string(), Outcome::CarriedOver)]),
        ..review.clone()
    };
    apply_review(
        &mut entries,
        &mut st,
        &a2,
        &review2,
        ny(2026, 11, 24, 16, 0).fixed_offset(),
    );
    let a3 = build_agenda(&entries, &st, &s, ny(2026, 11, 29, 9, 0));
    assert_eq!(ids(&a3), vec!["x"]);
    let review3 = Review {
        session_start: ny(2026, 12, 1, 15, 0).fixed_offset(),
        outcomes: BTreeMap::from([("x".to_string(), Outcome::Discussed)]),
        ..review
    };
    apply_review(
        &mut entries,
        &mut st,
        &a3,
        &review3,
        ny(2026, 12, 1, 16, 0).fixed_offset(),
    );
    assert!(st.carried.is_empty());
    assert!(build_agenda(&entries, &st, &s, ny(2026, 12, 6, 9, 0))
        .items
        .is_empty());
}

#[test]
fn ordering_is_stable_and_deterministic() {
    let entries = sample_entries();
    let st = sample_state();
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    let mut reversed = entries.clone();
    reversed.reverse();
    let b = build_agenda(&reversed, &st, &tuesdays(), now());
    assert_eq!(a, b);
    // Same created_at: the id breaks the tie.
    let t = ny(2026, 11, 18, 9, 0);
    let tied = vec![
        entry("zz", "Z", Bucket::Session, t),
        entry("aa", "A", Bucket::Session, t),
    ];
    let a = build_agenda(&tied, &AgendaState::default(), &tuesdays(), now());
    assert_eq!(ids(&a), vec!["aa", "zz"]);
}

#[test]
fn priority_pin_and_moves() {
    let entries = sample_entries();
    let mut st = sample_state();
    let sched = tuesdays();
    // Priority beats age inside the ranked group.
    st.set_priority("e-held", Some(1));
    st.set_priority("a-session", Some(2));
    let a = build_agenda(&entries, &st, &sched, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "e-held",
            "a-session",
            "i-carried",
            "j-during"
        ]
    );
    // Pinned goes above the ranked items, never above urgent or homework.
    assert!(st.toggle_pin(&a, "j-during"));
    assert!(!st.toggle_pin(&a, "g-crisis"), "urgent cannot be pinned");
    let a = build_agenda(&entries, &st, &sched, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "j-during",
            "e-held",
            "a-session",
            "i-carried"
        ]
    );
    assert!(a.item("j-during").unwrap().pinned);
    // Moves stay inside the group.
    assert!(!st.move_up(&a, "e-held"), "top of its group");
    assert!(!st.move_up(&a, HOMEWORK_ID));
    assert!(st.move_down(&a, "e-held"));
    let a = build_agenda(&entries, &st, &sched, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "j-during",
            "a-session",
            "e-held",
            "i-carried"
        ]
    );
    assert!(st.move_up(&a, "i-carried"));
    let a = build_agenda(&entries, &st, &sched, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "j-during",
            "a-session",
            "i-carried",
            "e-held"
        ]
    );
    assert!(!st.move_down(&a, "e-held"), "bottom");
    // Explicit rank beats priority; a new entry lands after the ranked ones.
    let mut more = entries.clone();
    more.push(entry(
        "m-new",
        "Brand new",
        Bucket::Session,
        ny(2026, 11, 22, 19, 0),
    ));
    let a = build_agenda(&more, &st, &sched, now());
    assert_eq!(a.items.last().unwrap().entry_id, "m-new");
    // Unpin: back to the ranked group, at the end of the explicitly ranked ones.
    assert!(!st.toggle_pin(&a, "j-during"));
    let a = build_agenda(&more, &st, &sched, now());
    assert_eq!(
        ids(&a),
        vec![
            "g-crisis",
            HOMEWORK_ID,
            "a-session",
            "i-carried",
            "e-held",
            "j-during",
            "m-new"
        ]
    );
}

#[test]
fn edits_titles_wants_minutes_and_removal() {
    let mut entries = sample_entries();
    let mut st = sample_state();
    st.set_title("a-session", "  Work: the freeze  ");
    st.set_want("a-session", Some(Want::Advice));
    assert!(st.set_minutes("a-session", Some(0)).is_err());
    st.set_minutes("a-session", Some(15)).unwrap();
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    let it = a.item("a-session").unwrap();
    assert_eq!(
        (it.title.as_str(), it.want, it.minutes),
        ("Work: the freeze", Some(Want::Advice), 15)
    );
    st.set_title("a-session", "   ");
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    assert_eq!(
        a.item("a-session").unwrap().title,
        "I froze again when my manager raised her voice"
    );
    // Removing the crisis item sets off_agenda on the entry.
    st.remove(&mut entries, "g-crisis").unwrap();
    assert!(
        entries
            .iter()
            .find(|e| e.id == "g-crisis")
            .unwrap()
            .off_agenda
    );
    st.remove(&mut entries, "i-carried").unwrap();
    assert!(!st.carried.contains("i-carried"));
    st.remove(&mut entries, HOMEWORK_ID).unwrap();
    assert!(st.remove(&mut entries, "nope").is_err());
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    assert_eq!(ids(&a), vec!["j-during", "a-session", "e-held"]);
    st.restore(&mut entries, "g-crisis").unwrap();
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    assert_eq!(ids(&a)[0], "g-crisis");
    // Prefs that return to defaults are forgotten.
    st.set_want("a-session", None);
    st.set_minutes("a-session", None).unwrap();
    assert!(!st.prefs.contains_key("a-session"));
}

#[test]
fn titles_cut_at_a_word_boundary() {
    assert_eq!(title_from("  short  "), "short");
    assert_eq!(title_from(""), "Untitled entry");
    let long = "I keep thinking about what she said at dinner and how I could not answer her at all, again and again";
    let t = title_from(long);
    assert!(t.ends_with('…'));
    assert!(t.chars().count() <= 81, "{t}");
    assert_eq!(
        t,
        "I keep thinking about what she said at dinner and how I could not answer her at…"
    );
    let word = "a".repeat(200);
    assert_eq!(title_from(&word).chars().count(), 81);
}

#[test]
fn fit_line_is_a_single_line() {
    let entries = sample_entries();
    let mut st = sample_state();
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    assert_eq!(a.available_minutes, 40);
    let firsts: Vec<bool> = a.items.iter().map(|i| i.first).collect();
    assert_eq!(firsts, vec![true, true, true, true, false, false]);
    assert_eq!(a.first_minutes, 40);
    // A long second item stops the line even though later short ones would fit.
    st.set_minutes(HOMEWORK_ID, Some(35)).unwrap();
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    let firsts: Vec<bool> = a.items.iter().map(|i| i.first).collect();
    assert_eq!(firsts, vec![true, false, false, false, false, false]);
    assert_eq!(a.first_minutes, 10);
    // Longer check-in shrinks the room.
    st.set_minutes(HOMEWORK_ID, None).unwrap();
    st.checkin_minutes = 20;
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    assert_eq!(a.available_minutes, 25);
    assert_eq!(a.items.iter().filter(|i| i.first).count(), 2);
}

#[test]
fn review_closes_the_loop() {
    let mut entries = sample_entries();
    let mut st = sample_state();
    st.set_title("e-held", "Moving Thursday");
    st.set_title("a-session", "The freeze");
    let a = build_agenda(&entries, &st, &tuesdays(), now());
    let review = Review {
        session_start: ny(2026, 11, 24, 15, 0).fixed_offset(),
        outcomes: BTreeMap::from([
            ("g-crisis".to_string(), Outcome::Discussed),
            ("i-carried".to_string(), Outcome::Discussed),
            ("a-session".to_string(), Outcome::CarriedOver),
            ("e-held".to_string(), Outcome::Dropped),
            // j-during has no outcome: carried over by default.
        ]),
        took_away: " The freeze is old, not about her. ".into(),
        will_try: " Breathe out for longer than in ".into(),
    };
    let at = ny(2026, 11, 24, 16, 0).fixed_offset();
    let arch = apply_review(&mut entries, &mut st, &a, &review, at);
    let e = |id: &str| entries.iter().find(|e| e.id == id).unwrap().clone();
    assert_eq!(e("g-crisis").discussed_at, Some(at));
    assert_eq!(e("i-carried").discussed_at, Some(at));
    assert!(e("e-held").off_agenda);
    assert_eq!(e("a-session").discussed_at, None);
    assert!(st.carried.contains("a-session"));
    assert!(st.carried.contains("j-during"));
    assert!(!st.carried.contains("i-carried"));
    assert!(!st.prefs.contains_key("e-held"));
    assert_eq!(st.prefs["a-session"].title.as_deref(), Some("The freeze"));
    assert_eq!(
        st.homework.as_deref(),
        Some("Breathe out for longer than in")
    );
    assert_eq!(arch.outcomes["j-during"], Outcome::CarriedOver);
    assert!(!arch.outcomes.contains_key(HOMEWORK_ID));
    assert_eq!(arch.took_away, "The freeze is old, not about her.");
    assert_eq!(
        arch.homework_reviewed.as_deref(),
        Some("Notice the freeze and name it out loud once")
    );
    assert_eq!(arch.minutes, 50);
    assert_eq!(arch.items, a.items);
    let json = serde_json::to_string(&arch).unwrap();
    assert_eq!(
        serde_json::from_str::<ArchivedSession>(&json).unwrap(),
        arch
    );

    // The next agenda: new homework opens it, carried items follow.
    let next = build_agenda(&entries, &st, &tuesdays(), ny(2026, 11, 26, 9, 0));
    assert_eq!(ids(&next), vec![HOMEWORK_ID, "j-during", "a-session"]);
    assert_eq!(
        next.items[0].title,
        "How it went: Breathe out for longer than in"
    );
    // An empty will_try clears the homework.
    let a2 = next.clone();
    let r2 = Review {
        will_try: "  ".into(),
        ..review
    };
    apply_review(
        &mut entries,
        &mut st,
        &a2,
        &r2,
        ny(2026, 12, 1, 16, 0).fixed_offset(),
    );
    assert!(st.homework.is_none());
}

#[test]
fn agenda_json_has_the_cli_fields() {
    let a = build_agenda(&sample_entries(), &sample_state(), &tuesdays(), now());
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    let first = &v["items"][0];
    for k in [
        "entry_id",
        "title",
        "bucket",
        "carried_over",
        "want",
        "first",
    ] {
        assert!(first.get(k).is_some(), "missing {k}");
    }
    assert_eq!(first["bucket"], "crisis");
    assert_eq!(first["kind"], "urgent");
    let st_json = serde_json::to_string(&sample_state()).unwrap();
    assert_eq!(
        serde_json::from_str::<AgendaState>(&st_json).unwrap(),
        sample_state()
    );
    // Missing minute fields default to 5.
    let st: AgendaState = serde_json::from_str("{}").unwrap();
    assert_eq!((st.checkin_minutes, st.wrapup_minutes), (5, 5));
}

// ---------------------------------------------------------------- countdown

#[test]
fn countdown_wording() {
    let s = tuesdays().next_after(now()).unwrap();
    assert_eq!(
        countdown(&s, now(), Clock::H12),
        "Tue 24 Nov, 3:00 PM, in 2 days"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 12, 0), Clock::H12),
        "today at 3:00 PM, in 3 hours"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 14, 30), Clock::H12),
        "today at 3:00 PM, in 30 minutes"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 13, 59), Clock::H12),
        "today at 3:00 PM, in 1 hour"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 15, 10), Clock::H12),
        "now, until 3:50 PM"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 16, 10), Clock::H12),
        "earlier today, ended at 3:50 PM"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 15, 9, 0), Clock::H12),
        "Tue 24 Nov, 3:00 PM, in 9 days"
    );
    let morning = Session {
        start: ny(2026, 11, 24, 9, 0),
        minutes: 50,
    };
    assert_eq!(
        countdown(&morning, ny(2026, 11, 23, 18, 0), Clock::H12),
        "tomorrow 9:00 AM"
    );
    assert_eq!(
        countdown(&morning, ny(2026, 11, 23, 23, 59), Clock::H12),
        "tomorrow 9:00 AM"
    );
}

#[test]
fn countdown_in_24_hours() {
    let s = tuesdays().next_after(now()).unwrap();
    assert_eq!(
        countdown(&s, ny(2026, 11, 24, 15, 10), Clock::H24),
        "now, until 15:50"
    );
    assert_eq!(
        countdown(&s, ny(2026, 11, 25, 9, 0), Clock::H24),
        "yesterday 15:00"
    );
}

// ---------------------------------------------------------------- exports

/// A fixed agenda for the golden files.
fn golden_agenda() -> (Agenda, Vec<Entry>) {
    let mut entries = sample_entries();
    entries.push(entry(
        "n-escape",
        "Is it <ok> to say \"no\" & mean it? *really*",
        Bucket::Session,
        ny(2026, 11, 21, 10, 0),
    ));
    let mut st = sample_state();
    st.set_want("g-crisis", Some(Want::ToBeHeard));
    st.set_want("a-session", Some(Want::Advice));
    st.set_want("e-held", Some(Want::ToDecide));
    st.set_minutes("a-session", Some(15)).unwrap();
    st.set_priority("a-session", Some(1));
    let a0 = build_agenda(&entries, &st, &tuesdays(), now());
    st.toggle_pin(&a0, "n-escape");
    (build_agenda(&entries, &st, &tuesdays(), now()), entries)
}

fn golden(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{}", env!("CARGO_MANIFEST_DIR"), name);
    if std::env::var_os("BETWEEN_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(
        actual, expected,
        "golden {name} differs (BETWEEN_BLESS=1 rewrites it)"
    );
}

#[test]
fn golden_markdown() {
    let (a, _) = golden_agenda();
    golden("agenda.md", &to_markdown(&a, New_York));
}

#[test]
fn golden_html() {
    let (a, _) = golden_agenda();
    golden("agenda.html", &to_html(&a, New_York));
}

#[test]
fn exports_leave_out_what_the_user_excluded() {
    let (a, entries) = golden_agenda();
    let off = [
        "A crisis entry I took off",
        "Something I removed",
        "Half a thought",
        "Old thing",
    ];
    let md = to_markdown(&a, New_York);
    let html = to_html(&a, New_York);
    for s in off {
        assert!(!md.contains(s) && !html.contains(s), "{s}");
    }
    // Without full_text, no line beyond the first appears.
    assert!(!md.contains("more"));
    let opts = ExportOptions {
        full_text: true,
        entries: &entries,
        clock: Clock::H12,
    };
    let md_full = to_markdown_with(&a, New_York, &opts);
    let html_full = to_html_with(&a, New_York, &opts);
    assert!(md_full.contains("   > more"));
    assert!(html_full.contains("more</div>"));
    for s in off {
        assert!(!md_full.contains(s) && !html_full.contains(s), "{s}");
    }
    // Escaping.
    assert!(html.contains("Is it &lt;ok&gt; to say &quot;no&quot; &amp; mean it? *really*"));
    assert!(!html.contains("<ok>"));
    assert!(md.contains("Is it \\<ok\\> to say \"no\" & mean it? \\*really\\*"));
    // The heading and the rule.
    assert!(md.starts_with("# Agenda for Tuesday 24 November 2026, 3:00 PM, 50 minutes\n"));
    assert_eq!(md.matches(IF_THERES_TIME).count(), 1);
}

#[test]
fn pdf_export_is_a_pdf() {
    let (a, entries) = golden_agenda();
    let pdf = to_pdf(&a, New_York).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 1000);
    // No clock leaks in: the same agenda gives the same bytes, except the trailer's
    // /ID pair, which printpdf 0.7 always draws at random.
    fn without_id(pdf: &[u8]) -> Vec<u8> {
        let at = pdf
            .windows(4)
            .position(|w| w == b"/ID[")
            .expect("trailer /ID");
        let end = at + pdf[at..].iter().position(|b| *b == b']').unwrap();
        [&pdf[..at], &pdf[end..]].concat()
    }
    let again = to_pdf(&a, New_York).unwrap();
    assert!(
        without_id(&pdf) == without_id(&again),
        "PDF output is not deterministic"
    );
    assert!(String::from_utf8_lossy(&pdf).contains("/CreationDate(D:20261124200000"));
    let opts = ExportOptions {
        full_text: true,
        entries: &entries,
        clock: Clock::H12,
    };
    let full = to_pdf_with(&a, New_York, &opts).unwrap();
    assert!(full.len() > pdf.len());
    let empty = build_agenda(&[], &AgendaState::default(), &Schedule::default(), now());
    assert!(to_pdf(&empty, New_York).unwrap().starts_with(b"%PDF-"));
}

// ---------------------------------------------------------------- schedule in words

#[test]
fn the_saved_schedule_is_said_in_words() {
    assert_eq!(describe_schedule(&Schedule::default(), Clock::H12), None);
    assert_eq!(
        describe_schedule(&tuesdays(), Clock::H12).as_deref(),
        Some("every Tuesday at 3:00 PM, 50 minutes")
    );
    let mut fortnightly = tuesdays();
    fortnightly.recurring.as_mut().unwrap().every_weeks = 2;
    fortnightly
        .add_one_off(ny(2026, 12, 3, 10, 0).fixed_offset(), 50)
        .unwrap();
    assert_eq!(
        describe_schedule(&fortnightly, Clock::H24).as_deref(),
        Some("every 2 weeks on Tuesday at 15:00, 50 minutes, and 1 extra session")
    );
}

#[test]
fn exports_set_crisis_entries_apart_at_the_top_without_estimates() {
    let (a, _) = golden_agenda();
    let urgent: Vec<&AgendaItem> = a
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Urgent)
        .collect();
    assert!(!urgent.is_empty(), "the golden agenda has a crisis entry");
    let md = to_markdown(&a, New_York);
    let html = to_html(&a, New_York);
    let tell = md.find(TELL_FIRST).expect("crisis heading in Markdown");
    let topics = md.find(TOPICS).expect("topics heading in Markdown");
    for item in &urgent {
        let line = md
            .lines()
            .find(|l| l.contains(&item.title))
            .expect("crisis item listed");
        assert!(!line.contains(" min") && !line.contains("wants"), "{line}");
        let at = md.find(line).unwrap();
        assert!(tell < at && at < topics, "crisis item between the headings");
    }
    assert!(html.contains(&format!("<h2>{TELL_FIRST}</h2>")));
    assert!(html.contains(&format!("<h2>{TOPICS}</h2>")));
}
