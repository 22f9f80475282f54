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
/// to guess as one made on a slow one. 2^17 uses 128 MiB and took about
/// 0.5 s on an idle 2-core test machine (1.85 s with four builds running;
/// 2^18 would need 256 MiB and twice that). Debug builds accept
/// `BETWEEN_KDF_LOG_N` so the test suite does not spend minutes in scrypt.
pub const WORK_FACTOR: u8 = 17;

pub fn work_factor_override() -> Option<u8> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("BETWEEN_KDF_LOG_N")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| (1..=30).contains(n))
}

/// Encrypts the identity with the passphrase as an ASCII-armored age file.
pub fn wrap_identity(
    identity: &x25519::Identity,
    passphrase: &SecretString,
) -> Result<String, VaultError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor_override().unwrap_or(WORK_FACTOR));
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
    let scrypt = age::scrypt::Identity::new(passphrase.clone());
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
