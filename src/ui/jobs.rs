//! Slow work that runs off the UI thread: scrypt (create, unlock).
//! Tests call these directly and feed the result back as a message.

use std::sync::Arc;

use age::secrecy::SecretString;

use crate::domain::model::Entry;
use crate::store::paths::Paths;
use crate::store::vault::{Keys, Vault};

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

pub fn unlock(paths: &Paths, passphrase: SecretString) -> Result<Opened, String> {
    let vault = Vault::open(paths).map_err(|e| e.to_string())?;
    let keys = vault.unlock(&passphrase).map_err(|e| e.to_string())?;
    let loaded = vault.load(&keys).map_err(|e| e.to_string())?;
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
pub fn create(paths: &Paths, passphrase: SecretString) -> Result<Opened, String> {
    Vault::init(paths, &passphrase).map_err(|e| e.to_string())?;
    unlock(paths, passphrase)
}
