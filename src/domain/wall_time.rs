//! The one rule for turning a local wall time into an instant, used by
//! sessions, held messages, reminders and imports alike.
//!
//! - A time that happens once is that instant.
//! - A time that happens twice (the autumn change) is the earlier instant,
//!   unless the caller asks for the later one (the end of a window).
//! - A time that never happens (the spring gap) is the first instant after
//!   the gap: 02:30 on a 02:00→03:00 night is 03:00. This keeps order: every
//!   time in the gap lands at the same instant, never after a real later time.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// Which instant a repeated wall time means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    Earlier,
    Later,
}

/// The instant `local` names in `tz` (see the module rule).
pub fn resolve(tz: Tz, local: NaiveDateTime, fold: Fold) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t,
        chrono::LocalResult::Ambiguous(a, b) => {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            match fold {
                Fold::Earlier => early,
                Fold::Later => late,
            }
        }
        chrono::LocalResult::None => first_after_gap(tz, local),
    }
}

/// The earlier instant: what a person means by a time, in every rule but the
/// end of a window.
pub fn resolve_earliest(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    resolve(tz, local, Fold::Earlier)
}

/// Walks forward a minute at a time to the end of the gap. Gaps are rare and
/// at most a day long (Samoa, 2011), so this runs at most 1,440 steps.
fn first_after_gap(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    let mut probe = local
        .with_second(0)
        .and_then(|n| n.with_nanosecond(0))
        .unwrap_or(local);
    for _ in 0..(26 * 60) {
        probe += Duration::minutes(1);
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t;
        }
    }
    // No zone has a gap this long; read it as UTC rather than fail.
    tz.from_utc_datetime(&local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn a_spring_gap_time_is_the_first_instant_after_the_gap_in_two_zones() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let t = resolve_earliest(ny, at(2026, 3, 8, 2, 30));
        assert_eq!(t.to_rfc3339(), "2026-03-08T03:00:00-04:00");
        let london: Tz = "Europe/London".parse().unwrap();
        let t = resolve_earliest(london, at(2026, 3, 29, 1, 30));
        assert_eq!(t.to_rfc3339(), "2026-03-29T02:00:00+01:00");
    }

    #[test]
    fn gap_times_keep_their_order_against_real_times() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let gap_late = resolve_earliest(ny, at(2026, 3, 8, 2, 59));
        let after = resolve_earliest(ny, at(2026, 3, 8, 3, 10));
        assert!(gap_late < after);
        assert_eq!(gap_late, resolve_earliest(ny, at(2026, 3, 8, 2, 15)));
    }

    #[test]
    fn a_fall_back_time_is_earlier_or_later_as_asked_in_two_zones() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let local = at(2026, 11, 1, 1, 30);
        assert_eq!(
            resolve(ny, local, Fold::Earlier).to_rfc3339(),
            "2026-11-01T01:30:00-04:00"
        );
        assert_eq!(
            resolve(ny, local, Fold::Later).to_rfc3339(),
            "2026-11-01T01:30:00-05:00"
        );
        let sydney: Tz = "Australia/Sydney".parse().unwrap();
        let local = at(2026, 4, 5, 2, 30);
        assert_eq!(
            resolve(sydney, local, Fold::Earlier).to_rfc3339(),
            "2026-04-05T02:30:00+11:00"
        );
        assert_eq!(
            resolve(sydney, local, Fold::Later).to_rfc3339(),
            "2026-04-05T02:30:00+10:00"
        );
    }
}
