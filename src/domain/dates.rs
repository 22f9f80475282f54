//! Date phrases people type: `today`, `yesterday`, `monday`, `last week`,
//! `this month`, `2026-11-20`, and the jrnl-style backdating prefix of an
//! entry (`yesterday 9pm: text`). Pure: `today` is always a parameter, and
//! the result is a local wall date or wall time; turning a wall time into an
//! instant is `wall_time`'s job.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// The hour a backdated entry gets when the prefix names a day but no time
/// (jrnl's default).
pub const DEFAULT_HOUR: u32 = 9;

/// A phrase the parser does not understand; the message lists what it accepts.
pub fn unknown(phrase: &str) -> String {
    format!(
        "'{phrase}' is not a date: use today, yesterday, a weekday (monday), last monday, this week, last week, this month, last month or YYYY-MM-DD"
    )
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn normalize(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The most recent `day` on or before `today`.
fn most_recent(day: Weekday, today: NaiveDate) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    today - Duration::days(back as i64)
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("day 1 exists")
}

/// One day: `today`, `yesterday`, a weekday name (the most recent one,
/// today included), `last WEEKDAY` (strictly before today) or `YYYY-MM-DD`.
pub fn parse_day(phrase: &str, today: NaiveDate) -> Option<NaiveDate> {
    let p = normalize(phrase);
    match p.as_str() {
        "today" | "now" => return Some(today),
        "yesterday" => return Some(today - Duration::days(1)),
        _ => {}
    }
    if let Some(day) = weekday(&p) {
        return Some(most_recent(day, today));
    }
    if let Some(day) = p.strip_prefix("last ").and_then(weekday) {
        return Some(most_recent(day, today - Duration::days(1)));
    }
    NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()
}

/// An inclusive range of days: a single day as above, or `this week` /
/// `last week` (Monday to Sunday, this week up to today), `this month` /
/// `last month`, `this year` / `last year`.
pub fn parse_range(phrase: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), String> {
    let p = normalize(phrase);
    let week_start = most_recent(Weekday::Mon, today);
    let range = match p.as_str() {
        "this week" => (week_start, today),
        "last week" => (
            week_start - Duration::days(7),
            week_start - Duration::days(1),
        ),
        "this month" => (month_start(today), today),
        "last month" => {
            let end = month_start(today) - Duration::days(1);
            (month_start(end), end)
        }
        "this year" => (
            NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("Jan 1"),
            today,
        ),
        "last year" => (
            NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).expect("Jan 1"),
            NaiveDate::from_ymd_opt(today.year() - 1, 12, 31).expect("Dec 31"),
        ),
        _ => {
            let day = parse_day(&p, today).ok_or_else(|| unknown(phrase.trim()))?;
            (day, day)
        }
    };
    Ok(range)
}

/// A time of day: `21:00`, `9:30`, `9pm`, `9 pm`, `9:15am`, `noon`, `midnight`.
pub fn parse_time(phrase: &str) -> Option<NaiveTime> {
    let p = normalize(phrase).replace(' ', "");
    match p.as_str() {
        "noon" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (clock, meridiem) = if let Some(c) = p.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = p.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (p.as_str(), None)
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if meridiem.is_some() => (clock, "00"),
        None => return None,
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (mut hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if let Some(pm) = meridiem {
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// A day and/or a time: `yesterday`, `today 8am`, `monday 10:30`,
/// `2026-11-20 21:00`, `9pm` (today). A day alone is at [`DEFAULT_HOUR`].
pub fn parse_day_time(phrase: &str, today: NaiveDate) -> Option<NaiveDateTime> {
    let p = normalize(phrase);
    if p.is_empty() {
        return None;
    }
    if let Some(day) = parse_day(&p, today) {
        return Some(day.and_time(NaiveTime::from_hms_opt(DEFAULT_HOUR, 0, 0)?));
    }
    if let Some(time) = parse_time(&p) {
        return Some(today.and_time(time));
    }
    // Split between the day words and the time words, trying each place.
    let words: Vec<&str> = p.split(' ').collect();
    for cut in 1..words.len() {
        let (day, time) = (words[..cut].join(" "), words[cut..].join(" "));
        if let (Some(day), Some(time)) = (parse_day(&day, today), parse_time(&time)) {
            return Some(day.and_time(time));
        }
    }
    None
}

/// The jrnl-style backdating prefix: `"yesterday 9pm: text"` is
/// `(yesterday at 21:00, "text")`. Only a prefix that parses counts; any
/// other text (`"Note: call mum"`) gives `None` and is kept whole.
pub fn split_backdate(text: &str, today: NaiveDate) -> Option<(NaiveDateTime, &str)> {
    let head = text.trim_start();
    for (at, _) in head.match_indices(':') {
        if at > 40 {
            break;
        }
        let after = &head[at + 1..];
        if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            continue;
        }
        if let Some(when) = parse_day_time(&head[..at], today) {
            let rest = after.trim();
            if rest.is_empty() {
                return None;
            }
            return Some((when, rest));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tuesday 24 November 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn single_days() {
        let t = today();
        assert_eq!(parse_day("today", t), Some(t));
        assert_eq!(parse_day(" Yesterday ", t), Some(d(2026, 11, 23)));
        assert_eq!(parse_day("monday", t), Some(d(2026, 11, 23)));
        assert_eq!(parse_day("tuesday", t), Some(t), "today counts");
        assert_eq!(parse_day("wed", t), Some(d(2026, 11, 18)));
        assert_eq!(parse_day("sunday", t), Some(d(2026, 11, 22)));
        assert_eq!(parse_day("last tuesday", t), Some(d(2026, 11, 17)));
        assert_eq!(parse_day("2026-02-28", t), Some(d(2026, 2, 28)));
        assert_eq!(parse_day("2026-02-30", t), None);
        assert_eq!(parse_day("someday", t), None);
    }

    #[test]
    fn ranges() {
        let t = today();
        assert_eq!(parse_range("this week", t), Ok((d(2026, 11, 23), t)));
        assert_eq!(
            parse_range("last  week", t),
            Ok((d(2026, 11, 16), d(2026, 11, 22)))
        );
        assert_eq!(parse_range("this month", t), Ok((d(2026, 11, 1), t)));
        assert_eq!(
            parse_range("last month", t),
            Ok((d(2026, 10, 1), d(2026, 10, 31)))
        );
        let jan = d(2027, 1, 10);
        assert_eq!(
            parse_range("last month", jan),
            Ok((d(2026, 12, 1), d(2026, 12, 31)))
        );
        assert_eq!(
            parse_range("last year", t),
            Ok((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            parse_range("yesterday", t),
            Ok((d(2026, 11, 23), d(2026, 11, 23)))
        );
        // On a Monday, "this week" is one day and "last week" the one before.
        let monday = d(2026, 11, 23);
        assert_eq!(parse_range("this week", monday), Ok((monday, monday)));
        assert_eq!(
            parse_range("last week", monday),
            Ok((d(2026, 11, 16), d(2026, 11, 22)))
        );
        assert!(parse_range("next week", t)
            .unwrap_err()
            .contains("last week"));
    }

    #[test]
    fn times() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("21:00"), hm(21, 0));
        assert_eq!(parse_time("9pm"), hm(21, 0));
        assert_eq!(parse_time("9 PM"), hm(21, 0));
        assert_eq!(parse_time("12am"), hm(0, 0));
        assert_eq!(parse_time("12pm"), hm(12, 0));
        assert_eq!(parse_time("9:15am"), hm(9, 15));
        assert_eq!(parse_time("noon"), hm(12, 0));
        assert_eq!(parse_time("13pm"), None);
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("9"), None);
        assert_eq!(parse_time("9:5"), None);
    }

    #[test]
    fn backdating_prefixes() {
        let t = today();
        assert_eq!(
            split_backdate("yesterday 9pm: called my sister", t),
            Some((dt(2026, 11, 23, 21, 0), "called my sister"))
        );
        assert_eq!(
            split_backdate("yesterday: slept badly", t),
            Some((dt(2026, 11, 23, 9, 0), "slept badly"))
        );
        assert_eq!(
            split_backdate("today 8am: coffee", t),
            Some((dt(2026, 11, 24, 8, 0), "coffee"))
        );
        assert_eq!(
            split_backdate("monday 10:30: the meeting", t),
            Some((dt(2026, 11, 23, 10, 30), "the meeting"))
        );
        assert_eq!(
            split_backdate("2026-11-20 21:00: late", t),
            Some((dt(2026, 11, 20, 21, 0), "late"))
        );
        assert_eq!(
            split_backdate("last friday 7pm: dinner\nsecond line", t),
            Some((dt(2026, 11, 20, 19, 0), "dinner\nsecond line"))
        );
    }

    #[test]
    fn text_without_a_date_prefix_is_kept_whole() {
        let t = today();
        assert_eq!(split_backdate("Note: call mum", t), None);
        assert_eq!(split_backdate("at 10:30 we met", t), None);
        assert_eq!(split_backdate("Ratio 3:1 today", t), None);
        assert_eq!(split_backdate("yesterday:", t), None, "nothing after it");
        assert_eq!(split_backdate("plain text", t), None);
    }
}
