//! `between queue` and `between held`: the "maybe send during hours" messages.

use chrono::{DateTime, FixedOffset};
use clap::Subcommand;

use super::{load_config, paths, unlock_entries};
use crate::app::clock;
use crate::domain::hours;
use crate::domain::model::{Bucket, Entry};
use crate::domain::triage::Engine;
use crate::store::vault::Vault;

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
    let config = load_config(&paths)?;
    let entries = unlock_entries(&vault)?;
    let tz = clock::user_tz();
    let now = now.map(clock::in_user_tz).unwrap_or_else(clock::now);
    let held = hours::held_messages(&entries, &config.agreement, tz, now, |e| {
        Engine::builtin().is_session_material(&e.text)
    });
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
            &message.entry_id[..8],
            message.headline(),
            title
        );
    }
    if config.agreement.hours_assumed() {
        println!("(Working hours are assumed: Mon-Fri 9:00-17:00. Set them with `between settings set hours.mon 09:00-17:00`.)");
    }
    Ok(())
}

/// Finds an entry by its full id or a unique prefix of at least 6 characters.
pub fn find_entry<'a>(entries: &'a mut [Entry], id: &str) -> Result<&'a mut Entry, String> {
    if id.len() < 6 {
        return Err("give at least the first 6 characters of the entry id".into());
    }
    let mut matches = entries.iter_mut().filter(|e| e.id.starts_with(id));
    let first = matches
        .next()
        .ok_or_else(|| format!("no entry with id {id}"))?;
    if matches.next().is_some() {
        return Err(format!(
            "several entries start with {id}; give more of the id"
        ));
    }
    Ok(first)
}

pub fn act(action: HeldAction) -> Result<(), String> {
    let paths = paths()?;
    let vault = Vault::open(&paths).map_err(|e| e.to_string())?;
    let mut entries = unlock_entries(&vault)?;
    let now = clock::now_fixed();
    let (id, done) = match &action {
        HeldAction::Sent { id } => (id, "marked as sent"),
        HeldAction::Reread { id } => (id, "marked as re-read"),
        HeldAction::ToSession { id } => (id, "moved to the session"),
    };
    let entry = find_entry(&mut entries, id)?;
    match action {
        HeldAction::Sent { .. } => entry.sent_at = Some(now),
        HeldAction::Reread { .. } => entry.reread_at = Some(now),
        HeldAction::ToSession { .. } => entry.bucket = Bucket::Session,
    }
    entry.updated_at = now;
    vault.save_entry(entry).map_err(|e| e.to_string())?;
    println!("Entry {} {done}.", &entry.id[..8]);
    Ok(())
}
