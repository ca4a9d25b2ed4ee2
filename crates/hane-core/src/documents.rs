//! The document checklist of a case and the documents attached to it.
//!
//! The checklist is computed from the case (000 B.4.4): the three documents every
//! application needs, the guardian documents the rules require, and the user's own
//! declared documents. Each attached document is one PDF, stored encrypted in the
//! database as a blob — never as a plaintext file.

use serde::Serialize;

use crate::case::CaseDoc;
use crate::rules::required_documents;

/// The portal's upload limit is not given in the guide (000 B.4.4 names the documents but
/// no size); until it is known Hane warns above this size, the UI says so, and the user
/// can change it in the settings.
pub const DEFAULT_UPLOAD_LIMIT_BYTES: u64 = 5_000_000;

/// A stored document, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    pub id: i64,
    pub slot: String,
    pub pages: u32,
    pub bytes: u64,
    /// Where the pages came from: "pdf" (a PDF as given) or "images" (scans/photos).
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    Missing,
    Attached,
    /// Attached but over the upload limit.
    Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    /// The slot documents attach to: a required document's key, or `ek:<id>`.
    pub key: String,
    pub title_tr: String,
    pub title_en: String,
    /// The rule that makes it necessary (`user` for a declared one).
    pub rule: String,
    pub required: bool,
    pub status: ItemStatus,
    pub document: Option<DocumentInfo>,
}

/// The checklist for `doc`, with what is attached (`attached` may hold documents of slots
/// no longer required, e.g. after the guardian answer changed: those are left out).
pub fn checklist(doc: &CaseDoc, attached: &[DocumentInfo], limit_bytes: u64) -> Vec<ChecklistItem> {
    let mut items: Vec<ChecklistItem> = required_documents(doc)
        .into_iter()
        .map(|r| ChecklistItem {
            key: r.key.to_string(),
            title_tr: r.title_tr.to_string(),
            title_en: r.title_en.to_string(),
            rule: r.rule.to_string(),
            required: true,
            status: ItemStatus::Missing,
            document: None,
        })
        .collect();
    for ek in &doc.ek_belgeler {
        items.push(ChecklistItem {
            key: format!("ek:{}", ek.id),
            title_tr: ek.baslik.clone(),
            title_en: ek.baslik.clone(),
            rule: "user".into(),
            required: false,
            status: ItemStatus::Missing,
            document: None,
        });
    }
    for item in &mut items {
        if let Some(d) = attached.iter().find(|d| d.slot == item.key) {
            item.status = if d.bytes > limit_bytes {
                ItemStatus::Problem
            } else {
                ItemStatus::Attached
            };
            item.document = Some(d.clone());
        }
    }
    items
}

/// The checklist of a stored case, with its attached documents, against the user's
/// upload limit.
pub fn case_checklist(
    db: &crate::storage::Database,
    case_id: uuid::Uuid,
) -> crate::Result<Vec<ChecklistItem>> {
    let case = db.get_case(case_id)?;
    let limit = db.settings()?.upload_limit_bytes();
    Ok(checklist(&case.doc, &db.documents(case_id)?, limit))
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
pub fn slot_title(
    db: &crate::storage::Database,
    case_id: uuid::Uuid,
    slot: &str,
) -> crate::Result<String> {
    let case = db.get_case(case_id)?;
    checklist(&case.doc, &[], u64::MAX)
        .into_iter()
        .find(|i| i.key == slot)
        .map(|i| i.title_tr)
        .ok_or(crate::HaneError::DocumentNotFound)
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
) -> crate::Result<Built> {
    let first = files.first().ok_or(crate::HaneError::NoPages)?;
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
        return Err(crate::HaneError::PdfAmongImages);
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
pub fn store(
    db: &mut crate::storage::Database,
    case_id: uuid::Uuid,
    slot: &str,
    built: &Built,
) -> crate::Result<DocumentInfo> {
    db.put_document(case_id, slot, &built.pdf, built.pages, built.source)
}

/// [`build`] (as given, no recompression) and [`store`] in one step.
pub fn attach(
    db: &mut crate::storage::Database,
    case_id: uuid::Uuid,
    slot: &str,
    files: &[AttachFile<'_>],
    created: chrono::NaiveDateTime,
) -> crate::Result<DocumentInfo> {
    let built = build(&slot_title(db, case_id, slot)?, files, created, None)?;
    store(db, case_id, slot, &built)
}

/// "Vasinin Başvuruya İlişkin Onayını Gösteren Belge" → "Vasinin-Basvuruya-Iliskin-…":
/// an ASCII file name that keeps the words readable (Turkish letters transliterated).
pub fn ascii_file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let mapped = match c {
            'ç' => "c",
            'Ç' => "C",
            'ğ' => "g",
            'Ğ' => "G",
            'ı' => "i",
            'İ' => "I",
            'ö' => "o",
            'Ö' => "O",
            'ş' => "s",
            'Ş' => "S",
            'ü' => "u",
            'Ü' => "U",
            'â' | 'à' | 'á' => "a",
            'î' => "i",
            'û' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(mapped);
    }
    let collapsed = out
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if collapsed.is_empty() {
        "Belge".into()
    } else {
        let cut: String = collapsed.chars().take(80).collect();
        cut.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{EkBelge, IkametTuru, Vasilik};

    fn keys(items: &[ChecklistItem]) -> Vec<&str> {
        items.iter().map(|i| i.key.as_str()).collect()
    }

    #[test]
    fn checklist_follows_the_case_shape() {
        let mut doc = CaseDoc::default();
        assert_eq!(
            keys(&checklist(&doc, &[], 10)),
            ["is_sozlesmesi", "gelir_belgesi", "pasaport"]
        );
        doc.gorev.vasilik = Some(Vasilik::BasvuranVasi);
        assert_eq!(keys(&checklist(&doc, &[], 10))[3], "vasilik_belgesi");
        doc.gorev.vasilik = Some(Vasilik::YakinVasiAdina);
        assert_eq!(keys(&checklist(&doc, &[], 10))[3], "vasi_onayi");
        doc.kisisel.ikamet_turu = Some(IkametTuru::UluslararasiKoruma);
        assert!(!keys(&checklist(&doc, &[], 10)).contains(&"pasaport"));
        doc.ek_belgeler.push(EkBelge {
            id: "a1".into(),
            baslik: "Sağlık raporu".into(),
        });
        let items = checklist(&doc, &[], 10);
        let last = items.last().unwrap();
        assert_eq!(
            (last.key.as_str(), last.required, last.rule.as_str()),
            ("ek:a1", false, "user")
        );
    }

    #[test]
    fn attached_and_oversized_documents() {
        let doc = CaseDoc::default();
        let d = |slot: &str, bytes| DocumentInfo {
            id: 1,
            slot: slot.into(),
            pages: 2,
            bytes,
            source: "images".into(),
        };
        let items = checklist(
            &doc,
            &[
                d("is_sozlesmesi", 100),
                d("gelir_belgesi", 6_000_000),
                d("eski_slot", 1),
            ],
            DEFAULT_UPLOAD_LIMIT_BYTES,
        );
        assert_eq!(items[0].status, ItemStatus::Attached);
        assert_eq!(items[1].status, ItemStatus::Problem);
        assert_eq!(items[2].status, ItemStatus::Missing);
        assert_eq!(
            items.len(),
            3,
            "documents of slots no longer required are not listed"
        );
    }

    #[test]
    fn ascii_names() {
        assert_eq!(ascii_file_stem("İş Sözleşmesi"), "Is-Sozlesmesi");
        assert_eq!(
            ascii_file_stem("Gelir Durumunu Gösterir Belge"),
            "Gelir-Durumunu-Gosterir-Belge"
        );
        assert_eq!(ascii_file_stem("Çağrı / Öğüt: ?*"), "Cagri-Ogut");
        assert_eq!(ascii_file_stem("???"), "Belge");
    }

    #[test]
    fn file_names_are_safe_on_every_os() {
        for hostile in [
            "../../etc/passwd",
            "a/b\\c:d*e?f\"g<h>i|j",
            "\u{0}\u{7}\u{1b}[31mx",
            " . ",
            "..",
            "CON",
            "ığüşöçİĞÜŞÖÇ",
        ] {
            let stem = ascii_file_stem(hostile);
            assert!(!stem.is_empty());
            assert!(
                stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "{hostile:?} → {stem:?}"
            );
            assert!(!stem.starts_with('-') && !stem.ends_with('-'));
        }
        assert_eq!(ascii_file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(ascii_file_stem("ığüşöçİĞÜŞÖÇ"), "igusocIGUSOC");
        let long = ascii_file_stem(&"Çok uzun ".repeat(40));
        assert!(
            long.len() <= 80 && long.len() > 70 && !long.ends_with('-'),
            "{long}"
        );
    }
}
