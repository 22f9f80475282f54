//! `between search` and the hidden `between dev-seed` development aid.

mod common;

use common::{stderr, stdout, Home};

const PASS: &str = "a long test passphrase for search";

fn home_with_entries() -> Home {
    let home = Home::new();
    let out = home.run(&["init"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    for (at, text) in [
        (
            "2026-01-05T10:00:00-05:00",
            "Coffee at the Café Lumière with my sister",
        ),
        (
            "2026-02-05T10:00:00-05:00",
            "Argued with my SISTER about the holidays",
        ),
        ("2026-03-05T10:00:00-05:00", "Can we move Thursday to 4pm?"),
    ] {
        let out = home.run(&["add", text, "--at", at], None, None);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    home
}

#[test]
fn search_finds_all_words_ignoring_case_and_accents_newest_first() {
    let home = home_with_entries();
    let out = home.run(&["search", "sister", "--json"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let found: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let texts: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Argued with my SISTER about the holidays",
            "Coffee at the Café Lumière with my sister"
        ]
    );
    // Same fields as `list --json`.
    assert!(found[0]["id"].is_string() && found[0]["bucket"].is_string());
    assert!(found[0]["created_at"].is_string());

    let out = home.run(&["search", "cafe", "LUMIERE"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("Coffee at the Café Lumière"), "{text}");

    let out = home.run(&["search", "sister", "thursday"], Some(PASS), None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("No entries contain all of"));

    let out = home.run(&["search", "zebra", "--json"], Some(PASS), None);
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn search_needs_the_passphrase_and_a_word() {
    let home = home_with_entries();
    let out = home.run(&["search", "sister"], Some("wrong passphrase"), None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("wrong passphrase"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("sister"));

    let out = home.run(&["search", "?!"], Some(PASS), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no words"), "{}", stderr(&out));
}

#[test]
fn dev_seed_is_hidden_and_fills_a_packed_vault() {
    let home = Home::new();
    let help = stdout(&home.run(&["--help"], None, None));
    assert!(help.contains("search"), "{help}");
    assert!(!help.contains("dev-seed"), "{help}");

    let out = home.run(&["init"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.run(&["dev-seed", "40", "--seed", "5"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("packed 40"), "{}", stdout(&out));

    let out = home.run(&["list", "--json"], Some(PASS), None);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let expected = between::dev::synth::entries(40, 5);
    assert_eq!(list.as_array().unwrap().len(), 40);
    // Newest first, the synthetic texts exactly.
    assert_eq!(list[0]["text"].as_str().unwrap(), expected[39].text);
    assert_eq!(list[39]["text"].as_str().unwrap(), expected[0].text);
}
