//! `between settings`: where settings live, and get/set for scripts.

use clap::Subcommand;

use super::{load_config, open_vault, paths, secret};
use crate::app::settings;

#[derive(Subcommand, Debug)]
pub enum SettingsAction {
    /// Print one value.
    Get { key: String },
    /// Change one value (validated; nothing changes on error).
    Set { key: String, value: String },
    /// List every key with its help.
    Keys,
    /// Print the path of config.toml.
    Path,
}

pub fn run(action: Option<SettingsAction>) -> Result<(), String> {
    let paths = paths()?;
    let mut config = load_config(&paths)?;
    // The agreement's free text is sealed in the vault: reading or changing
    // it needs the key (the running session's, or the passphrase); a plain
    // listing shows it only when a key is at hand without asking.
    let unseal = match &action {
        None => {
            std::env::var_os(secret::PASSPHRASE_ENV).is_some()
                || crate::app::session::agent_running(&paths)
        }
        Some(SettingsAction::Get { key }) => settings::needs_unlock(key, None),
        Some(SettingsAction::Set { key, value }) => settings::needs_unlock(key, Some(value)),
        _ => false,
    };
    if unseal {
        let vault = open_vault()?;
        let keys = secret::keys(&vault)?;
        settings::unseal_into(&vault, &keys, &mut config).map_err(|e| e.to_string())?;
    }
    match action {
        None => {
            println!("Settings file: {}", paths.config_file().display());
            for (key, _) in crate::app::Config::keys() {
                let sealed = !config.private_known && settings::SEALED_KEYS.contains(&key);
                if sealed && key == "vacation.list" {
                    // The dates are plain; only the notes are sealed.
                    let dates = config.get(key).unwrap_or_default();
                    println!("{key} = {dates} (notes sealed)");
                } else if sealed {
                    println!(
                        "{key} = (sealed: `between settings get {key}` asks for the passphrase)"
                    );
                } else if let Ok(value) = config.get(key) {
                    println!("{key} = {value}");
                }
            }
            if config.agreement.hours_assumed() {
                println!("(therapist hours are assumed: Mon-Fri 09:00-17:00 in your time zone)");
            }
        }
        Some(SettingsAction::Get { key }) => println!("{}", config.get(&key)?),
        Some(SettingsAction::Set { key, value }) => {
            config.set(&key, &value)?;
            save(&paths, &config)?;
            println!("{key} = {}", config.get(&key).unwrap_or(value));
        }
        Some(SettingsAction::Keys) => {
            for (key, help) in crate::app::Config::keys() {
                let sealed = if settings::SEALED_KEYS.contains(&key) {
                    " (sealed in the vault)"
                } else {
                    ""
                };
                println!("{key:<28} {help}{sealed}");
            }
        }
        Some(SettingsAction::Path) => println!("{}", paths.config_file().display()),
    }
    Ok(())
}

/// Saves through the vault whenever the free text is known, so it is sealed
/// and never written to (or lost from) config.toml.
pub fn save(paths: &crate::app::Paths, config: &crate::app::Config) -> Result<(), String> {
    if config.private_known {
        let vault = open_vault()?;
        settings::save(&vault, config).map_err(|e| e.to_string())
    } else {
        config.save(paths).map_err(|e| e.to_string())
    }
}
