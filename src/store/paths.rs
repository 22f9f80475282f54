//! Where Between keeps its files, and the private permissions they get.
//!
//! `BETWEEN_HOME`, when set, holds everything (vault, config, state) and
//! nothing is written elsewhere. Otherwise the platform directories from
//! `directories` are used.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const HOME_ENV: &str = "BETWEEN_HOME";

/// The three places Between writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The vault: database and wrapped identity.
    pub data: PathBuf,
    /// `config.toml`.
    pub config: PathBuf,
    /// Small clear state: reminder bookkeeping, lock file.
    pub state: PathBuf,
}

impl Paths {
    /// Paths from `BETWEEN_HOME` or the platform's directories.
    pub fn discover() -> io::Result<Paths> {
        if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
            return Ok(Paths::under(PathBuf::from(home)));
        }
        let dirs = directories::ProjectDirs::from("org", "Between", "between").ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "could not find a home directory; set BETWEEN_HOME to choose where Between keeps its files",
            )
        })?;
        let state = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().join("state"));
        Ok(Paths {
            data: dirs.data_dir().to_path_buf(),
            config: dirs.config_dir().to_path_buf(),
            state,
        })
    }

    /// Everything inside one directory (what `BETWEEN_HOME` means).
    pub fn under(home: PathBuf) -> Paths {
        Paths {
            data: home.join("vault"),
            config: home.join("config"),
            state: home.join("state"),
        }
    }

    pub fn db_file(&self) -> PathBuf {
        self.data.join("journal.db")
    }
    pub fn identity_file(&self) -> PathBuf {
        self.data.join("identity.age")
    }
    pub fn recipient_file(&self) -> PathBuf {
        self.data.join("recipient.txt")
    }
    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }
    pub fn lock_file(&self) -> PathBuf {
        self.state.join("gui.lock")
    }

    /// Creates the directories with mode 0700.
    pub fn ensure_dirs(&self) -> io::Result<()> {
        for dir in [&self.data, &self.config, &self.state] {
            make_private_dir(dir)?;
        }
        Ok(())
    }

    /// Files or directories that other users could read (mode looser than 0700/0600).
    pub fn loose_permissions(&self) -> Vec<PathBuf> {
        let mut loose = Vec::new();
        for dir in [&self.data, &self.config, &self.state] {
            if is_loose(dir, 0o077) {
                loose.push(dir.clone());
            }
            if let Ok(read) = fs::read_dir(dir) {
                for item in read.flatten() {
                    let path = item.path();
                    if is_loose(&path, 0o077) {
                        loose.push(path);
                    }
                }
            }
        }
        loose
    }
}

/// Creates `dir` (and parents) and takes away every group/other permission
/// (0700 for a new folder). Owner bits are never added back, so a folder the
/// user made read-only stays read-only and writing fails with a clear error.
pub fn make_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    tighten(dir, 0o700)
}

/// Takes away every group/other permission from a file (0600 for a new one).
pub fn make_private_file(file: &Path) -> io::Result<()> {
    tighten(file, 0o600)
}

#[cfg(unix)]
fn tighten(path: &Path, allowed: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)?.permissions().mode() & 0o7777;
    let tight = mode & allowed;
    if tight == mode {
        return Ok(());
    }
    set_mode(path, tight)
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _allowed: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn is_loose(path: &Path, forbidden: u32) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .map(|m| m.permissions().mode() & forbidden != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_loose(_path: &Path, _forbidden: u32) -> bool {
    false
}

/// Restricts files this process creates to the user (umask 077).
pub fn restrict_umask() {
    #[cfg(unix)]
    unsafe {
        libc::umask(0o077);
    }
}

/// Keeps secrets out of core dumps: no core file (RLIMIT_CORE = 0) and, on
/// Linux, not dumpable (which also keeps other processes of the same user
/// from attaching with ptrace).
pub fn disable_core_dumps() {
    #[cfg(unix)]
    unsafe {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &zero);
    }
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Writes `bytes` to `path` atomically: a temp file beside it, fsync, rename, fsync dir.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // An unpredictable name, created exclusively and never through a
    // symlink, so another account cannot plant or redirect the temp file.
    let tmp = dir.join(format!(".{name}.tmp-{}", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = options.open(&tmp)?;
        make_private_file(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_puts_everything_under_one_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path().to_path_buf());
        for p in [&paths.data, &paths.config, &paths.state] {
            assert!(p.starts_with(tmp.path()));
        }
    }

    #[cfg(unix)]
    #[test]
    fn directories_are_private_and_atomic_writes_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path().join("home"));
        paths.ensure_dirs().unwrap();
        let mode = fs::metadata(&paths.data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let file = paths.config_file();
        write_atomic(&file, b"x = 1").unwrap();
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(paths.loose_permissions().is_empty());
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(paths.loose_permissions(), vec![file]);
    }
}
