//! The everyday journal from the command line (issue 15): edit, delete,
//! dates, tags, stars, show, backdating, idempotent jrnl import, no display.

mod common;

use common::{stderr, stdout, Home};
use serde_json::Value;

const PASS: &str = "pw";
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/jrnl-export.json"
);

fn init(home: &Home) {
    let out = home.run(&["init"], Some(PASS), None);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn ok(home: &Home, args: &[&str]) -> String {
    let out = home.run(args, Some(PASS), None);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn json(home: &Home, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str::<Value>(&ok(home, &args))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn texts(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| {
            e["text"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn add(home: &Home, args: &[&str]) -> String {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    let out = home.run(&all, None, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    line.split_whitespace().nth(2).unwrap().to_string()
}

fn imported(home: &Home) -> String {
    ok(home, &["import", FIXTURE, "--format", "jrnl"])
}

/// An EDITOR that records how it was called and writes `text` into the file.
fn editor(home: &Home, text: &str) -> (String, std::path::PathBuf) {
    let script = home.path().join("fake-editor.sh");
    let side = home.path().join("editor-saw.txt");
    let replacement = home.path().join("editor-writes.txt");
    std::fs::write(&replacement, text).unwrap();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > '{side}'\nstat -c %a \"$(dirname \"$1\")\" >> '{side}'\necho \"$1\" >> '{side}'\ncat \"$1\" >> '{side}'\ncat '{new}' > \"$1\"\n",
            side = side.display(),
            new = replacement.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script.display().to_string(), side)
}

#[test]
fn edit_opens_the_editor_on_a_private_file_wipes_it_and_keeps_the_override() {
    let home = Home::new();
    init(&home);
    let id = add(&home, &["--bucket", "hours", "just a feeling about @work"]);
    let runtime = home.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let (script, side) = editor(&home, "a new feeling about @sister");
    let out = home.run_env(
        &["edit", &id[..8]],
        Some(PASS),
        None,
        &[
            ("EDITOR", Some(&script)),
            ("XDG_RUNTIME_DIR", Some(runtime.to_str().unwrap())),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let saw = std::fs::read_to_string(&side).unwrap();
    let lines: Vec<&str> = saw.lines().collect();
    assert_eq!(lines[0], "600", "the temp file is private");
    assert_eq!(lines[1], "700", "its folder is private");
    assert!(lines[2].starts_with(runtime.to_str().unwrap()), "{saw}");
    assert_eq!(
        lines[3], "just a feeling about @work",
        "the editor got the text"
    );
    assert!(
        std::fs::read_dir(&runtime).unwrap().next().is_none(),
        "the temp folder is wiped and removed"
    );
    let entries = json(&home, &["list"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["text"], "a new feeling about @sister");
    assert_eq!(entries[0]["bucket"], "hours", "the user's override is kept");
    assert_eq!(entries[0]["suggested"], "session");
    assert_eq!(entries[0]["tags"], serde_json::json!(["@sister"]));

    // Without an override, the bucket follows triage.
    let id = add(&home, &["just a feeling"]);
    let (script, _) = editor(&home, "can we move thursday's appointment to 3pm?");
    let out = home.run_env(
        &["edit", &id, "--bucket", "session"],
        Some(PASS),
        None,
        &[("EDITOR", Some(&script)), ("XDG_RUNTIME_DIR", None)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shown: Value = serde_json::from_str(&ok(&home, &["show", &id, "--json"])).unwrap();
    assert_eq!(shown["bucket"], "session", "--bucket sets a new choice");
    assert_eq!(shown["suggested"], "hours");
}

#[test]
fn delete_removes_the_entry_for_good_even_from_a_packed_segment() {
    let home = Home::new();
    init(&home);
    let keep = add(
        &home,
        &["--at", "2026-11-20T04:10:00-05:00", "keep this one"],
    );
    let gone = add(
        &home,
        &[
            "--at",
            "2026-11-21T04:10:00-05:00",
            "DELETEMARKER secret words",
        ],
    );
    // Unlocking in the app packs the inbox into the monthly segment.
    between::app::session::unlock(&home.paths(), common::secret(PASS)).unwrap();
    assert_eq!(json(&home, &["list"]).len(), 2);

    let out = home.run(&["delete", &gone[..6]], Some(PASS), None);
    assert!(
        !out.status.success(),
        "asks for --yes when not at a terminal"
    );
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(json(&home, &["list"]).len(), 2, "nothing changed");

    let said = ok(&home, &["delete", &gone[..6], "--yes"]);
    assert!(said.contains("Deleted entry"), "{said}");
    let entries = json(&home, &["list"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["id"], keep.as_str());
    for name in ["journal.db", "journal.db-wal"] {
        for file in common::all_files(home.path()) {
            if file.file_name().unwrap() == name {
                let bytes = std::fs::read(&file).unwrap();
                assert!(
                    !bytes.windows(12).any(|w| w == b"DELETEMARKER"),
                    "{name} holds the text"
                );
            }
        }
    }
    let out = home.run(&["show", &gone], Some(PASS), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no entry"), "{}", stderr(&out));
    // The remaining entry is still in a segment that opens after packing again.
    between::app::session::unlock(&home.paths(), common::secret(PASS)).unwrap();
    assert_eq!(texts(&json(&home, &["list"])), vec!["keep this one"]);
}

#[test]
fn import_of_a_jrnl_export_is_lossless_and_idempotent() {
    let home = Home::new();
    init(&home);
    add(
        &home,
        &["--at", "2026-11-23T10:00:00-05:00", "already here"],
    );
    let said = imported(&home);
    assert!(
        said.contains("Imported 9 entries") && said.contains("skipped 0"),
        "{said}"
    );
    let said = imported(&home);
    assert!(
        said.contains("Imported 0 entries") && said.contains("skipped 9 already in the journal"),
        "{said}"
    );
    let entries = json(&home, &["list"]);
    assert_eq!(entries.len(), 10);

    // Same-minute entries keep the file's order (newest first in lists).
    let evening = json(&home, &["list", "--on", "2026-11-20"]);
    assert_eq!(
        texts(&evening),
        vec![
            "Third one, still 21:00.",
            "Second thought in the same minute.",
            "Meeting ran over."
        ]
    );
    // Spring-forward times all land at the end of the gap, in file order,
    // before the real 03:10.
    let night = json(&home, &["list", "--on", "2026-03-08"]);
    let times: Vec<&str> = night
        .iter()
        .map(|e| e["created_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        vec![
            "2026-03-08T03:10:00-04:00",
            "2026-03-08T03:00:02-04:00",
            "2026-03-08T03:00:01-04:00",
            "2026-03-08T03:00:00-04:00"
        ]
    );
    // Stars are kept.
    assert_eq!(
        texts(&json(&home, &["list", "--starred"])),
        vec![
            "Third one, still 21:00.",
            "Long talk with @sister about mum."
        ]
    );
}

#[test]
fn listing_by_count_date_tag_and_star() {
    let home = Home::new();
    init(&home);
    imported(&home);
    assert_eq!(
        texts(&json(&home, &["list", "-n", "2"])),
        vec!["Quiet morning.", "Third one, still 21:00."]
    );
    let range = json(
        &home,
        &["list", "--from", "2026-03-08", "--to", "2026-11-20"],
    );
    assert_eq!(range.len(), 7);
    // Whole tags, any case: not "@sisters", not "my sister".
    let sister = json(&home, &["list", "@sister"]);
    assert_eq!(
        texts(&sister),
        vec![
            "Quiet morning.",
            "Third one, still 21:00.",
            "Long talk with @sister about mum."
        ]
    );
    assert_eq!(json(&home, &["list", "@Sister", "@work"]).len(), 1);
    let out = home.run(&["list", "sister"], Some(PASS), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("between search"), "{}", stderr(&out));
    let out = home.run(&["list", "--on", "someday"], Some(PASS), None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("yesterday"), "{}", stderr(&out));
    // --json carries starred and tags.
    let first = &sister[1];
    assert_eq!(first["starred"], true);
    assert_eq!(first["tags"], serde_json::json!(["@sister", "@work"]));

    let tags = ok(&home, &["tags"]);
    let lines: Vec<&str> = tags.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        vec!["3  @sister", "2  @work", "1  @sisters", "1  @sleep"]
    );

    // Star and unstar; show prints the entry in full.
    let id = sister[0]["id"].as_str().unwrap().to_string();
    assert!(ok(&home, &["star", &id[..7]]).contains("Starred"));
    assert_eq!(json(&home, &["list", "--starred"]).len(), 3);
    let shown = ok(&home, &["show", &id[..7]]);
    for part in [
        "Starred  yes",
        "Tags     @sister",
        "Quiet morning.\nWalked to the park with @sister.",
        "Written  Sunday 22 November 2026, 8:05",
        "Bring to session",
    ] {
        assert!(shown.contains(part), "{part}: {shown}");
    }
    assert!(ok(&home, &["unstar", &id]).contains("Unstarred"));
    assert_eq!(json(&home, &["list", "--starred"]).len(), 2);
    let out = home.run(&["star", "abc"], Some(PASS), None);
    assert!(stderr(&out).contains("6 characters"), "{}", stderr(&out));

    // Today's entries.
    add(&home, &["written just now"]);
    assert_eq!(
        texts(&json(&home, &["list", "--on", "today"])),
        vec!["written just now"]
    );
    assert_eq!(json(&home, &["list", "--from", "today"]).len(), 1);
}

#[test]
fn a_date_prefix_backdates_the_entry_like_jrnl() {
    let home = Home::new();
    init(&home);
    add(&home, &["2026-11-20 21:00: late thoughts"]);
    add(&home, &["yesterday 9pm: called @sister"]);
    add(&home, &["Note: call mum"]);
    let entries = json(&home, &["list"]);
    let by_text = |t: &str| entries.iter().find(|e| e["text"] == t).unwrap().clone();
    assert_eq!(
        by_text("late thoughts")["created_at"],
        "2026-11-20T21:00:00-05:00"
    );
    let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let yesterday = chrono::Utc::now().with_timezone(&tz).date_naive() - chrono::Duration::days(1);
    let at = by_text("called @sister")["created_at"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(at.starts_with(&format!("{yesterday}T21:00:00")), "{at}");
    by_text("Note: call mum");
    // --at wins and keeps the text whole.
    add(
        &home,
        &["--at", "2026-11-01T10:00:00-05:00", "yesterday: as written"],
    );
    assert_eq!(
        json(&home, &["list", "--on", "2026-11-01"])[0]["text"],
        "yesterday: as written"
    );
}

#[test]
fn wrong_kinds_of_file_get_a_line_or_a_hint() {
    let home = Home::new();
    init(&home);
    let cases: [(&str, &str, &str); 5] = [
        (
            "journal",
            "[2026-11-20 21:00] Called my sister.\nShe was kind.\n",
            "jrnl journal file",
        ),
        ("export.md", "# 2026\n\n## November\n", "Markdown"),
        ("enc.json", "gAAAAABlZ2FyYmFnZQ==\n", "encrypted jrnl"),
        (
            "export.txt",
            "2026-11-20 21:00 Called.\n",
            "jrnl text export",
        ),
        (
            "broken.json",
            "{\n  \"entries\": [\n    {\"date\": }\n  ]\n}\n",
            "line 3",
        ),
    ];
    for (name, content, expected) in cases {
        let file = home.path().join(name);
        std::fs::write(&file, content).unwrap();
        let out = home.run(
            &["import", file.to_str().unwrap(), "--format", "jrnl"],
            None,
            None,
        );
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        assert!(err.contains(expected), "{name}: {err}");
        if expected != "line 3" {
            assert!(err.contains("jrnl --export json > journal.json"), "{err}");
        }
        assert!(!err.contains("Called"), "never quotes the file: {err}");
    }
    let bin = home.path().join("enc.jrnl");
    std::fs::write(&bin, [0xffu8, 0xfe, 0x00, 0x81]).unwrap();
    let out = home.run(
        &["import", bin.to_str().unwrap(), "--format", "jrnl"],
        None,
        None,
    );
    assert!(stderr(&out).contains("encrypted"), "{}", stderr(&out));
}

#[test]
fn a_bare_between_without_a_display_points_to_the_commands() {
    let home = Home::new();
    let out = home.run_env(
        &[],
        None,
        None,
        &[("DISPLAY", None), ("WAYLAND_DISPLAY", None)],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no display"), "{err}");
    for command in ["add", "list", "search", "edit", "delete"] {
        assert!(err.contains(command), "{command}: {err}");
    }
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn add_without_text_at_a_terminal_opens_the_editor() {
    // `script` (util-linux) gives `between add` a terminal for stdin.
    if !std::path::Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no /usr/bin/script to provide a terminal");
        return;
    }
    let home = Home::new();
    init(&home);
    let runtime = home.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let (script, side) = editor(&home, "yesterday 9pm: written in the editor @test");
    let out = std::process::Command::new("/usr/bin/script")
        .args([
            "-qec",
            &format!("{} add", env!("CARGO_BIN_EXE_between")),
            "/dev/null",
        ])
        .env("BETWEEN_HOME", home.path())
        .env(common::FAST_KDF.0, common::FAST_KDF.1)
        .env_remove("BETWEEN_PASSPHRASE")
        .env("TZ", "America/New_York")
        .env("EDITOR", &script)
        .env("XDG_RUNTIME_DIR", &runtime)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("Saved entry"), "{}", stdout(&out));
    let saw = std::fs::read_to_string(&side).unwrap();
    assert!(saw.starts_with("600\n700\n"), "{saw}");
    assert!(std::fs::read_dir(&runtime).unwrap().next().is_none());
    let entries = json(&home, &["list"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["text"], "written in the editor @test");
    assert!(
        entries[0]["created_at"]
            .as_str()
            .unwrap()
            .contains("T21:00:00"),
        "backdated: {}",
        entries[0]["created_at"]
    );
}
