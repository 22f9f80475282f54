//! Authenticated history: which sealed rows this vault wrote, and in what state.
//!
//! Anyone can seal a blob to the public key, so a sealed row alone proves
//! nothing about who wrote it. When the vault is unlocked, a MAC key derived
//! from the private identity covers every row it writes:
//!
//! - `ledger` holds one line per row: (kind, id, device, counter, SHA-256 of
//!   the sealed blob) and a MAC over them, so a row that was replaced, put
//!   back from an older copy or removed is named at the next unlock.
//! - `roots` holds, per device, the latest counter and a digest of that
//!   device's ledger lines, under a MAC: removing a ledger line or putting an
//!   older one back no longer adds up. One root per device, so two copies
//!   that each append could later be merged and still verify.
//! - `state/history-root.json` keeps a copy of this computer's latest root
//!   outside the database, so copying an older `journal.db` over the current
//!   one is noticed (its counter is behind).
//!
//! Writes made while locked have no MAC key. They are listed in
//! `state/pending.log` (kind, id, blob hash) and accepted into the ledger at
//! the next unlock; until then those entries are "added while locked". A row
//! that is neither in the ledger nor in that list was not written by this
//! vault and is reported and not shown.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

use age::secrecy::ExposeSecret;
use age::x25519;
use hmac::{Hmac, Mac};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::VaultError;
use crate::store::paths::{self, Paths};

type HmacSha256 = Hmac<Sha256>;

pub const STATE_ROOT_FILE: &str = "history-root.json";
pub const PENDING_FILE: &str = "pending.log";

/// The key that authenticates history, derived from the unlocked identity.
pub struct MacKey(Zeroizing<[u8; 32]>);

impl MacKey {
    pub fn derive(identity: &x25519::Identity) -> MacKey {
        let secret = identity.to_string();
        let mut mac = <HmacSha256 as Mac>::new_from_slice(secret.expose_secret().as_bytes())
            .expect("HMAC takes any key length");
        mac.update(b"between/history-mac/v1");
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&mac.finalize().into_bytes());
        MacKey(key)
    }

    fn start(&self, label: &str, parts: &[&[u8]]) -> HmacSha256 {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0[..]).expect("HMAC takes any key length");
        feed(&mut mac, label.as_bytes());
        for part in parts {
            feed(&mut mac, part);
        }
        mac
    }

    pub fn tag(&self, label: &str, parts: &[&[u8]]) -> Vec<u8> {
        self.start(label, parts).finalize().into_bytes().to_vec()
    }

    /// Constant-time comparison.
    pub fn verify(&self, label: &str, parts: &[&[u8]], tag: &[u8]) -> bool {
        self.start(label, parts).verify_slice(tag).is_ok()
    }
}

fn feed<M: Mac>(mac: &mut M, bytes: &[u8]) {
    mac.update(&(bytes.len() as u64).to_be_bytes());
    mac.update(bytes);
}

pub fn blob_hash(blob: &[u8]) -> Vec<u8> {
    Sha256::digest(blob).to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A change to one sealed row, as the ledger sees it.
#[derive(Debug, Clone)]
pub enum Change {
    Put {
        kind: String,
        id: String,
        hash: Vec<u8>,
    },
    Delete {
        kind: String,
        id: String,
    },
}

fn was(kind: &str) -> &'static str {
    if kind == "segment" {
        "were"
    } else {
        "was"
    }
}

/// How a row is named to the user.
pub fn describe(kind: &str, id: &str) -> String {
    match kind {
        "entry" => format!("entry {id}"),
        "segment" => format!("the entries packed for {id}"),
        other => {
            let kind = other.strip_prefix("record:").unwrap_or(other);
            format!("the {kind} record {id}")
        }
    }
}

struct LedgerRow {
    device: String,
    counter: i64,
    hash: Vec<u8>,
    mac: Vec<u8>,
}

#[derive(Clone)]
struct Root {
    device: String,
    counter: i64,
    digest: Vec<u8>,
    mac: Vec<u8>,
}

/// The copy of this computer's latest root kept in `state/`.
#[derive(Serialize, Deserialize, Clone)]
pub struct StateRoot {
    device: String,
    counter: i64,
    digest: String,
    mac: String,
}

fn state_root_path(paths: &Paths) -> PathBuf {
    paths.state.join(STATE_ROOT_FILE)
}

fn pending_path(paths: &Paths) -> PathBuf {
    paths.state.join(PENDING_FILE)
}

pub fn read_state_root(paths: &Paths) -> Option<StateRoot> {
    let bytes = std::fs::read(state_root_path(paths)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn state_root_exists(paths: &Paths) -> bool {
    state_root_path(paths).exists()
}

pub fn write_state_root(paths: &Paths, root: &StateRoot) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(root).expect("root serializes");
    paths::write_atomic(&state_root_path(paths), &bytes)
}

/// The bytes of the state root, for backups.
pub fn state_root_bytes(paths: &Paths) -> Option<Vec<u8>> {
    std::fs::read(state_root_path(paths)).ok()
}

pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>, VaultError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn meta_put(conn: &Connection, key: &str, value: &str) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn ledger_rows(conn: &Connection) -> Result<HashMap<(String, String), LedgerRow>, VaultError> {
    let mut stmt = conn.prepare("SELECT kind, id, device, counter, hash, mac FROM ledger")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            LedgerRow {
                device: r.get(2)?,
                counter: r.get(3)?,
                hash: r.get(4)?,
                mac: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn roots(conn: &Connection) -> Result<Vec<Root>, VaultError> {
    let mut stmt = conn.prepare("SELECT device, counter, digest, mac FROM roots")?;
    let rows = stmt.query_map([], |r| {
        Ok(Root {
            device: r.get(0)?,
            counter: r.get(1)?,
            digest: r.get(2)?,
            mac: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether this database carries any history root at all.
pub fn has_roots(conn: &Connection) -> Result<bool, VaultError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM roots", [], |r| r.get(0))?;
    Ok(n > 0)
}

/// Digest of one device's ledger lines, in (kind, id) order.
fn device_digest(conn: &Connection, device: &str) -> Result<Vec<u8>, VaultError> {
    let mut stmt = conn.prepare(
        "SELECT kind, id, counter, hash FROM ledger WHERE device = ?1 ORDER BY kind, id",
    )?;
    let mut rows = stmt.query([device])?;
    let mut hasher = Sha256::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let id: String = row.get(1)?;
        let counter: i64 = row.get(2)?;
        let hash: Vec<u8> = row.get(3)?;
        for part in [
            kind.as_bytes(),
            id.as_bytes(),
            &counter.to_be_bytes(),
            &hash,
        ] {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part);
        }
    }
    Ok(hasher.finalize().to_vec())
}

fn row_parts<'a>(
    kind: &'a str,
    id: &'a str,
    device: &'a str,
    counter: &'a [u8; 8],
    hash: &'a [u8],
) -> [&'a [u8]; 5] {
    [
        kind.as_bytes(),
        id.as_bytes(),
        device.as_bytes(),
        counter,
        hash,
    ]
}

/// This database's device id, created on the first authenticated write.
fn device_id(conn: &Connection) -> Result<String, VaultError> {
    if let Some(device) = meta_get(conn, "device")? {
        return Ok(device);
    }
    let device = uuid::Uuid::new_v4().simple().to_string();
    meta_put(conn, "device", &device)?;
    Ok(device)
}

/// Records `changes` under the MAC key, inside the caller's transaction, and
/// returns the new root to copy into `state/` once the transaction commits.
pub fn record(
    conn: &Connection,
    key: &MacKey,
    changes: &[Change],
    paths: &Paths,
) -> Result<StateRoot, VaultError> {
    let device = device_id(conn)?;
    let in_db: Option<i64> = conn
        .query_row(
            "SELECT counter FROM roots WHERE device = ?1",
            [&device],
            |r| r.get(0),
        )
        .optional()?;
    let seen = read_state_root(paths)
        .filter(|s| s.device == device)
        .map(|s| s.counter)
        .unwrap_or(0);
    let counter = in_db.unwrap_or(0).max(seen) + 1;
    let counter_bytes = counter.to_be_bytes();
    for change in changes {
        match change {
            Change::Put { kind, id, hash } => {
                let mac = key.tag("row", &row_parts(kind, id, &device, &counter_bytes, hash));
                conn.execute(
                    "INSERT INTO ledger (kind, id, device, counter, hash, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(kind, id) DO UPDATE SET device = excluded.device,
                        counter = excluded.counter, hash = excluded.hash, mac = excluded.mac",
                    params![kind, id, device, counter, hash, mac],
                )?;
            }
            Change::Delete { kind, id } => {
                conn.execute(
                    "DELETE FROM ledger WHERE kind = ?1 AND id = ?2",
                    params![kind, id],
                )?;
            }
        }
    }
    let digest = device_digest(conn, &device)?;
    let mac = key.tag("root", &[device.as_bytes(), &counter_bytes, &digest]);
    conn.execute(
        "INSERT INTO roots (device, counter, digest, mac) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(device) DO UPDATE SET counter = excluded.counter,
            digest = excluded.digest, mac = excluded.mac",
        params![device, counter, digest, mac],
    )?;
    Ok(StateRoot {
        device,
        counter,
        digest: hex(&digest),
        mac: hex(&mac),
    })
}

/// Lists rows written while locked, so the next unlock can accept them.
pub fn append_pending(paths: &Paths, changes: &[Change]) -> Result<(), VaultError> {
    let mut lines = String::new();
    for change in changes {
        if let Change::Put { kind, id, hash } = change {
            if kind.contains(['\t', '\n']) || id.contains(['\t', '\n']) {
                continue;
            }
            lines.push_str(&format!("{kind}\t{id}\t{}\n", hex(hash)));
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    paths::make_private_dir(&paths.state)?;
    let mut file = open_locked(paths)?;
    file.seek(std::io::SeekFrom::End(0))?;
    file.write_all(lines.as_bytes())?;
    file.sync_data()?;
    Ok(())
}

fn open_locked(paths: &Paths) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(pending_path(paths))?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        // Released when the file is closed.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(file)
}

fn read_pending(paths: &Paths) -> HashSet<(String, String, Vec<u8>)> {
    let Ok(text) = std::fs::read_to_string(pending_path(paths)) else {
        return HashSet::new();
    };
    parse_pending(&text)
}

fn parse_pending(text: &str) -> HashSet<(String, String, Vec<u8>)> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let kind = parts.next()?.to_string();
            let id = parts.next()?.to_string();
            let hash = unhex(parts.next()?)?;
            Some((kind, id, hash))
        })
        .collect()
}

/// Removes accepted lines from the pending list (under its lock).
pub fn forget_pending(
    paths: &Paths,
    accepted: &[(String, String, Vec<u8>)],
) -> Result<(), VaultError> {
    if accepted.is_empty() || !pending_path(paths).exists() {
        return Ok(());
    }
    let accepted: HashSet<&(String, String, Vec<u8>)> = accepted.iter().collect();
    let mut file = open_locked(paths)?;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let kept: String = text
        .lines()
        .filter(|line| {
            parse_pending(line)
                .iter()
                .next()
                .is_none_or(|p| !accepted.contains(p))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    file.set_len(0)?;
    file.seek(std::io::SeekFrom::Start(0))?;
    file.write_all(kept.as_bytes())?;
    file.sync_data()?;
    Ok(())
}

/// What verification found.
#[derive(Default, Debug)]
pub struct Report {
    /// Named findings, one sentence each.
    pub problems: Vec<String>,
    /// Rows that are not shown: not written by this vault, or changed outside it.
    pub hidden: HashSet<(String, String)>,
    /// Rows written while locked (or before history existed), to accept at unlock.
    pub pending: Vec<(String, String, Vec<u8>)>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks every sealed row (`actual`: kind, id, blob hash) against the ledger,
/// the roots and the copy of the root in `state/`.
pub fn verify(
    conn: &Connection,
    key: &MacKey,
    paths: &Paths,
    actual: &[(String, String, Vec<u8>)],
) -> Result<Report, VaultError> {
    let mut report = Report::default();
    let roots = roots(conn)?;
    let pending = read_pending(paths);
    let state = read_state_root(paths);
    let legacy = roots.is_empty();
    if legacy && state.is_some() {
        report.problems.push(
            "the journal file is not the one this computer last wrote: its history is missing (an older or replaced copy was put in its place)".into(),
        );
    }
    let mut trusted_devices = HashSet::new();
    for root in &roots {
        let counter = root.counter.to_be_bytes();
        if !key.verify(
            "root",
            &[root.device.as_bytes(), &counter, &root.digest],
            &root.mac,
        ) {
            report.problems.push(format!(
                "the journal's history record (device {}) was altered outside Between",
                root.device
            ));
            continue;
        }
        if device_digest(conn, &root.device)? != root.digest {
            report.problems.push(
                "the journal's history does not add up: a history line was removed, added or an older one put back".into(),
            );
        }
        trusted_devices.insert(root.device.clone());
    }
    if let Some(state) = &state {
        let digest = unhex(&state.digest).unwrap_or_default();
        let mac = unhex(&state.mac).unwrap_or_default();
        if !key.verify(
            "root",
            &[
                state.device.as_bytes(),
                &state.counter.to_be_bytes(),
                &digest,
            ],
            &mac,
        ) {
            report.problems.push(format!(
                "{} was altered outside Between",
                state_root_path(paths).display()
            ));
        } else if let Some(db_root) = roots.iter().find(|r| r.device == state.device) {
            if db_root.counter < state.counter {
                report.problems.push(format!(
                    "the journal file is older than the last one this computer saw (it holds change {}, this computer saw change {}): an older copy was put in its place, so recent entries may be missing",
                    db_root.counter, state.counter
                ));
            }
        } else if !legacy {
            report.problems.push(
                "the journal file is not the one this computer last wrote: its history from this computer is missing".into(),
            );
        }
    }
    let ledger = ledger_rows(conn)?;
    let mut trusted: HashMap<(String, String), Vec<u8>> = HashMap::new();
    for ((kind, id), row) in ledger {
        let counter = row.counter.to_be_bytes();
        let parts = row_parts(&kind, &id, &row.device, &counter, &row.hash);
        if !trusted_devices.contains(&row.device) || !key.verify("row", &parts, &row.mac) {
            if trusted_devices.contains(&row.device) {
                report.problems.push(format!(
                    "the history line of {} was forged or damaged",
                    describe(&kind, &id)
                ));
            }
            continue;
        }
        trusted.insert((kind, id), row.hash);
    }
    let mut present = HashSet::new();
    for (kind, id, hash) in actual {
        present.insert((kind.clone(), id.clone()));
        let row = (kind.clone(), id.clone(), hash.clone());
        match trusted.get(&(kind.clone(), id.clone())) {
            Some(known) if known == hash => {}
            _ if pending.contains(&row) || legacy => report.pending.push(row),
            Some(_) => {
                report.problems.push(format!(
                    "{} {} changed outside Between (an older copy was put back, or it was replaced); not shown",
                    describe(kind, id),
                    was(kind)
                ));
                report.hidden.insert((kind.clone(), id.clone()));
            }
            None => {
                let what = if kind == "entry" {
                    format!("an entry was added that this vault did not write ({id})")
                } else {
                    format!(
                        "a row was added that this vault did not write ({})",
                        describe(kind, id)
                    )
                };
                report.problems.push(format!("{what}; it is not shown"));
                report.hidden.insert((kind.clone(), id.clone()));
            }
        }
    }
    let mut removed: Vec<&(String, String)> =
        trusted.keys().filter(|k| !present.contains(*k)).collect();
    removed.sort();
    for (kind, id) in removed {
        report
            .problems
            .push(format!("{} {} removed", describe(kind, id), was(kind)));
    }
    Ok(report)
}
