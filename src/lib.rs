//! Between: a private journal for the time between therapy sessions.
//!
//! The domain modules never import iced; `ui` is the only window code.

pub mod agenda;
pub mod agenda_store;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod hours;
pub mod import;
pub mod instance;
pub mod logging;
pub mod model;
pub mod paths;
pub mod plan_store;
pub mod remind_store;
pub mod reminders;
pub mod resources;
pub mod safety_plan;
pub mod search;
pub mod synth;
pub mod triage;
pub mod ui;
pub mod vault;
