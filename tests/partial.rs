//! Partial reads (issue 15): `list -n N` opens only the newest segments and
//! `search` keeps only matches. They must show what the full read shows,
//! report what it reports, and never pack from a partial read.

mod common;

use between::domain::model::{Bucket, Entry};
use between::store::vault::{Keys, Reading, Vault};
use chrono::{DateTime, FixedOffset};
use common::{secret, stderr, stdout, Home};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn db(home: &Home) -> rusqlite::Connection {
    rusqlite::Connection::open(home.paths().db_file()).unwrap()
}

fn count(home: &Home, table: &str) -> i64 {
    db(home)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Entries over several months, many near month ends at far-apart UTC
/// offsets (so a segment's month and the UTC order disagree), some sharing
/// one instant (the id decides), a few starred.
fn spread() -> Vec<Entry> {
    let mut entries = Vec::new();
    let stamps = [
        "2026-07-14T09:00:00-04:00",
        "2026-07-31T23:30:00-11:00", // July here, August in UTC
        "2026-08-01T00:30:00+13:00", // August here, July in UTC
        "2026-08-01T09:00:00+00:00",
        "2026-08-31T22:00:00-09:00",
        "2026-09-01T02:00:00+14:00",
        "2026-09-01T02:00:00+14:00", // the same instant twice
        "2026-09-15T12:00:00-05:00",
        "2026-09-30T23:59:59-12:00",
        "2026-10-01T00:00:00+12:00",
        "2026-10-02T08:00:00-05:00",
        "2026-10-31T23:00:00-10:00",
        "2026-11-01T01:00:00+10:00",
        "2026-11-05T07:00:00-05:00",
        "2026-11-30T23:59:00-08:00",
    ];
    for (i, stamp) in stamps.iter().enumerate() {
        let mut e = Entry::new(
            &format!("entry {i} @tag{}", i % 3),
            Bucket::Session,
            at(stamp),
        );
        e.starred = i % 4 == 1;
        entries.push(e);
    }
    entries
}

/// A vault holding `spread()` packed into monthly segments, the key attached.
fn packed_vault(home: &Home) -> (Vault, Keys, Vec<Entry>) {
    let vault = Vault::init(&home.paths(), &secret("pw")).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    vault.attach(&keys);
    let entries = spread();
    vault.save_entries(&entries).unwrap();
    vault.settle(&keys, &vault.load(&keys).unwrap()).unwrap();
    assert_eq!(count(home, "entries"), 0, "all packed");
    assert!(count(home, "segments") >= 5);
    (vault, keys, entries)
}

fn partial(reading: Reading) -> Vec<Entry> {
    match reading {
        Reading::Partial(p) => p.entries,
        Reading::Full(_) => panic!("expected a partial read"),
    }
}

/// What the full read shows for `keep`, newest first, at most `n`.
fn full(vault: &Vault, keys: &Keys, keep: impl Fn(&Entry) -> bool, n: Option<usize>) -> Vec<Entry> {
    let mut kept: Vec<Entry> = vault
        .load(keys)
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| !e.draft && keep(e))
        .collect();
    if let Some(n) = n {
        kept.truncate(n);
    }
    kept
}

#[test]
fn list_n_returns_the_same_newest_entries_as_the_full_read() {
    let home = Home::new();
    let (vault, keys, entries) = packed_vault(&home);
    // An edited copy in the inbox wins over its packed one, and a draft is
    // never listed.
    let mut edited = entries[3].clone();
    edited.text = "edited in the window".into();
    vault.save_entry(&edited).unwrap();
    let mut draft = Entry::new("a draft", Bucket::Session, at("2026-12-01T10:00:00-05:00"));
    draft.draft = true;
    vault.save_entry(&draft).unwrap();
    for n in 1..=entries.len() + 2 {
        let got = partial(vault.read_some(&keys, &mut |_| true, Some(n)).unwrap());
        assert_eq!(got, full(&vault, &keys, |_| true, Some(n)), "n = {n}");
        assert_eq!(got.len(), n.min(entries.len()));
        let starred = partial(vault.read_some(&keys, &mut |e| e.starred, Some(n)).unwrap());
        assert_eq!(
            starred,
            full(&vault, &keys, |e| e.starred, Some(n)),
            "starred, n = {n}"
        );
    }
    assert!(full(&vault, &keys, |_| true, None).contains(&edited));
    let all = partial(vault.read_some(&keys, &mut |_| true, None).unwrap());
    assert_eq!(all, full(&vault, &keys, |_| true, None));
}

#[test]
fn the_command_line_lists_and_searches_as_before_over_several_months() {
    let home = Home::new();
    let (vault, _keys, entries) = packed_vault(&home);
    drop(vault);
    let run = |args: &[&str]| {
        let out = home.run(args, Some("pw"), None);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
        stdout(&out)
    };
    let everything = run(&["list"]);
    let lines: Vec<&str> = everything.lines().collect();
    assert_eq!(lines.len(), entries.len());
    for n in [1, 2, 3, 5, 8, 15, 20] {
        let listed = run(&["list", "-n", &n.to_string()]);
        let want: Vec<&str> = lines.iter().take(n).copied().collect();
        assert_eq!(listed.lines().collect::<Vec<_>>(), want, "n = {n}");
    }
    let searched = run(&["search", "tag1"]);
    let want: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains("@tag1"))
        .copied()
        .collect();
    assert_eq!(searched.lines().collect::<Vec<_>>(), want);
    assert_eq!(
        run(&["search", "nowhere"]),
        "No entries contain all of: nowhere\n"
    );
}

/// A newest segment sealed with the public key (anyone can) and pasted in.
fn forge_newest_segment(home: &Home, text: &str) -> Entry {
    let recipient: age::x25519::Recipient = std::fs::read_to_string(home.paths().recipient_file())
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let forged = Entry::new(text, Bucket::Crisis, at("2026-11-30T23:59:30-08:00"));
    let sealed = serde_json::json!({"v": 1, "kind": "segment", "id": "2026-11", "body": [forged]});
    let blob = age::encrypt(&recipient, &serde_json::to_vec(&sealed).unwrap()).unwrap();
    db(home)
        .execute(
            "UPDATE segments SET sealed = ?1 WHERE id = '2026-11'",
            rusqlite::params![blob],
        )
        .unwrap();
    forged
}

#[test]
fn a_forged_newest_segment_is_still_reported_by_list_n() {
    let home = Home::new();
    let (vault, keys, _) = packed_vault(&home);
    let forged = forge_newest_segment(&home, "FORGED newest");
    match vault.read_some(&keys, &mut |_| true, Some(1)).unwrap() {
        Reading::Full(loaded) => {
            assert!(!loaded.verified(), "the history names it");
            assert!(
                loaded.entries.iter().all(|e| e.id != forged.id),
                "not shown"
            );
        }
        Reading::Partial(_) => panic!("a forged segment must take the full read"),
    }
    drop(vault);
    let out = home.run(&["list", "-n", "1"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("FORGED"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("between: warning:"),
        "{}",
        stderr(&out)
    );
    let full = home.run(&["list"], Some("pw"), None);
    assert_eq!(
        stderr(&out),
        stderr(&full),
        "the same findings as the full list"
    );
    assert_eq!(
        stdout(&out).lines().next(),
        stdout(&full).lines().next(),
        "the same newest entry"
    );
    let searched = home.run(&["search", "forged"], Some("pw"), None);
    assert_eq!(stderr(&searched), stderr(&full));
    assert!(!stdout(&searched).contains("FORGED"));
}

#[test]
fn a_damaged_newest_segment_is_reported_by_list_n() {
    let home = Home::new();
    let (vault, _keys, _) = packed_vault(&home);
    drop(vault);
    db(&home)
        .execute(
            "UPDATE segments SET sealed = substr(sealed, 1, 200) WHERE id = '2026-11'",
            [],
        )
        .unwrap();
    let out = home.run(&["list", "-n", "2"], Some("pw"), None);
    let full = home.run(&["list"], Some("pw"), None);
    assert!(out.status.success());
    assert!(!stderr(&out).is_empty());
    assert_eq!(stderr(&out), stderr(&full));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        stdout(&full).lines().take(2).collect::<Vec<_>>()
    );
}

#[test]
fn a_partial_read_never_packs_and_a_full_read_still_does() {
    let home = Home::new();
    let (vault, keys, _) = packed_vault(&home);
    // Written while the window was unlocked: in the history, not yet packed.
    let newer = Entry::new(
        "newest, in the inbox",
        Bucket::Session,
        at("2026-12-02T10:00:00-05:00"),
    );
    vault.save_entry(&newer).unwrap();
    let got = partial(vault.read_some(&keys, &mut |_| true, Some(3)).unwrap());
    assert_eq!(got[0], newer);
    assert_eq!(count(&home, "entries"), 1, "the inbox row stays");
    drop(vault);
    let out = home.run(&["list", "-n", "3"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("newest, in the inbox"));
    let out = home.run(&["search", "inbox"], Some("pw"), None);
    assert!(stdout(&out).contains("newest, in the inbox"));
    assert_eq!(
        count(&home, "entries"),
        1,
        "still not packed by the command line"
    );

    // A full read (the window's unlock, or a command that needs every
    // entry) packs it.
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    vault.settle(&keys, &vault.load(&keys).unwrap()).unwrap();
    assert_eq!(count(&home, "entries"), 0);
}

#[test]
fn entries_added_while_locked_take_the_full_read_once() {
    let home = Home::new();
    let (vault, keys, _) = packed_vault(&home);
    drop(vault);
    drop(keys);
    // `between add` while locked: pending, to accept at the next unlock.
    let out = home.run(
        &[
            "add",
            "added while locked",
            "--at",
            "2026-12-03T10:00:00-05:00",
        ],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&home, "entries"), 1);
    {
        let vault = Vault::open(&home.paths()).unwrap();
        let keys = vault.unlock(&secret("pw")).unwrap();
        assert!(matches!(
            vault.read_some(&keys, &mut |_| true, Some(1)).unwrap(),
            Reading::Full(_)
        ));
    }
    let out = home.run(&["list", "-n", "1"], Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("added while locked  (added while locked)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        count(&home, "entries"),
        0,
        "accepted and packed by that full read"
    );
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret("pw")).unwrap();
    let got = partial(vault.read_some(&keys, &mut |_| true, Some(1)).unwrap());
    assert_eq!(got[0].text, "added while locked");
}
