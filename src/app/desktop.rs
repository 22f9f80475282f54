//! Desktop integration that both front ends offer: the reminder timer the
//! package ships as a systemd user unit, and opening Between at login.
//!
//! Everything here runs `systemctl --user` or touches one file in the user's
//! autostart folder; both can be missing on a given machine, so every failure
//! comes back as a [`DesktopError`] that explains itself in plain words.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use crate::domain::{APP_ID, DESKTOP_ENTRY};

/// The systemd user timer the package installs in `/usr/lib/systemd/user/`.
pub const REMINDER_TIMER: &str = "between-remind.timer";

/// Name of the file in `~/.config/autostart/` (the name the issue promises).
pub const AUTOSTART_FILE: &str = "between.desktop";

/// What the autostart file says: open the window at login.
const AUTOSTART_ENTRY: &str = include_str!("../../assets/linux/between-autostart.desktop");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    Active,
    Inactive,
}

impl TimerState {
    /// The word `systemctl is-active` uses, for scripts.
    pub fn as_str(self) -> &'static str {
        match self {
            TimerState::Active => "active",
            TimerState::Inactive => "inactive",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DesktopError {
    #[error(
        "systemctl was not found, so Between cannot turn its reminder timer on or off on this computer (it needs systemd); `between remind` can still be run from cron"
    )]
    NoSystemctl,
    #[error(
        "systemctl could not reach your user session (there is no user bus); run this from your desktop session, not through sudo, su or a bare SSH login"
    )]
    NoUserBus,
    #[error(
        "the reminder timer ({REMINDER_TIMER}) is not installed; install Between's .deb package to get it"
    )]
    TimerNotInstalled,
    #[error("systemctl --user {action} failed: {detail}")]
    Systemctl { action: String, detail: String },
    #[error("could not find your home folder, so there is no autostart folder to use")]
    NoConfigDir,
    #[error("could not change {path}: {detail}")]
    Io { path: String, detail: String },
}

/// What Settings shows: the timer and the autostart choice, each with its own outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesktopStatus {
    pub reminder_timer: Result<TimerState, DesktopError>,
    pub autostart: Result<bool, DesktopError>,
}

/// Both settings at once (runs `systemctl`, reads one path).
pub fn status() -> DesktopStatus {
    DesktopStatus {
        reminder_timer: reminder_timer_state(),
        autostart: autostart_enabled(),
    }
}

/// Whether the reminder timer is running (`systemctl --user is-active`).
pub fn reminder_timer_state() -> Result<TimerState, DesktopError> {
    let output = systemctl(&["is-active", REMINDER_TIMER])?;
    if output.success {
        return Ok(TimerState::Active);
    }
    // is-active exits non-zero and prints a state ("inactive", "failed",
    // "unknown") when it reached the manager; only an empty answer is an error.
    if output.stdout.trim().is_empty() {
        return Err(classify_failure("is-active", &output.stderr));
    }
    Ok(TimerState::Inactive)
}

/// Turns the reminder timer on or off now and for future logins
/// (`systemctl --user enable|disable --now`), then reports its state.
pub fn set_reminder_timer(on: bool) -> Result<TimerState, DesktopError> {
    let action = if on { "enable" } else { "disable" };
    let output = systemctl(&[action, "--now", REMINDER_TIMER])?;
    if !output.success {
        return Err(classify_failure(action, &output.stderr));
    }
    reminder_timer_state()
}

struct SystemctlOutput {
    success: bool,
    stdout: String,
    stderr: String,
}

fn systemctl(args: &[&str]) -> Result<SystemctlOutput, DesktopError> {
    let output = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => DesktopError::NoSystemctl,
            _ => DesktopError::Systemctl {
                action: args.join(" "),
                detail: e.to_string(),
            },
        })?;
    Ok(SystemctlOutput {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Turns systemctl's stderr into the error a person can act on.
fn classify_failure(action: &str, stderr: &str) -> DesktopError {
    let lower = stderr.to_lowercase();
    if lower.contains("bus") && (lower.contains("connect") || lower.contains("not defined")) {
        return DesktopError::NoUserBus;
    }
    if lower.contains("does not exist") || lower.contains("not found") {
        return DesktopError::TimerNotInstalled;
    }
    let detail = stderr
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("no message")
        .to_string();
    DesktopError::Systemctl {
        action: action.to_string(),
        detail,
    }
}

/// `~/.config/autostart/between.desktop`, honouring `XDG_CONFIG_HOME`.
pub fn autostart_path() -> Result<PathBuf, DesktopError> {
    let dirs = directories::BaseDirs::new().ok_or(DesktopError::NoConfigDir)?;
    Ok(autostart_path_in(dirs.config_dir()))
}

fn autostart_path_in(config_dir: &Path) -> PathBuf {
    config_dir.join("autostart").join(AUTOSTART_FILE)
}

/// Whether Between opens at login (its autostart file exists).
pub fn autostart_enabled() -> Result<bool, DesktopError> {
    is_present(&autostart_path()?)
}

/// Writes or removes the autostart file, then reports whether it is there.
pub fn set_autostart(on: bool) -> Result<bool, DesktopError> {
    set_autostart_at(&autostart_path()?, on)
}

fn set_autostart_at(path: &Path, on: bool) -> Result<bool, DesktopError> {
    if on {
        write_autostart(path)?;
    } else {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(path, e)),
        }
    }
    is_present(path)
}

fn is_present(path: &Path) -> Result<bool, DesktopError> {
    path.try_exists().map_err(|e| io_error(path, e))
}

fn write_autostart(path: &Path) -> Result<(), DesktopError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    }
    crate::store::paths::write_atomic(path, AUTOSTART_ENTRY.as_bytes())
        .map_err(|e| io_error(path, e))
}

fn io_error(path: &Path, error: io::Error) -> DesktopError {
    DesktopError::Io {
        path: path.display().to_string(),
        detail: error.to_string(),
    }
}

/// Writes a generated file (a man page, a completion script) for packaging,
/// creating its folder first.
pub fn write_generated(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        crate::store::paths::make_private_dir(parent)?;
    }
    crate::store::paths::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_user_bus_is_named_plainly() {
        let error = classify_failure(
            "enable",
            "Failed to connect to bus: $DBUS_SESSION_BUS_ADDRESS and $XDG_RUNTIME_DIR not defined",
        );
        assert_eq!(error, DesktopError::NoUserBus);
        assert!(error.to_string().contains("user session"));
    }

    #[test]
    fn missing_unit_says_the_timer_is_not_installed() {
        let error = classify_failure(
            "enable",
            "Failed to enable unit: Unit file between-remind.timer does not exist.",
        );
        assert_eq!(error, DesktopError::TimerNotInstalled);
    }

    #[test]
    fn other_failures_keep_systemctls_first_line() {
        let error = classify_failure("disable", "\nAccess denied\nmore");
        assert_eq!(
            error.to_string(),
            "systemctl --user disable failed: Access denied"
        );
    }

    #[test]
    fn autostart_file_is_written_and_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = autostart_path_in(tmp.path());
        assert_eq!(set_autostart_at(&path, true), Ok(true));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), AUTOSTART_ENTRY);
        // Turning it on twice and off twice are both fine.
        assert_eq!(set_autostart_at(&path, true), Ok(true));
        assert_eq!(set_autostart_at(&path, false), Ok(false));
        assert_eq!(set_autostart_at(&path, false), Ok(false));
        assert!(!path.exists());
    }

    #[test]
    fn autostart_entry_opens_the_window_and_names_the_app() {
        assert!(AUTOSTART_ENTRY.contains("\nExec=between\n"));
        assert!(AUTOSTART_ENTRY.contains(&format!("Icon={APP_ID}")));
    }
}
