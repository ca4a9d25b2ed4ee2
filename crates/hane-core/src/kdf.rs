//! Passphrase → key (Argon2id), shared by the vault (the database key under a passphrase)
//! and backups (each backup file's key).

use serde::{Deserialize, Serialize};

use crate::error::{HaneError, Result};

/// Shortest passphrase accepted, for the vault and for backups.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Argon2id cost. Defaults follow RFC 9106's second recommended option (64 MiB, 3 passes,
/// 4 lanes), about a quarter second on a 2-core machine in a release build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            lanes: 4,
        }
    }
}

/// Derives 32 bytes from a passphrase and salt with Argon2id.
pub fn derive_key(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<[u8; 32]> {
    let p = argon2::Params::new(params.memory_kib, params.iterations, params.lanes, Some(32))
        .map_err(|e| HaneError::Crypto(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut out = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| HaneError::Crypto(e.to_string()))?;
    Ok(out)
}

pub fn check_passphrase_strength(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(HaneError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}
