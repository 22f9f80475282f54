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

// ---- Authenticated history: each attack is detected and named ----

fn db(home: &Home) -> rusqlite::Connection {
    rusqlite::Connection::open(home.paths().db_file()).unwrap()
}

fn list_json(home: &Home) -> (Vec<serde_json::Value>, String) {
    let out = home.run(&["list", "--json"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    (serde_json::from_str(&stdout(&out)).unwrap(), stderr(&out))
}

fn texts(rows: &[serde_json::Value]) -> Vec<String> {
    let mut t: Vec<String> = rows
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

/// A vault (library) with the history key attached, as after an unlock.
fn unlocked_vault(home: &Home) -> (Vault, vault::Keys) {
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    vault.attach(&keys);
    (vault, keys)
}

#[test]
fn a_row_forged_with_the_public_key_is_named_and_not_shown() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "genuine"], None, None).status.success());
    let (rows, _) = list_json(&home);
    assert_eq!(texts(&rows), vec!["genuine"]);
    // Anyone can seal to recipient.txt and paste the row into journal.db.
    let recipient: age::x25519::Recipient = std::fs::read_to_string(home.paths().recipient_file())
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let forged = Entry::new(
        "FORGED crisis text",
        Bucket::Crisis,
        at("2026-11-23T03:00:00Z"),
    );
    let sealed = serde_json::json!({"v": 1, "kind": "entry", "id": forged.id, "body": forged});
    let blob = age::encrypt(&recipient, &serde_json::to_vec(&sealed).unwrap()).unwrap();
    db(&home)
        .execute(
            "INSERT INTO entries (id, sealed) VALUES (?1, ?2)",
            rusqlite::params![forged.id, blob],
        )
        .unwrap();
    let (rows, err) = list_json(&home);
    assert_eq!(
        texts(&rows),
        vec!["genuine"],
        "the forged entry is not shown"
    );
    assert!(
        err.contains("an entry was added that this vault did not write")
            && err.contains(&forged.id),
        "{err}"
    );
}

#[test]
fn a_deleted_row_is_named() {
    // An inbox row (library) ...
    let home = Home::new();
    let (vault, keys) = unlocked_vault(&home);
    let kept = Entry::new("kept", Bucket::Session, at("2026-11-23T10:00:00Z"));
    let victim = Entry::new("victim", Bucket::Session, at("2026-11-23T11:00:00Z"));
    vault.save_entries(&[kept.clone(), victim.clone()]).unwrap();
    assert!(vault.load(&keys).unwrap().verified());
    vault
        .connection()
        .execute("DELETE FROM entries WHERE id = ?1", [&victim.id])
        .unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries, vec![kept]);
    assert!(
        loaded
            .integrity
            .iter()
            .any(|p| p == &format!("entry {} was removed", victim.id)),
        "{:?}",
        loaded.integrity
    );

    // ... and a whole packed month (command line).
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    for (text, when) in [
        ("october", "2026-10-05T10:00:00Z"),
        ("november", "2026-11-05T10:00:00Z"),
    ] {
        assert!(home
            .run(&["add", text, "--at", when], None, None)
            .status
            .success());
    }
    let (rows, _) = list_json(&home); // accepts and packs
    assert_eq!(rows.len(), 2);
    db(&home)
        .execute("DELETE FROM segments WHERE id = '2026-10'", [])
        .unwrap();
    let (rows, err) = list_json(&home);
    assert_eq!(texts(&rows), vec!["november"]);
    assert!(
        err.contains("the entries packed for 2026-10 were removed"),
        "{err}"
    );
}

#[test]
fn swapped_rows_are_named_and_the_others_still_open() {
    let home = Home::new();
    let (vault, keys) = unlocked_vault(&home);
    let a = Entry::new("a", Bucket::Session, at("2026-11-23T10:00:00Z"));
    let b = Entry::new("b", Bucket::Session, at("2026-11-23T11:00:00Z"));
    let c = Entry::new("c", Bucket::Session, at("2026-11-23T12:00:00Z"));
    vault
        .save_entries(&[a.clone(), b.clone(), c.clone()])
        .unwrap();
    let (blob_a, blob_b) = (blob_of(&vault, &a.id), blob_of(&vault, &b.id));
    set_blob(&vault, &a.id, &blob_b);
    set_blob(&vault, &b.id, &blob_a);
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries, vec![c], "the untouched entry still opens");
    for id in [&a.id, &b.id] {
        assert!(
            loaded
                .integrity
                .iter()
                .any(|p| p.contains(&format!("entry {id} was changed outside Between"))),
            "{:?}",
            loaded.integrity
        );
    }
}

#[test]
fn one_row_rolled_back_to_an_older_copy_is_named() {
    let home = Home::new();
    let (vault, keys) = unlocked_vault(&home);
    let mut entry = Entry::new("first version", Bucket::Session, at("2026-11-23T10:00:00Z"));
    vault.save_entry(&entry).unwrap();
    let old = blob_of(&vault, &entry.id);
    entry.text = "second version".into();
    vault.save_entry(&entry).unwrap();
    assert!(vault.load(&keys).unwrap().verified());
    set_blob(&vault, &entry.id, &old);
    let loaded = vault.load(&keys).unwrap();
    assert!(
        loaded.entries.is_empty(),
        "the old copy is not shown as current"
    );
    assert!(
        loaded.integrity.iter().any(|p| p.contains(&format!(
            "entry {} was changed outside Between (an older copy was put back",
            entry.id
        ))),
        "{:?}",
        loaded.integrity
    );
}

#[test]
fn the_whole_journal_rolled_back_is_named() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "old entry"], None, None).status.success());
    list_json(&home);
    let db_file = home.paths().db_file();
    let old = std::fs::read(&db_file).unwrap();
    assert!(home
        .run(&["add", "newer entry"], None, None)
        .status
        .success());
    let (rows, err) = list_json(&home);
    assert_eq!(rows.len(), 2);
    assert!(!err.contains("warning"), "{err}");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_file.display()));
    }
    std::fs::write(&db_file, old).unwrap();
    let (rows, err) = list_json(&home);
    assert_eq!(texts(&rows), vec!["old entry"], "the old copy still opens");
    assert!(
        err.contains("the journal file is older than the last one this computer saw"),
        "{err}"
    );
}

#[test]
fn entries_added_while_locked_are_unverified_until_the_next_unlock() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home
        .run(&["add", "while locked"], None, None)
        .status
        .success());
    let out = home.run(&["list"], Some("pw"), None);
    assert!(
        stdout(&out).contains("(added while locked)"),
        "{}",
        stdout(&out)
    );
    let (rows, err) = list_json(&home);
    assert_eq!(rows[0]["verified"], true, "accepted at the previous unlock");
    assert!(err.is_empty(), "{err}");
    assert!(home.run(&["add", "again"], None, None).status.success());
    let (rows, _) = list_json(&home);
    let again = rows.iter().find(|r| r["text"] == "again").unwrap();
    assert_eq!(again["verified"], false);
}

#[test]
fn a_swapped_recipient_is_refused_loudly_before_any_write() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "before"], None, None).status.success());
    let attacker = Home::new();
    assert!(attacker.run(&["init"], Some("pw"), None).status.success());
    let original = std::fs::read(home.paths().recipient_file()).unwrap();
    std::fs::copy(
        attacker.paths().recipient_file(),
        home.paths().recipient_file(),
    )
    .unwrap();
    let rows_before: i64 = db(&home)
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    let out = home.run(&["add", "secret words"], None, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("does not match the public key pinned") && err.contains("Nothing was written"),
        "{err}"
    );
    let rows_after: i64 = db(&home)
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows_before, rows_after);
    let out = home.run(
        &["backup", home.path().join("b.age").to_str().unwrap()],
        None,
        None,
    );
    assert!(
        !out.status.success(),
        "a backup sealed to the attacker is refused too"
    );
    std::fs::write(home.paths().recipient_file(), original).unwrap();
    let (rows, _) = list_json(&home);
    assert_eq!(texts(&rows), vec!["before"]);
}

#[test]
fn a_missing_journal_is_refused_not_silently_recreated() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "precious"], None, None).status.success());
    list_json(&home);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", home.paths().db_file().display()));
    }
    let out = home.run(&["add", "new"], None, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("journal.db") && err.contains("missing"),
        "{err}"
    );
    assert!(
        !home.paths().db_file().exists(),
        "no empty journal was created"
    );
    // An empty one is refused too.
    std::fs::write(home.paths().db_file(), b"").unwrap();
    let out = home.run(&["add", "new"], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
}

#[test]
fn restore_over_a_live_vault_with_a_leftover_marker_is_refused() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home
        .run(&["add", "in the backup"], None, None)
        .status
        .success());
    let file = home.path().join("old.backup");
    assert!(home
        .run(&["backup", file.to_str().unwrap()], None, None)
        .status
        .success());
    assert!(home
        .run(&["add", "written later"], None, None)
        .status
        .success());
    for marker in [&b""[..], &b"0123"[..]] {
        std::fs::write(home.paths().data.join(".restore-in-progress"), marker).unwrap();
        let out = home.run(&["restore", file.to_str().unwrap()], Some("pw"), None);
        assert!(!out.status.success(), "{}", stdout(&out));
        assert!(stderr(&out).contains("restore"), "{}", stderr(&out));
    }
    // Even a marker naming this very backup: the folder holds files the
    // restore did not write, so it is not finished over them.
    let fingerprint = vault::backup::fingerprint(&std::fs::read(&file).unwrap());
    std::fs::write(home.paths().data.join(".restore-in-progress"), fingerprint).unwrap();
    let out = home.run(&["restore", file.to_str().unwrap()], Some("pw"), None);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("changed or added since"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(home.paths().data.join(".restore-in-progress")).unwrap();
    let (rows, _) = list_json(&home);
    assert_eq!(texts(&rows), vec!["in the backup", "written later"]);
}

#[test]
fn equal_length_texts_seal_to_equal_sizes_whatever_their_words() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let now = at("2026-11-23T23:00:00-05:00");
    let scope = Default::default();
    let crisis = between::app::entries::compose(
        "I want to kill myself tonight, I have the pills here".into(),
        None,
        &scope,
        now,
    );
    let everyday = between::app::entries::compose(
        "We plan to bake a lime pie at six; we have flour now".into(),
        None,
        &scope,
        now,
    );
    assert_eq!(crisis.text.len(), everyday.text.len());
    assert_ne!(crisis.bucket, everyday.bucket, "the triage differs");
    vault.save_entry(&crisis).unwrap();
    vault.save_entry(&everyday).unwrap();
    // age adds a "grease" stanza of random size to every header; the
    // payload after the header is what the content decides.
    fn payload_len(blob: &[u8]) -> usize {
        let mac_line = blob.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
        let end = mac_line + blob[mac_line..].iter().position(|b| *b == b'\n').unwrap() + 1;
        blob.len() - end
    }
    assert_eq!(
        payload_len(&blob_of(&vault, &crisis.id)),
        payload_len(&blob_of(&vault, &everyday.id)),
        "a blob's size does not tell the bucket"
    );
    assert_eq!(vault::padded_len(10), 256);
    assert_eq!(vault::padded_len(788), 1024);
    assert_eq!(vault::padded_len(1017), 1024);
    assert!(vault::padded_len(3_000_000) < 3_000_000 * 112 / 100);
}

#[test]
fn passwd_rotate_retires_the_old_key() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("old"), None).status.success());
    assert!(home
        .run(&["add", "before rotation"], None, None)
        .status
        .success());
    let old_identity = std::fs::read(home.paths().identity_file()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_between"))
        .args(["passwd", "--rotate"])
        .env("BETWEEN_HOME", home.path())
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .env("BETWEEN_PASSPHRASE", "old")
        .env("BETWEEN_NEW_PASSPHRASE", "new")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("retired the old key"),
        "{}",
        stdout(&out)
    );
    assert!(home
        .run(&["add", "after rotation"], None, None)
        .status
        .success());
    let out = home.run(&["list", "--json"], Some("new"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(texts(&rows), vec!["after rotation", "before rotation"]);

    // The old identity put back, with the old passphrase, reads nothing new.
    let new_identity = std::fs::read(home.paths().identity_file()).unwrap();
    std::fs::write(home.paths().identity_file(), &old_identity).unwrap();
    let out = home.run(&["list", "--json"], Some("old"), None);
    assert!(!out.status.success());
    assert!(!stdout(&out).contains("after rotation"));
    // Even given recipient.txt to match, every row is sealed to the new key.
    let old_keys = vault::unwrap_identity_bytes(&old_identity, &secret("old")).unwrap();
    let conn = db(&home);
    let mut stmt = conn
        .prepare("SELECT id, sealed FROM segments UNION ALL SELECT id, sealed FROM entries")
        .unwrap();
    let blobs: Vec<Vec<u8>> = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(1))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!blobs.is_empty());
    for blob in blobs {
        assert!(age::decrypt(&old_keys, &blob).is_err());
    }
    std::fs::write(home.paths().identity_file(), &new_identity).unwrap();
}

/// Seals `body` to the vault's public key as Between would, which anyone who
/// can read recipient.txt can do.
fn forge_record(home: &Home, kind: &str, id: &str, body: serde_json::Value) {
    let recipient: age::x25519::Recipient = std::fs::read_to_string(home.paths().recipient_file())
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let sealed = serde_json::json!({"v": 1, "kind": kind, "id": id, "body": body});
    let blob = age::encrypt(&recipient, &serde_json::to_vec(&sealed).unwrap()).unwrap();
    db(home)
        .execute(
            "INSERT OR REPLACE INTO records (kind, id, sealed) VALUES (?1, ?2, ?3)",
            rusqlite::params![kind, id, blob],
        )
        .unwrap();
}

#[test]
fn forged_or_rolled_back_plan_and_session_records_are_named_and_not_used() {
    use between::domain::safety_plan::SafetyPlan;
    use between::store::{agenda_record, plan_record};
    let home = Home::new();
    let (vault, _keys) = unlocked_vault(&home);
    let genuine = SafetyPlan {
        coping: vec!["walk to the park".into()],
        ..Default::default()
    };
    plan_record::save(&vault, &genuine).unwrap();
    let older_blob: Vec<u8> = db(&home)
        .query_row(
            "SELECT sealed FROM records WHERE kind = 'safety_plan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let newer = SafetyPlan {
        coping: vec!["call my sister".into()],
        ..Default::default()
    };
    plan_record::save(&vault, &newer).unwrap();
    drop(vault);

    // 1. The plan replaced by one sealed with the public key.
    let mut forged_plan = serde_json::to_value(SafetyPlan::default()).unwrap();
    forged_plan["coping"] = serde_json::json!(["FORGED step"]);
    forge_record(&home, "safety_plan", "current", forged_plan);
    // 2. A reviewed session that never happened.
    forge_record(
        &home,
        "session",
        "forged-session",
        serde_json::json!({
            "start": "2026-11-20T15:00:00-05:00", "minutes": 50, "items": [],
            "outcomes": {}, "took_away": "FORGED", "will_try": "",
            "reviewed_at": "2026-11-20T16:00:00-05:00"
        }),
    );
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    let findings = loaded.integrity.join("\n");
    assert!(
        findings.contains("safety_plan") && findings.contains("session"),
        "both forgeries are named: {findings}"
    );
    let err = plan_record::load(&vault, &keys).unwrap_err();
    assert!(
        err.to_string().contains("not used"),
        "the forged plan is refused, in words: {err}"
    );
    let (sessions, problems) = agenda_record::history(&vault, &keys).unwrap();
    assert!(sessions.is_empty(), "the forged session is not listed");
    assert_eq!(problems.len(), 1, "{problems:?}");

    // 3. The genuine plan rolled back to its older copy is refused too,
    //    even by a vault that reads the record before any full load.
    db(&home)
        .execute(
            "UPDATE records SET sealed = ?1 WHERE kind = 'safety_plan'",
            [older_blob],
        )
        .unwrap();
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    assert!(
        plan_record::load(&vault, &keys).is_err(),
        "the rolled-back plan is refused"
    );
    // Saving the plan again makes it genuine once more.
    plan_record::save(&vault, &newer).unwrap();
    assert_eq!(
        plan_record::load(&vault, &keys).unwrap().coping,
        newer.coping
    );
}

#[test]
fn no_therapist_name_note_topic_session_date_or_held_time_is_left_in_clear() {
    use between::domain::agenda::ArchivedSession;
    use between::store::agenda_record;
    let home = Home::new();
    let ok = |args: &[&str]| {
        let out = home.run(args, Some("pw"), None);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    ok(&["init"]);
    // An older config.toml with the free text in clear is moved into the vault.
    std::fs::write(
        home.paths().config_file(),
        "[agreement]\ntherapist_name = \"Dr. Okonkwo-Vance\"\n",
    )
    .unwrap();
    ok(&[
        "settings",
        "set",
        "texting.urgent_channel",
        "ring Marisol at the clinic",
    ]);
    ok(&[
        "settings",
        "set",
        "texting.topics",
        "parking validation, kestrel worksheet",
    ]);
    ok(&["settings", "set", "texting.purpose", "agreed"]);
    ok(&[
        "settings",
        "set",
        "vacation.add",
        "2026-12-20..2027-01-03 visiting Lisbon cousins",
    ]);
    // Night-time writing, held until the morning.
    ok(&[
        "add",
        "--at",
        "2026-11-24T03:17:00-05:00",
        "--bucket",
        "hours",
        "can we move thursday",
    ]);

    // Everything is still there for the person with the passphrase.
    assert_eq!(
        ok(&["settings", "get", "therapist.name"]).trim(),
        "Dr. Okonkwo-Vance"
    );
    assert!(ok(&["settings", "get", "vacation.list"]).contains("visiting Lisbon cousins"));
    assert!(ok(&["settings", "get", "texting.topics"]).contains("kestrel worksheet"));
    let listing = home.run(&["settings"], None, None);
    assert!(
        stdout(&listing).contains("therapist.name = (sealed"),
        "{}",
        stdout(&listing)
    );
    // Changing a plain setting without the passphrase keeps the sealed ones.
    assert!(home
        .run(&["settings", "set", "app.theme", "dark"], None, None)
        .status
        .success());
    assert_eq!(
        ok(&["settings", "get", "therapist.name"]).trim(),
        "Dr. Okonkwo-Vance"
    );

    // What the window does: record held times for reminders, archive a session.
    let paths = home.paths();
    let vault = Vault::open(&paths).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    vault.attach(&keys);
    let config = between::app::session::unsealed_config(&paths, &vault, &keys).unwrap();
    assert!(config
        .agreement
        .texting
        .topics
        .iter()
        .any(|t| t == "kestrel worksheet"));
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let now = at("2026-11-24T03:30:00-05:00").with_timezone(&tz);
    let held = between::app::held::queue(&loaded.entries, &config, tz, now);
    assert_eq!(held.len(), 1, "the night message is held");
    between::app::reminders::record_held(&paths, &held, &loaded.entries).unwrap();
    assert_eq!(
        between::store::reminder_state::load_held(&paths).len(),
        1,
        "reminders still know when it opens"
    );
    let session = ArchivedSession {
        start: at("2026-11-19T15:45:00-05:00"),
        minutes: 50,
        items: vec![],
        outcomes: Default::default(),
        took_away: String::new(),
        will_try: String::new(),
        homework_reviewed: None,
        reviewed_at: at("2026-11-19T16:40:00-05:00"),
    };
    agenda_record::archive(&vault, &session).unwrap();
    assert_eq!(agenda_record::history(&vault, &keys).unwrap().0.len(), 1);
    drop(vault);

    let secrets = [
        "Okonkwo",
        "Marisol",
        "kestrel",
        "parking validation",
        "Lisbon",
        // When the held message was written, in any spelling of the time.
        "03:17",
        "3:17",
        "08:17:00Z",
        // When the session was.
        "2026-11-19",
    ];
    for file in common::all_files(home.path()) {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "{secret:?} is in clear in {}",
                file.display()
            );
        }
    }
}

fn rotate(home: &Home, old: &str, new: &str) {
    let out = home.run_env(
        &["passwd", "--rotate"],
        Some(old),
        None,
        &[("BETWEEN_NEW_PASSPHRASE", Some(new))],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_rotation_interrupted_after_resealing_is_finished_at_the_next_unlock() {
    let home = Home::new();
    let paths = home.paths();
    assert!(home.run(&["init"], Some("old"), None).status.success());
    assert!(home.run(&["add", "before"], None, None).status.success());
    let key_files = [
        paths.identity_file(),
        paths.recipient_file(),
        paths.config.join("recipient.pin"),
    ];
    let old_files: Vec<Vec<u8>> = key_files
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    rotate(&home, "old", "new");
    // Put the machine back to the moment after the journal was re-sealed
    // but before the key files were switched (a crash or a power cut).
    std::fs::rename(paths.identity_file(), paths.data.join("identity.age.new")).unwrap();
    for (file, bytes) in key_files.iter().zip(&old_files) {
        std::fs::write(file, bytes).unwrap();
    }
    // Writing while locked refuses instead of sealing to the retired key.
    let out = home.run(&["add", "while half rotated"], None, None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("key change was interrupted"),
        "{}",
        stderr(&out)
    );
    // The old passphrase does not open the new key: it says which to use.
    let out = home.run(&["list"], Some("old"), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("new key"), "{}", stderr(&out));
    // The new passphrase finishes the rotation; everything opens, writes work.
    let (rows, err) = {
        let out = home.run(&["list", "--json"], Some("new"), None);
        assert!(out.status.success(), "{}", stderr(&out));
        (
            serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out)).unwrap(),
            stderr(&out),
        )
    };
    assert_eq!(texts(&rows), vec!["before"], "{err}");
    assert!(!paths.data.join("identity.age.new").exists());
    assert!(home.run(&["add", "after"], None, None).status.success());
    let (rows, _) = {
        let out = home.run(&["list", "--json"], Some("new"), None);
        (
            serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out)).unwrap(),
            (),
        )
    };
    assert_eq!(texts(&rows), vec!["after", "before"]);
}

#[test]
fn a_staged_key_the_journal_never_used_or_vouched_for_is_not_adopted() {
    let home = Home::new();
    let paths = home.paths();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    assert!(home.run(&["add", "kept"], None, None).status.success());
    // A rotation that stopped before resealing anything: the staged key is
    // dropped at the next unlock, and locked writes still go to the real key.
    let stray = Home::new();
    assert!(stray.run(&["init"], Some("pw"), None).status.success());
    std::fs::copy(
        stray.paths().identity_file(),
        paths.data.join("identity.age.new"),
    )
    .unwrap();
    assert!(home
        .run(&["add", "locked write"], None, None)
        .status
        .success());
    let out = home.run(&["list", "--json"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(texts(&rows), vec!["kept", "locked write"]);
    assert!(!paths.data.join("identity.age.new").exists());
    // A planted key plus a journal pin pointed at it (without the MAC) is refused.
    std::fs::copy(
        stray.paths().identity_file(),
        paths.data.join("identity.age.new"),
    )
    .unwrap();
    let planted = std::fs::read_to_string(stray.paths().recipient_file()).unwrap();
    db(&home)
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'recipient'",
            [planted.trim()],
        )
        .unwrap();
    let out = home.run(&["list"], Some("pw"), None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not left by Between"),
        "{}",
        stderr(&out)
    );
    assert_ne!(
        std::fs::read_to_string(paths.recipient_file())
            .unwrap()
            .trim(),
        planted.trim(),
        "recipient.txt still names the real key"
    );
}

#[test]
fn a_message_that_is_already_open_keeps_one_opening_time_so_its_reminder_fires_once() {
    let home = Home::new();
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    // Written on a Tuesday afternoon, inside the assumed hours: open at once.
    let out = home.run(
        &[
            "add",
            "--at",
            "2026-11-24T14:00:00-05:00",
            "--bucket",
            "hours",
            "can we move thursday",
        ],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let paths = home.paths();
    let vault = Vault::open(&paths).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    let config = between::app::session::unsealed_config(&paths, &vault, &keys).unwrap();
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let mut recorded = Vec::new();
    for minute in ["14:05", "14:06", "14:30"] {
        let now = at(&format!("2026-11-24T{minute}:00-05:00")).with_timezone(&tz);
        let held = between::app::held::queue(&loaded.entries, &config, tz, now);
        between::app::reminders::record_held(&paths, &held, &loaded.entries).unwrap();
        recorded.push(
            between::store::reminder_state::load_held(&paths)
                .iter()
                .map(|h| h.opens_at)
                .collect::<Vec<_>>(),
        );
    }
    assert!(recorded[0].len() <= 1, "{recorded:?}");
    assert!(
        recorded.windows(2).all(|w| w[0] == w[1]),
        "the opening time moved with the clock: {recorded:?}"
    );
}
