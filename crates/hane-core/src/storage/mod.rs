//! The embedded SQLite database. One file in the data folder; every table lives in its
//! own module together with the migrations that create and change it.
//!
//! Versioning: `PRAGMA user_version` holds the schema version. At open, migrations newer
//! than it run in one transaction; a file whose version is newer than this build knows is
//! refused untouched (`db.too_new`), so an older Hane never corrupts a newer database.

pub mod cases;
pub mod settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{HaneError, Result};

/// One schema step. `version`s are global and strictly increasing across all tables.
pub struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub sql: &'static str,
}

/// Every table's migrations, in the order they must run.
fn all_migrations() -> Vec<&'static Migration> {
    let mut all: Vec<&'static Migration> = cases::MIGRATIONS
        .iter()
        .chain(settings::MIGRATIONS.iter())
        .collect();
    all.sort_by_key(|m| m.version);
    all
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    all_migrations().last().map_or(0, |m| m.version)
}

pub struct Database {
    conn: Connection,
    path: PathBuf,
}

impl Database {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| HaneError::DataDir(e.kind().to_string()))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Read the version before anything writes to the file (switching to WAL does).
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(unreadable)?;
        let supported = schema_version();
        if found > supported {
            return Err(HaneError::DatabaseTooNew { found, supported });
        }
        // WAL + FULL sync: a committed transaction survives a process kill or power loss.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(unreadable)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut db = Database {
            conn,
            path: path.to_path_buf(),
        };
        db.migrate(found)?;
        Ok(db)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let pending: Vec<_> = all_migrations()
            .into_iter()
            .filter(|m| m.version > from)
            .collect();
        if pending.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for m in &pending {
            tx.execute_batch(m.sql).map_err(|e| {
                HaneError::DatabaseUnreadable(format!("migration {} failed: {e}", m.version))
            })?;
            tx.pragma_update(None, "user_version", m.version)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version stored in the file.
    pub fn stored_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn unreadable(e: rusqlite::Error) -> HaneError {
    HaneError::DatabaseUnreadable(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_versions_are_unique_and_increasing() {
        let all = all_migrations();
        for pair in all.windows(2) {
            assert!(pair[0].version < pair[1].version, "duplicate version");
        }
        assert!(all.iter().all(|m| !m.description.is_empty()));
    }

    #[test]
    fn fresh_database_is_at_current_version_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("hane.db")).unwrap();
        assert_eq!(db.stored_version().unwrap(), schema_version());
        let mode: String = db
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 9999;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Database::open(&path).err().expect("must refuse");
        assert_eq!(err.code(), "db.too_new");
        assert_eq!(std::fs::read(&path).unwrap(), before, "file was modified");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
        let err = Database::open(&path).err().expect("must fail");
        assert_eq!(err.code(), "db.unreadable");
    }
}
