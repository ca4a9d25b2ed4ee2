//! Documents of a case: the checklist of a stored case, and the use case "pick files →
//! one upload-ready PDF → store it in its slot". Each attached document is one PDF, stored
//! encrypted in the database as a blob — never as a plaintext file.

use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use crate::checklist::{checklist_with_requests, ChecklistItem, DocumentInfo};
use crate::error::{HaneError, Result};
use crate::storage::Database;

/// The documents step: the checklist and the limit it was checked against.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Documents {
    pub checklist: Vec<ChecklistItem>,
    pub limit_bytes: u64,
}

impl Hane {
    pub fn documents(&self, id: Uuid) -> Result<Documents> {
        self.db(|db| documents_of(db, id))
    }

    /// The checklist of a stored case (the CLI's `documents`).
    pub fn checklist(&self, id: Uuid) -> Result<Vec<ChecklistItem>> {
        self.db(|db| case_checklist(db, id))
    }

    /// Builds the picked files into the slot's PDF (as given, no recompression; without
    /// the lock) and stores it (the CLI's `attach`; the window goes through [`super::staging`]).
    pub fn attach(&self, id: Uuid, slot: &str, files: &[AttachFile<'_>]) -> Result<DocumentInfo> {
        let title = self.db(|db| slot_title(db, id, slot))?;
        let built = build(&title, files, chrono::Utc::now().naive_utc(), None)?;
        self.db(|db| store(db, id, slot, &built))
    }

    pub fn remove_document(&self, id: Uuid, slot: &str) -> Result<Documents> {
        self.db(|db| {
            db.delete_document(id, slot)?;
            documents_of(db, id)
        })
    }
}

pub(crate) fn documents_of(db: &Database, id: Uuid) -> Result<Documents> {
    Ok(Documents {
        checklist: case_checklist(db, id)?,
        limit_bytes: db.settings()?.upload_limit_bytes(),
    })
}

/// The checklist of a stored case, with its attached documents, against the user's
/// upload limit.
pub fn case_checklist(db: &Database, case_id: Uuid) -> Result<Vec<ChecklistItem>> {
    let case = db.get_case(case_id)?;
    let limit = db.settings()?.upload_limit_bytes();
    Ok(checklist_with_requests(
        &case.doc,
        &db.events(case_id)?,
        &db.documents(case_id)?,
        limit,
    ))
}

/// One file the user picked for a slot, with the quarter turns chosen in the page editor.
pub struct AttachFile<'a> {
    /// The file's name as picked (only its extension is used).
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub quarter_turns: u8,
}

impl AttachFile<'_> {
    /// Named .pdf or starting like one: handled as a PDF (and checked as one).
    pub fn is_pdf(&self) -> bool {
        self.name.to_ascii_lowercase().ends_with(".pdf")
            || self
                .bytes
                .get(..1024)
                .unwrap_or(self.bytes)
                .windows(5)
                .any(|w| w == b"%PDF-")
    }
}

/// A document's PDF, built from the picked files but not stored yet: the page editor shows
/// its size (and offers recompression above the limit) before the user saves it.
#[derive(Debug, Clone)]
pub struct Built {
    pub pdf: Vec<u8>,
    pub pages: u32,
    /// "pdf" (a PDF as given) or "images" (scans/photos).
    pub source: &'static str,
    /// What was re-encoded to fit the limit, when recompression was asked for.
    pub recompressed: Option<crate::pdf::scan::Recompression>,
}

/// The Turkish title of a slot of the case's checklist (the title its PDF carries), or
/// `DocumentNotFound` for a slot the case does not have.
pub fn slot_title(db: &Database, case_id: Uuid, slot: &str) -> Result<String> {
    let case = db.get_case(case_id)?;
    checklist_with_requests(&case.doc, &db.events(case_id)?, &[], u64::MAX)
        .into_iter()
        .find(|i| i.key == slot)
        .map(|i| i.title_tr)
        .ok_or(HaneError::DocumentNotFound)
}

/// Turns the picked files into one PDF titled `title`: a single PDF is checked and kept as
/// it is; images (JPEG/PNG) become one page each, in the given order. With `fit_bytes`,
/// scan pages are recompressed to fit that size (a PDF as given is never rewritten).
/// Needs no database, so the caller need not hold it during a long recompression.
pub fn build(
    title: &str,
    files: &[AttachFile<'_>],
    created: chrono::NaiveDateTime,
    fit_bytes: Option<u64>,
) -> Result<Built> {
    let first = files.first().ok_or(HaneError::NoPages)?;
    if files.len() == 1 && first.is_pdf() {
        let facts = crate::pdf::inspect::check_pdf(first.bytes)?;
        return Ok(Built {
            pdf: first.bytes.to_vec(),
            pages: facts.pages,
            source: "pdf",
            recompressed: None,
        });
    }
    if files.iter().any(AttachFile::is_pdf) {
        return Err(HaneError::PdfAmongImages);
    }
    let pages: Vec<_> = files
        .iter()
        .map(|f| crate::pdf::scan::PageInput {
            bytes: f.bytes,
            quarter_turns: f.quarter_turns,
        })
        .collect();
    let meta = crate::pdf::scan::PdfMeta { title, created };
    let (pdf, recompressed) = match fit_bytes {
        Some(limit) => {
            let (pdf, report) = crate::pdf::scan::images_to_pdf_within(&pages, &meta, limit)?;
            (pdf, Some(report))
        }
        None => (crate::pdf::scan::images_to_pdf(&pages, &meta)?, None),
    };
    Ok(Built {
        pdf,
        pages: pages.len() as u32,
        source: "images",
        recompressed,
    })
}

/// Stores a built document in `slot`, replacing what was there.
pub fn store(db: &mut Database, case_id: Uuid, slot: &str, built: &Built) -> Result<DocumentInfo> {
    db.put_document(case_id, slot, &built.pdf, built.pages, built.source)
}

/// [`build`] (as given, no recompression) and [`store`] in one step.
pub fn attach(
    db: &mut Database,
    case_id: Uuid,
    slot: &str,
    files: &[AttachFile<'_>],
    created: chrono::NaiveDateTime,
) -> Result<DocumentInfo> {
    let built = build(&slot_title(db, case_id, slot)?, files, created, None)?;
    store(db, case_id, slot, &built)
}

impl Hane {
    /// The MRZ read from a passport page the user picks (JPEG, PNG or a PDF of scans):
    /// proposals only, nothing is changed (issue #21).
    pub fn read_mrz(&self, bytes: &[u8]) -> Result<crate::mrz::Proposal> {
        crate::mrz::read(bytes, self.today())
    }

    /// The MRZ of the passport page attached to the case (checklist slot `pasaport`).
    pub fn passport_mrz(&self, id: Uuid) -> Result<crate::mrz::Proposal> {
        let pdf = self.db(|db| db.document_pdf(id, "pasaport"))?;
        crate::mrz::read(&pdf, self.today())
    }
}
