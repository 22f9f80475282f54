//! `config.toml`: preferences that must be readable without the passphrase
//! (idle lock, theme, region). It never holds entry text.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::domain::hours::Agreement;
use crate::store::paths::{self, Paths};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Lock after this many minutes without input. 0 turns the idle lock off.
    pub idle_lock_minutes: u32,
    pub theme: ThemeChoice,
    /// ISO country code for crisis resources; empty means "from the locale".
    pub region: String,
    /// The texting agreement with the therapist (hours, vacations, topics, limits).
    pub agreement: Agreement,
    /// When sessions happen (times only; readable without the passphrase for reminders).
    pub schedule: crate::domain::agenda::Schedule,
    pub reminders: crate::domain::reminders::ReminderSettings,
    /// Whether the agreement's free text in memory is the whole truth: read
    /// from the vault after an unlock, or found in an older `config.toml`
    /// that still held it. Only then is it sealed back on save.
    #[serde(skip)]
    pub private_known: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            idle_lock_minutes: 5,
            theme: ThemeChoice::Light,
            region: String::new(),
            agreement: Agreement::default(),
            schedule: crate::domain::agenda::Schedule::default(),
            reminders: crate::domain::reminders::ReminderSettings::default(),
            private_known: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings file {path} could not be read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the settings file {path} is not valid TOML (line {line}): {message}. Fix or delete it; your entries are not affected")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("the settings file could not be saved: {0}")]
    Write(#[from] std::io::Error),
}

impl Config {
    /// Reads the config; a missing file gives the defaults.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        Config::load_from(&paths.config_file())
    }

    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        let mut config = Config::parse(&text).map_err(|(line, message)| ConfigError::Parse {
            path: path.display().to_string(),
            line,
            message,
        })?;
        // A file from before the free text was sealed: keep it until the
        // next save seals it.
        config.private_known =
            !crate::store::private_settings::PrivateSettings::of(&config.agreement).is_empty();
        Ok(config)
    }

    /// Parses TOML text; the error carries a 1-based line number.
    pub fn parse(text: &str) -> Result<Config, (usize, String)> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].lines().count().max(1))
                .unwrap_or(1);
            (line, e.message().to_string())
        })
    }

    /// Reads a general setting or a texting-agreement key (see `keys`).
    pub fn get(&self, key: &str) -> Result<String, String> {
        match key {
            "app.idle_lock_minutes" => Ok(self.idle_lock_minutes.to_string()),
            "app.theme" => Ok(match self.theme {
                ThemeChoice::Light => "light".into(),
                ThemeChoice::Dark => "dark".into(),
            }),
            "app.region" => Ok(self.region.clone()),
            "reminders.held_messages" => Ok(self.reminders.held_messages.to_string()),
            "reminders.weekly_crisis" => Ok(self.reminders.weekly_crisis.to_string()),
            _ => self.agreement.get(key),
        }
    }

    /// Sets a key after validating it; on error nothing changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        match key {
            "app.idle_lock_minutes" => {
                self.idle_lock_minutes = value
                    .parse()
                    .ok()
                    .filter(|m| *m <= 24 * 60)
                    .ok_or("idle lock: a number of minutes from 0 (off) to 1440")?;
            }
            "app.theme" => {
                self.theme = match value.to_ascii_lowercase().as_str() {
                    "light" => ThemeChoice::Light,
                    "dark" => ThemeChoice::Dark,
                    _ => return Err("theme: light or dark".into()),
                }
            }
            "app.region" => {
                let code = value.to_ascii_uppercase();
                if !code.is_empty()
                    && crate::domain::resources::Directory::builtin()
                        .region(&code)
                        .is_none()
                {
                    return Err(format!(
                        "region: one of {} (or empty for the system locale)",
                        crate::domain::resources::Directory::builtin()
                            .codes()
                            .join(", ")
                    ));
                }
                self.region = code;
            }
            "reminders.held_messages" | "reminders.weekly_crisis" => {
                let on = match value.to_ascii_lowercase().as_str() {
                    "true" | "on" | "yes" => true,
                    "false" | "off" | "no" => false,
                    _ => return Err(format!("{key}: true or false")),
                };
                if key == "reminders.held_messages" {
                    self.reminders.held_messages = on;
                } else {
                    self.reminders.weekly_crisis = on;
                }
            }
            _ => self.agreement.set(key, value)?,
        }
        Ok(())
    }

    /// Every settable key with its help text.
    pub fn keys() -> Vec<(&'static str, &'static str)> {
        let mut keys = vec![
            (
                "app.idle_lock_minutes",
                "lock after this many idle minutes (0 = never)",
            ),
            ("app.theme", "light or dark"),
            (
                "app.region",
                "crisis resources region, e.g. US, CA, GB, IE, AU, NZ (empty = from locale)",
            ),
        ];
        keys.extend_from_slice(crate::domain::hours::keys());
        keys.push((
            "reminders.held_messages",
            "remind me when a held message's window opens (true/false)",
        ));
        keys.push((
            "reminders.weekly_crisis",
            "a weekly reminder of where crisis help is (true/false)",
        ));
        keys
    }

    /// The region for crisis resources: the setting, or the system locale.
    pub fn effective_region(&self) -> String {
        if self.region.is_empty() {
            crate::domain::resources::region_from_locale(std::env::var("LANG").ok().as_deref())
        } else {
            self.region.clone()
        }
    }

    /// Writes `config.toml` without the agreement's free text (therapist's
    /// name, urgent channel, topics, vacation notes): that is sealed in the
    /// vault (`private_settings`), never written here.
    pub fn save(&self, paths: &Paths) -> Result<(), ConfigError> {
        paths::make_private_dir(&paths.config)?;
        let mut public = self.clone();
        crate::store::private_settings::PrivateSettings::strip(&mut public.agreement);
        let text = toml::to_string_pretty(&public).expect("config always serializes");
        paths::write_atomic(&paths.config_file(), text.as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load_from(&dir.path().join("none.toml")).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.idle_lock_minutes, 5);
    }

    #[test]
    fn round_trip_and_partial_files() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path().to_path_buf());
        let mut config = Config {
            idle_lock_minutes: 12,
            theme: ThemeChoice::Dark,
            region: "GB".into(),
            ..Config::default()
        };
        config
            .agreement
            .set("hours.mon", "09:00-12:00,13:00-17:00")
            .unwrap();
        config
            .agreement
            .set("vacation.add", "2026-12-20..2027-01-03 card in the mail")
            .unwrap();
        config.save(&paths).unwrap();
        let loaded = Config::load(&paths).unwrap();
        // The vacation's note is sealed in the vault, never written here.
        assert!(!std::fs::read_to_string(paths.config_file())
            .unwrap()
            .contains("card in the mail"));
        assert_eq!(loaded.agreement.vacations[0].note, "");
        config.agreement.vacations[0].note.clear();
        assert_eq!(loaded, config);
        assert_eq!(
            Config::parse("idle_lock_minutes = 1").unwrap().theme,
            ThemeChoice::Light
        );
    }

    #[test]
    fn garbage_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = \"light\"\nidle_lock_minutes = [oops\n").unwrap();
        let err = Config::load_from(&path).unwrap_err().to_string();
        assert!(err.contains("not valid TOML"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("config.toml"), "{err}");
    }
}
