//! The send window: when an `hours` entry may be sent, and why it waits.

use crate::domain::wall_time::{self, Fold};
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::Serialize;

use super::agreement::{day_name, end_of_day, merged_vacations, Agreement, TimeRange};
use crate::domain::model::{Bucket, Entry};
use crate::domain::when::{self, Clock};

/// How far ahead [`next_open`] looks.
pub const HORIZON_DAYS: i64 = 400;

/// Why a held message may or may not go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SendStatus {
    /// Inside working hours and decent hours, nothing else holds it.
    OkNow,
    /// Outside working hours or decent hours: wait until `opens_at`.
    OpensAt,
    /// The therapist is away today.
    VacationHold,
    /// Written in the night window and not yet re-read.
    NightReread,
    /// This week's agreed number of texts is used.
    OverLimit,
    /// Reads like therapy material rather than a text.
    MoveToSession,
}

/// One unsent `hours` entry and what to do with it. Nothing here holds entry text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldMessage {
    pub entry_id: String,
    pub status: SendStatus,
    /// The first moment it could go once the holds clear (user local); `Some(as_of)`
    /// when OK now, `None` if no open moment exists within the horizon.
    pub opens_at: Option<DateTime<FixedOffset>>,
    /// For a vacation: the therapist's last day away.
    pub vacation_until: Option<NaiveDate>,
    /// Plain words, no entry text.
    pub reason: String,
    /// The `now` this was worked out for (user local); headlines say "today" against it.
    pub as_of: DateTime<FixedOffset>,
    /// For a night message: when it was written (the writer's local time).
    pub written_at: Option<DateTime<FixedOffset>>,
    /// For a night message: the decent hour after the writing (user local).
    pub reread_after: Option<DateTime<FixedOffset>>,
    /// For over_limit: the agreed number of texts a week.
    pub weekly_limit: Option<u32>,
    /// How the headline writes times (from the locale).
    #[serde(skip)]
    pub clock: Clock,
}

/// "today 9:00 AM", "tomorrow 9:00 AM", "Tue 8 Dec, 9:00 AM".
fn when_label(t: DateTime<FixedOffset>, as_of: DateTime<FixedOffset>, clock: Clock) -> String {
    when::moment(&t, &as_of, clock)
}

impl HeldMessage {
    /// A short line for lists, e.g. "Opens Tue 9:00".
    pub fn headline(&self) -> String {
        let opens = |lead: &str| match self.opens_at {
            Some(t) => format!("{lead} {}", when_label(t, self.as_of, self.clock)),
            None => format!("{lead}: no open time found"),
        };
        match self.status {
            SendStatus::OkNow => "OK to send now".to_string(),
            SendStatus::OpensAt => match self.opens_at {
                Some(_) => opens("Opens"),
                None => "No texting hours ahead: keep it for the session?".to_string(),
            },
            SendStatus::VacationHold => match self.vacation_until {
                Some(d) => format!(
                    "On vacation until {}: keep it for the session?",
                    when::date(d)
                ),
                None => "On vacation: keep it for the session?".to_string(),
            },
            SendStatus::NightReread => {
                let written = self
                    .written_at
                    .map(|w| format!("Written at {}", when::time(w.time(), self.clock)))
                    .unwrap_or_else(|| "Written at night".to_string());
                match self.reread_after {
                    Some(r) if r > self.as_of => {
                        format!(
                            "{written}: re-read it after {} before sending",
                            when::time(r.time(), self.clock)
                        )
                    }
                    _ => format!("{written}: re-read it before sending"),
                }
            }
            SendStatus::OverLimit => {
                let used = match self.weekly_limit {
                    Some(1) => "This week's 1 text is used".to_string(),
                    Some(n) => format!("This week's {n} texts are used"),
                    None => "This week's texts are used".to_string(),
                };
                format!("{used}; {}", opens("opens"))
            }
            SendStatus::MoveToSession => {
                "This reads like session material: move it to the session?".to_string()
            }
        }
    }
}

/// The instant a wall time names in `tz` (the app's one rule, see
/// `wall_time`); `later` picks the second of a repeated time.
pub(crate) fn resolve(tz: Tz, local: NaiveDateTime, later: bool) -> DateTime<Utc> {
    let fold = if later { Fold::Later } else { Fold::Earlier };
    wall_time::resolve(tz, local, fold).with_timezone(&Utc)
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// The instants of `range` on local `date` in `tz`.
fn span_on(tz: Tz, date: NaiveDate, range: TimeRange) -> Span {
    let start = resolve(tz, date.and_time(range.start), false);
    let end = if range.end == end_of_day() {
        match date.succ_opt() {
            Some(next) => resolve(tz, next.and_time(NaiveTime::MIN), false),
            None => resolve(tz, date.and_time(range.end), true),
        }
    } else {
        resolve(tz, date.and_time(range.end), true)
    };
    Span { start, end }
}

/// Spans day by day from `first` for `days` days, in order.
fn daily_spans<'a>(
    tz: Tz,
    first: NaiveDate,
    days: i64,
    ranges: impl Fn(NaiveDate) -> Vec<TimeRange> + 'a,
) -> impl Iterator<Item = Span> + 'a {
    first
        .iter_days()
        .take(days.max(0) as usize)
        .flat_map(move |d| ranges(d).into_iter().map(move |r| span_on(tz, d, r)))
        .filter(|s| s.start < s.end)
}

/// Blocked instants of the merged vacations, therapist local midnight to midnight.
fn vacation_blocks(agreement: &Agreement, user_tz: Tz) -> Vec<Span> {
    let tz = agreement.therapist_zone(user_tz);
    merged_vacations(&agreement.vacations)
        .into_iter()
        .map(|(s, e)| Span {
            start: resolve(tz, s.and_time(NaiveTime::MIN), false),
            end: match e.succ_opt() {
                Some(n) => resolve(tz, n.and_time(NaiveTime::MIN), false),
                None => DateTime::<Utc>::MAX_UTC,
            },
        })
        .collect()
}

/// The next instant at or after `from` that is inside the therapist's working
/// hours (their zone), not on a vacation day (their dates), and inside the
/// user's decent hours (user zone). `None` if there is none within
/// [`HORIZON_DAYS`]. The result is in `user_tz`.
pub fn next_open(agreement: &Agreement, user_tz: Tz, from: DateTime<Tz>) -> Option<DateTime<Tz>> {
    let start = from.with_timezone(&Utc);
    let horizon = start + Duration::days(HORIZON_DAYS);
    let work_tz = agreement.hours_zone(user_tz);
    let hours = agreement.effective_hours();
    let work_first = start.with_timezone(&work_tz).date_naive().pred_opt()?;
    let mut work = daily_spans(work_tz, work_first, HORIZON_DAYS + 3, move |d| {
        hours.normalized(d.weekday())
    })
    .peekable();
    let decent = TimeRange::new(agreement.decent_from, agreement.decent_until);
    let user_first = start.with_timezone(&user_tz).date_naive().pred_opt()?;
    let mut polite = daily_spans(user_tz, user_first, HORIZON_DAYS + 3, move |_| {
        if decent.is_valid() {
            vec![decent]
        } else {
            Vec::new()
        }
    })
    .peekable();
    let blocks = vacation_blocks(agreement, user_tz);

    let mut t = start;
    loop {
        let w = *work.peek()?;
        let p = *polite.peek()?;
        if w.end <= t {
            work.next();
            continue;
        }
        if p.end <= t {
            polite.next();
            continue;
        }
        let s = t.max(w.start).max(p.start);
        let e = w.end.min(p.end);
        if s >= e {
            if w.end <= p.end {
                work.next();
            } else {
                polite.next();
            }
            continue;
        }
        let mut s2 = s;
        for b in &blocks {
            if b.start <= s2 && s2 < b.end {
                s2 = b.end;
            }
        }
        if s2 > horizon {
            return None;
        }
        if s2 < e {
            return Some(s2.with_timezone(&user_tz));
        }
        t = s2;
    }
}

/// Monday 00:00 (user local) of the week holding `now`, and the next Monday 00:00.
fn week_bounds(user_tz: Tz, now: DateTime<Tz>) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&user_tz).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let next = monday + Duration::days(7);
    (
        resolve(user_tz, monday.and_time(NaiveTime::MIN), false),
        resolve(user_tz, next.and_time(NaiveTime::MIN), false),
    )
}

/// How many entries were marked sent in the current week (Monday 00:00 user local on).
pub fn sent_this_week(entries: &[Entry], user_tz: Tz, now: DateTime<Tz>) -> u32 {
    let (start, end) = week_bounds(user_tz, now);
    let n = entries
        .iter()
        .filter_map(|e| e.sent_at)
        .filter(|s| {
            let s = s.with_timezone(&Utc);
            start <= s && s < end
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The wall time an entry was written at, in the user's zone: an entry
/// imported with a UTC time (or written on a machine set to another zone)
/// is judged by the user's own clock, not by the offset it was stored with.
fn written_wall(user_tz: Tz, entry: &Entry) -> NaiveDateTime {
    entry.created_at.with_timezone(&user_tz).naive_local()
}

/// Whether the entry was written in the night window, in the user's zone.
fn written_at_night(agreement: &Agreement, user_tz: Tz, entry: &Entry) -> bool {
    let t = written_wall(user_tz, entry).time();
    let (a, b) = (agreement.night_start, agreement.night_end);
    if a <= b {
        a <= t && t < b
    } else {
        t >= a || t < b
    }
}

/// The first decent hour (user zone) after the entry's writing, by its wall
/// date in the user's zone.
fn decent_after(agreement: &Agreement, user_tz: Tz, entry: &Entry) -> DateTime<Utc> {
    let wall = written_wall(user_tz, entry);
    let day = if wall.time() <= agreement.decent_from {
        wall.date()
    } else {
        wall.date().succ_opt().unwrap_or(wall.date())
    };
    resolve(user_tz, day.and_time(agreement.decent_from), false)
}

/// Why the window is closed right now, for `opens_at` reasons.
fn closed_reason(agreement: &Agreement, user_tz: Tz, now: DateTime<Tz>, clock: Clock) -> String {
    let who = agreement.therapist_label();
    let work_tz = agreement.hours_zone(user_tz);
    let there = now.with_timezone(&work_tz);
    let here = now.with_timezone(&user_tz);
    let wd = there.weekday();
    let today = agreement.effective_hours().normalized(wd);
    let their_time = if work_tz != user_tz {
        format!(" their time, {}", work_tz.name())
    } else {
        String::new()
    };
    let mut out = if today.is_empty() {
        let plural = format!("{}s", day_name(wd));
        if matches!(wd, Weekday::Sat | Weekday::Sun) {
            format!(
                "It's the weekend: {who} doesn't work on {plural}{}.",
                if their_time.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", their_time.trim())
                }
            )
        } else {
            format!("{who} doesn't work on {plural}.")
        }
    } else if !today.iter().any(|r| r.contains(there.time())) {
        let list = today
            .iter()
            .map(|r| r.label_in(clock))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "Outside {who}'s working hours today ({list}{}).",
            if their_time.is_empty() {
                String::new()
            } else {
                format!(",{their_time}")
            }
        )
    } else if here.time() < agreement.decent_from {
        format!(
            "It's before {}, your earliest time to send.",
            when::time(agreement.decent_from, clock)
        )
    } else if here.time() >= agreement.decent_until {
        format!(
            "It's after {}, your latest time to send.",
            when::time(agreement.decent_until, clock)
        )
    } else {
        "Not open right now.".to_string()
    };
    if agreement.hours_assumed() {
        out.push_str(&format!(
            " Working hours are assumed ({}); add the real ones in settings.",
            Agreement::assumed_hours_label(clock)
        ));
    }
    out
}

/// Every unsent, non-draft `hours` entry with its send status.
///
/// Precedence when several holds apply: vacation_hold, night_reread,
/// over_limit, move_to_session, opens_at; ok_now is what remains. `opens_at`
/// is the first open moment once every time-based hold has cleared (after the
/// vacation, after the decent hour following a night writing, in the next
/// week when over the limit).
pub fn held_messages(
    entries: &[Entry],
    agreement: &Agreement,
    user_tz: Tz,
    now: DateTime<Tz>,
    clock: Clock,
    is_session_material: impl Fn(&Entry) -> bool,
) -> Vec<HeldMessage> {
    let now_u = now.with_timezone(&user_tz);
    let as_of = now_u.fixed_offset();
    let sent = sent_this_week(entries, user_tz, now);
    let over = agreement.weekly_limit.is_some_and(|n| sent >= n);
    let (_, next_week) = week_bounds(user_tz, now);
    let today_there = now
        .with_timezone(&agreement.therapist_zone(user_tz))
        .date_naive();
    let away_through = agreement.vacation_through(today_there);
    let open_now = next_open(agreement, user_tz, now_u) == Some(now_u);
    let who = agreement.therapist_label();

    entries
        .iter()
        .filter(|e| e.bucket == Bucket::Hours && !e.draft && e.sent_at.is_none())
        .map(|e| {
            let night = e.reread_at.is_none() && written_at_night(agreement, user_tz, e);
            let reread_after = night.then(|| decent_after(agreement, user_tz, e));
            let material = is_session_material(e);
            let status = if away_through.is_some() {
                SendStatus::VacationHold
            } else if night {
                SendStatus::NightReread
            } else if over {
                SendStatus::OverLimit
            } else if material {
                SendStatus::MoveToSession
            } else if open_now {
                SendStatus::OkNow
            } else {
                SendStatus::OpensAt
            };

            let mut earliest = now.with_timezone(&Utc);
            if let Some(r) = reread_after {
                earliest = earliest.max(r);
            }
            if over {
                earliest = earliest.max(next_week);
            }
            let opens_at = if status == SendStatus::OkNow {
                Some(as_of)
            } else {
                next_open(agreement, user_tz, earliest.with_timezone(&user_tz)).map(|t| t.fixed_offset())
            };
            let then = match opens_at {
                Some(t) => format!(" The first open time is {}.", when_label(t, as_of, clock)),
                None => format!(" No open time found in the next {HORIZON_DAYS} days."),
            };

            let reason = match status {
                SendStatus::OkNow => format!("Inside {who}'s working hours and your decent hours. Remember a reply may take hours."),
                SendStatus::OpensAt => format!("{}{then}", closed_reason(agreement, user_tz, now, clock)),
                SendStatus::VacationHold => {
                    let until = away_through.map(when::date).unwrap_or_default();
                    let urgent = if agreement.urgent_channel.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" For something urgent: {}.", agreement.urgent_channel.trim())
                    };
                    format!(
                        "{who} is on vacation through {until}. Don't text during a vacation: keep it for the session, or find other support.{urgent} In a crisis, call or text 988.{then}"
                    )
                }
                SendStatus::NightReread => {
                    let at = when::time(written_wall(user_tz, e).time(), clock);
                    let after = reread_after.map(|r| when::time(r.with_timezone(&user_tz).time(), clock)).unwrap_or_default();
                    format!(
                        "Written at {at}, in the night. Re-read it after breakfast (after {after}) before sending; it may fit better in the next session. Mark it re-read to send it.{then}"
                    )
                }
                SendStatus::OverLimit => {
                    let n = agreement.weekly_limit.unwrap_or(0);
                    format!("You agreed on at most {n} a week and {sent} went out since Monday. Keep it for next week or for the session.{then}")
                }
                SendStatus::MoveToSession => format!(
                    "This looks like therapy material rather than logistics: the session is the place for it, or ask for an earlier appointment.{then}"
                ),
            };

            HeldMessage {
                entry_id: e.id.clone(),
                status,
                opens_at,
                vacation_until: if status == SendStatus::VacationHold { away_through } else { None },
                reason,
                as_of,
                written_at: night.then(|| e.created_at.with_timezone(&user_tz).fixed_offset()),
                reread_after: reread_after.map(|r| r.with_timezone(&user_tz).fixed_offset()),
                weekly_limit: if status == SendStatus::OverLimit { agreement.weekly_limit } else { None },
                clock,
            }
        })
        .collect()
}
