//! Pure rules and types. Nothing here reads the disk, the clock or the
//! environment, and nothing imports `store`, `app` or a front end.

pub mod agenda;
pub mod dates;
pub mod hours;
pub mod listing;
pub mod model;
pub mod reminders;
pub mod resources;
pub mod safety_plan;
pub mod search;
pub mod tags;
pub mod triage;
pub mod wall_time;
