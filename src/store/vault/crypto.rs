//! age primitives used by the vault: sealing to the public recipient, and
//! wrapping the private identity with a passphrase (scrypt).

use std::io::{Read, Write};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use super::VaultError;

/// Seals `plaintext` to the vault's public key. Needs no passphrase.
pub fn seal(recipient: &x25519::Recipient, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
    age::encrypt(recipient, plaintext).map_err(|e| VaultError::Crypto(e.to_string()))
}

/// Opens a sealed blob with the unlocked identity.
pub fn open(identity: &x25519::Identity, sealed: &[u8]) -> Result<Vec<u8>, age::DecryptError> {
    age::decrypt(identity, sealed)
}

/// The scrypt work factor (log2 N, r = 8) for new passphrase wraps: fixed,
/// not calibrated per machine, so a vault made on a fast computer is as hard
/// to guess as one made on a slow one, and every unlock costs the same.
/// 2^17 uses 128 MiB; `cargo bench --bench unlock` measured the unwrap at
/// 0.30 s on the 2-core test VM (2026-11-24, release), 2^18 at 0.70 s and
/// 256 MiB: 2^17 is the largest factor under the 0.5 s target, and keeps
/// `list` without the agent far below 1 s. `between passwd --work-factor N`
/// raises it for one vault.
/// Debug builds accept `BETWEEN_KDF_LOG_N` so the test suite does not spend
/// minutes in scrypt.
pub const WORK_FACTOR: u8 = 17;

/// The range `between passwd --work-factor` accepts: below 2^15 guessing
/// gets cheap; above 2^22 (4 GiB) an unlock could exhaust memory.
pub const MIN_WORK_FACTOR: u8 = 15;
pub const MAX_WORK_FACTOR: u8 = 22;

/// scrypt's working memory at `log_n` (r = 8), in MiB.
pub fn work_factor_mib(log_n: u8) -> u64 {
    (128u64 * 8) << log_n >> 20
}

pub fn work_factor_override() -> Option<u8> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("BETWEEN_KDF_LOG_N")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| (1..=30).contains(n))
}

/// The factor a wrap uses when none is asked for: at least the default (or
/// the test suite's override), and never lower than `current`, so changing
/// the passphrase keeps a factor raised with `--work-factor`.
pub fn default_work_factor(current: Option<u8>) -> u8 {
    match work_factor_override() {
        Some(n) => n,
        None => WORK_FACTOR.max(current.unwrap_or(0).min(MAX_WORK_FACTOR)),
    }
}

/// Encrypts the identity with the passphrase as an ASCII-armored age file,
/// at the default work factor.
pub fn wrap_identity(
    identity: &x25519::Identity,
    passphrase: &SecretString,
) -> Result<String, VaultError> {
    wrap_identity_at(identity, passphrase, default_work_factor(None))
}

/// As [`wrap_identity`], at scrypt work factor `log_n`.
pub fn wrap_identity_at(
    identity: &x25519::Identity,
    passphrase: &SecretString,
    log_n: u8,
) -> Result<String, VaultError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(log_n);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| VaultError::Crypto(e.to_string()))?;
    let mut armored = Vec::new();
    let armor =
        age::armor::ArmoredWriter::wrap_output(&mut armored, age::armor::Format::AsciiArmor)?;
    let mut writer = encryptor.wrap_output(armor)?;
    writer.write_all(identity.to_string().expose_secret().as_bytes())?;
    writer.finish()?.finish()?;
    String::from_utf8(armored).map_err(|e| VaultError::Crypto(e.to_string()))
}

/// The scrypt work factor an armored identity file is wrapped with, read
/// from its header's `-> scrypt SALT LOG_N` stanza (age exposes no getter).
/// None when the file is not a passphrase-wrapped age file.
pub fn work_factor_of(armored: &[u8]) -> Option<u8> {
    let mut bytes = Vec::new();
    age::armor::ArmoredReader::new(armored)
        .read_to_end(&mut bytes)
        .ok()?;
    // The header is text up to the MAC line "--- "; the payload after it is binary.
    let end = bytes.windows(4).position(|w| w == b"\n---")?;
    let header = std::str::from_utf8(&bytes[..end]).ok()?;
    header.lines().find_map(|line| {
        let mut words = line.strip_prefix("-> scrypt ")?.split(' ');
        let _salt = words.next()?;
        words.next()?.parse().ok()
    })
}

/// Decrypts the armored identity file. A wrong passphrase is `WrongPassphrase`.
pub fn unwrap_identity(
    armored: &[u8],
    passphrase: &SecretString,
) -> Result<x25519::Identity, VaultError> {
    let reader = age::armor::ArmoredReader::new(armored);
    let decryptor =
        age::Decryptor::new(reader).map_err(|e| VaultError::IdentityCorrupt(e.to_string()))?;
    if !decryptor.is_scrypt() {
        return Err(VaultError::IdentityCorrupt(
            "the identity file is not passphrase-protected".into(),
        ));
    }
    let mut scrypt = age::scrypt::Identity::new(passphrase.clone());
    // A fixed ceiling instead of age's "about 16 s on this machine", so a
    // vault raised with `--work-factor` opens on a slower computer too.
    scrypt.set_max_work_factor(MAX_WORK_FACTOR.max(work_factor_override().unwrap_or(0)));
    let mut reader = decryptor
        .decrypt(std::iter::once(&scrypt as _))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => VaultError::WrongPassphrase,
            other => VaultError::IdentityCorrupt(other.to_string()),
        })?;
    let mut secret = zeroize::Zeroizing::new(String::new());
    reader
        .read_to_string(&mut secret)
        .map_err(|e| VaultError::IdentityCorrupt(e.to_string()))?;
    x25519::Identity::from_str(secret.trim())
        .map_err(|_| VaultError::IdentityCorrupt("the identity inside is not an age key".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_factor_is_read_back_from_the_wrapped_file() {
        let identity = x25519::Identity::generate();
        let pass = SecretString::from("correct horse".to_string());
        for log_n in [4u8, 9] {
            let armored = wrap_identity_at(&identity, &pass, log_n).unwrap();
            assert_eq!(work_factor_of(armored.as_bytes()), Some(log_n));
            let back = unwrap_identity(armored.as_bytes(), &pass).unwrap();
            assert_eq!(
                back.to_public().to_string(),
                identity.to_public().to_string()
            );
        }
        assert_eq!(work_factor_of(b"not an age file"), None);
    }

    #[test]
    fn memory_follows_the_factor() {
        assert_eq!(work_factor_mib(17), 128);
        assert_eq!(work_factor_mib(18), 256);
    }
}
