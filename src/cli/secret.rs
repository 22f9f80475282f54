//! Reading passphrases: `BETWEEN_PASSPHRASE` for scripts, otherwise a prompt without echo.

use age::secrecy::{ExposeSecret, SecretString};

pub const PASSPHRASE_ENV: &str = "BETWEEN_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "BETWEEN_NEW_PASSPHRASE";

fn from_env(name: &str) -> Option<SecretString> {
    std::env::var(name).ok().map(SecretString::from)
}

fn prompt(label: &str) -> Result<SecretString, String> {
    rpassword::prompt_password(label)
        .map(SecretString::from)
        .map_err(|e| {
            format!("could not read the passphrase: {e} (set {PASSPHRASE_ENV} for scripts)")
        })
}

/// The passphrase to unlock with.
pub fn current() -> Result<SecretString, String> {
    match from_env(PASSPHRASE_ENV) {
        Some(p) => Ok(p),
        None => prompt("Passphrase: "),
    }
}

/// A new passphrase, asked twice when interactive. `env` is the variable scripts use.
pub fn new_passphrase(env: &str) -> Result<SecretString, String> {
    let passphrase = match from_env(env) {
        Some(p) => p,
        None => {
            let first = prompt("New passphrase: ")?;
            let second = prompt("Repeat it: ")?;
            if first.expose_secret() != second.expose_secret() {
                return Err("the two passphrases differ; nothing was changed".into());
            }
            first
        }
    };
    if passphrase.expose_secret().is_empty() {
        return Err("the passphrase cannot be empty".into());
    }
    Ok(passphrase)
}

/// `between passwd [--rotate]`.
pub fn passwd(vault: crate::app::Vault, rotate: bool) -> Result<(), String> {
    use crate::app::session;
    let old = current()?;
    vault.unlock(&old).map_err(|e| e.to_string())?;
    let new = new_passphrase(NEW_PASSPHRASE_ENV)?;
    if rotate {
        let rows = session::rotate(&vault, &old, &new)?;
        println!("Made a new key, re-sealed {rows} sealed rows to it and retired the old key.");
        println!("The new passphrase opens this vault. Old backups (and any old copy of identity.age) still open with the old passphrase, but only hold what was in them then. Make a new backup now.");
    } else {
        session::change_passphrase(&vault, &old, &new)?;
        println!("Passphrase changed: identity.age is now locked with the new one.");
        println!("This re-wraps the same key; it does not change it. Old backups, and any old copy of identity.age, still open with the old passphrase, and such a copy also opens entries written from now on. To retire the old key, run `between passwd --rotate`.");
    }
    Ok(())
}
