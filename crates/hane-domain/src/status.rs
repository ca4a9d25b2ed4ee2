//! Where a case stands, as the case list shows it (issue #19): derived from the events the
//! user recorded and today's deadlines, never stored, so withdrawing a mistaken entry moves
//! the status back by itself.
//!
//! The statuses follow the portal's (000 B.5–B.7): Hazırlanıyor until the application is
//! submitted (B.4.5); Başvuruldu while the Ministry reviews it; Eksik evrak, Güncelleme and
//! Harç while it waits for the employer (B.5.1.1–B.5.1.3, 30 days each); Onaylandı or
//! Reddedildi (B.5.2); Uzatma zamanı once the extension window of 004 is open ("2 aylık
//! süre" before the permit ends, and late until 15 days after it); Sona erdi after the end of
//! the permit was notified (B.7.4), or once those 15 days have passed without an extension.

use serde::{Deserialize, Serialize};

use crate::deadlines::{Deadline, Status};
use crate::tracking::{effective, Event, EventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Hazirlaniyor,
    Basvuruldu,
    EksikEvrak,
    Guncelleme,
    Harc,
    Onaylandi,
    Reddedildi,
    UzatmaZamani,
    SonaErdi,
}

/// A case's status and the deadline to look at first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseState {
    pub status: CaseStatus,
    pub next_deadline: Option<Deadline>,
}

/// The status after the recorded `events`, given the case's `deadlines` (as
/// [`crate::deadlines::deadlines`] computes them for the same events and today).
pub fn status(events: &[Event], deadlines: &[Deadline]) -> CaseStatus {
    let mut status = CaseStatus::Hazirlaniyor;
    for e in effective(events) {
        status = match e.kind {
            EventKind::BasvuruYapildi { .. } => CaseStatus::Basvuruldu,
            EventKind::EksikEvrakIstendi { .. } => CaseStatus::EksikEvrak,
            EventKind::GuncellemeIstendi => CaseStatus::Guncelleme,
            EventKind::HarcOdemesiIstendi { .. } => CaseStatus::Harc,
            // Answered: the Ministry has the case again.
            EventKind::EksikEvrakYuklendi
            | EventKind::GuncellemeYapildi
            | EventKind::HarcOdendi
            | EventKind::ItirazEdildi => CaseStatus::Basvuruldu,
            EventKind::Onaylandi { .. } => CaseStatus::Onaylandi,
            EventKind::Reddedildi | EventKind::ItirazdanFeragat => CaseStatus::Reddedildi,
            EventKind::IzinSonlandirmaBildirildi => CaseStatus::SonaErdi,
            // e-İmza, card, work start, lost card, an event to report: no change of status.
            _ => status,
        };
    }
    // The extension window as the deadline list tells it (issue #33): open or late is
    // extension time; past the 15 days after the end the permit is over and only a first
    // application is left.
    let extension = deadlines
        .iter()
        .find(|d| d.kind == "uzatma")
        .map(|d| d.status);
    match (status, extension) {
        (CaseStatus::Onaylandi, Some(Status::Open | Status::Late)) => CaseStatus::UzatmaZamani,
        (CaseStatus::Onaylandi, Some(Status::Overdue)) => CaseStatus::SonaErdi,
        _ => status,
    }
}

/// The deadline to look at first: the most urgent one not done (overdue, then open by due
/// day), else the next window to open.
pub fn next_deadline(deadlines: &[Deadline]) -> Option<&Deadline> {
    deadlines
        .iter()
        .filter(|d| d.status != Status::Done)
        .min_by_key(|d| (d.status, d.due))
}

/// Both, for one case.
pub fn case_state(events: &[Event], deadlines: &[Deadline]) -> CaseState {
    CaseState {
        status: status(events, deadlines),
        next_deadline: next_deadline(deadlines).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseDoc;
    use crate::deadlines::deadlines;
    use crate::testing::*;
    use chrono::NaiveDate;

    fn state(events: &[Event], today: NaiveDate) -> CaseState {
        case_state(events, &deadlines(&CaseDoc::default(), events, today))
    }

    #[test]
    fn a_case_goes_through_the_portals_statuses() {
        let today = d(2026, 6, 1);
        assert_eq!(state(&[], today).status, CaseStatus::Hazirlaniyor);
        let mut events = vec![submitted(1, d(2026, 3, 2))];
        assert_eq!(state(&events, today).status, CaseStatus::Basvuruldu);
        events.push(ev(
            2,
            d(2026, 3, 20),
            EventKind::EksikEvrakIstendi {
                istenen: String::new(),
            },
        ));
        let s = state(&events, d(2026, 3, 25));
        assert_eq!(s.status, CaseStatus::EksikEvrak);
        // The 30-day upload deadline is the one to look at (000 B.5.1.1).
        assert_eq!(s.next_deadline.unwrap().kind, "eksik_evrak");
        events.push(ev(3, d(2026, 3, 28), EventKind::EksikEvrakYuklendi));
        assert_eq!(state(&events, today).status, CaseStatus::Basvuruldu);
        events.push(ev(
            4,
            d(2026, 4, 10),
            EventKind::HarcOdemesiIstendi {
                harc_kurus: Some(100_000),
                degerli_kagit_kurus: Some(50_000),
            },
        ));
        assert_eq!(state(&events, today).status, CaseStatus::Harc);
        events.push(ev(5, d(2026, 4, 15), EventKind::HarcOdendi));
        assert_eq!(state(&events, today).status, CaseStatus::Basvuruldu);
        events.push(ev(
            6,
            d(2026, 5, 1),
            EventKind::Onaylandi {
                permit_start: Some(d(2026, 5, 1)),
                permit_end: Some(d(2027, 4, 30)),
            },
        ));
        assert_eq!(state(&events, today).status, CaseStatus::Onaylandi);
    }

    #[test]
    fn a_withdrawn_entry_moves_the_status_back() {
        let events = vec![
            submitted(1, d(2026, 3, 2)),
            ev(2, d(2026, 3, 20), EventKind::Reddedildi),
        ];
        assert_eq!(state(&events, d(2026, 4, 1)).status, CaseStatus::Reddedildi);
        let mut withdrawn = events.clone();
        withdrawn.push(ev(3, d(2026, 3, 21), EventKind::Geri { event_id: 2 }));
        assert_eq!(
            state(&withdrawn, d(2026, 4, 1)).status,
            CaseStatus::Basvuruldu
        );
    }

    /// 004: the extension can be filed from 2 months before the permit ends. The day
    /// before the window, the case is simply approved; on the first day and after it, it is
    /// time to extend — until the extension is submitted.
    #[test]
    fn the_extension_window_boundaries() {
        let mut events = vec![
            submitted(1, d(2026, 1, 5)),
            ev(
                2,
                d(2026, 1, 20),
                EventKind::Onaylandi {
                    permit_start: Some(d(2026, 1, 20)),
                    permit_end: Some(d(2027, 1, 19)),
                },
            ),
        ];
        assert_eq!(
            state(&events, d(2026, 11, 18)).status,
            CaseStatus::Onaylandi
        );
        let opens = state(&events, d(2026, 11, 19));
        assert_eq!(opens.status, CaseStatus::UzatmaZamani);
        assert_eq!(opens.next_deadline.unwrap().kind, "uzatma");
        assert_eq!(
            state(&events, d(2026, 11, 20)).status,
            CaseStatus::UzatmaZamani
        );
        // The end day and the 15 days after it, not extended: late, still the thing to
        // do; after them the permit is over (a first application is needed).
        for late in [d(2027, 1, 19), d(2027, 1, 25), d(2027, 2, 3)] {
            assert_eq!(
                state(&events, late).status,
                CaseStatus::UzatmaZamani,
                "{late}"
            );
        }
        assert_eq!(state(&events, d(2027, 2, 4)).status, CaseStatus::SonaErdi);
        events.push(submitted(3, d(2026, 12, 1)));
        assert_eq!(
            state(&events, d(2026, 12, 2)).status,
            CaseStatus::Basvuruldu
        );
    }

    #[test]
    fn the_end_of_the_permit_is_final() {
        let events = vec![
            submitted(1, d(2026, 1, 5)),
            ev(
                2,
                d(2026, 1, 20),
                EventKind::Onaylandi {
                    permit_start: Some(d(2026, 1, 20)),
                    permit_end: Some(d(2027, 1, 19)),
                },
            ),
            ev(3, d(2026, 6, 1), EventKind::SonaErdirenOlay),
            ev(4, d(2026, 6, 5), EventKind::IzinSonlandirmaBildirildi),
        ];
        assert_eq!(state(&events, d(2026, 6, 10)).status, CaseStatus::SonaErdi);
        // Nothing in a preparing case is due yet.
        assert_eq!(state(&[], d(2026, 6, 10)).next_deadline, None);
    }
}
