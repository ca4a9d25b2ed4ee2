//! Scans → PDF, checked by independent readers: poppler (`pdftoppm`, `pdfinfo`) renders
//! and reads what we wrote, `qpdf --check` validates its structure.

use std::path::Path;
use std::process::Command;

use hane_core::pdf::inspect::check_pdf;
use hane_core::pdf::scan::{images_to_pdf, PageInput, PdfMeta};
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

fn meta() -> PdfMeta<'static> {
    PdfMeta {
        title: "İş Sözleşmesi",
        created: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    }
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (cargo xtask test installs it): {e}")
    })
}

fn qpdf_ok(path: &Path) {
    let out = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A 400×200 white JPEG with a red block in the stored image's top-left corner.
fn marked_jpeg() -> Vec<u8> {
    let mut img = RgbImage::from_pixel(400, 200, Rgb([255, 255, 255]));
    for y in 0..60 {
        for x in 0..100 {
            img.put_pixel(x, y, Rgb([220, 0, 0]));
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), 400, 200, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Inserts an EXIF APP1 segment with only the Orientation tag after SOI.
fn with_orientation(jpeg: &[u8], o: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF, IFD at 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&o.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut seg = b"Exif\0\0".to_vec();
    seg.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&seg);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Renders page 1 and returns the image.
fn render(pdf: &[u8], dir: &Path) -> RgbImage {
    let path = dir.join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    qpdf_ok(&path);
    let prefix = dir.join("render");
    let out = tool(
        "pdftoppm",
        &[
            "-r",
            "24",
            "-png",
            "-singlefile",
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    image::open(dir.join("render.png")).unwrap().to_rgb8()
}

/// Which quadrant of the image's drawn area holds the red block: "TL", "TR", "BL", "BR".
fn red_quadrant(img: &RgbImage) -> &'static str {
    let non_white: Vec<(u32, u32)> = img
        .enumerate_pixels()
        .filter(|(_, _, p)| p[0] < 250 || p[1] < 250 || p[2] < 250)
        .map(|(x, y, _)| (x, y))
        .collect();
    let (min_x, max_x) = (
        non_white.iter().map(|p| p.0).min().unwrap(),
        non_white.iter().map(|p| p.0).max().unwrap(),
    );
    let (min_y, max_y) = (
        non_white.iter().map(|p| p.1).min().unwrap(),
        non_white.iter().map(|p| p.1).max().unwrap(),
    );
    let red: Vec<(u32, u32)> = img
        .enumerate_pixels()
        .filter(|(_, _, p)| p[0] > 150 && p[1] < 90 && p[2] < 90)
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(!red.is_empty(), "no red block rendered");
    let cx = red.iter().map(|p| p.0 as f32).sum::<f32>() / red.len() as f32;
    let cy = red.iter().map(|p| p.1 as f32).sum::<f32>() / red.len() as f32;
    let left = cx < (min_x + max_x) as f32 / 2.0;
    let top = cy < (min_y + max_y) as f32 / 2.0;
    match (top, left) {
        (true, true) => "TL",
        (true, false) => "TR",
        (false, true) => "BL",
        (false, false) => "BR",
    }
}

#[test]
fn jpeg_orientations_1_to_8_appear_upright() {
    let dir = tempfile::tempdir().unwrap();
    let base = marked_jpeg();
    // Where EXIF says the stored top-left corner must be shown.
    let expected = ["TL", "TR", "BR", "BL", "TL", "TR", "BR", "BL"];
    for o in 1..=8u16 {
        let jpeg = with_orientation(&base, o);
        let pdf = images_to_pdf(
            &[PageInput {
                bytes: &jpeg,
                quarter_turns: 0,
            }],
            &meta(),
        )
        .unwrap();
        let img = render(&pdf, dir.path());
        assert_eq!(
            red_quadrant(&img),
            expected[o as usize - 1],
            "orientation {o}"
        );
        // 400×200 stored: landscape for 1–4, portrait for 5–8 (and so is the A4 page).
        let portrait = img.height() > img.width();
        assert_eq!(portrait, o >= 5, "page shape for orientation {o}");
        // Passthrough: the JPEG's bytes are in the PDF unchanged.
        assert!(
            pdf.windows(jpeg.len()).any(|w| w == jpeg.as_slice()),
            "JPEG re-encoded for {o}"
        );
    }
}

#[test]
fn a_user_quarter_turn_rotates_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = marked_jpeg();
    let pdf = images_to_pdf(
        &[PageInput {
            bytes: &jpeg,
            quarter_turns: 1,
        }],
        &meta(),
    )
    .unwrap();
    let img = render(&pdf, dir.path());
    assert_eq!(red_quadrant(&img), "TR");
    assert!(img.height() > img.width());
}

#[test]
fn png_alpha_is_flattened_on_white_and_kept_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let mut img = RgbaImage::from_pixel(300, 400, Rgba([0, 0, 0, 0])); // fully transparent
    for y in 0..100 {
        for x in 0..100 {
            img.put_pixel(x, y, Rgba([220, 0, 0, 255]));
        }
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 300, 400, image::ExtendedColorType::Rgba8)
        .unwrap();
    let pdf = images_to_pdf(
        &[PageInput {
            bytes: &png,
            quarter_turns: 0,
        }],
        &meta(),
    )
    .unwrap();
    let rendered = render(&pdf, dir.path());
    // Transparent became white (not black): only the red block is not white.
    let dark = rendered
        .pixels()
        .filter(|p| p[0] < 100 && p[1] < 100 && p[2] < 100)
        .count();
    assert_eq!(dark, 0, "transparent pixels rendered dark");
    assert_eq!(red_quadrant(&rendered), "TL");
}

#[test]
fn several_pages_metadata_and_determinism() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = marked_jpeg();
    let pages = [
        PageInput {
            bytes: &jpeg,
            quarter_turns: 0,
        },
        PageInput {
            bytes: &jpeg,
            quarter_turns: 2,
        },
    ];
    let a = images_to_pdf(&pages, &meta()).unwrap();
    let b = images_to_pdf(&pages, &meta()).unwrap();
    assert_eq!(a, b, "same input, same bytes");
    let path = dir.path().join("two.pdf");
    std::fs::write(&path, &a).unwrap();
    qpdf_ok(&path);
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.stderr.is_empty(),
        "pdfinfo warned: {}",
        String::from_utf8_lossy(&info.stderr)
    );
    assert!(text.contains("Pages:           2"), "{text}");
    assert!(text.contains("Title:           İş Sözleşmesi"), "{text}");
    assert!(text.contains("Producer:        Hane"), "{text}");
    assert_eq!(check_pdf(&a).unwrap().pages, 2);
}

#[test]
fn bad_images_get_specific_errors() {
    let jpeg = marked_jpeg();
    let code = |bytes: &[u8]| {
        images_to_pdf(
            &[PageInput {
                bytes,
                quarter_turns: 0,
            }],
            &meta(),
        )
        .unwrap_err()
        .code()
    };
    // Truncated (a download cut short).
    assert_eq!(code(&jpeg[..jpeg.len() / 2]), "image.unreadable");
    // A header claiming 20000×20000 pixels (400 MP).
    let mut huge = jpeg.clone();
    let sof = huge.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    huge[sof + 5..sof + 9].copy_from_slice(&[0x4E, 0x20, 0x4E, 0x20]);
    assert_eq!(code(&huge), "image.too_large");
    // HEIC / WebP / text.
    assert_eq!(code(b"\0\0\0\x18ftypheic"), "image.unsupported");
    assert_eq!(code(b"RIFF\0\0\0\0WEBPVP8 "), "image.unsupported");
    assert_eq!(code(b"%PDF-1.7 ..."), "document.pdf_among_images");
    assert_eq!(
        images_to_pdf(&[], &meta()).unwrap_err().code(),
        "document.no_pages"
    );
    // Over the size limit: refused before any decoding.
    let big = vec![0u8; hane_core::pdf::scan::MAX_FILE_BYTES + 1];
    assert_eq!(code(&big), "file.too_large");
}

#[test]
fn imported_pdfs_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = marked_jpeg();
    let pdf = images_to_pdf(
        &[PageInput {
            bytes: &jpeg,
            quarter_turns: 0,
        }],
        &meta(),
    )
    .unwrap();
    assert_eq!(check_pdf(&pdf).unwrap().pages, 1);
    // A text file renamed to .pdf.
    assert_eq!(
        check_pdf(b"Merhaba, bu bir metin dosyasi.\n")
            .unwrap_err()
            .code(),
        "pdf.not_a_pdf"
    );
    // Truncated.
    assert_eq!(
        check_pdf(&pdf[..pdf.len() / 3]).unwrap_err().code(),
        "pdf.damaged"
    );
    // Encrypted with qpdf (an empty user password and an owner password).
    let plain = dir.path().join("plain.pdf");
    let locked = dir.path().join("locked.pdf");
    std::fs::write(&plain, &pdf).unwrap();
    let out = tool(
        "qpdf",
        &[
            "--encrypt",
            "",
            "owner-pass",
            "256",
            "--",
            plain.to_str().unwrap(),
            locked.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        check_pdf(&std::fs::read(&locked).unwrap())
            .unwrap_err()
            .code(),
        "pdf.encrypted"
    );
}
