//! The `submissions` table: the frozen copy of a case taken when it was recorded as
//! submitted on e-İzin (see [`crate::submission`]). Rows are inserted, never updated;
//! they go with their case and with the event they belong to.

use super::Sql;
use chrono::Utc;
use rusqlite::params;
use uuid::Uuid;

use super::{Database, Migration};
use crate::error::{HaneError, Result};
use crate::submission::Submission;

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 7,
    description: "create submissions; snapshot cases already submitted",
    // Cases recorded as submitted before this version get the document they hold now, the
    // closest copy there is; which PDFs were sent is not known (`documents` NULL).
    sql: "CREATE TABLE submissions (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
              event_id     INTEGER NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
              submitted_on TEXT NOT NULL,
              recorded_at  TEXT NOT NULL,
              doc_version  INTEGER NOT NULL,
              doc          TEXT NOT NULL,
              documents    TEXT,
              photo_sha256 TEXT
          ) STRICT;
          CREATE INDEX submissions_by_case ON submissions(case_id, id);
          INSERT INTO submissions (case_id, event_id, submitted_on, recorded_at, doc_version, doc)
              SELECT e.case_id, e.id, e.date, e.recorded_at, c.doc_version, c.doc
              FROM events e JOIN cases c ON c.id = e.case_id
              WHERE json_extract(e.data, '$.kind') = 'basvuru_yapildi'
              ORDER BY e.id;",
    rust: None,
}];

impl Database {
    /// Stores the snapshot of a submission.
    pub fn put_submission(&mut self, case_id: Uuid, s: &Submission) -> Result<()> {
        let doc = serde_json::to_string(&s.doc).map_err(|e| HaneError::Corrupt(e.to_string()))?;
        let documents = s
            .documents
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| HaneError::Corrupt(e.to_string()))?;
        self.conn_mut().execute(
            "INSERT INTO submissions (case_id, event_id, submitted_on, recorded_at, doc_version, doc, documents, photo_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                case_id.to_string(),
                s.event_id,
                s.submitted_on.to_string(),
                s.recorded_at.to_rfc3339(),
                super::cases::DOC_VERSION,
                doc,
                documents,
                s.photo_sha256
            ],
        ).sql()?;
        Ok(())
    }

    /// A case's snapshots, oldest first.
    pub fn submissions(&self, case_id: Uuid) -> Result<Vec<Submission>> {
        let mut stmt = self.conn().prepare(
            "SELECT event_id, submitted_on, recorded_at, doc_version, doc, documents, photo_sha256
             FROM submissions WHERE case_id = ?1 ORDER BY id",
        ).sql()?;
        let rows = stmt
            .query_map([case_id.to_string()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .sql()?;
        rows.map(|row| {
            let (event_id, on, at, version, doc, documents, photo_sha256) = row.sql()?;
            let corrupt = || HaneError::Corrupt("submission".into());
            Ok(Submission {
                event_id,
                submitted_on: on.parse().map_err(|_| corrupt())?,
                recorded_at: chrono::DateTime::parse_from_rfc3339(&at)
                    .map_err(|_| corrupt())?
                    .with_timezone(&Utc),
                doc: super::cases::upgrade_doc(version, &doc)?,
                documents: documents
                    .map(|d| serde_json::from_str(&d))
                    .transpose()
                    .map_err(|_| corrupt())?,
                photo_sha256,
            })
        })
        .collect()
    }

    /// Replaces a case's snapshots (restore), pointing each at its event's new row id.
    /// A snapshot whose event is not in the restored history is dropped.
    pub fn replace_submissions(
        &mut self,
        case_id: Uuid,
        snapshots: &[Submission],
        new_event_ids: &std::collections::HashMap<i64, i64>,
    ) -> Result<()> {
        self.conn_mut()
            .execute(
                "DELETE FROM submissions WHERE case_id = ?1",
                [case_id.to_string()],
            )
            .sql()?;
        for s in snapshots {
            if let Some(&event_id) = new_event_ids.get(&s.event_id) {
                self.put_submission(
                    case_id,
                    &Submission {
                        event_id,
                        ..s.clone()
                    },
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::super::tests::dump;
    use super::super::tests::test_key;
    use super::super::{all_migrations, schema_version};
    use super::*;
    use crate::case::CaseDoc;

    #[test]
    fn migrating_a_version_6_database_keeps_every_row_and_snapshots_submitted_cases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        let doc: CaseDoc = serde_json::from_str(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../tests/fixtures/case-in-country.json"),
            )
            .unwrap(),
        )
        .unwrap();
        let doc_json = serde_json::to_string(&doc).unwrap();
        let tables = [
            super::super::tests::CASES_V7,
            "settings",
            "events",
            "documents",
            "exports",
            "photos",
        ];
        let before = {
            // The database the previous release writes: migrations 1–6, two cases, one
            // submitted (with a withdrawn first entry) and one not, a document, a photo.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&format!(
                "PRAGMA key = \"{}\";",
                test_key().sqlcipher_literal().as_str()
            ))
            .unwrap();
            for m in all_migrations().iter().filter(|m| m.version <= 6) {
                c.execute_batch(m.sql).unwrap();
            }
            c.execute_batch(&format!(
                "PRAGMA user_version = 6;
                 INSERT INTO cases VALUES ('a0000000-0000-4000-8000-000000000001', 2, '{doc}', '2026-09-01T10:00:00+00:00', '2026-09-12T10:00:00+00:00');
                 INSERT INTO cases VALUES ('a0000000-0000-4000-8000-000000000002', 2, '{doc}', '2026-10-01T10:00:00+00:00', '2026-10-02T10:00:00+00:00');
                 INSERT INTO events (case_id, date, recorded_at, data) VALUES
                   ('a0000000-0000-4000-8000-000000000001', '2026-09-10', '2026-09-10T09:00:00+00:00', '{{\"kind\":\"e_imza_alindi\",\"expires\":null}}'),
                   ('a0000000-0000-4000-8000-000000000001', '2026-09-12', '2026-09-12T09:00:00+00:00', '{{\"kind\":\"basvuru_yapildi\",\"applicationNo\":\"2026-1\"}}');
                 INSERT INTO documents (case_id, slot, pdf, pages, bytes, source, created_at) VALUES
                   ('a0000000-0000-4000-8000-000000000001', 'sozlesme', x'255044462d', 1, 5, 'pdf', '2026-09-11T09:00:00+00:00');
                 INSERT INTO photos (case_id, original, updated_at) VALUES ('a0000000-0000-4000-8000-000000000001', x'ffd8ffd9', '2026-09-11T09:00:00+00:00');
                 INSERT INTO settings VALUES ('language', 'tr');",
                doc = doc_json.replace('\'', "''")
            ))
            .unwrap();
            dump(&c, &tables)
        };
        let db = Database::open(&path, &test_key()).unwrap();
        assert_eq!(db.stored_version().unwrap(), schema_version());
        assert_eq!(
            dump(db.conn(), &tables),
            before,
            "a row changed in the migration"
        );
        let first = Uuid::parse_str("a0000000-0000-4000-8000-000000000001").unwrap();
        let second = Uuid::parse_str("a0000000-0000-4000-8000-000000000002").unwrap();
        let snaps = db.submissions(first).unwrap();
        assert_eq!(snaps.len(), 1);
        assert_eq!(snaps[0].event_id, db.events(first).unwrap()[1].id);
        assert_eq!(snaps[0].submitted_on.to_string(), "2026-09-12");
        assert_eq!(snaps[0].doc, doc);
        assert_eq!(
            snaps[0].documents, None,
            "which PDFs were sent is not known"
        );
        assert!(db.submissions(second).unwrap().is_empty());
    }
}
