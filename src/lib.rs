//! Between: a private journal for the time between therapy sessions.
//!
//! Four floors, arrows downward only (`.ci/layers.sh` checks the `use` lines):
//! - `domain`: pure rules and types; no I/O, no iced, `now` is a parameter.
//! - `store`: everything that touches disk (vault, sealed records, config,
//!   plaintext reminder state, paths, the single-instance lock).
//! - `app`: the operations both front ends call, each taking `now`.
//! - `cli` and `ui`: thin shells over `app`.
//!
//! `dev` holds development aids (synthetic journals) used by benches and tests.

pub mod app;
pub mod cli;
pub mod dev;
pub mod domain;
pub mod store;
pub mod ui;
