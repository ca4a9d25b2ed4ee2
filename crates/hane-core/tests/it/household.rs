//! The household entered once (issue #19): the employer's other open cases are named when
//! their Profil/İşyeri differ, and "apply to them too" makes them the same — never a case
//! already submitted, never another employer's.

use chrono::NaiveDate;
use hane_core::case::CaseDoc;
use hane_core::storage::Database;
use hane_core::tracking::EventInput;
use hane_core::vault::DbKey;

use crate::common::{api, fixture, new_case};

#[test]
fn a_household_edit_names_the_open_cases_it_differs_from_and_applies_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([5; 32])).unwrap();
    let hane = api(
        dir.path(),
        db,
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    );
    let new = |hane: &hane_core::api::Hane, doc: &CaseDoc| {
        let id = hane.create_case(new_case("A", "B")).unwrap().id;
        hane.save_case(id, doc).unwrap();
        id
    };
    let doc = fixture();
    let first = new(&hane, &doc);
    // A second caregiver of the same employer, started from the first.
    let second = hane.new_case_from(first, None).unwrap().id;
    // A third case, submitted; a fourth, another employer.
    let submitted = new(&hane, &doc);
    hane.record_event(
        submitted,
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        &EventInput {
            kind: "basvuru_yapildi".into(),
            ..EventInput::default()
        },
    )
    .unwrap();
    let mut stranger = doc.clone();
    stranger.profil.tc_kimlik_no = "10000000078".into();
    let other = new(&hane, &stranger);

    // Same household everywhere: nothing to say.
    assert!(hane
        .case_with_validation(first)
        .unwrap()
        .household_differs
        .is_empty());
    // She moves: the address changes in the first case.
    let mut moved = doc.clone();
    moved.isyeri.adres = "Bağdat Cad. 200/5".into();
    let saved = hane.save_case(first, &moved).unwrap();
    let named: Vec<_> = saved.household_differs.iter().map(|c| c.id).collect();
    assert_eq!(
        named,
        vec![second],
        "only the open case of the same employer"
    );
    let applied: Vec<_> = hane
        .apply_household(first)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(applied, vec![second]);
    let after = hane.case(second).unwrap().doc;
    assert_eq!(after.isyeri.adres, "Bağdat Cad. 200/5");
    assert_eq!(after.profil, moved.profil);
    assert_eq!(
        after.kisisel,
        CaseDoc::default().kisisel,
        "the caregiver's part untouched"
    );
    assert_eq!(
        hane.case(submitted).unwrap().doc,
        doc,
        "a submitted case keeps what was sent"
    );
    assert_eq!(hane.case(other).unwrap().doc, stranger);
    assert!(hane
        .save_case(first, &moved)
        .unwrap()
        .household_differs
        .is_empty());
}
