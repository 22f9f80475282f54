//! The encrypted vault.
//!
//! Writing needs only the public recipient (stored in clear), so an entry can
//! be saved while locked. Reading needs the identity, which is stored wrapped
//! with the user's passphrase (age + scrypt). Every row in SQLite is an opaque
//! age blob whose sealed payload repeats the row's id, so a blob moved to
//! another row is detected on decrypt.

pub mod backup;
mod crypto;
pub mod sql;

use std::fs;
use std::str::FromStr;

use age::secrecy::SecretString;
use age::x25519;
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::domain::model::Entry;
use crate::store::paths::{self, Paths};

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("no vault here yet: run `between init` (or open the app) to create one")]
    NotInitialized,
    #[error("a vault already exists in {0}; nothing was changed")]
    AlreadyInitialized(String),
    #[error("wrong passphrase: the vault stays locked and nothing was changed")]
    WrongPassphrase,
    #[error("the identity file is missing ({0}); entries cannot be read without it. Restore it from a backup")]
    IdentityMissing(String),
    #[error("the identity file is damaged: {0}")]
    IdentityCorrupt(String),
    #[error("the public key file is damaged: {0}")]
    RecipientCorrupt(String),
    #[error("entry {id} cannot be read: {reason}")]
    CorruptRow { id: String, reason: String },
    #[error("entry {id} holds a sealed payload that belongs to another row ({found}); it was moved or tampered with")]
    MovedRow { id: String, found: String },
    #[error("storage error: {0}")]
    Storage(String),
    #[error("encryption error: {0}")]
    Crypto(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        VaultError::Storage(describe_sqlite(&e))
    }
}

/// Turns SQLite's terse codes into something a person can act on.
fn describe_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DiskFull) => {
            "the disk is full; free some space and try again (your text is kept)".into()
        }
        Some(ReadOnly) | Some(CannotOpen) | Some(PermissionDenied) => {
            format!("the vault cannot be written ({e}); check that its folder is writable")
        }
        Some(NotADatabase) => "the database file is not a Between vault or is damaged".into(),
        Some(DatabaseCorrupt) => "the database file is damaged; restore it from a backup".into(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "the vault is busy in another process; try again in a moment".into()
        }
        _ => e.to_string(),
    }
}

/// Decrypts an armored, passphrase-wrapped identity (the bytes of
/// `identity.age`), e.g. one carried in a backup file.
pub fn unwrap_identity_bytes(
    armored: &[u8],
    passphrase: &SecretString,
) -> Result<x25519::Identity, VaultError> {
    crypto::unwrap_identity(armored, passphrase)
}

/// Opens one sealed entry blob as stored in row `id`. Never panics on
/// arbitrary bytes: anything wrong is a `CorruptRow` or `MovedRow` error.
pub fn open_entry_blob(keys: &Keys, id: &str, blob: &[u8]) -> Result<Entry, VaultError> {
    Vault::open_value(keys, ENTRY_KIND, id, blob)
}

/// The sealed form of a row: its id and kind travel inside the ciphertext.
#[derive(Serialize, Deserialize)]
struct Sealed<T> {
    v: u32,
    kind: String,
    id: String,
    body: T,
}

const ENTRY_KIND: &str = "entry";
const SEGMENT_KIND: &str = "segment";

/// The unlocked private key. Dropping it zeroizes the secret (x25519-dalek).
pub struct Keys {
    identity: Box<x25519::Identity>,
}

/// A row that could not be opened; the others still are.
#[derive(Debug)]
pub struct RowProblem {
    pub id: String,
    pub error: VaultError,
}

/// Everything decrypted on unlock.
#[derive(Default)]
pub struct Loaded {
    /// Newest first.
    pub entries: Vec<Entry>,
    pub problems: Vec<RowProblem>,
    /// Inbox rows as read (id, ciphertext), so packing can tell if one changed since.
    inbox: Vec<(String, Vec<u8>)>,
    /// Segments that failed to open: never overwritten by packing.
    broken_segments: Vec<String>,
}

/// An open vault. Holds no secret: writing seals to the public recipient.
pub struct Vault {
    paths: Paths,
    conn: Connection,
    recipient: x25519::Recipient,
}

impl Vault {
    pub fn exists(paths: &Paths) -> bool {
        paths.recipient_file().exists() || paths.identity_file().exists()
    }

    /// Creates a new vault: a fresh identity, wrapped with the passphrase.
    pub fn init(paths: &Paths, passphrase: &SecretString) -> Result<Vault, VaultError> {
        if Vault::exists(paths) {
            return Err(VaultError::AlreadyInitialized(
                paths.data.display().to_string(),
            ));
        }
        paths.ensure_dirs()?;
        let identity = x25519::Identity::generate();
        let armored = crypto::wrap_identity(&identity, passphrase)?;
        // Identity first: a vault with a recipient but no identity could never be read.
        paths::write_atomic(&paths.identity_file(), armored.as_bytes())?;
        let recipient = identity.to_public();
        paths::write_atomic(&paths.recipient_file(), format!("{recipient}\n").as_bytes())?;
        tracing::info!("vault created");
        Vault::open(paths)
    }

    /// Opens an existing vault for writing. Needs no passphrase.
    pub fn open(paths: &Paths) -> Result<Vault, VaultError> {
        let recipient_path = paths.recipient_file();
        if !recipient_path.exists() {
            if paths.identity_file().exists() {
                return Err(VaultError::RecipientCorrupt(format!(
                    "{} is missing",
                    recipient_path.display()
                )));
            }
            return Err(VaultError::NotInitialized);
        }
        let text = fs::read_to_string(&recipient_path)?;
        let recipient = x25519::Recipient::from_str(text.trim())
            .map_err(|e| VaultError::RecipientCorrupt(e.to_string()))?;
        paths.ensure_dirs()?;
        let conn = sql::open_db(&paths.db_file())?;
        Ok(Vault {
            paths: paths.clone(),
            conn,
            recipient,
        })
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Decrypts the identity with the passphrase. Changes nothing on disk.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<Keys, VaultError> {
        let path = self.paths.identity_file();
        let armored = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::IdentityMissing(path.display().to_string()))
            }
            Err(e) => return Err(e.into()),
        };
        let identity = crypto::unwrap_identity(&armored, passphrase).inspect_err(|e| {
            tracing::warn!(error = %e, "unlock refused");
        })?;
        if identity.to_public().to_string() != self.recipient.to_string() {
            return Err(VaultError::RecipientCorrupt(
                "the public key does not belong to this identity; new entries would be unreadable"
                    .into(),
            ));
        }
        tracing::info!("vault unlocked");
        Ok(Keys {
            identity: Box::new(identity),
        })
    }

    /// Re-wraps the identity with a new passphrase, atomically. Entries are untouched.
    pub fn change_passphrase(
        &self,
        old: &SecretString,
        new: &SecretString,
    ) -> Result<(), VaultError> {
        let keys = self.unlock(old)?;
        let armored = crypto::wrap_identity(&keys.identity, new)?;
        paths::write_atomic(&self.paths.identity_file(), armored.as_bytes())?;
        tracing::info!("passphrase changed; identity re-wrapped");
        Ok(())
    }

    fn seal_value<T: Serialize>(
        &self,
        kind: &str,
        id: &str,
        body: &T,
    ) -> Result<Vec<u8>, VaultError> {
        let sealed = Sealed {
            v: 1,
            kind: kind.to_string(),
            id: id.to_string(),
            body,
        };
        let plain = Zeroizing::new(
            serde_json::to_vec(&sealed).map_err(|e| VaultError::Crypto(e.to_string()))?,
        );
        crypto::seal(&self.recipient, &plain)
    }

    fn open_value<T: DeserializeOwned>(
        keys: &Keys,
        kind: &str,
        id: &str,
        blob: &[u8],
    ) -> Result<T, VaultError> {
        let corrupt = |reason: String| VaultError::CorruptRow {
            id: id.to_string(),
            reason,
        };
        let plain = Zeroizing::new(crypto::open(&keys.identity, blob).map_err(|e| {
            corrupt(match e {
                age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
                    "its header is damaged".into()
                }
                age::DecryptError::NoMatchingKeys => "it was sealed to another vault's key".into(),
                _ => "it fails its integrity check (damaged or altered)".into(),
            })
        })?);
        #[derive(Deserialize)]
        struct Envelope {
            kind: String,
            id: String,
        }
        // One parse on the happy path; on failure the envelope alone tells a
        // blob of another kind (whose body would not parse as T) from garbage.
        let (found_kind, found_id, body) = match serde_json::from_slice::<Sealed<T>>(&plain) {
            Ok(sealed) => (sealed.kind, sealed.id, Some(sealed.body)),
            Err(_) => {
                let envelope: Envelope = serde_json::from_slice(&plain)
                    .map_err(|_| corrupt("its sealed content is not in a known format".into()))?;
                (envelope.kind, envelope.id, None)
            }
        };
        if found_id != id || found_kind != kind {
            return Err(VaultError::MovedRow {
                id: id.to_string(),
                found: if found_kind == kind {
                    found_id
                } else {
                    format!("{found_kind} {found_id}")
                },
            });
        }
        let Some(body) = body else {
            return Err(corrupt(
                "its sealed content is not in a known format".into(),
            ));
        };
        Ok(body)
    }

    /// Seals and stores an entry (insert or replace). Needs no passphrase.
    pub fn save_entry(&self, entry: &Entry) -> Result<(), VaultError> {
        let blob = self.seal_value(ENTRY_KIND, &entry.id, entry)?;
        sql::put_entry(&self.conn, &entry.id, &blob)?;
        tracing::debug!(id = %entry.id, sealed_bytes = blob.len(), draft = entry.draft, "entry sealed");
        Ok(())
    }

    /// Seals and stores many entries in one transaction: all or nothing.
    pub fn save_entries(&self, entries: &[Entry]) -> Result<(), VaultError> {
        let tx = self.conn.unchecked_transaction()?;
        for entry in entries {
            let blob = self.seal_value(ENTRY_KIND, &entry.id, entry)?;
            sql::put_entry(&tx, &entry.id, &blob)?;
        }
        tx.commit()?;
        tracing::debug!(count = entries.len(), "entries sealed in one transaction");
        Ok(())
    }

    pub fn delete_entry(&self, id: &str) -> Result<(), VaultError> {
        sql::delete_entry(&self.conn, id)
    }

    pub fn entry_count(&self) -> Result<usize, VaultError> {
        sql::count_entries(&self.conn)
    }

    /// Decrypts every entry: the packed monthly segments, then the inbox of
    /// single blobs, whose newer versions win. Unreadable rows are reported;
    /// the rest open.
    pub fn load(&self, keys: &Keys) -> Result<Loaded, VaultError> {
        let mut loaded = Loaded::default();
        let mut by_id: std::collections::HashMap<String, Entry> = std::collections::HashMap::new();
        for (id, blob) in sql::all_segments(&self.conn)? {
            match Self::open_value::<Vec<Entry>>(keys, SEGMENT_KIND, &id, &blob) {
                Ok(entries) => by_id.extend(entries.into_iter().map(|e| (e.id.clone(), e))),
                Err(error) => {
                    loaded.broken_segments.push(id.clone());
                    loaded.problems.push(RowProblem {
                        id: format!("segment {id}"),
                        error,
                    });
                }
            }
        }
        for (id, blob) in sql::all_entries(&self.conn)? {
            match Self::open_value::<Entry>(keys, ENTRY_KIND, &id, &blob) {
                Ok(entry) => {
                    by_id.insert(entry.id.clone(), entry);
                    loaded.inbox.push((id, blob));
                }
                Err(error) => loaded.problems.push(RowProblem { id, error }),
            }
        }
        for problem in &loaded.problems {
            tracing::warn!(row = %problem.id, error = %problem.error, "row could not be opened");
        }
        tracing::info!(
            entries = by_id.len(),
            problems = loaded.problems.len(),
            "entries opened"
        );
        loaded.entries = by_id.into_values().collect();
        loaded.entries.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(loaded)
    }

    /// Moves finished inbox entries into sealed monthly segments, in one
    /// transaction. Drafts stay in the inbox. An inbox row rewritten by another
    /// process since `loaded` was read is left in place (it still wins on load).
    /// Returns how many inbox rows were packed.
    pub fn pack(&self, loaded: &Loaded) -> Result<usize, VaultError> {
        use std::collections::{BTreeMap, BTreeSet, HashMap};
        let segment_of = |e: &Entry| e.created_at.format("%Y-%m").to_string();
        let mut by_month: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        let mut month_of: HashMap<&str, String> = HashMap::new();
        for entry in loaded.entries.iter().filter(|e| !e.draft) {
            let month = segment_of(entry);
            month_of.insert(entry.id.as_str(), month.clone());
            by_month.entry(month).or_default().push(entry);
        }
        let months: BTreeSet<&String> = loaded
            .inbox
            .iter()
            .filter_map(|(id, _)| month_of.get(id.as_str()))
            .filter(|m| !loaded.broken_segments.contains(m))
            .collect();
        if months.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.unchecked_transaction()?;
        for month in &months {
            let blob = self.seal_value(SEGMENT_KIND, month, &by_month[*month])?;
            sql::put_segment(&tx, month, &blob)?;
        }
        let mut packed = 0;
        for (id, blob) in &loaded.inbox {
            let Some(month) = month_of.get(id.as_str()) else {
                continue; // a draft
            };
            if months.contains(month) && sql::delete_entry_if_unchanged(&tx, id, blob)? {
                packed += 1;
            }
        }
        tx.commit()?;
        tracing::debug!(
            packed,
            segments = months.len(),
            "packed inbox into segments"
        );
        Ok(packed)
    }

    /// Stores any serializable value sealed, under (kind, id).
    pub fn put_record<T: Serialize>(
        &self,
        kind: &str,
        id: &str,
        value: &T,
    ) -> Result<(), VaultError> {
        let blob = self.seal_value(kind, id, value)?;
        sql::put_record(&self.conn, kind, id, &blob)
    }

    pub fn get_record<T: DeserializeOwned>(
        &self,
        keys: &Keys,
        kind: &str,
        id: &str,
    ) -> Result<Option<T>, VaultError> {
        match sql::get_record(&self.conn, kind, id)? {
            Some(blob) => Self::open_value(keys, kind, id, &blob).map(Some),
            None => Ok(None),
        }
    }

    /// Every record of a kind, ordered by id; unreadable ones are skipped and reported.
    pub fn records<T: DeserializeOwned>(
        &self,
        keys: &Keys,
        kind: &str,
    ) -> Result<(Vec<(String, T)>, Vec<RowProblem>), VaultError> {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for (id, blob) in sql::records_of(&self.conn, kind)? {
            match Self::open_value(keys, kind, &id, &blob) {
                Ok(value) => good.push((id, value)),
                Err(error) => bad.push(RowProblem { id, error }),
            }
        }
        Ok((good, bad))
    }

    pub fn delete_record(&self, kind: &str, id: &str) -> Result<(), VaultError> {
        sql::delete_record(&self.conn, kind, id)
    }

    // --- Deleting an entry for good (issue 15, `between delete`). ---

    /// Removes entry `id` for good, in one transaction: its inbox row and,
    /// when its monthly segment is packed, that segment re-sealed without it
    /// (or dropped when it held nothing else). `loaded` must be a fresh
    /// [`Vault::load`]. With `secure_delete` on, SQLite zeroes the freed
    /// pages; a WAL checkpoint then clears the old pages from the log.
    /// Returns false when no such entry was loaded.
    pub fn remove_entry(&self, loaded: &Loaded, id: &str) -> Result<bool, VaultError> {
        let Some(entry) = loaded.entries.iter().find(|e| e.id == id) else {
            return Ok(false);
        };
        let month_of = |e: &Entry| e.created_at.format("%Y-%m").to_string();
        let month = month_of(entry);
        let tx = self.conn.unchecked_transaction()?;
        sql::delete_entry(&tx, id)?;
        let packed: bool = tx.query_row(
            "SELECT count(*) > 0 FROM segments WHERE id = ?1",
            [&month],
            |r| r.get(0),
        )?;
        if packed && !loaded.broken_segments.contains(&month) {
            let rest: Vec<&Entry> = loaded
                .entries
                .iter()
                .filter(|e| !e.draft && e.id != id && month_of(e) == month)
                .collect();
            if rest.is_empty() {
                tx.execute("DELETE FROM segments WHERE id = ?1", [&month])?;
            } else {
                let blob = self.seal_value(SEGMENT_KIND, &month, &rest)?;
                sql::put_segment(&tx, &month, &blob)?;
            }
        }
        tx.commit()?;
        // Best effort: the deleted rows are already gone from the database.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        tracing::info!("entry deleted");
        Ok(true)
    }
}
