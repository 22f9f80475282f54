//! The texting agreement: data, defaults, serde and validation.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::model::TextingScope;

/// The week in order, Monday first.
pub(crate) const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

pub(crate) fn day_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

pub(crate) fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

/// The end of a day, written "24:00". `NaiveTime` has no 24:00, so it is the
/// last representable instant of the day; spans treat it as the next midnight.
pub(crate) fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).expect("valid time")
}

/// "09:00", or "24:00" for [`end_of_day`].
pub(crate) fn fmt_hm(t: NaiveTime) -> String {
    if t == end_of_day() {
        "24:00".to_string()
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

/// Parses "9:00", "09:00", "09:00:00" or "9". With `allow_24`, "24:00" means end of day.
pub(crate) fn parse_time(s: &str, allow_24: bool) -> Result<NaiveTime, String> {
    let s = s.trim();
    let bad = || format!("'{s}' is not a time: use HH:MM, like 09:00");
    if s.is_empty() {
        return Err("missing time: use HH:MM, like 09:00".to_string());
    }
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(bad());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let h = num(parts[0])?;
    let m = if parts.len() > 1 { num(parts[1])? } else { 0 };
    let sec = if parts.len() > 2 { num(parts[2])? } else { 0 };
    if parts.len() > 1 && parts[1].len() != 2 {
        return Err(bad());
    }
    if allow_24 && h == 24 && m == 0 && sec == 0 {
        return Ok(end_of_day());
    }
    NaiveTime::from_hms_opt(h, m, sec).ok_or_else(bad)
}

/// One working stretch within a day, `start` inclusive, `end` exclusive.
/// Written "HH:MM-HH:MM"; an end of "24:00" means until midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeRange {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl TimeRange {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        TimeRange { start, end }
    }

    /// Whether `t` (a wall time) falls inside the range.
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.start <= t && t < self.end
    }

    /// A usable range ends after it starts.
    pub fn is_valid(&self) -> bool {
        self.start < self.end
    }

    pub(crate) fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// "09:00–17:00" with an en dash, for messages.
    pub fn label(&self) -> String {
        format!("{}\u{2013}{}", fmt_hm(self.start), fmt_hm(self.end))
    }

    /// "9:00 AM–5:00 PM" or "9:00–17:00" (see `domain::when`), for people;
    /// the end of the day is midnight ("12:00 AM" / "24:00").
    pub fn label_in(&self, clock: crate::domain::when::Clock) -> String {
        let end = if self.end == end_of_day() {
            match clock {
                crate::domain::when::Clock::H12 => "12:00 AM".to_string(),
                crate::domain::when::Clock::H24 => "24:00".to_string(),
            }
        } else {
            crate::domain::when::time(self.end, clock)
        };
        format!(
            "{}\u{2013}{end}",
            crate::domain::when::time(self.start, clock)
        )
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", fmt_hm(self.start), fmt_hm(self.end))
    }
}

impl FromStr for TimeRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (a, b) = t.split_once(['-', '\u{2013}', '\u{2014}']).ok_or_else(|| {
            format!("'{t}' is not a time range: use HH:MM-HH:MM, like 09:00-17:00")
        })?;
        Ok(TimeRange {
            start: parse_time(a, false)?,
            end: parse_time(b, true)?,
        })
    }
}

impl Serialize for TimeRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Working hours per weekday; a day with no ranges is a day off.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WeekHours {
    pub mon: Vec<TimeRange>,
    pub tue: Vec<TimeRange>,
    pub wed: Vec<TimeRange>,
    pub thu: Vec<TimeRange>,
    pub fri: Vec<TimeRange>,
    pub sat: Vec<TimeRange>,
    pub sun: Vec<TimeRange>,
}

impl WeekHours {
    /// Monday to Friday, 09:00–17:00: what is assumed until the real hours are set.
    pub fn standard() -> Self {
        let day = vec![TimeRange::new(hm(9, 0), hm(17, 0))];
        WeekHours {
            mon: day.clone(),
            tue: day.clone(),
            wed: day.clone(),
            thu: day.clone(),
            fri: day,
            sat: Vec::new(),
            sun: Vec::new(),
        }
    }

    pub fn day(&self, wd: Weekday) -> &[TimeRange] {
        match wd {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    pub fn day_mut(&mut self, wd: Weekday) -> &mut Vec<TimeRange> {
        match wd {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }

    /// No working time on any day.
    pub fn is_empty(&self) -> bool {
        WEEK.iter()
            .all(|&wd| self.day(wd).iter().all(|r| !r.is_valid()))
    }

    /// The day's usable ranges, sorted, with overlaps merged (tolerates an
    /// agreement that was never validated).
    pub(crate) fn normalized(&self, wd: Weekday) -> Vec<TimeRange> {
        let mut rs: Vec<TimeRange> = self
            .day(wd)
            .iter()
            .copied()
            .filter(TimeRange::is_valid)
            .collect();
        rs.sort_by_key(|r| (r.start, r.end));
        let mut out: Vec<TimeRange> = Vec::with_capacity(rs.len());
        for r in rs {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }

    /// "09:00-12:00,13:00-17:00", or "off".
    pub(crate) fn day_setting(&self, wd: Weekday) -> String {
        let rs = self.day(wd);
        if rs.is_empty() {
            "off".to_string()
        } else {
            rs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }
    }
}

/// A stretch the therapist is away, in the therapist's local dates, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vacation {
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(default)]
    pub note: String,
}

impl Vacation {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

impl fmt::Display for Vacation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)?;
        if !self.note.is_empty() {
            write!(f, " {}", self.note)?;
        }
        Ok(())
    }
}

/// "HH:MM" strings for the personal times.
mod hm_serde {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_hm(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        parse_time(&s, false).map_err(serde::de::Error::custom)
    }
}

/// An IANA zone name; "local" or empty means the user's zone.
mod opt_tz_serde {
    use super::*;

    pub fn serialize<S: Serializer>(tz: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
        match tz {
            Some(tz) => s.serialize_str(tz.name()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) => super::parse_zone(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// "local" (or empty) → `None`, else an IANA zone.
pub(crate) fn parse_zone(s: &str) -> Result<Option<Tz>, String> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("local") {
        return Ok(None);
    }
    s.parse::<Tz>().map(Some).map_err(|_| {
        format!("unknown time zone '{s}': use an IANA name like America/New_York, or local")
    })
}

/// What the client and therapist agreed about texting, plus the user's own limits.
///
/// Plain values come first so the TOML reads top to bottom; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Agreement {
    /// Name or initials; may be empty.
    pub therapist_name: String,
    /// The therapist's zone; `None` means the user's zone.
    #[serde(with = "opt_tz_serde", skip_serializing_if = "Option::is_none")]
    pub therapist_tz: Option<Tz>,
    /// "At most N texts a week"; weeks start Monday 00:00, user local.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekly_limit: Option<u32>,
    /// How to reach the therapist for urgent-but-not-emergency matters, e.g. "call their cell".
    pub urgent_channel: String,
    /// No sending before this (user local).
    #[serde(with = "hm_serde")]
    pub decent_from: NaiveTime,
    /// No sending from this time on (user local).
    #[serde(with = "hm_serde")]
    pub decent_until: NaiveTime,
    /// Messages written in [night_start, night_end) are held for a re-read.
    #[serde(with = "hm_serde")]
    pub night_start: NaiveTime,
    #[serde(with = "hm_serde")]
    pub night_end: NaiveTime,
    pub texting: TextingScope,
    /// `None` = not set yet: Mon–Fri 09:00–17:00 in the user's zone is assumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<WeekHours>,
    pub vacations: Vec<Vacation>,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            therapist_name: String::new(),
            therapist_tz: None,
            weekly_limit: None,
            urgent_channel: String::new(),
            decent_from: hm(8, 0),
            decent_until: hm(21, 0),
            night_start: hm(22, 0),
            night_end: hm(7, 0),
            texting: TextingScope::default(),
            hours: None,
            vacations: Vec::new(),
        }
    }
}

/// Highest weekly limit accepted; more is not a limit.
pub(crate) const MAX_WEEKLY_LIMIT: u32 = 100;
/// Longest therapist name accepted.
pub(crate) const MAX_NAME_CHARS: usize = 80;

impl Agreement {
    /// True while the therapist's hours were never set, so the screen can say
    /// "assuming Mon–Fri 9:00–17:00".
    pub fn hours_assumed(&self) -> bool {
        self.hours.is_none()
    }

    /// The assumed week in words: "Monday to Friday, 9:00 AM–5:00 PM".
    pub fn assumed_hours_label(clock: crate::domain::when::Clock) -> String {
        format!(
            "Monday to Friday, {}",
            crate::domain::when::range(hm(9, 0), hm(17, 0), clock)
        )
    }

    /// The hours in force: the recorded ones, or the assumed standard week.
    pub fn effective_hours(&self) -> WeekHours {
        self.hours.clone().unwrap_or_else(WeekHours::standard)
    }

    /// The therapist's zone (for vacations and recorded hours).
    pub fn therapist_zone(&self, user_tz: Tz) -> Tz {
        self.therapist_tz.unwrap_or(user_tz)
    }

    /// The zone the working hours are read in: the therapist's for recorded
    /// hours, the user's for assumed ones.
    pub fn hours_zone(&self, user_tz: Tz) -> Tz {
        if self.hours.is_some() {
            self.therapist_zone(user_tz)
        } else {
            user_tz
        }
    }

    /// The therapist's name for messages, or "your therapist".
    pub fn therapist_label(&self) -> String {
        let n = self.therapist_name.trim();
        if n.is_empty() {
            "your therapist".to_string()
        } else {
            n.to_string()
        }
    }

    /// If `date` (therapist local) falls in a vacation, the last day of the
    /// whole stretch away (back-to-back or overlapping vacations are joined).
    pub fn vacation_through(&self, date: NaiveDate) -> Option<NaiveDate> {
        merged_vacations(&self.vacations)
            .into_iter()
            .find(|(s, e)| *s <= date && date <= *e)
            .map(|(_, e)| e)
    }

    /// Checks the agreement; every problem is one plain sentence.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut errs = Vec::new();
        let name = &self.therapist_name;
        if name.chars().any(char::is_control) {
            errs.push("Therapist name: no line breaks or control characters".to_string());
        }
        if name.chars().count() > MAX_NAME_CHARS {
            errs.push(format!(
                "Therapist name: at most {MAX_NAME_CHARS} characters"
            ));
        }
        if let Some(hours) = &self.hours {
            for wd in WEEK {
                let day = day_name(wd);
                let rs = hours.day(wd);
                for r in rs {
                    if r.end < r.start {
                        errs.push(format!("{day}: {} ends before it starts", r.label()));
                    } else if r.end == r.start {
                        errs.push(format!("{day}: {} is empty", r.label()));
                    }
                }
                for (i, a) in rs.iter().enumerate() {
                    for b in rs.iter().skip(i + 1) {
                        if a.is_valid() && b.is_valid() && a.overlaps(b) {
                            errs.push(format!("{day}: {} overlaps {}", a.label(), b.label()));
                        }
                    }
                }
            }
        }
        for v in &self.vacations {
            if v.end < v.start {
                errs.push(format!(
                    "Vacation {}..{}: ends before it starts",
                    v.start, v.end
                ));
            }
            if v.note.chars().any(char::is_control) {
                errs.push(format!(
                    "Vacation {}..{}: the note has a line break or control character",
                    v.start, v.end
                ));
            }
        }
        match self.weekly_limit {
            Some(0) => errs.push("Weekly limit: must be at least 1 text (or none for no limit)".to_string()),
            Some(n) if n > MAX_WEEKLY_LIMIT => errs.push(format!(
                "Weekly limit: {n} texts a week is not a limit (at most {MAX_WEEKLY_LIMIT}, or none)"
            )),
            _ => {}
        }
        if self.decent_until <= self.decent_from {
            errs.push(format!(
                "Decent hours: {} ends before it starts (no sending before the first time, nor from the second on)",
                TimeRange::new(self.decent_from, self.decent_until).label()
            ));
        }
        if self.night_start == self.night_end {
            errs.push(format!(
                "Night window: {} is empty",
                TimeRange::new(self.night_start, self.night_end).label()
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }
}

/// Vacations sorted and joined where they overlap or touch, as (first day, last day).
/// Vacations that end before they start are ignored.
pub(crate) fn merged_vacations(vs: &[Vacation]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = vs
        .iter()
        .filter(|v| v.start <= v.end)
        .map(|v| (v.start, v.end))
        .collect();
    spans.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if last.1.succ_opt().is_some_and(|next| s <= next) => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}
