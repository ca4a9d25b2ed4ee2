//! The household and the caregiver kept apart from any one case (issue #19): every save
//! brings their records up to date, new cases start from the records, and backups carry
//! them (deleting the last case removes them: `storage::people`'s tests).

use chrono::NaiveDate;
use hane_core::api::backup::{apply_restore, create_backup_with};
use hane_core::api::Hane;
use hane_core::backup::{self, DuplicatePolicy};
use hane_core::kdf::KdfParams;
use hane_core::people::{caregiver_of, household_of};
use hane_core::storage::Database;
use hane_core::tracking::EventInput;
use hane_core::vault::DbKey;
use uuid::Uuid;

use crate::common::{api, fixture, new_case};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open(dir: &std::path::Path, key: u8) -> Database {
    Database::open(&dir.join("hane.db"), &DbKey::from_bytes([key; 32])).unwrap()
}

fn record(hane: &Hane, id: Uuid, date: NaiveDate, input: EventInput) {
    hane.record_event(id, date, &input).unwrap();
}

/// Submitted on 2025-11-20, approved for 2025-12-15 … 2026-12-14.
fn approve(hane: &Hane, id: Uuid) {
    record(
        hane,
        id,
        d(2025, 11, 20),
        EventInput {
            kind: "basvuru_yapildi".into(),
            ..EventInput::default()
        },
    );
    record(
        hane,
        id,
        d(2025, 12, 10),
        EventInput {
            kind: "onaylandi".into(),
            permit_start: Some(d(2025, 12, 15)),
            permit_end: Some(d(2026, 12, 14)),
            ..EventInput::default()
        },
    );
}

#[test]
fn new_cases_start_from_the_records_as_last_entered() {
    let dir = tempfile::tempdir().unwrap();
    let hane = api(dir.path(), open(dir.path(), 6), d(2026, 11, 1));
    let doc = fixture();
    let first = hane.create_case(new_case("A", "B")).unwrap().id;
    hane.save_case(first, &doc).unwrap();
    let people = hane.people(first).unwrap();
    assert_eq!(people.household, Some(household_of(&doc)));
    assert_eq!(
        people.caregiver.as_ref().map(|c| &c.1),
        Some(&caregiver_of(&doc))
    );

    // A half-typed T.C. number makes no household; the valid one is found again.
    let mut typing = doc.clone();
    typing.profil.tc_kimlik_no.truncate(10);
    let other = hane.create_case(new_case("A", "C")).unwrap().id;
    hane.save_case(other, &typing).unwrap();
    assert_eq!(hane.people(other).unwrap().household, None);

    // A second caregiver for the household: the household moved, entered in that case.
    let second = hane.new_case_from(first, None).unwrap();
    assert_eq!(second.doc.profil, doc.profil);
    assert_eq!(second.doc.kisisel, Default::default());
    let mut moved = second.doc.clone();
    moved.isyeri.adres = "Yeni Mahalle, Gül Sokak No: 3".into();
    hane.save_case(second.id, &moved).unwrap();
    // The first case keeps what it holds; its household record is the new address …
    assert_eq!(hane.case(first).unwrap().doc.isyeri, doc.isyeri);
    assert_eq!(
        hane.people(first)
            .unwrap()
            .household
            .map(|h| h.isyeri.adres),
        Some(moved.isyeri.adres.clone())
    );
    // … and so is the next case started from it.
    let third = hane.new_case_from(first, None).unwrap();
    assert_eq!(third.doc.isyeri.adres, moved.isyeri.adres);
    // The window asks the new caregiver's name first (issue #34): the case is named, the
    // household filled; a blank name is refused and nothing is created.
    let count = hane.list_cases().unwrap().len();
    let named = hane.new_case_from(first, Some("  Ana  Lima ")).unwrap();
    assert_eq!(
        (
            named.doc.kisisel.ad.as_str(),
            named.doc.kisisel.soyad.as_str()
        ),
        ("Ana", "Lima")
    );
    assert_eq!(named.doc.profil, doc.profil);
    assert!(hane.new_case_from(first, Some("   ")).is_err());
    assert!(hane.new_case_for_caregiver(first, Some("")).is_err());
    assert_eq!(hane.list_cases().unwrap().len(), count + 1);
    let employer = hane
        .new_case_for_caregiver(first, Some("Ayşe Nur Kaya"))
        .unwrap();
    assert_eq!(
        (
            employer.doc.profil.ad.as_str(),
            employer.doc.profil.soyad.as_str()
        ),
        ("Ayşe Nur", "Kaya")
    );
    assert_eq!(employer.doc.kisisel.ad, doc.kisisel.ad);
    hane.delete_case(named.id).unwrap();
    hane.delete_case(employer.id).unwrap();

    // The caregiver moves to another employer: her identity and passport filled, the
    // household and the job empty; both cases name her one record.
    let elsewhere = hane.new_case_for_caregiver(first, None).unwrap();
    assert_eq!(elsewhere.doc.kisisel.ad, doc.kisisel.ad);
    assert_eq!(elsewhere.doc.genel, doc.genel);
    assert_eq!(elsewhere.doc.profil, Default::default());
    assert_eq!(elsewhere.doc.gorev, Default::default());
    let her = hane.people(first).unwrap().caregiver.unwrap().0;
    assert_eq!(hane.people(elsewhere.id).unwrap().caregiver.unwrap().0, her);
    assert_eq!(hane.people(elsewhere.id).unwrap().household, None);
}

#[test]
fn the_renewal_takes_the_household_and_the_new_passport_from_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let hane = api(dir.path(), open(dir.path(), 7), d(2026, 11, 1));
    let doc = fixture();
    let first = hane.create_case(new_case("A", "B")).unwrap().id;
    hane.save_case(first, &doc).unwrap();
    approve(&hane, first);
    // Her new passport was typed into another employer's case for her.
    let elsewhere = hane.new_case_for_caregiver(first, None).unwrap();
    let mut renewed = elsewhere.doc.clone();
    renewed.genel.pasaport_no = "P9876543".into();
    renewed.genel.pasaport_bitis = Some(d(2036, 5, 1));
    hane.save_case(elsewhere.id, &renewed).unwrap();

    let extension = hane.renew(first, &[]).unwrap();
    assert_eq!(extension.doc.genel.pasaport_no, "P9876543");
    assert_eq!(extension.doc.profil, doc.profil);
    let her = hane.people(first).unwrap().caregiver.unwrap().0;
    assert_eq!(hane.people(extension.id).unwrap().caregiver.unwrap().0, her);
    assert_eq!(
        hane.people(extension.id).unwrap().household,
        Some(household_of(&doc))
    );
    // The approved case itself is history: unchanged.
    assert_eq!(hane.case(first).unwrap().doc, doc);
    // A second press opens the extension that exists; there is never a second one (#34).
    let again = hane.renew(first, &[]).unwrap();
    assert_eq!(again.id, extension.id);
    let list = hane.list_cases().unwrap();
    assert_eq!(list.len(), 3, "first, elsewhere, one extension");
    let row = list.iter().find(|r| r.summary.id == first).unwrap();
    assert_eq!(row.uzatma_basvurusu, Some(extension.id));
    assert_eq!(row.summary.basvuru_turu, "ilk");
    let ext = list.iter().find(|r| r.summary.id == extension.id).unwrap();
    assert_eq!(ext.summary.basvuru_turu, "uzatma");
    assert_eq!(ext.summary.uzatilan_basvuru, Some(first));
}

#[test]
fn a_backup_carries_the_records_and_an_older_backup_is_linked_from_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let hane = api(dir.path(), open(dir.path(), 8), d(2026, 11, 1));
    let doc = fixture();
    let first = hane.create_case(new_case("A", "B")).unwrap().id;
    hane.save_case(first, &doc).unwrap();
    approve(&hane, first);
    let extension = hane.renew(first, &[]).unwrap().id;
    // Her record differs from both cases' copies: a new passport typed into a third case.
    let elsewhere = hane.new_case_for_caregiver(first, None).unwrap();
    let mut renewed = elsewhere.doc.clone();
    renewed.genel.pasaport_no = "P9876543".into();
    hane.save_case(elsewhere.id, &renewed).unwrap();
    let before: Vec<_> = [first, extension, elsewhere.id]
        .iter()
        .map(|id| hane.people(*id).unwrap())
        .collect();
    drop(hane);

    let file = dir.path().join("yedek.hanebak");
    let cheap = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        lanes: 1,
    };
    create_backup_with(
        &open(dir.path(), 8),
        &file,
        "yedek parolası 2026",
        None,
        cheap,
    )
    .unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut db2 = open(other.path(), 9);
    let contents = backup::read_backup(&file, "yedek parolası 2026").unwrap();
    assert!(contents.people.is_some());
    apply_restore(&mut db2, contents, DuplicatePolicy::Skip).unwrap();
    let after: Vec<_> = [first, extension, elsewhere.id]
        .iter()
        .map(|id| db2.people(*id).unwrap())
        .collect();
    // The same records (ids are this database's), one caregiver for all three cases.
    let strip = |p: &[hane_core::storage::people::CasePeople]| {
        p.iter()
            .map(|p| (p.household.clone(), p.caregiver.clone().map(|c| c.1)))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&after), strip(&before));
    let ids: Vec<_> = after
        .iter()
        .map(|p| p.caregiver.as_ref().unwrap().0)
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    assert_eq!(
        after[1].caregiver.as_ref().unwrap().1.genel.pasaport_no,
        "P9876543"
    );

    // A backup from before these records: each case is linked from its own document, the
    // extension to the caregiver of the case it extends.
    let third = tempfile::tempdir().unwrap();
    let mut db3 = open(third.path(), 10);
    let mut old = backup::read_backup(&file, "yedek parolası 2026").unwrap();
    old.people = None;
    apply_restore(&mut db3, old, DuplicatePolicy::Skip).unwrap();
    let p1 = db3.people(first).unwrap();
    let p2 = db3.people(extension).unwrap();
    assert_eq!(p1.household, Some(household_of(&doc)));
    assert_eq!(
        p1.caregiver.as_ref().unwrap().0,
        p2.caregiver.as_ref().unwrap().0
    );
    assert_ne!(
        p1.caregiver.unwrap().0,
        db3.people(elsewhere.id).unwrap().caregiver.unwrap().0,
        "nothing in an old backup says the third case is hers"
    );
}
