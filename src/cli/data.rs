//! Data safety commands: backup, restore, import, export; and the
//! loose-permissions warning printed before every command.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::exchange::{self, ExportFormat, Format};
use crate::store::paths::{self, Paths};
use crate::store::vault::backup;
use crate::store::vault::Vault;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Jsonl,
    Jrnl,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Md,
    Jsonl,
}

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
    let summary = backup::backup(&paths, &file).map_err(|e| e.to_string())?;
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
    let interrupted = paths.data.join(backup::RESTORE_MARKER).exists();
    if Vault::exists(&paths) && !interrupted {
        return Err(format!(
            "a vault already exists in {}; restore refuses to overwrite it. Set BETWEEN_HOME to an empty folder to restore there. Nothing was changed",
            paths.data.display()
        ));
    }
    let passphrase = super::secret::current()?;
    let summary = backup::restore(&paths, &file, &passphrase).map_err(|e| e.to_string())?;
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

pub fn import(file: PathBuf, format: ImportFormat) -> Result<(), String> {
    let paths = super::paths()?;
    let format = match format {
        ImportFormat::Jsonl => Format::Jsonl,
        ImportFormat::Jrnl => Format::Jrnl,
    };
    let count =
        exchange::import(&paths, &file, format, super::local_now()).map_err(|e| e.to_string())?;
    println!("Imported {count} entries from {}.", file.display());
    Ok(())
}

fn risk(file: &Path) -> String {
    format!(
        "export writes your entries UNENCRYPTED to {}: anyone with access to that file (another account, a backup or sync service, whoever gets the laptop) can read them",
        file.display()
    )
}

pub fn export(file: PathBuf, format: OutFormat, yes: bool) -> Result<(), String> {
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
    let format = match format {
        OutFormat::Md => ExportFormat::Markdown,
        OutFormat::Jsonl => ExportFormat::Jsonl,
    };
    let text = exchange::render_export(&entries, format);
    paths::write_atomic(&file, text.as_bytes())
        .map_err(|e| format!("could not write {}: {e}", file.display()))?;
    println!(
        "Exported {} entries to {} (unencrypted, readable only by you: mode 0600). Delete it when you no longer need it.",
        entries.len(),
        file.display()
    );
    Ok(())
}
