//! Backups: write one (read under the lock, encrypt without it), open one (decrypt without
//! the lock, compare with what is stored), restore it in one transaction.

use std::path::Path;

use uuid::Uuid;

use super::{lock, Hane};
use crate::backup::{
    write_backup, BackupContents, Duplicate, DuplicatePolicy, RestorePlan, RestoreReport, Snapshot,
    StoredDocument, StoredPhoto,
};
use crate::error::{HaneError, Result};
use crate::kdf::{check_passphrase_strength, KdfParams};
use crate::storage::documents::NewDocument;
use crate::storage::people::CasePeople;
use crate::storage::Database;

impl Hane {
    /// Writes a backup of `only` (or every case) to `path`.
    pub fn create_backup(
        &self,
        path: &Path,
        passphrase: &str,
        only: Option<&[Uuid]>,
    ) -> Result<usize> {
        check_passphrase_strength(passphrase)?;
        let snapshot = self.db(|db| snapshot(db, only))?;
        write_backup(snapshot, path, passphrase, KdfParams::default())
    }

    /// Decrypts a backup and compares it with what is stored; the contents wait in memory
    /// for [`Hane::restore`] (the user's choice about duplicates).
    pub fn open_backup(&self, path: &Path, passphrase: &str) -> Result<RestorePlan> {
        let contents = crate::backup::read_backup(path, passphrase)?;
        let plan = self.db(|db| plan_restore(db, &contents))?;
        *lock(&self.pending_restore) = Some(contents);
        Ok(plan)
    }

    /// Restores the backup opened last, with `policy` for cases that already exist.
    pub fn restore(&self, policy: DuplicatePolicy) -> Result<RestoreReport> {
        let contents = lock(&self.pending_restore)
            .take()
            .ok_or(HaneError::BackupCorrupt)?;
        self.db(|db| apply_restore(db, contents, policy))
    }
}

/// Writes a backup of `only` (or every case) to `path`, atomically.
pub fn create_backup(
    db: &Database,
    path: &Path,
    passphrase: &str,
    only: Option<&[Uuid]>,
) -> Result<usize> {
    create_backup_with(db, path, passphrase, only, KdfParams::default())
}

pub fn create_backup_with(
    db: &Database,
    path: &Path,
    passphrase: &str,
    only: Option<&[Uuid]>,
    kdf: KdfParams,
) -> Result<usize> {
    check_passphrase_strength(passphrase)?;
    write_backup(snapshot(db, only)?, path, passphrase, kdf)
}

/// Reads `only` (or every case) with its history, documents and photo.
pub fn snapshot(db: &Database, only: Option<&[Uuid]>) -> Result<Snapshot> {
    let mut cases = db.all_cases()?;
    if let Some(ids) = only {
        cases.retain(|c| ids.contains(&c.id));
        if cases.len() != ids.len() {
            return Err(HaneError::CaseNotFound);
        }
    }
    let events = cases
        .iter()
        .map(|c| db.events(c.id).map(|e| (c.id, e)))
        .collect::<Result<Vec<_>>>()?;
    let mut documents = Vec::new();
    let mut photos = Vec::new();
    let mut submissions = Vec::new();
    let mut people = Vec::new();
    for c in &cases {
        let mut docs = Vec::new();
        for d in db.documents(c.id)? {
            docs.push(StoredDocument {
                pdf: db.document_pdf(c.id, &d.slot)?,
                slot: d.slot,
                pages: d.pages,
                source: d.source,
            });
        }
        documents.push((c.id, docs));
        submissions.push((c.id, db.submissions(c.id)?));
        people.push((c.id, db.people(c.id)?));
        if let Some(p) = db.photo(c.id)? {
            photos.push((
                c.id,
                StoredPhoto {
                    original: p.original,
                    crop: p.crop,
                    approved: p.approved,
                    date_confirmed: p.date_confirmed,
                },
            ));
        }
    }
    Ok(Snapshot {
        cases,
        events,
        documents,
        photos,
        submissions,
        people,
    })
}

/// Compares a backup with what is stored.
pub fn plan_restore(db: &Database, contents: &BackupContents) -> Result<RestorePlan> {
    let mut plan = RestorePlan {
        created_at: contents.created_at,
        new_cases: Vec::new(),
        duplicates: Vec::new(),
    };
    for incoming in &contents.cases {
        match db.get_case(incoming.id) {
            Ok(existing) => plan.duplicates.push(Duplicate {
                identical: existing == *incoming,
                existing: (&existing).into(),
                incoming: incoming.into(),
            }),
            Err(HaneError::CaseNotFound) => plan.new_cases.push(incoming.into()),
            Err(e) => return Err(e),
        }
    }
    Ok(plan)
}

/// The backup's entries for the case that had `id` there.
fn of<T>(per_case: &[(Uuid, Vec<T>)], id: Uuid) -> &[T] {
    per_case
        .iter()
        .find(|(case, _)| *case == id)
        .map_or(&[], |(_, items)| items.as_slice())
}

/// Restores in one transaction: every case is written, or none.
pub fn apply_restore(
    db: &mut Database,
    contents: BackupContents,
    policy: DuplicatePolicy,
) -> Result<RestoreReport> {
    db.in_transaction(|db| {
        let mut report = RestoreReport::default();
        let mut caregivers_seen = Vec::new();
        for mut case in contents.cases {
            // Keep-both gives the copy a new id; its history, documents and photo are the
            // backup's, looked up by the id it had there.
            let original_id = case.id;
            let history = of(&contents.events, original_id);
            let exists = match db.get_case(case.id) {
                Ok(_) => true,
                Err(HaneError::CaseNotFound) => false,
                Err(e) => return Err(e),
            };
            match (exists, policy) {
                (false, _) => report.added += 1,
                (true, DuplicatePolicy::Skip) => {
                    report.skipped += 1;
                    continue;
                }
                (true, DuplicatePolicy::Replace) => report.replaced += 1,
                (true, DuplicatePolicy::KeepBoth) => {
                    case.id = Uuid::new_v4();
                    report.added += 1;
                }
            }
            db.put_case(&case)?;
            let new_event_ids = db.replace_events(case.id, history)?;
            let snapshots = of(&contents.submissions, original_id);
            db.replace_submissions(case.id, snapshots, &new_event_ids)?;
            let docs = of(&contents.documents, original_id);
            // A missing-documents request's slot names its event: re-pointed like the rest.
            let slots: Vec<String> = docs
                .iter()
                .map(|d| crate::checklist::repoint_slot(&d.slot, &new_event_ids))
                .collect();
            db.replace_documents(
                case.id,
                docs.iter().zip(&slots).map(|(d, slot)| NewDocument {
                    slot,
                    pdf: &d.pdf,
                    pages: d.pages,
                    source: &d.source,
                }),
            )?;
            match &contents.people {
                Some(all) => {
                    let none = CasePeople::default();
                    let theirs = all
                        .iter()
                        .find(|(id, _)| *id == original_id)
                        .map_or(&none, |(_, p)| p);
                    db.restore_people(case.id, theirs, &mut caregivers_seen)?;
                }
                None => db.derive_people(case.id, &case.doc)?,
            }
            match contents.photos.iter().find(|(id, _)| *id == original_id) {
                Some((_, p)) => {
                    db.put_photo(case.id, &p.original)?;
                    if let (Some(crop), Some(jpeg)) = (&p.crop, &p.approved) {
                        db.approve_photo(case.id, crop, jpeg, p.date_confirmed)?;
                    } else if let Some(crop) = &p.crop {
                        db.set_photo_crop(case.id, crop)?;
                    }
                }
                None => db.delete_photo(case.id)?,
            }
        }
        Ok(report)
    })
}
