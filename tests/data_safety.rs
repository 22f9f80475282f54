//! Issue 7, data safety: backup/restore, import/export, permission warnings,
//! storage errors people can act on, and no secrets on stderr.

mod common;

use std::path::Path;

use between::app::exchange::{self, Format};
use between::domain::model::{Bucket, Entry};
use between::store::vault::backup;
use between::store::vault::Vault;
use chrono::DateTime;
use common::{secret, stderr, stdout, Home};
use serde_json::Value;

const PASS: &str = "correct horse";

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn init(home: &Home) {
    let out = home.run(&["init"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn list(home: &Home, pass: &str) -> Vec<Value> {
    let out = home.run(&["list", "--json"], Some(pass), None);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn texts(entries: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = entries
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

// ---- backup / restore -------------------------------------------------------

#[test]
fn backup_then_restore_into_an_empty_home_gives_the_same_entries() {
    let home = Home::new();
    init(&home);
    for text in ["first BACKUPMARKER", "second", "third"] {
        assert!(home.run(&["add", text], None, None).status.success());
    }
    let out = home.run(
        &["settings", "set", "app.idle_lock_minutes", "9"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let before = list(&home, PASS);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("between.backup");
    // No passphrase in the environment: backup needs none.
    let out = home.run(&["backup", file.to_str().unwrap()], None, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&file).unwrap();
    assert!(!contains(&bytes, b"BACKUPMARKER"), "no entry text in clear");
    assert!(
        !contains(&bytes, b"idle_lock_minutes"),
        "config is sealed too"
    );
    assert!(
        !contains(&bytes, b"SQLite format"),
        "the database is sealed too"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let leftovers: Vec<_> = common::all_files(dir.path())
        .into_iter()
        .filter(|p| p != &file)
        .collect();
    assert!(leftovers.is_empty(), "no temp files: {leftovers:?}");

    let target = Home::new();
    let out = target.run(&["restore", file.to_str().unwrap()], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    // Whether each entry was yet signed into the history may differ.
    let unsigned = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                r.as_object_mut().unwrap().remove("verified");
                r
            })
            .collect()
    };
    assert_eq!(
        unsigned(list(&target, PASS)),
        unsigned(before.clone()),
        "same entries, same order"
    );
    let out = target.run(&["settings", "get", "app.idle_lock_minutes"], None, None);
    assert!(
        stdout(&out).contains('9'),
        "config restored: {}",
        stdout(&out)
    );
    // The restored vault is an ordinary vault: writing still works.
    assert!(target
        .run(&["add", "after restore"], None, None)
        .status
        .success());
    assert_eq!(list(&target, PASS).len(), 4);
}

/// A vault holding one entry with `text`, and a backup of it made by the CLI.
fn backed_up(text: &str) -> (Home, std::path::PathBuf) {
    let source = Home::new();
    init(&source);
    assert!(source.run(&["add", text], None, None).status.success());
    let file = source.path().join("b.backup");
    assert!(source
        .run(&["backup", file.to_str().unwrap()], None, None)
        .status
        .success());
    (source, file)
}

#[test]
fn restore_refuses_to_overwrite_an_existing_vault() {
    let (_source, file) = backed_up("x");

    let target = Home::new();
    init(&target);
    assert!(target.run(&["add", "keep me"], None, None).status.success());
    let before = common::snapshot(target.path());
    let out = target.run(&["restore", file.to_str().unwrap()], Some(PASS), None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("already exists") && err.contains("Nothing was changed"),
        "{err}"
    );
    assert_eq!(common::snapshot(target.path()), before, "nothing changed");

    // The library refuses any non-empty home, even one with only a config.
    let only_config = Home::new();
    let paths = only_config.paths();
    between::store::config::Config::default()
        .save(&paths)
        .unwrap();
    let err = backup::restore(&paths, &file, &secret(PASS)).unwrap_err();
    assert!(matches!(err, backup::BackupError::NotEmpty { .. }), "{err}");
}

#[test]
fn an_interrupted_restore_is_finished_by_running_it_again() {
    let (source, file) = backed_up("still here");

    // What a restore killed while writing its first file leaves: the marker
    // naming this backup and a half-written temp file, no recipient.txt yet.
    let target = Home::new();
    let paths = target.paths();
    paths.ensure_dirs().unwrap();
    let _ = &source;
    let fingerprint = backup::fingerprint(&std::fs::read(&file).unwrap());
    std::fs::write(paths.data.join(backup::RESTORE_MARKER), &fingerprint).unwrap();
    std::fs::write(paths.data.join(".journal.db.tmp-0123"), b"half a database").unwrap();
    std::fs::write(format!("{}-shm", paths.db_file().display()), b"stale index").unwrap();

    let out = target.run(&["restore", file.to_str().unwrap()], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("interrupted earlier"));
    assert!(!paths.data.join(backup::RESTORE_MARKER).exists());
    assert_eq!(texts(&list(&target, PASS)), vec!["still here".to_string()]);
}

#[test]
fn restore_with_a_wrong_passphrase_or_a_damaged_file_writes_nothing() {
    let source = Home::new();
    init(&source);
    assert!(source.run(&["add", "x"], None, None).status.success());
    let file = source.path().join("b.backup");
    let summary = backup::backup(&source.paths(), &file).unwrap();
    assert_eq!(summary.inbox_rows, 1);
    assert!(summary.files.iter().any(|f| f.ends_with("journal.db")));

    let target = Home::new();
    let err = backup::restore(&target.paths(), &file, &secret("wrong")).unwrap_err();
    assert!(err.to_string().contains("wrong passphrase"), "{err}");
    assert!(common::all_files(target.path()).is_empty());

    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 1;
    let damaged = source.path().join("damaged.backup");
    std::fs::write(&damaged, &bytes).unwrap();
    let err = backup::restore(&target.paths(), &damaged, &secret(PASS)).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    assert!(common::all_files(target.path()).is_empty());

    let junk = source.path().join("junk");
    std::fs::write(&junk, b"hello").unwrap();
    let err = backup::restore(&target.paths(), &junk, &secret(PASS)).unwrap_err();
    assert!(err.to_string().contains("not a Between backup"), "{err}");

    let err = backup::backup(&Home::new().paths(), &source.path().join("none")).unwrap_err();
    assert!(err.to_string().contains("no vault here yet"), "{err}");
}

#[test]
fn backup_is_consistent_while_another_writer_is_busy() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret(PASS)).unwrap();
    let paths = home.paths();
    let writer = std::thread::spawn(move || {
        let vault = Vault::open(&paths).unwrap();
        for i in 0..60 {
            vault
                .save_entry(&Entry::new(
                    format!("w{i}"),
                    Bucket::Session,
                    at("2026-11-23T10:00:00Z"),
                ))
                .unwrap();
        }
    });
    let file = home.path().join("b.backup");
    let mut last = 0;
    for _ in 0..5 {
        let summary = backup::backup(&home.paths(), &file).unwrap();
        assert!(summary.inbox_rows >= last);
        last = summary.inbox_rows;
    }
    writer.join().unwrap();
    drop(vault);
    let target = Home::new();
    let restored = backup::restore(&target.paths(), &file, &secret(PASS)).unwrap();
    assert_eq!(restored.inbox_rows, last);
    let vault = Vault::open(&target.paths()).unwrap();
    let keys = vault.unlock(&secret(PASS)).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.entries.len(), last);
}

// ---- import -----------------------------------------------------------------

#[test]
fn import_jsonl_triages_unless_a_bucket_is_given() {
    let home = Home::new();
    init(&home);
    let file = home.path().join("in.jsonl");
    write(
        &file,
        concat!(
            "{\"text\": \"can we move thursday's appointment to 3pm?\"}\n",
            "\n",
            "{\"text\": \"just a feeling\", \"created_at\": \"2026-11-20T04:10:00-05:00\", \"bucket\": \"hours\"}\n",
        ),
    );
    let out = home.run(
        &["import", file.to_str().unwrap(), "--format", "jsonl"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported 2 entries"),
        "{}",
        stdout(&out)
    );
    let entries = list(&home, PASS);
    let moved = entries
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains("appointment"))
        .unwrap();
    assert_eq!(moved["bucket"], "hours", "triaged: {moved}");
    assert_eq!(moved["suggested"], "hours");
    let chosen = entries
        .iter()
        .find(|e| e["text"] == "just a feeling")
        .unwrap();
    assert_eq!(chosen["bucket"], "hours", "the given bucket wins");
    assert_eq!(chosen["suggested"], "session", "the suggestion is kept");
    assert_eq!(chosen["created_at"], "2026-11-20T04:10:00-05:00");
}

#[test]
fn a_malformed_line_stops_the_import_and_commits_nothing() {
    let home = Home::new();
    init(&home);
    assert!(home
        .run(&["add", "already here"], None, None)
        .status
        .success());
    let cases = [
        ("{\"text\": \"ok\"}\n{\"text\": \"broken\"\n", "line 2"),
        ("{\"text\": \"ok\"}\n{\"text\": \"ok\"}\n[1,2]\n", "line 3"),
        (
            "{\"text\": \"ok\"}\n{\"text\": \"x\", \"bucket\": \"later\"}\n",
            "line 2",
        ),
        (
            "{\"text\": \"ok\", \"created_at\": \"yesterday\"}\n",
            "line 1",
        ),
        ("{\"nope\": 1}\n", "line 1"),
    ];
    for (content, expected) in cases {
        let file = home.path().join("bad.jsonl");
        write(&file, content);
        let out = home.run(
            &["import", file.to_str().unwrap(), "--format", "jsonl"],
            None,
            None,
        );
        assert!(!out.status.success(), "{content}");
        let err = stderr(&out);
        assert!(
            err.contains(expected) && err.contains("nothing was imported"),
            "{content:?}: {err}"
        );
    }
    assert_eq!(texts(&list(&home, PASS)), vec!["already here"]);
}

#[test]
fn import_jrnl_export_uses_title_body_and_local_time() {
    let home = Home::new();
    init(&home);
    let file = home.path().join("jrnl.json");
    write(
        &file,
        r#"{"tags": {"@work": 1}, "entries": [
            {"date": "2026-11-20", "time": "04:10", "title": "Couldn't sleep.", "body": "Kept thinking about @work.", "starred": false, "tags": ["@work"]},
            {"date": "2026-07-04", "time": "21:30", "title": "Fireworks.", "body": "", "starred": true, "tags": []}
        ]}"#,
    );
    let out = home.run(
        &["import", file.to_str().unwrap(), "--format", "jrnl"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Imported 2 entries"));
    let entries = list(&home, PASS);
    // Newest first; TZ is America/New_York in tests (EST in November, EDT in July).
    assert_eq!(
        entries[0]["text"],
        "Couldn't sleep.\nKept thinking about @work."
    );
    assert_eq!(entries[0]["created_at"], "2026-11-20T04:10:00-05:00");
    assert_eq!(entries[1]["text"], "Fireworks.");
    assert_eq!(entries[1]["created_at"], "2026-07-04T21:30:00-04:00");

    let bad = home.path().join("bad.json");
    write(
        &bad,
        r#"{"tags": {}, "entries": [
            {"date": "2026-11-20", "time": "04:10", "title": "fine", "body": ""},
            {"date": "2026-13-40", "time": "04:10", "title": "bad date", "body": ""}
        ]}"#,
    );
    let out = home.run(
        &["import", bad.to_str().unwrap(), "--format", "jrnl"],
        None,
        None,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("entry 2"), "{}", stderr(&out));
    assert_eq!(list(&home, PASS).len(), 2, "nothing from the bad file");
}

#[test]
fn jrnl_times_in_a_dst_gap_or_overlap_do_not_fail() {
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let input = r#"{"entries": [
        {"date": "2026-03-08", "time": "02:30", "title": "gap", "body": ""},
        {"date": "2026-11-01", "time": "01:30", "title": "overlap", "body": ""}
    ]}"#;
    let items = exchange::parse(input, Format::Jrnl, tz).unwrap();
    assert_eq!(
        items[0].created_at.unwrap().to_rfc3339(),
        "2026-03-08T03:00:00-04:00"
    );
    assert_eq!(
        items[1].created_at.unwrap().to_rfc3339(),
        "2026-11-01T01:30:00-04:00",
        "the earlier of the two"
    );
}

// ---- export -----------------------------------------------------------------

#[test]
fn export_refuses_without_confirmation_and_names_the_risk() {
    let home = Home::new();
    init(&home);
    assert!(home.run(&["add", "x"], None, None).status.success());
    let file = home.path().join("out.md");
    let out = home.run(
        &["export", file.to_str().unwrap(), "--format", "md"],
        Some(PASS),
        None,
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("UNENCRYPTED") && err.contains("anyone with access") && err.contains("--yes"),
        "{err}"
    );
    assert!(!file.exists(), "nothing written");
}

#[test]
fn export_writes_md_and_jsonl_without_drafts_and_jsonl_imports_back() {
    let home = Home::new();
    init(&home);
    assert!(home
        .run(
            &["add", "kept entry", "--at", "2026-11-20T09:00:00-05:00"],
            None,
            None
        )
        .status
        .success());
    assert!(home
        .run(
            &[
                "add",
                "second kept",
                "--at",
                "2026-11-21T09:00:00-05:00",
                "--bucket",
                "hours"
            ],
            None,
            None
        )
        .status
        .success());
    {
        let vault = Vault::open(&home.paths()).unwrap();
        let mut draft = Entry::new("DRAFTMARKER", Bucket::Session, at("2026-11-22T09:00:00Z"));
        draft.draft = true;
        vault.save_entry(&draft).unwrap();
    }
    let md = home.path().join("out.md");
    let out = home.run(
        &["export", md.to_str().unwrap(), "--format", "md", "--yes"],
        Some(PASS),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("kept entry") && text.contains("second kept"),
        "{text}"
    );
    assert!(
        text.find("kept entry").unwrap() < text.find("second kept").unwrap(),
        "oldest first"
    );
    assert!(text.contains("Maybe send during hours"));
    assert!(!text.contains("DRAFTMARKER"), "drafts excluded");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&md).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // An existing file is never overwritten.
    let out = home.run(
        &["export", md.to_str().unwrap(), "--format", "md", "--yes"],
        Some(PASS),
        None,
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"));

    // Exporting needs the passphrase.
    let jsonl = home.path().join("out.jsonl");
    let out = home.run(
        &[
            "export",
            jsonl.to_str().unwrap(),
            "--format",
            "jsonl",
            "--yes",
        ],
        Some("wrong"),
        None,
    );
    assert!(!out.status.success());
    assert!(!jsonl.exists());
    let out = home.run(
        &[
            "export",
            jsonl.to_str().unwrap(),
            "--format",
            "jsonl",
            "--yes",
        ],
        Some(PASS),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = std::fs::read_to_string(&jsonl).unwrap();
    assert_eq!(lines.lines().count(), 2);
    assert!(!lines.contains("DRAFTMARKER"));

    let other = Home::new();
    init(&other);
    let out = other.run(
        &["import", jsonl.to_str().unwrap(), "--format", "jsonl"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let a = list(&home, PASS);
    let b = list(&other, PASS);
    let key = |v: &Vec<Value>| {
        v.iter()
            .map(|e| {
                (
                    e["text"].clone(),
                    e["created_at"].clone(),
                    e["bucket"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        key(&a),
        key(&b),
        "text, time and bucket survive the round trip"
    );
}

// ---- permissions ------------------------------------------------------------

#[cfg(unix)]
#[test]
fn loose_permissions_are_warned_about_but_never_fatal() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    init(&home);
    let out = home.run(&["add", "x"], None, None);
    assert!(
        !stderr(&out).contains("warning"),
        "private by default: {}",
        stderr(&out)
    );

    let paths = home.paths();
    std::fs::set_permissions(&paths.data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(paths.db_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = home.run(&["list"], Some(PASS), None);
    assert!(out.status.success(), "a warning, not a failure");
    let err = stderr(&out);
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains(&paths.data.display().to_string()), "{err}");
    assert!(
        err.contains(&paths.db_file().display().to_string()),
        "{err}"
    );
    assert!(
        err.contains("chmod 700") && err.contains("chmod 600"),
        "{err}"
    );
    // Opening the vault took group/other bits away again.
    assert!(paths.loose_permissions().is_empty());
    // Commands that need no vault warn too.
    std::fs::set_permissions(&paths.data, std::fs::Permissions::from_mode(0o750)).unwrap();
    let out = home.run(&["resources", "--region", "US"], None, None);
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
}

// ---- storage errors ---------------------------------------------------------

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_earlier_entries() {
    let home = Home::new();
    let vault = Vault::init(&home.paths(), &secret(PASS)).unwrap();
    vault
        .save_entry(&Entry::new(
            "before",
            Bucket::Session,
            at("2026-11-23T10:00:00Z"),
        ))
        .unwrap();
    // SQLite reports SQLITE_FULL once max_page_count is reached: the same code
    // a full disk gives.
    let pages: i64 = vault
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    vault
        .connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let big = "x".repeat(64 * 1024);
    let err = vault
        .save_entry(&Entry::new(
            big,
            Bucket::Session,
            at("2026-11-23T11:00:00Z"),
        ))
        .unwrap_err()
        .to_string();
    assert!(err.contains("disk is full"), "{err}");
    drop(vault);
    let vault = Vault::open(&home.paths()).unwrap();
    let keys = vault.unlock(&secret(PASS)).unwrap();
    let loaded = vault.load(&keys).unwrap();
    assert_eq!(loaded.entries.len(), 1);
    assert_eq!(loaded.entries[0].text, "before");
}

#[cfg(unix)]
#[test]
fn a_read_only_vault_folder_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let home = Home::new();
    init(&home);
    assert!(home.run(&["add", "before"], None, None).status.success());
    let root = unsafe { libc::geteuid() } == 0;
    const NOBODY: u32 = 65534;
    if root {
        // Root ignores permission bits: run the binary as an unprivileged user
        // that owns the home, which is what a real user is.
        for path in std::iter::once(home.path().to_path_buf()).chain(walk(home.path())) {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let vault_dir = home.paths().data;
    std::fs::set_permissions(&vault_dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_between"));
    cmd.args(["add", "while read-only"])
        .env("BETWEEN_HOME", home.path())
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .stdin(std::process::Stdio::null());
    if root {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let out = cmd.output().unwrap();
    std::fs::set_permissions(&vault_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("cannot be written") && err.contains("writable"),
        "{err}"
    );
    let mode = std::fs::metadata(&vault_dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    assert_eq!(
        texts(&list(&home, PASS)),
        vec!["before"],
        "nothing half-written"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).unwrap().flatten() {
        let p = item.path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

// ---- secrets on stderr ------------------------------------------------------

#[test]
fn failing_commands_never_print_entry_text_or_passphrases() {
    const MARK: &str = "Zq7SECRETMARKER";
    let check = |out: &std::process::Output, what: &str| {
        assert!(!out.status.success(), "{what} should fail");
        let err = stderr(out);
        assert!(!err.is_empty(), "{what}: an error is printed");
        assert!(!err.contains(MARK), "{what} leaked the marker: {err}");
        assert!(!stdout(out).contains(MARK), "{what} leaked to stdout");
    };
    let text = format!("my text {MARK}");
    let pass = format!("pass {MARK}");

    let empty = Home::new();
    check(&empty.run(&["add", &text], None, None), "add before init");
    check(&empty.run(&["list"], Some(&pass), None), "list before init");

    let home = Home::new();
    init(&home);
    assert!(home.run(&["add", &text], None, None).status.success());
    check(
        &home.run(&["list", "--json"], Some(&pass), None),
        "wrong passphrase",
    );
    check(
        &home.run(&["passwd"], Some(&pass), None),
        "passwd wrong old",
    );
    check(&home.run(&["init"], Some(&pass), None), "init twice");
    check(
        &home.run(&["add", &text, "--bucket", "nope"], None, None),
        "bad bucket",
    );
    let out = home.path().join("o.md");
    check(
        &home.run(
            &["export", out.to_str().unwrap(), "--format", "md", "--yes"],
            Some(&pass),
            None,
        ),
        "export wrong passphrase",
    );
    for (i, content) in [
        format!("{{\"text\": \"{MARK}\""),
        format!("{{\"text\": \"ok\", \"bucket\": \"{MARK}\"}}"),
        format!("{{\"text\": \"ok\", \"created_at\": \"{MARK}\"}}"),
        format!("{{\"text\": 5, \"{MARK}\": \"{MARK}\"}}"),
        format!("[\"{MARK}\"]"),
        format!("{{\"text\": \"{MARK}\"}} trailing {MARK}"),
    ]
    .iter()
    .enumerate()
    {
        let file = home.path().join(format!("bad{i}.jsonl"));
        write(&file, content);
        check(
            &home.run(
                &["import", file.to_str().unwrap(), "--format", "jsonl"],
                None,
                None,
            ),
            &format!("import jsonl {content}"),
        );
        check(
            &home.run(
                &["import", file.to_str().unwrap(), "--format", "jrnl"],
                None,
                None,
            ),
            &format!("import jrnl {content}"),
        );
    }
    let jrnl = home.path().join("bad.json");
    write(
        &jrnl,
        &format!("{{\"entries\": [{{\"date\": \"{MARK}\", \"title\": \"{MARK}\"}}]}}"),
    );
    check(
        &home.run(
            &["import", jrnl.to_str().unwrap(), "--format", "jrnl"],
            None,
            None,
        ),
        "jrnl bad date",
    );
    let backup_file = home.path().join("b.backup");
    assert!(home
        .run(&["backup", backup_file.to_str().unwrap()], None, None)
        .status
        .success());
    let target = Home::new();
    check(
        &target.run(
            &["restore", backup_file.to_str().unwrap()],
            Some(&pass),
            None,
        ),
        "restore wrong passphrase",
    );
}

/// A 2 MiB tmpfs, filled up: `list` still reads and `add` names the full
/// disk. Needs permission to mount (root in a container); skipped otherwise.
#[cfg(target_os = "linux")]
#[test]
fn on_a_full_disk_list_still_reads_and_add_names_the_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mount)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mount.clone());
    let home = Home {
        dir: tempfile::tempdir_in(&mount).unwrap(),
    };
    init(&home);
    assert!(home
        .run(&["add", "before the disk filled"], None, None)
        .status
        .success());
    assert_eq!(texts(&list(&home, PASS)), vec!["before the disk filled"]);
    // Fill every byte that is left.
    {
        use std::io::Write;
        let mut filler = std::fs::File::create(mount.join("filler")).unwrap();
        let chunk = vec![0u8; 4096];
        while filler.write_all(&chunk).is_ok() {}
        let _ = filler.sync_all();
    }
    let out = home.run(&["add", "while full"], None, None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("disk is full"), "{err}");
    assert!(
        err.contains("not saved") || err.contains("nothing was saved"),
        "{err}"
    );
    assert!(!err.contains("internal error"), "{err}");
    assert_eq!(
        texts(&list(&home, PASS)),
        vec!["before the disk filled"],
        "reading needs no free space"
    );
}
