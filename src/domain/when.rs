//! The one way Between writes a time or a date for people to read: the
//! window, the command line's human output, reminders, held-message reasons
//! and the agenda all call these. Pure: `today` / `now` and the clock style
//! are parameters (the style is chosen once, from the locale, by
//! `app::clock::time_style`). JSON and file names keep ISO forms instead.
//!
//! - a time: "5:38 AM" (12-hour) or "5:38" / "17:00" (24-hour);
//! - a range: "9:00 AM–5:00 PM" or "9:00–17:00" (always an en dash);
//! - a day: "today", "tomorrow", "yesterday", else "Tue 24 Nov"
//!   (weekday, day, month: one order everywhere);
//! - a moment: "today 5:38 AM", "Tue 24 Nov, 5:38 AM".

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike};

/// 12-hour or 24-hour times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// "5:38 AM", the default where the locale says nothing (the crisis
    /// lines Between lists first are American).
    #[default]
    H12,
    /// "5:38", "17:00".
    H24,
}

/// Locales (language_REGION, the start of `LC_TIME` / `LANG`) that write
/// times on a 12-hour clock; every other named locale uses 24 hours.
const TWELVE_HOUR: &[&str] = &[
    "en_US", "en_CA", "en_AU", "en_NZ", "en_PH", "en_IN", "es_US", "hi_IN", "ar_",
];

impl Clock {
    /// The style a locale value such as `en_GB.UTF-8` asks for. `C`, `POSIX`
    /// and no value keep the default.
    pub fn for_locale(locale: Option<&str>) -> Clock {
        let Some(value) = locale.map(str::trim).filter(|v| !v.is_empty()) else {
            return Clock::default();
        };
        if value == "C" || value == "POSIX" || value.starts_with("C.") {
            return Clock::default();
        }
        if TWELVE_HOUR.iter().any(|l| value.starts_with(l)) {
            Clock::H12
        } else {
            Clock::H24
        }
    }
}

/// "5:38 AM" or "5:38"; midnight is "12:00 AM" or "0:00".
pub fn time(t: NaiveTime, clock: Clock) -> String {
    match clock {
        Clock::H12 => {
            let (pm, h) = t.hour12();
            format!("{h}:{:02} {}", t.minute(), if pm { "PM" } else { "AM" })
        }
        Clock::H24 => format!("{}:{:02}", t.hour(), t.minute()),
    }
}

/// "9:00 AM–5:00 PM" or "9:00–17:00".
pub fn range(start: NaiveTime, end: NaiveTime, clock: Clock) -> String {
    format!("{}\u{2013}{}", time(start, clock), time(end, clock))
}

/// "Tue 24 Nov".
pub fn date(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// "Tuesday 24 November 2026", for headings.
pub fn date_long(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "today", "tomorrow", "yesterday", else "Tue 24 Nov".
pub fn day(d: NaiveDate, today: NaiveDate) -> String {
    match (d - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        _ => date(d),
    }
}

/// "today 5:38 AM", "tomorrow 9:00 AM", "Tue 24 Nov, 5:38 AM". `at` is shown
/// in `now`'s zone, so both name the same calendar.
pub fn moment<Z: TimeZone, W: TimeZone>(
    at: &DateTime<W>,
    now: &DateTime<Z>,
    clock: Clock,
) -> String {
    let local = at.with_timezone(&now.timezone());
    let d = local.date_naive();
    let t = time(local.time(), clock);
    if (d - now.date_naive()).num_days().abs() <= 1 {
        format!("{} {t}", day(d, now.date_naive()))
    } else {
        format!("{}, {t}", date(d))
    }
}

/// "Tue 24 Nov, 5:38 AM": a moment without "today", for lists read later.
pub fn date_time<Z: TimeZone>(at: &DateTime<Z>, clock: Clock) -> String {
    format!("{}, {}", date(at.date_naive()), time(at.time(), clock))
}

/// "Tuesday 24 November 2026, 5:38 AM": a moment in full, for a heading.
pub fn moment_long<Z: TimeZone>(at: &DateTime<Z>, clock: Clock) -> String {
    format!("{}, {}", date_long(at.date_naive()), time(at.time(), clock))
}

/// "Tue 24 Nov 2026": a short date with the year, for lists spanning years.
pub fn date_with_year(d: NaiveDate) -> String {
    format!("{} {}", date(d), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Tz> {
        chrono_tz::America::New_York
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn times_in_both_styles_including_midnight_and_noon() {
        assert_eq!(time(hm(5, 38), Clock::H12), "5:38 AM");
        assert_eq!(time(hm(0, 0), Clock::H12), "12:00 AM");
        assert_eq!(time(hm(12, 0), Clock::H12), "12:00 PM");
        assert_eq!(time(hm(23, 59), Clock::H12), "11:59 PM");
        assert_eq!(time(hm(5, 38), Clock::H24), "5:38");
        assert_eq!(time(hm(0, 0), Clock::H24), "0:00");
        assert_eq!(time(hm(17, 0), Clock::H24), "17:00");
    }

    #[test]
    fn ranges_use_an_en_dash() {
        assert_eq!(range(hm(9, 0), hm(17, 0), Clock::H24), "9:00\u{2013}17:00");
        assert_eq!(
            range(hm(9, 0), hm(17, 0), Clock::H12),
            "9:00 AM\u{2013}5:00 PM"
        );
    }

    #[test]
    fn days_are_named_relative_to_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(day(today, today), "today");
        assert_eq!(day(today.succ_opt().unwrap(), today), "tomorrow");
        assert_eq!(day(today.pred_opt().unwrap(), today), "yesterday");
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(day(friday, today), "Fri 27 Nov");
        assert_eq!(date_long(today), "Tuesday 24 November 2026");
        assert_eq!(date_with_year(today), "Tue 24 Nov 2026");
    }

    #[test]
    fn moments_across_midnight() {
        let now = ny(2026, 11, 24, 23, 59);
        assert_eq!(
            moment(&ny(2026, 11, 24, 5, 38), &now, Clock::H12),
            "today 5:38 AM"
        );
        // One minute later it is tomorrow's midnight.
        assert_eq!(
            moment(&ny(2026, 11, 25, 0, 0), &now, Clock::H12),
            "tomorrow 12:00 AM"
        );
        assert_eq!(
            moment(&ny(2026, 11, 25, 0, 0), &now, Clock::H24),
            "tomorrow 0:00"
        );
        let after_midnight = ny(2026, 11, 25, 0, 0);
        assert_eq!(
            moment(&ny(2026, 11, 24, 23, 59), &after_midnight, Clock::H24),
            "yesterday 23:59"
        );
        assert_eq!(
            moment(&ny(2026, 11, 20, 9, 0), &now, Clock::H12),
            "Fri 20 Nov, 9:00 AM"
        );
        assert_eq!(date_time(&now, Clock::H12), "Tue 24 Nov, 11:59 PM");
        assert_eq!(
            moment_long(&ny(2026, 11, 24, 17, 5), Clock::H24),
            "Tuesday 24 November 2026, 17:05"
        );
    }

    #[test]
    fn moments_are_read_in_nows_zone() {
        let utc = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap();
        // 03:00 UTC is 22:00 the evening before in New York.
        assert_eq!(
            moment(&utc, &ny(2026, 11, 24, 23, 0), Clock::H24),
            "today 22:00"
        );
    }

    #[test]
    fn locale_decides_the_clock() {
        assert_eq!(Clock::for_locale(Some("en_US.UTF-8")), Clock::H12);
        assert_eq!(Clock::for_locale(Some("en_GB.UTF-8")), Clock::H24);
        assert_eq!(Clock::for_locale(Some("de_DE.UTF-8")), Clock::H24);
        assert_eq!(Clock::for_locale(Some("C.UTF-8")), Clock::H12);
        assert_eq!(Clock::for_locale(None), Clock::H12);
        assert_eq!(Clock::for_locale(Some("")), Clock::H12);
    }
}
