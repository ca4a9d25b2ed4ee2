//! The `events` table: each case's append-only history of recorded status changes
//! (see [`crate::tracking`]). Rows are inserted, never updated; deleting a case deletes
//! its history with it (foreign key, ON DELETE CASCADE).

use super::Sql;
use chrono::{NaiveDate, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::{Database, Migration};
use crate::error::{HaneError, Result};
use crate::tracking::{Event, EventKind};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 3,
    description: "create events",
    sql: "CREATE TABLE events (
              id          INTEGER PRIMARY KEY AUTOINCREMENT,
              case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
              date        TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              data        TEXT NOT NULL
          ) STRICT;
          CREATE INDEX events_by_case ON events(case_id, id);",
    rust: None,
}];

impl Database {
    /// Records what the user entered (window or CLI), checked by
    /// [`crate::tracking::build_event`] against today and the case's history; the one path
    /// both shells take.
    pub fn record_input(
        &mut self,
        case_id: Uuid,
        date: NaiveDate,
        input: &crate::tracking::EventInput,
        today: NaiveDate,
    ) -> Result<Event> {
        let history = self.events(case_id)?;
        let kind = crate::tracking::build_event(input, date, today, &history)?;
        self.record_event(case_id, date, kind)
    }

    /// Appends an event to a case's history.
    pub fn record_event(
        &mut self,
        case_id: Uuid,
        date: NaiveDate,
        kind: EventKind,
    ) -> Result<Event> {
        if let EventKind::Geri { event_id } = kind {
            let exists: bool = self
                .conn()
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM events WHERE id = ?1 AND case_id = ?2)",
                    params![event_id, case_id.to_string()],
                    |r| r.get(0),
                )
                .sql()?;
            if !exists {
                return Err(HaneError::EventNotFound);
            }
        }
        // The case must exist (the foreign key says so too, with a less useful error).
        self.get_case(case_id)?;
        let data = serde_json::to_string(&kind).map_err(|e| HaneError::Corrupt(e.to_string()))?;
        let recorded_at = Utc::now();
        self.conn_mut()
            .execute(
                "INSERT INTO events (case_id, date, recorded_at, data) VALUES (?1, ?2, ?3, ?4)",
                params![
                    case_id.to_string(),
                    date.to_string(),
                    recorded_at.to_rfc3339(),
                    data
                ],
            )
            .sql()?;
        Ok(Event {
            id: self.conn().last_insert_rowid(),
            date,
            recorded_at,
            kind,
        })
    }

    /// Replaces a case's history with `history` (restore from a backup), keeping its order
    /// and re-pointing withdrawals at the new row ids; returns the new id of each old one.
    /// Only restore replaces; the app itself only appends.
    pub fn replace_events(
        &mut self,
        case_id: Uuid,
        history: &[Event],
    ) -> Result<std::collections::HashMap<i64, i64>> {
        self.conn_mut()
            .execute(
                "DELETE FROM events WHERE case_id = ?1",
                [case_id.to_string()],
            )
            .sql()?;
        let mut new_ids = std::collections::HashMap::new();
        let mut ordered: Vec<&Event> = history.iter().collect();
        ordered.sort_by_key(|e| e.id);
        for e in ordered {
            let mut kind = e.kind.clone();
            if let EventKind::Geri { event_id } = &mut kind {
                *event_id = *new_ids.get(event_id).ok_or(HaneError::BackupCorrupt)?;
            }
            let data =
                serde_json::to_string(&kind).map_err(|err| HaneError::Corrupt(err.to_string()))?;
            self.conn_mut()
                .execute(
                    "INSERT INTO events (case_id, date, recorded_at, data) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        case_id.to_string(),
                        e.date.to_string(),
                        e.recorded_at.to_rfc3339(),
                        data
                    ],
                )
                .sql()?;
            new_ids.insert(e.id, self.conn().last_insert_rowid());
        }
        Ok(new_ids)
    }

    /// A case's whole history, in the order it was recorded.
    pub fn events(&self, case_id: Uuid) -> Result<Vec<Event>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT id, date, recorded_at, data FROM events WHERE case_id = ?1 ORDER BY id",
            )
            .sql()?;
        let rows = stmt
            .query_map([case_id.to_string()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .sql()?;
        rows.map(|row| {
            let (id, date, recorded_at, data) = row.sql()?;
            let corrupt = || HaneError::Corrupt("event".into());
            Ok(Event {
                id,
                date: date.parse().map_err(|_| corrupt())?,
                recorded_at: chrono::DateTime::parse_from_rfc3339(&recorded_at)
                    .map_err(|_| corrupt())?
                    .with_timezone(&Utc),
                kind: serde_json::from_str(&data).map_err(|_| corrupt())?,
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::NewCase;

    #[test]
    fn history_is_kept_in_order_and_deleted_with_its_case() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(
            &dir.path().join("hane.db"),
            &crate::storage::tests::test_key(),
        )
        .unwrap();
        let case = db
            .create_case(NewCase {
                employer_name: "A B".into(),
                foreigner_name: "C D".into(),
            })
            .unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let first = db
            .record_event(
                case.id,
                day,
                EventKind::BasvuruYapildi {
                    application_no: "2026-123".into(),
                },
            )
            .unwrap();
        db.record_event(
            case.id,
            day,
            EventKind::EksikEvrakIstendi {
                istenen: String::new(),
            },
        )
        .unwrap();
        db.record_event(case.id, day, EventKind::Geri { event_id: first.id })
            .unwrap();
        let events = db.events(case.id).unwrap();
        assert_eq!(events.len(), 3, "withdrawing appends, it does not delete");
        assert_eq!(events[0], first);
        assert_eq!(
            db.record_event(case.id, day, EventKind::Geri { event_id: 999 })
                .unwrap_err()
                .code(),
            "event.not_found"
        );
        assert_eq!(
            db.record_event(Uuid::new_v4(), day, EventKind::HarcOdendi)
                .unwrap_err()
                .code(),
            "case.not_found"
        );
        db.delete_case(case.id).unwrap();
        let left: i64 = db
            .conn()
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }
}
