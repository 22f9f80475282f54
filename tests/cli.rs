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

#[test]
fn triage_json_needs_no_vault() {
    let home = Home::new();
    let out = home.run(
        &[
            "triage",
            "--json",
            "can we reschedule? I want to end it all",
        ],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["bucket"], "crisis");
    assert_ne!(v["crisis_level"], "none");
    assert!(!v["reasons"].as_array().unwrap().is_empty());
    let out = home.run(
        &["triage", "--json"],
        None,
        Some("Running 10 minutes late, sorry!"),
    );
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["bucket"], "hours");
    assert_eq!(v["crisis_level"], "none");
    assert_eq!(v["check_in"], false);
}

#[test]
fn triage_jsonl_answers_one_line_per_entry() {
    let home = Home::new();
    let out = home.run(
        &["triage", "--jsonl"],
        None,
        Some("running 10 minutes late\nI want to end it all tonight\nhad a good walk today\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["bucket"], "hours");
    assert_eq!(lines[1]["bucket"], "crisis");
    assert_eq!(lines[1]["level"], "imminent");
    assert_eq!(lines[2]["bucket"], "session");
    for l in &lines {
        assert!(l["check_in"].is_boolean());
        assert!(!l["reasons"].as_array().unwrap().is_empty());
    }
}

#[test]
fn triage_eval_prints_figures_and_misses() {
    let home = Home::new();
    let file = home.path().join("eval.tsv");
    std::fs::write(
        &file,
        "bucket\tlevel\talso_ok\ttext\n\
         hours\t-\t-\trunning 10 minutes late\n\
         crisis\timminent\t-\tI want to end it all tonight\n\
         crisis\televated\t-\thad a good walk today\n",
    )
    .unwrap();
    let out = home.run(&["triage", "--eval", file.to_str().unwrap()], None, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for figure in [
        "crisis recall      1/2",
        "imminent levelled  1/1",
        "false crises       0/1",
        "accuracy           2/3",
        "hours recall       1/1",
    ] {
        assert!(text.contains(figure), "{figure} in {text}");
    }
    assert!(
        text.contains("line 4: expected crisis/elevated, got session"),
        "{text}"
    );
}

#[test]
fn add_stores_the_suggestion_or_the_override() {
    let home = Home::new();
    init(&home, "pw");
    let out = home.run(&["add", "Running 10 minutes late, sorry!"], None, None);
    assert!(
        stdout(&out).contains("Maybe send during hours"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("why:"));
    home.run(
        &["add", "--bucket", "session", "Can we move Tuesday to 4pm?"],
        None,
        None,
    );
    let entries = list(&home, "pw");
    let moved = entries
        .iter()
        .find(|e| e["text"] == "Can we move Tuesday to 4pm?")
        .unwrap();
    assert_eq!(moved["bucket"], "session");
    assert_eq!(moved["suggested"], "hours");
    let late = entries
        .iter()
        .find(|e| e["text"] == "Running 10 minutes late, sorry!")
        .unwrap();
    assert_eq!(late["bucket"], "hours");
}

#[test]
fn queue_json_reports_status_at_a_fixed_instant() {
    let home = Home::new();
    init(&home, "pw");
    // Written Sunday 03:40 in New York: a night message, on a weekend.
    home.run(
        &[
            "add",
            "--at",
            "2026-11-22T03:40:00-05:00",
            "--bucket",
            "hours",
            "Can we move Tuesday to 4pm?",
        ],
        None,
        None,
    );
    // Written Monday 10:00: fine to send at 11:00.
    home.run(
        &[
            "add",
            "--at",
            "2026-11-23T10:00:00-05:00",
            "--bucket",
            "hours",
            "Running late, sorry",
        ],
        None,
        None,
    );
    let out = home.run(
        &["queue", "--json", "--now", "2026-11-23T11:00:00-05:00"],
        Some("pw"),
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(items.len(), 2);
    let statuses: Vec<&str> = items
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"night_reread"), "{statuses:?}");
    assert!(statuses.contains(&"ok_now"), "{statuses:?}");
    for item in &items {
        assert!(item["entry_id"].as_str().unwrap().len() >= 32);
        assert!(item.get("text").is_none(), "no entry text in the queue");
    }
    // Saturday: opens Monday 09:00 local.
    let out = home.run(
        &["queue", "--json", "--now", "2026-11-28T12:00:00-05:00"],
        Some("pw"),
        None,
    );
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let late = items
        .iter()
        .find(|i| i["status"] == "opens_at")
        .expect("an opens_at item");
    assert_eq!(late["opens_at"], "2026-11-30T09:00:00-05:00");
}

#[test]
fn settings_set_get_and_reject() {
    let home = Home::new();
    let out = home.run(
        &["settings", "set", "hours.mon", "10:00-12:00,13:00-16:00"],
        None,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.run(&["settings", "get", "hours.mon"], None, None);
    assert!(stdout(&out).contains("10:00-12:00"), "{}", stdout(&out));
    let out = home.run(&["settings", "set", "hours.tue", "17:00-09:00"], None, None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("before it starts"),
        "{}",
        stderr(&out)
    );
    // A vacation note is sealed in the vault, so it needs one (and the passphrase).
    let add_note = [
        "settings",
        "set",
        "vacation.add",
        "2026-12-20..2027-01-03 card in the mail",
    ];
    let out = home.run(&add_note, None, None);
    assert!(!out.status.success());
    assert!(home.run(&["init"], Some("pw"), None).status.success());
    let out = home.run(&add_note, Some("pw"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = home.run(&["settings"], None, None);
    assert!(stdout(&out).contains("config.toml"));
    assert!(stdout(&out).contains("2026-12-20"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("card in the mail"));
    let out = home.run(&["settings"], Some("pw"), None);
    assert!(
        stdout(&out).contains("card in the mail"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn resources_json_for_a_region_without_a_vault() {
    let home = Home::new();
    let out = home.run(&["resources", "--region", "US", "--json"], None, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    for field in ["name", "contact", "kind", "hours", "source", "checked"] {
        assert!(
            lines.iter().all(|l| l.get(field).is_some()),
            "every line has {field}"
        );
    }
    assert!(lines.iter().any(|l| l["contact"] == "988"));
    assert!(lines.iter().any(|l| l["contact"] == "741741"));
    assert!(lines
        .iter()
        .any(|l| l["kind"] == "emergency" && l["contact"] == "911"));
    let out = home.run(&["resources", "--region", "ZZ"], None, None);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("known regions"));
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::process::{Command, Stdio};
    // `between resources --json | head -c 0`: the pipe is closed before the
    // first write, so every write meets a closed pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_between"))
        .args(["resources", "--region", "US", "--json"])
        .env("BETWEEN_HOME", tempfile::tempdir().unwrap().path())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("internal error"), "{err}");
}

/// Every visible subcommand as its path of names (`["held", "sent"]`), from
/// clap's own definition so a new command is covered without editing this test.
fn visible_subcommands(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        visible_subcommands(sub, &path, out);
    }
}

#[test]
fn man_pages_and_completions_mention_every_subcommand() {
    use between::cli::docs;
    use clap::CommandFactory;

    let mut subcommands = Vec::new();
    visible_subcommands(&between::cli::Cli::command(), &[], &mut subcommands);
    assert!(subcommands.iter().any(|p| p == &["reminders", "status"]));

    // Each page's SUBCOMMANDS section names its children's pages, and those pages exist.
    let pages = docs::man_pages().unwrap();
    let page_text = |name: &str| {
        let file = format!("{name}.1");
        pages
            .iter()
            .find(|p| p.path.file_name().unwrap() == file.as_str())
            .unwrap_or_else(|| panic!("no man page {file}"))
            .text()
            // roff writes a literal hyphen as `\-`.
            .replace("\\-", "-")
    };
    for path in &subcommands {
        let parent = ["between".to_string()]
            .iter()
            .chain(&path[..path.len() - 1])
            .cloned()
            .collect::<Vec<_>>()
            .join("-");
        let page = format!("between-{}", path.join("-"));
        assert!(
            page_text(&parent).contains(&format!("{page}(1)")),
            "{parent}.1 does not mention {page}(1)"
        );
        page_text(&page);
    }

    for shell in docs::SHELLS {
        let script = docs::completion(shell).text();
        for path in &subcommands {
            let name = path.last().unwrap();
            let word = regex::Regex::new(&format!(r"(^|[^\w-]){}([^\w-]|$)", regex::escape(name)))
                .unwrap();
            assert!(
                word.is_match(&script),
                "{shell} completion does not mention `{}`",
                path.join(" ")
            );
        }
    }
}

#[test]
fn reminders_explain_a_missing_systemctl_and_exit_non_zero() {
    let home = Home::new();
    let empty = tempfile::tempdir().unwrap();
    for action in ["status", "enable", "disable"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_between"))
            .args(["reminders", action])
            .env("BETWEEN_HOME", home.path())
            .env("PATH", empty.path())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{action}");
        let message = stderr(&out);
        assert!(message.contains("systemctl was not found"), "{message}");
        assert!(!message.contains("panicked"), "{message}");
    }
}
