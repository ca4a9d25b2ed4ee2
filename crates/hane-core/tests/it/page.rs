//! A photographed page in the window's pixels (#22): a phone stores an upright photo
//! sideways with EXIF orientation 6; the corner editor shows it upright, and the corners
//! it proposes and takes back are in those shown pixels.

use hane_core::page::{find_displayed, straighten, straighten_displayed};

use crate::photo_measure::jpeg_oriented;

fn fixture() -> (Vec<u8>, [[f32; 2]; 4]) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/pages/");
    let photo = std::fs::read(format!("{dir}contract-photo-seed2.jpg")).unwrap();
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}contract-photo-seed2.json")).unwrap(),
    )
    .unwrap();
    let corners = std::array::from_fn(|i| {
        let p = &truth["corners"][i];
        [p[0].as_f64().unwrap() as f32, p[1].as_f64().unwrap() as f32]
    });
    (photo, corners)
}

#[test]
fn a_sideways_stored_phone_photo_is_proposed_and_straightened_as_shown() {
    let (photo, truth) = fixture();
    let shown = image::load_from_memory(&photo).unwrap().to_rgb8();
    let sideways = jpeg_oriented(&shown, 6);
    // Stored 1500 × 2000, shown 2000 × 1500.
    let stored = image::load_from_memory(&sideways).unwrap();
    assert_eq!((stored.width(), stored.height()), (1500, 2000));

    let report = find_displayed(&sideways).unwrap();
    assert_eq!((report.width, report.height), (2000, 1500));
    let diag = (truth[0][0] - truth[2][0]).hypot(truth[0][1] - truth[2][1]);
    for (got, want) in report.corners.iter().zip(&truth) {
        assert!(
            (got[0] - want[0]).hypot(got[1] - want[1]) < 0.015 * diag,
            "{:?} against {truth:?}",
            report.corners
        );
    }
    assert_eq!(report.turn, 270);

    // Straightened by corners placed on the shown photo: the same page as from the
    // photo stored upright.
    let from_sideways = straighten_displayed(&sideways, truth, false).unwrap();
    let (_, from_upright) = straighten(&photo, Some(truth), false).unwrap();
    assert_eq!(
        (from_sideways.width, from_sideways.height),
        (from_upright.width, from_upright.height)
    );
    let a = image::load_from_memory(&from_sideways.jpeg)
        .unwrap()
        .to_luma8();
    let b = image::load_from_memory(&from_upright.jpeg)
        .unwrap()
        .to_luma8();
    let diff: f64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(&x, &y)| (x as f64 - y as f64).abs())
        .sum::<f64>()
        / a.as_raw().len() as f64;
    assert!(diff < 6.0, "mean difference {diff}");
    assert!(from_upright.height > from_upright.width, "upright A4");

    // A crossed outline is refused with its own code.
    let crossed = [truth[0], truth[2], truth[1], truth[3]];
    assert_eq!(
        straighten_displayed(&sideways, crossed, false)
            .err()
            .map(|e| e.code()),
        Some("page.corners")
    );
}

/// Issue #36: where a page holds a passport's MRZ read with every check digit right, the
/// MRZ settles which way up it is. On the real specimen pages of
/// `tests/fixtures/specimens/` (published specimens, sources in its SOURCES.md) the text
/// alone turned 3 of 15 upside down (cze2, deu, hrv) while their MRZ read exactly; now
/// every page comes out the way its MRZ reads.
#[test]
fn a_passport_page_is_turned_the_way_its_mrz_reads() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/specimens");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("jpg") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let mrz = hane_core::mrz::read(&bytes, today).unwrap();
        assert!(mrz.all_checks_pass, "{}", path.display());
        let page = hane_core::page::find(&bytes).unwrap();
        assert_eq!(page.turn, mrz.turn, "{}", path.display());
        pages += 1;
    }
    assert_eq!(pages, 15);
}
