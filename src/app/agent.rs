//! The opt-in session agent (`between unlock`), client side: where its
//! socket lives, the tiny line protocol, and the checks both ends make.
//!
//! Like ssh-agent and gpg-agent, a small background process holds the
//! unlocked identity for a while (default 15 minutes), so every command
//! skips scrypt. It answers only on a 0600 socket in a 0700 folder under
//! `$XDG_RUNTIME_DIR`, and only to processes of the same user (checked with
//! the kernel's peer credentials on each connection). It is off until you
//! run `between unlock`; `between lock` or the timeout wipes it. The server
//! is in `agent_serve`.
//!
//! Protocol: the client writes one line, `GET`, `STATUS` or `LOCK`; the agent
//! answers one line, `OK <identity>`, `OK <seconds left>` or `OK`, or
//! `ERR <reason>`, and closes.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use age::secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::paths::Paths;

/// How long `between unlock` keeps the key when no `--for` is given.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The longest window `--for` accepts.
pub const MAX_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// How long either end waits for the other's line before giving up.
pub const IO_TIMEOUT: Duration = Duration::from_secs(2);

/// The folder of agent sockets: `$XDG_RUNTIME_DIR/between`. None when
/// `XDG_RUNTIME_DIR` is unset (no per-user, per-login private folder).
pub fn socket_dir() -> Option<PathBuf> {
    // The spec requires an absolute path; a relative one is ignored.
    let runtime = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    runtime.is_absolute().then(|| runtime.join("between"))
}

/// The socket of the agent for this vault: one per data folder, named by a
/// hash of its path so several vaults (`BETWEEN_HOME`) never share one.
pub fn socket_path(paths: &Paths) -> Option<PathBuf> {
    let data = std::fs::canonicalize(&paths.data).unwrap_or_else(|_| paths.data.clone());
    let digest = Sha256::digest(data.as_os_str().as_encoded_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(socket_dir()?.join(format!("agent-{name}.sock")))
}

/// The one rule for who may talk to the agent (and whom a client trusts as
/// an agent): the same user, and nobody else, root included.
pub fn peer_allowed(peer_uid: u32, own_uid: u32) -> bool {
    peer_uid == own_uid
}

pub fn own_uid() -> u32 {
    unsafe { libc::getuid() }
}

/// The uid of the process at the other end of `stream`, from the kernel.
#[cfg(target_os = "linux")]
pub fn peer_uid(stream: &UnixStream) -> Option<u32> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    (rc == 0).then_some(cred.uid)
}

#[cfg(not(target_os = "linux"))]
pub fn peer_uid(stream: &UnixStream) -> Option<u32> {
    use std::os::fd::AsRawFd;
    let (mut uid, mut gid) = (0, 0);
    let rc = unsafe { libc::getpeereid(stream.as_raw_fd(), &mut uid, &mut gid) };
    (rc == 0).then_some(uid)
}

/// Whether `path` is ours and closed to others: owned by this user, and no
/// group or other permission bits beyond `allowed_mode`.
pub fn private_to_us(path: &Path, allowed_mode: u32) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            peer_allowed(meta.uid(), own_uid())
                && meta.permissions().mode() & 0o777 & !allowed_mode == 0
        }
        Err(_) => false,
    }
}

/// Parses `30s`, `15m`, `2h` (or `1h30m`) into a window, at most a day.
pub fn parse_window(text: &str) -> Result<Duration, String> {
    let bad = || format!("'{text}' is not a duration; use for example 30s, 15m or 2h");
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(bad()),
        };
        let value: u64 = number.parse().map_err(|_| bad())?;
        total = total.saturating_add(value.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() || total == 0 {
        return Err(bad());
    }
    let window = Duration::from_secs(total);
    if window > MAX_WINDOW {
        return Err(format!(
            "'{text}' is longer than a day; unlock for at most 24h"
        ));
    }
    Ok(window)
}

/// Sends one request and reads the one-line answer. None when no agent
/// answers (no socket, a stale one, another user's, or a refusal).
fn ask(paths: &Paths, request: &str) -> Option<Zeroizing<String>> {
    let socket = socket_path(paths)?;
    if !private_to_us(socket.parent()?, 0o700) || !private_to_us(&socket, 0o600) {
        return None;
    }
    let mut stream = UnixStream::connect(&socket).ok()?;
    // Trust only an agent run by this user.
    if !peer_allowed(peer_uid(&stream)?, own_uid()) {
        return None;
    }
    stream.set_read_timeout(Some(IO_TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(IO_TIMEOUT)).ok()?;
    stream.write_all(format!("{request}\n").as_bytes()).ok()?;
    let mut line = Zeroizing::new(String::new());
    BufReader::new(&stream).read_line(&mut line).ok()?;
    let answer = line.trim_end().strip_prefix("OK")?;
    Some(Zeroizing::new(answer.trim_start().to_string()))
}

/// The identity the agent holds for this vault, if one is running.
pub fn fetch(paths: &Paths) -> Option<SecretString> {
    let answer = ask(paths, "GET")?;
    (!answer.is_empty()).then(|| SecretString::from(answer.to_string()))
}

/// Seconds until the running agent wipes the key, if one is running.
pub fn remaining(paths: &Paths) -> Option<u64> {
    ask(paths, "STATUS")?.parse().ok()
}

/// Tells the agent to wipe the key and exit. Whether one was running.
pub fn lock(paths: &Paths) -> bool {
    ask(paths, "LOCK").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_user_may_talk_to_the_agent() {
        assert!(peer_allowed(1000, 1000));
        assert!(!peer_allowed(1001, 1000));
        assert!(!peer_allowed(0, 1000), "not even root");
        assert!(!peer_allowed(1000, 0));
    }

    #[test]
    fn windows_are_parsed_and_bounded() {
        assert_eq!(parse_window("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_window("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_window("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_window("1h30m"), Ok(Duration::from_secs(5400)));
        for bad in ["", "15", "m", "0s", "5 minutes", "-1m", "1d"] {
            assert!(parse_window(bad).is_err(), "{bad}");
        }
        assert!(parse_window("25h").unwrap_err().contains("at most 24h"));
    }

    #[test]
    fn each_vault_has_its_own_socket() {
        let a = Paths::under(PathBuf::from("/nonexistent/a"));
        let b = Paths::under(PathBuf::from("/nonexistent/b"));
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", "/run/user/test") };
        let (sa, sb) = (socket_path(&a).unwrap(), socket_path(&b).unwrap());
        assert_ne!(sa, sb);
        assert!(sa.starts_with("/run/user/test/between"));
        assert_eq!(sa, socket_path(&a).unwrap());
    }
}
