//! The embedded SQLite database. One file in the data folder; every table lives in its
//! own module together with the migrations that create and change it.
//!
//! Versioning: `PRAGMA user_version` holds the schema version. At open, migrations newer
//! than it run in one transaction; a file whose version is newer than this build knows is
//! refused untouched (`db.too_new`), so an older Hane never corrupts a newer database.

pub mod cases;
pub mod documents;
pub mod events;
pub mod exports;
pub mod key;
pub mod people;
pub mod photos;
pub mod settings;
pub mod submissions;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{HaneError, Result};
use key::DbKey;

/// SQLite's errors as the core's (`db.error`): `call().sql()?`. A method here rather than a
/// `From` impl in the domain, which would make the pure domain — and so every crate above
/// it — wait for SQLCipher and OpenSSL to build before compiling.
pub(crate) trait Sql<T> {
    fn sql(self) -> Result<T>;
}

impl<T> Sql<T> for rusqlite::Result<T> {
    fn sql(self) -> Result<T> {
        self.map_err(|e| HaneError::Database(e.to_string()))
    }
}

/// One schema step. `version`s are global and strictly increasing across all tables.
pub struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub sql: &'static str,
    /// A step written in Rust after `sql`, in the same transaction: what SQL alone cannot
    /// say well (reading case documents through their upgrade path).
    pub rust: Option<fn(&Connection) -> Result<()>>,
}

/// Every table's migrations, in the order they must run.
fn all_migrations() -> Vec<&'static Migration> {
    let mut all: Vec<&'static Migration> = cases::MIGRATIONS
        .iter()
        .chain(settings::MIGRATIONS.iter())
        .chain(events::MIGRATIONS.iter())
        .chain(documents::MIGRATIONS.iter())
        .chain(exports::MIGRATIONS.iter())
        .chain(photos::MIGRATIONS.iter())
        .chain(submissions::MIGRATIONS.iter())
        .chain(people::MIGRATIONS.iter())
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
    /// Opens (creating if needed) the encrypted database at `path` with `key` and brings
    /// its schema up to date.
    pub fn open(path: &Path, key: &DbKey) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| HaneError::DataDir(e.kind().to_string()))?;
        }
        let existed = path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .sql()?;
        // The key must be the first statement touching the database.
        conn.execute_batch(&format!(
            "PRAGMA key = \"{}\";",
            key.sqlcipher_literal().as_str()
        ))
        .sql()?;
        // SQLCipher's own logging stays off: it writes to stderr, which is not ours to fill
        // (a wrong key reaches the user as our error code instead).
        conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
            .sql()?;
        // Read the version before anything writes to the file (switching to WAL does).
        // A wrong key (or a file that is not a database) fails here, with nothing written.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) if existed => HaneError::CannotDecrypt,
                _ => unreadable(e),
            })?;
        let supported = schema_version();
        if found > supported {
            return Err(HaneError::DatabaseTooNew { found, supported });
        }
        // WAL + FULL sync: a committed transaction survives a process kill or power loss.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(unreadable)?;
        conn.pragma_update(None, "synchronous", "FULL").sql()?;
        conn.pragma_update(None, "foreign_keys", "ON").sql()?;
        // Deleted rows (a deleted case, a replaced document) are overwritten, not left
        // behind in free pages.
        conn.pragma_update(None, "secure_delete", "ON").sql()?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).sql()?;
        let mut db = Database {
            conn,
            path: path.to_path_buf(),
        };
        if found > 0 && found < supported {
            db.backup_before_migration(found)?;
        }
        db.migrate(found)?;
        Ok(db)
    }

    /// Copies the (encrypted) file aside before its schema changes: `hane.db.pre-vN.bak`.
    fn backup_before_migration(&self, from: i64) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .sql()?;
        let name = format!(
            "{}.pre-v{from}.bak",
            self.path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("hane.db")
        );
        std::fs::copy(&self.path, self.path.with_file_name(name))
            .map_err(|e| HaneError::DataDir(e.kind().to_string()))?;
        Ok(())
    }

    /// Re-encrypts the whole database under `key` (SQLCipher `PRAGMA rekey`).
    pub fn rekey(&mut self, key: &DbKey) -> Result<()> {
        self.conn
            .execute_batch(&format!(
                "PRAGMA rekey = \"{}\";",
                key.sqlcipher_literal().as_str()
            ))
            .sql()?;
        Ok(())
    }

    /// `PRAGMA integrity_check` returned "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let r: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .sql()?;
        Ok(r == "ok")
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let pending: Vec<_> = all_migrations()
            .into_iter()
            .filter(|m| m.version > from)
            .collect();
        if pending.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction().sql()?;
        for m in &pending {
            tx.execute_batch(m.sql).map_err(|e| {
                HaneError::DatabaseUnreadable(format!("migration {} failed: {e}", m.version))
            })?;
            if let Some(step) = m.rust {
                step(&tx)?;
            }
            tx.pragma_update(None, "user_version", m.version).sql()?;
        }
        tx.commit().sql()?;
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
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .sql()
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

    /// A throwaway key for tests that are not about key management.
    pub(crate) fn test_key() -> DbKey {
        DbKey::from_bytes([7; 32])
    }

    #[test]
    fn fresh_database_is_at_current_version_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("hane.db"), &test_key()).unwrap();
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
            c.execute_batch(&format!(
                "PRAGMA key = \"{}\"; CREATE TABLE future(x); PRAGMA user_version = 9999;",
                test_key().sqlcipher_literal().as_str()
            ))
            .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Database::open(&path, &test_key())
            .err()
            .expect("must refuse");
        assert_eq!(err.code(), "db.too_new");
        assert_eq!(std::fs::read(&path).unwrap(), before, "file was modified");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
        let err = Database::open(&path, &test_key()).err().expect("must fail");
        assert_eq!(err.code(), "db.cannot_decrypt");
    }

    #[test]
    fn wrong_key_cannot_open_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        drop(Database::open(&path, &test_key()).unwrap());
        let before = std::fs::read(&path).unwrap();
        let err = Database::open(&path, &DbKey::from_bytes([8; 32]))
            .err()
            .unwrap();
        assert_eq!(err.code(), "db.cannot_decrypt");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(Database::open(&path, &test_key()).is_ok());
    }

    #[test]
    fn file_has_no_sqlite_header_or_schema_in_plaintext() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        drop(Database::open(&path, &test_key()).unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
        assert!(!contains(&bytes, b"CREATE TABLE"));
    }

    #[test]
    fn older_schema_is_migrated_after_a_backup_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        {
            // A database as the first release left it: only migration 1.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&format!(
                "PRAGMA key = \"{}\"; {} PRAGMA user_version = 1;",
                test_key().sqlcipher_literal().as_str(),
                all_migrations()[0].sql
            ))
            .unwrap();
        }
        let db = Database::open(&path, &test_key()).unwrap();
        assert_eq!(db.stored_version().unwrap(), schema_version());
        let bak = dir.path().join("hane.db.pre-v1.bak");
        assert!(bak.exists(), "no backup before migrating");
        // The backup is the old database, still encrypted and still at version 1.
        let old = Database::open_raw_for_test(&bak);
        assert_eq!(old, 1);
    }

    impl Database {
        fn open_raw_for_test(path: &Path) -> i64 {
            let c = Connection::open(path).unwrap();
            c.execute_batch(&format!(
                "PRAGMA key = \"{}\";",
                test_key().sqlcipher_literal().as_str()
            ))
            .unwrap();
            c.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap()
        }
    }

    /// `cases` as versions 1–7 wrote it (version 8 adds the links to the people).
    pub(crate) const CASES_V7: &str =
        "SELECT id, doc_version, doc, created_at, updated_at FROM cases ORDER BY rowid";

    /// Every row of every table (or of a `SELECT …`), as text, in row order.
    pub(crate) fn dump(c: &Connection, tables: &[&str]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for t in tables {
            let sql = if t.starts_with("SELECT") {
                t.to_string()
            } else {
                format!("SELECT * FROM {t} ORDER BY rowid")
            };
            let mut stmt = c.prepare(&sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            let v: rusqlite::types::Value = r.get(i)?;
                            Ok(format!("{t}: {v:?}"))
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }
}
