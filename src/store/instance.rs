//! One window at a time: a second GUI would fight the first over drafts and
//! the idle lock. The CLI never takes this lock, so scripts still work.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Held for as long as the window is open; the OS releases it on exit or crash.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    #[error("Between is already open in another window. Switch to that window; crisis help works here too.")]
    AlreadyRunning,
    #[error("could not create the lock file {0}: {1}")]
    Io(String, std::io::Error),
}

pub fn acquire(path: &Path) -> Result<InstanceLock, InstanceError> {
    if let Some(dir) = path.parent() {
        crate::store::paths::make_private_dir(dir)
            .map_err(|e| InstanceError::Io(dir.display().to_string(), e))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| InstanceError::Io(path.display().to_string(), e))?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a file descriptor we own; no memory is touched.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(InstanceError::AlreadyRunning);
        }
    }
    Ok(InstanceLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_instance_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/gui.lock");
        let first = acquire(&path).unwrap();
        assert!(matches!(acquire(&path), Err(InstanceError::AlreadyRunning)));
        drop(first);
        assert!(acquire(&path).is_ok());
    }
}
