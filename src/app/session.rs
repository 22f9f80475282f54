//! The session: create a vault, unlock it (scrypt, so the window runs these
//! off its thread), and read every entry. Tests call these directly and
//! feed the result back to the window as a message.

use std::collections::HashSet;
use std::sync::Arc;

use age::secrecy::{ExposeSecret, SecretString};

use crate::app::AppError;
use crate::domain::model::Entry;
use crate::store::paths::Paths;
use crate::store::vault::{Keys, Loaded, Reading, Vault};

/// What an unlock yields: the key and every entry that opened.
#[derive(Clone)]
pub struct Opened {
    pub keys: Arc<Keys>,
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
    pub plan: crate::domain::safety_plan::SafetyPlan,
    pub agenda_state: crate::domain::agenda::AgendaState,
    /// The settings with the agreement's free text unsealed into them.
    pub config: Option<crate::store::config::Config>,
    /// Where plaintext exports are proposed (see `exchange::plaintext_dir`).
    pub plaintext_dir: std::path::PathBuf,
    /// Entries that were written while locked (lock screen, `between add`,
    /// an import) and found waiting at this unlock.
    pub added_while_locked: HashSet<String>,
    /// Whether those were accepted into the signed history at this unlock
    /// (false when the history had findings, or the disk refused the write).
    pub accepted: bool,
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
    open_with(vault, keys)
}

/// What opens the vault: the passphrase, or the key a running session
/// agent (`between unlock`) handed over.
pub enum Credential {
    Passphrase(SecretString),
    AgentKey(SecretString),
}

impl Credential {
    pub fn keys(&self, vault: &Vault) -> Result<Keys, crate::store::vault::VaultError> {
        match self {
            Credential::Passphrase(p) => vault.unlock(p),
            Credential::AgentKey(identity) => vault.unlock_with_identity(identity),
        }
    }
}

/// Whether a session agent (`between unlock`) is running for this vault.
pub fn agent_running(paths: &Paths) -> bool {
    #[cfg(unix)]
    return crate::app::agent::remaining(paths).is_some();
    #[cfg(not(unix))]
    return false;
}

/// Unlocks with the key the running session agent holds: no passphrase, no scrypt.
pub fn unlock_with_agent(paths: &Paths) -> Result<Opened, AppError> {
    #[cfg(unix)]
    let identity = crate::app::agent::fetch(paths);
    #[cfg(not(unix))]
    let identity: Option<SecretString> = None;
    let identity = identity.ok_or_else(|| {
        AppError::invalid("The session has ended (timed out or locked). Type your passphrase.")
    })?;
    let vault = Vault::open(paths)?;
    let keys = vault.unlock_with_identity(&identity).map_err(|_| {
        AppError::invalid("The running session holds another journal's key. Type your passphrase.")
    })?;
    open_with(vault, keys)
}

fn open_with(vault: Vault, keys: Keys) -> Result<Opened, AppError> {
    let paths = &vault.paths().clone();
    let loaded = vault.load(&keys)?;
    let accepted = settle(&vault, &keys, &loaded);
    let mut problems: Vec<String> = loaded.integrity.clone();
    problems.extend(loaded.problems.iter().map(|p| p.error.to_string()));
    let plan = crate::store::plan_record::load(&vault, &keys).unwrap_or_else(|e| {
        problems.push(format!("safety plan: {e}"));
        Default::default()
    });
    let agenda_state = crate::store::agenda_record::load_state(&vault, &keys).unwrap_or_else(|e| {
        problems.push(format!("agenda: {e}"));
        Default::default()
    });
    let config = unsealed_config(paths, &vault, &keys)
        .map_err(|e| problems.push(format!("settings: {e}")))
        .ok();
    Ok(Opened {
        plaintext_dir: crate::app::exchange::plaintext_dir(paths),
        config,
        keys: Arc::new(keys),
        entries: loaded.entries,
        problems,
        plan,
        agenda_state,
        added_while_locked: loaded.unverified,
        accepted,
    })
}

/// Creates the vault, then unlocks it so the user lands in an empty journal.
pub fn create(paths: &Paths, passphrase: SecretString) -> Result<Opened, AppError> {
    check_strength(&passphrase)?;
    Vault::init(paths, &passphrase)?;
    unlock(paths, passphrase)
}

/// Unlocks `vault` and reads every entry, for one command-line operation.
/// Entries that failed to open are in `Loaded::problems`.
/// The history is verified as found (`Loaded::integrity`,
/// `Loaded::unverified`); then entries added while locked are accepted and
/// the inbox is packed, as the window does at unlock.
pub fn read_all(vault: &Vault, passphrase: &SecretString) -> Result<(Keys, Loaded), AppError> {
    read_all_with(vault, vault.unlock(passphrase)?)
}

/// As [`read_all`], with keys already unlocked (e.g. from the session agent).
pub fn read_all_with(vault: &Vault, keys: Keys) -> Result<(Keys, Loaded), AppError> {
    let loaded = vault.load(&keys)?;
    settle(vault, &keys, &loaded);
    Ok((keys, loaded))
}

/// As [`read_all_with`], keeping only the entries `keep` accepts (at most
/// the newest `limit`), without holding every entry when the vault is in
/// order (see [`Vault::read_some`]). A full read (`Reading::Full`) is
/// settled as `read_all_with` does; a partial one cannot be (`settle` and
/// `pack` take a `Loaded` only), and has nothing to settle.
pub fn read_some_with(
    vault: &Vault,
    keys: Keys,
    keep: &mut dyn FnMut(&Entry) -> bool,
    limit: Option<usize>,
) -> Result<(Keys, Reading), AppError> {
    let reading = vault.read_some(&keys, keep, limit)?;
    if let Reading::Full(loaded) = &reading {
        settle(vault, &keys, loaded);
    }
    Ok((keys, reading))
}

/// From now on `vault` records its writes in the authenticated history.
pub fn attach(vault: &Vault, keys: &Keys) {
    vault.attach(keys);
}

/// On lock: writes from now on are "added while locked" until the next unlock.
pub fn detach(vault: &Vault) {
    vault.detach();
}

/// Accepts entries added while locked and packs the inbox. A failure (a full
/// disk, a read-only folder, a history that does not verify) loses nothing:
/// reading goes on and the next unlock tries again. Returns whether it worked.
fn settle(vault: &Vault, keys: &Keys, loaded: &Loaded) -> bool {
    match vault.settle(keys, loaded) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "entries added while locked were not accepted or packed");
            false
        }
    }
}

/// The lowest zxcvbn score (0-4) a new passphrase may have.
pub const MIN_STRENGTH: u8 = 2;

/// Refuses a passphrase that is too easy to guess, saying why. (The debug
/// test suite's fast-scrypt setting also lifts this rule.)
pub fn check_strength(passphrase: &SecretString) -> Result<(), AppError> {
    if crate::store::vault::test_kdf_in_force() {
        return Ok(());
    }
    let estimate = zxcvbn::zxcvbn(passphrase.expose_secret(), &[]);
    if u8::from(estimate.score()) < MIN_STRENGTH {
        return Err(AppError::invalid(
            "this passphrase is too easy to guess; nothing was changed. Use four or more unrelated words (for example a short sentence only you would write)",
        ));
    }
    Ok(())
}

/// Re-wraps the same key with a new passphrase (see `rotate` for a new key).
pub fn change_passphrase(
    vault: &Vault,
    old: &SecretString,
    new: &SecretString,
) -> Result<(), AppError> {
    check_strength(new)?;
    Ok(vault.change_passphrase(old, new)?)
}

/// Makes a new key, re-seals every record to it and retires the old one.
/// Returns how many sealed rows were re-sealed.
pub fn rotate(vault: &Vault, old: &SecretString, new: &SecretString) -> Result<usize, AppError> {
    check_strength(new)?;
    let keys = vault.unlock(old)?;
    Ok(vault.rotate(&keys, new)?)
}

/// What the window's "Make a new key" yields: the new key, already signing
/// the worker's writes, and how many sealed rows were re-sealed to it.
#[derive(Clone)]
pub struct Rotated {
    pub keys: Arc<Keys>,
    pub rows: usize,
}

impl std::fmt::Debug for Rotated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rotated({} rows)", self.rows)
    }
}

/// Real key rotation from the window, keeping the passphrase: a new key,
/// every record re-sealed to it, the old key retired (see [`Vault::rotate`]).
/// The passphrase itself does not change, so no strength rule applies. The
/// worker's vault is reopened afterwards (it held the old public key) and
/// signs with the new key.
pub fn rotate_keeping_passphrase(
    desk: &mut crate::app::worker::Desk,
    passphrase: &SecretString,
) -> Result<Rotated, AppError> {
    let rows = {
        let vault = desk.vault()?;
        let keys = vault.unlock(passphrase)?;
        vault.rotate(&keys, passphrase)?
    };
    let vault = desk.reopen()?;
    let keys = vault.unlock(passphrase)?;
    vault.attach(&keys);
    Ok(Rotated {
        keys: Arc::new(keys),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weak_passphrase_is_refused_with_a_clear_message() {
        if crate::store::vault::test_kdf_in_force() {
            return; // the test suite's fast-scrypt setting lifts the rule
        }
        let err = check_strength(&SecretString::from("pw".to_string())).unwrap_err();
        assert!(err.to_string().contains("too easy to guess"), "{err}");
        check_strength(&SecretString::from(
            "plum kettle granite whistle".to_string(),
        ))
        .unwrap();
    }
}

/// The settings with the agreement's free text unsealed (and moved out of an
/// older `config.toml` that still held it).
pub fn unsealed_config(
    paths: &Paths,
    vault: &Vault,
    keys: &Keys,
) -> Result<crate::store::config::Config, AppError> {
    let mut config = crate::store::config::Config::load(paths)?;
    crate::app::settings::unseal_into(vault, keys, &mut config)?;
    Ok(config)
}
