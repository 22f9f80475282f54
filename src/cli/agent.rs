//! `between unlock`, `between lock` and the hidden `between agent-serve`:
//! the opt-in session agent (see `app::agent`).

use crate::app::agent;
use crate::app::agent_serve;

/// `between unlock [--for DURATION] [--status]`.
pub fn unlock(window: Option<String>, status: bool) -> Result<(), String> {
    let paths = super::paths()?;
    if status {
        return print_status(&paths);
    }
    let window = match window {
        Some(text) => agent::parse_window(&text)?,
        None => agent::DEFAULT_WINDOW,
    };
    if agent::socket_path(&paths).is_none() {
        return Err("XDG_RUNTIME_DIR is not set, so there is no private per-login folder for the agent's socket; nothing was started (commands will ask for the passphrase as before)".into());
    }
    let vault = super::open_vault()?;
    // Always the passphrase here: unlocking proves you know it.
    let keys = vault
        .unlock(&super::secret::current()?)
        .map_err(|e| e.to_string())?;
    let started = agent_serve::start(&paths, &keys, window)?;
    drop(keys);
    if started.replaced {
        println!("Replaced the session that was running.");
    }
    println!(
        "Unlocked for {}: commands by your user need no passphrase until then, or until `between lock`.",
        words(window.as_secs())
    );
    if !started.memory_locked {
        eprintln!("between: warning: the kernel refused to lock the agent's key in memory (ulimit -l), so it could be written to swap");
    }
    Ok(())
}

/// `between lock`: wipes the agent's key. Says whether one was running.
pub fn lock() -> Result<(), String> {
    let paths = super::paths()?;
    if agent::lock(&paths) {
        println!("Locked: the session's key is wiped; commands ask for the passphrase again.");
    } else {
        println!("No session was running for this journal; nothing to lock.");
    }
    Ok(())
}

/// `between agent-serve` (hidden): the agent process itself.
pub fn serve(socket: std::path::PathBuf, seconds: u64) -> Result<(), String> {
    agent_serve::serve(&socket, seconds)
}

fn print_status(paths: &crate::app::Paths) -> Result<(), String> {
    match agent::remaining(paths) {
        Some(left) => println!("Unlocked: the session locks in {}.", words(left)),
        None => println!("Locked: no session is running for this journal."),
    }
    if let Ok(vault) = super::open_vault() {
        println!(
            "identity.age: {}.",
            super::secret::describe_work_factor(&vault)
        );
    }
    Ok(())
}

fn words(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}
