//! Pure rules and types. Nothing here reads the disk, the clock or the
//! environment, and nothing imports `store`, `app` or a front end.

/// How the desktop knows Between: the window's app id, the launcher's
/// `StartupWMClass`, the icon name and the AppStream id are all this string,
/// so the launcher, the window and notifications group together.
pub const APP_ID: &str = "org.between.Between";

/// The launcher's file name without `.desktop` (notifications name it so the
/// desktop can tie them to the launcher).
pub const DESKTOP_ENTRY: &str = "between";

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
pub mod when;
