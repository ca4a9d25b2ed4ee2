//! The `photos` table: each case's biometric photo — the original as imported, the crop
//! the user settled on, and the approved JPEG — all inside the encrypted database.

use super::Sql;
use chrono::Utc;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use super::{Database, Migration};
use crate::error::{HaneError, Result};
use crate::photo_spec::Crop;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 6,
    description: "create photos",
    sql: "CREATE TABLE photos (
              case_id        TEXT PRIMARY KEY NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
              original       BLOB NOT NULL,
              crop           TEXT,
              approved       BLOB,
              date_confirmed INTEGER NOT NULL DEFAULT 0,
              updated_at     TEXT NOT NULL
          ) STRICT;",
    rust: None,
}];

pub struct PhotoRow {
    pub original: Vec<u8>,
    pub crop: Option<Crop>,
    pub approved: Option<Vec<u8>>,
    pub date_confirmed: bool,
}

impl Database {
    /// A newly imported photo replaces the old one, its crop and its approval.
    pub fn put_photo(&mut self, case_id: Uuid, original: &[u8]) -> Result<()> {
        self.get_case(case_id)?;
        self.conn_mut()
            .execute(
                "INSERT INTO photos (case_id, original, crop, approved, date_confirmed, updated_at)
             VALUES (?1, ?2, NULL, NULL, 0, ?3)
             ON CONFLICT(case_id) DO UPDATE SET original = excluded.original, crop = NULL,
                 approved = NULL, date_confirmed = 0, updated_at = excluded.updated_at",
                params![case_id.to_string(), original, Utc::now().to_rfc3339()],
            )
            .sql()?;
        Ok(())
    }

    /// A changed crop withdraws the approval (the approved JPEG no longer matches it).
    pub fn set_photo_crop(&mut self, case_id: Uuid, crop: &Crop) -> Result<()> {
        let json = serde_json::to_string(crop).map_err(|e| HaneError::Corrupt(e.to_string()))?;
        let n = self
            .conn_mut()
            .execute(
                "UPDATE photos SET crop = ?2, approved = NULL, updated_at = ?3 WHERE case_id = ?1",
                params![case_id.to_string(), json, Utc::now().to_rfc3339()],
            )
            .sql()?;
        if n == 0 {
            return Err(HaneError::PhotoMissing);
        }
        Ok(())
    }

    pub fn approve_photo(
        &mut self,
        case_id: Uuid,
        crop: &Crop,
        jpeg: &[u8],
        date_confirmed: bool,
    ) -> Result<()> {
        let json = serde_json::to_string(crop).map_err(|e| HaneError::Corrupt(e.to_string()))?;
        let n = self.conn_mut().execute(
            "UPDATE photos SET crop = ?2, approved = ?3, date_confirmed = ?4, updated_at = ?5 WHERE case_id = ?1",
            params![case_id.to_string(), json, jpeg, date_confirmed, Utc::now().to_rfc3339()],
        ).sql()?;
        if n == 0 {
            return Err(HaneError::PhotoMissing);
        }
        Ok(())
    }

    pub fn delete_photo(&mut self, case_id: Uuid) -> Result<()> {
        self.conn_mut()
            .execute(
                "DELETE FROM photos WHERE case_id = ?1",
                [case_id.to_string()],
            )
            .sql()?;
        Ok(())
    }

    pub fn photo(&self, case_id: Uuid) -> Result<Option<PhotoRow>> {
        let row = self
            .conn()
            .query_row(
                "SELECT original, crop, approved, date_confirmed FROM photos WHERE case_id = ?1",
                [case_id.to_string()],
                |r| {
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<Vec<u8>>>(2)?,
                        r.get::<_, bool>(3)?,
                    ))
                },
            )
            .optional()
            .sql()?;
        row.map(|(original, crop, approved, date_confirmed)| {
            let crop = crop
                .map(|c| {
                    serde_json::from_str(&c).map_err(|_| HaneError::Corrupt("photo crop".into()))
                })
                .transpose()?;
            Ok(PhotoRow {
                original,
                crop,
                approved,
                date_confirmed,
            })
        })
        .transpose()
    }
}
