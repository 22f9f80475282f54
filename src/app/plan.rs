//! The safety plan: sealed in the vault, optionally readable while locked.

use crate::app::AppError;
use crate::domain::safety_plan::SafetyPlan;
use crate::store::paths::Paths;
use crate::store::plan_record;
use crate::store::vault::{Keys, Vault};

pub fn save(vault: &Vault, plan: &SafetyPlan) -> Result<(), AppError> {
    Ok(plan_record::save(vault, plan)?)
}

pub fn load(vault: &Vault, keys: &Keys) -> Result<SafetyPlan, AppError> {
    Ok(plan_record::load(vault, keys)?)
}

/// The readable copy, when the user chose to keep one for the lock screen.
pub fn load_while_locked(paths: &Paths) -> Option<SafetyPlan> {
    plan_record::load_while_locked(paths)
}
