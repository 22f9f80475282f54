//! Crash safety: the binary is SIGKILLed at random (seeded) moments while it
//! imports, adds, changes the passphrase or writes a backup. After every kill
//! the vault must pass SQLite's integrity check, hold every entry the child
//! reported as saved (and decrypt it), keep imports all-or-nothing, and open
//! with exactly one passphrase (old or new) after a killed `passwd`.

mod common;

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use between::store::vault::{Vault, VaultError};
use common::{secret, Home};

const SEED: u64 = 0x0005_eed7_2026;
const KILLS: usize = 25;
const IMPORT_SIZE: usize = 250;

/// xorshift64*: deterministic, no extra dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Import,
    Add,
    Passwd,
    Backup,
}

struct World {
    home: Home,
    pass: String,
    /// Texts the child printed as saved.
    confirmed: BTreeSet<String>,
    /// Import batches the child confirmed, by prefix; every started one is checked.
    imports_confirmed: BTreeSet<String>,
    imports_started: Vec<String>,
    backups: Vec<(std::path::PathBuf, bool)>,
    counter: usize,
}

impl World {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_between"));
        cmd.args(args)
            .env("BETWEEN_HOME", self.home.path())
            .env(common::FAST_KDF.0, common::FAST_KDF.1)
            .env("BETWEEN_PASSPHRASE", &self.pass)
            .env("TZ", "America/New_York")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Starts one operation; returns the child and what to record on success.
    fn start(&mut self, op: Op) -> (Child, Pending) {
        self.counter += 1;
        let n = self.counter;
        match op {
            Op::Import => {
                let prefix = format!("imp{n}-");
                let file = self.home.path().join(format!("import{n}.jsonl"));
                let mut body = String::new();
                for i in 0..IMPORT_SIZE {
                    body.push_str(&format!(
                        "{{\"text\": \"{prefix}{i} a long enough line to make sealing take a moment\", \"created_at\": \"2026-11-{:02}T10:00:00-05:00\"}}\n",
                        1 + i % 28
                    ));
                }
                std::fs::write(&file, body).unwrap();
                self.imports_started.push(prefix.clone());
                let child = self
                    .command(&["import", file.to_str().unwrap(), "--format", "jsonl"])
                    .spawn()
                    .unwrap();
                (child, Pending::Import(prefix))
            }
            Op::Add => {
                let text = format!("add-{n}");
                let child = self.command(&["add", &text]).spawn().unwrap();
                (child, Pending::Add(text))
            }
            Op::Passwd => {
                let new = format!("pass-{n}");
                let child = self
                    .command(&["passwd"])
                    .env("BETWEEN_NEW_PASSPHRASE", &new)
                    .spawn()
                    .unwrap();
                (child, Pending::Passwd(new))
            }
            Op::Backup => {
                let file = self.home.path().join(format!("backup{n}.bk"));
                let child = self
                    .command(&["backup", file.to_str().unwrap()])
                    .spawn()
                    .unwrap();
                (child, Pending::Backup(file))
            }
        }
    }

    fn finish(&mut self, child: Child, pending: Pending) -> bool {
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !err.contains("internal error"),
            "a panic in the child: {err}"
        );
        let done = out.status.success();
        match pending {
            Pending::Import(prefix) => {
                if said.contains("Imported") {
                    self.imports_confirmed.insert(prefix);
                }
            }
            Pending::Add(text) => {
                if said.contains("Saved entry") {
                    self.confirmed.insert(text);
                }
            }
            Pending::Passwd(new) => {
                // Which passphrase works is decided by the check below.
                let old = self.pass.clone();
                let old_ok = self.unlocks(&old);
                let new_ok = self.unlocks(&new);
                assert!(
                    old_ok ^ new_ok,
                    "exactly one passphrase must open the vault (old {old_ok}, new {new_ok})"
                );
                if said.contains("Passphrase changed") {
                    assert!(new_ok, "reported changed, but the new one does not open it");
                }
                if new_ok {
                    self.pass = new;
                }
            }
            Pending::Backup(file) => {
                let reported = said.contains("Backup written");
                if reported {
                    assert!(file.exists());
                }
                self.backups.push((file, reported));
            }
        }
        done
    }

    fn unlocks(&self, pass: &str) -> bool {
        let vault = Vault::open(&self.home.paths()).unwrap();
        match vault.unlock(&secret(pass)) {
            Ok(_) => true,
            Err(VaultError::WrongPassphrase) => false,
            Err(other) => panic!("unexpected unlock error: {other}"),
        }
    }

    /// Everything that must hold after any kill.
    fn check(&self) {
        let conn = rusqlite::Connection::open(self.home.paths().db_file()).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        drop(conn);
        let vault = Vault::open(&self.home.paths()).unwrap();
        let keys = vault.unlock(&secret(&self.pass)).unwrap();
        let loaded = vault.load(&keys).unwrap();
        assert!(
            loaded.problems.is_empty(),
            "every row decrypts: {:?}",
            loaded.problems
        );
        let present: BTreeSet<&str> = loaded.entries.iter().map(|e| e.text.as_str()).collect();
        for text in &self.confirmed {
            assert!(
                present.contains(text.as_str()),
                "confirmed entry {text} lost"
            );
        }
        for prefix in &self.imports_started {
            let n = loaded
                .entries
                .iter()
                .filter(|e| e.text.starts_with(prefix.as_str()))
                .count();
            assert!(
                n == 0 || n == IMPORT_SIZE,
                "import {prefix} is all or nothing, found {n}"
            );
            if self.imports_confirmed.contains(prefix) {
                assert_eq!(n, IMPORT_SIZE, "confirmed import {prefix} lost");
            }
        }
    }
}

enum Pending {
    Import(String),
    Add(String),
    Passwd(String),
    Backup(std::path::PathBuf),
}

#[cfg(unix)]
#[test]
fn sigkill_at_random_points_loses_nothing_confirmed() {
    let started = Instant::now();
    let home = Home::new();
    let out = home.run(&["init"], Some("pass-0"), None);
    assert!(out.status.success());
    let mut world = World {
        home,
        pass: "pass-0".into(),
        confirmed: BTreeSet::new(),
        imports_confirmed: BTreeSet::new(),
        imports_started: Vec::new(),
        backups: Vec::new(),
        counter: 0,
    };
    let ops = [Op::Import, Op::Add, Op::Passwd, Op::Backup];

    // One uninterrupted run of each operation, to learn how long it takes.
    let mut durations = Vec::new();
    for op in ops {
        let t = Instant::now();
        let (child, pending) = world.start(op);
        assert!(world.finish(child, pending), "{op:?} works when left alone");
        durations.push(t.elapsed());
        world.check();
    }

    let mut rng = Rng(SEED);
    let mut completed_anyway = 0;
    for round in 0..KILLS {
        let which = rng.below(ops.len() as u64) as usize;
        let op = ops[which];
        // Kill somewhere between start-up and a little past the usual end.
        let span = durations[which].as_micros() as u64 * 11 / 10;
        let delay = Duration::from_micros(rng.below(span));
        let (mut child, pending) = world.start(op);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        if world.finish(child, pending) {
            completed_anyway += 1;
        }
        world.check();
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "round {round}: too slow"
        );
    }
    // Every backup that was reported written restores; any other file that
    // exists is complete too (the rename is atomic), never a partial one.
    let mut restored = 0;
    for (file, reported) in &world.backups {
        if !file.exists() {
            assert!(!reported);
            continue;
        }
        let target = Home::new();
        // A backup needs the passphrase in force when it was written: try them all.
        let ok = (0..=world.counter).any(|n| {
            let pass = format!("pass-{n}");
            between::store::vault::backup::restore(&target.paths(), file, &secret(&pass)).is_ok()
        });
        assert!(ok, "backup {} restores", file.display());
        restored += 1;
    }
    assert!(restored >= 1);
    eprintln!(
        "crash test: {KILLS} kills ({completed_anyway} finished first), {} confirmed adds, {} confirmed imports, {restored} backups restored, {:?}",
        world.confirmed.len(),
        world.imports_confirmed.len(),
        started.elapsed()
    );
    assert!(
        completed_anyway < KILLS,
        "at least some kills must land mid-operation"
    );
}
