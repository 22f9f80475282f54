//! The session: create a vault, unlock it (scrypt, so the window runs these
//! off its thread), and read every entry. Tests call these directly and
//! feed the result back to the window as a message.

use std::sync::Arc;

use age::secrecy::SecretString;

use crate::app::AppError;
use crate::domain::model::Entry;
use crate::store::paths::Paths;
use crate::store::vault::{Keys, Loaded, Vault};

/// What an unlock yields: the key and every entry that opened.
#[derive(Clone)]
pub struct Opened {
    pub keys: Arc<Keys>,
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
    pub plan: crate::domain::safety_plan::SafetyPlan,
    pub agenda_state: crate::domain::agenda::AgendaState,
}

impl std::fmt::Debug for Opened {
    // Never prints entry text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Opened({} entries, {} problems)",
            self.entries.len(),
            self.problems.len()
        )
    }
}

pub fn unlock(paths: &Paths, passphrase: SecretString) -> Result<Opened, AppError> {
    let vault = Vault::open(paths)?;
    let keys = vault.unlock(&passphrase)?;
    let loaded = vault.load(&keys)?;
    // Packing makes the next unlock fast; if it fails, nothing is lost and the
    // inbox is simply packed next time.
    let _ = vault.pack(&loaded);
    let mut problems: Vec<String> = loaded
        .problems
        .iter()
        .map(|p| p.error.to_string())
        .collect();
    let plan = crate::store::plan_record::load(&vault, &keys).unwrap_or_else(|e| {
        problems.push(format!("safety plan: {e}"));
        Default::default()
    });
    let agenda_state = crate::store::agenda_record::load_state(&vault, &keys).unwrap_or_else(|e| {
        problems.push(format!("agenda: {e}"));
        Default::default()
    });
    Ok(Opened {
        keys: Arc::new(keys),
        entries: loaded.entries,
        problems,
        plan,
        agenda_state,
    })
}

/// Creates the vault, then unlocks it so the user lands in an empty journal.
pub fn create(paths: &Paths, passphrase: SecretString) -> Result<Opened, AppError> {
    Vault::init(paths, &passphrase)?;
    unlock(paths, passphrase)
}

/// Unlocks `vault` and reads every entry, for one command-line operation.
/// Entries that failed to open are in `Loaded::problems`.
pub fn read_all(vault: &Vault, passphrase: &SecretString) -> Result<(Keys, Loaded), AppError> {
    let keys = vault.unlock(passphrase)?;
    let loaded = vault.load(&keys)?;
    Ok((keys, loaded))
}
