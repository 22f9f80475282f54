//! The operations both front ends call. Each takes `now` (when time
//! matters) and returns domain values or [`AppError`].

pub mod clock;
pub mod desktop;
pub mod exchange;
pub mod logging;
