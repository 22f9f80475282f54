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

/// Archives a reviewed session under an opaque id (a keyed hash of its
/// start), so the database does not show when sessions were; reviewing the
/// same session again replaces its record.
pub fn archive(vault: &Vault, session: &ArchivedSession) -> Result<(), VaultError> {
    vault.put_record(ARCHIVE_KIND, &archive_id(vault, session), session)
}

fn archive_id(vault: &Vault, session: &ArchivedSession) -> String {
    vault.opaque_id("session-id", &session.start.to_rfc3339())
}

/// Past sessions, newest first, with any that could not be opened described.
/// Sessions archived by older versions under their start time are moved to
/// an opaque id on the way (best effort: a read-only disk leaves them).
pub fn history(
    vault: &Vault,
    keys: &Keys,
) -> Result<(Vec<ArchivedSession>, Vec<String>), VaultError> {
    let (good, bad) = vault.records::<ArchivedSession>(keys, ARCHIVE_KIND)?;
    let mut sessions = Vec::with_capacity(good.len());
    for (id, session) in good {
        if chrono::DateTime::parse_from_rfc3339(&id).is_ok() {
            let moved =
                archive(vault, &session).and_then(|()| vault.delete_record(ARCHIVE_KIND, &id));
            if let Err(e) = moved {
                tracing::warn!(error = %e, "an archived session kept its dated id");
            }
        }
        sessions.push(session);
    }
    sessions.sort_by(|a, b| b.start.cmp(&a.start));
    Ok((
        sessions,
        bad.into_iter().map(|p| p.error.to_string()).collect(),
    ))
}
