//! The user's time zone and "now". Only the shells call these; every rule
//! in the domain takes `now` as a parameter instead.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

/// The zone a `TZ` value names: an IANA name, with or without the POSIX
/// leading ':', or a path into a zoneinfo folder
/// (`/usr/share/zoneinfo/Europe/London`).
pub fn zone_from_tz_value(value: &str) -> Option<Tz> {
    let value = value.trim().trim_start_matches(':');
    if let Ok(tz) = value.parse::<Tz>() {
        return Some(tz);
    }
    let (_, name) = value.split_once("/zoneinfo/")?;
    name.trim_start_matches("posix/")
        .trim_start_matches("right/")
        .parse()
        .ok()
}

/// Which zone is used and why, decided once per run.
pub struct ZoneChoice {
    pub zone: Tz,
    /// Set when `TZ` named something that is not a zone; says which zone is
    /// used instead.
    pub warning: Option<String>,
}

fn system_zone() -> Option<Tz> {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
}

/// `TZ` when it names a zone, else the system's setting, else UTC; a `TZ`
/// that names no zone is reported rather than silently ignored.
pub fn choose_zone(tz_env: Option<&str>, system: Option<Tz>) -> ZoneChoice {
    match tz_env.filter(|v| !v.trim().is_empty()) {
        Some(value) => match zone_from_tz_value(value) {
            Some(zone) => ZoneChoice {
                zone,
                warning: None,
            },
            None => {
                let zone = system.unwrap_or(Tz::UTC);
                ZoneChoice {
                    zone,
                    warning: Some(format!(
                        "TZ={value} is not a time zone Between knows; using {} instead. Set TZ to a name such as America/New_York.",
                        zone.name()
                    )),
                }
            }
        },
        None => ZoneChoice {
            zone: system.unwrap_or(Tz::UTC),
            warning: None,
        },
    }
}

fn chosen() -> &'static ZoneChoice {
    static CHOICE: OnceLock<ZoneChoice> = OnceLock::new();
    CHOICE.get_or_init(|| {
        let choice = choose_zone(std::env::var("TZ").ok().as_deref(), system_zone());
        if let Some(warning) = &choice.warning {
            eprintln!("between: {warning}");
            tracing::warn!("{warning}");
        }
        choice
    })
}

/// The user's zone (see [`choose_zone`]).
pub fn user_tz() -> Tz {
    chosen().zone
}

/// Why the zone is not the one `TZ` asked for, if it is not.
pub fn zone_warning() -> Option<&'static str> {
    chosen().warning.as_deref()
}

/// Now in the user's zone.
pub fn now() -> DateTime<Tz> {
    Utc::now().with_timezone(&user_tz())
}

/// A fixed instant, moved into the user's zone.
pub fn in_user_tz(at: DateTime<FixedOffset>) -> DateTime<Tz> {
    at.with_timezone(&user_tz())
}

/// 12- or 24-hour times, from the locale (`LC_ALL`, then `LC_TIME`, then
/// `LANG`, as the C library reads them), decided once per run and passed to
/// every formatter in `domain::when`.
pub fn time_style() -> crate::domain::when::Clock {
    static STYLE: OnceLock<crate::domain::when::Clock> = OnceLock::new();
    *STYLE.get_or_init(|| {
        let locale = ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()));
        crate::domain::when::Clock::for_locale(locale.as_deref())
    })
}

/// Now with the user's current offset, as stored in entries.
pub fn now_fixed() -> DateTime<FixedOffset> {
    now().fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_values_people_use_are_understood() {
        let london: Tz = "Europe/London".parse().unwrap();
        for value in [
            "Europe/London",
            ":Europe/London",
            "/usr/share/zoneinfo/Europe/London",
            ":/usr/share/zoneinfo/posix/Europe/London",
        ] {
            assert_eq!(zone_from_tz_value(value), Some(london), "{value}");
        }
    }

    #[test]
    fn an_unknown_tz_is_reported_and_says_which_zone_is_used() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let choice = choose_zone(Some("Mars/Olympus"), Some(ny));
        assert_eq!(choice.zone, ny);
        let warning = choice.warning.unwrap();
        assert!(warning.contains("Mars/Olympus") && warning.contains("America/New_York"));
        let choice = choose_zone(Some("/tmp/not-a-zone"), None);
        assert_eq!(choice.zone, Tz::UTC);
        assert!(choice.warning.unwrap().contains("UTC"));
        assert!(choose_zone(None, Some(ny)).warning.is_none());
    }
}
