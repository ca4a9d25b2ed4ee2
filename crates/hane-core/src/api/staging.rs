//! The page editor: files picked for one document slot are staged in memory (never on
//! disk), shown as thumbnails, ordered and turned, built into the slot's PDF — its size
//! shown, recompressed to the upload limit on request — and then stored. Parsing, building
//! and recompressing run without the database lock.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::documents::{build, documents_of, slot_title, store, AttachFile, Built, Documents};
use super::{lock, Hane};
use crate::error::{HaneError, Result};

/// Files picked for the page editor — (name, bytes) — and the PDF last built from them,
/// so the user sees its size before saving. Memory only, never on disk.
#[derive(Default)]
pub struct Staged {
    files: Vec<(String, Vec<u8>)>,
    built: Option<(BuildRequest, Built)>,
}

/// One staged file as the page editor lists it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StagedFile {
    pub index: usize,
    /// "pdf", "jpeg" or "png".
    pub kind: &'static str,
    pub pages: u32,
    pub bytes: usize,
}

/// A page of the document to build: a staged file and its quarter turns (clockwise).
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PageOrder {
    pub index: usize,
    pub turns: u8,
}

/// What was built last, so asking again for the same thing costs nothing.
#[derive(Clone, PartialEq)]
struct BuildRequest {
    id: Uuid,
    slot: String,
    pages: Vec<(usize, u8)>,
    fit_bytes: Option<u64>,
}

/// A built document's facts for the page editor.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuiltInfo {
    pub bytes: u64,
    pub pages: u32,
    pub limit_bytes: u64,
    pub source: &'static str,
    pub recompressed: Option<crate::pdf::scan::Recompression>,
}

impl Hane {
    /// Forgets the staged files and the last build.
    pub fn stage_clear(&self) {
        *lock(&self.staged) = Staged::default();
    }

    /// Checks a picked file (a PDF is read through; an image's header and size are
    /// checked) and stages it.
    pub fn stage(&self, name: String, bytes: Vec<u8>) -> Result<StagedFile> {
        let file = AttachFile {
            name: &name,
            bytes: &bytes,
            quarter_turns: 0,
        };
        let (kind, pages) = if file.is_pdf() {
            ("pdf", crate::pdf::inspect::check_pdf(file.bytes)?.pages)
        } else {
            (crate::pdf::scan::inspect_image(file.bytes)?.kind, 1)
        };
        let size = bytes.len();
        let mut staged = lock(&self.staged);
        staged.files.push((name, bytes));
        staged.built = None;
        Ok(StagedFile {
            index: staged.files.len() - 1,
            kind,
            pages,
            bytes: size,
        })
    }

    /// Stages the pages of a staged PDF that is only scans, one JPEG per page, named
    /// "file (n)"; an empty list when the PDF is not only scans (it is kept as given).
    pub fn stage_scan_pages(&self, index: usize) -> Result<Vec<StagedFile>> {
        let (name, pdf) = lock(&self.staged)
            .files
            .get(index)
            .cloned()
            .ok_or(HaneError::NoPages)?;
        let pages = crate::pdf::scan_pages::scan_pages(&pdf)?.unwrap_or_default();
        let stem = std::path::Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut staged = lock(&self.staged);
        staged.built = None;
        Ok(pages
            .into_iter()
            .enumerate()
            .map(|(i, jpeg)| {
                let bytes = jpeg.len();
                staged.files.push((format!("{stem} ({})", i + 1), jpeg));
                StagedFile {
                    index: staged.files.len() - 1,
                    kind: "jpeg",
                    pages: 1,
                    bytes,
                }
            })
            .collect())
    }

    /// A staged file's thumbnail as JPEG bytes, `max_side` pixels at most.
    pub fn staged_thumbnail(&self, index: usize, max_side: u32) -> Result<Vec<u8>> {
        crate::pdf::scan::thumbnail_jpeg(&self.staged_bytes(index)?, max_side)
    }

    /// The page found on a staged image (issue #22) — the page editor's proposal: its
    /// corners in the pixels of the image as shown (EXIF orientation applied, as
    /// [`Self::staged_thumbnail`] draws it).
    pub fn staged_page_find(&self, index: usize) -> Result<crate::page::PageReport> {
        crate::page::find_displayed(&self.staged_bytes(index)?)
    }

    /// The staged image's page straightened — by the corners given (placed on the image as
    /// shown; `None`: those found) — and staged as a new file beside the original, which
    /// stays staged until the document is saved, so the correction can be undone.
    pub fn stage_straightened(
        &self,
        index: usize,
        corners: Option<[[f32; 2]; 4]>,
        clean: bool,
    ) -> Result<StagedFile> {
        let (name, bytes) = lock(&self.staged)
            .files
            .get(index)
            .cloned()
            .ok_or(HaneError::NoPages)?;
        if bytes.starts_with(b"%PDF") {
            return Err(HaneError::UnsupportedImage);
        }
        let page = match corners {
            Some(c) => crate::page::straighten_displayed(&bytes, c, clean)?,
            None => crate::page::straighten(&bytes, None, clean)?.1,
        };
        let size = page.jpeg.len();
        let mut staged = lock(&self.staged);
        staged.files.push((name, page.jpeg));
        staged.built = None;
        Ok(StagedFile {
            index: staged.files.len() - 1,
            kind: "jpeg",
            pages: 1,
            bytes: size,
        })
    }

    fn staged_bytes(&self, index: usize) -> Result<Vec<u8>> {
        lock(&self.staged)
            .files
            .get(index)
            .map(|(_, b)| b.clone())
            .ok_or(HaneError::NoPages)
    }

    /// The slot's PDF from the staged pages in `pages`' order (recompressed to the upload
    /// limit when `compress`), and that limit. Built once per distinct request.
    fn built_for(
        &self,
        id: Uuid,
        slot: String,
        pages: &[PageOrder],
        compress: bool,
    ) -> Result<(Built, u64)> {
        let (title, limit) = self.db(|db| {
            Ok((
                slot_title(db, id, &slot)?,
                db.settings()?.upload_limit_bytes(),
            ))
        })?;
        let request = BuildRequest {
            id,
            slot,
            pages: pages.iter().map(|p| (p.index, p.turns % 4)).collect(),
            fit_bytes: compress.then_some(limit),
        };
        // The staging lock is held through the build: the page editor has one build at a
        // time, and a second request for the same pages waits and reuses the first's.
        let mut staged = lock(&self.staged);
        if let Some((done, built)) = &staged.built {
            if *done == request {
                return Ok((built.clone(), limit));
            }
        }
        let mut files = Vec::new();
        for &(index, turns) in &request.pages {
            let (name, bytes) = staged.files.get(index).ok_or(HaneError::NoPages)?;
            files.push(AttachFile {
                name,
                bytes,
                quarter_turns: turns,
            });
        }
        let created = chrono::Utc::now().naive_utc();
        let built = build(&title, &files, created, request.fit_bytes)?;
        staged.built = Some((request, built.clone()));
        Ok((built, limit))
    }

    /// Builds the document so the user sees its size before saving it.
    pub fn build_staged(
        &self,
        id: Uuid,
        slot: String,
        pages: &[PageOrder],
        compress: bool,
    ) -> Result<BuiltInfo> {
        let (built, limit_bytes) = self.built_for(id, slot, pages, compress)?;
        Ok(BuiltInfo {
            bytes: built.pdf.len() as u64,
            pages: built.pages,
            limit_bytes,
            source: built.source,
            recompressed: built.recompressed,
        })
    }

    /// Stores the built document in its slot and forgets the staged files.
    pub fn attach_staged(
        &self,
        id: Uuid,
        slot: String,
        pages: &[PageOrder],
        compress: bool,
    ) -> Result<Documents> {
        let (built, _) = self.built_for(id, slot.clone(), pages, compress)?;
        let documents = self.db(|db| {
            store(db, id, &slot, &built)?;
            documents_of(db, id)
        })?;
        self.stage_clear();
        Ok(documents)
    }
}
