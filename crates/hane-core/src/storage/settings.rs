//! The `settings` table: key/value user preferences (no personal data).

use super::Sql;
use rusqlite::OptionalExtension;

use super::{Database, Migration};
use crate::error::{HaneError, Result};
use crate::settings::{Language, Settings, UPLOAD_LIMIT_MB_RANGE};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 2,
    description: "create settings",
    sql: "CREATE TABLE settings (
              key   TEXT PRIMARY KEY NOT NULL,
              value TEXT NOT NULL
          ) STRICT;",
    rust: None,
}];

impl Database {
    pub fn settings(&self) -> Result<Settings> {
        let language = match self.setting("language")? {
            Some(v) => Language::parse(&v).unwrap_or_default(),
            None => Language::default(),
        };
        let notifications = self.setting("notifications")?.as_deref() != Some("off");
        let default_mb = (crate::settings::DEFAULT_UPLOAD_LIMIT_BYTES / 1_000_000) as u32;
        let upload_limit_mb = self
            .setting("upload_limit_mb")?
            .and_then(|v| v.parse().ok())
            .filter(|mb| UPLOAD_LIMIT_MB_RANGE.contains(mb))
            .unwrap_or(default_mb);
        Ok(Settings {
            language,
            notifications,
            upload_limit_mb,
        })
    }

    pub fn set_upload_limit_mb(&mut self, mb: u32) -> Result<Settings> {
        if !UPLOAD_LIMIT_MB_RANGE.contains(&mb) {
            return Err(HaneError::InvalidSetting {
                key: "upload_limit_mb",
            });
        }
        self.put_setting("upload_limit_mb", &mb.to_string())
    }

    pub fn set_notifications(&mut self, on: bool) -> Result<Settings> {
        self.put_setting("notifications", if on { "on" } else { "off" })
    }

    pub fn set_language(&mut self, language: Language) -> Result<Settings> {
        self.put_setting("language", language.as_str())
    }

    fn put_setting(&mut self, key: &str, value: &str) -> Result<Settings> {
        self.conn_mut()
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .sql()?;
        self.settings()
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .sql()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_defaults_to_turkish_and_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        {
            let mut db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
            assert_eq!(db.settings().unwrap().language, Language::Tr);
            db.set_language(Language::En).unwrap();
        }
        let mut db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
        assert_eq!(db.settings().unwrap().language, Language::En);
        assert!(db.settings().unwrap().notifications, "on by default");
        assert!(!db.set_notifications(false).unwrap().notifications);
    }

    #[test]
    fn upload_limit_defaults_to_5_mb_and_refuses_nonsense() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        let mut db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
        assert_eq!(db.settings().unwrap().upload_limit_mb, 5);
        assert_eq!(db.settings().unwrap().upload_limit_bytes(), 5_000_000);
        assert_eq!(db.set_upload_limit_mb(10).unwrap().upload_limit_mb, 10);
        for bad in [0, 101] {
            assert!(matches!(
                db.set_upload_limit_mb(bad),
                Err(HaneError::InvalidSetting {
                    key: "upload_limit_mb"
                })
            ));
        }
        drop(db);
        let db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
        assert_eq!(db.settings().unwrap().upload_limit_mb, 10, "remembered");
    }
}
