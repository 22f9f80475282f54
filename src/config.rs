//! `config.toml`: preferences that must be readable without the passphrase
//! (idle lock, theme, region). It never holds entry text.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::paths::{self, Paths};

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
}

impl Default for Config {
    fn default() -> Self {
        Config { idle_lock_minutes: 5, theme: ThemeChoice::Light, region: String::new() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings file {path} could not be read: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("the settings file {path} is not valid TOML (line {line}): {message}. Fix or delete it; your entries are not affected")]
    Parse { path: String, line: usize, message: String },
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
                return Err(ConfigError::Read { path: path.display().to_string(), source })
            }
        };
        Config::parse(&text).map_err(|(line, message)| ConfigError::Parse {
            path: path.display().to_string(),
            line,
            message,
        })
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

    pub fn save(&self, paths: &Paths) -> Result<(), ConfigError> {
        paths::make_private_dir(&paths.config)?;
        let text = toml::to_string_pretty(self).expect("config always serializes");
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
        let config = Config { idle_lock_minutes: 12, theme: ThemeChoice::Dark, region: "GB".into() };
        config.save(&paths).unwrap();
        assert_eq!(Config::load(&paths).unwrap(), config);
        assert_eq!(Config::parse("idle_lock_minutes = 1").unwrap().theme, ThemeChoice::Light);
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
