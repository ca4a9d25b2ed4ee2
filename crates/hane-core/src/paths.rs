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

/// Reads a file the user named by its path (dropped on the window, or given to the CLI):
/// a regular file of at most `max_bytes`, checked before anything is read, so a 500 MB
/// video dropped by mistake is refused at once with the size message.
pub fn read_user_file(path: &std::path::Path, max_bytes: u64) -> crate::Result<Vec<u8>> {
    use crate::HaneError;
    let meta = std::fs::metadata(path).map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
    if !meta.is_file() {
        return Err(HaneError::FileAccess("not a file".into()));
    }
    if meta.len() > max_bytes {
        return Err(HaneError::FileTooLarge {
            max_mb: (max_bytes / 1024 / 1024) as u32,
        });
    }
    // Read at most one byte more than allowed: a file that grew since (still being
    // written) is refused too, never read whole.
    use std::io::Read;
    let io = |e: std::io::Error| HaneError::FileAccess(e.kind().to_string());
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(HaneError::FileTooLarge {
            max_mb: (max_bytes / 1024 / 1024) as u32,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_are_read_within_the_limit_and_folders_refused() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("tarama.jpg");
        std::fs::write(&small, [1u8; 100]).unwrap();
        assert_eq!(read_user_file(&small, 1000).unwrap().len(), 100);
        assert!(matches!(
            read_user_file(&small, 50),
            Err(crate::HaneError::FileTooLarge { .. })
        ));
        assert!(matches!(
            read_user_file(dir.path(), 1000),
            Err(crate::HaneError::FileAccess(_))
        ));
        assert!(matches!(
            read_user_file(&dir.path().join("yok.pdf"), 1000),
            Err(crate::HaneError::FileAccess(_))
        ));
    }
}
