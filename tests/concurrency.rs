//! Several processes (and this one) write to the same vault at once: every
//! write succeeds (SQLite's busy timeout is 10 s) and nothing is lost.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use between::domain::model::{Bucket, Entry};
use between::store::vault::Vault;
use common::{secret, Home};

const ADDERS: usize = 4;
const ADDS_EACH: usize = 8;
const IMPORTERS: usize = 2;
const IMPORT_SIZE: usize = 120;
const IN_PROCESS: usize = 60;

fn between(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_between"))
        .args(args)
        .env("BETWEEN_HOME", home)
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .env_remove("BETWEEN_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn concurrent_writers_all_succeed_and_nothing_is_lost() {
    let home = Home::new();
    Vault::init(&home.paths(), &secret("pw")).unwrap();
    let root = home.path().to_path_buf();
    let mut expected = BTreeSet::new();
    let mut threads = Vec::new();

    for a in 0..ADDERS {
        let root = root.clone();
        let texts: Vec<String> = (0..ADDS_EACH).map(|i| format!("adder{a}-{i}")).collect();
        expected.extend(texts.iter().cloned());
        threads.push(std::thread::spawn(move || {
            for text in texts {
                let out = between(&root, &["add", &text]);
                assert!(
                    out.status.success(),
                    "add {text}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }));
    }
    for m in 0..IMPORTERS {
        let file = root.join(format!("batch{m}.jsonl"));
        let mut body = String::new();
        for i in 0..IMPORT_SIZE {
            let text = format!("import{m}-{i}");
            body.push_str(&format!("{{\"text\": \"{text}\"}}\n"));
            expected.insert(text);
        }
        std::fs::write(&file, body).unwrap();
        let root = root.clone();
        threads.push(std::thread::spawn(move || {
            let out = between(
                &root,
                &["import", file.to_str().unwrap(), "--format", "jsonl"],
            );
            assert!(
                out.status.success(),
                "import: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }));
    }
    // This process writes at the same time, through its own connection.
    let vault = Vault::open(&home.paths()).unwrap();
    let now = chrono::Local::now().fixed_offset();
    for i in 0..IN_PROCESS {
        let text = format!("inproc-{i}");
        vault
            .save_entry(&Entry::new(text.clone(), Bucket::Session, now))
            .unwrap();
        expected.insert(text);
    }
    for t in threads {
        t.join().expect("a writer failed");
    }

    let keys = vault.unlock(&secret("pw")).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let got: BTreeSet<String> = loaded.entries.iter().map(|e| e.text.clone()).collect();
    assert_eq!(got.len(), loaded.entries.len(), "no duplicates");
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "lost: {missing:?}");
    assert_eq!(
        got.len(),
        ADDERS * ADDS_EACH + IMPORTERS * IMPORT_SIZE + IN_PROCESS
    );
    let check: String = vault
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn packing_while_another_process_adds_keeps_both() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let now = chrono::Local::now().fixed_offset();
    for i in 0..20 {
        vault
            .save_entry(&Entry::new(format!("old-{i}"), Bucket::Session, now))
            .unwrap();
    }
    let root = home.path().to_path_buf();
    let adder = std::thread::spawn(move || {
        for i in 0..10 {
            let out = between(&root, &["add", &format!("new-{i}")]);
            assert!(out.status.success());
        }
    });
    let keys = vault.unlock(&secret("pw")).unwrap();
    for _ in 0..5 {
        let loaded = vault.load(&keys).unwrap();
        vault.pack(&loaded).unwrap();
    }
    adder.join().unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert!(loaded.problems.is_empty());
    let texts: BTreeSet<String> = loaded.entries.iter().map(|e| e.text.clone()).collect();
    for i in 0..20 {
        assert!(texts.contains(&format!("old-{i}")));
    }
    for i in 0..10 {
        assert!(texts.contains(&format!("new-{i}")), "new-{i} lost");
    }
}
