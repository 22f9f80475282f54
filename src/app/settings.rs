//! Settings as both shells use them: `config.toml` for what works without
//! the passphrase, and the agreement's free text sealed in the vault.

use crate::app::AppError;
use crate::store::config::Config;
use crate::store::private_settings::{self, PrivateSettings};
use crate::store::vault::{Keys, Vault};

pub use crate::store::private_settings::SEALED_KEYS;

/// Whether reading or changing `key` (with `value`, for `set`) needs the
/// sealed free text, hence the passphrase.
pub fn needs_unlock(key: &str, value: Option<&str>) -> bool {
    SEALED_KEYS.contains(&key)
        || (key == "vacation.add" && value.is_some_and(|v| v.split_whitespace().nth(1).is_some()))
}

/// Fills `config` with the sealed free text. A `config.toml` from an older
/// version that still holds it in clear is sealed now and rewritten without it.
pub fn unseal_into(vault: &Vault, keys: &Keys, config: &mut Config) -> Result<(), AppError> {
    if config.private_known {
        save(vault, config)?;
        tracing::info!("moved the agreement's free text out of config.toml into the vault");
    } else {
        private_settings::load(vault, keys)?.apply_to(&mut config.agreement);
        config.private_known = true;
    }
    Ok(())
}

/// Saves `config`: the free text sealed first (when it is known, so a
/// config read without the passphrase never wipes it), then `config.toml`.
pub fn save(vault: &Vault, config: &Config) -> Result<(), AppError> {
    if config.private_known {
        private_settings::save(vault, &PrivateSettings::of(&config.agreement))?;
    }
    config.save(vault.paths())?;
    Ok(())
}

/// Forgets the free text (on lock).
pub fn forget_private(config: &mut Config) {
    PrivateSettings::strip(&mut config.agreement);
    config.private_known = false;
}
