//! What reminders need while everything is locked: session times (in the
//! config), and held-message times, which the app writes to a small state file
//! whenever it computes them. Ids and times only, never entry text.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::hours::HeldMessage;
use crate::domain::model::Entry;
use crate::domain::reminders::{self, HeldInput, Inputs, Reminder, ReminderState};
use crate::store::config::Config;
use crate::store::paths::{self, Paths};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct HeldTimes {
    entry_id: String,
    written_at: DateTime<FixedOffset>,
    opens_at: DateTime<FixedOffset>,
}

fn held_file(paths: &Paths) -> std::path::PathBuf {
    paths.state.join("held-times.json")
}

fn state_file(paths: &Paths) -> std::path::PathBuf {
    paths.state.join("reminders.json")
}

/// Records when each held message opens, for reminders while locked.
pub fn record_held(paths: &Paths, held: &[HeldMessage], entries: &[Entry]) -> std::io::Result<()> {
    let times: Vec<HeldTimes> = held
        .iter()
        .filter_map(|h| {
            let entry = entries.iter().find(|e| e.id == h.entry_id)?;
            Some(HeldTimes {
                entry_id: h.entry_id.clone(),
                written_at: entry.created_at,
                opens_at: h.opens_at?,
            })
        })
        .collect();
    let json = serde_json::to_vec(&times).expect("times serialize");
    if std::fs::read(held_file(paths)).ok().as_deref() == Some(json.as_slice()) {
        return Ok(());
    }
    paths::make_private_dir(&paths.state)?;
    paths::write_atomic(&held_file(paths), &json)
}

fn read_json<T: serde::de::DeserializeOwned + Default>(path: &std::path::Path) -> T {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// The inputs to `reminders::due` from the config and the state files.
pub fn inputs(paths: &Paths, config: &Config, now: DateTime<Tz>) -> Inputs {
    let mut sessions = Vec::new();
    if let Some(previous) = config.schedule.previous_before(now) {
        sessions.push(previous.start);
    }
    if let Some(next) = config.schedule.next_after(now) {
        sessions.push(next.start);
    }
    let held: Vec<HeldTimes> = read_json(&held_file(paths));
    Inputs {
        sessions,
        held: held
            .into_iter()
            .map(|h| HeldInput {
                entry_id: h.entry_id,
                written_at: h.written_at,
                opens_at: h.opens_at,
            })
            .collect(),
    }
}

/// The reminders due at `now`. Unless `dry_run`, they are recorded as shown.
pub fn check(
    paths: &Paths,
    config: &Config,
    now: DateTime<Tz>,
    dry_run: bool,
) -> std::io::Result<Vec<Reminder>> {
    let mut state: ReminderState = read_json(&state_file(paths));
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
        paths::make_private_dir(&paths.state)?;
        paths::write_atomic(
            &state_file(paths),
            &serde_json::to_vec(&state).expect("state serializes"),
        )?;
    }
    Ok(due)
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
