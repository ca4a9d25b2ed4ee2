//! The ready-to-upload bundle: every file the portal will ask for, named in order, with a
//! manifest of hashes, as a folder and the same as a .zip beside it.
//!
//! Export is atomic: everything is written under a hidden temporary folder inside the
//! chosen folder and renamed into place at the end; on any failure the temporary folder
//! is removed and nothing in the database changes. An existing bundle is never
//! overwritten: a new name is chosen. The same case exports to byte-identical files.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::documents::{ascii_file_stem, case_checklist, ChecklistItem};
use crate::error::{HaneError, Result};
use crate::pdf::documents_pdf::{petition, summary, Attachment, GenerateOptions};
use crate::rules::{validate, Finding, Severity};
use crate::storage::Database;

/// Version of the rule set that checked the bundle (the core's version).
pub const RULE_SET: &str = concat!("hane-rules-", env!("CARGO_PKG_VERSION"));

/// What still stands between the case and the portal.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    pub ready: bool,
    pub blocking_findings: Vec<Finding>,
    /// Checklist items with no document: the required ones, and the ones the user
    /// declared (the petition would otherwise promise a document the bundle lacks).
    pub missing_documents: Vec<ChecklistItem>,
    /// Attached documents over the upload limit (a warning, not a block).
    pub oversized_documents: Vec<ChecklistItem>,
    /// The biometric photo is approved (000 B.4.1).
    pub photo_approved: bool,
}

impl Readiness {
    pub fn blocking_count(&self) -> usize {
        self.blocking_findings.len()
            + self.missing_documents.len()
            + usize::from(!self.photo_approved)
    }
}

pub fn readiness(db: &Database, case_id: Uuid, today: NaiveDate) -> Result<Readiness> {
    let case = db.get_case(case_id)?;
    let validation = validate(&case.doc, today);
    let items = case_checklist(db, case_id)?;
    let blocking_findings: Vec<Finding> = validation
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Blocking)
        .collect();
    let missing_documents: Vec<ChecklistItem> = items
        .iter()
        .filter(|i| i.document.is_none())
        .cloned()
        .collect();
    let oversized_documents = items
        .iter()
        .filter(|i| i.status == crate::documents::ItemStatus::Problem)
        .cloned()
        .collect();
    let photo_approved = db.photo(case_id)?.is_some_and(|p| p.approved.is_some());
    Ok(Readiness {
        ready: blocking_findings.is_empty() && missing_documents.is_empty() && photo_approved,
        photo_approved,
        blocking_findings,
        missing_documents,
        oversized_documents,
    })
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ManifestFile {
    pub file: String,
    /// The checklist item (slot) or `dilekce` / `ozet`.
    pub item: String,
    pub title: String,
    pub bytes: u64,
    pub pages: u32,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: u32,
    pub case_id: Uuid,
    pub rule_set: &'static str,
    /// When the case was last changed: the state this bundle was generated from (the
    /// export moment itself is recorded in Hane, so an unchanged case re-exports to
    /// identical bytes).
    pub generated_at: String,
    pub draft: bool,
    /// The approved biometric photo's file name (absent only in a draft without one).
    pub photo: Option<String>,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportReport {
    pub folder: PathBuf,
    pub zip: PathBuf,
    pub manifest_sha256: String,
    pub files: Vec<ManifestFile>,
    pub draft: bool,
}

pub struct ExportOptions {
    pub draft: bool,
    /// The day checks are made for and the date printed on the petition.
    pub today: NaiveDate,
}

/// Points in an export where a test can interfere (remove the target, fill the disk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Every file written to the temporary folder; nothing renamed into place yet.
    BeforeCommit,
}

fn map_io(e: std::io::Error) -> HaneError {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => HaneError::ExportPermissionDenied,
        NotFound => HaneError::ExportTargetUnavailable,
        StorageFull | QuotaExceeded | FileTooLarge => HaneError::ExportDiskFull,
        _ => HaneError::FileAccess(e.kind().to_string()),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A bundle file: its name and bytes.
type NamedFile = (String, Vec<u8>);

/// The files of the bundle, in order, fully in memory (names, bytes, manifest entries).
fn build_files(
    db: &Database,
    case_id: Uuid,
    opts: &ExportOptions,
) -> Result<(Vec<NamedFile>, Manifest)> {
    let case = db.get_case(case_id)?;
    let ready = readiness(db, case_id, opts.today)?;
    if !ready.ready && !opts.draft {
        return Err(HaneError::ExportBlocked {
            count: ready.blocking_count(),
        });
    }
    let items = case_checklist(db, case_id)?;
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut n: u32 = 0;
    let mut photo_name = None;
    if let Some(jpeg) = db.photo(case_id)?.and_then(|p| p.approved) {
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
    for item in &items {
        if let Some(d) = &item.document {
            let bytes = db.document_pdf(case_id, &item.key)?;
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
    let validation = validate(&case.doc, opts.today);
    let events = db.events(case_id)?;
    let deadlines = crate::deadlines::deadlines(&case.doc, &events, opts.today);
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
        &items,
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

/// Appends one PDF to the bundle as file number `n + 1`, with its manifest entry.
fn add_pdf(
    n: &mut u32,
    entries: &mut Vec<ManifestFile>,
    files: &mut Vec<NamedFile>,
    item: &str,
    title: &str,
    bytes: Vec<u8>,
    pages: u32,
) {
    *n += 1;
    let name = format!("{:02}-{}.pdf", *n, ascii_file_stem(title));
    entries.push(ManifestFile {
        file: name.clone(),
        item: item.to_string(),
        title: title.to_string(),
        bytes: bytes.len() as u64,
        pages,
        sha256: sha256_hex(&bytes),
    });
    files.push((name, bytes));
}

/// A free name in `target`: `Hane-Basvuru-2026-11-24`, then `…-2`, `…-3`.
fn free_name(target: &Path, base: &str) -> String {
    let mut name = base.to_string();
    let mut i = 2;
    while target.join(&name).exists() || target.join(format!("{name}.zip")).exists() {
        name = format!("{base}-{i}");
        i += 1;
    }
    name
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn zip_bytes(folder: &str, files: &[NamedFile], stamp: NaiveDateTime) -> Result<Vec<u8>> {
    use chrono::{Datelike, Timelike};
    let time = zip::DateTime::from_date_and_time(
        stamp.year().clamp(1980, 2107) as u16,
        stamp.month() as u8,
        stamp.day() as u8,
        stamp.hour() as u8,
        stamp.minute() as u8,
        stamp.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let err = |e: zip::result::ZipError| HaneError::FileAccess(e.to_string());
    for (name, bytes) in files {
        zip.start_file(format!("{folder}/{name}"), options)
            .map_err(err)?;
        zip.write_all(bytes)
            .map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
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
    let (mut files, manifest) = build_files(db, case_id, opts)?;
    let manifest_json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| HaneError::Corrupt(e.to_string()))?;
    let manifest_sha256 = sha256_hex(&manifest_json);
    files.push(("manifest.json".into(), manifest_json));

    if !target.is_dir() {
        return Err(HaneError::ExportTargetUnavailable);
    }
    let base = format!(
        "Hane-Basvuru-{}{}",
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
    let report = result?;
    db.record_export(case_id, &report.folder, &report.manifest_sha256, opts.draft)?;
    Ok(report)
}
