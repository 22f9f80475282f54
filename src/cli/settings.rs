//! `between settings`: where settings live, and get/set for scripts.

use clap::Subcommand;

use super::{load_config, paths};

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
    match action {
        None => {
            println!("Settings file: {}", paths.config_file().display());
            for (key, _) in crate::app::Config::keys() {
                if let Ok(value) = config.get(key) {
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
            config.save(&paths).map_err(|e| e.to_string())?;
            println!("{key} = {}", config.get(&key).unwrap_or(value));
        }
        Some(SettingsAction::Keys) => {
            for (key, help) in crate::app::Config::keys() {
                println!("{key:<28} {help}");
            }
        }
        Some(SettingsAction::Path) => println!("{}", paths.config_file().display()),
    }
    Ok(())
}
