//! The exported bundle: is the case ready, and export it.

use std::path::Path;

use chrono::NaiveDate;
use uuid::Uuid;

use super::documents::case_checklist;
use super::Hane;
use crate::bundle::{
    add_pdf, free_name, map_io, sha256_hex, write_file, zip_bytes, ExportOptions, ExportReport,
    Manifest, ManifestFile, NamedFile, Readiness, Stage, RULE_SET,
};
use crate::checklist::{ChecklistItem, ItemStatus};
use crate::error::{HaneError, Result};
use crate::paperwork::documents_pdf::{petition, summary, Attachment, GenerateOptions};
use crate::rules::{Finding, Severity};
use crate::storage::Database;
use crate::submission::validate_case;

impl Hane {
    pub fn readiness(&self, id: Uuid) -> Result<Readiness> {
        let today = self.today();
        self.db(|db| readiness(db, id, today))
    }

    /// Writes the bundle (petition, summary, every document, the photo, one .zip) for `id`
    /// into `target`, as of today; `draft` marks an unfinished case's papers as drafts.
    /// The case is read under the lock; the PDFs, the zip and the files are made without
    /// it; the export is recorded under it.
    pub fn export(&self, id: Uuid, target: &Path, draft: bool) -> Result<ExportReport> {
        let opts = ExportOptions {
            draft,
            today: self.today(),
        };
        let inputs = self.db(|db| Inputs::read(db, id))?;
        let report = write_bundle(&inputs, target, &opts, &mut |_| {})?;
        self.db(|db| db.record_export(id, &report.folder, &report.manifest_sha256, draft))?;
        Ok(report)
    }
}

impl Hane {
    /// The bytes the viewer inside Hane shows (issue #20), made in memory and never written
    /// to a file: `photo` (the approved JPEG), `dilekce` or `ozet` (the petition or the
    /// summary as the bundle would carry them today — stamped as a draft while the case is
    /// not ready), or a checklist slot's attached PDF.
    pub fn view_bytes(&self, id: Uuid, what: &str) -> Result<Vec<u8>> {
        // The contract as it would be drafted now, and the caregiver's pack (#35).
        if let Some(lang) = what.strip_prefix("sozlesme-") {
            return self.contract_preview(id, lang);
        }
        if let Some(lang) = what.strip_prefix("paket-") {
            return Ok(self.caregiver_pack(id, lang)?.0);
        }
        match what {
            "photo" => self
                .db(|db| db.photo(id))?
                .and_then(|p| p.approved)
                .ok_or(HaneError::PhotoMissing),
            "dilekce" | "ozet" => {
                let inputs = self.db(|db| Inputs::read(db, id))?;
                let today = self.today();
                let ready = readiness_of(
                    &inputs.case,
                    &inputs.items,
                    &inputs.events,
                    inputs.photo_approved,
                    today,
                )
                .ready;
                let opts = ExportOptions {
                    draft: !ready,
                    today,
                };
                let (files, manifest) = build_files(&inputs, &opts)?;
                let file = manifest
                    .files
                    .iter()
                    .find(|f| f.item == what)
                    .ok_or(HaneError::DocumentNotFound)?;
                files
                    .into_iter()
                    .find(|(name, _)| *name == file.file)
                    .map(|(_, bytes)| bytes)
                    .ok_or(HaneError::DocumentNotFound)
            }
            slot => self.db(|db| db.document_pdf(id, slot)),
        }
    }
}

/// Everything the bundle is made from, read from the database in one go.
struct Inputs {
    case_id: Uuid,
    case: crate::case::Case,
    items: Vec<ChecklistItem>,
    /// The approved photo's JPEG.
    photo: Option<Vec<u8>>,
    photo_approved: bool,
    /// Each attached document's PDF, by checklist key.
    pdfs: Vec<(String, Vec<u8>)>,
    events: Vec<crate::tracking::Event>,
}

impl Inputs {
    fn read(db: &Database, case_id: Uuid) -> Result<Inputs> {
        let case = db.get_case(case_id)?;
        let items = case_checklist(db, case_id)?;
        let photo = db.photo(case_id)?.and_then(|p| p.approved);
        let mut pdfs = Vec::new();
        for item in items.iter().filter(|i| i.document.is_some()) {
            pdfs.push((item.key.clone(), db.document_pdf(case_id, &item.key)?));
        }
        Ok(Inputs {
            case_id,
            case,
            items,
            photo_approved: photo.is_some(),
            photo,
            pdfs,
            events: db.events(case_id)?,
        })
    }
}

pub fn readiness(db: &Database, case_id: Uuid, today: NaiveDate) -> Result<Readiness> {
    let case = db.get_case(case_id)?;
    let items = case_checklist(db, case_id)?;
    let photo_approved = db.photo(case_id)?.is_some_and(|p| p.approved.is_some());
    let events = db.events(case_id)?;
    Ok(readiness_of(&case, &items, &events, photo_approved, today))
}

fn readiness_of(
    case: &crate::case::Case,
    items: &[ChecklistItem],
    events: &[crate::tracking::Event],
    photo_approved: bool,
    today: NaiveDate,
) -> Readiness {
    let validation = validate_case(&case.doc, events, today);
    let blocking_findings: Vec<Finding> = validation
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Blocking)
        .collect();
    // A missing-documents request's slot is a help, not part of the application: the user
    // may have uploaded the PDF on the portal without it.
    let missing_documents: Vec<ChecklistItem> = items
        .iter()
        .filter(|i| i.document.is_none() && !crate::checklist::is_request_slot(&i.key))
        .cloned()
        .collect();
    let oversized_documents = items
        .iter()
        .filter(|i| i.status == ItemStatus::Problem)
        .cloned()
        .collect();
    Readiness {
        ready: blocking_findings.is_empty() && missing_documents.is_empty() && photo_approved,
        photo_approved,
        blocking_findings,
        missing_documents,
        oversized_documents,
    }
}

/// The files of the bundle, in order, fully in memory (names, bytes, manifest entries).
fn build_files(inputs: &Inputs, opts: &ExportOptions) -> Result<(Vec<NamedFile>, Manifest)> {
    let Inputs {
        case_id,
        case,
        items,
        ..
    } = inputs;
    let case_id = *case_id;
    let ready = readiness_of(
        case,
        items,
        &inputs.events,
        inputs.photo_approved,
        opts.today,
    );
    if !ready.ready && !opts.draft {
        return Err(HaneError::ExportBlocked {
            count: ready.blocking_count(),
        });
    }
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut n: u32 = 0;
    let mut photo_name = None;
    if let Some(jpeg) = inputs.photo.clone() {
        n += 1;
        let name = format!("{n:02}-Biyometrik-Fotograf.jpg");
        entries.push(ManifestFile {
            file: name.clone(),
            item: "fotograf".into(),
            title: "Biyometrik Fotoğraf".into(),
            bytes: jpeg.len() as u64,
            pages: 1,
            sha256: sha256_hex(&jpeg),
        });
        photo_name = Some(name.clone());
        files.push((name, jpeg));
    }
    for item in items {
        if let Some(d) = &item.document {
            let bytes = inputs
                .pdfs
                .iter()
                .find(|(key, _)| *key == item.key)
                .map(|(_, pdf)| pdf.clone())
                .ok_or(HaneError::DocumentNotFound)?;
            add_pdf(
                &mut n,
                &mut entries,
                &mut files,
                &item.key,
                &item.title_tr,
                bytes,
                d.pages,
            );
        }
    }
    let date = case
        .doc
        .basvuru
        .basvuru_tarihi
        .unwrap_or(opts.today)
        .and_hms_opt(12, 0, 0)
        .expect("noon exists");
    let gen = GenerateOptions {
        date,
        draft: opts.draft,
    };
    let validation = validate_case(&case.doc, &inputs.events, opts.today);
    let deadlines = crate::deadlines::deadlines(&case.doc, &inputs.events, opts.today);
    // The petition's EKLER and the summary's list are the files written so far: built
    // from the manifest itself, so a document without a file cannot be listed.
    let attachments: Vec<Attachment> = entries
        .iter()
        .map(|e| Attachment {
            file: e.file.clone(),
            title: e.title.clone(),
            pages: e.pages,
        })
        .collect();
    let pet = petition(&case.doc, &attachments, &gen)?;
    let pet_pages = crate::pdf::inspect::check_pdf(&pet)?.pages;
    add_pdf(
        &mut n,
        &mut entries,
        &mut files,
        "dilekce",
        "Başvuru Dilekçesi",
        pet,
        pet_pages,
    );
    let sum = summary(
        &case.doc,
        &validation,
        items,
        &attachments,
        &deadlines,
        &gen,
    )?;
    let sum_pages = crate::pdf::inspect::check_pdf(&sum)?.pages;
    add_pdf(
        &mut n,
        &mut entries,
        &mut files,
        "ozet",
        "Başvuru Özeti",
        sum,
        sum_pages,
    );
    let manifest = Manifest {
        format: 1,
        case_id,
        rule_set: RULE_SET,
        generated_at: case.updated_at.to_rfc3339(),
        draft: opts.draft,
        photo: photo_name,
        files: entries,
    };
    Ok((files, manifest))
}

/// Exports the case into a new folder (and .zip) inside `target`.
pub fn export(
    db: &mut Database,
    case_id: Uuid,
    target: &Path,
    opts: &ExportOptions,
) -> Result<ExportReport> {
    export_with(db, case_id, target, opts, &mut |_| {})
}

/// [`export`] with a hook called at each [`Stage`] (tests simulate failures there).
pub fn export_with(
    db: &mut Database,
    case_id: Uuid,
    target: &Path,
    opts: &ExportOptions,
    hook: &mut dyn FnMut(Stage),
) -> Result<ExportReport> {
    let inputs = Inputs::read(db, case_id)?;
    let report = write_bundle(&inputs, target, opts, hook)?;
    db.record_export(case_id, &report.folder, &report.manifest_sha256, opts.draft)?;
    Ok(report)
}

/// Builds the bundle's files and writes them into `target`: a folder and its .zip, both
/// appearing at once (renamed from a temporary folder) or not at all.
fn write_bundle(
    inputs: &Inputs,
    target: &Path,
    opts: &ExportOptions,
    hook: &mut dyn FnMut(Stage),
) -> Result<ExportReport> {
    let (mut files, manifest) = build_files(inputs, opts)?;
    let manifest_json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| HaneError::Corrupt(e.to_string()))?;
    let manifest_sha256 = sha256_hex(&manifest_json);
    files.push(("manifest.json".into(), manifest_json));

    if !target.is_dir() {
        return Err(HaneError::ExportTargetUnavailable);
    }
    // Whose application, then the day: a household exporting for two caregivers tells the
    // folders apart (ASCII, so every file system and zip tool keeps it).
    let who = crate::checklist::ascii_file_stem(&inputs.case.doc.foreigner_name());
    let base = format!(
        "Hane-Basvuru-{}{}{}",
        if who.is_empty() {
            String::new()
        } else {
            format!("{who}-")
        },
        opts.today.format("%Y-%m-%d"),
        if opts.draft { "-TASLAK" } else { "" }
    );
    let name = free_name(target, &base);
    let stamp = chrono::DateTime::parse_from_rfc3339(&manifest.generated_at)
        .map(|t| t.naive_utc())
        .unwrap_or_default();
    let zip = zip_bytes(&name, &files, stamp)?;

    let tmp = target.join(format!(".hane-export-{}", Uuid::new_v4().simple()));
    let result = (|| -> Result<ExportReport> {
        std::fs::create_dir(&tmp).map_err(map_io)?;
        let tmp_folder = tmp.join(&name);
        std::fs::create_dir(&tmp_folder).map_err(map_io)?;
        for (file, bytes) in &files {
            write_file(&tmp_folder.join(file), bytes).map_err(map_io)?;
        }
        write_file(&tmp.join(format!("{name}.zip")), &zip).map_err(map_io)?;
        hook(Stage::BeforeCommit);
        let folder = target.join(&name);
        let zip_path = target.join(format!("{name}.zip"));
        std::fs::rename(&tmp_folder, &folder).map_err(map_io)?;
        if let Err(e) = std::fs::rename(tmp.join(format!("{name}.zip")), &zip_path) {
            // Roll the folder back so no half bundle stays.
            let _ = std::fs::remove_dir_all(&folder);
            return Err(map_io(e));
        }
        Ok(ExportReport {
            folder,
            zip: zip_path,
            manifest_sha256: manifest_sha256.clone(),
            files: manifest.files.clone(),
            draft: opts.draft,
        })
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
