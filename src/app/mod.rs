//! The operations both front ends call. Each takes `now` (when time
//! matters) and returns domain values or [`AppError`].
//!
//! The store's data types that the shells hold (paths, config, the vault
//! handle and its keys) are re-exported here, so the shells name one floor.

pub mod agenda;
#[cfg(unix)]
pub mod agent;
#[cfg(unix)]
pub mod agent_serve;
pub mod clock;
pub mod contact;
pub mod desktop;
pub mod entries;
pub mod error;
pub mod exchange;
pub mod held;
pub mod journal;
pub mod logging;
pub mod plan;
pub mod reminders;
pub mod session;
pub mod settings;
pub mod worker;

pub use error::AppError;

pub use crate::store::config::{Config, ThemeChoice};
pub use crate::store::instance::{acquire as acquire_instance, InstanceLock};
pub use crate::store::paths::Paths;
pub use crate::store::vault::{work_factor_mib, MAX_WORK_FACTOR, MIN_WORK_FACTOR, WORK_FACTOR};
pub use crate::store::vault::{Keys, Vault, VaultError};
