//! Development aids: synthetic journals for benches, tests and the
//! `between dev` commands. Never used by the product's own paths.

pub mod synth;
