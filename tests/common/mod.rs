//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use age::secrecy::SecretString;
use between::store::paths::Paths;

/// Debug builds honour this so tests don't spend seconds in scrypt per unlock.
pub const FAST_KDF: (&str, &str) = ("BETWEEN_KDF_LOG_N", "10");

pub fn fast_kdf() {
    // Same value in every test, so concurrent setting is harmless.
    unsafe { std::env::set_var(FAST_KDF.0, FAST_KDF.1) };
}

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        fast_kdf();
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    pub fn paths(&self) -> Paths {
        Paths::under(self.dir.path().to_path_buf())
    }
    /// Runs the `between` binary with this home and an optional passphrase.
    pub fn run(&self, args: &[&str], passphrase: Option<&str>, stdin: Option<&str>) -> Output {
        self.run_env(args, passphrase, stdin, &[])
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in std::fs::read_dir(&d).unwrap().flatten() {
            let p = item.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// A snapshot of every file's bytes, to prove that nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    all_files(dir)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

impl Home {
    /// As [`Home::run`], with extra environment variables set (`Some`) or
    /// removed (`None`).
    pub fn run_env(
        &self,
        args: &[&str],
        passphrase: Option<&str>,
        stdin: Option<&str>,
        env: &[(&str, Option<&str>)],
    ) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_between"));
        cmd.args(args)
            .env("BETWEEN_HOME", self.path())
            .env(FAST_KDF.0, FAST_KDF.1)
            .env_remove("BETWEEN_PASSPHRASE")
            .env_remove("BETWEEN_NEW_PASSPHRASE")
            .env("TZ", "America/New_York")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            };
        }
        if let Some(p) = passphrase {
            cmd.env("BETWEEN_PASSPHRASE", p);
        }
        let mut child = cmd.spawn().expect("spawn between");
        if let Some(input) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        child.wait_with_output().unwrap()
    }
}
