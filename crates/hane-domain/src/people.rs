//! The people a case is about, kept apart from any one application (issue #19): the
//! **household** (the employer's Profil and İşyeri kaydı, 000 B.2) and the **caregiver**
//! (what does not change between her applications). Storage keeps one record of each and
//! links every case to them; a new case for the same household or the same caregiver
//! starts from the record, not from whichever case happened to be copied.
//!
//! Each case still holds the full e-İzin form it is (or was) filed with: an application is
//! per case and a submitted one must stay as it was sent (see [`crate::submission`]).

use serde::{Deserialize, Serialize};

use crate::case::{CaseDoc, Genel, Isyeri, Kisisel, Profil};
use crate::rules::identity::tckn_ok;

/// The household: the employer and the workplace (the home) the permit is for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Household {
    pub profil: Profil,
    pub isyeri: Isyeri,
}

/// The caregiver: identity, birth, nationality, contact, spouse, passport (until it is
/// replaced), languages and education. Her residence title and its end are not part of
/// it: they are the situation at one application (an extension sets "Çalışma izni").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Caregiver {
    pub kisisel: Kisisel,
    pub genel: Genel,
}

/// The household a case is filed for.
pub fn household_of(doc: &CaseDoc) -> Household {
    Household {
        profil: doc.profil.clone(),
        isyeri: doc.isyeri.clone(),
    }
}

/// The key a household is found by: the employer's T.C. kimlik no, once it is a valid one
/// (the İşyeri kaydı belongs to that person, 000 B.2). While it is empty or mistyped the
/// case has no household record yet — a half-typed number must not create one.
pub fn household_key(h: &Household) -> Option<&str> {
    let tc = h.profil.tc_kimlik_no.trim();
    tckn_ok(tc).then_some(tc)
}

/// `target` with the household `h`; the rest unchanged.
pub fn with_household(target: &CaseDoc, h: &Household) -> CaseDoc {
    CaseDoc {
        profil: h.profil.clone(),
        isyeri: h.isyeri.clone(),
        ..target.clone()
    }
}

/// "Bu işveren için yeni başvuru": a new caregiver's first application for the same
/// household, the employer (Profil) and the household (İşyeri) filled, everything about
/// the caregiver and the job empty.
pub fn same_household(h: &Household) -> CaseDoc {
    with_household(&CaseDoc::default(), h)
}

/// The caregiver a case is about.
pub fn caregiver_of(doc: &CaseDoc) -> Caregiver {
    let mut kisisel = doc.kisisel.clone();
    kisisel.ikamet_turu = None;
    kisisel.ikamet_bitis = None;
    Caregiver {
        kisisel,
        genel: doc.genel.clone(),
    }
}

/// Something identifies her yet: a name, a passport or a foreigner's identity number.
/// An empty new case does not create a caregiver record.
pub fn caregiver_known(c: &Caregiver) -> bool {
    [
        &c.kisisel.ad,
        &c.kisisel.soyad,
        &c.kisisel.yabanci_kimlik_no,
        &c.genel.pasaport_no,
    ]
    .iter()
    .any(|s| !s.trim().is_empty())
}

/// `target` with the caregiver `c`; its residence title and end stay the target's.
pub fn with_caregiver(target: &CaseDoc, c: &Caregiver) -> CaseDoc {
    let mut doc = target.clone();
    let (turu, bitis) = (doc.kisisel.ikamet_turu, doc.kisisel.ikamet_bitis);
    doc.kisisel = c.kisisel.clone();
    doc.kisisel.ikamet_turu = turu;
    doc.kisisel.ikamet_bitis = bitis;
    doc.genel = c.genel.clone();
    doc
}

/// "Bu çalışan için yeni başvuru": the caregiver filled (identity, passport, languages,
/// education), everything about the household, the job and the application empty — a new
/// employer files a first application of its own (000 B.3).
pub fn same_caregiver(c: &Caregiver) -> CaseDoc {
    with_caregiver(&CaseDoc::default(), c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::IkametTuru;
    use crate::testing::{d, fixture};

    #[test]
    fn the_household_round_trips_and_is_keyed_by_a_valid_tc_only() {
        let doc = fixture();
        let h = household_of(&doc);
        assert_eq!(with_household(&CaseDoc::default(), &h).profil, doc.profil);
        assert_eq!(with_household(&doc, &h), doc);
        assert_eq!(household_key(&h), Some(doc.profil.tc_kimlik_no.trim()));
        let mut typing = h.clone();
        typing.profil.tc_kimlik_no = doc.profil.tc_kimlik_no[..10].to_string();
        assert_eq!(household_key(&typing), None, "a half-typed number");
        typing.profil.tc_kimlik_no.clear();
        assert_eq!(household_key(&typing), None);
    }

    #[test]
    fn the_caregiver_leaves_the_residence_of_each_application_alone() {
        let mut doc = fixture();
        doc.kisisel.ikamet_turu = Some(IkametTuru::Aile);
        doc.kisisel.ikamet_bitis = Some(d(2027, 3, 1));
        let c = caregiver_of(&doc);
        assert!(caregiver_known(&c));
        assert_eq!(c.kisisel.ikamet_turu, None);
        assert_eq!(
            with_caregiver(&doc, &c),
            doc,
            "applied back, nothing changes"
        );

        let fresh = same_caregiver(&c);
        assert_eq!(fresh.kisisel.ad, doc.kisisel.ad);
        assert_eq!(fresh.genel, doc.genel);
        assert_eq!(fresh.kisisel.ikamet_turu, None);
        assert_eq!(fresh.profil, Default::default());
        assert_eq!(fresh.gorev, Default::default());
        assert!(!caregiver_known(&Caregiver::default()));
    }
}
