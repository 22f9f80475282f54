//! The command-line shell. Thin: parses arguments, calls the domain, prints.

mod secret;

use std::io::Read;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand};

use crate::model::{Bucket, Entry};
use crate::paths::Paths;
use crate::vault::{Vault, VaultError};

#[derive(Parser, Debug)]
#[command(name = "between", version, about = "A private journal for the time between therapy sessions.\nRun without a command to open the app.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new vault (asks for a passphrase twice, or reads BETWEEN_PASSPHRASE).
    Init,
    /// Write an entry. Needs no passphrase. Reads stdin when TEXT is absent.
    Add {
        text: Option<String>,
        /// Creation time (RFC 3339), for imports and tests.
        #[arg(long, value_parser = parse_rfc3339)]
        at: Option<DateTime<FixedOffset>>,
        /// Store in this bucket instead of the suggestion: session, hours or crisis.
        #[arg(long)]
        bucket: Option<Bucket>,
    },
    /// List entries, newest first (needs the passphrase).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase (new one from BETWEEN_NEW_PASSPHRASE in scripts).
    Passwd,
}

fn parse_rfc3339(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s).map_err(|e| format!("not an RFC 3339 time ({e}), e.g. 2026-11-23T04:12:00-05:00"))
}

/// The user's local "now" with its offset.
pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Runs a parsed command; errors are printed to stderr with a non-zero exit.
pub fn run(command: Command) -> ExitCode {
    match execute(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("between: {message}");
            ExitCode::FAILURE
        }
    }
}

fn paths() -> Result<Paths, String> {
    Paths::discover().map_err(|e| e.to_string())
}

fn open_vault() -> Result<Vault, String> {
    Vault::open(&paths()?).map_err(|e| e.to_string())
}

fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::Init => {
            let paths = paths()?;
            if Vault::exists(&paths) {
                return Err(VaultError::AlreadyInitialized(paths.data.display().to_string()).to_string());
            }
            let passphrase = secret::new_passphrase(secret::PASSPHRASE_ENV)?;
            Vault::init(&paths, &passphrase).map_err(|e| e.to_string())?;
            println!("Created a new vault in {}", paths.data.display());
            println!("Keep your passphrase safe: there is no way to recover it.");
            Ok(())
        }
        Command::Add { text, at, bucket } => {
            let text = match text {
                Some(t) => t,
                None => {
                    let mut buf = String::new();
                    std::io::stdin().read_to_string(&mut buf).map_err(|e| format!("could not read stdin: {e}"))?;
                    buf
                }
            };
            if text.trim().is_empty() {
                return Err("the entry is empty; nothing was saved".into());
            }
            let vault = open_vault()?;
            let now = at.unwrap_or_else(local_now);
            let entry = new_entry(text, bucket, now);
            vault.save_entry(&entry).map_err(|e| e.to_string())?;
            println!("Saved entry {} in \"{}\"", entry.id, entry.bucket.label());
            Ok(())
        }
        Command::List { json } => {
            let vault = open_vault()?;
            let keys = vault.unlock(&secret::current()?).map_err(|e| e.to_string())?;
            let loaded = vault.load(&keys).map_err(|e| e.to_string())?;
            for problem in &loaded.problems {
                eprintln!("between: {}", problem.error);
            }
            let entries: Vec<&Entry> = loaded.entries.iter().filter(|e| !e.draft).collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?);
            } else if entries.is_empty() {
                println!("No entries yet.");
            } else {
                for entry in entries {
                    println!(
                        "{}  {:<8} {}  {}",
                        entry.created_at.format("%Y-%m-%d %H:%M"),
                        entry.bucket.as_str(),
                        &entry.id[..8],
                        entry.first_line()
                    );
                }
            }
            Ok(())
        }
        Command::Passwd => {
            let vault = open_vault()?;
            let old = secret::current()?;
            vault.unlock(&old).map_err(|e| e.to_string())?;
            let new = secret::new_passphrase(secret::NEW_PASSPHRASE_ENV)?;
            vault.change_passphrase(&old, &new).map_err(|e| e.to_string())?;
            println!("Passphrase changed. The old one no longer opens the vault.");
            Ok(())
        }
    }
}

/// A new entry with the suggested bucket, or the user's override.
pub fn new_entry(text: String, bucket: Option<Bucket>, now: DateTime<FixedOffset>) -> Entry {
    let suggested = Bucket::Session;
    let mut entry = Entry::new(text, bucket.unwrap_or(suggested), now);
    entry.suggested = suggested;
    entry
}
