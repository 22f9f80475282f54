//! SQLite storage of opaque sealed rows. Nothing here ever sees plaintext.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use super::VaultError;

/// Migrations, applied in order; `user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: sealed entries and sealed records (agenda state, sessions, plan).
    "CREATE TABLE entries (
        id     TEXT PRIMARY KEY NOT NULL,
        sealed BLOB NOT NULL
     );
     CREATE TABLE records (
        kind   TEXT NOT NULL,
        id     TEXT NOT NULL,
        sealed BLOB NOT NULL,
        PRIMARY KEY (kind, id)
     );",
    // 2: sealed monthly segments that pack many entries into one age blob,
    // so unlocking costs a few X25519 operations instead of one per entry.
    "CREATE TABLE segments (
        id     TEXT PRIMARY KEY NOT NULL,
        sealed BLOB NOT NULL
     );",
    // 3: authenticated history (see ledger.rs): a line per sealed row, a
    // root per device, and small facts (device id, pinned public key).
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
     );
     CREATE TABLE ledger (
        kind    TEXT NOT NULL,
        id      TEXT NOT NULL,
        device  TEXT NOT NULL,
        counter INTEGER NOT NULL,
        hash    BLOB NOT NULL,
        mac     BLOB NOT NULL,
        PRIMARY KEY (kind, id)
     );
     CREATE TABLE roots (
        device  TEXT PRIMARY KEY NOT NULL,
        counter INTEGER NOT NULL,
        digest  BLOB NOT NULL,
        mac     BLOB NOT NULL
     );",
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens (creating if needed) the database with the vault's pragmas and migrations.
pub fn open_db(path: &Path) -> Result<Connection, VaultError> {
    let conn = Connection::open(path)?;
    crate::store::paths::make_private_file(path)?;
    configure(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

/// Opens the database for reading only, writing nothing at all (no WAL side
/// files): for reading a journal on a full disk. Only when no WAL holds
/// changes that are not yet in the main file.
pub fn open_db_read_only(path: &Path) -> Result<Connection, VaultError> {
    use rusqlite::OpenFlags;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(std::path::PathBuf::from(wal)).is_ok_and(|m| m.len() > 0) {
        return Err(VaultError::NoRoom(
            "the disk is full and recent changes still wait in the write-ahead log; free some space to open the journal".into(),
        ));
    }
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(byte as char),
        }
    }
    uri.push_str("?immutable=1");
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current != SCHEMA_VERSION {
        return Err(VaultError::NoRoom(
            "the disk is full and this journal needs a small upgrade before it opens; free some space and try again".into(),
        ));
    }
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), VaultError> {
    conn.busy_timeout(Duration::from_secs(10))?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(VaultError::Storage(format!(
            "the database could not switch to WAL mode (got {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
    )?;
    Ok(())
}

/// Applies every migration newer than the database's `user_version`, each in its own transaction.
pub fn migrate(conn: &Connection) -> Result<(), VaultError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(VaultError::Storage(format!(
            "this vault was written by a newer Between (schema {current}, this build knows {SCHEMA_VERSION}); update Between to open it"
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

pub fn put_entry(conn: &Connection, id: &str, sealed: &[u8]) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO entries (id, sealed) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed",
        params![id, sealed],
    )?;
    Ok(())
}

pub fn delete_entry(conn: &Connection, id: &str) -> Result<(), VaultError> {
    conn.execute("DELETE FROM entries WHERE id = ?1", params![id])?;
    Ok(())
}

/// Every entry row as (id, sealed bytes).
pub fn all_entries(conn: &Connection) -> Result<Vec<(String, Vec<u8>)>, VaultError> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM entries")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn all_segments(conn: &Connection) -> Result<Vec<(String, Vec<u8>)>, VaultError> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM segments")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn put_segment(conn: &Connection, id: &str, sealed: &[u8]) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO segments (id, sealed) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed",
        params![id, sealed],
    )?;
    Ok(())
}

/// Deletes an inbox row only if it still holds exactly `sealed` (no newer write raced us).
pub fn delete_entry_if_unchanged(
    conn: &Connection,
    id: &str,
    sealed: &[u8],
) -> Result<bool, VaultError> {
    Ok(conn.execute(
        "DELETE FROM entries WHERE id = ?1 AND sealed = ?2",
        params![id, sealed],
    )? == 1)
}

pub fn count_entries(conn: &Connection) -> Result<usize, VaultError> {
    let n: i64 = conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
    Ok(n as usize)
}

pub fn put_record(
    conn: &Connection,
    kind: &str,
    id: &str,
    sealed: &[u8],
) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO records (kind, id, sealed) VALUES (?1, ?2, ?3)
         ON CONFLICT(kind, id) DO UPDATE SET sealed = excluded.sealed",
        params![kind, id, sealed],
    )?;
    Ok(())
}

pub fn get_record(conn: &Connection, kind: &str, id: &str) -> Result<Option<Vec<u8>>, VaultError> {
    Ok(conn
        .query_row(
            "SELECT sealed FROM records WHERE kind = ?1 AND id = ?2",
            params![kind, id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn records_of(conn: &Connection, kind: &str) -> Result<Vec<(String, Vec<u8>)>, VaultError> {
    let mut stmt = conn.prepare("SELECT id, sealed FROM records WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map(params![kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every record row as (kind, id, sealed bytes).
pub fn all_records(conn: &Connection) -> Result<Vec<(String, String, Vec<u8>)>, VaultError> {
    let mut stmt = conn.prepare("SELECT kind, id, sealed FROM records")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete_segment(conn: &Connection, id: &str) -> Result<(), VaultError> {
    conn.execute("DELETE FROM segments WHERE id = ?1", params![id])?;
    Ok(())
}

pub fn delete_record(conn: &Connection, kind: &str, id: &str) -> Result<(), VaultError> {
    conn.execute(
        "DELETE FROM records WHERE kind = ?1 AND id = ?2",
        params![kind, id],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.map(Result::unwrap).collect()
    }

    #[test]
    fn migration_1_from_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_db(&dir.path().join("t.db")).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(
            table_names(&conn),
            vec!["entries", "ledger", "meta", "records", "roots", "segments"]
        );
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
    }

    #[test]
    fn migration_2_adds_segments_to_a_version_1_vault() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            // A vault as version 1 left it, with a row in it.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            put_entry(&conn, "kept", b"opaque").unwrap();
        }
        let conn = open_db(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert!(table_names(&conn).contains(&"segments".to_string()));
        assert_eq!(
            all_entries(&conn).unwrap().len(),
            1,
            "rows survive the migration"
        );
        put_segment(&conn, "2026-11", b"blob").unwrap();
        assert_eq!(
            all_segments(&conn).unwrap(),
            vec![("2026-11".into(), b"blob".to_vec())]
        );
    }

    #[test]
    fn migration_3_adds_history_tables_to_a_version_2_vault() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(MIGRATIONS[1]).unwrap();
            conn.pragma_update(None, "user_version", 2).unwrap();
            put_entry(&conn, "kept", b"opaque").unwrap();
            put_segment(&conn, "2026-11", b"seg").unwrap();
        }
        let conn = open_db(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 3);
        let names = table_names(&conn);
        for table in ["ledger", "roots", "meta"] {
            assert!(names.contains(&table.to_string()), "{names:?}");
        }
        assert_eq!(all_entries(&conn).unwrap().len(), 1, "rows survive");
        assert_eq!(all_segments(&conn).unwrap().len(), 1, "rows survive");
        let lines: i64 = conn
            .query_row("SELECT count(*) FROM ledger", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            lines, 0,
            "old rows are adopted at the first unlock, not here"
        );
    }

    #[test]
    fn conditional_delete_spares_a_rewritten_row() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_db(&dir.path().join("t.db")).unwrap();
        put_entry(&conn, "a", b"v1").unwrap();
        put_entry(&conn, "a", b"v2").unwrap();
        assert!(!delete_entry_if_unchanged(&conn, "a", b"v1").unwrap());
        assert!(delete_entry_if_unchanged(&conn, "a", b"v2").unwrap());
    }

    #[test]
    fn migrating_twice_is_a_no_op_and_keeps_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = open_db(&path).unwrap();
        put_entry(&conn, "a", b"opaque").unwrap();
        drop(conn);
        let conn = open_db(&path).unwrap();
        assert_eq!(
            all_entries(&conn).unwrap(),
            vec![("a".into(), b"opaque".to_vec())]
        );
    }

    #[test]
    fn a_newer_schema_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = open_db(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = open_db(&path).unwrap_err().to_string();
        assert!(err.contains("newer Between"), "{err}");
    }

    #[test]
    fn records_round_trip_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_db(&dir.path().join("t.db")).unwrap();
        put_record(&conn, "session", "2026-11-24", b"x").unwrap();
        put_record(&conn, "session", "2026-11-24", b"y").unwrap();
        put_record(&conn, "plan", "current", b"z").unwrap();
        assert_eq!(
            get_record(&conn, "session", "2026-11-24").unwrap(),
            Some(b"y".to_vec())
        );
        assert_eq!(records_of(&conn, "session").unwrap().len(), 1);
        delete_record(&conn, "plan", "current").unwrap();
        assert_eq!(get_record(&conn, "plan", "current").unwrap(), None);
    }
}
