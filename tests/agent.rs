//! The opt-in session agent (`between unlock` / `between lock`) and the
//! scrypt work factor (`between passwd --work-factor`), through the binary.
//!
//! Every test has its own `XDG_RUNTIME_DIR`, keeps windows short and locks
//! in `Drop`, so no agent outlives it. Commands run in a new session
//! (`setsid`), so without `BETWEEN_PASSPHRASE` there is no terminal to ask
//! at and they fail at once instead of prompting.
#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::{stderr, stdout, FAST_KDF};

const PASS: &str = "plum kettle granite whistle";

struct Rig {
    home: tempfile::TempDir,
    runtime: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let rig = Rig {
            home: tempfile::tempdir().unwrap(),
            runtime: tempfile::tempdir().unwrap(),
        };
        std::fs::set_permissions(rig.runtime.path(), std::fs::Permissions::from_mode(0o700))
            .unwrap();
        let out = rig.run(&["init"], Some(PASS));
        assert!(out.status.success(), "{}", stderr(&out));
        let out = rig.run(&["add", "the walk by the river helped"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        rig
    }

    fn run(&self, args: &[&str], passphrase: Option<&str>) -> Output {
        self.run_env(args, passphrase, &[])
    }

    fn run_env(
        &self,
        args: &[&str],
        passphrase: Option<&str>,
        env: &[(&str, Option<&str>)],
    ) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_between"));
        cmd.args(args)
            .env("BETWEEN_HOME", self.home.path())
            .env("XDG_RUNTIME_DIR", self.runtime.path())
            .env(FAST_KDF.0, FAST_KDF.1)
            .env_remove("BETWEEN_PASSPHRASE")
            .env_remove("BETWEEN_NEW_PASSPHRASE")
            .env("TZ", "America/New_York")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // No controlling terminal: a passphrase prompt fails instead of waiting.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        for (name, value) in env {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            };
        }
        if let Some(p) = passphrase {
            cmd.env("BETWEEN_PASSPHRASE", p);
        }
        cmd.output().unwrap()
    }

    fn socket_dir(&self) -> PathBuf {
        self.runtime.path().join("between")
    }

    /// The agent sockets present now.
    fn sockets(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.socket_dir()) {
            Ok(items) => items.flatten().map(|i| i.path()).collect(),
            Err(_) => Vec::new(),
        }
    }

    fn unlock(&self, window: &str) {
        let out = self.run(&["unlock", "--for", window], Some(PASS));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("Unlocked for"), "{}", stdout(&out));
    }

    /// `list` without the passphrase: Ok(stdout) or Err(stderr).
    fn list_without_passphrase(&self) -> Result<String, String> {
        let out = self.run(&["list"], None);
        if out.status.success() {
            Ok(stdout(&out))
        } else {
            Err(stderr(&out))
        }
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        let _ = self.run(&["lock"], None);
    }
}

fn needs_passphrase(result: Result<String, String>) {
    let err = result.expect_err("should need the passphrase");
    assert!(err.contains("could not read the passphrase"), "{err}");
}

#[test]
fn unlock_lets_commands_run_without_the_passphrase_until_lock() {
    let rig = Rig::new();
    needs_passphrase(rig.list_without_passphrase());
    rig.unlock("60s");
    let listed = rig.list_without_passphrase().unwrap();
    assert!(listed.contains("the walk by the river helped"), "{listed}");
    let found = rig.run(&["search", "river"], None);
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(stdout(&found).contains("the walk by the river"));
    let status = rig.run(&["unlock", "--status"], None);
    assert!(
        stdout(&status).contains("Unlocked: the session locks in"),
        "{}",
        stdout(&status)
    );

    let locked = rig.run(&["lock"], None);
    assert!(locked.status.success());
    assert!(
        stdout(&locked).starts_with("Locked:"),
        "{}",
        stdout(&locked)
    );
    assert!(rig.sockets().is_empty(), "the socket is removed on lock");
    assert!(gone(&rig), "the agent process ended");
    needs_passphrase(rig.list_without_passphrase());
    let again = rig.run(&["lock"], None);
    assert!(
        stdout(&again).contains("No session was running"),
        "{}",
        stdout(&again)
    );
    let status = rig.run(&["unlock", "--status"], None);
    assert!(
        stdout(&status).contains("Locked: no session"),
        "{}",
        stdout(&status)
    );
}

#[test]
fn the_window_ends_by_itself() {
    let rig = Rig::new();
    rig.unlock("2s");
    assert!(rig.list_without_passphrase().is_ok());
    std::thread::sleep(Duration::from_millis(3500));
    needs_passphrase(rig.list_without_passphrase());
    assert!(
        rig.sockets().is_empty(),
        "the socket is removed at the timeout"
    );
    assert!(gone(&rig), "the agent process ended");
}

/// Whether no agent process serves this rig's folder (waits up to a second).
fn gone(rig: &Rig) -> bool {
    (0..20).any(|_| {
        let none = agent_pid(&rig.socket_dir()).is_none();
        if !none {
            std::thread::sleep(Duration::from_millis(50));
        }
        none
    })
}

#[test]
fn a_killed_agent_leaves_a_stale_socket_that_harms_nothing() {
    let rig = Rig::new();
    rig.unlock("60s");
    let pid = agent_pid(&rig.socket_dir()).expect("the agent process");
    unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    assert!(gone(&rig));
    assert_eq!(rig.sockets().len(), 1, "the socket file is left behind");
    needs_passphrase(rig.list_without_passphrase());
    let lock = rig.run(&["lock"], None);
    assert!(
        stdout(&lock).contains("No session was running"),
        "{}",
        stdout(&lock)
    );
    rig.unlock("60s");
    assert!(
        rig.list_without_passphrase().is_ok(),
        "a new agent replaces the stale socket"
    );
}

#[test]
fn the_socket_is_0600_in_a_0700_folder_and_ours() {
    let rig = Rig::new();
    // A folder left too open is closed before anything listens in it.
    std::fs::create_dir(rig.socket_dir()).unwrap();
    std::fs::set_permissions(rig.socket_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    rig.unlock("60s");
    let dir = std::fs::metadata(rig.socket_dir()).unwrap();
    assert_eq!(dir.permissions().mode() & 0o777, 0o700);
    let sockets = rig.sockets();
    assert_eq!(sockets.len(), 1, "{sockets:?}");
    let socket = std::fs::symlink_metadata(&sockets[0]).unwrap();
    assert_eq!(socket.permissions().mode() & 0o777, 0o600);
    assert_eq!(socket.uid(), unsafe { libc::getuid() });
    assert!(std::os::unix::fs::FileTypeExt::is_socket(
        &socket.file_type()
    ));
}

#[test]
fn the_key_reaches_the_agent_by_pipe_never_argv_or_environment() {
    let rig = Rig::new();
    rig.unlock("60s");
    let pid = agent_pid(&rig.socket_dir()).expect("the agent process");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(!String::from_utf8_lossy(&cmdline).contains("AGE-SECRET-KEY"));
    // Non-dumpable: another (non-root) process of the user cannot read it at all.
    if let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) {
        let environ = String::from_utf8_lossy(&environ);
        assert!(
            !environ.contains("BETWEEN_PASSPHRASE"),
            "passphrase in the agent's env"
        );
        assert!(!environ.contains(PASS));
        assert!(!environ.contains("AGE-SECRET-KEY"));
    }
}

/// The pid of the agent serving a socket under `dir` (from /proc).
fn agent_pid(dir: &Path) -> Option<u32> {
    let dir = dir.to_string_lossy().into_owned();
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|p| {
        let pid: u32 = p.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(p.path().join("cmdline")).ok()?;
        let cmdline = String::from_utf8_lossy(&cmdline);
        (cmdline.contains("agent-serve") && cmdline.contains(&dir)).then_some(pid)
    })
}

#[test]
fn a_wrong_passphrase_starts_no_agent() {
    let rig = Rig::new();
    let out = rig.run(&["unlock", "--for", "60s"], Some("not the passphrase"));
    assert!(!out.status.success());
    assert!(rig.sockets().is_empty(), "{:?}", rig.sockets());
    assert!(agent_pid(&rig.socket_dir()).is_none());
    needs_passphrase(rig.list_without_passphrase());
}

#[test]
fn without_xdg_runtime_dir_unlock_refuses_and_commands_still_work() {
    let rig = Rig::new();
    let out = rig.run_env(&["unlock"], Some(PASS), &[("XDG_RUNTIME_DIR", None)]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("XDG_RUNTIME_DIR is not set"),
        "{}",
        stderr(&out)
    );
    let listed = rig.run_env(&["list"], Some(PASS), &[("XDG_RUNTIME_DIR", None)]);
    assert!(listed.status.success(), "{}", stderr(&listed));
}

#[test]
fn bad_windows_are_refused_before_asking_anything() {
    let rig = Rig::new();
    let out = rig.run(&["unlock", "--for", "forever"], Some(PASS));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("use for example 30s, 15m or 2h"),
        "{}",
        stderr(&out)
    );
    assert!(rig.sockets().is_empty());
}

#[test]
fn a_key_for_another_vault_falls_back_to_the_passphrase() {
    let rig = Rig::new();
    let other = Rig::new();
    rig.unlock("60s");
    // The agent holds the first vault's key; put another vault in its place.
    let vault = rig.home.path().join("vault");
    std::fs::rename(&vault, rig.home.path().join("vault-before")).unwrap();
    let copied = Command::new("cp")
        .arg("-a")
        .arg(other.home.path().join("vault"))
        .arg(&vault)
        .status()
        .unwrap();
    assert!(copied.success());
    let out = rig.run(&["list"], Some(PASS));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds another key"),
        "{}",
        stderr(&out)
    );
    needs_passphrase(rig.list_without_passphrase());
}

#[test]
fn passwd_rotate_locks_the_session_holding_the_old_key() {
    let rig = Rig::new();
    rig.unlock("60s");
    let out = rig.run_env(
        &["passwd", "--rotate"],
        Some(PASS),
        &[(
            "BETWEEN_NEW_PASSPHRASE",
            Some("a new and different passphrase"),
        )],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("was locked"), "{}", stdout(&out));
    assert!(rig.sockets().is_empty());
}

#[test]
fn passwd_work_factor_rewraps_within_bounds_and_says_which() {
    let rig = Rig::new();
    for outside in ["14", "23"] {
        let out = rig.run(&["passwd", "--work-factor", outside], Some(PASS));
        assert!(!out.status.success());
        assert!(stderr(&out).contains("outside 15..=22"), "{}", stderr(&out));
    }
    let status = rig.run(&["unlock", "--status"], None);
    assert!(
        stdout(&status).contains("work factor 2^10"),
        "{}",
        stdout(&status)
    );
    let out = rig.run(&["passwd", "--work-factor", "15"], Some(PASS));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("work factor 2^15 (32 MiB)"),
        "{}",
        stdout(&out)
    );
    let status = rig.run(&["unlock", "--status"], None);
    assert!(
        stdout(&status).contains("work factor 2^15"),
        "{}",
        stdout(&status)
    );
    // Same passphrase, still opens.
    let listed = rig.run(&["list"], Some(PASS));
    assert!(
        stdout(&listed).contains("the walk by the river"),
        "{}",
        stderr(&listed)
    );
}

/// Runs a window task to the end, feeding its messages back, as tests/gui.rs does.
fn settle(app: &mut between::ui::App, task: iced::Task<between::ui::Message>) {
    use futures::StreamExt;
    let Some(stream) = iced_runtime::task::into_stream(task) else {
        return;
    };
    for action in futures::executor::block_on(stream.collect::<Vec<_>>()) {
        if let iced_runtime::Action::Output(message) = action {
            let next = app.update(message);
            settle(app, next);
        }
    }
}

#[test]
fn the_lock_screen_offers_the_running_session_and_opens_with_it() {
    use between::ui::{lock, App, Message, Screen};
    let rig = Rig::new();
    // The window reads XDG_RUNTIME_DIR from its own environment; every test
    // here passes its own to the binary, so setting it is safe.
    unsafe { std::env::set_var("XDG_RUNTIME_DIR", rig.runtime.path()) };
    let paths = between::store::paths::Paths::under(rig.home.path().to_path_buf());

    let offered = |app: &App| matches!(&app.screen, Screen::Locked(l) if l.session_available);
    let mut app = App::new(paths.clone());
    let focus = app.first_focus();
    settle(&mut app, focus);
    assert!(!offered(&app), "no session yet, no offer");

    rig.unlock("60s");
    let mut app = App::new(paths.clone());
    let focus = app.first_focus();
    settle(&mut app, focus);
    assert!(offered(&app), "the running session is offered");
    let task = app.update(Message::Lock(lock::Message::UnlockWithSession));
    settle(&mut app, task);
    assert!(app.is_unlocked(), "opened with the session's key");

    // Locked in the meantime: the click says so and leaves the window locked.
    let mut app = App::new(paths);
    let focus = app.first_focus();
    settle(&mut app, focus);
    assert!(offered(&app));
    let _ = rig.run(&["lock"], None);
    let task = app.update(Message::Lock(lock::Message::UnlockWithSession));
    settle(&mut app, task);
    match &app.screen {
        Screen::Locked(l) => {
            let error = l.error.as_deref().unwrap_or_default();
            assert!(error.contains("session has ended"), "{error}");
            assert!(!l.working);
        }
        _ => panic!("should stay locked"),
    }
}

#[test]
fn import_uses_the_session_to_skip_what_is_already_there() {
    let rig = Rig::new();
    let file = rig.home.path().join("old.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"an older note\", \"created_at\": \"2026-10-01T09:00:00-04:00\"}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    rig.unlock("60s");
    for skipped in ["skipped 0", "skipped 1"] {
        let out = rig.run(&["import", file, "--format", "jsonl"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains(skipped), "{}", stdout(&out));
    }
}
