//! The passport page's MRZ read from the stored, encrypted document (as the window's
//! "Eklenen pasaport belgesinden oku" does): attached as a JPEG, built into the slot's
//! PDF, read back from it.

use chrono::NaiveDate;
use hane_core::api::documents::AttachFile;
use hane_core::case::NewCase;
use hane_core::storage::Database;
use hane_core::vault::DbKey;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

#[test]
fn the_attached_passport_page_is_read_from_its_stored_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(&dir.path().join("hane.db"), &DbKey::from_bytes([5; 32])).unwrap();
    let id = db
        .create_case(NewCase {
            employer_name: "Ayşe Yılmaz".into(),
            foreigner_name: "Dilnoza Rotaru".into(),
        })
        .unwrap()
        .id;
    db.save_case_doc(id, &crate::common::fixture()).unwrap();
    let api = crate::common::api(dir.path(), db, today());
    // Nothing attached yet: said by code, nothing changes.
    assert_eq!(
        api.passport_mrz(id).unwrap_err().code(),
        "document.not_found"
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mrz");
    let page = std::fs::read(root.join("passport-photo-seed1.jpg")).unwrap();
    let truth = std::fs::read_to_string(root.join("passport-photo-seed1.txt")).unwrap();
    api.attach(
        id,
        "pasaport",
        &[AttachFile {
            name: "pasaport.jpg",
            bytes: &page,
            quarter_turns: 0,
        }],
    )
    .unwrap();
    let p = api.passport_mrz(id).unwrap();
    assert_eq!(p.lines.join("\n") + "\n", truth);
    assert!(p.all_checks_pass);
    assert_eq!(p.nationality.as_deref(), Some("Endonezya"));
    assert_eq!(p.expiry_date, NaiveDate::from_ymd_opt(2028, 7, 1));
    // The same page read straight from the file gives the same lines.
    assert_eq!(api.read_mrz(&page).unwrap().lines, p.lines);
}
