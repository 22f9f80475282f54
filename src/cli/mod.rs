//! The command-line shell. Thin: parses arguments, calls the domain, prints.

mod agenda;
#[cfg(unix)]
mod agent;
mod data;
pub mod docs;
mod editor;
mod held;
mod journal;
mod reminders;
mod search;
mod secret;
mod settings;
mod triage;

use std::io::Read;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand};

use crate::app::session;
use crate::app::Config;
use crate::app::Paths;
use crate::app::{Vault, VaultError};
use crate::domain::model::{Bucket, Entry};
use crate::domain::resources::{self, Directory};

#[derive(Parser, Debug)]
#[command(
    name = "between",
    version,
    about = "A private journal for the time between therapy sessions.\nRun without a command to open the app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new vault (asks for a passphrase twice, or reads BETWEEN_PASSPHRASE).
    Init,
    /// Write an entry. Needs no passphrase. Without TEXT: your $EDITOR at a
    /// terminal (safest: TEXT on the command line shows up in shell history),
    /// else stdin. "yesterday 9pm: text" dates the entry, as in jrnl.
    Add {
        text: Option<String>,
        /// Creation time (RFC 3339), for imports and tests.
        #[arg(long, value_parser = parse_rfc3339)]
        at: Option<DateTime<FixedOffset>>,
        /// Store in this bucket instead of the suggestion: session, hours or crisis.
        #[arg(long)]
        bucket: Option<Bucket>,
    },
    /// List entries, newest first (needs the passphrase). `list @sister` shows tagged entries.
    List {
        /// Only entries carrying every @tag given.
        #[arg(value_name = "@TAG")]
        tags: Vec<String>,
        /// The newest N.
        #[arg(short = 'n', value_name = "N")]
        n: Option<usize>,
        /// One day or period: today, yesterday, monday, last week, this month, 2026-11-20.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// From this day (same words as --on).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Up to this day, included.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only starred entries.
        #[arg(long)]
        starred: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry in full: date, bucket, reasons, tags, star (ID or its first 6+ characters).
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Edit an entry's text in $EDITOR; triage runs again, your bucket choice is kept.
    Edit {
        id: String,
        /// Also move it to this bucket: session, hours or crisis.
        #[arg(long)]
        bucket: Option<Bucket>,
    },
    /// Delete an entry for good; asks to confirm unless --yes.
    Delete {
        id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Star an entry.
    Star { id: String },
    /// Remove an entry's star.
    Unstar { id: String },
    /// Every @tag with how many entries carry it.
    Tags {
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase (new one from BETWEEN_NEW_PASSPHRASE in scripts).
    /// With --rotate, also make a new key and re-seal every entry to it.
    /// With --work-factor N (15..=22), re-wrap with the same passphrase at scrypt cost 2^N.
    Passwd {
        #[arg(long)]
        rotate: bool,
        #[arg(long, value_name = "N")]
        work_factor: Option<u8>,
    },
    /// Keep the key in a background agent for a while (default 15m), so
    /// commands need no passphrase; `between lock` ends it. Off unless you run it.
    #[cfg(unix)]
    Unlock {
        /// How long: 30s, 15m, 2h (at most 24h).
        #[arg(long = "for", value_name = "DURATION")]
        window: Option<String>,
        /// Say whether a session is running and the vault's scrypt work factor.
        #[arg(long)]
        status: bool,
    },
    /// Wipe the key held by `between unlock` now.
    #[cfg(unix)]
    Lock,
    /// The session agent's process (hidden; started by `between unlock`).
    #[cfg(unix)]
    #[command(hide = true)]
    AgentServe {
        #[arg(long)]
        socket: std::path::PathBuf,
        #[arg(long)]
        seconds: u64,
    },
    /// Suggest a bucket for TEXT (or stdin), or check many at once. Needs no vault.
    Triage(triage::TriageArgs),
    /// Held "maybe send during hours" messages and whether now is a good time.
    Queue {
        /// Evaluate at this instant instead of now (RFC 3339).
        #[arg(long, value_parser = parse_rfc3339)]
        now: Option<DateTime<FixedOffset>>,
        #[arg(long)]
        json: bool,
    },
    /// Mark a held message: sent (counts toward the weekly limit), re-read, or moved to session.
    Held {
        #[command(subcommand)]
        action: held::HeldAction,
    },
    /// Show or change settings and the texting agreement. Without arguments, lists them.
    Settings {
        #[command(subcommand)]
        action: Option<settings::SettingsAction>,
    },
    /// The agenda for the next session after --now.
    Agenda {
        #[arg(long, value_parser = parse_rfc3339)]
        now: Option<DateTime<FixedOffset>>,
        #[arg(long, value_enum, default_value = "md")]
        format: agenda::Format,
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// The session schedule and the review after a session.
    Session {
        #[command(subcommand)]
        action: agenda::SessionAction,
    },
    /// Show the reminders due now as notifications (for a systemd timer or cron). No passphrase.
    Remind {
        #[arg(long, value_parser = parse_rfc3339)]
        now: Option<DateTime<FixedOffset>>,
        /// List what is due without showing or recording it.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Turn the reminder timer (a systemd user timer running `between remind`) on or off.
    Reminders {
        #[command(subcommand)]
        action: reminders::RemindersAction,
    },
    /// Crisis lines for a region (ISO country code). Needs no vault or passphrase.
    Resources {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write an encrypted backup of the vault and config to FILE. Needs no passphrase.
    Backup { file: std::path::PathBuf },
    /// Restore a backup into an empty BETWEEN_HOME (asks for the backup's passphrase).
    Restore { file: std::path::PathBuf },
    /// Import entries from FILE (jsonl or a jrnl JSON export). Needs no passphrase.
    Import {
        file: std::path::PathBuf,
        #[arg(long, value_enum)]
        format: crate::app::exchange::Format,
    },
    /// Export entries UNENCRYPTED to FILE (md or jsonl); asks to confirm unless --yes.
    Export {
        file: std::path::PathBuf,
        #[arg(long, value_enum)]
        format: crate::app::exchange::ExportFormat,
        /// Confirm that FILE will not be encrypted.
        #[arg(long)]
        yes: bool,
    },
    /// Entries containing every word of QUERY (case and accents ignored), newest first.
    Search {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// DEVELOPMENT AID (hidden): add N synthetic entries to an existing vault and pack them.
    #[command(hide = true)]
    DevSeed {
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// PACKAGING AID (hidden): write the man pages and shell completions into DIR.
    #[command(hide = true)]
    DevGenDocs { dir: std::path::PathBuf },
}

fn parse_rfc3339(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("not an RFC 3339 time ({e}), e.g. 2026-11-23T04:12:00-05:00"))
}

/// The user's local "now" with its offset.
pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Runs a parsed command; errors are printed to stderr with a non-zero exit.
pub fn run(command: Command) -> ExitCode {
    data::warn_loose_permissions();
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

fn read_text_or_stdin(text: Option<String>) -> Result<String, String> {
    match text {
        Some(t) => Ok(t),
        None => {
            let mut buf = String::new();
            std::io::stdin()
                .read_to_string(&mut buf)
                .map_err(|e| format!("could not read stdin: {e}"))?;
            Ok(buf)
        }
    }
}

fn load_config(paths: &Paths) -> Result<Config, String> {
    Config::load(paths).map_err(|e| e.to_string())
}

/// Opens the vault and decrypts every entry (asks for the passphrase).
fn unlock_entries(vault: &Vault) -> Result<Vec<Entry>, String> {
    Ok(unlock_checked(vault)?.0)
}

/// Entries (without drafts) and the ids of those added while locked; every
/// history finding and unreadable row is printed to stderr.
fn unlock_checked(
    vault: &Vault,
) -> Result<(Vec<Entry>, std::collections::HashSet<String>), String> {
    let (entries, unverified, _) = unlock_all(vault)?;
    Ok((entries, unverified))
}

/// Entries and the settings with the agreement's sealed free text.
fn unlock_with_config(vault: &Vault) -> Result<(Vec<Entry>, Config), String> {
    let (entries, _, config) = unlock_all(vault)?;
    Ok((entries, config))
}

type Unlocked = (Vec<Entry>, std::collections::HashSet<String>, Config);

fn unlock_all(vault: &Vault) -> Result<Unlocked, String> {
    let (keys, loaded) = session::read_all_with(vault, secret::keys(vault)?)?;
    let config = session::unsealed_config(vault.paths(), vault, &keys)?;
    for finding in &loaded.integrity {
        eprintln!("between: warning: {finding}");
    }
    for problem in &loaded.problems {
        eprintln!("between: {}", problem.error);
    }
    let unverified = loaded.unverified;
    Ok((
        loaded.entries.into_iter().filter(|e| !e.draft).collect(),
        unverified,
        config,
    ))
}

fn open_vault() -> Result<Vault, String> {
    Vault::open(&paths()?).map_err(|e| e.to_string())
}

fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::Init => {
            let paths = paths()?;
            if Vault::exists(&paths) {
                return Err(
                    VaultError::AlreadyInitialized(paths.data.display().to_string()).to_string(),
                );
            }
            let passphrase = secret::new_passphrase(secret::PASSPHRASE_ENV)?;
            session::check_strength(&passphrase)?;
            Vault::init(&paths, &passphrase).map_err(|e| e.to_string())?;
            println!("Created a new vault in {}", paths.data.display());
            println!("Keep your passphrase safe: there is no way to recover it.");
            Ok(())
        }
        Command::Add { text, at, bucket } => journal::add(text, at, bucket),
        Command::List {
            tags,
            n,
            on,
            from,
            to,
            starred,
            json,
        } => journal::list(journal::ListArgs {
            json,
            n,
            on,
            from,
            to,
            starred,
            tags,
        }),
        Command::Show { id, json } => journal::show(id, json),
        Command::Edit { id, bucket } => journal::edit(id, bucket),
        Command::Delete { id, yes } => journal::delete(id, yes),
        Command::Star { id } => journal::star(id, true),
        Command::Unstar { id } => journal::star(id, false),
        Command::Tags { json } => journal::tags_command(json),
        Command::Passwd {
            rotate,
            work_factor,
        } => secret::passwd(open_vault()?, rotate, work_factor),
        #[cfg(unix)]
        Command::Unlock { window, status } => agent::unlock(window, status),
        #[cfg(unix)]
        Command::Lock => agent::lock(),
        #[cfg(unix)]
        Command::AgentServe { socket, seconds } => agent::serve(socket, seconds),
        Command::Triage(args) => triage::run(args),
        Command::Queue { now, json } => held::queue(now, json),
        Command::Held { action } => held::act(action),
        Command::Settings { action } => settings::run(action),
        Command::Resources { region, json } => print_resources(region, json),
        Command::Remind { now, dry_run, json } => remind(now, dry_run, json),
        Command::Backup { file } => data::backup(file),
        Command::Restore { file } => data::restore(file),
        Command::Import { file, format } => data::import(file, format),
        Command::Export { file, format, yes } => data::export(file, format, yes),
        Command::Search { query, json } => search::search(query, json),
        Command::DevSeed { count, seed } => search::dev_seed(count, seed),
        Command::DevGenDocs { dir } => docs::generate(&dir),
        Command::Reminders { action } => reminders::run(action),
        Command::Agenda {
            now,
            format,
            output,
        } => agenda::agenda(now, format, output),
        Command::Session { action } => agenda::session(action),
    }
}

fn remind(now: Option<DateTime<FixedOffset>>, dry_run: bool, json: bool) -> Result<(), String> {
    let paths = paths()?;
    let config = load_config(&paths)?;
    let now = now
        .map(crate::app::clock::in_user_tz)
        .unwrap_or_else(crate::app::clock::now);
    let due =
        crate::app::reminders::check(&paths, &config, now, dry_run).map_err(|e| e.to_string())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&due).map_err(|e| e.to_string())?
        );
    } else if due.is_empty() {
        println!("No reminders due.");
    }
    for reminder in &due {
        if !json {
            println!("{}: {}", reminder.title, reminder.body);
        }
        if !dry_run {
            if let Err(e) = crate::app::reminders::notify(reminder) {
                eprintln!("between: could not show a desktop notification ({e}); printed instead");
            }
        }
    }
    Ok(())
}

fn print_crisis_help(level: crate::domain::model::CrisisLevel, region: &str) {
    let directory = Directory::builtin();
    let Some(region) = directory.region(region).or_else(|| directory.region("US")) else {
        return;
    };
    println!();
    println!("{}", resources::advice(level, region));
    for line in region.lines.iter().take(3) {
        println!("  {}  ({})", line.display(), line.name);
    }
}

fn print_resources(region: Option<String>, json: bool) -> Result<(), String> {
    let directory = Directory::builtin();
    let code = match region {
        Some(code) => code,
        None => Paths::discover()
            .ok()
            .and_then(|p| Config::load(&p).ok())
            .map(|c| c.effective_region())
            .unwrap_or_else(|| {
                resources::region_from_locale(std::env::var("LANG").ok().as_deref())
            }),
    };
    let region = directory.region(&code).ok_or_else(|| {
        format!(
            "no crisis resources for region '{code}'; known regions: {}",
            directory.codes().join(", ")
        )
    })?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&region.lines).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "Crisis resources for {} (emergency: {})",
            region.name, region.emergency
        );
        for line in &region.lines {
            println!(
                "  {:<28} {}  [{}; checked {}]",
                line.display(),
                line.name,
                line.hours,
                line.checked
            );
        }
        println!(
            "Between never contacts anyone for you. In immediate danger, call {}.",
            region.emergency
        );
    }
    Ok(())
}
