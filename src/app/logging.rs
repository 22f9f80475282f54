//! Diagnostics through `tracing`, to stderr, off unless asked for.
//!
//! `BETWEEN_LOG=error|warn|info|debug|trace` turns it on for Between's own
//! modules. Events carry ids, counts, buckets and error kinds; never entry
//! text, a passphrase or a key (`tests/redaction.rs` checks this).

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// The variable that sets the level.
pub const ENV: &str = "BETWEEN_LOG";

/// Parses a level name; unknown names are `None`.
pub fn parse_level(value: &str) -> Option<LevelFilter> {
    match value.trim().to_ascii_lowercase().as_str() {
        "off" | "" => Some(LevelFilter::OFF),
        "error" => Some(LevelFilter::ERROR),
        "warn" => Some(LevelFilter::WARN),
        "info" => Some(LevelFilter::INFO),
        "debug" => Some(LevelFilter::DEBUG),
        "trace" => Some(LevelFilter::TRACE),
        _ => None,
    }
}

/// Installs the stderr subscriber once, at start.
pub fn init() {
    let Ok(value) = std::env::var(ENV) else {
        return;
    };
    let level = parse_level(&value).unwrap_or_else(|| {
        eprintln!("between: {ENV}={value:?} is not a level (off, error, warn, info, debug, trace); logging stays off");
        LevelFilter::OFF
    });
    if level == LevelFilter::OFF {
        return;
    }
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(Targets::new().with_target("between", level)))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_parse_and_unknown_ones_do_not() {
        assert_eq!(parse_level("DEBUG"), Some(LevelFilter::DEBUG));
        assert_eq!(parse_level("off"), Some(LevelFilter::OFF));
        assert_eq!(parse_level("loud"), None);
    }
}
