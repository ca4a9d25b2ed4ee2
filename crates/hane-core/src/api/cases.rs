//! Cases: list, create, open (with its findings), autosave, delete.

use serde::Serialize;
use uuid::Uuid;

use super::submission::{view, SubmissionView};
use super::tracking::{case_deadlines, is_taken_over, taken_over_ids, with_events};
use super::Hane;
use crate::case::{Case, CaseDoc, CaseSummary, NewCase};
use crate::error::Result;
use crate::journey::{journey, Journey};
use crate::people::{
    caregiver_of, household_of, same_caregiver, same_household, with_caregiver, with_household,
};
use crate::rules::Validation;
use crate::status::{case_state, CaseState};
use crate::submission::{validate_case, FieldChange};
use crate::tracking::Event;

/// Status and next deadline of each case in `all` (every case with its history).
fn states(all: &[(Case, Vec<Event>)], today: chrono::NaiveDate) -> Vec<CaseState> {
    let over = taken_over_ids(all);
    all.iter()
        .map(|(c, events)| {
            let taken = over.contains(&c.id);
            case_state(events, &case_deadlines(c, events, taken, today))
        })
        .collect()
}

/// The state of `case` with its history `events` (its extension, if submitted, has
/// taken it over).
fn state_of(
    db: &crate::storage::Database,
    case: &Case,
    events: &[Event],
    today: chrono::NaiveDate,
) -> Result<CaseState> {
    let taken = is_taken_over(db, case.id)?;
    Ok(case_state(
        events,
        &case_deadlines(case, events, taken, today),
    ))
}

/// A row of the case list: the case, where it stands and its next deadline (issue #19).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseListItem {
    #[serde(flatten)]
    pub summary: CaseSummary,
    #[serde(flatten)]
    pub state: CaseState,
    /// Where the case is on the first-time employer's journey (issue #20).
    pub journey: Journey,
    /// The extension case started from this one, if there is one: the window offers to
    /// open it instead of starting a second (issue #34).
    pub uzatma_basvurusu: Option<Uuid>,
}

/// The case that extends case `id` (started with "Uzatma başvurusu başlat"), if any.
fn extension_of<'a>(cases: impl IntoIterator<Item = &'a Case>, id: Uuid) -> Option<&'a Case> {
    cases
        .into_iter()
        .find(|c| c.doc.uzatilan_basvuru == Some(id))
}

/// A case with the findings of every rule, as of today (as of its submission day once
/// submitted), and what changed since it was submitted.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseWithValidation {
    pub case: Case,
    pub validation: Validation,
    pub submission: Option<SubmissionView>,
    /// The employer's other open cases whose household differs (see [`Saved`]).
    pub household_differs: Vec<CaseSummary>,
}

/// What autosave returns: the fresh findings; on a submitted case, the fields that now
/// differ from what was sent; the employer's other open cases whose household differs.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    #[serde(flatten)]
    pub validation: Validation,
    pub submitted_changes: Option<Vec<FieldChange>>,
    pub household_differs: Vec<CaseSummary>,
}

/// The employer's other cases still being prepared (not submitted: a submitted case keeps
/// what was sent) whose Profil or İşyeri differ from `doc`'s.
/// Runs on every autosave: the documents are compared first, and only the few candidates'
/// histories are read.
fn household_siblings(db: &crate::storage::Database, id: Uuid, doc: &CaseDoc) -> Result<Vec<Case>> {
    let mut out = Vec::new();
    for c in db.recent_cases()? {
        if c.id != id
            && crate::renewal::same_employer(doc, &c.doc)
            && crate::renewal::household_differs(doc, &c.doc)
            && crate::submission::submitted_event(&db.events(c.id)?).is_none()
        {
            out.push(c);
        }
    }
    Ok(out)
}

fn summaries(cases: &[Case]) -> Vec<CaseSummary> {
    cases.iter().map(CaseSummary::from).collect()
}

impl Hane {
    /// Every case, most recently changed first, with its status and next deadline.
    pub fn list_cases(&self) -> Result<Vec<CaseListItem>> {
        let today = self.today();
        let (all, exported) = self.db(|db| Ok((with_events(db)?, db.exported_cases()?)))?;
        Ok(all
            .iter()
            .zip(states(&all, today))
            .map(|((case, events), state)| CaseListItem {
                summary: case.into(),
                state,
                journey: journey(&case.doc, events, exported.contains(&case.id)),
                uzatma_basvurusu: extension_of(all.iter().map(|(c, _)| c), case.id).map(|c| c.id),
            })
            .collect())
    }

    /// The case-list row of `case` (the window adds a new case to its list with it).
    pub fn list_item(&self, case: &Case) -> Result<CaseListItem> {
        let today = self.today();
        self.db(|db| {
            let events = db.events(case.id)?;
            let exported = db.exported_cases()?.contains(&case.id);
            Ok(CaseListItem {
                summary: case.into(),
                state: state_of(db, case, &events, today)?,
                journey: journey(&case.doc, &events, exported),
                uzatma_basvurusu: extension_of(&db.recent_cases()?, case.id).map(|c| c.id),
            })
        })
    }

    /// Where one case stands and its next deadline (`hane-cli status`).
    pub fn case_state(&self, id: Uuid) -> Result<CaseState> {
        let today = self.today();
        self.db(|db| state_of(db, &db.get_case(id)?, &db.events(id)?, today))
    }

    pub fn create_case(&self, input: NewCase) -> Result<Case> {
        self.db(|db| {
            db.in_transaction(|db| {
                let case = db.create_case(input)?;
                db.sync_people(case.id, &case.doc)?;
                Ok(case)
            })
        })
    }

    pub fn case(&self, id: Uuid) -> Result<Case> {
        self.db(|db| db.get_case(id))
    }

    pub fn case_with_validation(&self, id: Uuid) -> Result<CaseWithValidation> {
        let today = self.today();
        self.db(|db| {
            let case = db.get_case(id)?;
            let events = db.events(id)?;
            let submission = view(db, id, &case.doc, &events, true)?;
            let household_differs = summaries(&household_siblings(db, id, &case.doc)?);
            Ok(CaseWithValidation {
                validation: validate_case(&case.doc, &events, today),
                case,
                submission,
                household_differs,
            })
        })
    }

    /// Autosave: stores the document (one transaction) and returns its fresh findings.
    pub fn save_case(&self, id: Uuid, doc: &CaseDoc) -> Result<Saved> {
        let today = self.today();
        self.db(|db| {
            db.in_transaction(|db| {
                db.save_case_doc(id, doc)?;
                db.sync_people(id, doc)
            })?;
            let events = db.events(id)?;
            Ok(Saved {
                validation: validate_case(doc, &events, today),
                submitted_changes: view(db, id, doc, &events, false)?.map(|v| v.changes),
                household_differs: summaries(&household_siblings(db, id, doc)?),
            })
        })
    }

    /// "Onlara da uygula": copies this case's Profil and İşyeri into the employer's other
    /// open cases that differ (the household entered once, kept the same everywhere), in
    /// one transaction. Returns the cases changed.
    pub fn apply_household(&self, id: Uuid) -> Result<Vec<CaseSummary>> {
        self.db(|db| {
            let from = db.get_case(id)?;
            let siblings = household_siblings(db, id, &from.doc)?;
            db.in_transaction(|db| {
                let household = household_of(&from.doc);
                for c in &siblings {
                    db.save_case_doc(c.id, &with_household(&c.doc, &household))?;
                    db.sync_people(c.id, &with_household(&c.doc, &household))?;
                }
                Ok(())
            })?;
            Ok(summaries(&siblings))
        })
    }

    /// The employer's other open cases whose household differs from this one's
    /// (`hane-cli household`).
    pub fn household_differs(&self, id: Uuid) -> Result<Vec<CaseSummary>> {
        self.db(|db| {
            let case = db.get_case(id)?;
            Ok(summaries(&household_siblings(db, id, &case.doc)?))
        })
    }

    /// "Uzatma başvurusu başlat": a new in-country extension case from an approved one,
    /// everything reusable carried over (`hane_domain::renewal` says what and why), and
    /// the documents the user confirmed as still valid (`keep`, by slot) copied into it.
    /// The approved case stays as it is. One transaction: the new case with all its kept
    /// documents, or nothing. A permit has one extension: if one was started from this
    /// case already, that case is returned as it is, never a second (issue #34).
    pub fn renew(&self, id: Uuid, keep: &[String]) -> Result<Case> {
        self.db(|db| {
            let case = db.get_case(id)?;
            if let Some(existing) = extension_of(&db.recent_cases()?, id) {
                return Ok(existing.clone());
            }
            let events = db.events(id)?;
            // The household and the caregiver as last entered (a move, a new passport
            // typed into another case), then the approved case's application.
            let people = db.people(id)?;
            let mut from = case.doc.clone();
            if let Some(h) = &people.household {
                from = with_household(&from, h);
            }
            if let Some((_, c)) = &people.caregiver {
                from = with_caregiver(&from, c);
            }
            let mut doc = crate::renewal::extension_of(&from, &events)?;
            doc.uzatilan_basvuru = Some(id);
            // Only a slot the old case has filled and the extension's checklist has.
            let slots = crate::checklist::checklist(&doc, &[], u64::MAX);
            let attached = db.documents(id)?;
            let mut kept = Vec::new();
            for slot in keep {
                let info = attached
                    .iter()
                    .find(|d| &d.slot == slot)
                    .filter(|_| slots.iter().any(|i| &i.key == slot))
                    .ok_or(crate::HaneError::DocumentNotFound)?;
                kept.push((info.clone(), db.document_pdf(id, slot)?));
            }
            db.in_transaction(|db| {
                let new = db.create_case_with(doc)?;
                db.link_people(new.id, &new.doc, id)?;
                for (info, pdf) in &kept {
                    db.put_document(new.id, &info.slot, pdf, info.pages, &info.source)?;
                }
                Ok(new)
            })
        })
    }

    /// "Bu işveren için yeni başvuru": a second caregiver's case for the same household,
    /// with the employer and the household filled, and the new caregiver's name when the
    /// window asked for it (issue #34: no case without a name on the home list).
    pub fn new_case_from(&self, id: Uuid, foreigner_name: Option<&str>) -> Result<Case> {
        let name = foreigner_name
            .map(|n| crate::case::typed_name(n, "foreigner_name"))
            .transpose()?;
        self.db(|db| {
            let household = match db.people(id)?.household {
                Some(h) => h,
                None => household_of(&db.get_case(id)?.doc),
            };
            let mut doc = same_household(&household);
            if let Some((ad, soyad)) = name {
                (doc.kisisel.ad, doc.kisisel.soyad) = (ad, soyad);
            }
            db.in_transaction(|db| {
                let new = db.create_case_with(doc)?;
                db.sync_people(new.id, &new.doc)?;
                Ok(new)
            })
        })
    }

    /// "Bu çalışan için yeni başvuru": a first application by another employer for the
    /// caregiver of case `id`, her identity, passport, languages and education filled
    /// (from her record: what was last entered for her), the household and the job empty
    /// but for the new employer's name when the window asked for it.
    pub fn new_case_for_caregiver(&self, id: Uuid, employer_name: Option<&str>) -> Result<Case> {
        let name = employer_name
            .map(|n| crate::case::typed_name(n, "employer_name"))
            .transpose()?;
        self.db(|db| {
            let caregiver = match db.people(id)?.caregiver {
                Some((_, c)) => c,
                None => caregiver_of(&db.get_case(id)?.doc),
            };
            let mut doc = same_caregiver(&caregiver);
            if let Some((ad, soyad)) = name {
                (doc.profil.ad, doc.profil.soyad) = (ad, soyad);
            }
            db.in_transaction(|db| {
                let new = db.create_case_with(doc)?;
                db.link_caregiver_of(new.id, &new.doc, id)?;
                Ok(new)
            })
        })
    }

    /// The household and caregiver records case `id` is linked to (`hane-cli people`).
    pub fn people(&self, id: Uuid) -> Result<crate::storage::people::CasePeople> {
        self.db(|db| db.people(id))
    }

    pub fn delete_case(&self, id: Uuid) -> Result<()> {
        self.db(|db| db.delete_case(id))
    }
}
