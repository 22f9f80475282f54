//! Data safety commands: backup, restore, import, export; and the
//! loose-permissions warning printed before every command.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::exchange::{self, ExportFormat, Format};
use crate::app::session::Credential;
use crate::app::Paths;

/// Warns on stderr (never fails) about folders or files other accounts could read.
pub fn warn_loose_permissions() {
    let Ok(paths) = Paths::discover() else {
        return;
    };
    for path in paths.loose_permissions() {
        let fix = if path.is_dir() { "700" } else { "600" };
        eprintln!(
            "between: warning: {} can be read by other accounts on this computer; run `chmod {fix} {}`",
            path.display(),
            path.display()
        );
    }
}

pub fn backup(file: PathBuf) -> Result<(), String> {
    let paths = super::paths()?;
    let summary = exchange::backup_to(&paths, &file)?;
    println!(
        "Backup written to {} ({} bytes; {} entry rows, {} monthly segments, {} records).",
        file.display(),
        summary.bytes,
        summary.inbox_rows,
        summary.segments,
        summary.records
    );
    println!("It is encrypted; restoring it needs the passphrase you use now.");
    Ok(())
}

pub fn restore(file: PathBuf) -> Result<(), String> {
    let paths = super::paths()?;
    // Refuse before asking for anything.
    let interrupted = exchange::restore_target(&paths)?;
    let passphrase = super::secret::current()?;
    let summary = exchange::restore_from(&paths, &file, &passphrase)?;
    if interrupted {
        println!("Finished the restore that was interrupted earlier.");
    }
    println!(
        "Restored {} files into {} ({} entry rows, {} monthly segments). Unlock with the passphrase of the backup.",
        summary.files.len(),
        paths.data.display(),
        summary.inbox_rows,
        summary.segments
    );
    Ok(())
}

pub fn import(file: PathBuf, format: Format) -> Result<(), String> {
    let paths = super::paths()?;
    // Skipping what is already in the journal means reading it: with the
    // passphrase from the environment, or asked at a terminal.
    let had_entries = exchange::has_entries(&paths).map_err(|e| e.to_string())?;
    // A running session (`between unlock`) is asked first.
    let passphrase = if let Some(key) = super::secret::agent_key(&paths) {
        Some(Credential::AgentKey(key))
    } else if std::env::var_os(super::secret::PASSPHRASE_ENV).is_some()
        || (had_entries && std::io::stdin().is_terminal())
    {
        Some(Credential::Passphrase(super::secret::current()?))
    } else {
        None
    };
    let done = exchange::import_checked(
        &paths,
        &file,
        format,
        super::local_now(),
        passphrase.as_ref(),
    )
    .map_err(|e| e.to_string())?;
    if done.checked {
        println!(
            "Imported {} entries from {}, skipped {} already in the journal.",
            done.imported,
            file.display(),
            done.skipped
        );
    } else {
        println!(
            "Imported {} entries from {}.",
            done.imported,
            file.display()
        );
        if had_entries && done.imported > 0 {
            eprintln!(
                "between: without the passphrase, entries already in the journal could not be skipped; set {} (or run at a terminal) to import again safely",
                super::secret::PASSPHRASE_ENV
            );
        }
    }
    Ok(())
}

fn risk(file: &Path) -> String {
    format!(
        "export writes your entries UNENCRYPTED to {}: anyone with access to that file (another account, a backup or sync service, whoever gets the laptop) can read them",
        file.display()
    )
}

pub fn export(file: PathBuf, format: ExportFormat, yes: bool) -> Result<(), String> {
    if file.exists() {
        return Err(format!(
            "{} already exists; choose a new file name. Nothing was written",
            file.display()
        ));
    }
    if !yes {
        if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            eprint!("{}.\nWrite it anyway? [y/N] ", risk(&file));
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            std::io::stdin()
                .read_line(&mut answer)
                .map_err(|e| format!("could not read the answer: {e}"))?;
            if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                return Err("export cancelled; nothing was written".into());
            }
        } else {
            return Err(format!(
                "{}. Run again with --yes to confirm. Nothing was written",
                risk(&file)
            ));
        }
    }
    let vault = super::open_vault()?;
    let entries = super::unlock_entries(&vault)?;
    let count = exchange::export_to(&file, &entries, format)?;
    println!(
        "Exported {} entries to {} (unencrypted, readable only by you: mode 0600). Delete it when you no longer need it.",
        count,
        file.display()
    );
    Ok(())
}
