//! The one error type of the operations layer. Every variant's message is
//! written for a person and never carries entry text.

use crate::app::exchange::ImportError;
use crate::store::config::ConfigError;
use crate::store::vault::backup::BackupError;
use crate::store::vault::VaultError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A rule of the operation itself (an empty entry, an unknown id).
    #[error("{0}")]
    Invalid(String),
}

impl AppError {
    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError::Invalid(message.into())
    }
}

/// The shells show errors as text; this keeps their `?` short.
impl From<AppError> for String {
    fn from(error: AppError) -> String {
        error.to_string()
    }
}
