//! The one surface every shell calls: the Tauri commands and `hane-cli` reach each use case
//! through the same function here (GitButler's `but-api` is the model).
//!
//! [`Hane`] owns the open database behind one lock and takes it at this boundary, never
//! below: a use case reads under the lock, computes without it (face detection, PDF
//! building, Argon2id, encryption), and writes under it again. So a long computation never
//! holds up another command, and nothing below this module sees a lock or the app's state.
//!
//! Each file adds the methods of one area: [`cases`], [`tracking`], [`documents`] (and the
//! page editor's [`staging`]), [`photo`], [`backup`], [`settings`], [`export`],
//! [`submission`], [`contract`] (the contract drafted from the case, the caregiver's
//! pack), and the vault (unlock, key mode) here.

pub mod backup;
pub mod cases;
pub mod contract;
pub mod documents;
pub mod export;
pub mod photo;
pub mod settings;
pub mod staging;
pub mod submission;
pub mod tracking;

use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{ErrorPayload, HaneError, Result};
use crate::storage::Database;
use crate::vault::{KeyMode, Unlock, Vault};

/// Where the data folder stands. `Locked` waits for the passphrase; `Failed` keeps the
/// reason the folder could not be opened so every call can report it.
pub enum DbState {
    Open(Database),
    Locked { setup: bool },
    Failed(HaneError),
}

/// One user's Hane: the vault, the database once open, and what the window keeps in
/// memory between calls (the page editor's files, a backup waiting for a decision).
pub struct Hane {
    vault: Vault,
    db: Mutex<DbState>,
    staged: Mutex<staging::Staged>,
    pending_restore: Mutex<Option<crate::backup::BackupContents>>,
    today: Option<NaiveDate>,
}

/// The vault's state as the start screen needs it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    /// "open", "locked" (enter passphrase), "setup" (choose one), or "error".
    pub state: &'static str,
    pub mode: Option<KeyMode>,
    pub error: Option<ErrorPayload>,
}

/// Takes a lock even after a panic in another command: every write is one SQLite
/// transaction, so a panic never leaves the data half changed (issue #17).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Reads an amount as the user typed it into one of the case's amount fields, so the UI
/// can echo it back in Turkish format (the field names the error so the message lands
/// beside it; an unknown name is reported as `amount`).
pub fn parse_money(text: &str, field: &str) -> Result<crate::money::Amount> {
    let field: &'static str = match field {
        "gorev.ucret" => "gorev.ucret",
        "harc" => "harc",
        "degerli_kagit" => "degerli_kagit",
        _ => "amount",
    };
    crate::money::parse_tl(text)
        .map(crate::money::Amount::new)
        .map_err(|problem| HaneError::Money { field, problem })
}

impl Hane {
    /// Opens the data folder as the vault allows: with the keyring's key, or locked until
    /// the passphrase is given ([`Hane::unlock`]).
    pub fn open(vault: Vault) -> Hane {
        let state = match vault.open() {
            Ok(Unlock::Open(db)) => DbState::Open(db),
            Ok(Unlock::NeedsPassphrase { setup }) => DbState::Locked { setup },
            Err(e) => DbState::Failed(e),
        };
        Hane {
            vault,
            db: Mutex::new(state),
            staged: Mutex::default(),
            pending_restore: Mutex::default(),
            today: None,
        }
    }

    /// A [`Hane`] over a database opened already (tests, tools).
    pub fn with_database(vault: Vault, db: Database) -> Hane {
        Hane {
            vault,
            db: Mutex::new(DbState::Open(db)),
            staged: Mutex::default(),
            pending_restore: Mutex::default(),
            today: None,
        }
    }

    /// Pins "today" (the CLI's `--today`, the window tests' `HANE_TODAY`), so dates in
    /// tests never go stale.
    pub fn with_today(mut self, today: Option<NaiveDate>) -> Hane {
        self.today = today;
        self
    }

    /// Today's date for rules and deadlines: the calendar day in Turkey, unless pinned.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| crate::clock::turkey_today(chrono::Utc::now()))
    }

    /// Runs `f` with the open database, holding the lock only while `f` runs.
    pub(crate) fn db<T>(&self, f: impl FnOnce(&mut Database) -> Result<T>) -> Result<T> {
        match &mut *lock(&self.db) {
            DbState::Open(db) => f(db),
            DbState::Locked { .. } => Err(HaneError::PassphraseRequired),
            DbState::Failed(e) => Err(e.clone()),
        }
    }

    pub fn vault_status(&self) -> VaultStatus {
        let mode = self.vault.mode().ok().flatten();
        let (state, error) = match &*lock(&self.db) {
            DbState::Open(_) => ("open", None),
            DbState::Locked { setup: true } => ("setup", None),
            DbState::Locked { setup: false } => ("locked", None),
            DbState::Failed(e) => ("error", Some(e.to_payload())),
        };
        VaultStatus { state, mode, error }
    }

    /// Sets up or enters the passphrase when no keyring holds the key. Argon2id runs
    /// without the lock; a second unlock racing this one finds the database open.
    pub fn unlock(&self, passphrase: &str) -> Result<()> {
        if !matches!(&*lock(&self.db), DbState::Locked { .. }) {
            return Ok(());
        }
        let db = self.vault.unlock_with_passphrase(passphrase)?;
        let mut state = lock(&self.db);
        if matches!(&*state, DbState::Locked { .. }) {
            *state = DbState::Open(db);
        }
        Ok(())
    }

    /// Settings: keep the database key under a passphrase instead of the OS keyring
    /// (re-encrypts the database with `PRAGMA rekey`; the lock is held for that only).
    pub fn use_passphrase(&self, passphrase: &str) -> Result<VaultStatus> {
        self.vault
            .switch_to_passphrase(passphrase, |key| self.db(|db| db.rekey(key)))?;
        Ok(self.vault_status())
    }

    /// Settings: move the key back into the OS keyring (a new random key; re-encrypts).
    pub fn use_keyring(&self) -> Result<VaultStatus> {
        self.vault
            .switch_to_keyring(|key| self.db(|db| db.rekey(key)))?;
        Ok(self.vault_status())
    }
}
