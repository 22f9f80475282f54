//! `between settings` keys: read and write the agreement one value at a time.

use chrono::{NaiveDate, Weekday};

use super::agreement::{
    fmt_hm, parse_time, parse_zone, Agreement, TimeRange, Vacation, MAX_NAME_CHARS,
};
use crate::domain::model::TextingPurpose;

const KEYS: &[(&str, &str)] = &[
    (
        "therapist.name",
        "The therapist's name or initials (may be empty)",
    ),
    (
        "therapist.timezone",
        "The therapist's time zone: an IANA name like America/Los_Angeles, or local",
    ),
    (
        "hours.mon",
        "Monday working hours, e.g. 09:00-12:00,13:00-17:00, or off",
    ),
    (
        "hours.tue",
        "Tuesday working hours, e.g. 09:00-17:00, or off",
    ),
    (
        "hours.wed",
        "Wednesday working hours, e.g. 09:00-17:00, or off",
    ),
    (
        "hours.thu",
        "Thursday working hours, e.g. 09:00-17:00, or off",
    ),
    (
        "hours.fri",
        "Friday working hours, e.g. 09:00-17:00, or off",
    ),
    (
        "hours.sat",
        "Saturday working hours, e.g. 10:00-12:00, or off",
    ),
    ("hours.sun", "Sunday working hours, or off"),
    (
        "hours.reset",
        "Forget the recorded hours and assume Mon-Fri 09:00-17:00 again (set only)",
    ),
    (
        "vacation.add",
        "Add a vacation in the therapist's dates: 2026-12-20..2027-01-03 optional note (set only)",
    ),
    ("vacation.clear", "Remove all vacations (set only)"),
    (
        "vacation.list",
        "The recorded vacations, one a line (read only)",
    ),
    (
        "texting.purpose",
        "What texting is for: logistics_only, logistics_and_check_ins or agreed",
    ),
    (
        "texting.topics",
        "The agreed topics, comma separated (used with purpose agreed)",
    ),
    (
        "texting.weekly_limit",
        "At most this many texts a week (weeks start Monday), or none",
    ),
    (
        "texting.urgent_channel",
        "How to reach the therapist for urgent, non-emergency matters, e.g. call their cell",
    ),
    (
        "personal.decent_from",
        "Your earliest time to send, HH:MM (default 08:00)",
    ),
    (
        "personal.decent_until",
        "No sending from this time on, HH:MM (default 21:00)",
    ),
    (
        "personal.night_start",
        "Messages written from this time are held for a re-read, HH:MM (default 22:00)",
    ),
    (
        "personal.night_end",
        "...until this time, HH:MM (default 07:00)",
    ),
];

/// Every settings key with a line of help, in display order.
pub fn keys() -> &'static [(&'static str, &'static str)] {
    KEYS
}

fn weekday_key(key: &str) -> Option<Weekday> {
    Some(match key.strip_prefix("hours.")? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn unknown(key: &str) -> String {
    format!("unknown setting '{key}': see `between settings` for the list of keys")
}

fn purpose_str(p: TextingPurpose) -> &'static str {
    match p {
        TextingPurpose::LogisticsOnly => "logistics_only",
        TextingPurpose::LogisticsAndCheckIns => "logistics_and_check_ins",
        TextingPurpose::Agreed => "agreed",
    }
}

fn parse_purpose(s: &str) -> Result<TextingPurpose, String> {
    match s
        .trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_")
        .as_str()
    {
        "logistics_only" | "logistics" => Ok(TextingPurpose::LogisticsOnly),
        "logistics_and_check_ins" | "logistics_and_checkins" | "check_ins" => {
            Ok(TextingPurpose::LogisticsAndCheckIns)
        }
        "agreed" => Ok(TextingPurpose::Agreed),
        _ => Err(format!(
            "unknown texting purpose '{}': use logistics_only, logistics_and_check_ins or agreed",
            s.trim()
        )),
    }
}

fn is_off(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "" | "off" | "none")
}

fn parse_ranges(v: &str) -> Result<Vec<TimeRange>, String> {
    if is_off(v) {
        return Ok(Vec::new());
    }
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect()
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{}' is not a date: use YYYY-MM-DD", s.trim()))
}

/// "2026-12-20..2027-01-03 optional note", or one day: "2026-12-24 note".
fn parse_vacation(v: &str) -> Result<Vacation, String> {
    let v = v.trim();
    let (span, note) = match v.split_once(char::is_whitespace) {
        Some((a, b)) => (a, b.trim()),
        None => (v, ""),
    };
    if span.is_empty() {
        return Err("vacation.add needs dates: 2026-12-20..2027-01-03 optional note".to_string());
    }
    let (start, end) = match span.split_once("..") {
        Some((a, b)) => (parse_date(a)?, parse_date(b)?),
        None => {
            let d = parse_date(span)?;
            (d, d)
        }
    };
    Ok(Vacation {
        start,
        end,
        note: note.to_string(),
    })
}

fn single_line(key: &str, v: &str) -> Result<String, String> {
    let v = v.trim();
    if v.chars().any(char::is_control) {
        return Err(format!("{key}: one line, no control characters"));
    }
    Ok(v.to_string())
}

impl Agreement {
    /// The current value of a settings key, as `set` accepts it back.
    /// Hours that were never set read as the assumed week.
    pub fn get(&self, key: &str) -> Result<String, String> {
        if let Some(wd) = weekday_key(key) {
            return Ok(self.effective_hours().day_setting(wd));
        }
        Ok(match key {
            "therapist.name" => self.therapist_name.clone(),
            "therapist.timezone" => self
                .therapist_tz
                .map_or_else(|| "local".to_string(), |tz| tz.name().to_string()),
            "vacation.list" => self
                .vacations
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            "texting.purpose" => purpose_str(self.texting.purpose).to_string(),
            "texting.topics" => self.texting.topics.join(", "),
            "texting.weekly_limit" => self
                .weekly_limit
                .map_or_else(|| "none".to_string(), |n| n.to_string()),
            "texting.urgent_channel" => self.urgent_channel.clone(),
            "personal.decent_from" => fmt_hm(self.decent_from),
            "personal.decent_until" => fmt_hm(self.decent_until),
            "personal.night_start" => fmt_hm(self.night_start),
            "personal.night_end" => fmt_hm(self.night_end),
            "hours.reset" | "vacation.add" | "vacation.clear" => {
                return Err(format!("{key} can only be set, not read"));
            }
            _ => return Err(unknown(key)),
        })
    }

    /// Changes one settings key. The result is validated; on any error `self`
    /// is left exactly as it was.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.apply(key, value)?;
        next.validate().map_err(|errs| errs.join("; "))?;
        *self = next;
        Ok(())
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        if let Some(wd) = weekday_key(key) {
            let ranges = parse_ranges(value)?;
            let hours = self.hours.get_or_insert_with(super::WeekHours::standard);
            *hours.day_mut(wd) = ranges;
            return Ok(());
        }
        match key {
            "therapist.name" => {
                let name = single_line(key, value)?;
                if name.chars().count() > MAX_NAME_CHARS {
                    return Err(format!(
                        "therapist.name: at most {MAX_NAME_CHARS} characters"
                    ));
                }
                self.therapist_name = name;
            }
            "therapist.timezone" => self.therapist_tz = parse_zone(value)?,
            "hours.reset" => self.hours = None,
            "vacation.add" => self.vacations.push(parse_vacation(value)?),
            "vacation.clear" => self.vacations.clear(),
            "vacation.list" => {
                return Err(
                    "vacation.list is read only: use vacation.add or vacation.clear".to_string(),
                )
            }
            "texting.purpose" => self.texting.purpose = parse_purpose(value)?,
            "texting.topics" => {
                let v = single_line(key, value)?;
                self.texting.topics = if is_off(&v) {
                    Vec::new()
                } else {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                };
            }
            "texting.weekly_limit" => {
                self.weekly_limit = if is_off(value) {
                    None
                } else {
                    Some(value.trim().parse::<u32>().map_err(|_| {
                        format!("texting.weekly_limit: '{}' is not a number: use a number like 3, or none", value.trim())
                    })?)
                };
            }
            "texting.urgent_channel" => self.urgent_channel = single_line(key, value)?,
            "personal.decent_from" => self.decent_from = parse_time(value, false)?,
            "personal.decent_until" => self.decent_until = parse_time(value, false)?,
            "personal.night_start" => self.night_start = parse_time(value, false)?,
            "personal.night_end" => self.night_end = parse_time(value, false)?,
            _ => return Err(unknown(key)),
        }
        Ok(())
    }
}
