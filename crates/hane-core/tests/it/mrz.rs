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

/// A one-page PDF drawing `images` (id, name, placement) and a line of text: not a PDF of
/// scans only, as scanner drivers and phone apps often write (a footer, a logo).
fn pdf_with_text(images: Vec<(lopdf::Stream, [f32; 6])>) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object};
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 10.into()]),
        Operation::new("Td", vec![40.into(), 30.into()]),
        Operation::new("Tj", vec![Object::string_literal("Scanned with a phone")]),
        Operation::new("ET", vec![]),
    ];
    let mut xobjects = lopdf::Dictionary::new();
    for (i, (stream, m)) in images.into_iter().enumerate() {
        let name = format!("Im{i}");
        xobjects.set(name.as_bytes(), doc.add_object(stream));
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new("cm", m.iter().map(|&v| v.into()).collect()));
        ops.push(Operation::new("Do", vec![Object::Name(name.into_bytes())]));
        ops.push(Operation::new("Q", vec![]));
    }
    let content = doc.add_object(lopdf::Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects },
    });
    doc.objects.insert(
        pages,
        dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }.into(),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The passport page stored losslessly (Flate, RGB) in a PDF with a footer line and a
/// logo: read from the largest picture. A PDF of text alone says it holds no picture.
#[test]
fn a_passport_page_in_a_pdf_that_is_not_only_scans_is_read() {
    use lopdf::dictionary;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mrz");
    let jpeg = std::fs::read(root.join("passport-photo-seed1.jpg")).unwrap();
    let truth = std::fs::read_to_string(root.join("passport-photo-seed1.txt")).unwrap();
    let page = image::load_from_memory(&jpeg).unwrap().to_rgb8();
    let (w, h) = page.dimensions();
    let mut scan = lopdf::Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
        },
        page.into_raw(),
    );
    scan.compress().unwrap();
    assert!(scan.dict.has(b"Filter"), "stored deflated");
    let logo = lopdf::Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 96, "Height" => 96,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![90; 96 * 96],
    );
    let pdf = pdf_with_text(vec![
        (logo, [40.0, 0.0, 0.0, 40.0, 500.0, 780.0]),
        (
            scan,
            [515.0, 0.0, 0.0, 515.0 * h as f32 / w as f32, 40.0, 60.0],
        ),
    ]);
    // Not a PDF of scans only: the page editor would keep it as given.
    assert!(hane_pdf::scan_pages::scan_pages(&pdf).unwrap().is_none());
    let p = hane_core::mrz::read(&pdf, today()).unwrap();
    assert_eq!(p.lines.join("\n") + "\n", truth);
    assert!(p.all_checks_pass);

    let text_only = pdf_with_text(vec![]);
    assert_eq!(
        hane_core::mrz::read(&text_only, today())
            .unwrap_err()
            .code(),
        "mrz.no_image"
    );
}
