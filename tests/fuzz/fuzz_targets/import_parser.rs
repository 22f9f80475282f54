//! Arbitrary text as a jsonl or jrnl import: an error with a line or entry
//! number, never a panic.
#![no_main]

use between::app::exchange::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let _ = exchange::parse(text, Format::Jsonl, tz);
    let _ = exchange::parse(text, Format::Jrnl, tz);
    let _ = between::store::config::Config::parse(text);
});
