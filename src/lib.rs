//! Between: a private journal for the time between therapy sessions.
//!
//! The domain modules never import iced; `ui` is the only window code.

pub mod model;
pub mod paths;
pub mod vault;
pub mod config;
pub mod cli;
pub mod resources;
pub mod triage;
pub mod hours;
pub mod ui;
