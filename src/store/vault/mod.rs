//! The encrypted vault.
//!
//! Writing needs only the public recipient (stored in clear), so an entry can
//! be saved while locked. Reading needs the identity, which is stored wrapped
//! with the user's passphrase (age + scrypt). Every row in SQLite is an opaque
//! age blob whose sealed payload repeats the row's id, so a blob moved to
//! another row is detected on decrypt.

pub mod backup;
mod crypto;
pub use crypto::{work_factor_mib, MAX_WORK_FACTOR, MIN_WORK_FACTOR, WORK_FACTOR};
pub mod ledger;
mod partial;
pub use partial::{Partial, Reading};
pub mod sql;

use std::collections::HashSet;
use std::fs;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::domain::model::Entry;
use crate::store::paths::{self, Paths};
use ledger::{Change, MacKey};

/// Where the public key is pinned outside the vault folder.
pub const PIN_FILE: &str = "recipient.pin";

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
    #[error("{0}")]
    RecipientNotPinned(String),
    #[error("{0}")]
    JournalMissing(String),
    #[error("the vault's history does not verify, so it was not changed: {0}")]
    Unverified(String),
    #[error("{0}")]
    NoRoom(String),
    #[error("{0}")]
    RotationInterrupted(String),
    #[error("storage error: {0}")]
    Storage(String),
    #[error("encryption error: {0}")]
    Crypto(String),
    #[error("{}", describe_io(.0))]
    Io(#[from] std::io::Error),
}

/// Names a full, read-only or failing disk, and says that nothing was saved.
fn describe_io(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => {
            "the disk is full; nothing was saved (free some space and try again)".into()
        }
        Some(libc::EROFS) => "the disk is read-only; nothing was saved".into(),
        Some(libc::EACCES) | Some(libc::EPERM) => {
            format!("permission denied ({e}); nothing was saved. Check that the folder is writable")
        }
        Some(libc::EIO) => format!("the disk is failing ({e}); nothing was saved"),
        _ => format!("file error: {e}"),
    }
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        VaultError::Storage(describe_sqlite(&e))
    }
}

/// SQLite reports some out-of-space cases as a plain I/O error; errno tells.
fn is_enospc() -> bool {
    std::io::Error::last_os_error().raw_os_error() == Some(libc::ENOSPC)
}

/// Turns SQLite's terse codes into something a person can act on.
fn describe_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DiskFull) => {
            "the disk is full; this entry was not saved and nothing was changed (free some space and try again)".into()
        }
        Some(ReadOnly) | Some(CannotOpen) | Some(PermissionDenied) => {
            format!("the vault cannot be written ({e}): the disk or its folder is read-only; check that its folder is writable. Nothing was saved")
        }
        Some(SystemIoFailure) if is_enospc() => {
            "the disk is full; this entry was not saved and nothing was changed (free some space and try again)".into()
        }
        Some(SystemIoFailure) => {
            format!("the disk is failing or full ({e}); nothing was saved")
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
/// Where a rotation puts the new identity until the journal is re-sealed.
const STAGED_IDENTITY: &str = "identity.age.new";
const SEGMENT_KIND: &str = "segment";

/// The unlocked private key. Dropping it zeroizes the secret (x25519-dalek).
pub struct Keys {
    identity: Box<x25519::Identity>,
    mac: Arc<MacKey>,
}

impl Keys {
    /// The private key as text, for the session agent only (`between
    /// unlock` hands it to the agent through a pipe, never argv or env).
    pub fn identity_secret(&self) -> SecretString {
        self.identity.to_string()
    }

    fn new(identity: x25519::Identity) -> Keys {
        let mac = Arc::new(MacKey::derive(&identity));
        Keys {
            identity: Box::new(identity),
            mac,
        }
    }
}

/// A row that could not be opened; the others still are.
#[derive(Debug)]
pub struct RowProblem {
    pub id: String,
    pub error: VaultError,
}

/// Everything decrypted on unlock. Only [`Vault::load`] makes one (no
/// `Default`): packing and deleting rewrite segments from it, so it must
/// never be a partial or hand-made list of entries.
///
/// ```compile_fail,E0599
/// let loaded = between::store::vault::Loaded::default(); // not outside the vault
/// ```
pub struct Loaded {
    /// Newest first.
    pub entries: Vec<Entry>,
    pub problems: Vec<RowProblem>,
    /// Inbox rows as read (id, ciphertext), so packing can tell if one changed since.
    inbox: Vec<(String, Vec<u8>)>,
    /// Segments that failed to open: never overwritten by packing.
    broken_segments: Vec<String>,
    /// Ids of entries written while locked and not yet accepted into the
    /// authenticated history ("added while locked").
    pub unverified: HashSet<String>,
    /// What history verification found: forged, removed, changed or
    /// rolled-back rows, each named.
    pub integrity: Vec<String>,
    /// Rows to accept into the history at unlock.
    pending: Vec<(String, String, Vec<u8>)>,
}

impl Loaded {
    fn empty() -> Loaded {
        Loaded {
            entries: Vec::new(),
            problems: Vec::new(),
            inbox: Vec::new(),
            broken_segments: Vec::new(),
            unverified: HashSet::new(),
            integrity: Vec::new(),
            pending: Vec::new(),
        }
    }

    /// Whether the history verified with nothing to report.
    pub fn verified(&self) -> bool {
        self.integrity.is_empty()
    }
}

/// An open vault. Holds no secret: writing seals to the public recipient.
pub struct Vault {
    paths: Paths,
    conn: Connection,
    /// The public key entries are sealed to. Changes only when an unlock
    /// finishes a key rotation that was interrupted.
    recipient: Mutex<x25519::Recipient>,
    /// Present once unlocked: writes are then recorded in the history.
    mac: Mutex<Option<Arc<MacKey>>>,
    /// Set when the disk was too full to open normally: the journal is read
    /// without writing anything, and every write is refused with this reason.
    read_only: Option<String>,
    /// Records (plan, agenda, sessions) the history does not vouch for, as
    /// (ledger kind, id); `None` until the history was checked once under
    /// the unlocked key. They are never handed out, only named.
    distrusted: Mutex<Option<HashSet<(String, String)>>>,
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
        drop(sql::open_db(&paths.db_file())?);
        paths::write_atomic(&paths.recipient_file(), format!("{recipient}\n").as_bytes())?;
        let vault = Vault::open(paths)?;
        let keys = Keys::new(identity);
        vault.attach(&keys);
        vault.pin(&keys)?;
        tracing::info!("vault created");
        Ok(vault)
    }

    /// From now on, writes are recorded in the authenticated history.
    pub fn attach(&self, keys: &Keys) {
        *self.mac.lock().unwrap_or_else(|e| e.into_inner()) = Some(keys.mac.clone());
    }

    /// Forgets the history key (on lock).
    pub fn detach(&self) {
        *self.mac.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A stable row id for `value` that reveals nothing about it (a keyed
    /// hash under the unlocked key), so a record's id cannot leak a date or a
    /// name. Locked, there is no key: a random id.
    pub fn opaque_id(&self, label: &str, value: &str) -> String {
        match self.mac_key() {
            Some(key) => key.tag(label, &[value.as_bytes()])[..12]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            None => uuid::Uuid::new_v4().simple().to_string(),
        }
    }

    fn recipient(&self) -> x25519::Recipient {
        self.recipient
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn staged_identity(&self) -> std::path::PathBuf {
        self.paths.data.join(STAGED_IDENTITY)
    }

    /// A key rotation stopped half-way leaves the new identity staged beside
    /// the old one. If the journal was already re-sealed to it (its pinned
    /// key is the staged one's), the rotation is finished now; if not, the
    /// staged key was never used and is removed. Either way every entry
    /// opens afterwards.
    fn finish_interrupted_rotation(&self, passphrase: &SecretString) -> Result<(), VaultError> {
        let staged_path = self.staged_identity();
        let Ok(staged) = fs::read(&staged_path) else {
            return Ok(());
        };
        let pinned = ledger::meta_get(&self.conn, "recipient")?;
        let staged_identity = crypto::unwrap_identity(&staged, passphrase).ok();
        let committed = staged_identity
            .as_ref()
            .is_some_and(|id| pinned.as_deref() == Some(id.to_public().to_string().as_str()));
        if !committed {
            if pinned.as_deref() == Some(self.recipient().to_string().as_str()) {
                // The journal still belongs to the old key: the new one was never used.
                fs::remove_file(&staged_path)?;
                tracing::info!("removed the key of a rotation that never started");
                return Ok(());
            }
            return Err(VaultError::RotationInterrupted(format!(
                "a key change was interrupted, and this passphrase does not open the new key ({}): use the passphrase you chose for the new key",
                staged_path.display()
            )));
        }
        let identity = staged_identity.expect("committed implies unwrapped");
        // The MAC over the pin proves the journal was re-sealed by this key,
        // not pointed at a key someone else planted beside it.
        let keys = Keys::new(identity);
        let recipient = keys.identity.to_public();
        let text = recipient.to_string();
        let tag: String = keys
            .mac
            .tag("pin", &[text.as_bytes()])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if ledger::meta_get(&self.conn, "recipient_mac")?.as_deref() != Some(tag.as_str()) {
            return Err(VaultError::RotationInterrupted(format!(
                "{} claims to be a new key for this journal, but the journal's pin does not vouch for it: it was not left by Between. Nothing was changed",
                staged_path.display()
            )));
        }
        fs::rename(&staged_path, self.paths.identity_file())?;
        paths::write_atomic(&self.paths.recipient_file(), format!("{text}\n").as_bytes())?;
        paths::write_atomic(&self.pin_file(), format!("{text}\n").as_bytes())?;
        *self.recipient.lock().unwrap_or_else(|e| e.into_inner()) = recipient;
        tracing::info!("finished an interrupted key rotation");
        Ok(())
    }

    fn mac_key(&self) -> Option<Arc<MacKey>> {
        self.mac.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn pin_file(&self) -> std::path::PathBuf {
        self.paths.config.join(PIN_FILE)
    }

    /// Pins the public key: in the database (with a MAC under the unlocked
    /// key) and in the config folder. The write path refuses any other key.
    fn pin(&self, keys: &Keys) -> Result<(), VaultError> {
        let recipient = self.recipient().to_string();
        let tag = keys.mac.tag("pin", &[recipient.as_bytes()]);
        let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        self.write(|conn, _| {
            ledger::meta_put(conn, "recipient", &recipient)?;
            ledger::meta_put(conn, "recipient_mac", &tag)
        })?;
        paths::write_atomic(&self.pin_file(), format!("{recipient}\n").as_bytes())?;
        Ok(())
    }

    /// Refuses to seal anything if recipient.txt is not the pinned key.
    pub fn check_pin(&self) -> Result<(), VaultError> {
        let recipient = self.recipient().to_string();
        let refuse = |place: String| {
            VaultError::RecipientNotPinned(format!(
                "{} does not match the public key pinned in {place}: someone may have swapped it to read new entries. Nothing was written. Put back the right recipient.txt (it is in your backups)",
                self.paths.recipient_file().display()
            ))
        };
        let pinned_in_db = ledger::meta_get(&self.conn, "recipient")?;
        if self.staged_identity().exists() && pinned_in_db.as_deref() != Some(recipient.as_str()) {
            // The journal was re-sealed to the new key but the key files
            // were not switched yet: writing to the old key would be lost.
            return Err(VaultError::RotationInterrupted(
                "a key change was interrupted. Nothing was written. Unlock once (for example `between list`) to finish it".into(),
            ));
        }
        match fs::read_to_string(self.pin_file()) {
            Ok(pinned) if pinned.trim() != recipient => {
                return Err(refuse(self.pin_file().display().to_string()))
            }
            _ => {}
        }
        if let Some(pinned) = pinned_in_db {
            if pinned != recipient {
                return Err(refuse(self.paths.db_file().display().to_string()));
            }
        }
        Ok(())
    }

    /// Runs `f` in one immediate transaction and records the rows it changed:
    /// under the MAC key when unlocked, in the pending list when locked.
    fn write<R>(
        &self,
        f: impl FnOnce(&Connection, &mut Vec<Change>) -> Result<R, VaultError>,
    ) -> Result<R, VaultError> {
        if let Some(reason) = &self.read_only {
            return Err(VaultError::Storage(reason.clone()));
        }
        self.check_pin()?;
        let key = self.mac_key();
        if key.is_none()
            && ledger::state_root_exists(&self.paths)
            && !ledger::has_roots(&self.conn)?
        {
            return Err(VaultError::JournalMissing(format!(
                "{} is not the journal this computer last wrote (its history is missing; an empty or older copy is in its place). Nothing was written, so it cannot hide the entries you had. Restore it from a backup, or unlock to see what is wrong",
                self.paths.db_file().display()
            )));
        }
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let mut changes = Vec::new();
        let result = f(&tx, &mut changes)?;
        let root = match &key {
            Some(key) => Some(ledger::record(&tx, key, &changes, &self.paths)?),
            None => {
                ledger::append_pending(&self.paths, &changes)?;
                None
            }
        };
        tx.commit()?;
        if let Some(root) = root {
            if let Err(e) = ledger::write_state_root(&self.paths, &root) {
                tracing::warn!(error = %e, "could not copy the history root to state/");
            }
        }
        Ok(result)
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
        let db = paths.db_file();
        let empty = fs::metadata(&db).map(|m| m.len() == 0);
        if paths.identity_file().exists() && !matches!(empty, Ok(false)) {
            return Err(VaultError::JournalMissing(format!(
                "the journal file {} is {} but the key that opens it is still here: your entries may have been removed. Nothing was written. Restore the journal from a backup (between restore into an empty folder, then copy it back)",
                db.display(),
                if empty.is_ok() { "empty" } else { "missing" }
            )));
        }
        let (conn, read_only) = match sql::open_db(&db) {
            Ok(conn) => (conn, None),
            Err(VaultError::Storage(e)) if e.starts_with("the disk is full") => {
                // Reading never needs free space.
                tracing::warn!("disk full: opening the journal read-only");
                (sql::open_db_read_only(&db)?, Some(e))
            }
            Err(e) => return Err(e),
        };
        Ok(Vault {
            paths: paths.clone(),
            conn,
            recipient: Mutex::new(recipient),
            mac: Mutex::new(None),
            read_only,
            distrusted: Mutex::new(None),
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
        self.finish_interrupted_rotation(passphrase)?;
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
        if identity.to_public().to_string() != self.recipient().to_string() {
            return Err(VaultError::RecipientCorrupt(
                "the public key does not belong to this identity; new entries would be unreadable"
                    .into(),
            ));
        }
        tracing::info!("vault unlocked");
        Ok(Keys::new(identity))
    }

    /// Opens the vault with an identity already unwrapped (from the session
    /// agent, `between unlock`): no scrypt. A key that is not this vault's is
    /// `WrongPassphrase`, so the caller can ask for the passphrase instead.
    pub fn unlock_with_identity(&self, identity: &SecretString) -> Result<Keys, VaultError> {
        let identity = x25519::Identity::from_str(identity.expose_secret().trim())
            .map_err(|_| VaultError::WrongPassphrase)?;
        if identity.to_public().to_string() != self.recipient().to_string() {
            return Err(VaultError::WrongPassphrase);
        }
        tracing::info!("vault unlocked by the session agent");
        Ok(Keys::new(identity))
    }

    /// The scrypt work factor (log2 N) `identity.age` is wrapped with.
    pub fn work_factor(&self) -> Option<u8> {
        crypto::work_factor_of(&fs::read(self.paths.identity_file()).ok()?)
    }

    /// Re-wraps the identity with a new passphrase, atomically. Entries are
    /// untouched. The work factor stays what it was (or the default, if higher).
    pub fn change_passphrase(
        &self,
        old: &SecretString,
        new: &SecretString,
    ) -> Result<(), VaultError> {
        let log_n = crypto::default_work_factor(self.work_factor());
        self.rewrap(old, new, log_n)
    }

    /// Re-wraps the identity with `new` at scrypt work factor `log_n`.
    pub fn rewrap(
        &self,
        old: &SecretString,
        new: &SecretString,
        log_n: u8,
    ) -> Result<(), VaultError> {
        let keys = self.unlock(old)?;
        let armored = crypto::wrap_identity_at(&keys.identity, new, log_n)?;
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
        seal_to(&self.recipient(), kind, id, body, 0)
    }

    /// An entry's size class depends on its text's length only: triage
    /// reasons, bucket and crisis level fit in a fixed allowance, so a crisis
    /// entry and an everyday one of the same length seal to the same size.
    fn seal_entry(&self, entry: &Entry) -> Result<Vec<u8>, VaultError> {
        let floor = entry.text.len() + ENTRY_ALLOWANCE;
        seal_to(&self.recipient(), ENTRY_KIND, &entry.id, entry, floor)
    }

    /// Real key rotation: a new identity (wrapped with `passphrase`), every
    /// sealed row re-sealed to it and the history re-authenticated under its
    /// key, then the old identity retired. Refuses (changing nothing) when the
    /// history does not verify or a row cannot be opened. Returns how many
    /// rows were re-sealed.
    pub fn rotate(&self, keys: &Keys, passphrase: &SecretString) -> Result<usize, VaultError> {
        let loaded = self.load(keys)?;
        if !loaded.verified() {
            return Err(VaultError::Unverified(loaded.integrity.join("; ")));
        }
        if let Some(problem) = loaded.problems.first() {
            return Err(VaultError::Unverified(format!(
                "{} (rotating now would lose it)",
                problem.error
            )));
        }
        let identity = x25519::Identity::generate();
        let armored = crypto::wrap_identity(&identity, passphrase)?;
        let recipient = identity.to_public();
        let new_keys = Keys::new(identity);
        // (table, ledger kind, sealed kind, id, new blob)
        let mut resealed: Vec<(&str, String, String, String, Vec<u8>)> = Vec::new();
        for (id, blob) in sql::all_entries(&self.conn)? {
            let body: serde_json::Value = Self::open_value(keys, ENTRY_KIND, &id, &blob)?;
            let floor = body["text"]
                .as_str()
                .map_or(0, |t| t.len() + ENTRY_ALLOWANCE);
            let blob = seal_to(&recipient, ENTRY_KIND, &id, &body, floor)?;
            resealed.push(("entries", ENTRY_KIND.into(), ENTRY_KIND.into(), id, blob));
        }
        for (id, blob) in sql::all_segments(&self.conn)? {
            let body: serde_json::Value = Self::open_value(keys, SEGMENT_KIND, &id, &blob)?;
            let blob = seal_to(&recipient, SEGMENT_KIND, &id, &body, 0)?;
            resealed.push((
                "segments",
                SEGMENT_KIND.into(),
                SEGMENT_KIND.into(),
                id,
                blob,
            ));
        }
        for (kind, id, blob) in sql::all_records(&self.conn)? {
            let body: serde_json::Value = Self::open_value(keys, &kind, &id, &blob)?;
            let blob = seal_to(&recipient, &kind, &id, &body, 0)?;
            resealed.push(("records", record_kind(&kind), kind, id, blob));
        }
        // The new identity goes beside the old one first: if this stops
        // half-way, both keys are still on disk.
        let staged = self.staged_identity();
        paths::write_atomic(&staged, armored.as_bytes())?;
        let recipient_text = recipient.to_string();
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let mut changes = Vec::new();
        for (table, ledger_kind, kind, id, blob) in &resealed {
            match *table {
                "entries" => sql::put_entry(&tx, id, blob)?,
                "segments" => sql::put_segment(&tx, id, blob)?,
                _ => sql::put_record(&tx, kind, id, blob)?,
            }
            changes.push(put(ledger_kind, id, blob));
        }
        tx.execute_batch("DELETE FROM ledger; DELETE FROM roots;")?;
        ledger::meta_put(&tx, "recipient", &recipient_text)?;
        let tag: String = new_keys
            .mac
            .tag("pin", &[recipient_text.as_bytes()])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        ledger::meta_put(&tx, "recipient_mac", &tag)?;
        // The old root in state/ was made with the retired key.
        let _ = fs::remove_file(self.paths.state.join(ledger::STATE_ROOT_FILE));
        let root = ledger::record(&tx, &new_keys.mac, &changes, &self.paths)?;
        tx.commit()?;
        fs::rename(&staged, self.paths.identity_file())?;
        paths::write_atomic(
            &self.paths.recipient_file(),
            format!("{recipient_text}\n").as_bytes(),
        )?;
        paths::write_atomic(&self.pin_file(), format!("{recipient_text}\n").as_bytes())?;
        ledger::write_state_root(&self.paths, &root)?;
        ledger::forget_pending(&self.paths, &loaded.pending)?;
        tracing::info!(rows = resealed.len(), "key rotated; every row re-sealed");
        Ok(resealed.len())
    }
}

/// Room for everything in an entry besides its text (ids, times, bucket,
/// triage reasons), so that its size class follows the text alone.
const ENTRY_ALLOWANCE: usize = 1024;

fn seal_to<T: Serialize>(
    recipient: &x25519::Recipient,
    kind: &str,
    id: &str,
    body: &T,
    floor: usize,
) -> Result<Vec<u8>, VaultError> {
    {
        let sealed = Sealed {
            v: 1,
            kind: kind.to_string(),
            id: id.to_string(),
            body,
        };
        let mut plain = Zeroizing::new(
            serde_json::to_vec(&sealed).map_err(|e| VaultError::Crypto(e.to_string()))?,
        );
        pad(&mut plain, floor);
        crypto::seal(recipient, &plain)
    }
}

impl Vault {
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
        let blob = self.seal_entry(entry)?;
        self.write(|conn, changes| {
            sql::put_entry(conn, &entry.id, &blob)?;
            changes.push(put(ENTRY_KIND, &entry.id, &blob));
            Ok(())
        })?;
        tracing::debug!(id = %entry.id, sealed_bytes = blob.len(), draft = entry.draft, "entry sealed");
        Ok(())
    }

    /// Seals and stores many entries in one transaction: all or nothing.
    pub fn save_entries(&self, entries: &[Entry]) -> Result<(), VaultError> {
        self.write(|tx, changes| {
            for entry in entries {
                let blob = self.seal_entry(entry)?;
                sql::put_entry(tx, &entry.id, &blob)?;
                changes.push(put(ENTRY_KIND, &entry.id, &blob));
            }
            Ok(())
        })?;
        tracing::debug!(count = entries.len(), "entries sealed in one transaction");
        Ok(())
    }

    pub fn delete_entry(&self, id: &str) -> Result<(), VaultError> {
        self.write(|conn, changes| {
            sql::delete_entry(conn, id)?;
            changes.push(Change::Delete {
                kind: ENTRY_KIND.into(),
                id: id.into(),
            });
            Ok(())
        })
    }

    /// Removes entry `id` for good, in one transaction recorded in the
    /// history: its inbox row and, when its monthly segment is packed, that
    /// segment re-sealed without it (or dropped when it held nothing else).
    /// `loaded` must be a fresh [`Vault::load`]. With `secure_delete` on,
    /// SQLite zeroes the freed pages; a WAL checkpoint then clears the old
    /// pages from the log. Returns false when no such entry was loaded.
    pub fn remove_entry(&self, loaded: &Loaded, id: &str) -> Result<bool, VaultError> {
        let Some(entry) = loaded.entries.iter().find(|e| e.id == id) else {
            return Ok(false);
        };
        let month_of = |e: &Entry| e.created_at.format("%Y-%m").to_string();
        let month = month_of(entry);
        self.write(|conn, changes| {
            sql::delete_entry(conn, id)?;
            changes.push(Change::Delete {
                kind: ENTRY_KIND.into(),
                id: id.into(),
            });
            let packed: bool = conn.query_row(
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
                    conn.execute("DELETE FROM segments WHERE id = ?1", [&month])?;
                    changes.push(Change::Delete {
                        kind: SEGMENT_KIND.into(),
                        id: month.clone(),
                    });
                } else {
                    let blob = self.seal_value(SEGMENT_KIND, &month, &rest)?;
                    sql::put_segment(conn, &month, &blob)?;
                    changes.push(put(SEGMENT_KIND, &month, &blob));
                }
            }
            Ok(())
        })?;
        // Best effort: the deleted rows are already gone from the database.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        tracing::info!("entry deleted");
        Ok(true)
    }

    pub fn entry_count(&self) -> Result<usize, VaultError> {
        sql::count_entries(&self.conn)
    }

    /// Decrypts every entry: the packed monthly segments, then the inbox of
    /// single blobs, whose newer versions win. Unreadable rows are reported;
    /// the rest open.
    /// Checks every sealed row against the authenticated history and
    /// remembers which records it does not vouch for.
    fn verify_rows(
        &self,
        keys: &Keys,
        segments: &[(String, Vec<u8>)],
        inbox: &[(String, Vec<u8>)],
    ) -> Result<ledger::Report, VaultError> {
        let mut actual: Vec<(String, String, Vec<u8>)> = Vec::new();
        for (id, blob) in segments {
            actual.push((SEGMENT_KIND.into(), id.clone(), ledger::blob_hash(blob)));
        }
        for (id, blob) in inbox {
            actual.push((ENTRY_KIND.into(), id.clone(), ledger::blob_hash(blob)));
        }
        for (kind, id, blob) in sql::all_records(&self.conn)? {
            actual.push((record_kind(&kind), id, ledger::blob_hash(&blob)));
        }
        let report = ledger::verify(&self.conn, &keys.mac, &self.paths, &actual)?;
        let distrusted = report
            .hidden
            .iter()
            .filter(|(kind, _)| kind.starts_with("record:"))
            .cloned()
            .collect();
        *self.distrusted.lock().unwrap_or_else(|e| e.into_inner()) = Some(distrusted);
        Ok(report)
    }

    /// Whether the history vouches for a record (checking it first if no
    /// unlock did yet). A record forged with the public key, or an older
    /// copy put back, is not.
    fn record_trusted(&self, keys: &Keys, kind: &str, id: &str) -> Result<bool, VaultError> {
        let checked = self
            .distrusted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if !checked {
            let segments = sql::all_segments(&self.conn)?;
            let inbox = sql::all_entries(&self.conn)?;
            self.verify_rows(keys, &segments, &inbox)?;
        }
        let key = (record_kind(kind), id.to_string());
        Ok(!self
            .distrusted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(|set| set.contains(&key)))
    }

    pub fn load(&self, keys: &Keys) -> Result<Loaded, VaultError> {
        let segments = sql::all_segments(&self.conn)?;
        let inbox = sql::all_entries(&self.conn)?;
        let report = self.verify_rows(keys, &segments, &inbox)?;
        self.open_all(keys, segments, inbox, report)
    }

    /// The pin's MAC under this key, as stored in `meta.recipient_mac`.
    fn pin_tag(&self, keys: &Keys) -> String {
        let recipient = self.recipient().to_string();
        keys.mac
            .tag("pin", &[recipient.as_bytes()])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The rest of [`Vault::load`], once the rows are read and checked.
    fn open_all(
        &self,
        keys: &Keys,
        segments: Vec<(String, Vec<u8>)>,
        inbox: Vec<(String, Vec<u8>)>,
        report: ledger::Report,
    ) -> Result<Loaded, VaultError> {
        let mut loaded = Loaded::empty();
        let mut by_id: std::collections::HashMap<String, Entry> = std::collections::HashMap::new();
        if let Some(pinned) = ledger::meta_get(&self.conn, "recipient_mac")? {
            if pinned != self.pin_tag(keys) {
                loaded.integrity.push(
                    "the public key pinned in the journal was altered outside Between".into(),
                );
            }
        }
        let hidden =
            |kind: &str, id: &str| report.hidden.contains(&(kind.to_string(), id.to_string()));
        let pending_segments: HashSet<&str> = report
            .pending
            .iter()
            .filter(|(k, _, _)| k == SEGMENT_KIND)
            .map(|(_, id, _)| id.as_str())
            .collect();
        let pending_entries: HashSet<&str> = report
            .pending
            .iter()
            .filter(|(k, _, _)| k == ENTRY_KIND)
            .map(|(_, id, _)| id.as_str())
            .collect();
        for (id, blob) in segments {
            // A row that is not shown is still opened, so damage is named too.
            let hide = hidden(SEGMENT_KIND, &id);
            if hide {
                loaded.broken_segments.push(id.clone());
            }
            match Self::open_value::<Vec<Entry>>(keys, SEGMENT_KIND, &id, &blob) {
                Ok(_) if hide => {}
                Ok(entries) => {
                    if pending_segments.contains(id.as_str()) {
                        loaded
                            .unverified
                            .extend(entries.iter().map(|e| e.id.clone()));
                    }
                    by_id.extend(entries.into_iter().map(|e| (e.id.clone(), e)))
                }
                Err(error) => {
                    if !hide {
                        loaded.broken_segments.push(id.clone());
                    }
                    loaded.problems.push(RowProblem {
                        id: format!("segment {id}"),
                        error,
                    });
                }
            }
        }
        for (id, blob) in inbox {
            let hide = hidden(ENTRY_KIND, &id);
            match Self::open_value::<Entry>(keys, ENTRY_KIND, &id, &blob) {
                Ok(_) if hide => {}
                Ok(entry) => {
                    if pending_entries.contains(id.as_str()) {
                        loaded.unverified.insert(entry.id.clone());
                    } else {
                        loaded.unverified.remove(&entry.id);
                    }
                    by_id.insert(entry.id.clone(), entry);
                    loaded.inbox.push((id, blob));
                }
                Err(error) => loaded.problems.push(RowProblem { id, error }),
            }
        }
        for problem in &loaded.problems {
            tracing::warn!(row = %problem.id, error = %problem.error, "row could not be opened");
        }
        loaded.integrity.extend(report.problems);
        loaded.pending = report.pending;
        for finding in &loaded.integrity {
            tracing::warn!(finding = %finding, "history does not verify");
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

    /// After an unlock: accepts rows written while locked into the
    /// authenticated history, pins the public key if it was not yet, and packs
    /// the inbox. Does nothing when the history did not verify, so the
    /// evidence stays as it was found.
    pub fn settle(&self, keys: &Keys, loaded: &Loaded) -> Result<(), VaultError> {
        self.attach(keys);
        if !loaded.verified() {
            return Err(VaultError::Unverified(loaded.integrity.join("; ")));
        }
        if !loaded.pending.is_empty() {
            let pending = loaded.pending.clone();
            self.write(|_, changes| {
                changes.extend(pending.iter().map(|(kind, id, hash)| Change::Put {
                    kind: kind.clone(),
                    id: id.clone(),
                    hash: hash.clone(),
                }));
                Ok(())
            })?;
            ledger::forget_pending(&self.paths, &loaded.pending)?;
        }
        if ledger::meta_get(&self.conn, "recipient_mac")?.is_none() || !self.pin_file().exists() {
            self.pin(keys)?;
        }
        self.pack(loaded)?;
        Ok(())
    }

    /// Moves finished inbox entries into sealed monthly segments, in one
    /// transaction. Drafts stay in the inbox. An inbox row rewritten by another
    /// process since `loaded` was read is left in place (it still wins on load).
    /// Returns how many inbox rows were packed.
    pub fn pack(&self, loaded: &Loaded) -> Result<usize, VaultError> {
        use std::collections::{BTreeMap, BTreeSet, HashMap};
        if loaded.inbox.is_empty() {
            return Ok(0); // the usual case: nothing to file by month
        }
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
        let packed = self.write(|tx, changes| {
            for month in &months {
                let blob = self.seal_value(SEGMENT_KIND, month, &by_month[*month])?;
                sql::put_segment(tx, month, &blob)?;
                changes.push(put(SEGMENT_KIND, month, &blob));
            }
            let mut packed = 0;
            for (id, blob) in &loaded.inbox {
                let Some(month) = month_of.get(id.as_str()) else {
                    continue; // a draft
                };
                if months.contains(month) && sql::delete_entry_if_unchanged(tx, id, blob)? {
                    changes.push(Change::Delete {
                        kind: ENTRY_KIND.into(),
                        id: id.clone(),
                    });
                    packed += 1;
                }
            }
            Ok(packed)
        })?;
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
        self.write(|conn, changes| {
            sql::put_record(conn, kind, id, &blob)?;
            changes.push(put(&record_kind(kind), id, &blob));
            Ok(())
        })?;
        self.vouch_for(kind, id);
        Ok(())
    }

    /// A record this vault just wrote (or removed) is its own again.
    fn vouch_for(&self, kind: &str, id: &str) {
        if let Some(set) = self
            .distrusted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
        {
            set.remove(&(record_kind(kind), id.to_string()));
        }
    }

    pub fn get_record<T: DeserializeOwned>(
        &self,
        keys: &Keys,
        kind: &str,
        id: &str,
    ) -> Result<Option<T>, VaultError> {
        match sql::get_record(&self.conn, kind, id)? {
            Some(blob) => {
                let value = Self::open_value(keys, kind, id, &blob)?;
                if !self.record_trusted(keys, kind, id)? {
                    // Never handed out as if genuine.
                    return Err(distrusted(kind, id));
                }
                Ok(Some(value))
            }
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
                Ok(_) if !self.record_trusted(keys, kind, &id)? => bad.push(RowProblem {
                    error: distrusted(kind, &id),
                    id,
                }),
                Ok(value) => good.push((id, value)),
                Err(error) => bad.push(RowProblem { id, error }),
            }
        }
        Ok((good, bad))
    }

    pub fn delete_record(&self, kind: &str, id: &str) -> Result<(), VaultError> {
        self.write(|conn, changes| {
            sql::delete_record(conn, kind, id)?;
            changes.push(Change::Delete {
                kind: record_kind(kind),
                id: id.into(),
            });
            Ok(())
        })?;
        self.vouch_for(kind, id);
        Ok(())
    }
}

fn distrusted(kind: &str, id: &str) -> VaultError {
    VaultError::Unverified(format!(
        "{} was not written by this vault, or was changed outside it; it is not used",
        ledger::describe(&record_kind(kind), id)
    ))
}

/// The ledger's name for a record kind (apart from entries and segments).
fn record_kind(kind: &str) -> String {
    format!("record:{kind}")
}

fn put(kind: &str, id: &str, blob: &[u8]) -> Change {
    Change::Put {
        kind: kind.into(),
        id: id.into(),
        hash: ledger::blob_hash(blob),
    }
}

/// Pads a sealed payload with JSON whitespace to a size class, so a blob's
/// size says nothing finer than the class: at least 256 bytes, then the next
/// power of two up to 1 MiB, then PADMÉ (at most 12% more).
fn pad(plain: &mut Vec<u8>, floor: usize) {
    let target = padded_len(plain.len().max(floor));
    plain.resize(target, b' ');
}

/// Whether the debug-only fast scrypt setting of the test suite is in force.
pub fn test_kdf_in_force() -> bool {
    crypto::work_factor_override().is_some()
}

pub fn padded_len(len: usize) -> usize {
    if len <= 256 {
        256
    } else if len <= 1 << 20 {
        len.next_power_of_two()
    } else {
        let e = usize::BITS - 1 - len.leading_zeros();
        let s = u32::BITS - e.leading_zeros();
        let mask = (1usize << (e - s)) - 1;
        (len + mask) & !mask
    }
}
