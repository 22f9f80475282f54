//! Tampering and damage. tests/vault.rs already covers one flipped byte near
//! the end of an entry, an entry blob moved to another entry row, a missing
//! identity (library) and a damaged segment; src/config.rs covers garbage
//! config.toml in the parser. Here: flips at many offsets, blobs moved across
//! kinds and months, truncated databases, damaged key files, and what the CLI
//! prints for each.

mod common;

use between::domain::model::{Bucket, Entry};
use between::store::vault::{self, Vault, VaultError};
use chrono::DateTime;
use common::{secret, stderr, stdout, Home};

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn blob_of(vault: &Vault, id: &str) -> Vec<u8> {
    vault
        .connection()
        .query_row("SELECT sealed FROM entries WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

fn set_blob(vault: &Vault, id: &str, blob: &[u8]) {
    vault
        .connection()
        .execute(
            "UPDATE entries SET sealed = ?1 WHERE id = ?2",
            rusqlite::params![blob, id],
        )
        .unwrap();
}

#[test]
fn a_flipped_byte_anywhere_in_an_entry_is_a_readable_error_and_the_rest_open() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let good = Entry::new("good", Bucket::Session, at("2026-11-23T10:00:00Z"));
    let victim = Entry::new("victim text", Bucket::Hours, at("2026-11-23T11:00:00Z"));
    vault.save_entry(&good).unwrap();
    vault.save_entry(&victim).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let original = blob_of(&vault, &victim.id);
    let len = original.len();
    // The version line, the X25519 stanza, the header MAC, the payload nonce,
    // the body and its tag, and a spread of offsets between them.
    let mut offsets = vec![
        0,
        5,
        22,
        30,
        40,
        60,
        80,
        len / 2,
        len - 17,
        len - 2,
        len - 1,
    ];
    offsets.extend((0..len).step_by(len / 13 + 1));
    offsets.sort();
    offsets.dedup();
    for offset in offsets {
        for mask in [0x01u8, 0x80] {
            let mut blob = original.clone();
            blob[offset] ^= mask;
            set_blob(&vault, &victim.id, &blob);
            let loaded = vault.load(&keys).unwrap();
            assert_eq!(loaded.entries, vec![good.clone()], "offset {offset}");
            assert_eq!(loaded.problems.len(), 1, "offset {offset}");
            let problem = &loaded.problems[0];
            assert_eq!(problem.id, victim.id);
            let message = problem.error.to_string();
            assert!(
                matches!(problem.error, VaultError::CorruptRow { .. }),
                "offset {offset}: {message}"
            );
            assert!(
                message.contains(&victim.id)
                    && (message.contains("header is damaged")
                        || message.contains("integrity check")
                        || message.contains("another vault's key")
                        || message.contains("not in a known format")),
                "offset {offset}: {message}"
            );
            assert!(!message.contains("victim text"));
            // The decoder used by the GUI and fuzzing agrees.
            assert!(vault::open_entry_blob(&keys, &victim.id, &blob).is_err());
        }
    }
    set_blob(&vault, &victim.id, &original);
    assert_eq!(
        vault.load(&keys).unwrap().entries.len(),
        2,
        "restored bytes open again"
    );
    // Truncated and extended blobs, too.
    for blob in [
        &original[..len / 2],
        &original[..0],
        &[original.clone(), vec![0]].concat()[..],
    ] {
        set_blob(&vault, &victim.id, blob);
        let loaded = vault.load(&keys).unwrap();
        assert_eq!(loaded.entries, vec![good.clone()]);
        assert!(matches!(
            loaded.problems[0].error,
            VaultError::CorruptRow { .. }
        ));
    }
}

#[test]
fn blobs_moved_across_kinds_or_months_are_detected() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let entry = Entry::new("an entry", Bucket::Session, at("2026-10-05T10:00:00Z"));
    vault.save_entry(&entry).unwrap();
    // An entry's blob pasted into a record row with the same id.
    vault.put_record("plan", &entry.id, &"a plan").unwrap();
    let blob = blob_of(&vault, &entry.id);
    vault
        .connection()
        .execute(
            "UPDATE records SET sealed = ?1 WHERE kind = 'plan' AND id = ?2",
            rusqlite::params![blob, entry.id],
        )
        .unwrap();
    let err = vault
        .get_record::<String>(&keys, "plan", &entry.id)
        .unwrap_err();
    assert!(matches!(err, VaultError::MovedRow { .. }), "{err}");

    // A whole month's segment renamed to another month.
    let november = Entry::new("november", Bucket::Session, at("2026-11-05T10:00:00Z"));
    vault.save_entry(&november).unwrap();
    let loaded = vault.load(&keys).unwrap();
    vault.pack(&loaded).unwrap();
    vault
        .connection()
        .execute("DELETE FROM segments WHERE id = '2026-11'", [])
        .unwrap();
    vault
        .connection()
        .execute(
            "UPDATE segments SET id = '2026-11' WHERE id = '2026-10'",
            [],
        )
        .unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert!(loaded.entries.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert!(
        matches!(&loaded.problems[0].error, VaultError::MovedRow { id, found } if id == "2026-11" && found == "2026-10"),
        "{}",
        loaded.problems[0].error
    );
}

#[test]
fn a_truncated_database_is_a_readable_error_not_a_panic() {
    let template = Home::new();
    assert!(template.run(&["init"], Some("pw"), None).status.success());
    for i in 0..40 {
        let text = format!("entry {i} {}", "padding ".repeat(40));
        assert!(template.run(&["add", &text], None, None).status.success());
    }
    let db = std::fs::read(template.paths().db_file()).unwrap();
    assert!(db.len() > 16 * 1024, "several pages: {}", db.len());
    for keep in [50, 100, 4096 + 100, db.len() / 2, db.len() - 4096] {
        let home = Home::new();
        home.paths().ensure_dirs().unwrap();
        for file in [
            template.paths().identity_file(),
            template.paths().recipient_file(),
        ] {
            let to = home.paths().data.join(file.file_name().unwrap());
            std::fs::copy(&file, to).unwrap();
        }
        std::fs::write(home.paths().db_file(), &db[..keep]).unwrap();
        for args in [&["list"][..], &["add", "new text"][..]] {
            let out = home.run(args, Some("pw"), None);
            let err = stderr(&out);
            assert!(
                !err.contains("internal error"),
                "{keep} {args:?}: panic: {err}"
            );
            assert!(!out.status.success(), "{keep} {args:?}: {}", stdout(&out));
            assert!(
                err.contains("damaged") || err.contains("not a Between vault"),
                "{keep} {args:?}: {err}"
            );
        }
    }
}

#[test]
fn missing_or_damaged_key_files_are_named_by_the_cli() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "x"], None, None).status.success());
    let paths = home.paths();
    let identity = std::fs::read(paths.identity_file()).unwrap();

    // Damaged identity: a flipped character inside the armor.
    let mut damaged = identity.clone();
    let middle = damaged.len() / 2;
    damaged[middle] = if damaged[middle] == b'A' { b'B' } else { b'A' };
    std::fs::write(paths.identity_file(), &damaged).unwrap();
    let out = home.run(&["list"], Some("pw"), None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("identity file is damaged") || err.contains("wrong passphrase"),
        "{err}"
    );
    assert!(!err.contains("internal error"));

    // Missing identity: named, with what to do.
    std::fs::remove_file(paths.identity_file()).unwrap();
    let out = home.run(&["list"], Some("pw"), None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&paths.identity_file().display().to_string()) && err.contains("backup"),
        "{err}"
    );
    // Writing still works without it (only the public key is needed).
    assert!(home.run(&["add", "y"], None, None).status.success());
    std::fs::write(paths.identity_file(), &identity).unwrap();

    // Missing public key: named.
    let recipient = std::fs::read(paths.recipient_file()).unwrap();
    std::fs::remove_file(paths.recipient_file()).unwrap();
    let out = home.run(&["add", "z"], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("recipient.txt"), "{}", stderr(&out));

    // Another vault's public key: caught at unlock, before new entries go astray.
    let other = Home::new();
    assert!(other.run(&["init"], Some("pw"), None).status.success());
    std::fs::copy(other.paths().recipient_file(), paths.recipient_file()).unwrap();
    let out = home.run(&["list"], Some("pw"), None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("does not belong to this identity"),
        "{}",
        stderr(&out)
    );
    std::fs::write(paths.recipient_file(), recipient).unwrap();
    let out = home.run(&["list", "--json"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn garbage_config_is_named_with_its_line_by_the_cli() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    std::fs::write(
        home.paths().config_file(),
        "idle_lock_minutes = 5\n\ntheme = \"dark\"\nregion = [unclosed\n",
    )
    .unwrap();
    let out = home.run(&["add", "x"], None, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("config.toml") && err.contains("line 4"),
        "{err}"
    );
    assert!(err.contains("entries are not affected"), "{err}");
    // Binary junk is an error too, not a panic.
    std::fs::write(home.paths().config_file(), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = home.run(&["add", "x"], None, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("config.toml") && !err.contains("internal error"),
        "{err}"
    );
}
