//! Slow work that runs off the UI thread: scrypt (create, unlock).
//! Tests call these directly and feed the result back as a message.

use std::sync::Arc;

use age::secrecy::SecretString;

use crate::model::Entry;
use crate::paths::Paths;
use crate::vault::{Keys, Vault};

/// What an unlock yields: the key and every entry that opened.
#[derive(Clone)]
pub struct Opened {
    pub keys: Arc<Keys>,
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
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
    Ok(Opened {
        keys: Arc::new(keys),
        entries: loaded.entries,
        problems: loaded
            .problems
            .iter()
            .map(|p| p.error.to_string())
            .collect(),
    })
}

/// Creates the vault, then unlocks it so the user lands in an empty journal.
pub fn create(paths: &Paths, passphrase: SecretString) -> Result<Opened, String> {
    Vault::init(paths, &passphrase).map_err(|e| e.to_string())?;
    unlock(paths, passphrase)
}
