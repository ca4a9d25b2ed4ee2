//! Hane's core. Everything the app knows and does lives here, with no Tauri dependency,
//! so it is tested headless and shared by the desktop shell (`src-tauri`) and the CLI.
//!
//! Modules, one per domain:
//! - [`case`]: the application case (başvuru dosyası) and its inputs;
//! - [`rules`]: the portal's rules, checked as a pure function of the case and today;
//! - [`storage`]: the SQLite database, its tables and migrations;
//! - [`settings`]: user preferences such as the UI language;
//! - [`vault`]: the database key, in the OS keyring or derived from a passphrase;
//! - [`backup`]: passphrase-protected backup files and restore;
//! - [`money`]: the one parser and formatter of Turkish lira amounts;
//! - [`error`]: the error codes that cross the IPC boundary.

pub mod backup;
pub mod bundle;
pub mod calendar;
pub mod case;
pub mod clock;
pub mod deadlines;
pub mod documents;
pub mod error;
pub mod image_input;
pub mod landmarks;
pub mod money;
pub mod notices;
pub mod paths;
pub mod pdf;
pub mod photo;
pub mod rules;
pub mod settings;
pub mod storage;
pub mod tracking;
pub mod vault;

pub use error::{ErrorPayload, HaneError, Result};
