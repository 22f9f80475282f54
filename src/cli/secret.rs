//! Reading passphrases: `BETWEEN_PASSPHRASE` for scripts, otherwise a prompt without echo.

use age::secrecy::{ExposeSecret, SecretString};

use crate::app::{work_factor_mib, MAX_WORK_FACTOR, MIN_WORK_FACTOR};
use crate::app::{Keys, Vault};

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

/// The vault's keys: from the session agent (`between unlock`) when one is
/// running for this vault, else by asking for the passphrase.
pub fn keys(vault: &Vault) -> Result<Keys, String> {
    #[cfg(unix)]
    if let Some(identity) = crate::app::agent::fetch(vault.paths()) {
        match vault.unlock_with_identity(&identity) {
            Ok(keys) => return Ok(keys),
            Err(_) => eprintln!(
                "between: the running session (between unlock) holds another key; asking for the passphrase"
            ),
        }
    }
    vault.unlock(&current()?).map_err(|e| e.to_string())
}

/// The key of the session agent running for this vault, if one is and it
/// opens this vault.
pub fn agent_key(paths: &crate::app::Paths) -> Option<SecretString> {
    #[cfg(unix)]
    {
        let key = crate::app::agent::fetch(paths)?;
        let vault = Vault::open(paths).ok()?;
        vault.unlock_with_identity(&key).ok()?;
        Some(key)
    }
    #[cfg(not(unix))]
    {
        let _ = paths;
        None
    }
}

/// `between passwd [--rotate] [--work-factor N]`.
pub fn passwd(vault: Vault, rotate: bool, work_factor: Option<u8>) -> Result<(), String> {
    use crate::app::session;
    if let Some(log_n) = work_factor {
        check_work_factor(log_n)?;
        if rotate {
            return Err("use --work-factor and --rotate one at a time; nothing was changed".into());
        }
    }
    let old = current()?;
    vault.unlock(&old).map_err(|e| e.to_string())?;
    if let Some(log_n) = work_factor {
        // Same passphrase, new cost: nothing else to ask.
        vault.rewrap(&old, &old, log_n).map_err(|e| e.to_string())?;
        println!(
            "identity.age is now locked with scrypt at work factor 2^{log_n} ({} MiB); the passphrase is unchanged.",
            work_factor_mib(log_n)
        );
        return Ok(());
    }
    let new = new_passphrase(NEW_PASSPHRASE_ENV)?;
    if rotate {
        let rows = session::rotate(&vault, &old, &new)?;
        println!("Made a new key, re-sealed {rows} sealed rows to it and retired the old key.");
        #[cfg(unix)]
        if crate::app::agent::lock(vault.paths()) {
            println!(
                "The running session held the old key and was locked; run `between unlock` again."
            );
        }
        println!("The new passphrase opens this vault. Old backups (and any old copy of identity.age) still open with the old passphrase, but only hold what was in them then. Make a new backup now.");
    } else {
        session::change_passphrase(&vault, &old, &new)?;
        println!(
            "Passphrase changed: identity.age is now locked with the new one ({}).",
            describe_work_factor(&vault)
        );
        println!("This re-wraps the same key; it does not change it. Old backups, and any old copy of identity.age, still open with the old passphrase, and such a copy also opens entries written from now on. To retire the old key, run `between passwd --rotate`.");
    }
    Ok(())
}

/// Refuses a work factor outside 2^15..2^22, saying why.
pub fn check_work_factor(log_n: u8) -> Result<(), String> {
    if (MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&log_n) {
        Ok(())
    } else {
        Err(format!(
            "--work-factor {log_n} is outside {MIN_WORK_FACTOR}..={MAX_WORK_FACTOR} (2^{MIN_WORK_FACTOR} uses {} MiB and is the least that still makes guessing slow; 2^{MAX_WORK_FACTOR} uses {} MiB); nothing was changed",
            work_factor_mib(MIN_WORK_FACTOR),
            work_factor_mib(MAX_WORK_FACTOR)
        ))
    }
}

/// How `identity.age` is wrapped, in words.
pub fn describe_work_factor(vault: &Vault) -> String {
    match vault.work_factor() {
        Some(log_n) => format!(
            "scrypt work factor 2^{log_n} ({} MiB per unlock)",
            work_factor_mib(log_n)
        ),
        None => "scrypt work factor unknown (identity.age could not be read)".into(),
    }
}
