//! Writing an entry in the user's own editor, on a private temp file that
//! is wiped afterwards: a 0700 folder under `$XDG_RUNTIME_DIR` (memory on
//! most Linux systems) or else the data folder, a 0600 file, and at the end
//! every file in the folder (the editor's swap and backup files too)
//! overwritten with zeros and removed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use zeroize::Zeroizing;

/// The editor command: `$EDITOR`, else `$VISUAL`, else nano, else vi.
pub fn editor_command() -> String {
    for var in ["EDITOR", "VISUAL"] {
        if let Ok(value) = std::env::var(var) {
            if !value.trim().is_empty() {
                return value;
            }
        }
    }
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
            .unwrap_or(false)
    };
    if on_path("nano") {
        "nano".into()
    } else {
        "vi".into()
    }
}

/// A private folder that wipes itself when dropped.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(data_dir: &Path) -> Result<Scratch, String> {
        let base = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(|| data_dir.to_path_buf());
        let dir = base.join(format!("between-edit-{}", uuid::Uuid::new_v4().simple()));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(&dir)
            .map_err(|e| format!("could not make a private folder in {}: {e}", base.display()))?;
        Ok(Scratch { dir })
    }

    fn create_file(&self, name: &str, contents: &str) -> Result<PathBuf, String> {
        let path = self.dir.join(name);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| format!("could not create a private temp file: {e}"))?;
        file.write_all(contents.as_bytes())
            .map_err(|e| format!("could not write the temp file: {e}"))?;
        Ok(path)
    }
}

/// Overwrites a file's bytes with zeros, flushes, and removes it.
fn wipe_file(path: &Path) {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.is_file() {
            if let Ok(mut file) = fs::OpenOptions::new().write(true).open(path) {
                let zeros = vec![0u8; 64 * 1024];
                let mut left = meta.len();
                while left > 0 {
                    let n = left.min(zeros.len() as u64) as usize;
                    if file.write_all(&zeros[..n]).is_err() {
                        break;
                    }
                    left -= n as u64;
                }
                let _ = file.sync_all();
            }
        }
    }
    let _ = fs::remove_file(path);
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(items) = fs::read_dir(&self.dir) {
            for item in items.flatten() {
                let path = item.path();
                if path.is_dir() && !path.is_symlink() {
                    let _ = fs::remove_dir_all(&path);
                } else {
                    wipe_file(&path);
                }
            }
        }
        let _ = fs::remove_dir(&self.dir);
    }
}

/// Opens the editor on `initial` and returns what was saved. The temp file
/// is wiped whatever happens.
pub fn edit(initial: &str, data_dir: &Path) -> Result<Zeroizing<String>, String> {
    let scratch = Scratch::new(data_dir)?;
    let file = scratch.create_file("entry.txt", initial)?;
    let editor = editor_command();
    // Through sh, so EDITOR may carry arguments ("code --wait").
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("between-editor")
        .arg(&file)
        .status()
        .map_err(|e| format!("could not start the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor `{editor}` exited with an error; nothing was saved"
        ));
    }
    let bytes = Zeroizing::new(
        fs::read(&file).map_err(|e| format!("could not read the edited text: {e}"))?,
    );
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| "the edited text is not UTF-8; nothing was saved".to_string())?;
    Ok(Zeroizing::new(text.to_string()))
}
