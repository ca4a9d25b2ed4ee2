//! The `settings` table: key/value user preferences (no personal data).

use rusqlite::OptionalExtension;

use super::{Database, Migration};
use crate::error::Result;
use crate::settings::{Language, Settings};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 2,
    description: "create settings",
    sql: "CREATE TABLE settings (
              key   TEXT PRIMARY KEY NOT NULL,
              value TEXT NOT NULL
          ) STRICT;",
}];

impl Database {
    pub fn settings(&self) -> Result<Settings> {
        let language = match self.setting("language")? {
            Some(v) => Language::parse(&v).unwrap_or_default(),
            None => Language::default(),
        };
        let notifications = self.setting("notifications")?.as_deref() != Some("off");
        Ok(Settings {
            language,
            notifications,
        })
    }

    pub fn set_notifications(&mut self, on: bool) -> Result<Settings> {
        self.conn_mut().execute(
            "INSERT INTO settings (key, value) VALUES ('notifications', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [if on { "on" } else { "off" }],
        )?;
        self.settings()
    }

    pub fn set_language(&mut self, language: Language) -> Result<Settings> {
        self.conn_mut().execute(
            "INSERT INTO settings (key, value) VALUES ('language', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [language.as_str()],
        )?;
        self.settings()
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
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
}
