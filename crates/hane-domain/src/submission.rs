//! The submitted application (issue #19): what the user sent on e-İzin, frozen on the day it
//! was recorded as submitted (000 B.4.5), and the rules applied as of that day.
//!
//! Why: the rules that depend on the date — the consulate reference's 30 days (000 B.3.2),
//! the draft's month (B.4.6), "a planned date in the past" — describe the day of submission.
//! Checked against today, an approved case would turn red a month later for things that were
//! right when it was sent. Once submitted, a case is checked as of its submission date, and
//! what the user changes afterwards (an update the Ministry asked for, a typo found later) is
//! a new draft whose difference from the snapshot is listed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::CaseDoc;
use crate::rules::{validate, Validation};
use crate::tracking::{effective, Event, EventKind};

/// A document as it was when the application was submitted (its bytes stay in the case's
/// document slot; the digest tells whether the slot still holds them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmittedDocument {
    pub slot: String,
    pub pages: u32,
    pub bytes: u64,
    pub sha256: String,
}

/// The frozen copy of a submitted case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Submission {
    /// The `basvuru_yapildi` event this snapshot belongs to.
    pub event_id: i64,
    pub submitted_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub doc: CaseDoc,
    /// The attached documents at submission; `None` for a case recorded as submitted before
    /// Hane kept snapshots (the migration could copy the data, not tell which PDFs were sent).
    pub documents: Option<Vec<SubmittedDocument>>,
    /// The approved photo's digest at submission, if there was one.
    pub photo_sha256: Option<String>,
}

/// The submission in force: the last `basvuru_yapildi` not withdrawn.
pub fn submitted_event(events: &[Event]) -> Option<&Event> {
    effective(events)
        .into_iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::BasvuruYapildi { .. }))
}

/// The snapshot of the submission in force, among a case's `snapshots`.
pub fn current<'a>(events: &[Event], snapshots: &'a [Submission]) -> Option<&'a Submission> {
    let event = submitted_event(events)?;
    snapshots.iter().find(|s| s.event_id == event.id)
}

/// The rules for `doc` as of `on`, the day it was submitted: the planned date is that day.
pub fn validate_as_submitted(doc: &CaseDoc, on: NaiveDate) -> Validation {
    let mut doc = doc.clone();
    doc.basvuru.basvuru_tarihi = Some(on);
    validate(&doc, on)
}

/// The rules for a stored case: as of its submission date once it is submitted, as of
/// `today` before. Every place that shows findings or gates the export goes through here.
pub fn validate_case(doc: &CaseDoc, events: &[Event], today: NaiveDate) -> Validation {
    match submitted_event(events) {
        Some(e) => validate_as_submitted(doc, e.date),
        None => validate(doc, today),
    }
}

/// One field that differs between the submitted snapshot and the current draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// Dotted path in the case document, as findings name fields (`genel.pasaport_no`).
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// Every field whose value differs, in document order. Lists (extra documents, languages)
/// compare as a whole: the form edits them as one field.
pub fn changes(before: &CaseDoc, after: &CaseDoc) -> Vec<FieldChange> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    // The contract draft is Hane's working copy, not something the portal was sent.
    out.retain(|c| !c.field.starts_with("sozlesme"));
    out
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<FieldChange>) {
    if a == b {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                walk(&join(k), va, y.get(k).unwrap_or(&Value::Null), out);
            }
            for (k, vb) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                walk(&join(k), &Value::Null, vb, out);
            }
        }
        // An empty text and no value are the same to the user.
        _ if blank(a) && blank(b) => {}
        _ => out.push(FieldChange {
            field: path.to_string(),
            before: a.clone(),
            after: b.clone(),
        }),
    }
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The document slots whose content differs from what was submitted: replaced, removed or
/// added since (`fotograf` for the photo). `None` when the snapshot does not know.
pub fn documents_changed(
    snapshot: &Submission,
    now: &[SubmittedDocument],
    photo_sha256: Option<&str>,
) -> Option<Vec<String>> {
    let then = snapshot.documents.as_ref()?;
    let mut out: Vec<String> = Vec::new();
    for d in then {
        if !now.iter().any(|n| n.slot == d.slot && n.sha256 == d.sha256) {
            out.push(d.slot.clone());
        }
    }
    for n in now {
        if !then.iter().any(|d| d.slot == n.slot) {
            out.push(n.slot.clone());
        }
    }
    if snapshot.photo_sha256.as_deref() != photo_sha256 {
        out.push("fotograf".into());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::BasvuruYeri;
    use crate::rules::Severity;
    use crate::testing::*;

    fn blocking(v: &Validation, rule: &str) -> bool {
        v.findings
            .iter()
            .any(|f| f.rule == rule && f.severity == Severity::Blocking)
    }

    #[test]
    fn a_submitted_case_is_checked_as_of_its_submission_day() {
        // Abroad, reference issued 1 Sept: 30 days (000 B.3.2) ran out before today.
        let mut doc = CaseDoc::default();
        doc.basvuru.yer = Some(BasvuruYeri::YurtDisi);
        doc.basvuru.referans_no = "1234567890123456".into();
        doc.basvuru.referans_tarihi = Some(d(2026, 9, 1));
        let today = d(2026, 12, 2);
        let rule = "reference.validity";
        assert!(blocking(&validate(&doc, today), rule), "precondition");
        assert!(blocking(&validate_case(&doc, &[], today), rule));
        // Submitted on day 10: fine then, and so it stays.
        let events = [submitted(1, d(2026, 9, 10))];
        let v = validate_case(&doc, &events, today);
        assert!(!blocking(&v, rule), "{:?}", v.findings);
        assert_eq!(v.application_date, d(2026, 9, 10));
        // Withdrawn: back to a draft checked against today.
        let withdrawn = [
            submitted(1, d(2026, 9, 10)),
            ev(2, d(2026, 9, 11), EventKind::Geri { event_id: 1 }),
        ];
        assert!(blocking(&validate_case(&doc, &withdrawn, today), rule));
    }

    #[test]
    fn the_current_snapshot_follows_the_submission_in_force() {
        let snap = |event_id| Submission {
            event_id,
            submitted_on: d(2026, 9, 10),
            recorded_at: Utc::now(),
            doc: CaseDoc::default(),
            documents: None,
            photo_sha256: None,
        };
        let snaps = [snap(1), snap(3)];
        let events = [
            submitted(1, d(2026, 9, 10)),
            ev(2, d(2026, 9, 11), EventKind::Geri { event_id: 1 }),
            submitted(3, d(2026, 9, 12)),
        ];
        assert_eq!(current(&events, &snaps).map(|s| s.event_id), Some(3));
        assert_eq!(current(&events[..2], &snaps), None);
        assert_eq!(current(&[], &snaps), None);
    }

    #[test]
    fn changes_name_each_field_that_differs() {
        let mut a = CaseDoc::default();
        a.genel.pasaport_no = "U1234567".into();
        let mut b = a.clone();
        assert!(changes(&a, &b).is_empty());
        b.genel.pasaport_no = "U7654321".into();
        b.kisisel.ad = "MARIA".into();
        let c = changes(&a, &b);
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert!(fields.contains(&"genel.pasaport_no"), "{fields:?}");
        assert!(fields.contains(&"kisisel.ad"), "{fields:?}");
        assert_eq!(c.len(), 2, "{c:?}");
        let p = c.iter().find(|c| c.field == "genel.pasaport_no").unwrap();
        assert_eq!(p.before, Value::from("U1234567"));
        assert_eq!(p.after, Value::from("U7654321"));
    }

    #[test]
    fn document_changes_name_replaced_removed_and_added_slots() {
        let doc = |slot: &str, sha: &str| SubmittedDocument {
            slot: slot.into(),
            pages: 1,
            bytes: 1,
            sha256: sha.into(),
        };
        let snap = Submission {
            event_id: 1,
            submitted_on: d(2026, 9, 10),
            recorded_at: Utc::now(),
            doc: CaseDoc::default(),
            documents: Some(vec![doc("sozlesme", "a"), doc("gelir", "b")]),
            photo_sha256: Some("p".into()),
        };
        let same = [doc("sozlesme", "a"), doc("gelir", "b")];
        assert_eq!(documents_changed(&snap, &same, Some("p")), Some(vec![]));
        let now = [doc("sozlesme", "z"), doc("ek:1", "c")];
        assert_eq!(
            documents_changed(&snap, &now, None),
            Some(vec![
                "sozlesme".to_string(),
                "gelir".into(),
                "ek:1".into(),
                "fotograf".into()
            ])
        );
        let unknown = Submission {
            documents: None,
            ..snap
        };
        assert_eq!(documents_changed(&unknown, &now, None), None);
    }
}
