//! The head measured, not estimated (issue #16): against a person's measurement on real
//! portraits, stable under rotation, scale, padding, re-encoding and EXIF orientation, and
//! the advice and background checks on purpose-made variants.

use std::path::Path;

use chrono::NaiveDate;
use hane_core::photo::{analyze, detect_faces, encode, load, measure, Source};
use image::{imageops, ImageEncoder, Rgb, RgbImage};

use crate::photo::turned;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/photos")
            .join(name),
    )
    .unwrap()
}

fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn studio() -> RgbImage {
    load(&fixture("studio.jpg")).unwrap().image
}

/// A JPEG whose EXIF Orientation tag (0x0112) is `orientation`: the pixels are stored so
/// that applying the tag shows `upright`.
pub(crate) fn jpeg_oriented(upright: &RgbImage, orientation: u16) -> Vec<u8> {
    let stored = match orientation {
        3 => imageops::rotate180(upright),
        6 => imageops::rotate270(upright),
        8 => imageops::rotate90(upright),
        _ => upright.clone(),
    };
    let plain = jpeg(&stored, 92);
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut seg = b"Exif\0\0".to_vec();
    seg.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&seg);
    out.extend_from_slice(&plain[2..]);
    out
}

/// The automatic crop's height and the measured roll of the photo in `bytes`.
fn crop_and_roll(bytes: &[u8]) -> (f32, f32) {
    let src = load(bytes).unwrap();
    let a = analyze(&src, None, today());
    let head = a.head.expect("head found");
    (a.crop.expect("crop").height, head.roll.expect("eyes found"))
}

/// Issue #16's metamorphic relations: the crop's size (scaled back) within ±2% and the
/// measured roll within ±1° of the original's plus the turn.
#[test]
fn the_crop_is_stable_under_rotation_scale_padding_reencoding_and_orientation() {
    let base = studio();
    let (h0, r0) = crop_and_roll(&jpeg(&base, 92));
    let mut cases: Vec<(String, Vec<u8>, f32, f32)> = Vec::new();
    for deg in [-15.0f32, -8.0, -3.0, 3.0, 8.0, 15.0] {
        cases.push((
            format!("turned {deg}°"),
            jpeg(&turned(&base, deg), 92),
            1.0,
            deg,
        ));
    }
    for scale in [0.5f32, 2.0] {
        let (w, h) = base.dimensions();
        let img = imageops::resize(
            &base,
            (w as f32 * scale) as u32,
            (h as f32 * scale) as u32,
            imageops::FilterType::Triangle,
        );
        cases.push((format!("scaled ×{scale}"), jpeg(&img, 92), scale, 0.0));
    }
    let mut padded = RgbImage::from_pixel(
        base.width() + 500,
        base.height() + 300,
        Rgb([236, 236, 232]),
    );
    imageops::replace(&mut padded, &base, 400, 120);
    cases.push(("padded".into(), jpeg(&padded, 92), 1.0, 0.0));
    let once = jpeg(&base, 60);
    let twice = jpeg(&load(&once).unwrap().image, 75);
    cases.push(("re-encoded q60 then q75".into(), twice, 1.0, 0.0));
    for o in [3u16, 6, 8] {
        cases.push((
            format!("EXIF orientation {o}"),
            jpeg_oriented(&base, o),
            1.0,
            0.0,
        ));
    }
    let mut report = Vec::new();
    for (name, bytes, scale, turn) in &cases {
        let (h, r) = crop_and_roll(bytes);
        let size = h / scale / h0 - 1.0;
        let roll = r - r0 - turn;
        report.push(format!(
            "{name}: size {:+.2}%, roll {roll:+.2}°",
            size * 100.0
        ));
        assert!(
            size.abs() <= 0.02 && roll.abs() <= 1.0,
            "{}",
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// Crown (top of the hair) and chin marked by a person on enlargements of each photo with a
/// pixel ruler (2-px steps), independent of the models; ±3 px. Hopper wears a cap with a
/// flag's star touching it: her crown is left out (a cap is not a head; see the note).
const MARKED: [(&str, Option<f32>, f32); 6] = [
    ("obama.jpg", Some(29.0), 426.0),
    ("biden.jpg", Some(98.0), 549.0),
    ("astronaut.png", Some(14.0), 176.0),
    ("obama2.jpg", Some(165.0), 620.0),
    ("obama3.jpg", Some(222.0), 612.0),
    ("grace_hopper.jpg", None, 328.0),
];

#[test]
fn the_crown_and_chin_are_where_a_person_marks_them_and_the_approved_head_is_32_to_36_mm() {
    let mut report = Vec::new();
    for (name, crown, chin) in MARKED {
        let src = load(&fixture(name)).unwrap();
        let faces = detect_faces(&src);
        let m = faces[0].measured.clone().expect("measured");
        let height = crown.map_or(m.head_height, |c| chin - c);
        let chin_err = (m.chin[1] - chin) / height;
        let crown_err = crown.map(|c| (m.crown[1] - c) / height);
        report.push(format!(
            "{name}: chin {:+.1}% crown {} of the head",
            chin_err * 100.0,
            crown_err.map_or("—".into(), |e| format!("{:+.1}%", e * 100.0))
        ));
        assert!(chin_err.abs() <= 0.03, "{}", report.join("\n"));
        assert!(
            crown_err.is_none_or(|e| e.abs() <= 0.03),
            "{}",
            report.join("\n")
        );
        // The automatic crop, saved as the approved JPEG would be, measured again from the
        // file: the head is 32–36 mm.
        let a = analyze(&src, None, today());
        let jpeg = encode(&src, &a.crop.unwrap(), a.output_height.max(600)).unwrap();
        let out = load(&jpeg).unwrap();
        let again = measure::measure(&out.image).expect("measured in the output");
        let mm = again.head_height / out.image.height() as f32 * 60.0;
        report.push(format!("  output head {mm:.2} mm"));
        if crown.is_some() {
            assert!((32.0..=36.0).contains(&mm), "{}", report.join("\n"));
        }
    }
    eprintln!("{}", report.join("\n"));
}

fn with_wall(img: &RgbImage, wall: Rgb<u8>) -> RgbImage {
    // The studio fixture's wall is (236, 236, 232); anything that close to it is the wall.
    let mut out = img.clone();
    for p in out.pixels_mut() {
        if p.0
            .iter()
            .zip([236u8, 236, 232])
            .all(|(a, b)| a.abs_diff(b) <= 6)
        {
            *p = wall;
        }
    }
    out
}

fn check<'a>(a: &'a hane_core::photo::Analysis, id: &str) -> &'a hane_core::photo::Check {
    a.checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn a_white_wall_passes_exposure_and_a_coloured_one_gets_the_background_advice() {
    let white = analyze(
        &load(&jpeg(&with_wall(&studio(), Rgb([255, 255, 255])), 92)).unwrap(),
        None,
        today(),
    );
    assert!(
        check(&white, "photo.exposure").passed,
        "{:?}",
        check(&white, "photo.exposure")
    );
    assert!(check(&white, "photo.background").passed);
    let blue = analyze(
        &load(&jpeg(&with_wall(&studio(), Rgb([170, 200, 235])), 92)).unwrap(),
        None,
        today(),
    );
    // Light but coloured: the guide names no colour and ICAO accepts a light backdrop, so
    // it is advice (the plain-and-light check itself passes).
    assert!(check(&blue, "photo.background").passed);
    let bg = check(&blue, "photo.background_colour");
    assert!(!bg.passed && bg.advisory, "{bg:?}");
    assert!(bg.message.tr.contains("renkli"), "{}", bg.message.tr);
    assert!(check(&white, "photo.background_colour").passed);
    assert!(check(&blue, "photo.exposure").passed);
}

/// A smile showing the teeth and a turned head get their advice (never a block); a closed
/// mouth looking at the camera gets none.
#[test]
fn a_smile_with_teeth_and_a_turned_head_are_advised_against() {
    let src: Source = load(&fixture("obama2.jpg")).unwrap();
    let a = analyze(&src, None, today());
    for id in ["photo.expression", "photo.yaw"] {
        let c = check(&a, id);
        assert!(!c.passed && c.advisory, "{c:?}");
        assert!(c.message.tr.contains("sınır"), "{}", c.message.tr);
    }
    let smile = analyze(&load(&fixture("astronaut.png")).unwrap(), None, today());
    assert!(!check(&smile, "photo.expression").passed);
    let closed = analyze(&load(&fixture("grace_hopper.jpg")).unwrap(), None, today());
    for id in [
        "photo.expression",
        "photo.yaw",
        "photo.pitch",
        "photo.glare",
        "photo.lighting",
    ] {
        assert!(check(&closed, id).passed, "{:?}", check(&closed, id));
    }
}

/// Hair cut off by the photo's top edge: the crown is not in the photo, so the head size
/// is not claimed.
#[test]
fn a_head_cut_by_the_top_edge_is_not_measured_as_if_whole() {
    let base = studio();
    let cut = imageops::crop_imm(&base, 0, 520, base.width(), base.height() - 520).to_image();
    let src = load(&jpeg(&cut, 92)).unwrap();
    let a = analyze(&src, None, today());
    let m = a.faces[0].measured.as_ref().expect("measured");
    assert!(m.crown_at_edge, "{:?}", m.crown);
    let head = check(&a, "photo.head_size");
    assert!(
        !head.passed && head.message.tr.contains("kenarında"),
        "{head:?}"
    );
}

/// A burnt-out face (flash, sun) fails exposure; white patches over both eyes (light on
/// glasses) get the glare advice.
#[test]
fn a_burnt_out_face_fails_exposure_and_glare_over_the_eyes_is_advised_against() {
    let mut burnt = studio();
    burnt.pixels_mut().for_each(|p| {
        p.0.iter_mut()
            .for_each(|c| *c = (*c as f32 * 1.5 + 40.0).min(255.0) as u8)
    });
    let a = analyze(&load(&jpeg(&burnt, 92)).unwrap(), None, today());
    let e = check(&a, "photo.exposure");
    assert!(!e.passed && !e.advisory, "{e:?}");

    let base = studio();
    let src = load(&jpeg(&base, 92)).unwrap();
    let faces = detect_faces(&src);
    let m = faces[0].measured.clone().expect("measured");
    let d = m.eye_distance();
    let mut glare = base.clone();
    for [cx, cy] in [m.eye_left, m.eye_right] {
        for y in (cy - 0.15 * d) as u32..(cy + 0.1 * d) as u32 {
            for x in (cx - 0.3 * d) as u32..(cx + 0.1 * d) as u32 {
                glare.put_pixel(x, y, Rgb([255, 255, 255]));
            }
        }
    }
    let a = analyze(&load(&jpeg(&glare, 92)).unwrap(), None, today());
    let g = check(&a, "photo.glare");
    assert!(!g.passed && g.advisory, "{g:?}");
    assert!(check(&analyze(&src, None, today()), "photo.glare").passed);
}

/// Two people, one of them turned away and talking: "one face" must not pass. (SeetaFace
/// finds this one too; faces only BlazeFace finds are now counted as well, but no such
/// photo is in the test set.)
#[test]
fn a_second_person_half_turned_away_is_counted() {
    let base = studio();
    let other = load(&fixture("obama2.jpg")).unwrap().image;
    // His head (≈460 px tall) at about the studio head's size (≈480 px).
    let other = imageops::crop_imm(&other, 120, 100, 500, 700).to_image();
    let mut two = RgbImage::from_pixel(base.width() + 520, base.height(), Rgb([236, 236, 232]));
    imageops::replace(&mut two, &base, 0, 0);
    imageops::replace(&mut two, &other, base.width() as i64, 350);
    let a = analyze(&load(&jpeg(&two, 92)).unwrap(), None, today());
    let c = check(&a, "photo.single_face");
    assert!(!c.passed && a.faces.len() >= 2, "{c:?} {}", a.faces.len());
}

/// Dark lenses painted over both eyes (sunglasses): the eyes-visible advice fails; on every
/// portrait of the test set, whose eyes are uncovered, it passes.
#[test]
fn eyes_covered_by_dark_lenses_are_advised_against() {
    let base = studio();
    let src = load(&jpeg(&base, 92)).unwrap();
    let m = detect_faces(&src)[0].measured.clone().expect("measured");
    let d = m.eye_distance();
    let mut shades = base.clone();
    for [cx, cy] in [m.eye_left, m.eye_right] {
        for y in (cy - 0.25 * d) as u32..(cy + 0.2 * d) as u32 {
            for x in (cx - 0.4 * d) as u32..(cx + 0.4 * d) as u32 {
                let (dx, dy) = ((x as f32 - cx) / 0.4, (y as f32 - cy) / 0.25);
                if dx * dx + dy * dy <= d * d {
                    shades.put_pixel(x, y, Rgb([28, 30, 34]));
                }
            }
        }
    }
    let a = analyze(&load(&jpeg(&shades, 92)).unwrap(), None, today());
    let c = check(&a, "photo.occlusion");
    println!("dark lenses: {:.2}", c.value);
    assert!(!c.passed && c.advisory, "{c:?}");
    assert!(c.message.tr.contains("en az 0,35"), "{}", c.message.tr);
    for name in [
        "obama.jpg",
        "biden.jpg",
        "obama2.jpg",
        "obama3.jpg",
        "astronaut.png",
        "grace_hopper.jpg",
    ] {
        let a = analyze(&load(&fixture(name)).unwrap(), None, today());
        let c = check(&a, "photo.occlusion");
        println!("{name}: {:.2}", c.value);
        assert!(c.passed, "{name}: {c:?}");
    }
    let a = analyze(&src, None, today());
    let c = check(&a, "photo.occlusion");
    println!("studio: {:.2}", c.value);
    assert!(c.passed, "{c:?}");
}
