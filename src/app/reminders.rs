//! Reminders without the passphrase: which are due at `now` (from the
//! config and the plaintext reminder state), and the desktop notification.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::app::AppError;
use crate::domain::reminders::{self, Inputs, Reminder};
use crate::store::config::Config;
use crate::store::paths::Paths;
use crate::store::reminder_state;

/// The inputs to `reminders::due` from the config and the state files.
pub fn inputs(paths: &Paths, config: &Config, now: DateTime<Tz>) -> Inputs {
    let mut sessions = Vec::new();
    if let Some(previous) = config.schedule.previous_before(now) {
        sessions.push(previous.start);
    }
    if let Some(next) = config.schedule.next_after(now) {
        sessions.push(next.start);
    }
    Inputs {
        sessions,
        held: reminder_state::load_held(paths),
        clock: super::clock::time_style(),
    }
}

/// The reminders due at `now`. Unless `dry_run`, they are recorded as shown.
pub fn check(
    paths: &Paths,
    config: &Config,
    now: DateTime<Tz>,
    dry_run: bool,
) -> Result<Vec<Reminder>, AppError> {
    let mut state = reminder_state::load_fired(paths);
    let mut due = reminders::due(&config.reminders, &inputs(paths, config, now), &state, now);
    if state.last_check.is_none() {
        // A brand-new install: the user just saw where crisis help is, so this
        // week's "where to find help" reminder is recorded without showing it.
        let (quiet, shown): (Vec<_>, Vec<_>) = due
            .into_iter()
            .partition(|r| r.kind == reminders::ReminderKind::CrisisResources);
        if !dry_run {
            reminders::mark_fired(&mut state, &quiet, now);
        }
        due = shown;
    }
    if !dry_run {
        reminders::mark_fired(&mut state, &due, now);
        reminder_state::save_fired(paths, &state)?;
    }
    Ok(due)
}

/// Records when each held message opens (times only, never text), so
/// reminders can fire while the journal is locked.
pub fn record_held(
    paths: &Paths,
    held: &[crate::domain::hours::HeldMessage],
    entries: &[crate::domain::model::Entry],
) -> Result<(), AppError> {
    Ok(reminder_state::record_held(paths, held, entries)?)
}

/// Shows a desktop notification. Titles and bodies never carry entry text.
pub fn notify(reminder: &Reminder) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("Between")
        .summary(&reminder.title)
        .body(&reminder.body)
        .icon(crate::domain::APP_ID)
        .hint(notify_rust::Hint::DesktopEntry(
            crate::domain::DESKTOP_ENTRY.into(),
        ))
        .show()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::Recurring;
    use chrono::{NaiveDate, NaiveTime, Weekday};

    #[test]
    fn a_session_reminder_fires_once_without_unlocking() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path().to_path_buf());
        let tz: Tz = "America/New_York".parse().unwrap();
        let mut config = Config::default();
        config.reminders.weekly_crisis = false;
        config
            .schedule
            .set_recurring(Recurring {
                weekday: Weekday::Tue,
                time: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
                every_weeks: 1,
                minutes: 50,
                tz,
                anchor: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            })
            .unwrap();
        let evening = DateTime::parse_from_rfc3339("2026-11-23T19:05:00-05:00")
            .unwrap()
            .with_timezone(&tz);
        assert_eq!(
            check(&paths, &config, evening, true).unwrap().len(),
            1,
            "dry run shows it"
        );
        let shown = check(&paths, &config, evening, false).unwrap();
        assert_eq!(shown.len(), 1);
        assert!(shown[0].body.contains("agenda"), "{}", shown[0].body);
        assert!(
            check(&paths, &config, evening, false).unwrap().is_empty(),
            "not twice"
        );
    }
}
