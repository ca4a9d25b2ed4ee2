//! Cases: list, create, open (with its findings), autosave, delete.

use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use crate::case::{Case, CaseDoc, CaseSummary, NewCase};
use crate::error::Result;
use crate::rules::{self, Validation};

/// A case with the findings of every rule, as of today.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseWithValidation {
    pub case: Case,
    pub validation: Validation,
}

impl Hane {
    pub fn list_cases(&self) -> Result<Vec<CaseSummary>> {
        self.db(|db| db.list_cases())
    }

    pub fn create_case(&self, input: NewCase) -> Result<Case> {
        self.db(|db| db.create_case(input))
    }

    pub fn case(&self, id: Uuid) -> Result<Case> {
        self.db(|db| db.get_case(id))
    }

    pub fn case_with_validation(&self, id: Uuid) -> Result<CaseWithValidation> {
        let case = self.case(id)?;
        let validation = rules::validate(&case.doc, self.today());
        Ok(CaseWithValidation { case, validation })
    }

    /// Autosave: stores the document (one transaction) and returns its fresh findings.
    pub fn save_case(&self, id: Uuid, doc: &CaseDoc) -> Result<Validation> {
        self.db(|db| db.save_case_doc(id, doc))?;
        Ok(rules::validate(doc, self.today()))
    }

    pub fn delete_case(&self, id: Uuid) -> Result<()> {
        self.db(|db| db.delete_case(id))
    }
}
