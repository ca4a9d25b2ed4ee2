//! The submitted snapshot (issue #19): frozen when "Başvuru yapıldı" is recorded, checked as
//! of its day, carried by backups.

use chrono::NaiveDate;
use hane_core::api::backup::{apply_restore, create_backup_with};
use hane_core::backup::{self, DuplicatePolicy};
use hane_core::case::BasvuruYeri;
use hane_core::rules::Severity;
use hane_core::storage::Database;
use hane_core::tracking::EventInput;
use hane_core::vault::{DbKey, KdfParams};

use crate::common::{api, fixture, new_case};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn submitted_input(no: &str) -> EventInput {
    EventInput {
        kind: "basvuru_yapildi".into(),
        application_no: Some(no.into()),
        ..EventInput::default()
    }
}

fn blocks(v: &hane_core::rules::Validation, rule: &str) -> bool {
    v.findings
        .iter()
        .any(|f| f.rule == rule && f.severity == Severity::Blocking)
}

#[test]
fn the_submitted_snapshot_never_changes_and_is_checked_as_of_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    // Abroad, reference issued 1 Sept, submitted on the 10th (within its 30 days).
    let mut doc = fixture();
    doc.basvuru.yer = Some(BasvuruYeri::YurtDisi);
    doc.basvuru.tur = None;
    doc.basvuru.referans_no = "1234567890123456".into();
    doc.basvuru.referans_tarihi = Some(d(2026, 9, 1));
    doc.basvuru.basvuru_tarihi = None;
    let hane = api(dir.path(), db, d(2026, 9, 10));
    let id = hane
        .create_case(new_case("Ayşe Yılmaz", "Maria Santos"))
        .unwrap()
        .id;
    hane.save_case(id, &doc).unwrap();
    hane.record_event(id, d(2026, 9, 10), &submitted_input("2026-77"))
        .unwrap();
    let frozen = hane.submitted(id).unwrap().expect("submitted");
    let snapshot = frozen.snapshot.clone().expect("a snapshot");
    assert_eq!(snapshot.doc, doc);
    assert_eq!(snapshot.submitted_on, d(2026, 9, 10));
    assert_eq!(frozen.view.application_no, "2026-77");
    assert!(frozen.view.changes.is_empty());
    assert_eq!(frozen.view.documents_changed, Some(vec![]));
    drop(hane);

    // Three months later: the reference's 30 days are long over, yet the case is not red.
    let db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    let hane = api(dir.path(), db, d(2026, 12, 2));
    assert!(
        blocks(
            &hane_core::rules::validate(&doc, d(2026, 12, 2)),
            "reference.validity"
        ),
        "precondition: checked against today it would block"
    );
    let open = hane.case_with_validation(id).unwrap();
    assert!(
        !blocks(&open.validation, "reference.validity"),
        "{:?}",
        open.validation.findings
    );
    assert_eq!(open.validation.application_date, d(2026, 9, 10));
    assert!(!hane
        .readiness(id)
        .unwrap()
        .blocking_findings
        .iter()
        .any(|f| f.rule == "reference.validity"));

    // A missing-documents request gets a slot, which never blocks the bundle (the PDF may
    // have reached the portal another way).
    hane.record_event(
        id,
        d(2026, 12, 1),
        &EventInput {
            kind: "eksik_evrak_istendi".into(),
            istenen: Some("Güncel gelir belgesi".into()),
            ..EventInput::default()
        },
    )
    .unwrap();
    let request_slot = |key: &str| key.starts_with("eksik_evrak:");
    let request = hane
        .checklist(id)
        .unwrap()
        .into_iter()
        .find(|i| request_slot(&i.key))
        .expect("the request's slot")
        .key;
    let ready = hane.readiness(id).unwrap();
    assert!(
        !ready.missing_documents.is_empty(),
        "precondition: nothing attached"
    );
    assert!(!ready.missing_documents.iter().any(|i| request_slot(&i.key)));

    // An edit after submission is a draft: the snapshot stays, the difference is listed.
    let mut draft = doc.clone();
    draft.genel.pasaport_no = "P7654321".into();
    let saved = hane.save_case(id, &draft).unwrap();
    let changes = saved
        .submitted_changes
        .expect("a submitted case lists its changes");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].field, "genel.pasaport_no");
    drop(hane);
    let mut db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    db.put_document(id, "is_sozlesmesi", b"%PDF-1.7 another contract", 1, "pdf")
        .unwrap();
    db.put_document(id, &request, b"%PDF-1.7 the requested statement", 1, "pdf")
        .unwrap();
    let hane = api(dir.path(), db, d(2026, 12, 2));
    let after = hane.submitted(id).unwrap().unwrap();
    assert_eq!(after.snapshot.unwrap(), snapshot, "the snapshot changed");
    assert_eq!(after.view.changes.len(), 1);
    let changed = after.view.documents_changed.expect("known");
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0].slot, "is_sozlesmesi");
    assert_eq!(changed[0].title_tr, "İş Sözleşmesi");
    // Named as the checklist names the request, not by its key.
    assert_eq!(changed[1].slot, request);
    assert_eq!(
        changed[1].title_tr,
        "Eksik evrak (01.12.2026): Güncel gelir belgesi"
    );

    // A backup carries it, pointed at the restored history's event.
    let file = dir.path().join("yedek.hanebak");
    let cheap = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        lanes: 1,
    };
    drop(hane);
    let db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    create_backup_with(&db, &file, "yedek parolası 2026", None, cheap).unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut db2 =
        Database::open(&other.path().join("hane.db"), &DbKey::from_bytes([4; 32])).unwrap();
    // Another case's history there first, so the restored events get other row ids.
    let there = db2.create_case(new_case("C", "D")).unwrap();
    for _ in 0..3 {
        db2.record_event(
            there.id,
            d(2026, 9, 1),
            hane_core::tracking::EventKind::Reddedildi,
        )
        .unwrap();
    }
    let contents = backup::read_backup(&file, "yedek parolası 2026").unwrap();
    apply_restore(&mut db2, contents, DuplicatePolicy::Skip).unwrap();
    let restored = api(other.path(), db2, d(2026, 12, 2));
    let back = restored.submitted(id).unwrap().unwrap();
    assert_eq!(back.snapshot.as_ref().map(|s| &s.doc), Some(&snapshot.doc));
    assert_eq!(back.view.changes.len(), 1);
    assert_eq!(back.view.documents_changed.map(|d| d.len()), Some(2));
    // The request's PDF is still in the request's slot, under its new event id.
    let item = restored
        .checklist(id)
        .unwrap()
        .into_iter()
        .find(|i| request_slot(&i.key))
        .unwrap();
    assert_ne!(item.key, request, "precondition: the event got a new id");
    assert!(item.document.is_some(), "{item:?}");
}
