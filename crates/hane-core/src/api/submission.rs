//! The submitted snapshot of a case (issue #19): taken when "Başvuru yapıldı" is recorded,
//! read back to show what changed since (the rules themselves are
//! [`crate::submission::validate_case`]).

use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use crate::bundle::sha256_hex;
use crate::case::CaseDoc;
use crate::error::Result;
use crate::storage::Database;
use crate::submission::{
    changes, current, documents_changed, submitted_event, FieldChange, Submission,
    SubmittedDocument,
};
use crate::tracking::{Event, EventKind};

/// What the wizard shows on a submitted case: when, under which number, and what differs
/// from what was sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionView {
    pub submitted_on: chrono::NaiveDate,
    pub application_no: String,
    /// Fields changed since submission (the new draft's difference).
    pub changes: Vec<FieldChange>,
    /// Documents (and the photo, slot `fotograf`) whose content is not what was sent;
    /// `None` when the snapshot predates Hane keeping a record of the documents.
    pub documents_changed: Option<Vec<ChangedDocument>>,
    /// A snapshot was found (a case restored from an old backup may have none).
    pub snapshot_kept: bool,
}

/// A document slot that differs from what was sent, named as the checklist names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangedDocument {
    pub slot: String,
    pub title_tr: String,
    pub title_en: String,
}

fn titled(doc: &CaseDoc, events: &[Event], slots: Vec<String>) -> Vec<ChangedDocument> {
    // With the missing-documents slots: a PDF built for a request after submission is
    // named as the checklist names it, not by its key.
    let items = crate::checklist::checklist_with_requests(doc, events, &[], u64::MAX);
    slots
        .into_iter()
        .map(|slot| {
            let (tr, en) = match items.iter().find(|i| i.key == slot) {
                Some(i) => (i.title_tr.clone(), i.title_en.clone()),
                None if slot == "fotograf" => {
                    ("Biyometrik fotoğraf".into(), "Biometric photo".into())
                }
                // A slot no longer on the checklist: its key is all there is.
                None => (slot.clone(), slot.clone()),
            };
            ChangedDocument {
                slot,
                title_tr: tr,
                title_en: en,
            }
        })
        .collect()
}

/// The documents attached now, with their digests, and the approved photo's digest.
fn attached(db: &Database, id: Uuid) -> Result<(Vec<SubmittedDocument>, Option<String>)> {
    let mut docs = Vec::new();
    for d in db.documents(id)? {
        docs.push(SubmittedDocument {
            sha256: sha256_hex(&db.document_pdf(id, &d.slot)?),
            slot: d.slot,
            pages: d.pages,
            bytes: d.bytes,
        });
    }
    let photo = db
        .photo(id)?
        .and_then(|p| p.approved)
        .map(|j| sha256_hex(&j));
    Ok((docs, photo))
}

/// Freezes the case as it is now, for the submission `event` just recorded.
pub(super) fn take_snapshot(db: &mut Database, id: Uuid, event: &Event) -> Result<()> {
    let case = db.get_case(id)?;
    let (documents, photo_sha256) = attached(db, id)?;
    db.put_submission(
        id,
        &Submission {
            event_id: event.id,
            submitted_on: event.date,
            recorded_at: event.recorded_at,
            doc: case.doc,
            documents: Some(documents),
            photo_sha256,
        },
    )
}

/// The view for `case` with its `events`; `None` before submission. `with_documents`
/// reads and hashes the attached PDFs (opening a case does; autosave does not, a save
/// never changes them).
pub(super) fn view(
    db: &Database,
    id: Uuid,
    doc: &CaseDoc,
    events: &[Event],
    with_documents: bool,
) -> Result<Option<SubmissionView>> {
    Ok(view_and_snapshot(db, id, doc, events, with_documents)?.map(|(v, _)| v))
}

/// The view and the snapshot it compares with (the snapshots are read once).
fn view_and_snapshot(
    db: &Database,
    id: Uuid,
    doc: &CaseDoc,
    events: &[Event],
    with_documents: bool,
) -> Result<Option<(SubmissionView, Option<Submission>)>> {
    let Some(event) = submitted_event(events) else {
        return Ok(None);
    };
    let application_no = match &event.kind {
        EventKind::BasvuruYapildi { application_no } => application_no.clone(),
        _ => String::new(),
    };
    let snapshots = db.submissions(id)?;
    let snapshot = current(events, &snapshots).cloned();
    let documents_changed = match (&snapshot, with_documents) {
        (Some(s), true) => {
            let (docs, photo) = attached(db, id)?;
            documents_changed(s, &docs, photo.as_deref()).map(|slots| titled(doc, events, slots))
        }
        _ => None,
    };
    let view = SubmissionView {
        submitted_on: event.date,
        application_no,
        changes: snapshot
            .as_ref()
            .map_or_else(Vec::new, |s| changes(&s.doc, doc)),
        documents_changed,
        snapshot_kept: snapshot.is_some(),
    };
    Ok(Some((view, snapshot)))
}

/// A case's submitted snapshot and what changed since (`hane-cli submitted`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmittedCase {
    pub snapshot: Option<Submission>,
    #[serde(flatten)]
    pub view: SubmissionView,
}

impl Hane {
    /// The submission in force of case `id`, frozen, with what changed since; `None` if the
    /// case has not been submitted.
    pub fn submitted(&self, id: Uuid) -> Result<Option<SubmittedCase>> {
        self.db(|db| {
            let case = db.get_case(id)?;
            let events = db.events(id)?;
            Ok(view_and_snapshot(db, id, &case.doc, &events, true)?
                .map(|(view, snapshot)| SubmittedCase { snapshot, view }))
        })
    }
}
