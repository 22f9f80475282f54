//! Arbitrary bytes as a sealed entry row: must be an error, never a panic.
#![no_main]

use std::sync::OnceLock;

use age::secrecy::SecretString;
use between::store::paths::Paths;
use between::store::vault::{self, Keys, Vault};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    _dir: tempfile::TempDir,
    keys: Keys,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        // Cheap scrypt when built with `-a` (debug assertions); otherwise age
        // calibrates about a second, once, for the whole run.
        unsafe { std::env::set_var("BETWEEN_KDF_LOG_N", "10") };
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path().to_path_buf());
        let pass = SecretString::from("fuzz".to_string());
        let vault = Vault::init(&paths, &pass).unwrap();
        let keys = vault.unlock(&pass).unwrap();
        Fixture { _dir: dir, keys }
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = vault::open_entry_blob(&fixture().keys, "00000000-0000-0000-0000-000000000000", data);
});
