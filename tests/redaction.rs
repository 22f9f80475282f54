//! Logs never carry entry text or a passphrase: every vault operation runs
//! under a TRACE-level capture, and the binary runs with `BETWEEN_LOG=trace`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use between::domain::model::{Bucket, Entry};
use between::store::vault::Vault;
use common::{secret, Home};
use tracing_subscriber::fmt::MakeWriter;

const WORDS: &str = "the lighthouse dream where my brother left";
const IMPORTED: &str = "an imported confession about the kitchen fire";
const PASS: &str = "quiet harbour lantern";
const NEW_PASS: &str = "second winter orchard";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

fn assert_clean(log: &str) {
    for secret_text in [
        WORDS,
        IMPORTED,
        PASS,
        NEW_PASS,
        "lighthouse",
        "kitchen fire",
    ] {
        assert!(
            !log.contains(secret_text),
            "log leaked {secret_text:?}:\n{log}"
        );
    }
    assert!(!log.contains("AGE-SECRET-KEY"), "log leaked a key");
}

#[test]
fn vault_operations_log_ids_and_counts_but_never_text_or_passphrases() {
    let home = Home::new();
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(capture.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let paths = home.paths();
        let vault = Vault::init(&paths, &secret(PASS)).unwrap();
        let entry = Entry::new(WORDS, Bucket::Session, chrono::Local::now().fixed_offset());
        vault.save_entry(&entry).unwrap();
        assert!(vault.unlock(&secret("not it")).is_err());
        let keys = vault.unlock(&secret(PASS)).unwrap();
        let loaded = vault.load(&keys).unwrap();
        vault.pack(&loaded).unwrap();

        let file = home.path().join("in.jsonl");
        std::fs::write(&file, format!("{{\"text\": \"{IMPORTED}\"}}\n")).unwrap();
        between::app::exchange::import(
            &paths,
            &file,
            between::app::exchange::Format::Jsonl,
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
        vault
            .change_passphrase(&secret(PASS), &secret(NEW_PASS))
            .unwrap();
        between::store::vault::backup::backup(&paths, &home.path().join("b.age")).unwrap();
        // Debug output, the usual way text reaches a log or a panic, is redacted too.
        tracing::debug!(?entry, "debug of an entry");
    });
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    for event in [
        "vault created",
        "entry sealed",
        "unlock refused",
        "vault unlocked",
        "entries opened",
        "packed inbox",
        "imported",
        "passphrase changed",
        "backup written",
        "redacted",
    ] {
        assert!(log.contains(event), "missing {event:?} in:\n{log}");
    }
    assert_clean(&log);
}

#[test]
fn the_binary_at_trace_level_keeps_text_and_passphrase_out_of_stderr() {
    let home = Home::new();
    let run = |args: &[&str], pass: &str, input: Option<&str>| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_between"))
            .args(args)
            .env("BETWEEN_HOME", home.path())
            .env(common::FAST_KDF.0, common::FAST_KDF.1)
            .env("BETWEEN_PASSPHRASE", pass)
            .env("BETWEEN_LOG", "trace")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        if let Some(input) = input {
            stdin.write_all(input.as_bytes()).unwrap();
        }
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    assert!(run(&["init"], PASS, None).status.success());
    let added = run(&["add"], PASS, Some(WORDS));
    assert!(added.status.success());
    let listed = run(&["list"], PASS, None);
    assert!(String::from_utf8_lossy(&listed.stdout).contains(WORDS));
    let refused = run(&["list"], "wrong", None);
    assert!(!refused.status.success());

    let mut stderr = String::new();
    for output in [&added, &listed, &refused] {
        stderr.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    assert!(stderr.contains("entry sealed"), "{stderr}");
    assert!(stderr.contains("unlock refused"), "{stderr}");
    assert_clean(&stderr);
}
