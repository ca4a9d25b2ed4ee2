//! Where Hane keeps its data when no caller says otherwise.

use std::path::PathBuf;

/// The bundle identifier from `tauri.conf.json`; Tauri's `app_data_dir()` is the OS data
/// folder joined with it, and the CLI must find the same folder.
pub const APP_IDENTIFIER: &str = "org.hane.desktop";

/// Environment variable that overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "HANE_DATA_DIR";

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "hane.db";

/// `HANE_DATA_DIR` if set, otherwise the OS data folder + identifier:
/// `~/.local/share/org.hane.desktop` (Linux), `~/Library/Application Support/org.hane.desktop`
/// (macOS), `%APPDATA%\org.hane.desktop` (Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}
