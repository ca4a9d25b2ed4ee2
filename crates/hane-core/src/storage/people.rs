//! The `households` and `caregivers` tables (issue #19): one record of each household
//! (keyed by the employer's T.C. kimlik no) and of each caregiver, and every case linked to
//! them (`cases.household_id`, `cases.caregiver_id`). The case keeps its own full form;
//! these records are what a new case for the same household or caregiver starts from
//! (see [`crate::people`]).
//!
//! A record is the latest any of its cases saved. Caregivers have no natural key (the
//! passport is replaced; abroad there is no foreigner's identity number yet), so a case is
//! linked to one by where it came from: an extension or "Bu çalışan için yeni başvuru" to the
//! caregiver it started from, any other case to a new record.

use super::Sql;
use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{Database, Migration};
use crate::case::CaseDoc;
use crate::error::{HaneError, Result};
use crate::people::{
    caregiver_known, caregiver_of, household_key, household_of, Caregiver, Household,
};

pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    version: 8,
    description: "create households and caregivers; link every case to them",
    sql: "CREATE TABLE households (
              id           INTEGER PRIMARY KEY AUTOINCREMENT,
              tc_kimlik_no TEXT NOT NULL UNIQUE,
              doc          TEXT NOT NULL,
              updated_at   TEXT NOT NULL
          ) STRICT;
          CREATE TABLE caregivers (
              id         INTEGER PRIMARY KEY AUTOINCREMENT,
              doc        TEXT NOT NULL,
              updated_at TEXT NOT NULL
          ) STRICT;
          ALTER TABLE cases ADD COLUMN household_id INTEGER
              REFERENCES households(id) ON DELETE SET NULL;
          ALTER TABLE cases ADD COLUMN caregiver_id INTEGER
              REFERENCES caregivers(id) ON DELETE SET NULL;",
    rust: Some(link_existing),
}];

/// Migration 8's step: every existing case linked, the records filled from its cases.
/// Oldest first, so an extension finds the caregiver of the case it extends; then again
/// in the order they were last changed, so each record holds its latest case's data.
fn link_existing(conn: &Connection) -> Result<()> {
    for case in super::cases::cases_on(conn, "created_at, id")? {
        link(conn, case.id, &case.doc, None)?;
    }
    for case in super::cases::cases_on(conn, "updated_at, id")? {
        link(conn, case.id, &case.doc, None)?;
    }
    Ok(())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| HaneError::Corrupt(e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|_| HaneError::Corrupt(what.into()))
}

/// The case's links: (household id, caregiver id).
fn links(conn: &Connection, case: Uuid) -> Result<(Option<i64>, Option<i64>)> {
    conn.query_row(
        "SELECT household_id, caregiver_id FROM cases WHERE id = ?1",
        [case.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .sql()?
    .ok_or(HaneError::CaseNotFound)
}

/// Stores the household `h` under its key (replacing what that key held) and links the
/// case to it. No key yet: the case keeps whatever link it has.
fn put_household(conn: &Connection, case: Uuid, h: &Household) -> Result<()> {
    let Some(tc) = household_key(h) else {
        return Ok(());
    };
    conn.execute(
        "INSERT INTO households (tc_kimlik_no, doc, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(tc_kimlik_no) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at",
        params![tc, json(h)?, Utc::now().to_rfc3339()],
    ).sql()?;
    conn.execute(
        "UPDATE cases SET household_id = (SELECT id FROM households WHERE tc_kimlik_no = ?1)
         WHERE id = ?2",
        params![tc, case.to_string()],
    )
    .sql()?;
    Ok(())
}

fn insert_caregiver(conn: &Connection, c: &Caregiver) -> Result<i64> {
    conn.execute(
        "INSERT INTO caregivers (doc, updated_at) VALUES (?1, ?2)",
        params![json(c)?, Utc::now().to_rfc3339()],
    )
    .sql()?;
    Ok(conn.last_insert_rowid())
}

fn link_caregiver(conn: &Connection, case: Uuid, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE cases SET caregiver_id = ?1 WHERE id = ?2",
        params![id, case.to_string()],
    )
    .sql()?;
    Ok(())
}

/// Brings the case's household and caregiver records up to `doc` and links them.
/// `origin`: the case this one started from (its caregiver is hers too), when known.
fn link(conn: &Connection, case: Uuid, doc: &CaseDoc, origin: Option<Uuid>) -> Result<()> {
    put_household(conn, case, &household_of(doc))?;
    let c = caregiver_of(doc);
    let linked = links(conn, case)?.1;
    let from = match (linked, origin.or(doc.uzatilan_basvuru)) {
        (Some(id), _) => Some(id),
        (None, Some(o)) => links(conn, o).ok().and_then(|l| l.1),
        (None, None) => None,
    };
    match from {
        Some(id) => {
            conn.execute(
                "UPDATE caregivers SET doc = ?1, updated_at = ?2 WHERE id = ?3",
                params![json(&c)?, Utc::now().to_rfc3339(), id],
            )
            .sql()?;
            if linked.is_none() {
                link_caregiver(conn, case, id)?;
            }
        }
        None if caregiver_known(&c) => {
            let id = insert_caregiver(conn, &c)?;
            link_caregiver(conn, case, id)?;
        }
        None => {}
    }
    prune(conn)
}

/// Deletes records no case links to any more (a corrected T.C. number, a deleted case):
/// personal data is kept only while a case needs it.
pub(super) fn prune(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM households WHERE id NOT IN
             (SELECT household_id FROM cases WHERE household_id IS NOT NULL);
         DELETE FROM caregivers WHERE id NOT IN
             (SELECT caregiver_id FROM cases WHERE caregiver_id IS NOT NULL);",
    )
    .sql()?;
    Ok(())
}

/// A case's household and caregiver as a backup carries them: the records, the caregiver
/// by its id in that database (two cases of one caregiver name the same id).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CasePeople {
    pub household: Option<Household>,
    pub caregiver: Option<(i64, Caregiver)>,
}

impl Database {
    /// After the case's document was saved: its household and caregiver records follow it.
    pub fn sync_people(&mut self, case: Uuid, doc: &CaseDoc) -> Result<()> {
        link(self.conn(), case, doc, None)
    }

    /// A case just made from `origin` (same household, same caregiver, or both): linked to
    /// its records, which take what the new case holds.
    pub fn link_people(&mut self, case: Uuid, doc: &CaseDoc, origin: Uuid) -> Result<()> {
        link(self.conn(), case, doc, Some(origin))
    }

    /// A new case for a different employer made from `origin`'s caregiver: linked to her
    /// record only.
    pub fn link_caregiver_of(&mut self, case: Uuid, doc: &CaseDoc, origin: Uuid) -> Result<()> {
        if let Some(id) = links(self.conn(), origin)?.1 {
            link_caregiver(self.conn(), case, id)?;
        }
        link(self.conn(), case, doc, None)
    }

    /// The case's records, as stored.
    pub fn people(&self, case: Uuid) -> Result<CasePeople> {
        let (h, c) = links(self.conn(), case)?;
        let household = match h {
            Some(id) => Some(parse(
                "household",
                &self
                    .conn()
                    .query_row("SELECT doc FROM households WHERE id = ?1", [id], |r| {
                        r.get::<_, String>(0)
                    })
                    .sql()?,
            )?),
            None => None,
        };
        let caregiver = match c {
            Some(id) => Some((
                id,
                parse(
                    "caregiver",
                    &self
                        .conn()
                        .query_row("SELECT doc FROM caregivers WHERE id = ?1", [id], |r| {
                            r.get::<_, String>(0)
                        })
                        .sql()?,
                )?,
            )),
            None => None,
        };
        Ok(CasePeople {
            household,
            caregiver,
        })
    }

    /// Restore: links a restored case to the backup's records. A household already stored
    /// under the same T.C. number stays as it is (it is as current as the cases here that
    /// use it); each backup caregiver becomes one record here, found again through `seen`
    /// (backup id → id here) for her other cases.
    pub fn restore_people(
        &mut self,
        case: Uuid,
        people: &CasePeople,
        seen: &mut Vec<(i64, i64)>,
    ) -> Result<()> {
        let conn = self.conn();
        conn.execute(
            "UPDATE cases SET household_id = NULL, caregiver_id = NULL WHERE id = ?1",
            [case.to_string()],
        )
        .sql()?;
        if let Some(h) = &people.household {
            if let Some(tc) = household_key(h) {
                conn.execute(
                    "INSERT INTO households (tc_kimlik_no, doc, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(tc_kimlik_no) DO NOTHING",
                    params![tc, json(h)?, Utc::now().to_rfc3339()],
                )
                .sql()?;
                conn.execute(
                    "UPDATE cases SET household_id =
                         (SELECT id FROM households WHERE tc_kimlik_no = ?1) WHERE id = ?2",
                    params![tc, case.to_string()],
                )
                .sql()?;
            }
        }
        if let Some((theirs, c)) = &people.caregiver {
            let ours = match seen.iter().find(|(t, _)| t == theirs) {
                Some((_, o)) => *o,
                None => {
                    let o = insert_caregiver(conn, c)?;
                    seen.push((*theirs, o));
                    o
                }
            };
            link_caregiver(conn, case, ours)?;
        }
        prune(conn)
    }

    /// Restore from a backup written before these records existed: linked as migration 8
    /// links a stored case.
    pub fn derive_people(&mut self, case: Uuid, doc: &CaseDoc) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE cases SET household_id = NULL, caregiver_id = NULL WHERE id = ?1",
                [case.to_string()],
            )
            .sql()?;
        link(self.conn(), case, doc, None)
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::super::tests::{dump, test_key, CASES_V7};
    use super::super::{all_migrations, schema_version};
    use super::*;

    fn count(db: &Database, table: &str) -> i64 {
        db.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    fn fixture() -> CaseDoc {
        serde_json::from_str(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../tests/fixtures/case-in-country.json"),
            )
            .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_record_lives_as_long_as_a_case_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("hane.db"), &test_key()).unwrap();
        let doc = fixture();
        let a = db.create_case_with(doc.clone()).unwrap().id;
        db.sync_people(a, &doc).unwrap();
        let b = db.create_case_with(doc.clone()).unwrap().id;
        db.link_people(b, &doc, a).unwrap();
        assert_eq!((count(&db, "households"), count(&db, "caregivers")), (1, 1));

        // A T.C. number corrected to another valid one: the record of the wrong one goes
        // once no case names it.
        let mut fixed = doc.clone();
        fixed.profil.tc_kimlik_no = "12345678950".into();
        for id in [a, b] {
            db.save_case_doc(id, &fixed).unwrap();
            db.sync_people(id, &fixed).unwrap();
        }
        assert_eq!(count(&db, "households"), 1);
        assert_eq!(
            db.people(a).unwrap().household.unwrap().profil.tc_kimlik_no,
            "12345678950"
        );

        db.delete_case(a).unwrap();
        assert_eq!((count(&db, "households"), count(&db, "caregivers")), (1, 1));
        db.delete_case(b).unwrap();
        assert_eq!((count(&db, "households"), count(&db, "caregivers")), (0, 0));
    }

    const A: &str = "a0000000-0000-4000-8000-00000000000a";
    const B: &str = "a0000000-0000-4000-8000-00000000000b";
    const C: &str = "a0000000-0000-4000-8000-00000000000c";
    const E: &str = "a0000000-0000-4000-8000-00000000000e";

    /// The database version 7 writes: a first application (A), its extension made later
    /// and changed last (B: a new address, a new passport), a case from the first layout
    /// (C: names only), an empty case (E), with a history and a snapshot.
    fn version_7(path: &std::path::Path) -> Vec<Vec<String>> {
        let first = fixture();
        let mut extension = first.clone();
        extension.uzatilan_basvuru = Some(Uuid::parse_str(A).unwrap());
        extension.isyeri.adres = "Yeni Mahalle, Gül Sokak No: 3".into();
        extension.genel.pasaport_no = "P9876543".into();
        let json = |d: &CaseDoc| serde_json::to_string(d).unwrap().replace('\'', "''");
        let c = Connection::open(path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA key = \"{}\";",
            test_key().sqlcipher_literal().as_str()
        ))
        .unwrap();
        for m in all_migrations().iter().filter(|m| m.version <= 7) {
            c.execute_batch(m.sql).unwrap();
        }
        c.execute_batch(&format!(
            "PRAGMA user_version = 7;
             INSERT INTO cases VALUES ('{A}', 2, '{a}', '2025-10-01T10:00:00+00:00', '2025-12-10T10:00:00+00:00');
             INSERT INTO cases VALUES ('{C}', 1, '{{\"employer_name\":\"Ali Veli\",\"foreigner_name\":\"Maria Santos\"}}', '2025-10-05T10:00:00+00:00', '2025-10-05T10:00:00+00:00');
             INSERT INTO cases VALUES ('{B}', 2, '{b}', '2026-11-01T10:00:00+00:00', '2026-11-20T10:00:00+00:00');
             INSERT INTO cases VALUES ('{E}', 2, '{{}}', '2026-11-02T10:00:00+00:00', '2026-11-02T10:00:00+00:00');
             INSERT INTO events (case_id, date, recorded_at, data) VALUES
               ('{A}', '2025-11-20', '2025-11-20T09:00:00+00:00', '{{\"kind\":\"basvuru_yapildi\",\"applicationNo\":null}}');
             INSERT INTO submissions (case_id, event_id, submitted_on, recorded_at, doc_version, doc)
               SELECT case_id, id, date, recorded_at, 2, '{a}' FROM events;
             INSERT INTO documents (case_id, slot, pdf, pages, bytes, source, created_at) VALUES
               ('{B}', 'pasaport', x'255044462d', 1, 5, 'pdf', '2026-11-02T09:00:00+00:00');",
            a = json(&first),
            b = json(&extension),
        ))
        .unwrap();
        dump(&c, &TABLES)
    }

    const TABLES: [&str; 5] = [CASES_V7, "events", "submissions", "documents", "settings"];

    #[test]
    fn migrating_a_version_7_database_keeps_every_row_and_links_the_people() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hane.db");
        let before = version_7(&path);
        let db = Database::open(&path, &test_key()).unwrap();
        assert_eq!(db.stored_version().unwrap(), schema_version());
        assert_eq!(
            dump(db.conn(), &TABLES),
            before,
            "a row changed in the migration"
        );

        let id = |s: &str| Uuid::parse_str(s).unwrap();
        let (a, b, c, e) = (
            db.people(id(A)).unwrap(),
            db.people(id(B)).unwrap(),
            db.people(id(C)).unwrap(),
            db.people(id(E)).unwrap(),
        );
        let extension = db.get_case(id(B)).unwrap().doc;
        // One household, as the case changed last holds it; one caregiver for A and B.
        assert_eq!(a.household, Some(household_of(&extension)));
        assert_eq!(b.household, a.household);
        assert_eq!(a.caregiver, b.caregiver);
        assert_eq!(a.caregiver.unwrap().1, caregiver_of(&extension));
        // Names only: no household key, her own record; an empty case: nothing.
        assert_eq!(c.household, None);
        let maria = c.caregiver.unwrap();
        assert_ne!(Some(maria.0), b.caregiver.map(|c| c.0));
        assert_eq!(
            (maria.1.kisisel.ad.as_str(), maria.1.kisisel.soyad.as_str()),
            ("Maria", "Santos")
        );
        assert_eq!(e, CasePeople::default());
        assert_eq!((count(&db, "households"), count(&db, "caregivers")), (1, 2));
    }
}
