//! The user's time zone and "now". Only the shells call these; every rule
//! in the domain takes `now` as a parameter instead.

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

/// The system's zone: `TZ` when it names an IANA zone, else the OS setting, else UTC.
pub fn user_tz() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| tz.trim_start_matches(':').parse::<Tz>().ok())
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| name.parse().ok())
        })
        .unwrap_or(Tz::UTC)
}

/// Now in the user's zone.
pub fn now() -> DateTime<Tz> {
    Utc::now().with_timezone(&user_tz())
}

/// A fixed instant, moved into the user's zone.
pub fn in_user_tz(at: DateTime<FixedOffset>) -> DateTime<Tz> {
    at.with_timezone(&user_tz())
}

/// Now with the user's current offset, as stored in entries.
pub fn now_fixed() -> DateTime<FixedOffset> {
    now().fixed_offset()
}
