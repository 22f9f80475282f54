//! The session agent's process: `between unlock` starts it (`start`), and
//! it runs as the hidden command `between agent-serve` (`serve`).
//!
//! The identity reaches it through a pipe on stdin, never argv or the
//! environment (both are readable in /proc). It keeps the key in one
//! buffer locked in RAM (`mlock`, best effort: the result is reported) in a
//! process that cannot be dumped or traced by other processes of the user
//! (`PR_SET_DUMPABLE` 0), and wipes it on `LOCK` or when the window ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use age::secrecy::ExposeSecret;
use zeroize::{Zeroize, Zeroizing};

use super::agent::{self, IO_TIMEOUT};
use crate::store::paths::Paths;
use crate::store::vault::Keys;

/// What `start` reports back.
pub struct Started {
    pub socket: PathBuf,
    /// False when the kernel refused to lock the key's page in RAM (a low
    /// `ulimit -l`): it could then be written to swap.
    pub memory_locked: bool,
    /// Whether an agent was already running (it was replaced).
    pub replaced: bool,
}

/// Starts the agent for this vault with `keys`, for `window`; an agent
/// already running for it is locked first. Returns once it listens.
pub fn start(paths: &Paths, keys: &Keys, window: Duration) -> Result<Started, String> {
    let socket = agent::socket_path(paths).ok_or(
        "XDG_RUNTIME_DIR is not set, so there is no private per-login folder for the agent's socket; nothing was started (commands will ask for the passphrase as before)",
    )?;
    let dir = socket.parent().ok_or("the agent's folder has no parent")?;
    prepare_dir(dir)?;
    let replaced = agent::lock(paths);
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut child = Command::new(exe)
        .arg("agent-serve")
        .arg("--socket")
        .arg(&socket)
        .arg("--seconds")
        .arg(window.as_secs().to_string())
        // The agent needs no passphrase: keep it out of its environment.
        .env_remove("BETWEEN_PASSPHRASE")
        .env_remove("BETWEEN_NEW_PASSPHRASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start the agent: {e}"))?;
    {
        let mut stdin = child.stdin.take().ok_or("the agent has no stdin")?;
        let identity = keys.identity_secret();
        let mut line = Zeroizing::new(identity.expose_secret().as_bytes().to_vec());
        line.push(b'\n');
        stdin
            .write_all(&line)
            .map_err(|e| format!("could not hand the key to the agent: {e}"))?;
    }
    let mut ready = String::new();
    let stdout = child.stdout.take().ok_or("the agent has no stdout")?;
    BufReader::new(stdout)
        .read_line(&mut ready)
        .map_err(|e| format!("the agent did not answer: {e}"))?;
    match ready.trim_end().strip_prefix("ready ") {
        Some(lock) => Ok(Started {
            socket,
            memory_locked: lock == "locked",
            replaced,
        }),
        None => {
            let _ = child.wait();
            Err(match ready.trim_end().strip_prefix("error ") {
                Some(reason) => format!("the agent could not start: {reason}"),
                None => "the agent could not start".into(),
            })
        }
    }
}

/// `$XDG_RUNTIME_DIR/between`, 0700 and ours, or a refusal.
fn prepare_dir(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    }
    if agent::private_to_us(dir, 0o700) {
        return Ok(());
    }
    // Ours but too open: close it; someone else's: refuse.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .ok()
        .filter(|_| agent::private_to_us(dir, 0o700))
        .ok_or_else(|| {
            format!(
                "{} belongs to another user or cannot be made private (0700); nothing was started",
                dir.display()
            )
        })
}

/// The key, in one buffer whose page is locked in RAM; wiped on drop.
struct LockedSecret {
    buf: Box<[u8; 256]>,
    len: usize,
    locked: bool,
}

impl LockedSecret {
    fn new() -> LockedSecret {
        let buf = Box::new([0u8; 256]);
        let locked = unsafe { libc::mlock(buf.as_ptr().cast(), buf.len()) } == 0;
        LockedSecret {
            buf,
            len: 0,
            locked,
        }
    }

    /// Reads one line from fd 0 straight into the buffer (std's stdin
    /// would keep a copy in its own unlocked buffer).
    fn read_stdin(&mut self) -> Result<(), String> {
        let mut stdin = std::mem::ManuallyDrop::new(unsafe {
            <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(0)
        });
        while self.len < self.buf.len() {
            let n = stdin
                .read(&mut self.buf[self.len..])
                .map_err(|e| format!("reading the key: {e}"))?;
            if n == 0 {
                break;
            }
            self.len += n;
            if let Some(end) = self.buf[..self.len].iter().position(|&b| b == b'\n') {
                self.buf[end..].zeroize();
                self.len = end;
                return Ok(());
            }
        }
        Err("the key did not arrive whole".into())
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Drop for LockedSecret {
    fn drop(&mut self) {
        self.buf.zeroize();
        if self.locked {
            unsafe { libc::munlock(self.buf.as_ptr().cast(), self.buf.len()) };
        }
    }
}

type Held = Arc<Mutex<Option<LockedSecret>>>;

/// Wipes the key, removes the socket and ends the process.
fn wipe_and_exit(held: &Held, socket: &Path) -> ! {
    drop(held.lock().unwrap_or_else(|e| e.into_inner()).take());
    let _ = std::fs::remove_file(socket);
    std::process::exit(0)
}

/// `between agent-serve`: the agent itself. Reports `ready locked`,
/// `ready unlocked` (mlock refused) or `error REASON` on stdout, then
/// serves until `LOCK` or the end of the window.
pub fn serve(socket: &Path, seconds: u64) -> Result<(), String> {
    let report = |line: &str| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    match listen(socket, seconds) {
        Ok((listener, held, deadline)) => {
            let locked = held
                .lock()
                .map(|h| h.as_ref().is_some_and(|s| s.locked))
                .unwrap_or(false);
            report(if locked {
                "ready locked"
            } else {
                "ready unlocked"
            });
            detach_stdio();
            run(listener, held, deadline, socket)
        }
        Err(reason) => {
            report(&format!("error {reason}"));
            Err(reason)
        }
    }
}

fn listen(socket: &Path, seconds: u64) -> Result<(UnixListener, Held, Instant), String> {
    unsafe {
        // Its own session: a closed terminal does not end it.
        libc::setsid();
        // A client that hangs up early must not end the agent.
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // Holds no folder busy (as ssh-agent does).
    let _ = std::env::set_current_dir("/");
    crate::store::paths::disable_core_dumps();
    let mut secret = LockedSecret::new();
    secret.read_stdin()?;
    if std::str::from_utf8(secret.bytes()).map_or(true, |s| !s.starts_with("AGE-SECRET-KEY-")) {
        return Err("what arrived is not an age key".into());
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // A stale socket of a dead agent (start() already asked a live one to lock).
    let _ = std::fs::remove_file(socket);
    // Created 0600 from the start: no moment when others could connect.
    let old_mask = unsafe { libc::umask(0o177) };
    let bound = UnixListener::bind(socket);
    unsafe { libc::umask(old_mask) };
    let listener = bound.map_err(|e| format!("could not listen on {}: {e}", socket.display()))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| format!("could not make the socket private: {e}"))?;
    Ok((listener, Arc::new(Mutex::new(Some(secret))), deadline))
}

/// Points stdin and stdout at /dev/null, so `between unlock` (and a test
/// harness reading its output) is not held open by the agent.
fn detach_stdio() {
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        use std::os::fd::AsRawFd;
        unsafe {
            libc::dup2(null.as_raw_fd(), 0);
            libc::dup2(null.as_raw_fd(), 1);
        }
    }
}

fn run(listener: UnixListener, held: Held, deadline: Instant, socket: &Path) -> Result<(), String> {
    {
        let (held, socket) = (held.clone(), socket.to_path_buf());
        std::thread::spawn(move || {
            std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
            wipe_and_exit(&held, &socket);
        });
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if answer(stream, &held, deadline) == Flow::Lock {
            wipe_and_exit(&held, socket);
        }
    }
    wipe_and_exit(&held, socket)
}

#[derive(PartialEq)]
enum Flow {
    Continue,
    Lock,
}

fn answer(mut stream: UnixStream, held: &Held, deadline: Instant) -> Flow {
    let allowed =
        agent::peer_uid(&stream).is_some_and(|uid| agent::peer_allowed(uid, agent::own_uid()));
    if !allowed {
        let _ = stream.write_all(b"ERR refused: another user\n");
        return Flow::Continue;
    }
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let mut request = String::new();
    if BufReader::new(&stream)
        .take(64)
        .read_line(&mut request)
        .is_err()
    {
        return Flow::Continue;
    }
    match request.trim_end() {
        "GET" => {
            let guard = held.lock().unwrap_or_else(|e| e.into_inner());
            let Some(secret) = guard.as_ref() else {
                return Flow::Continue;
            };
            let mut line = Zeroizing::new(Vec::with_capacity(secret.len + 4));
            line.extend_from_slice(b"OK ");
            line.extend_from_slice(secret.bytes());
            line.push(b'\n');
            let _ = stream.write_all(&line);
            Flow::Continue
        }
        "STATUS" => {
            let left = deadline.saturating_duration_since(Instant::now()).as_secs();
            let _ = stream.write_all(format!("OK {left}\n").as_bytes());
            Flow::Continue
        }
        "LOCK" => {
            drop(held.lock().unwrap_or_else(|e| e.into_inner()).take());
            let _ = stream.write_all(b"OK\n");
            Flow::Lock
        }
        _ => {
            let _ = stream.write_all(b"ERR unknown request\n");
            Flow::Continue
        }
    }
}
