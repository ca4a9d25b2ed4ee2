//! The `exports` table: when and where each case was exported, and the manifest's hash.

use super::Sql;
use std::path::Path;

use chrono::Utc;
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

use super::{Database, Migration};
use crate::error::Result;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 5,
    description: "create exports",
    sql: "CREATE TABLE exports (
              id              INTEGER PRIMARY KEY AUTOINCREMENT,
              case_id         TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
              exported_at     TEXT NOT NULL,
              folder          TEXT NOT NULL,
              manifest_sha256 TEXT NOT NULL,
              draft           INTEGER NOT NULL
          ) STRICT;",
    rust: None,
}];

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExportRecord {
    pub exported_at: String,
    pub folder: String,
    pub manifest_sha256: String,
    pub draft: bool,
}

impl Database {
    pub fn record_export(
        &mut self,
        case_id: Uuid,
        folder: &Path,
        manifest_sha256: &str,
        draft: bool,
    ) -> Result<()> {
        self.conn_mut().execute(
            "INSERT INTO exports (case_id, exported_at, folder, manifest_sha256, draft) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![case_id.to_string(), Utc::now().to_rfc3339(), folder.to_string_lossy(), manifest_sha256, draft],
        ).sql()?;
        Ok(())
    }

    /// The cases with a final (not draft) bundle written: prepared in Hane (the journey).
    pub fn exported_cases(&self) -> Result<std::collections::HashSet<Uuid>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT case_id FROM exports WHERE draft = 0")
            .sql()?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).sql()?;
        let mut out = std::collections::HashSet::new();
        for id in rows {
            out.insert(
                Uuid::parse_str(&id.sql()?)
                    .map_err(|_| crate::HaneError::Corrupt("export case id".into()))?,
            );
        }
        Ok(out)
    }

    pub fn exports(&self, case_id: Uuid) -> Result<Vec<ExportRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT exported_at, folder, manifest_sha256, draft FROM exports WHERE case_id = ?1 ORDER BY id",
        ).sql()?;
        let rows = stmt
            .query_map([case_id.to_string()], |r| {
                Ok(ExportRecord {
                    exported_at: r.get(0)?,
                    folder: r.get(1)?,
                    manifest_sha256: r.get(2)?,
                    draft: r.get(3)?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }
}
