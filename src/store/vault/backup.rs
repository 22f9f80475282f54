//! Backups: one file holding a consistent copy of the whole vault.
//!
//! Layout of a backup file:
//!
//! ```text
//! between-backup/1\n
//! identity <N>\n
//! <N bytes: identity.age, the passphrase-wrapped identity, exactly as on disk>
//! <age file sealed to the vault's recipient: a tar of journal.db, identity.age,
//!  recipient.txt, config.toml (if any) and manifest.json>
//! ```
//!
//! Writing a backup needs only the public recipient (no passphrase). Reading
//! one needs the private identity, which travels in front of the payload,
//! still wrapped with the passphrase (scrypt) exactly as it is in the vault:
//! so restoring asks for the passphrase that was in force when the backup was
//! made. The tar is built in memory and never touches the disk in clear; the
//! database copy is taken with SQLite's online backup API into memory, so it is
//! consistent even while another process writes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::SecretString;
use age::x25519;
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::store::paths::{self, Paths};
use crate::store::vault::{Vault, VaultError};

const MAGIC: &str = "between-backup/1\n";
const DB_NAME: &str = "vault/journal.db";
const IDENTITY_NAME: &str = "vault/identity.age";
const RECIPIENT_NAME: &str = "vault/recipient.txt";
const CONFIG_NAME: &str = "config/config.toml";
const PIN_NAME: &str = "config/recipient.pin";
const PENDING_NAME: &str = "state/pending.log";
const MANIFEST_NAME: &str = "manifest.json";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error("{path} already holds Between data; restore only into an empty folder (set BETWEEN_HOME to a new one). Nothing was changed")]
    NotEmpty { path: String },
    #[error("{0} is not a Between backup")]
    NotABackup(String),
    #[error("the backup {path} is damaged or incomplete ({reason}); nothing was restored")]
    Damaged { path: String, reason: String },
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// What went into a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    /// Sealed single-entry rows (inbox).
    pub inbox_rows: usize,
    /// Sealed monthly segments.
    pub segments: usize,
    /// Sealed records (agenda, sessions, plan).
    pub records: usize,
    /// Files packed, as paths inside the backup.
    pub files: Vec<String>,
    /// Size of the backup file in bytes.
    pub bytes: u64,
}

/// What was restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    pub files: Vec<PathBuf>,
    pub inbox_rows: usize,
    pub segments: usize,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    created_at: String,
    schema_version: i64,
    files: Vec<String>,
}

/// Present in the data folder while a restore is writing files.
pub const RESTORE_MARKER: &str = ".restore-in-progress";

/// Writes a backup of the vault at `paths` to `out` (atomically, mode 0600).
/// Needs no passphrase.
pub fn backup(paths: &Paths, out: &Path) -> Result<BackupSummary, BackupError> {
    let vault = Vault::open(paths)?;
    // A backup sealed to a swapped public key would be readable by whoever swapped it.
    vault.check_pin()?;
    let recipient_text = read(&paths.recipient_file())?;
    let recipient = x25519::Recipient::from_str(String::from_utf8_lossy(&recipient_text).trim())
        .map_err(|e| VaultError::RecipientCorrupt(e.to_string()))?;
    let identity = match std::fs::read(paths.identity_file()) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(
                VaultError::IdentityMissing(paths.identity_file().display().to_string()).into(),
            )
        }
        Err(source) => {
            return Err(BackupError::Read {
                path: paths.identity_file().display().to_string(),
                source,
            })
        }
    };

    let db = snapshot_db(vault.connection())?;
    let counts = count_rows_in(&db)?;

    let mut files: Vec<(&str, Zeroizing<Vec<u8>>)> = vec![
        (DB_NAME, db),
        (IDENTITY_NAME, Zeroizing::new(identity.clone())),
        (RECIPIENT_NAME, Zeroizing::new(recipient_text)),
    ];
    match std::fs::read(paths.config_file()) {
        Ok(bytes) => files.push((CONFIG_NAME, Zeroizing::new(bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(BackupError::Read {
                path: paths.config_file().display().to_string(),
                source,
            })
        }
    }
    match std::fs::read(paths.config.join(crate::store::vault::PIN_FILE)) {
        Ok(bytes) => files.push((PIN_NAME, Zeroizing::new(bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(BackupError::Read {
                path: paths
                    .config
                    .join(crate::store::vault::PIN_FILE)
                    .display()
                    .to_string(),
                source,
            })
        }
    }
    // Entries written while locked are accepted at the next unlock by this
    // list; read after the database copy, it covers every row in it.
    let pending = paths.state.join(crate::store::vault::ledger::PENDING_FILE);
    if let Ok(bytes) = std::fs::read(&pending) {
        files.push((PENDING_NAME, Zeroizing::new(bytes)));
    }
    let names: Vec<String> = files.iter().map(|(n, _)| n.to_string()).collect();
    let manifest = Manifest {
        format: 1,
        created_at: chrono::Utc::now().to_rfc3339(),
        schema_version: crate::store::vault::sql::SCHEMA_VERSION,
        files: names.clone(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).expect("manifest serializes");
    files.push((MANIFEST_NAME, Zeroizing::new(manifest)));

    // The tar lives only in memory and is zeroized when dropped.
    let tar_bytes = Zeroizing::new(build_tar(&files).map_err(VaultError::Io)?);

    let mut output = Vec::with_capacity(tar_bytes.len() + identity.len() + 1024);
    output.extend_from_slice(MAGIC.as_bytes());
    output.extend_from_slice(format!("identity {}\n", identity.len()).as_bytes());
    output.extend_from_slice(&identity);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    let mut writer = encryptor
        .wrap_output(&mut output)
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    writer
        .write_all(&tar_bytes)
        .and_then(|_| writer.finish().map(|_| ()))
        .map_err(|e| VaultError::Crypto(e.to_string()))?;

    paths::write_atomic(out, &output).map_err(|source| BackupError::Write {
        path: out.display().to_string(),
        source,
    })?;
    tracing::info!(bytes = output.len(), files = names.len(), "backup written");
    Ok(BackupSummary {
        inbox_rows: counts.0,
        segments: counts.1,
        records: counts.2,
        files: names,
        bytes: output.len() as u64,
    })
}

/// Restores `file` into the empty home at `paths`. Needs the passphrase that
/// was in force when the backup was made (the identity inside is wrapped with it).
pub fn restore(
    paths: &Paths,
    file: &Path,
    passphrase: &SecretString,
) -> Result<RestoreSummary, BackupError> {
    // A restore that was interrupted left this marker, naming the backup
    // (its SHA-256). Running the same restore again finishes the job; any
    // other backup, or a folder holding anything the restore did not write,
    // is refused.
    let marker = paths.data.join(RESTORE_MARKER);
    let bytes = read(file)?;
    let fingerprint = fingerprint(&bytes);
    let resuming = match std::fs::read_to_string(&marker) {
        Ok(found) if found.trim() == fingerprint => true,
        Ok(_) => {
            return Err(BackupError::NotEmpty {
                path: format!(
                    "{} (an interrupted restore of another backup was found there)",
                    paths.data.display()
                ),
            })
        }
        Err(_) => false,
    };
    if !resuming {
        for dir in [&paths.data, &paths.config, &paths.state] {
            if let Ok(mut items) = std::fs::read_dir(dir) {
                if items.next().is_some() {
                    return Err(BackupError::NotEmpty {
                        path: dir.display().to_string(),
                    });
                }
            }
        }
    }
    let shown = file.display().to_string();
    let (identity_armored, sealed) = split(&bytes).ok_or(BackupError::NotABackup(shown.clone()))?;
    let identity = crate::store::vault::unwrap_identity_bytes(identity_armored, passphrase)?;
    let damaged = |reason: String| BackupError::Damaged {
        path: shown.clone(),
        reason,
    };
    let decryptor = age::Decryptor::new(sealed).map_err(|e| damaged(e.to_string()))?;
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| damaged(e.to_string()))?;
    let mut tar_bytes = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut tar_bytes)
        .map_err(|e| damaged(e.to_string()))?;
    let files = read_tar(&tar_bytes).map_err(|e| damaged(e.to_string()))?;
    let get = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b);
    let (Some(db), Some(identity_file), Some(recipient)) =
        (get(DB_NAME), get(IDENTITY_NAME), get(RECIPIENT_NAME))
    else {
        return Err(damaged("a vault file is missing from it".into()));
    };
    if get(MANIFEST_NAME).is_none() {
        return Err(damaged("its manifest is missing".into()));
    }
    let recipient_key = x25519::Recipient::from_str(String::from_utf8_lossy(recipient).trim())
        .map_err(|_| damaged("its public key is unreadable".into()))?;
    if recipient_key.to_string() != identity.to_public().to_string() {
        return Err(damaged("its public key does not match its identity".into()));
    }
    // Check the database before writing anything.
    let counts = {
        let mut conn = Connection::open_in_memory().map_err(VaultError::from)?;
        conn.deserialize_read_exact(MAIN_DB, &db[..], db.len(), true)
            .map_err(|e| damaged(format!("its database cannot be read: {e}")))?;
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| damaged(format!("its database cannot be read: {e}")))?;
        if check != "ok" {
            return Err(damaged(
                "its database fails SQLite's integrity check".into(),
            ));
        }
        count_rows(&conn)?
    };

    // The database and config first, the key files last: until recipient.txt
    // exists, nothing treats the folder as a vault.
    let mut plan: Vec<(PathBuf, &[u8])> = vec![(paths.db_file(), &db[..])];
    if let Some(config) = get(CONFIG_NAME) {
        plan.push((paths.config_file(), &config[..]));
    }
    if let Some(pending) = get(PENDING_NAME) {
        plan.push((
            paths.state.join(crate::store::vault::ledger::PENDING_FILE),
            &pending[..],
        ));
    }
    if let Some(pin) = get(PIN_NAME) {
        plan.push((paths.config.join(crate::store::vault::PIN_FILE), &pin[..]));
    }
    plan.push((paths.identity_file(), &identity_file[..]));
    plan.push((paths.recipient_file(), &recipient[..]));
    let complete = resuming && check_own_leftovers(paths, &marker, &plan)?;

    paths.ensure_dirs().map_err(VaultError::from)?;
    paths::write_atomic(&marker, fingerprint.as_bytes()).map_err(|source| BackupError::Write {
        path: marker.display().to_string(),
        source,
    })?;
    if resuming && !complete {
        // An empty WAL or a stale index beside the new database is harmless to drop.
        for suffix in ["-wal", "-shm"] {
            let mut name = paths.db_file().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
    let mut written = Vec::new();
    for (path, content) in plan {
        if complete {
            // Every file is already the backup's; the database may have
            // been reopened (a WAL), so it is left exactly as it is.
            written.push(path);
            continue;
        }
        paths::write_atomic(&path, content).map_err(|source| BackupError::Write {
            path: path.display().to_string(),
            source,
        })?;
        written.push(path);
    }
    // Reopen through the normal path (pragmas, migrations) to prove it works.
    Vault::open(paths)?;
    std::fs::remove_file(&marker).map_err(|source| BackupError::Write {
        path: marker.display().to_string(),
        source,
    })?;
    tracing::info!(files = written.len(), resumed = resuming, "backup restored");
    Ok(RestoreSummary {
        files: written,
        inbox_rows: counts.0,
        segments: counts.1,
    })
}

/// The name a restore marker gives a backup: the SHA-256 of its bytes.
pub fn fingerprint(bytes: &[u8]) -> String {
    crate::store::vault::ledger::blob_hash(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// When finishing an interrupted restore: every file already there must be
/// one this restore writes, with the backup's own bytes (or a temp file, or
/// an empty WAL). Anything else means the folder is in use: refused.
/// Returns whether every file was already written (only the last step,
/// reopening, was left).
fn check_own_leftovers(
    paths: &Paths,
    marker: &Path,
    plan: &[(PathBuf, &[u8])],
) -> Result<bool, BackupError> {
    let complete = plan
        .iter()
        .all(|(target, content)| std::fs::read(target).is_ok_and(|b| b == *content));
    let wal = |suffix: &str| {
        let mut name = paths.db_file().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    for dir in [&paths.data, &paths.config, &paths.state] {
        let Ok(items) = std::fs::read_dir(dir) else {
            continue;
        };
        for item in items.flatten() {
            let path = item.path();
            let name = item.file_name().to_string_lossy().into_owned();
            let ours = if path == marker || name.contains(".tmp-") {
                true
            } else if path == wal("-wal") || path == wal("-shm") {
                complete
                    || path == wal("-shm")
                    || std::fs::metadata(&path).is_ok_and(|m| m.len() == 0)
            } else {
                plan.iter().any(|(target, content)| {
                    *target == path && std::fs::read(&path).is_ok_and(|b| b == *content)
                })
            };
            if !ours {
                return Err(BackupError::NotEmpty {
                    path: format!(
                        "{} (an interrupted restore was found, but this file was changed or added since)",
                        path.display()
                    ),
                });
            }
        }
    }
    Ok(complete)
}

fn read(path: &Path) -> Result<Vec<u8>, BackupError> {
    std::fs::read(path).map_err(|source| BackupError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// A consistent copy of the live database, made in memory with the online backup API.
fn snapshot_db(src: &Connection) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    let mut dst = Connection::open_in_memory().map_err(VaultError::from)?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut dst).map_err(VaultError::from)?;
        // -1: all pages in one step, so the copy is one consistent snapshot.
        loop {
            match backup.step(-1).map_err(VaultError::from)? {
                rusqlite::backup::StepResult::Done => break,
                _ => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    }
    let data = dst.serialize(MAIN_DB).map_err(VaultError::from)?;
    let mut bytes = Zeroizing::new(data.to_vec());
    // Bytes 18-19 say "WAL" (2) in the live file; the copy is a plain
    // rollback-journal file (1) so it opens anywhere. Opening it as a vault
    // switches it back to WAL.
    if bytes.len() > 19 && bytes[18] == 2 && bytes[19] == 2 {
        bytes[18] = 1;
        bytes[19] = 1;
    }
    Ok(bytes)
}

fn count_rows_in(db: &[u8]) -> Result<(usize, usize, usize), BackupError> {
    let mut conn = Connection::open_in_memory().map_err(VaultError::from)?;
    conn.deserialize_read_exact(MAIN_DB, db, db.len(), true)
        .map_err(VaultError::from)?;
    count_rows(&conn)
}

fn count_rows(conn: &Connection) -> Result<(usize, usize, usize), BackupError> {
    let count = |table: &str| -> Result<usize, BackupError> {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(VaultError::from)?;
        Ok(n as usize)
    };
    Ok((count("entries")?, count("segments")?, count("records")?))
}

fn build_tar(files: &[(&str, Zeroizing<Vec<u8>>)]) -> std::io::Result<Vec<u8>> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        builder.append_data(&mut header, name, &bytes[..])?;
    }
    builder.into_inner()
}

/// Reads the known regular files from the tar; anything else is refused.
fn read_tar(bytes: &[u8]) -> std::io::Result<Vec<(String, Zeroizing<Vec<u8>>)>> {
    let known = [
        DB_NAME,
        IDENTITY_NAME,
        RECIPIENT_NAME,
        CONFIG_NAME,
        PIN_NAME,
        PENDING_NAME,
        MANIFEST_NAME,
    ];
    let mut archive = tar::Archive::new(bytes);
    let mut out = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if !known.contains(&name.as_str()) || entry.header().entry_type() != tar::EntryType::Regular
        {
            return Err(std::io::Error::other(format!(
                "unexpected member {name:?} in the archive"
            )));
        }
        let mut content = Zeroizing::new(Vec::new());
        entry.read_to_end(&mut content)?;
        out.push((name, content));
    }
    Ok(out)
}

/// Splits a backup file into (wrapped identity, sealed payload).
fn split(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?;
    let newline = rest.iter().position(|b| *b == b'\n')?;
    let header = std::str::from_utf8(&rest[..newline]).ok()?;
    let len: usize = header.strip_prefix("identity ")?.parse().ok()?;
    let rest = &rest[newline + 1..];
    if rest.len() < len {
        return None;
    }
    Some(rest.split_at(len))
}
