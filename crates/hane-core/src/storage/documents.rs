//! The `documents` table: each attached document as one PDF blob inside the encrypted
//! database (never a plaintext file). One document per checklist slot; attaching again
//! replaces it, and `secure_delete` overwrites the old pages.

use super::Sql;
use chrono::Utc;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use super::{Database, Migration};
use crate::checklist::DocumentInfo;
use crate::error::{HaneError, Result};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 4,
    description: "create documents",
    sql: "CREATE TABLE documents (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
              slot       TEXT NOT NULL,
              pdf        BLOB NOT NULL,
              pages      INTEGER NOT NULL,
              bytes      INTEGER NOT NULL,
              source     TEXT NOT NULL,
              created_at TEXT NOT NULL,
              UNIQUE (case_id, slot)
          ) STRICT;",
    rust: None,
}];

/// A document to store, in storage's own terms (the backup format maps to it).
pub struct NewDocument<'a> {
    pub slot: &'a str,
    pub pdf: &'a [u8],
    pub pages: u32,
    /// "pdf" or "images".
    pub source: &'a str,
}

fn info(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentInfo> {
    Ok(DocumentInfo {
        id: r.get(0)?,
        slot: r.get(1)?,
        pages: r.get(2)?,
        bytes: r.get::<_, i64>(3)? as u64,
        source: r.get(4)?,
    })
}

impl Database {
    /// Stores `pdf` in `slot`, replacing what was there, in one transaction.
    pub fn put_document(
        &mut self,
        case_id: Uuid,
        slot: &str,
        pdf: &[u8],
        pages: u32,
        source: &str,
    ) -> Result<DocumentInfo> {
        self.get_case(case_id)?;
        self.in_transaction(|db| {
            db.conn()
                .execute(
                    "DELETE FROM documents WHERE case_id = ?1 AND slot = ?2",
                    params![case_id.to_string(), slot],
                )
                .sql()?;
            db.conn()
                .execute(
                    "INSERT INTO documents (case_id, slot, pdf, pages, bytes, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        case_id.to_string(),
                        slot,
                        pdf,
                        pages,
                        pdf.len() as i64,
                        source,
                        Utc::now().to_rfc3339()
                    ],
                )
                .sql()?;
            Ok(DocumentInfo {
                id: db.conn().last_insert_rowid(),
                slot: slot.to_string(),
                pages,
                bytes: pdf.len() as u64,
                source: source.to_string(),
            })
        })
    }

    pub fn documents(&self, case_id: Uuid) -> Result<Vec<DocumentInfo>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, slot, pages, bytes, source FROM documents WHERE case_id = ?1 ORDER BY id",
        ).sql()?;
        let rows = stmt.query_map([case_id.to_string()], info).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    /// The PDF bytes of a slot's document.
    pub fn document_pdf(&self, case_id: Uuid, slot: &str) -> Result<Vec<u8>> {
        self.conn()
            .query_row(
                "SELECT pdf FROM documents WHERE case_id = ?1 AND slot = ?2",
                params![case_id.to_string(), slot],
                |r| r.get(0),
            )
            .optional()
            .sql()?
            .ok_or(HaneError::DocumentNotFound)
    }

    /// Replaces all of a case's documents (restore from a backup).
    pub fn replace_documents<'a>(
        &mut self,
        case_id: Uuid,
        docs: impl IntoIterator<Item = NewDocument<'a>>,
    ) -> Result<()> {
        self.conn_mut()
            .execute(
                "DELETE FROM documents WHERE case_id = ?1",
                [case_id.to_string()],
            )
            .sql()?;
        for d in docs {
            self.put_document(case_id, d.slot, d.pdf, d.pages, d.source)?;
        }
        Ok(())
    }

    pub fn delete_document(&mut self, case_id: Uuid, slot: &str) -> Result<()> {
        let n = self
            .conn_mut()
            .execute(
                "DELETE FROM documents WHERE case_id = ?1 AND slot = ?2",
                params![case_id.to_string(), slot],
            )
            .sql()?;
        if n == 0 {
            return Err(HaneError::DocumentNotFound);
        }
        Ok(())
    }
}
