//! The next application from an earlier one (issue #19): an extension of an approved
//! permit, a second caregiver for the same household, and keeping the household (Profil,
//! İşyeri) the same across the employer's open cases. Pure: the API stores the result
//! as a new case and the earlier one stays as it was, as history.
//!
//! What is carried over and what is asked again, and why:
//! - **Kept**: the employer (Profil) and the household (İşyeri) — the same person and
//!   address; the caregiver's identity, contact, passport, languages and education; the
//!   job (Görev) and the declared extra documents' titles. An extension is the same
//!   employment continuing (004), so all of it is still true unless the user changes it.
//! - **Set from the approved case**: the place (in Turkey: an extension is filed from
//!   inside the country, 000 B.3.1), the type (uzatma), how many extensions came before
//!   (0 after a first permit, one more after an extension), the end of the permit being
//!   extended (the approval's `permit_end`), the residence title "Çalışma izni" (004: a
//!   work permit stands for the residence permit), and the duration: the longest the ladder
//!   allows, 24 months for the first extension, 36 after (000 B.4.3 Not) — shortened by the
//!   rules where the passport ends earlier.
//! - **Asked again**: the planned submission day, the portal draft day and the e-İmza
//!   checklist (a certificate lasts 1–3 years; it may have expired), the abroad reference
//!   (it belonged to the first entry), the residence end date; after a first application
//!   from abroad also her address (she lives in Turkey now, at the household or not — the
//!   address abroad would be wrong) — and her foreigner identity number, which she received
//!   on entering and which the in-country application and the fee payment need (000
//!   B.3.1, B.6.1.2), is asked by the rules since the field is empty (issue #34). The photo is never copied
//!   (at most 6 months old, 000 B.4.1). Documents are copied only when the user confirms
//!   each one as still valid (the API's `renew(id, keep)`): a passport page stays good while
//!   the passport is the same, but a contract must cover the new period and an income
//!   statement be current, and only she can tell.

use chrono::NaiveDate;

use crate::case::{BasvuruTuru, BasvuruYeri, CaseDoc, IkametTuru};
use crate::error::{HaneError, Result};
use crate::tracking::{effective, Event, EventKind};

/// Months offered for an extension: the first is up to 2 years, later ones up to 3
/// (000 B.4.3 Not; 004).
pub fn extension_months(previous_extensions: u32) -> u32 {
    if previous_extensions == 0 {
        24
    } else {
        36
    }
}

/// The approved permit's end, from the latest approval still in effect.
pub fn approved_permit_end(events: &[Event]) -> Option<NaiveDate> {
    effective(events).iter().rev().find_map(|e| match e.kind {
        EventKind::Onaylandi { permit_end, .. } => Some(permit_end),
        _ => None,
    })?
}

/// The extension case of an approved one. Refused (`renewal.not_approved`) when no
/// approval with a permit end is recorded: the extension needs that date (000 B.3.1).
pub fn extension_of(doc: &CaseDoc, events: &[Event]) -> Result<CaseDoc> {
    let end = approved_permit_end(events).ok_or(HaneError::RenewalNotApproved)?;
    let was_extension = doc.basvuru.yer == Some(BasvuruYeri::YurtIci)
        && doc.basvuru.tur == Some(BasvuruTuru::Uzatma);
    let previous = if was_extension {
        doc.basvuru.onceki_uzatma_sayisi.unwrap_or(0) + 1
    } else {
        0
    };
    let mut next = doc.clone();
    if doc.basvuru.yer == Some(BasvuruYeri::YurtDisi) {
        // Her address was abroad; she has lived in Turkey on the permit since.
        next.kisisel.adres.clear();
    }
    next.basvuru.yer = Some(BasvuruYeri::YurtIci);
    next.basvuru.tur = Some(BasvuruTuru::Uzatma);
    next.basvuru.referans_no.clear();
    next.basvuru.referans_tarihi = None;
    next.basvuru.onceki_uzatma_sayisi = Some(previous);
    next.basvuru.mevcut_izin_bitis = Some(end);
    next.basvuru.basvuru_tarihi = None;
    next.kisisel.ikamet_turu = Some(IkametTuru::CalismaIzni);
    next.kisisel.ikamet_bitis = None;
    next.gorev.sure_ay = Some(extension_months(previous));
    next.portal_taslak_tarihi = None;
    next.eimza_hazirlik.clear();
    // The contract covers the new term: drafted again; the edited clauses carry over.
    next.sozlesme.taslak = None;
    // The caller (which knows the stored case's id) sets `uzatilan_basvuru`.
    next.uzatilan_basvuru = None;
    Ok(next)
}

/// Two cases of the same employer: the same T.C. kimlik no in Profil (the person the
/// İşyeri kaydı belongs to, 000 B.2). An empty number matches nothing.
pub fn same_employer(a: &CaseDoc, b: &CaseDoc) -> bool {
    let (x, y) = (a.profil.tc_kimlik_no.trim(), b.profil.tc_kimlik_no.trim());
    !x.is_empty() && x == y
}

/// The household (Profil and İşyeri) of `from` differs from that of `other`.
pub fn household_differs(from: &CaseDoc, other: &CaseDoc) -> bool {
    from.profil != other.profil || from.isyeri != other.isyeri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{validate, Severity};
    use crate::testing::*;

    fn approved_until(end: NaiveDate) -> Vec<Event> {
        approved(d(2025, 11, 20), d(2025, 12, 10), d(2025, 12, 15), end)
    }

    fn first_application() -> CaseDoc {
        fixture()
    }

    #[test]
    fn an_extension_keeps_the_people_and_the_job_and_sets_the_ladder() {
        let first = first_application();
        let end = d(2026, 12, 14);
        let next = extension_of(&first, &approved_until(end)).unwrap();
        assert_eq!(next.profil, first.profil);
        assert_eq!(next.isyeri, first.isyeri);
        assert_eq!(next.genel, first.genel);
        assert_eq!(next.kisisel.ad, first.kisisel.ad);
        assert_eq!(next.gorev.ucret, first.gorev.ucret);
        assert_eq!(next.basvuru.tur, Some(BasvuruTuru::Uzatma));
        assert_eq!(next.basvuru.yer, Some(BasvuruYeri::YurtIci));
        assert_eq!(next.basvuru.onceki_uzatma_sayisi, Some(0));
        assert_eq!(next.basvuru.mevcut_izin_bitis, Some(end));
        assert_eq!(next.gorev.sure_ay, Some(24));
        assert_eq!(next.kisisel.ikamet_turu, Some(IkametTuru::CalismaIzni));
        assert!(next.eimza_hazirlik.is_empty() && next.basvuru.basvuru_tarihi.is_none());

        // An extension of an extension: one more before it, 36 months.
        let again = extension_of(&next, &approved_until(d(2028, 12, 14))).unwrap();
        assert_eq!(again.basvuru.onceki_uzatma_sayisi, Some(1));
        assert_eq!(again.gorev.sure_ay, Some(36));
        assert_eq!(extension_months(2), 36);
    }

    /// Filed inside the window, the carried-over extension passes every blocking rule
    /// except what the fixture's own dates make wrong by then.
    #[test]
    fn the_extension_passes_the_rules_in_its_window() {
        let mut first = first_application();
        first.genel.pasaport_bitis = Some(d(2031, 1, 1));
        let next = extension_of(&first, &approved_until(d(2026, 12, 14))).unwrap();
        let v = validate(&next, d(2026, 11, 1));
        let blocking: Vec<_> = v
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Blocking)
            .map(|f| f.rule)
            .collect();
        assert!(blocking.is_empty(), "{blocking:?}");
        assert_eq!(v.latest_end.map(|l| l.binding), Some("duration"));
    }

    #[test]
    fn no_extension_without_an_approved_end() {
        let doc = first_application();
        assert_eq!(
            extension_of(&doc, &[]).unwrap_err().code(),
            "renewal.not_approved"
        );
        let mut events = approved_until(d(2026, 12, 14));
        events[1].kind = EventKind::Onaylandi {
            permit_start: None,
            permit_end: None,
        };
        assert!(extension_of(&doc, &events).is_err());
    }

    #[test]
    fn a_second_caregiver_starts_with_the_household_only() {
        let first = first_application();
        let second = crate::people::same_household(&crate::people::household_of(&first));
        assert_eq!(second.profil, first.profil);
        assert_eq!(second.isyeri, first.isyeri);
        assert_eq!(second.kisisel, Default::default());
        assert_eq!(second.gorev, Default::default());
        assert_eq!(second.basvuru, Default::default());
    }

    /// After a first application from abroad she lives in Turkey: her address abroad is
    /// not carried over, and her foreigner number, empty then, is asked by the rules of an
    /// in-country application (issue #34). After an in-country one both stay.
    #[test]
    fn after_abroad_her_address_and_foreigner_number_are_asked_again() {
        let mut first = first_application();
        first.basvuru.yer = Some(BasvuruYeri::YurtDisi);
        first.basvuru.tur = None;
        first.kisisel.adres = "Quezon City, Manila".into();
        first.kisisel.yabanci_kimlik_no.clear();
        let next = extension_of(&first, &approved_until(d(2026, 12, 14))).unwrap();
        assert_eq!(next.kisisel.adres, "");
        let v = validate(&next, d(2026, 11, 1));
        for field in ["kisisel.adres", "kisisel.yabanci_kimlik_no"] {
            assert!(
                v.findings
                    .iter()
                    .any(|f| f.field == field && f.severity == Severity::Blocking),
                "{field}: {:#?}",
                v.findings
            );
        }
        let in_country =
            extension_of(&first_application(), &approved_until(d(2026, 12, 14))).unwrap();
        assert_eq!(in_country.kisisel.adres, first_application().kisisel.adres);
    }

    /// Issue #35: the extension's contract covers its new term, so the values the first
    /// contract was drafted from are not carried; the clauses the user edited are.
    #[test]
    fn the_extension_keeps_the_edited_clauses_and_drafts_the_contract_anew() {
        let mut first = first_application();
        first.sozlesme.maddeler.insert(
            "yillik_izin".into(),
            crate::case::MaddeMetni {
                tr: "Yılda üç hafta.".into(),
                ..Default::default()
            },
        );
        first.sozlesme.taslak = Some(crate::contract::values_of(&first, d(2025, 11, 1)).unwrap());
        let next = extension_of(&first, &approved_until(d(2026, 12, 14))).unwrap();
        assert_eq!(next.sozlesme.maddeler, first.sozlesme.maddeler);
        assert_eq!(next.sozlesme.taslak, None);
        let v = crate::contract::values_of(&next, d(2026, 11, 1)).unwrap();
        assert_eq!((v.start, v.months), (d(2026, 12, 15), 24));
    }
}
