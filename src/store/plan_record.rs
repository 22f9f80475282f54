//! Where the safety plan lives. Always sealed in the vault; when the user
//! turns on "readable from the lock screen", also kept as a plain TOML file
//! (mode 0600) so the crisis panel can show it without the passphrase.

use std::path::PathBuf;

use crate::domain::safety_plan::SafetyPlan;
use crate::store::paths::{self, Paths};
use crate::store::vault::{Keys, Vault, VaultError};

const KIND: &str = "safety_plan";
const ID: &str = "current";

/// The unencrypted copy, present only while the setting is on.
pub fn open_copy_path(paths: &Paths) -> PathBuf {
    paths.data.join("safety-plan-readable-when-locked.toml")
}

/// Seals the plan, and writes or removes the readable copy to match its setting.
pub fn save(vault: &Vault, plan: &SafetyPlan) -> Result<(), VaultError> {
    vault.put_record(KIND, ID, plan)?;
    let copy = open_copy_path(vault.paths());
    if plan.readable_when_locked {
        let text = plan
            .to_toml()
            .map_err(|e| VaultError::Storage(e.to_string()))?;
        paths::write_atomic(&copy, text.as_bytes())?;
    } else if copy.exists() {
        // Overwrite before removing so the words don't linger in the file's blocks.
        let len = std::fs::metadata(&copy).map(|m| m.len()).unwrap_or(0) as usize;
        let _ = std::fs::write(&copy, vec![0u8; len]);
        std::fs::remove_file(&copy)?;
    }
    Ok(())
}

/// The plan, decrypted (needs the unlocked key).
pub fn load(vault: &Vault, keys: &Keys) -> Result<SafetyPlan, VaultError> {
    Ok(vault.get_record(keys, KIND, ID)?.unwrap_or_default())
}

/// The plan without the passphrase: only when the user chose that.
pub fn load_while_locked(paths: &Paths) -> Option<SafetyPlan> {
    let text = std::fs::read_to_string(open_copy_path(paths)).ok()?;
    SafetyPlan::from_toml(&text)
        .ok()
        .filter(|p| p.readable_when_locked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::safety_plan::Contact;

    #[test]
    fn the_lock_screen_copy_follows_the_setting() {
        std::env::set_var("BETWEEN_KDF_LOG_N", "10");
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path().to_path_buf());
        let pass = age::secrecy::SecretString::from("pw".to_string());
        let vault = Vault::init(&paths, &pass).unwrap();
        let mut plan = SafetyPlan {
            coping: vec!["Walk around the block".into()],
            helpers: vec![Contact::new("Sam", "555-0100")],
            ..SafetyPlan::default()
        };

        save(&vault, &plan).unwrap();
        assert_eq!(
            load_while_locked(&paths),
            None,
            "off by default: sealed only"
        );
        let keys = vault.unlock(&pass).unwrap();
        assert_eq!(load(&vault, &keys).unwrap(), plan);

        plan.readable_when_locked = true;
        save(&vault, &plan).unwrap();
        assert_eq!(load_while_locked(&paths), Some(plan.clone()));

        plan.readable_when_locked = false;
        save(&vault, &plan).unwrap();
        assert_eq!(load_while_locked(&paths), None);
        assert!(!open_copy_path(&paths).exists());
        assert_eq!(
            load(&vault, &keys).unwrap(),
            plan,
            "still sealed in the vault"
        );
    }
}
