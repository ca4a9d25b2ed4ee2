//! The employment contract drafted from the case and the caregiver's pack (issue #35):
//! drafting remembers the values the draft was made from (in the case document, so they
//! go into backups and the extension keeps the edited clauses), checking names what the
//! application changed since.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use crate::case::{CaseDoc, MaddeMetni, Sozlesme, SozlesmeDegerleri};
use crate::contract::{stale, values_of, Lang, Stale};
use crate::error::Result;
use crate::paperwork::contract_pdf;

/// A drafted contract: the PDF and what it was drafted from.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractDraft {
    #[serde(skip)]
    pub pdf: Vec<u8>,
    pub pages: u32,
    /// Turkish, and the caregiver's language beside it.
    pub languages: Vec<&'static str>,
    pub values: SozlesmeDegerleri,
    /// The case's contract as now stored (the window keeps its copy of the case in step).
    pub sozlesme: Sozlesme,
}

/// Whether a contract was drafted, and what the application changed since.
#[derive(Debug, Serialize)]
pub struct ContractCheck {
    pub drafted: bool,
    pub stale: Vec<Stale>,
}

/// The nationality's English name for the contract's English and Russian text (the case
/// stores the portal's Turkish name).
fn nationality_en(v: &SozlesmeDegerleri) -> String {
    crate::places::ulke(&v.nationality)
        .map(|u| u.en.clone())
        .unwrap_or_else(|| v.nationality.clone())
}

fn noon(day: chrono::NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(12, 0, 0).expect("noon exists")
}

fn pdf_pages(pdf: &[u8]) -> Result<u32> {
    Ok(crate::pdf::inspect::check_pdf(pdf)?.pages)
}

impl Hane {
    /// "Sözleşme taslağı hazırla": the contract of case `id` in Turkish and `lang`, with
    /// the case's edited clauses, and the values it was drafted from stored with the case.
    pub fn draft_contract(&self, id: Uuid, lang: &str) -> Result<ContractDraft> {
        let lang = Lang::parse(lang)?;
        let today = self.today();
        let doc = self.db(|db| Ok(db.get_case(id)?.doc))?;
        let values = values_of(&doc, today)?;
        let pdf = contract_pdf::contract(
            &values,
            &doc.sozlesme.maddeler,
            lang,
            &nationality_en(&values),
            noon(today),
        )?;
        let pages = pdf_pages(&pdf)?;
        // Remembered under the lock on the stored document as it is now (an autosave may
        // have come in meanwhile): only the drafted values change.
        let sozlesme = self.db(|db| {
            let mut now: CaseDoc = db.get_case(id)?.doc;
            now.sozlesme.taslak = Some(values.clone());
            db.save_case_doc(id, &now)?;
            Ok(now.sozlesme)
        })?;
        let mut languages = vec!["tr"];
        if lang != Lang::Tr {
            languages.push(lang.code());
        }
        Ok(ContractDraft {
            pdf,
            pages,
            languages,
            values,
            sozlesme,
        })
    }

    /// The contract as it would be drafted now, without remembering anything (the viewer).
    pub fn contract_preview(&self, id: Uuid, lang: &str) -> Result<Vec<u8>> {
        let lang = Lang::parse(lang)?;
        let today = self.today();
        let doc = self.db(|db| Ok(db.get_case(id)?.doc))?;
        let values = values_of(&doc, today)?;
        contract_pdf::contract(
            &values,
            &doc.sozlesme.maddeler,
            lang,
            &nationality_en(&values),
            noon(today),
        )
    }

    /// `hane-cli contract ID --check` and the window's warning: the values the application
    /// changed since the last draft (none when it was never drafted).
    pub fn contract_check(&self, id: Uuid) -> Result<ContractCheck> {
        let today = self.today();
        let doc = self.db(|db| Ok(db.get_case(id)?.doc))?;
        let Some(drafted) = &doc.sozlesme.taslak else {
            return Ok(ContractCheck {
                drafted: false,
                stale: Vec::new(),
            });
        };
        Ok(ContractCheck {
            drafted: true,
            stale: values_of(&doc, today)
                .map(|now| stale(drafted, &now))
                .unwrap_or_default(),
        })
    }

    /// The clauses the user edited, stored with the case (an empty text is Hane's own).
    pub fn set_contract_clauses(
        &self,
        id: Uuid,
        clauses: BTreeMap<String, MaddeMetni>,
    ) -> Result<Sozlesme> {
        self.db(|db| {
            let mut doc = db.get_case(id)?.doc;
            doc.sozlesme.maddeler = clauses
                .into_iter()
                .filter(|(_, m)| {
                    !(m.tr.trim().is_empty() && m.en.trim().is_empty() && m.ru.trim().is_empty())
                })
                .collect();
            db.save_case_doc(id, &doc)?;
            Ok(doc.sozlesme)
        })
    }

    /// "Çalışana gönder": the caregiver's pack for case `id` in `lang`, and its pages.
    pub fn caregiver_pack(&self, id: Uuid, lang: &str) -> Result<(Vec<u8>, u32)> {
        let lang = Lang::parse(lang)?;
        let today = self.today();
        let doc = self.db(|db| Ok(db.get_case(id)?.doc))?;
        let pdf = contract_pdf::pack(&doc, lang, noon(today))?;
        let pages = pdf_pages(&pdf)?;
        Ok((pdf, pages))
    }
}
