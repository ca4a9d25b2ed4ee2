//! The document checklist of a case (000 B.4.4): the three documents every application
//! needs, the guardian documents the rules require, and the user's own declared documents,
//! each with the status of what is attached. Pure: the attached documents are given.

use serde::Serialize;

use crate::case::CaseDoc;
use crate::rules::required_documents;
use crate::tracking::{effective, Event, EventKind};

pub use crate::settings::DEFAULT_UPLOAD_LIMIT_BYTES;

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

const REQUEST_SLOT: &str = "eksik_evrak:";

/// The slot of the missing-documents request recorded as event `event_id`.
pub fn request_slot(event_id: i64) -> String {
    format!("{REQUEST_SLOT}{event_id}")
}

/// The slot of a missing-documents request (see [`checklist_with_requests`]).
pub fn is_request_slot(key: &str) -> bool {
    key.starts_with(REQUEST_SLOT)
}

/// `slot` with its request's event id replaced as `new_ids` says (a restore gives the
/// events new row ids); any other slot as it is.
pub fn repoint_slot(slot: &str, new_ids: &std::collections::HashMap<i64, i64>) -> String {
    slot.strip_prefix(REQUEST_SLOT)
        .and_then(|id| id.parse::<i64>().ok())
        .and_then(|id| new_ids.get(&id))
        .map_or_else(|| slot.to_string(), |&id| request_slot(id))
}

/// The checklist of a stored case: [`checklist`] plus one slot per missing-documents
/// request (eksik evrak, 000 B.5.1.1) in force, `eksik_evrak:<event id>`, where the user
/// builds the PDF the Ministry asked for. Optional: it never blocks the bundle, and the
/// request's 30 days are a deadline of their own.
pub fn checklist_with_requests(
    doc: &CaseDoc,
    events: &[Event],
    attached: &[DocumentInfo],
    limit_bytes: u64,
) -> Vec<ChecklistItem> {
    let mut items = checklist(doc, attached, limit_bytes);
    for e in effective(events) {
        let EventKind::EksikEvrakIstendi { istenen } = &e.kind else {
            continue;
        };
        let date = e.date.format("%d.%m.%Y");
        let (tr, en) = if istenen.is_empty() {
            (
                format!("Eksik evrak ({date})"),
                format!("Missing documents ({date})"),
            )
        } else {
            (
                format!("Eksik evrak ({date}): {istenen}"),
                format!("Missing documents ({date}): {istenen}"),
            )
        };
        let key = request_slot(e.id);
        let document = attached.iter().find(|d| d.slot == key).cloned();
        items.push(ChecklistItem {
            status: match &document {
                None => ItemStatus::Missing,
                Some(d) if d.bytes > limit_bytes => ItemStatus::Problem,
                Some(_) => ItemStatus::Attached,
            },
            key,
            title_tr: tr,
            title_en: en,
            rule: "documents.requested".into(),
            required: false,
            document,
        });
    }
    items
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
    fn each_missing_documents_request_in_force_gets_its_own_optional_slot() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let ev = |id, date, kind| Event {
            id,
            date,
            recorded_at: chrono::Utc::now(),
            kind,
        };
        let asked = |s: &str| EventKind::EksikEvrakIstendi { istenen: s.into() };
        let events = [
            ev(1, day(1), asked("Gelir belgesi")),
            ev(2, day(2), asked("yanlış giriş")),
            ev(3, day(2), EventKind::Geri { event_id: 2 }),
            ev(4, day(20), asked("")),
        ];
        let attached = [DocumentInfo {
            id: 9,
            slot: "eksik_evrak:1".into(),
            pages: 2,
            bytes: 20,
            source: "images".into(),
        }];
        let items = checklist_with_requests(&CaseDoc::default(), &events, &attached, 10);
        let extra: Vec<&ChecklistItem> = items
            .iter()
            .filter(|i| i.key.starts_with("eksik_evrak:"))
            .collect();
        assert_eq!(extra.len(), 2, "the withdrawn request has no slot");
        assert_eq!(extra[0].key, "eksik_evrak:1");
        assert_eq!(extra[0].title_tr, "Eksik evrak (01.10.2026): Gelir belgesi");
        assert_eq!(
            extra[0].status,
            ItemStatus::Problem,
            "over the 10-byte limit"
        );
        assert!(!extra[0].required);
        assert_eq!(extra[1].title_en, "Missing documents (20.10.2026)");
        assert_eq!(extra[1].status, ItemStatus::Missing);
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
