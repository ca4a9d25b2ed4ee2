//! Backup files: round trip, wrong passphrase, damage, duplicates.

use hane_core::api::backup::{apply_restore, create_backup_with, plan_restore};
use hane_core::backup::{self, DuplicatePolicy, RestoreReport};
use hane_core::storage::Database;
use hane_core::tracking::EventKind;
use hane_core::vault::{DbKey, KdfParams};

use crate::common::new_case;

const CHEAP: KdfParams = KdfParams {
    memory_kib: 1024,
    iterations: 1,
    lanes: 1,
};
const PASS: &str = "yedek parolası 2026";

fn db_in(dir: &std::path::Path, key: u8) -> Database {
    Database::open(&dir.join("hane.db"), &DbKey::from_bytes([key; 32])).unwrap()
}

/// A database with two cases, backed up to `file`.
fn backed_up(dir: &std::path::Path, file: &std::path::Path) -> Database {
    let mut db = db_in(dir, 1);
    let first = db
        .create_case(new_case("Ayşe Yılmaz", "Irina Petrova"))
        .unwrap();
    db.create_case(new_case("Mehmet Öz", "Olena Koval"))
        .unwrap();
    // A tracking history with a withdrawn entry, to check it survives the round trip.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let wrong = db
        .record_event(first.id, day, EventKind::Reddedildi)
        .unwrap();
    db.record_event(first.id, day, EventKind::Geri { event_id: wrong.id })
        .unwrap();
    db.record_event(
        first.id,
        day,
        EventKind::EksikEvrakIstendi {
            istenen: String::new(),
        },
    )
    .unwrap();
    // A document and a photo, to compare byte by byte after restoring.
    db.put_document(
        first.id,
        "is_sozlesmesi",
        b"%PDF-1.7 fake but stored as given",
        1,
        "pdf",
    )
    .unwrap();
    let photo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/photos/studio.jpg"),
    )
    .unwrap();
    db.put_photo(first.id, &photo).unwrap();
    assert_eq!(create_backup_with(&db, file, PASS, None, CHEAP).unwrap(), 2);
    db
}

#[test]
fn round_trip_to_another_machine_restores_every_field() {
    let a = tempfile::tempdir().unwrap();
    let file = a.path().join("yedek.hanebak");
    let original = backed_up(a.path(), &file);

    // "Another machine": a new data folder with a different database key.
    let b = tempfile::tempdir().unwrap();
    let mut other = db_in(b.path(), 2);
    let contents = backup::read_backup(&file, PASS).unwrap();
    let plan = plan_restore(&other, &contents).unwrap();
    assert_eq!((plan.new_cases.len(), plan.duplicates.len()), (2, 0));
    let report = apply_restore(&mut other, contents, DuplicatePolicy::Skip).unwrap();
    assert_eq!(
        report,
        RestoreReport {
            added: 2,
            replaced: 0,
            skipped: 0
        }
    );
    assert_eq!(other.all_cases().unwrap(), original.all_cases().unwrap());
    // The history came along, the withdrawal still pointing at the entry it withdraws.
    for case in original.all_cases().unwrap() {
        let (before, after) = (
            original.events(case.id).unwrap(),
            other.events(case.id).unwrap(),
        );
        let kinds = |v: &[hane_core::tracking::Event]| -> Vec<EventKind> {
            hane_core::tracking::effective(v)
                .into_iter()
                .map(|e| e.kind.clone())
                .collect()
        };
        assert_eq!(before.len(), after.len());
        assert_eq!(kinds(&before), kinds(&after));
    }
    // Documents and photos, byte by byte.
    for case in original.all_cases().unwrap() {
        let docs = original.documents(case.id).unwrap();
        assert_eq!(docs.len(), other.documents(case.id).unwrap().len());
        for d in docs {
            assert_eq!(
                original.document_pdf(case.id, &d.slot).unwrap(),
                other.document_pdf(case.id, &d.slot).unwrap()
            );
        }
        let (a, b) = (
            original.photo(case.id).unwrap(),
            other.photo(case.id).unwrap(),
        );
        assert_eq!(a.map(|p| p.original), b.map(|p| p.original));
    }
    let total: usize = other
        .all_cases()
        .unwrap()
        .iter()
        .map(|c| other.events(c.id).unwrap().len())
        .sum();
    assert_eq!(total, 3);
}

#[test]
fn one_case_can_be_backed_up_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_in(dir.path(), 1);
    let keep = db.create_case(new_case("A", "B")).unwrap();
    db.create_case(new_case("C", "D")).unwrap();
    let file = dir.path().join("one.hanebak");
    create_backup_with(&db, &file, PASS, Some(&[keep.id]), CHEAP).unwrap();
    let contents = backup::read_backup(&file, PASS).unwrap();
    assert_eq!(contents.cases, vec![keep]);
}

#[test]
fn the_backup_file_holds_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yedek.hanebak");
    backed_up(dir.path(), &file);
    let bytes = std::fs::read(&file).unwrap();
    for marker in ["Irina", "Petrova", "Koval", "Yılmaz"] {
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
            "{marker}"
        );
    }
}

#[test]
fn wrong_passphrase_and_damaged_files_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yedek.hanebak");
    let db = backed_up(dir.path(), &file);
    let before = db.all_cases().unwrap();

    let err = backup::read_backup(&file, "yanlış parola 2026").unwrap_err();
    assert_eq!(err.code(), "backup.wrong_passphrase");

    let bytes = std::fs::read(&file).unwrap();
    let damaged = dir.path().join("damaged.hanebak");
    // Truncated at several points, including inside the header and the payload.
    for cut in [0, 5, 12, 40, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&damaged, &bytes[..cut]).unwrap();
        let err = backup::read_backup(&damaged, PASS).unwrap_err();
        assert_eq!(err.code(), "backup.corrupt", "cut at {cut}");
    }
    // One flipped bit near the end (inside the payload).
    let mut flipped = bytes.clone();
    let last = flipped.len() - 20;
    flipped[last] ^= 1;
    std::fs::write(&damaged, &flipped).unwrap();
    assert_eq!(
        backup::read_backup(&damaged, PASS).unwrap_err().code(),
        "backup.corrupt"
    );

    // Not a backup at all.
    std::fs::write(&damaged, b"%PDF-1.7 not a backup").unwrap();
    assert_eq!(
        backup::read_backup(&damaged, PASS).unwrap_err().code(),
        "backup.corrupt"
    );
    assert_eq!(db.all_cases().unwrap(), before);
}

#[test]
fn duplicates_are_detected_and_the_users_choice_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yedek.hanebak");
    let mut db = backed_up(dir.path(), &file);
    let first = db.all_cases().unwrap()[0].clone();
    let mut changed = first.doc.clone();
    changed.kisisel.ad = "Irina P. (changed after backup)".into();
    db.save_case_doc(first.id, &changed).unwrap();

    let contents = backup::read_backup(&file, PASS).unwrap();
    let plan = plan_restore(&db, &contents).unwrap();
    assert_eq!(plan.duplicates.len(), 2);
    assert_eq!(plan.duplicates.iter().filter(|d| d.identical).count(), 1);

    let r = apply_restore(&mut db, contents, DuplicatePolicy::Skip).unwrap();
    assert_eq!(r.skipped, 2);
    assert_eq!(db.get_case(first.id).unwrap().doc, changed);

    let contents = backup::read_backup(&file, PASS).unwrap();
    let r = apply_restore(&mut db, contents, DuplicatePolicy::KeepBoth).unwrap();
    assert_eq!(r.added, 2);
    assert_eq!(db.all_cases().unwrap().len(), 4);
    assert_eq!(db.get_case(first.id).unwrap().doc, changed);

    let contents = backup::read_backup(&file, PASS).unwrap();
    let r = apply_restore(&mut db, contents, DuplicatePolicy::Replace).unwrap();
    assert_eq!(r.replaced, 2);
    assert_eq!(db.get_case(first.id).unwrap().doc, first.doc);
}

#[test]
fn a_short_backup_passphrase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path(), 1);
    let err = create_backup_with(&db, &dir.path().join("x"), "kısa", None, CHEAP).unwrap_err();
    assert_eq!(err.code(), "vault.passphrase_too_short");
    assert!(!dir.path().join("x").exists());
}
