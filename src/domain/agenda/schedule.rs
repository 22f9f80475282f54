//! The session schedule: one recurring series, one-off sessions and cancelled dates.
//!
//! Decisions:
//! - A session that has started and not yet ended counts as the **next** session
//!   (`next_after`), so the agenda for the session stays in view while it runs.
//!   `previous_before` only returns sessions that have **ended** by `now`.
//! - Recurring sessions keep their local wall time in `Recurring::tz` across DST.
//!   A wall time that does not exist (spring-forward gap, e.g. 02:30 on
//!   2026-03-08 in New York) is moved forward by the gap (03:30); a wall time that
//!   happens twice (fall-back) takes the earlier instant.
//! - `anchor` is the first date of the series. If it is not on `weekday`, the series
//!   starts on the first `weekday` on or after it; for `every_weeks > 1` the weeks are
//!   counted from that first session.
//! - `cancelled` holds local dates (in the recurring series' time zone) of recurring
//!   sessions that will not happen. Cancelling a one-off removes it.
//! - A one-off at exactly the same instant as a recurring session is the same session
//!   (the one-off's length wins).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Default length of a session in minutes.
pub const DEFAULT_SESSION_MINUTES: u32 = 50;

fn default_minutes() -> u32 {
    DEFAULT_SESSION_MINUTES
}

fn default_every_weeks() -> u32 {
    1
}

/// When sessions happen. Stored as TOML in the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Schedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<Recurring>,
    #[serde(default)]
    pub one_offs: Vec<OneOff>,
    #[serde(default)]
    pub cancelled: Vec<NaiveDate>,
}

/// A weekly (or every-n-weeks) series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurring {
    pub weekday: Weekday,
    pub time: NaiveTime,
    /// 1 = weekly, 2 = fortnightly, ...; at least 1.
    #[serde(default = "default_every_weeks")]
    pub every_weeks: u32,
    #[serde(default = "default_minutes")]
    pub minutes: u32,
    pub tz: Tz,
    /// First date of the series; defines which weeks count when `every_weeks > 1`.
    pub anchor: NaiveDate,
}

/// A single extra (or moved) session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOff {
    pub at: DateTime<FixedOffset>,
    #[serde(default = "default_minutes")]
    pub minutes: u32,
}

/// One concrete session. Serialized as `{ "start": RFC 3339, "tz": "Area/City", "minutes" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SessionRepr", from = "SessionRepr")]
pub struct Session {
    pub start: DateTime<Tz>,
    pub minutes: u32,
}

#[derive(Serialize, Deserialize)]
struct SessionRepr {
    start: DateTime<FixedOffset>,
    tz: Tz,
    minutes: u32,
}

impl From<Session> for SessionRepr {
    fn from(s: Session) -> Self {
        SessionRepr {
            start: s.start.fixed_offset(),
            tz: s.start.timezone(),
            minutes: s.minutes,
        }
    }
}

impl From<SessionRepr> for Session {
    fn from(r: SessionRepr) -> Self {
        Session {
            start: r.start.with_timezone(&r.tz),
            minutes: r.minutes,
        }
    }
}

impl Session {
    pub fn end(&self) -> DateTime<Tz> {
        self.start + Duration::minutes(self.minutes as i64)
    }

    /// Started and not yet ended at `now`.
    pub fn in_progress(&self, now: &DateTime<Tz>) -> bool {
        self.start <= *now && *now < self.end()
    }
}

/// A session's local date and time in `tz`, by the app's one rule (`wall_time`).
pub fn resolve_local(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
    crate::domain::wall_time::resolve_earliest(tz, date.and_time(time))
}

impl Recurring {
    /// Date of the first session of the series.
    pub fn first_date(&self) -> NaiveDate {
        let from = self.anchor.weekday().num_days_from_monday() as i64;
        let to = self.weekday.num_days_from_monday() as i64;
        self.anchor + Duration::days((to - from).rem_euclid(7))
    }

    fn step_days(&self) -> i64 {
        7 * self.every_weeks.max(1) as i64
    }

    fn date_of(&self, k: i64) -> NaiveDate {
        self.first_date() + Duration::days(k * self.step_days())
    }

    /// Index of the last occurrence on or before `date` (may be negative).
    fn index_on_or_before(&self, date: NaiveDate) -> i64 {
        let days = (date - self.first_date()).num_days();
        days.div_euclid(self.step_days())
    }

    fn session_on(&self, date: NaiveDate, tz: Tz) -> Session {
        Session {
            start: resolve_local(self.tz, date, self.time).with_timezone(&tz),
            minutes: self.minutes,
        }
    }

    /// Is `date` (local, in the series' zone) one of the series' dates?
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        date >= self.first_date()
            && date.weekday() == self.weekday
            && (date - self.first_date()).num_days() % self.step_days() == 0
    }
}

impl Schedule {
    /// The session in progress at `now`, or else the first one starting after `now`.
    pub fn next_after(&self, now: DateTime<Tz>) -> Option<Session> {
        let tz = now.timezone();
        let mut best: Option<Session> = None;
        let mut consider = |s: Session| {
            if s.end() > now && best.as_ref().is_none_or(|b| s.start < b.start) {
                best = Some(s);
            }
        };
        // One-offs first: on an exact tie with a recurring session the one-off wins.
        self.one_off_sessions(tz).for_each(&mut consider);
        if let Some(r) = &self.recurring {
            let local = now.with_timezone(&r.tz).date_naive();
            // Start a little before today so a session running over midnight is seen.
            let back = 1 + (r.minutes as i64) / (24 * 60);
            let k = r.index_on_or_before(local - Duration::days(back)).max(0);
            let limit = self.cancelled.len() as i64 + 4 + back;
            if let Some(s) = self.walk(r, tz, k, 1, limit, |s| s.end() > now) {
                consider(s);
            }
        }
        best
    }

    /// The one-off sessions, in `tz`.
    fn one_off_sessions(&self, tz: Tz) -> impl Iterator<Item = Session> + '_ {
        self.one_offs.iter().map(move |o| Session {
            start: o.at.with_timezone(&tz),
            minutes: o.minutes,
        })
    }

    /// Walks the series from occurrence `k` in steps of `step` (1 forward,
    /// -1 back) to the first session `wanted` accepts that is not
    /// cancelled, giving up after `limit` wanted ones.
    fn walk(
        &self,
        r: &Recurring,
        tz: Tz,
        mut k: i64,
        step: i64,
        limit: i64,
        wanted: impl Fn(&Session) -> bool,
    ) -> Option<Session> {
        let mut tried = 0;
        while k >= 0 && tried < limit {
            let date = r.date_of(k);
            k += step;
            let s = r.session_on(date, tz);
            if !wanted(&s) {
                continue;
            }
            tried += 1;
            if !self.cancelled.contains(&date) {
                return Some(s);
            }
        }
        None
    }

    /// The latest session that has ended by `now`.
    pub fn previous_before(&self, now: DateTime<Tz>) -> Option<Session> {
        let tz = now.timezone();
        let mut best: Option<Session> = None;
        let mut consider = |s: Session| {
            if s.end() <= now && best.as_ref().is_none_or(|b| s.start > b.start) {
                best = Some(s);
            }
        };
        // One-offs first: on an exact tie with a recurring session the one-off wins.
        self.one_off_sessions(tz).for_each(&mut consider);
        if let Some(r) = &self.recurring {
            let local = now.with_timezone(&r.tz).date_naive();
            let k = r.index_on_or_before(local + Duration::days(1));
            let limit = self.cancelled.len() as i64 + 4;
            if let Some(s) = self.walk(r, tz, k, -1, limit, |s| s.end() <= now) {
                consider(s);
            }
        }
        best
    }

    /// Replace the recurring series. Validates `every_weeks >= 1` and `minutes >= 1`.
    /// Cancelled dates that are not dates of the new series are dropped.
    /// The session to review at `now`: one in progress, or the last one that ended.
    pub fn to_review(&self, now: DateTime<Tz>) -> Option<Session> {
        self.next_after(now)
            .filter(|s| s.in_progress(&now))
            .or_else(|| self.previous_before(now))
    }

    pub fn set_recurring(&mut self, recurring: Recurring) -> Result<(), String> {
        if recurring.every_weeks == 0 {
            return Err("every_weeks must be at least 1".into());
        }
        if recurring.minutes == 0 {
            return Err("a session needs at least one minute".into());
        }
        self.cancelled.retain(|d| recurring.falls_on(*d));
        self.recurring = Some(recurring);
        Ok(())
    }

    /// Stop the recurring series (one-offs stay).
    pub fn clear_recurring(&mut self) {
        self.recurring = None;
        self.cancelled.clear();
    }

    /// Add a one-off session. Adding the same start twice keeps one (with the new length).
    pub fn add_one_off(&mut self, at: DateTime<FixedOffset>, minutes: u32) -> Result<(), String> {
        if minutes == 0 {
            return Err("a session needs at least one minute".into());
        }
        self.one_offs.retain(|o| o.at != at);
        self.one_offs.push(OneOff { at, minutes });
        self.one_offs.sort_by_key(|o| o.at);
        Ok(())
    }

    /// Cancel the session(s) on a local date: one-offs on that date (in their own
    /// offset) are removed, and a recurring session on that date is marked cancelled.
    /// Cancelling an already-cancelled recurring date is fine. Errors when no session
    /// falls on the date.
    pub fn cancel(&mut self, date: NaiveDate) -> Result<(), String> {
        let before = self.one_offs.len();
        self.one_offs.retain(|o| o.at.date_naive() != date);
        let mut found = self.one_offs.len() != before;
        if let Some(r) = &self.recurring {
            if r.falls_on(date) {
                found = true;
                if !self.cancelled.contains(&date) {
                    self.cancelled.push(date);
                    self.cancelled.sort();
                }
            }
        }
        if found {
            Ok(())
        } else {
            Err(format!("no session on {}", date.format("%A %-d %B %Y")))
        }
    }

    /// Undo a cancellation of a recurring date.
    pub fn uncancel(&mut self, date: NaiveDate) -> Result<(), String> {
        let before = self.cancelled.len();
        self.cancelled.retain(|d| *d != date);
        if self.cancelled.len() == before {
            Err(format!("{} was not cancelled", date.format("%A %-d %B %Y")))
        } else {
            Ok(())
        }
    }
}

/// The saved schedule in words, or `None` when nothing is set:
/// "every Tuesday at 3:00 PM, 50 minutes", "every 2 weeks on Tuesday at
/// 15:00, 45 minutes, and 1 extra session".
pub fn describe_schedule(schedule: &Schedule, clock: crate::domain::when::Clock) -> Option<String> {
    let series = schedule.recurring.as_ref().map(|r| {
        let day = match r.weekday {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        };
        let every = match r.every_weeks {
            1 => format!("every {day}"),
            n => format!("every {n} weeks on {day}"),
        };
        format!(
            "{every} at {}, {} minutes",
            crate::domain::when::time(r.time, clock),
            r.minutes
        )
    });
    let extra = match schedule.one_offs.len() {
        0 => None,
        1 => Some("1 extra session".to_string()),
        n => Some(format!("{n} extra sessions")),
    };
    match (series, extra) {
        (Some(series), Some(extra)) => Some(format!("{series}, and {extra}")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}

/// "tue 15:00 [every N weeks] [M min]" sets the series; "YYYY-MM-DD HH:MM [M min]" adds one session.
pub fn parse_schedule(
    input: &str,
    current: &Schedule,
    now: DateTime<Tz>,
) -> Result<Schedule, String> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let bad = || {
        "Write \"tue 15:00\", \"tue 15:00 every 2 weeks 50 min\" or \"2026-12-01 15:00\"."
            .to_string()
    };
    let (first, time) = match words.as_slice() {
        [a, b, ..] => (
            *a,
            chrono::NaiveTime::parse_from_str(b, "%H:%M").map_err(|_| bad())?,
        ),
        _ => return Err(bad()),
    };
    let number_before = |word: &str| {
        words
            .windows(2)
            .find(|w| w[1].starts_with(word))
            .and_then(|w| w[0].parse::<u32>().ok())
    };
    let minutes = number_before("min").unwrap_or(DEFAULT_SESSION_MINUTES);
    let mut schedule = current.clone();
    if let Ok(date) = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d") {
        let start = resolve_local(now.timezone(), date, time);
        schedule.add_one_off(start.fixed_offset(), minutes)?;
    } else {
        let weekday = first.parse::<chrono::Weekday>().map_err(|_| bad())?;
        schedule.set_recurring(Recurring {
            weekday,
            time,
            every_weeks: number_before("week").unwrap_or(1),
            minutes,
            tz: now.timezone(),
            anchor: now.date_naive(),
        })?;
    }
    Ok(schedule)
}
