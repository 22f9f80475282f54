//! Entries: compose (triage plus the user's choice), save, find by id.

use chrono::{DateTime, FixedOffset};

use crate::app::AppError;
use crate::domain::model::{Bucket, Entry, TextingScope};
use crate::domain::triage::Engine;
use crate::store::config::Config;
use crate::store::paths::Paths;
use crate::store::vault::Vault;

/// A new entry with the triage suggestion, or the user's override.
pub fn compose(
    text: String,
    bucket: Option<Bucket>,
    scope: &TextingScope,
    now: DateTime<FixedOffset>,
) -> Entry {
    let triage = Engine::builtin().triage(&text, scope);
    let mut entry = Entry::new(text, bucket.unwrap_or(triage.bucket), now);
    entry.suggested = triage.bucket;
    entry.crisis_level = triage.crisis_level;
    entry.reasons = triage.reasons.iter().map(|r| r.to_string()).collect();
    entry
}

/// Writes a new entry without the passphrase (sealed to the public key).
/// Returns the entry and the config it was triaged with.
pub fn add(
    paths: &Paths,
    text: String,
    bucket: Option<Bucket>,
    now: DateTime<FixedOffset>,
) -> Result<(Entry, Config), AppError> {
    if text.trim().is_empty() {
        return Err(AppError::invalid("the entry is empty; nothing was saved"));
    }
    let vault = Vault::open(paths)?;
    let config = Config::load(paths)?;
    let entry = compose(text, bucket, &config.agreement.texting, now);
    vault.save_entry(&entry)?;
    Ok((entry, config))
}

/// Saves changed entries in one transaction.
pub fn save_all(vault: &Vault, entries: &[Entry]) -> Result<(), AppError> {
    Ok(vault.save_entries(entries)?)
}

/// Saves one entry.
pub fn save(vault: &Vault, entry: &Entry) -> Result<(), AppError> {
    Ok(vault.save_entry(entry)?)
}

/// Removes an entry that was never finished (an empty draft).
pub fn discard(vault: &Vault, id: &str) -> Result<(), AppError> {
    Ok(vault.delete_entry(id)?)
}

/// Finds an entry by its full id or a unique prefix of at least 6 characters.
pub fn find_mut<'a>(entries: &'a mut [Entry], id: &str) -> Result<&'a mut Entry, AppError> {
    if id.chars().count() < 6 {
        return Err(AppError::invalid(
            "give at least the first 6 characters of the entry id",
        ));
    }
    let mut matches = entries.iter_mut().filter(|e| e.id.starts_with(id));
    let first = matches
        .next()
        .ok_or_else(|| AppError::invalid(format!("no entry with id {id}")))?;
    if matches.next().is_some() {
        return Err(AppError::invalid(format!(
            "several entries start with {id}; give more of the id"
        )));
    }
    Ok(first)
}

/// The short form of an id people type and read (at most 8 characters, so
/// an odd id from an old or damaged row never panics a listing).
pub fn short_id(id: &str) -> &str {
    match id.char_indices().nth(8) {
        Some((end, _)) => &id[..end],
        None => id,
    }
}
