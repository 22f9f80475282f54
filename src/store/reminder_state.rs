//! What reminders need while everything is locked: session times (in the
//! config), and held-message times, which the app writes to a small state file
//! whenever it computes them. Ids and times only, never entry text.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::hours::HeldMessage;
use crate::domain::model::Entry;
use crate::domain::reminders::{HeldInput, ReminderState};
use crate::store::paths::{self, Paths};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct HeldTimes {
    entry_id: String,
    opens_at: DateTime<FixedOffset>,
}

fn held_file(paths: &Paths) -> std::path::PathBuf {
    paths.state.join("held-times.json")
}

fn state_file(paths: &Paths) -> std::path::PathBuf {
    paths.state.join("reminders.json")
}

/// Records when each held message opens, for reminders while locked: the
/// opening time only, never when it was written (night-time writing is
/// exactly what this file must not show).
///
/// A message that is already open is computed as opening "now" each time;
/// the time first recorded for it is kept, so its reminder key stays the
/// same and the reminder fires once, not at every recomputation.
pub fn record_held(paths: &Paths, held: &[HeldMessage], entries: &[Entry]) -> std::io::Result<()> {
    let before: Vec<HeldTimes> = read_json(&held_file(paths));
    let times: Vec<HeldTimes> = held
        .iter()
        .filter_map(|h| {
            let entry = entries.iter().find(|e| e.id == h.entry_id)?;
            let mut opens_at = h.opens_at?;
            let written_at = h.written_at.unwrap_or(entry.created_at);
            if let Some(earlier) = before.iter().find(|b| {
                b.entry_id == h.entry_id && b.opens_at < opens_at && b.opens_at <= h.as_of
            }) {
                opens_at = earlier.opens_at;
            }
            // Already open when written: nothing to remind of.
            (opens_at > written_at).then(|| HeldTimes {
                entry_id: h.entry_id.clone(),
                opens_at,
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

/// When reminders last fired (plaintext: kinds and times only).
pub fn load_fired(paths: &Paths) -> ReminderState {
    read_json(&state_file(paths))
}

/// Records when reminders fired.
pub fn save_fired(paths: &Paths, state: &ReminderState) -> std::io::Result<()> {
    paths::make_private_dir(&paths.state)?;
    paths::write_atomic(
        &state_file(paths),
        &serde_json::to_vec(state).expect("state serializes"),
    )
}

/// The held-message times recorded by `record_held`.
pub fn load_held(paths: &Paths) -> Vec<HeldInput> {
    let held: Vec<HeldTimes> = read_json(&held_file(paths));
    held.into_iter()
        .map(|h| HeldInput {
            entry_id: h.entry_id,
            opens_at: h.opens_at,
        })
        .collect()
}
