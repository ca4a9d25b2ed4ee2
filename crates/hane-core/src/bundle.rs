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

use crate::checklist::{ascii_file_stem, ChecklistItem};
use crate::error::{HaneError, Result};
use crate::rules::Finding;

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

pub(crate) fn map_io(e: std::io::Error) -> HaneError {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => HaneError::ExportPermissionDenied,
        NotFound => HaneError::ExportTargetUnavailable,
        StorageFull | QuotaExceeded | FileTooLarge => HaneError::ExportDiskFull,
        _ => HaneError::FileAccess(e.kind().to_string()),
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A bundle file: its name and bytes.
pub(crate) type NamedFile = (String, Vec<u8>);

/// Appends one PDF to the bundle as file number `n + 1`, with its manifest entry.
pub(crate) fn add_pdf(
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
pub(crate) fn free_name(target: &Path, base: &str) -> String {
    let mut name = base.to_string();
    let mut i = 2;
    while target.join(&name).exists() || target.join(format!("{name}.zip")).exists() {
        name = format!("{base}-{i}");
        i += 1;
    }
    name
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

pub(crate) fn zip_bytes(
    folder: &str,
    files: &[NamedFile],
    stamp: NaiveDateTime,
) -> Result<Vec<u8>> {
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
