//! The `cases` table: one row per application case, the case itself as a versioned JSON
//! document. A document (not one column per field) because the e-İzin form has dozens of
//! optional, screen-dependent fields that grow with each issue; `doc_version` lets a later
//! build upgrade old documents in Rust, where the change is tested.

use super::Sql;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use super::{Database, Migration};
use crate::case::{Case, CaseDoc, CaseSummary, NewCase};
use crate::error::{HaneError, Result};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    description: "create cases",
    sql: "CREATE TABLE cases (
              id          TEXT PRIMARY KEY NOT NULL,
              doc_version INTEGER NOT NULL,
              doc         TEXT NOT NULL,
              created_at  TEXT NOT NULL,
              updated_at  TEXT NOT NULL
          ) STRICT;",
    rust: None,
}];

/// Version of the JSON layout of [`CaseDoc`] written by this build.
/// 1: `{ employer_name, foreigner_name }` (the skeleton). 2: the portal's screens.
pub const DOC_VERSION: i64 = 2;

/// Brings a stored document of any older layout to the current one.
pub(super) fn upgrade_doc(version: i64, json: &str) -> Result<CaseDoc> {
    let corrupt = || HaneError::Corrupt("case document".into());
    match version {
        1 => {
            let v: serde_json::Value = serde_json::from_str(json).map_err(|_| corrupt())?;
            let text = |k: &str| v.get(k).and_then(|s| s.as_str()).unwrap_or("").to_string();
            let mut doc = CaseDoc::default();
            (doc.profil.ad, doc.profil.soyad) = crate::case::split_name(&text("employer_name"));
            (doc.kisisel.ad, doc.kisisel.soyad) = crate::case::split_name(&text("foreigner_name"));
            Ok(doc)
        }
        DOC_VERSION => serde_json::from_str(json).map_err(|_| corrupt()),
        _ => Err(HaneError::Corrupt(format!(
            "case document version {version}"
        ))),
    }
}

impl Database {
    /// Validates the input, stores a new case and returns it.
    pub fn create_case(&mut self, input: NewCase) -> Result<Case> {
        self.create_case_with(input.into_doc()?)
    }

    /// A new case holding `doc` (an extension or a second caregiver started from another).
    pub fn create_case_with(&mut self, doc: CaseDoc) -> Result<Case> {
        let now = Utc::now();
        let case = Case {
            id: Uuid::new_v4(),
            created_at: now,
            updated_at: now,
            doc,
        };
        self.put_case(&case)?;
        Ok(case)
    }

    /// Autosave: replaces the case document in one transaction. Returns the new
    /// `updated_at`.
    pub fn save_case_doc(&mut self, id: Uuid, doc: &CaseDoc) -> Result<DateTime<Utc>> {
        let json = doc_json(doc)?;
        let now = Utc::now();
        let n = self
            .conn_mut()
            .execute(
                "UPDATE cases SET doc = ?2, doc_version = ?3, updated_at = ?4 WHERE id = ?1",
                params![id.to_string(), json, DOC_VERSION, now.to_rfc3339()],
            )
            .sql()?;
        if n == 0 {
            return Err(HaneError::CaseNotFound);
        }
        Ok(now)
    }

    /// Deletes a case for good (secure_delete overwrites its pages).
    pub fn delete_case(&mut self, id: Uuid) -> Result<()> {
        let n = self
            .conn_mut()
            .execute("DELETE FROM cases WHERE id = ?1", [id.to_string()])
            .sql()?;
        if n == 0 {
            return Err(HaneError::CaseNotFound);
        }
        // Her household or caregiver record goes with the last case that names it.
        super::people::prune(self.conn())
    }

    /// Inserts or replaces a whole case as it is (restore from a backup).
    pub fn put_case(&mut self, case: &Case) -> Result<()> {
        let json = doc_json(&case.doc)?;
        self.conn_mut()
            .execute(
                "INSERT INTO cases (id, doc_version, doc, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, doc_version = excluded.doc_version,
                 created_at = excluded.created_at, updated_at = excluded.updated_at",
                params![
                    case.id.to_string(),
                    DOC_VERSION,
                    json,
                    case.created_at.to_rfc3339(),
                    case.updated_at.to_rfc3339()
                ],
            )
            .sql()?;
        Ok(())
    }

    /// Every case, complete, oldest first (backup).
    pub fn all_cases(&self) -> Result<Vec<Case>> {
        self.cases_ordered("created_at, id")
    }

    /// Every case, complete, most recently changed first (the home screen's order).
    pub fn recent_cases(&self) -> Result<Vec<Case>> {
        self.cases_ordered("updated_at DESC, id")
    }

    fn cases_ordered(&self, order: &'static str) -> Result<Vec<Case>> {
        cases_on(self.conn(), order)
    }

    /// Runs `f` inside one transaction: all of it is saved, or none.
    /// Inside an open transaction, `f` simply joins it.
    pub fn in_transaction<T>(&mut self, f: impl FnOnce(&mut Database) -> Result<T>) -> Result<T> {
        if !self.conn().is_autocommit() {
            return f(self);
        }
        self.conn().execute_batch("BEGIN IMMEDIATE").sql()?;
        match f(self) {
            Ok(v) => {
                self.conn().execute_batch("COMMIT").sql()?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn().execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    pub fn get_case(&self, id: Uuid) -> Result<Case> {
        self.conn()
            .query_row(
                "SELECT id, doc, created_at, updated_at, doc_version FROM cases WHERE id = ?1",
                [id.to_string()],
                row_to_raw,
            )
            .optional()
            .sql()?
            .ok_or(HaneError::CaseNotFound)?
            .into_case()
    }

    /// All cases, most recently changed first.
    pub fn list_cases(&self) -> Result<Vec<CaseSummary>> {
        Ok(self.recent_cases()?.iter().map(CaseSummary::from).collect())
    }
}

fn doc_json(doc: &CaseDoc) -> Result<String> {
    serde_json::to_string(doc).map_err(|e| HaneError::Corrupt(e.to_string()))
}

/// Every case in `order` (an SQL ORDER BY over `cases`), read from `conn` (also inside a
/// migration, before a `Database` exists).
pub(super) fn cases_on(conn: &rusqlite::Connection, order: &'static str) -> Result<Vec<Case>> {
    let sql =
        format!("SELECT id, doc, created_at, updated_at, doc_version FROM cases ORDER BY {order}");
    let mut stmt = conn.prepare(&sql).sql()?;
    let rows = stmt.query_map([], row_to_raw).sql()?;
    rows.map(|r| r.sql()?.into_case()).collect()
}

struct RawCase {
    doc_version: i64,
    id: String,
    doc: String,
    created_at: String,
    updated_at: String,
}

fn row_to_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawCase> {
    Ok(RawCase {
        id: r.get(0)?,
        doc: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        doc_version: r.get(4)?,
    })
}

impl RawCase {
    fn into_case(self) -> Result<Case> {
        let corrupt = |what: &str| HaneError::Corrupt(format!("case {what}"));
        Ok(Case {
            id: Uuid::parse_str(&self.id).map_err(|_| corrupt("id"))?,
            created_at: parse_time(&self.created_at).ok_or_else(|| corrupt("created_at"))?,
            updated_at: parse_time(&self.updated_at).ok_or_else(|| corrupt("updated_at"))?,
            doc: upgrade_doc(self.doc_version, &self.doc)?,
        })
    }
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(e: &str, f: &str) -> NewCase {
        NewCase {
            employer_name: e.into(),
            foreigner_name: f.into(),
        }
    }

    #[test]
    fn created_case_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        let created = {
            let mut db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
            db.create_case(new("Ayşe Yılmaz", "Irina Petrova")).unwrap()
        };
        let db = Database::open(&path, &crate::storage::tests::test_key()).unwrap();
        let list = db.list_cases().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].employer_name, "Ayşe Yılmaz");
        assert_eq!(db.get_case(created.id).unwrap().doc.profil.soyad, "Yılmaz");
        assert_eq!(list[0].foreigner_name, "Irina Petrova");
        assert_eq!(db.get_case(created.id).unwrap(), created);
    }

    #[test]
    fn invalid_input_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(
            &dir.path().join("hane.db"),
            &crate::storage::tests::test_key(),
        )
        .unwrap();
        db.create_case(new("A", "B")).unwrap();
        assert!(db.create_case(new("", "B")).is_err());
        assert_eq!(db.list_cases().unwrap().len(), 1);
    }

    #[test]
    fn autosave_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(
            &dir.path().join("hane.db"),
            &crate::storage::tests::test_key(),
        )
        .unwrap();
        let c = db.create_case(new("A", "B")).unwrap();
        let mut doc = c.doc.clone();
        doc.kisisel.ad = "Olena".into();
        db.save_case_doc(c.id, &doc).unwrap();
        assert_eq!(db.get_case(c.id).unwrap().doc, doc);
        db.delete_case(c.id).unwrap();
        assert_eq!(db.get_case(c.id).unwrap_err().code(), "case.not_found");
        assert_eq!(db.delete_case(c.id).unwrap_err().code(), "case.not_found");
        assert_eq!(
            db.save_case_doc(c.id, &doc).unwrap_err().code(),
            "case.not_found"
        );
    }

    #[test]
    fn a_version_1_document_is_upgraded_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(
            &dir.path().join("hane.db"),
            &crate::storage::tests::test_key(),
        )
        .unwrap();
        let id = Uuid::new_v4();
        db.conn_mut()
            .execute(
                "INSERT INTO cases (id, doc_version, doc, created_at, updated_at)
                 VALUES (?1, 1, ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                params![
                    id.to_string(),
                    r#"{"employer_name":"Ayşe Nur Yılmaz","foreigner_name":"Irina Petrova"}"#
                ],
            )
            .unwrap();
        let doc = db.get_case(id).unwrap().doc;
        assert_eq!(doc.profil.ad, "Ayşe Nur");
        assert_eq!(doc.profil.soyad, "Yılmaz");
        assert_eq!(doc.foreigner_name(), "Irina Petrova");
    }

    #[test]
    fn unknown_case_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(
            &dir.path().join("hane.db"),
            &crate::storage::tests::test_key(),
        )
        .unwrap();
        assert_eq!(
            db.get_case(Uuid::new_v4()).unwrap_err().code(),
            "case.not_found"
        );
    }
}
