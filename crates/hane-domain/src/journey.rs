//! The journey a first-time employer follows, in order (issue #20): the e-İmza from PTT
//! (000 A; it takes days and must exist before submission, B.4.5) → the consulate
//! reference (abroad, B.3.2) or the caregiver's residence permit (in Turkey, B.3.1) →
//! the application prepared in Hane → submitted on e-İzin → tracked. Each case says which
//! stages are done and which one is next, so the home screen can point at it.

use serde::Serialize;

use crate::case::{BasvuruYeri, CaseDoc, IkametTuru};
use crate::submission::submitted_event;
use crate::tracking::{effective, Event, EventKind};

/// A stage of the journey. The second depends on where the caregiver is: `Referans`
/// abroad, `Ikamet` in Turkey, `Yer` while that is not chosen yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Eimza,
    Yer,
    Referans,
    Ikamet,
    Hazirla,
    Basvur,
    Takip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageState {
    pub stage: Stage,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Journey {
    /// The five stages in order, each done or not.
    pub stages: Vec<StageState>,
    /// The first stage not done (tracking once submitted).
    pub next: Stage,
}

/// The e-İmza has arrived: recorded as received, or ticked as delivered on the checklist.
fn eimza_done(doc: &CaseDoc, events: &[Event]) -> bool {
    doc.eimza_hazirlik.iter().any(|s| s == "teslim")
        || effective(events)
            .iter()
            .any(|e| matches!(e.kind, EventKind::EImzaAlindi { .. }))
}

/// Where the case stands on the journey. `exported`: a final (not draft) bundle was
/// written, which is what "prepared in Hane" ends with.
pub fn journey(doc: &CaseDoc, events: &[Event], exported: bool) -> Journey {
    let submitted = submitted_event(events).is_some();
    let (second, second_done) = match doc.basvuru.yer {
        Some(BasvuruYeri::YurtDisi) => (
            Stage::Referans,
            // The number is what the portal asks (000 B.3.2); the issue date is Hane's
            // (a warning when empty), so it does not hold the journey back.
            !doc.basvuru.referans_no.trim().is_empty(),
        ),
        Some(BasvuruYeri::YurtIci) => (
            Stage::Ikamet,
            match doc.kisisel.ikamet_turu {
                // No end date of their own (004: long-term residence is indefinite; an
                // extension's work permit stands for residence).
                Some(IkametTuru::UzunDonem | IkametTuru::CalismaIzni) => true,
                Some(_) => doc.kisisel.ikamet_bitis.is_some(),
                None => false,
            },
        ),
        None => (Stage::Yer, false),
    };
    let stages = vec![
        StageState {
            stage: Stage::Eimza,
            done: submitted || eimza_done(doc, events),
        },
        StageState {
            stage: second,
            done: submitted || second_done,
        },
        StageState {
            stage: Stage::Hazirla,
            done: submitted || exported,
        },
        StageState {
            stage: Stage::Basvur,
            done: submitted,
        },
        StageState {
            stage: Stage::Takip,
            done: false,
        },
    ];
    let next = stages
        .iter()
        .find(|s| !s.done)
        .map_or(Stage::Takip, |s| s.stage);
    Journey { stages, next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn the_journey_moves_stage_by_stage() {
        let mut doc = CaseDoc::default();
        let j = journey(&doc, &[], false);
        let order: Vec<_> = j.stages.iter().map(|s| s.stage).collect();
        assert_eq!(
            order,
            [
                Stage::Eimza,
                Stage::Yer,
                Stage::Hazirla,
                Stage::Basvur,
                Stage::Takip
            ]
        );
        assert_eq!(j.next, Stage::Eimza);

        // The e-İmza delivered (ticked), the caregiver abroad with her reference.
        doc.eimza_hazirlik = vec!["on_basvuru".into(), "teslim".into()];
        doc.basvuru.yer = Some(BasvuruYeri::YurtDisi);
        assert_eq!(journey(&doc, &[], false).next, Stage::Referans);
        doc.basvuru.referans_no = "1234567890123456".into();
        doc.basvuru.referans_tarihi = Some(d(2026, 11, 20));
        assert_eq!(journey(&doc, &[], false).next, Stage::Hazirla);
        assert_eq!(journey(&doc, &[], true).next, Stage::Basvur);

        // In Turkey: a residence title with its end, or one that has none.
        doc.basvuru.yer = Some(BasvuruYeri::YurtIci);
        assert_eq!(journey(&doc, &[], false).next, Stage::Ikamet);
        doc.kisisel.ikamet_turu = Some(IkametTuru::KisaDonem);
        assert_eq!(journey(&doc, &[], false).next, Stage::Ikamet);
        doc.kisisel.ikamet_bitis = Some(d(2027, 10, 1));
        assert_eq!(journey(&doc, &[], false).next, Stage::Hazirla);
        doc.kisisel.ikamet_turu = Some(IkametTuru::UzunDonem);
        doc.kisisel.ikamet_bitis = None;
        assert_eq!(journey(&doc, &[], false).next, Stage::Hazirla);

        // Submitted: everything before it is done, tracking is next.
        let events = [submitted(1, d(2026, 11, 25))];
        let j = journey(&CaseDoc::default(), &events, false);
        assert_eq!(j.next, Stage::Takip);
        assert!(j.stages[..4].iter().all(|s| s.done));

        // The e-İmza recorded as received counts as done too.
        let got = [ev(
            1,
            d(2026, 11, 1),
            EventKind::EImzaAlindi { expires: None },
        )];
        assert!(journey(&CaseDoc::default(), &got, false).stages[0].done);
    }
}
