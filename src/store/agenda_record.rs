//! Sealed storage for the agenda's per-item state and the archive of past sessions.

use crate::domain::agenda::{AgendaState, ArchivedSession};
use crate::store::vault::{Keys, Vault, VaultError};

const STATE_KIND: &str = "agenda_state";
const STATE_ID: &str = "current";
const ARCHIVE_KIND: &str = "session";

pub fn load_state(vault: &Vault, keys: &Keys) -> Result<AgendaState, VaultError> {
    Ok(vault
        .get_record(keys, STATE_KIND, STATE_ID)?
        .unwrap_or_default())
}

pub fn save_state(vault: &Vault, state: &AgendaState) -> Result<(), VaultError> {
    vault.put_record(STATE_KIND, STATE_ID, state)
}

/// Archives a reviewed session under its start time (RFC 3339), so ids sort by date.
pub fn archive(vault: &Vault, session: &ArchivedSession) -> Result<(), VaultError> {
    vault.put_record(ARCHIVE_KIND, &session.start.to_rfc3339(), session)
}

/// Past sessions, newest first, with any that could not be opened described.
pub fn history(
    vault: &Vault,
    keys: &Keys,
) -> Result<(Vec<ArchivedSession>, Vec<String>), VaultError> {
    let (good, bad) = vault.records::<ArchivedSession>(keys, ARCHIVE_KIND)?;
    let mut sessions: Vec<ArchivedSession> = good.into_iter().map(|(_, s)| s).collect();
    sessions.sort_by(|a, b| b.start.cmp(&a.start));
    Ok((
        sessions,
        bad.into_iter().map(|p| p.error.to_string()).collect(),
    ))
}
