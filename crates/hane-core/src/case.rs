//! The application case: one foreign caregiver's work-permit application prepared by one
//! household employer. The document grows screen by screen with the e-İzin wizard; it is
//! stored as a versioned JSON document (see `storage::cases`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{HaneError, Result};

/// Longest name we accept. The portal's own limit is not documented in the guide; this
/// only keeps obviously broken input (a pasted file) out of the database.
pub const MAX_NAME_CHARS: usize = 200;

/// The case document. Every field has a default so a document written by an older
/// Hane always loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseDoc {
    /// The employer (işveren) as entered on the first screen.
    pub employer_name: String,
    /// The foreign worker (yabancı) the permit is for.
    pub foreigner_name: String,
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub doc: CaseDoc,
}

/// One row of the home screen's case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub id: Uuid,
    pub employer_name: String,
    pub foreigner_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Case> for CaseSummary {
    fn from(c: &Case) -> Self {
        CaseSummary {
            id: c.id,
            employer_name: c.doc.employer_name.clone(),
            foreigner_name: c.doc.foreigner_name.clone(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// What the "new application" form sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCase {
    pub employer_name: String,
    pub foreigner_name: String,
}

impl NewCase {
    /// Trims the input and checks it; returns the document to store.
    pub fn into_doc(self) -> Result<CaseDoc> {
        Ok(CaseDoc {
            employer_name: clean_name(&self.employer_name, "employer_name")?,
            foreigner_name: clean_name(&self.foreigner_name, "foreigner_name")?,
        })
    }
}

/// Collapses inner whitespace and trims; empty or over-long names are errors.
fn clean_name(raw: &str, field: &'static str) -> Result<String> {
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(HaneError::Required { field });
    }
    if cleaned.chars().count() > MAX_NAME_CHARS {
        return Err(HaneError::TooLong {
            field,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(e: &str, f: &str) -> NewCase {
        NewCase {
            employer_name: e.into(),
            foreigner_name: f.into(),
        }
    }

    #[test]
    fn names_are_trimmed_and_keep_turkish_letters() {
        let doc = new("  Ayşe   Yılmaz ", "İrina Ğ. Öztürk")
            .into_doc()
            .unwrap();
        assert_eq!(doc.employer_name, "Ayşe Yılmaz");
        assert_eq!(doc.foreigner_name, "İrina Ğ. Öztürk");
    }

    #[test]
    fn empty_names_name_their_field() {
        let e = new("   ", "x").into_doc().unwrap_err();
        assert_eq!(e.code(), "field.required");
        assert_eq!(e.field(), Some("employer_name"));
        let e = new("x", "").into_doc().unwrap_err();
        assert_eq!(e.field(), Some("foreigner_name"));
    }

    #[test]
    fn name_length_boundary() {
        let ok = "ş".repeat(MAX_NAME_CHARS);
        assert!(new(&ok, "x").into_doc().is_ok());
        let long = "ş".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            new(&long, "x").into_doc().unwrap_err().code(),
            "field.too_long"
        );
    }

    #[test]
    fn old_documents_without_fields_still_load() {
        let doc: CaseDoc = serde_json::from_str("{}").unwrap();
        assert_eq!(doc, CaseDoc::default());
    }
}
