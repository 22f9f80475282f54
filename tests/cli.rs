//! The `between` binary from a script's point of view.

mod common;

use common::{stderr, stdout, Home};
use serde_json::Value;

fn init(home: &Home, pass: &str) {
    let out = home.run(&["init"], Some(pass), None);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn list(home: &Home, pass: &str) -> Vec<Value> {
    let out = home.run(&["list", "--json"], Some(pass), None);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str::<Value>(&stdout(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn init_add_list_round_trip() {
    let home = Home::new();
    init(&home, "pw");
    // add needs no passphrase: none is given here.
    let out = home.run(
        &["add", "--at", "2026-11-20T04:10:00-05:00", "first"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.run(&["add"], None, Some("from stdin\nsecond line"));
    assert!(out.status.success(), "{}", stderr(&out));

    let entries = list(&home, "pw");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["text"], "from stdin\nsecond line");
    assert_eq!(entries[1]["text"], "first");
    assert_eq!(entries[1]["created_at"], "2026-11-20T04:10:00-05:00");
    for e in &entries {
        assert!(e["id"].as_str().unwrap().len() >= 32);
        chrono::DateTime::parse_from_rfc3339(e["created_at"].as_str().unwrap()).unwrap();
    }
}

#[test]
fn wrong_passphrase_exits_non_zero_with_a_message() {
    let home = Home::new();
    init(&home, "right");
    let out = home.run(&["list", "--json"], Some("wrong"), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("passphrase"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn commands_before_init_explain_what_to_do() {
    let home = Home::new();
    let out = home.run(&["add", "hello"], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("between init"), "{}", stderr(&out));
}

#[test]
fn init_twice_is_refused() {
    let home = Home::new();
    init(&home, "pw");
    let out = home.run(&["init"], Some("pw"), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn passwd_changes_the_passphrase() {
    let home = Home::new();
    init(&home, "old");
    home.run(&["add", "kept"], None, None);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_between"));
    let out = cmd
        .arg("passwd")
        .env("BETWEEN_HOME", home.path())
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .env("BETWEEN_PASSPHRASE", "old")
        .env("BETWEEN_NEW_PASSPHRASE", "new")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.run(&["list", "--json"], Some("old"), None);
    assert!(!out.status.success(), "old passphrase no longer works");
    assert_eq!(list(&home, "new")[0]["text"], "kept");
}

#[test]
fn empty_entries_and_bad_times_are_refused() {
    let home = Home::new();
    init(&home, "pw");
    let out = home.run(&["add", "   "], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("empty"));
    let out = home.run(&["add", "--at", "yesterday", "x"], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("RFC 3339"), "{}", stderr(&out));
    assert_eq!(list(&home, "pw").len(), 0, "nothing was saved");
}

#[test]
fn nothing_is_written_outside_between_home() {
    let home = Home::new();
    let fake_home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_between"))
        .args(["init"])
        .env("BETWEEN_HOME", home.path())
        .env("HOME", fake_home.path())
        .env("XDG_DATA_HOME", fake_home.path().join("data"))
        .env("XDG_CONFIG_HOME", fake_home.path().join("config"))
        .env("XDG_STATE_HOME", fake_home.path().join("state"))
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .env("BETWEEN_PASSPHRASE", "pw")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(common::all_files(fake_home.path()).is_empty());
    assert!(!common::all_files(home.path()).is_empty());
}
