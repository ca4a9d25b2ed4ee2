//! The database key: storage opens the database with it; the vault decides where it is
//! kept (keyring or passphrase) and hands it down.

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{HaneError, Result};

/// A 256-bit SQLCipher key, wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DbKey([u8; 32]);

impl DbKey {
    pub fn generate() -> Result<Self> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|e| HaneError::Crypto(e.to_string()))?;
        Ok(DbKey(k))
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DbKey(bytes)
    }

    pub(crate) fn from_hex(s: &str) -> Option<Self> {
        let mut k = [0u8; 32];
        hex::decode_to_slice(s.trim(), &mut k).ok()?;
        Some(DbKey(k))
    }

    /// The SQLCipher raw-key literal, `x'…'`: used as is, no KDF of SQLCipher's own.
    pub(crate) fn sqlcipher_literal(&self) -> zeroize::Zeroizing<String> {
        zeroize::Zeroizing::new(format!("x'{}'", hex::encode(self.0)))
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}
