//! The database key and where it is kept.
//!
//! The database is encrypted with SQLCipher under a random 256-bit key. That key lives in
//! the OS keyring (Keychain, Credential Manager, Secret Service). Where no keyring works
//! (a headless Linux, a locked keychain) Hane never falls back to plaintext: the user sets
//! a passphrase and the key is derived from it with Argon2id. `vault.json` beside the
//! database remembers which of the two is in use; it holds no secret (mode, salt, cost).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{HaneError, Result};
use crate::paths::{APP_IDENTIFIER, DATABASE_FILE};
use crate::storage::Database;

pub const VAULT_FILE: &str = "vault.json";
/// Shortest passphrase accepted. Argon2id slows guessing, but not enough for a short one.
pub use crate::kdf::{check_passphrase_strength, derive_key, KdfParams, MIN_PASSPHRASE_CHARS};
pub use crate::storage::key::DbKey;

/// Where the key is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyMode {
    Keyring,
    Passphrase,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct VaultConfig {
    version: u32,
    mode: KeyMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf: Option<KdfParams>,
}

/// A place to keep one secret. The real one is [`OsKeyring`].
pub trait SecretStore: Send + Sync {
    /// `Ok(None)` when the store works but holds no secret; `Err` when it is unavailable.
    fn get(&self) -> std::result::Result<Option<String>, String>;
    fn set(&self, secret: &str) -> std::result::Result<(), String>;
    fn delete(&self) -> std::result::Result<(), String>;
}

/// The OS keyring entry `service = org.hane.desktop`, `account = database-key`.
pub struct OsKeyring {
    service: String,
    account: String,
}

impl OsKeyring {
    pub fn new() -> Self {
        Self::with_service(APP_IDENTIFIER)
    }

    /// A separate entry (tests use their own service name so they never touch the user's).
    pub fn with_service(service: &str) -> Self {
        OsKeyring {
            service: service.to_string(),
            account: "database-key".to_string(),
        }
    }

    fn entry(&self) -> std::result::Result<keyring::Entry, String> {
        keyring::Entry::new(&self.service, &self.account).map_err(|e| e.to_string())
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        Self::new()
    }
}

impl SecretStore for OsKeyring {
    fn get(&self) -> std::result::Result<Option<String>, String> {
        match self.entry()?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn set(&self, secret: &str) -> std::result::Result<(), String> {
        self.entry()?
            .set_password(secret)
            .map_err(|e| e.to_string())
    }

    fn delete(&self) -> std::result::Result<(), String> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The result of trying to open the data folder.
pub enum Unlock {
    Open(Database),
    /// No usable keyring: the user must set (`setup == true`) or enter a passphrase.
    NeedsPassphrase {
        setup: bool,
    },
}

/// The data folder: the database and its key configuration.
pub struct Vault {
    dir: PathBuf,
    store: Box<dyn SecretStore>,
}

impl Vault {
    pub fn new(dir: &Path, store: Box<dyn SecretStore>) -> Self {
        Vault {
            dir: dir.to_path_buf(),
            store,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    fn config_path(&self) -> PathBuf {
        self.dir.join(VAULT_FILE)
    }

    fn read_config(&self) -> Result<Option<VaultConfig>> {
        match std::fs::read(self.config_path()) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|_| HaneError::Corrupt("vault.json".into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(HaneError::DataDir(e.kind().to_string())),
        }
    }

    /// Written to a temporary file and renamed, so a crash leaves the old or the new file.
    fn write_config(&self, config: &VaultConfig) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|e| HaneError::DataDir(e.kind().to_string()))?;
        let tmp = self.dir.join(format!("{VAULT_FILE}.tmp"));
        let json =
            serde_json::to_vec_pretty(config).map_err(|e| HaneError::Corrupt(e.to_string()))?;
        let io = |e: std::io::Error| HaneError::DataDir(e.kind().to_string());
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(io)?;
            f.write_all(&json).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, self.config_path()).map_err(io)
    }

    pub fn mode(&self) -> Result<Option<KeyMode>> {
        Ok(self.read_config()?.map(|c| c.mode))
    }

    /// Opens the database with the keyring key, creating key and database on first start.
    pub fn open(&self) -> Result<Unlock> {
        let config = self.read_config()?;
        let db_exists = self.db_path().exists();
        match config.as_ref().map(|c| c.mode) {
            Some(KeyMode::Passphrase) => return Ok(Unlock::NeedsPassphrase { setup: false }),
            Some(KeyMode::Keyring) => {}
            None if db_exists => {
                // A database without its vault.json: we cannot know how it was keyed.
                return Err(HaneError::Corrupt("vault.json missing".into()));
            }
            None => {}
        }
        match self.store.get() {
            Ok(Some(hex)) => {
                let key = DbKey::from_hex(&hex)
                    .ok_or_else(|| HaneError::Corrupt("keyring entry".into()))?;
                if config.is_none() {
                    self.write_config(&keyring_config())?;
                }
                Database::open(&self.db_path(), &key).map(Unlock::Open)
            }
            Ok(None) if config.is_some() && db_exists => Err(HaneError::KeyMissing),
            Ok(None) => {
                let key = DbKey::generate()?;
                let hex = zeroize::Zeroizing::new(hex::encode(key.bytes()));
                self.store
                    .set(&hex)
                    .map_err(HaneError::KeyringUnavailable)?;
                // Read it back: some stores accept a write they cannot return.
                match self.store.get() {
                    Ok(Some(back)) if back == *hex => {}
                    Ok(_) => {
                        return Err(HaneError::KeyringUnavailable("read-back mismatch".into()))
                    }
                    Err(e) => return Err(HaneError::KeyringUnavailable(e)),
                }
                self.write_config(&keyring_config())?;
                Database::open(&self.db_path(), &key).map(Unlock::Open)
            }
            Err(e) if config.is_some() => Err(HaneError::KeyringUnavailable(e)),
            Err(_) => Ok(Unlock::NeedsPassphrase { setup: true }),
        }
    }

    /// Sets up passphrase mode (first start without a keyring) or unlocks with it.
    pub fn unlock_with_passphrase(&self, passphrase: &str) -> Result<Database> {
        self.unlock_with_passphrase_params(passphrase, KdfParams::default())
    }

    /// As [`Self::unlock_with_passphrase`]; `params` apply only when setting up.
    pub fn unlock_with_passphrase_params(
        &self,
        passphrase: &str,
        params: KdfParams,
    ) -> Result<Database> {
        match self.read_config()? {
            Some(c) if c.mode == KeyMode::Passphrase => {
                let salt = c
                    .salt
                    .as_deref()
                    .and_then(|s| hex::decode(s).ok())
                    .ok_or_else(|| HaneError::Corrupt("vault.json salt".into()))?;
                let kdf = c
                    .kdf
                    .ok_or_else(|| HaneError::Corrupt("vault.json kdf".into()))?;
                let key = DbKey::from_bytes(derive_key(passphrase, &salt, kdf)?);
                Database::open(&self.db_path(), &key).map_err(|e| match e {
                    HaneError::CannotDecrypt => HaneError::WrongPassphrase,
                    other => other,
                })
            }
            Some(_) => Err(HaneError::InvalidSetting { key: "key_mode" }),
            None if self.db_path().exists() => Err(HaneError::Corrupt("vault.json missing".into())),
            None => {
                check_passphrase_strength(passphrase)?;
                let (config, key) = passphrase_config(passphrase, params)?;
                let db = Database::open(&self.db_path(), &key)?;
                self.write_config(&config)?;
                Ok(db)
            }
        }
    }

    /// Re-encrypts the open database under a passphrase-derived key and forgets the
    /// keyring entry (settings: "use a passphrase instead").
    /// `rekey` re-encrypts the open database with the new key (the API passes
    /// `Database::rekey`, taking the lock only for it: the key is derived before).
    pub fn switch_to_passphrase(
        &self,
        passphrase: &str,
        rekey: impl FnOnce(&DbKey) -> Result<()>,
    ) -> Result<()> {
        check_passphrase_strength(passphrase)?;
        let (config, key) = passphrase_config(passphrase, KdfParams::default())?;
        rekey(&key)?;
        self.write_config(&config)?;
        let _ = self.store.delete();
        Ok(())
    }

    /// Re-encrypts the open database under a new random key kept in the OS keyring.
    pub fn switch_to_keyring(&self, rekey: impl FnOnce(&DbKey) -> Result<()>) -> Result<()> {
        let key = DbKey::generate()?;
        let hex = zeroize::Zeroizing::new(hex::encode(key.bytes()));
        self.store
            .set(&hex)
            .map_err(HaneError::KeyringUnavailable)?;
        rekey(&key)?;
        self.write_config(&keyring_config())
    }
}

fn keyring_config() -> VaultConfig {
    VaultConfig {
        version: 1,
        mode: KeyMode::Keyring,
        salt: None,
        kdf: None,
    }
}

fn passphrase_config(passphrase: &str, params: KdfParams) -> Result<(VaultConfig, DbKey)> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| HaneError::Crypto(e.to_string()))?;
    let key = DbKey::from_bytes(derive_key(passphrase, &salt, params)?);
    let config = VaultConfig {
        version: 1,
        mode: KeyMode::Passphrase,
        salt: Some(hex::encode(salt)),
        kdf: Some(params),
    };
    Ok((config, key))
}
