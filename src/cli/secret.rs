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
