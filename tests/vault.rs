//! The vault end to end: round trip, wrong passphrase, passphrase change,
//! damaged and moved rows, and no plaintext anywhere on disk.

mod common;

use between::domain::model::{Bucket, Entry};
use between::store::vault::{Vault, VaultError};
use chrono::DateTime;
use common::{secret, Home};

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn round_trip_keeps_every_field() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pass one")).unwrap();
    let mut entry = Entry::new(
        "first line\nsecond line",
        Bucket::Hours,
        at("2026-11-23T04:12:00-05:00"),
    );
    entry.suggested = Bucket::Session;
    entry.reasons = vec!["a reason".into()];
    vault.save_entry(&entry).unwrap();
    let later = Entry::new("later", Bucket::Session, at("2026-11-23T09:00:00-05:00"));
    vault.save_entry(&later).unwrap();

    let reopened = Vault::open(&home.paths()).unwrap();
    let keys = reopened.unlock(&secret("pass one")).unwrap();
    let loaded = reopened.load(&keys).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(
        loaded.entries,
        vec![later, entry],
        "newest first, all fields intact"
    );
}

#[test]
fn writing_needs_no_passphrase() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    // A fresh handle knows only the public recipient.
    let writer = Vault::open(&home.paths()).unwrap();
    writer
        .save_entry(&Entry::new(
            "while locked",
            Bucket::Session,
            at("2026-11-23T10:00:00Z"),
        ))
        .unwrap();
    let keys = writer.unlock(&secret("pw")).unwrap();
    assert_eq!(writer.load(&keys).unwrap().entries[0].text, "while locked");
}

#[test]
fn wrong_passphrase_says_so_and_changes_nothing() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("right")).unwrap();
    vault
        .save_entry(&Entry::new(
            "x",
            Bucket::Session,
            at("2026-11-23T10:00:00Z"),
        ))
        .unwrap();
    drop(vault);
    let before = common::snapshot(home.path());
    let vault = Vault::open(&home.paths()).unwrap();
    let err = vault.unlock(&secret("wrong")).err().expect("must fail");
    assert!(matches!(err, VaultError::WrongPassphrase));
    assert!(err.to_string().contains("passphrase"), "{err}");
    drop(vault);
    let after = common::snapshot(home.path());
    assert_eq!(
        before.iter().find(|(p, _)| p.ends_with("identity.age")),
        after.iter().find(|(p, _)| p.ends_with("identity.age"))
    );
    let names = |s: &Vec<(std::path::PathBuf, Vec<u8>)>| {
        s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(&before),
        names(&after),
        "no file appeared or vanished"
    );
}

#[test]
fn passphrase_change_rewraps_only_the_identity() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("old")).unwrap();
    let entry = Entry::new("kept", Bucket::Session, at("2026-11-23T10:00:00Z"));
    vault.save_entry(&entry).unwrap();
    let rows = |v: &Vault| between::store::vault::sql::all_entries(v.connection()).unwrap();
    let rows_before = rows(&vault);
    vault
        .change_passphrase(&secret("old"), &secret("new"))
        .unwrap();
    assert!(matches!(
        vault.unlock(&secret("old")),
        Err(VaultError::WrongPassphrase)
    ));
    let keys = vault.unlock(&secret("new")).unwrap();
    assert_eq!(vault.load(&keys).unwrap().entries, vec![entry]);
    assert_eq!(rows(&vault), rows_before, "sealed entries untouched");
    let leftovers: Vec<_> = common::all_files(&home.paths().data)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left: {leftovers:?}");
}

#[test]
fn a_corrupt_row_is_reported_and_the_rest_open() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let good = Entry::new("good", Bucket::Session, at("2026-11-23T10:00:00Z"));
    let bad = Entry::new("bad", Bucket::Session, at("2026-11-23T11:00:00Z"));
    vault.save_entry(&good).unwrap();
    vault.save_entry(&bad).unwrap();
    // Flip one byte near the end of the ciphertext (inside the payload).
    let conn = vault.connection();
    let mut blob: Vec<u8> = conn
        .query_row("SELECT sealed FROM entries WHERE id = ?1", [&bad.id], |r| {
            r.get(0)
        })
        .unwrap();
    let last = blob.len() - 5;
    blob[last] ^= 0x40;
    conn.execute(
        "UPDATE entries SET sealed = ?1 WHERE id = ?2",
        rusqlite::params![blob, bad.id],
    )
    .unwrap();

    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries, vec![good]);
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].id, bad.id);
    let message = loaded.problems[0].error.to_string();
    assert!(
        message.contains("cannot be read") && message.contains("integrity"),
        "{message}"
    );
}

#[test]
fn a_ciphertext_moved_to_another_row_is_detected() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let a = Entry::new("a", Bucket::Session, at("2026-11-23T10:00:00Z"));
    let b = Entry::new("b", Bucket::Session, at("2026-11-23T11:00:00Z"));
    vault.save_entry(&a).unwrap();
    vault.save_entry(&b).unwrap();
    let conn = vault.connection();
    conn.execute(
        "UPDATE entries SET sealed = (SELECT sealed FROM entries WHERE id = ?1) WHERE id = ?2",
        [&a.id, &b.id],
    )
    .unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries, vec![a.clone()]);
    assert!(
        matches!(&loaded.problems[0].error, VaultError::MovedRow { id, found } if *id == b.id && *found == a.id)
    );
}

#[test]
fn init_refuses_to_overwrite_and_open_needs_init() {
    let home = Home::new();
    assert!(matches!(
        Vault::open(&home.paths()),
        Err(VaultError::NotInitialized)
    ));
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    assert!(matches!(
        Vault::init(&home.paths(), &secret("pw")),
        Err(VaultError::AlreadyInitialized(_))
    ));
}

#[test]
fn a_missing_identity_file_is_named() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    std::fs::remove_file(home.paths().identity_file()).unwrap();
    let err = vault.unlock(&secret("pw")).err().unwrap();
    assert!(matches!(err, VaultError::IdentityMissing(_)), "{err}");
}

#[test]
fn sealed_records_round_trip_and_check_their_key() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    vault
        .put_record("plan", "current", &vec!["call Sam".to_string()])
        .unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let plan: Option<Vec<String>> = vault.get_record(&keys, "plan", "current").unwrap();
    assert_eq!(plan, Some(vec!["call Sam".to_string()]));
    let none: Option<Vec<String>> = vault.get_record(&keys, "plan", "other").unwrap();
    assert_eq!(none, None);
}

#[test]
fn no_plaintext_marker_in_any_file() {
    let home = Home::new();
    let marker = "MARKER-7f3a9c-plaintext-must-not-appear";
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    vault
        .save_entry(&Entry::new(
            format!("{marker} in a journal entry"),
            Bucket::Session,
            at("2026-11-23T10:00:00Z"),
        ))
        .unwrap();
    let mut draft = Entry::new(
        format!("draft {marker}"),
        Bucket::Session,
        at("2026-11-23T10:01:00Z"),
    );
    draft.draft = true;
    vault.save_entry(&draft).unwrap();
    vault
        .put_record("plan", "current", &marker.to_string())
        .unwrap();
    // Keep the connection open so the WAL still holds the pages.
    let files = common::all_files(home.path());
    assert!(
        files.iter().any(|p| p.to_string_lossy().ends_with("-wal")),
        "WAL present: {files:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
            "plaintext found in {}",
            file.display()
        );
    }
    drop(vault);
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    vault
        .save_entry(&Entry::new(
            "x",
            Bucket::Session,
            at("2026-11-23T10:00:00Z"),
        ))
        .unwrap();
    for file in common::all_files(home.path()) {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{} has mode {mode:o}", file.display());
    }
    assert!(home.paths().loose_permissions().is_empty());
}

#[test]
fn packing_moves_entries_into_segments_and_keeps_them_identical() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut written = Vec::new();
    for (i, day) in ["2026-10-03", "2026-10-20", "2026-11-01", "2026-11-22"]
        .iter()
        .enumerate()
    {
        let e = Entry::new(
            format!("entry {i}"),
            Bucket::Session,
            at(&format!("{day}T10:00:00-05:00")),
        );
        vault.save_entry(&e).unwrap();
        written.push(e);
    }
    let mut draft = Entry::new(
        "unfinished",
        Bucket::Session,
        at("2026-11-23T10:00:00-05:00"),
    );
    draft.draft = true;
    vault.save_entry(&draft).unwrap();

    let keys = vault.unlock(&secret("pw")).unwrap();
    let before = vault.load(&keys).unwrap();
    assert_eq!(vault.pack(&before).unwrap(), 4, "drafts stay in the inbox");
    assert_eq!(vault.entry_count().unwrap(), 1);
    let segments = between::store::vault::sql::all_segments(vault.connection()).unwrap();
    let mut ids: Vec<_> = segments.iter().map(|(id, _)| id.clone()).collect();
    ids.sort();
    assert_eq!(ids, vec!["2026-10", "2026-11"]);

    let after = vault.load(&keys).unwrap();
    assert!(after.problems.is_empty());
    assert_eq!(after.entries, before.entries);

    // A later change to a packed entry goes to the inbox and wins on load.
    let mut changed = written[0].clone();
    changed.bucket = Bucket::Hours;
    vault.save_entry(&changed).unwrap();
    let reloaded = vault.load(&keys).unwrap();
    assert_eq!(
        reloaded
            .entries
            .iter()
            .find(|e| e.id == changed.id)
            .unwrap()
            .bucket,
        Bucket::Hours
    );
    assert_eq!(vault.pack(&reloaded).unwrap(), 1);
    let packed_again = vault.load(&keys).unwrap();
    assert_eq!(
        packed_again
            .entries
            .iter()
            .find(|e| e.id == changed.id)
            .unwrap()
            .bucket,
        Bucket::Hours
    );
    assert_eq!(packed_again.entries.len(), 5);
}

#[test]
fn a_row_rewritten_after_loading_is_not_lost_by_packing() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let mut e = Entry::new("v1", Bucket::Session, at("2026-11-22T10:00:00-05:00"));
    vault.save_entry(&e).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    // Another process (say `between held sent`) rewrites it now.
    e.text = "v2".into();
    Vault::open(&home.paths()).unwrap().save_entry(&e).unwrap();
    assert_eq!(vault.pack(&loaded).unwrap(), 0);
    assert_eq!(vault.load(&keys).unwrap().entries[0].text, "v2");
}

#[test]
fn a_damaged_segment_is_reported_and_never_overwritten() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    vault
        .save_entry(&Entry::new(
            "old",
            Bucket::Session,
            at("2026-11-02T10:00:00-05:00"),
        ))
        .unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    vault.pack(&vault.load(&keys).unwrap()).unwrap();
    vault
        .connection()
        .execute(
            "UPDATE segments SET sealed = substr(sealed, 1, 40) WHERE id = '2026-11'",
            [],
        )
        .unwrap();
    vault
        .save_entry(&Entry::new(
            "new",
            Bucket::Session,
            at("2026-11-20T10:00:00-05:00"),
        ))
        .unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries.len(), 1, "the new entry still opens");
    assert!(loaded.problems[0].id.contains("2026-11"));
    assert_eq!(
        vault.pack(&loaded).unwrap(),
        0,
        "the damaged month is left alone"
    );
    assert_eq!(vault.entry_count().unwrap(), 1);
}
