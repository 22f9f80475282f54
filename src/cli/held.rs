//! `between queue` and `between held`: the "maybe send during hours" messages.

use chrono::{DateTime, FixedOffset};
use clap::Subcommand;

use super::{paths, unlock_entries};
use crate::app::clock;
use crate::app::entries;
use crate::app::held as app_held;
use crate::app::Vault;
use crate::domain::model::Entry;

#[derive(Subcommand, Debug)]
pub enum HeldAction {
    /// You sent it yourself (counts toward the weekly limit).
    Sent { id: String },
    /// You re-read a night message after the decent hour.
    Reread { id: String },
    /// Keep it for the session instead.
    ToSession { id: String },
}

/// The held messages with their status, as of `now` (default: the clock).
pub fn queue(now: Option<DateTime<FixedOffset>>, json: bool) -> Result<(), String> {
    let paths = paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let (entries, config) = super::unlock_with_config(&vault)?;
    let tz = clock::user_tz();
    let now = now.map(clock::in_user_tz).unwrap_or_else(clock::now);
    let held = app_held::queue(&entries, &config, tz, now);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&held).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    if held.is_empty() {
        println!("No held messages.");
    }
    for message in &held {
        let title = entries
            .iter()
            .find(|e| e.id == message.entry_id)
            .map(Entry::first_line)
            .unwrap_or_default();
        println!(
            "{}  {}\n          {}",
            entries::short_id(&message.entry_id),
            message.headline(),
            title
        );
    }
    if config.agreement.hours_assumed() {
        println!(
            "(Working hours are assumed: {}. Set them with `between settings set hours.mon 09:00-17:00`.)",
            crate::domain::hours::Agreement::assumed_hours_label(crate::app::clock::time_style())
        );
    }
    Ok(())
}

pub fn act(action: HeldAction) -> Result<(), String> {
    let paths = paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let mut entries = unlock_entries(&vault)?;
    let now = clock::now_fixed();
    let (id, action) = match action {
        HeldAction::Sent { id } => (id, app_held::HeldAction::Sent),
        HeldAction::Reread { id } => (id, app_held::HeldAction::Reread),
        HeldAction::ToSession { id } => (id, app_held::HeldAction::ToSession),
    };
    let entry = entries::find_mut(&mut entries, &id)?;
    app_held::apply(entry, action, now);
    entries::save(&vault, entry)?;
    println!("Entry {} {}.", entries::short_id(&entry.id), action.done());
    Ok(())
}
