//! Everything that touches disk: the vault (crypto, SQL, migrations,
//! backup), the sealed agenda and safety-plan records beside it, plaintext
//! reminder state, config, paths and the single-instance lock.
//! Imports `domain` only.

pub mod agenda_record;
pub mod config;
pub mod instance;
pub mod paths;
pub mod plan_record;
pub mod private_settings;
pub mod reminder_state;
pub mod vault;
