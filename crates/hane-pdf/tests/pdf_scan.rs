//! Scans → PDF, checked by independent readers: poppler (`pdftoppm`, `pdfinfo`) renders
//! and reads what we wrote, `qpdf --check` validates its structure.

use std::path::Path;
use std::process::Command;

use hane_pdf::inspect::check_pdf;
use hane_pdf::scan::{images_to_pdf, images_to_pdf_within, PageInput, PdfMeta};
use hane_pdf::scan_pages::scan_pages;
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
    // PDF/A-2b (#22), as the petition: poppler reads the claim from the XMP metadata, with
    // the same title; the catalog has the sRGB output intent (an ICC stream of 3
    // components); the trailer an identifier; every image is RGB or grey.
    let meta_out = tool("pdfinfo", &["-meta", path.to_str().unwrap()]);
    let xmp = String::from_utf8_lossy(&meta_out.stdout);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("İş Sözleşmesi"), "{xmp}");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let catalog = doc.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = doc.dereference(&intents[0]).unwrap().1.as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let (_, profile) = doc
        .dereference(intent.get(b"DestOutputProfile").unwrap())
        .unwrap();
    let profile = profile.as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = profile
        .decompressed_content()
        .unwrap_or_else(|_| profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
    assert_eq!(&icc[16..20], b"RGB ", "an RGB profile");
    assert!(doc.trailer.get(b"ID").is_ok());
    for (_, object) in doc.objects.iter() {
        if let Ok(stream) = object.as_stream() {
            if let Ok(cs) = stream.dict.get(b"ColorSpace") {
                let name = cs.as_name().unwrap();
                assert!(name == b"DeviceRGB" || name == b"DeviceGray", "{name:?}");
            }
        }
    }
}

#[test]
fn a_cmyk_scan_becomes_rgb_for_pdf_a() {
    // A pure red in CMYK (no cyan, full magenta and yellow, no black), as jpeg-encoder
    // writes it (Adobe's inverted convention, APP14 marker).
    let (w, h) = (64u16, 48u16);
    let cmyk: Vec<u8> = (0..w as usize * h as usize)
        .flat_map(|_| [0u8, 255, 255, 0])
        .collect();
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 95)
        .encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    let (rgb, _) = hane_image::decode_rgb(&jpeg, 1_000_000).unwrap();
    let expect = rgb.get_pixel(32, 24).0;
    assert!(
        expect[0] > 200 && expect[1] < 60 && expect[2] < 60,
        "decoder: {expect:?}"
    );
    let pdf = images_to_pdf(
        &[PageInput {
            bytes: &jpeg,
            quarter_turns: 0,
        }],
        &meta(),
    )
    .unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let image = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .find(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image"))
        .unwrap();
    assert_eq!(
        image.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceRGB"
    );
    // The embedded JPEG shows the same red.
    let (embedded, _) = hane_image::decode_rgb(&image.content, 1_000_000).unwrap();
    let got = embedded.get_pixel(32, 24).0;
    for c in 0..3 {
        assert!(
            (got[c] as i32 - expect[c] as i32).abs() < 12,
            "{got:?} against {expect:?}"
        );
    }
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
    let big = vec![0u8; hane_pdf::scan::MAX_FILE_BYTES + 1];
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

/// A `w`×`h` "scan" that compresses badly (grain over the whole page, like a phone photo
/// of paper), with a red block in the stored image's top-left corner; gray when `gray`.
fn grainy_scan(w: u32, h: u32, seed: u32, gray: bool) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        if !gray && x < w / 4 && y < h / 5 {
            return Rgb([220, 0, 0]);
        }
        let ink = if (y / 24) % 3 == 0 && (x / 9) % 5 != 0 {
            60
        } else {
            230
        };
        let v = (ink + (state % 50) as i32 - 25).clamp(0, 255) as u8;
        Rgb([v, v, v])
    });
    if gray {
        // Stored as a one-component JPEG, as office scanners do for documents.
        let luma = image::DynamicImage::ImageRgb8(std::mem::take(&mut img)).to_luma8();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .write_image(luma.as_raw(), w, h, image::ExtendedColorType::L8)
            .unwrap();
        return out;
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `pdfimages -list`: per image, (page, width, height, colour, encoding, x-ppi).
fn pdf_images(path: &Path) -> Vec<(u32, u32, u32, String, String, u32)> {
    let out = tool("pdfimages", &["-list", path.to_str().unwrap()]);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (
                c[0].parse().unwrap(),
                c[3].parse().unwrap(),
                c[4].parse().unwrap(),
                c[5].to_string(),
                c[8].to_string(),
                c[12].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn oversized_scans_are_recompressed_to_fit_with_the_same_layout() {
    let dir = tempfile::tempdir().unwrap();
    // Three 12-megapixel photos of paper: ~6 MB each as JPEG, placed at ~370 dpi on A4.
    let big: Vec<Vec<u8>> = (1..=3).map(|i| grainy_scan(3000, 4000, i, false)).collect();
    // The second one was taken sideways (EXIF 6): the recompressed page must stay upright.
    let turned = with_orientation(&big[1], 6);
    let small = marked_jpeg();
    let pages = [
        PageInput {
            bytes: &big[0],
            quarter_turns: 0,
        },
        PageInput {
            bytes: &turned,
            quarter_turns: 0,
        },
        PageInput {
            bytes: &small,
            quarter_turns: 0,
        },
        PageInput {
            bytes: &big[2],
            quarter_turns: 1,
        },
    ];
    let limit: u64 = 3 * 1024 * 1024;
    let plain = images_to_pdf(&pages, &meta()).unwrap();
    assert!(
        plain.len() as u64 > 3 * limit,
        "the fixture must be far over the limit"
    );

    let (fitted, report) = images_to_pdf_within(&pages, &meta(), limit).unwrap();
    assert!(
        fitted.len() as u64 <= limit,
        "{} bytes over the {limit} limit",
        fitted.len()
    );
    assert_eq!(
        report.pages, 3,
        "the small page is kept as it is: {report:?}"
    );
    let (dpi, quality) = (report.dpi.unwrap(), report.quality.unwrap());
    assert!(
        (200..=300).contains(&dpi) && (30..=90).contains(&quality),
        "{report:?}"
    );
    // The small page's JPEG is in the file byte for byte (not re-encoded).
    assert!(fitted.windows(small.len()).any(|w| w == small.as_slice()));
    let again = images_to_pdf_within(&pages, &meta(), limit).unwrap().0;
    assert_eq!(
        fitted, again,
        "same input, same bytes (pages run in parallel)"
    );

    let (plain_path, fitted_path) = (dir.path().join("plain.pdf"), dir.path().join("fit.pdf"));
    std::fs::write(&plain_path, &plain).unwrap();
    std::fs::write(&fitted_path, &fitted).unwrap();
    qpdf_ok(&fitted_path);
    let sizes = |p: &Path| {
        let out = tool("pdfinfo", &["-l", "4", p.to_str().unwrap()]);
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains("size:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(&plain_path), sizes(&fitted_path), "same page sizes");
    let images = pdf_images(&fitted_path);
    assert_eq!(images.len(), 4);
    for (page, w, h, colour, enc, ppi) in &images {
        assert_eq!(enc, "jpeg", "page {page}");
        assert_eq!(colour, "rgb", "page {page}");
        if *page != 3 {
            assert!(
                *w < 3000 && *h < 4000,
                "page {page} was not downscaled: {w}×{h}"
            );
            assert!((195..=305).contains(ppi), "page {page} at {ppi} ppi");
        }
    }
    // Every page still looks the same way round: render both and compare the red block.
    for page in ["1", "2", "4"] {
        let quadrant = |p: &Path| {
            let prefix = dir.path().join(format!("r{page}"));
            let out = tool(
                "pdftoppm",
                &[
                    "-r",
                    "20",
                    "-png",
                    "-singlefile",
                    "-f",
                    page,
                    "-l",
                    page,
                    p.to_str().unwrap(),
                    prefix.to_str().unwrap(),
                ],
            );
            assert!(out.status.success());
            red_quadrant(&image::open(prefix.with_extension("png")).unwrap().to_rgb8())
        };
        assert_eq!(quadrant(&plain_path), quadrant(&fitted_path), "page {page}");
    }
}

#[test]
fn recompression_keeps_gray_scans_gray_and_leaves_small_documents_alone() {
    let dir = tempfile::tempdir().unwrap();
    let gray = grainy_scan(2480, 3508, 7, true);
    let pages = [PageInput {
        bytes: &gray,
        quarter_turns: 0,
    }];
    let limit = gray.len() as u64 / 3;
    let (fitted, report) = images_to_pdf_within(&pages, &meta(), limit).unwrap();
    assert!(fitted.len() as u64 <= limit, "{} > {limit}", fitted.len());
    assert_eq!(report.pages, 1);
    let path = dir.path().join("gray.pdf");
    std::fs::write(&path, &fitted).unwrap();
    qpdf_ok(&path);
    let images = pdf_images(&path);
    assert_eq!(images[0].3, "gray", "{images:?}");

    // Under the limit nothing is touched: the same bytes as without recompression.
    let (same, report) = images_to_pdf_within(&pages, &meta(), 100 * 1024 * 1024).unwrap();
    assert_eq!(report.pages, 0);
    assert_eq!(report.dpi, None);
    assert_eq!(same, images_to_pdf(&pages, &meta()).unwrap());
}

#[test]
fn png_pages_are_recompressed_too() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = grainy_scan(1700, 2200, 3, false);
    let rgb = image::load_from_memory(&jpeg).unwrap().to_rgb8();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(rgb.as_raw(), 1700, 2200, image::ExtendedColorType::Rgb8)
        .unwrap();
    let pages = [PageInput {
        bytes: &png,
        quarter_turns: 0,
    }];
    let limit = 1024 * 1024;
    assert!(images_to_pdf(&pages, &meta()).unwrap().len() as u64 > limit);
    let (fitted, report) = images_to_pdf_within(&pages, &meta(), limit).unwrap();
    assert!(fitted.len() as u64 <= limit);
    assert_eq!(report.pages, 1);
    let path = dir.path().join("png.pdf");
    std::fs::write(&path, &fitted).unwrap();
    qpdf_ok(&path);
    assert_eq!(pdf_images(&path)[0].4, "jpeg");
    assert_eq!(red_quadrant(&render(&fitted, dir.path())), "TL");
}

/// A one-page PDF of `image` as Hane builds it from a picked scan.
fn one_page_pdf(image: &[u8]) -> Vec<u8> {
    images_to_pdf(
        &[PageInput {
            bytes: image,
            quarter_turns: 0,
        }],
        &meta(),
    )
    .unwrap()
}

/// `pdf` changed by `edit` on its first page (dictionary and decoded content), saved anew.
fn edited(pdf: &[u8], edit: impl FnOnce(&mut lopdf::Dictionary, &mut Vec<u8>)) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let page_id = *doc.get_pages().values().next().unwrap();
    let mut content = doc.get_page_content(page_id);
    let content_id = doc.get_page_contents(page_id)[0];
    let page = doc.get_dictionary_mut(page_id).unwrap();
    edit(page, &mut content);
    doc.get_object_mut(content_id)
        .and_then(lopdf::Object::as_stream_mut)
        .unwrap()
        .set_plain_content(content);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The image data of a JPEG: everything from its start-of-scan marker on.
fn scan_data(jpeg: &[u8]) -> &[u8] {
    let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    &jpeg[sos..]
}

/// Rebuilds a one-page scan PDF from the pages `scan_pages` finds in it.
fn rebuilt(pdf: &[u8]) -> Vec<u8> {
    let pages = scan_pages(pdf).unwrap().expect("a scan");
    assert_eq!(pages.len(), 1);
    one_page_pdf(&pages[0])
}

#[test]
fn a_scanned_pdf_opens_as_its_pages_placed_as_the_pdf_showed_them() {
    let dir = tempfile::tempdir().unwrap();
    let colour = grainy_scan(600, 800, 7, false);
    let gray = grainy_scan(800, 600, 8, true);
    let inputs = [
        colour.clone(),
        with_orientation(&colour, 6),
        with_orientation(&colour, 3),
        with_orientation(&colour, 5),
        gray,
    ];
    let mut all = Vec::new();
    for (i, jpeg) in inputs.iter().enumerate() {
        let page = [PageInput {
            bytes: jpeg,
            quarter_turns: (i % 2) as u8, // some pages turned by the user too
        }];
        let pdf = images_to_pdf(&page, &meta()).unwrap();
        let again = rebuilt(&pdf);
        // The same page: same shape, the red corner in the same place, and the same pixels
        // (both are the same JPEG data drawn at the same size).
        let (a, b) = (render(&pdf, dir.path()), render(&again, dir.path()));
        assert_eq!(a.dimensions(), b.dimensions(), "page {i}");
        if i < 4 {
            assert_eq!(red_quadrant(&a), red_quadrant(&b), "page {i}");
        }
        let diff = a
            .pixels()
            .zip(b.pixels())
            .map(|(p, q)| {
                (0..3)
                    .map(|c| (p[c] as i32 - q[c] as i32).abs())
                    .sum::<i32>()
            })
            .sum::<i32>() as f64
            / (a.width() * a.height() * 3) as f64;
        assert!(diff < 1.0, "page {i} differs by {diff}");
        // Byte for byte the same image data: nothing was re-encoded.
        let found = scan_pages(&pdf).unwrap().unwrap();
        assert_eq!(scan_data(&found[0]), scan_data(jpeg), "page {i}");
        all.push(page[0].bytes);
    }
    // A multi-page scan gives its pages in order.
    let pages: Vec<PageInput> = all
        .iter()
        .map(|b| PageInput {
            bytes: b,
            quarter_turns: 0,
        })
        .collect();
    let pdf = images_to_pdf(&pages, &meta()).unwrap();
    let found = scan_pages(&pdf).unwrap().unwrap();
    assert_eq!(found.len(), 5);
    for (f, jpeg) in found.iter().zip(&inputs) {
        assert_eq!(scan_data(f), scan_data(jpeg));
    }
}

#[test]
fn a_page_shown_turned_by_rotate_comes_out_turned() {
    let dir = tempfile::tempdir().unwrap();
    let jpeg = grainy_scan(600, 800, 9, false);
    let pdf = one_page_pdf(&jpeg);
    for degrees in [90, 180, 270] {
        let turned = edited(&pdf, |page, _| page.set("Rotate", degrees));
        // poppler shows the page turned; the rebuilt page must look the same.
        let (a, b) = (
            render(&turned, dir.path()),
            render(&rebuilt(&turned), dir.path()),
        );
        assert_eq!(a.dimensions(), b.dimensions(), "{degrees}°");
        assert_eq!(red_quadrant(&a), red_quadrant(&b), "{degrees}°");
    }
}

#[test]
fn only_pdfs_made_of_scans_open_as_pages() {
    let jpeg = grainy_scan(600, 800, 10, false);
    let pdf = one_page_pdf(&jpeg);
    let with = |extra: &str| {
        edited(&pdf, |page, content| {
            content.extend_from_slice(extra.as_bytes());
            // A font for the text (its glyphs never matter here).
            let mut font = lopdf::Dictionary::new();
            font.set("Type", lopdf::Object::Name(b"Font".to_vec()));
            font.set("Subtype", lopdf::Object::Name(b"Type1".to_vec()));
            font.set("BaseFont", lopdf::Object::Name(b"Helvetica".to_vec()));
            let mut fonts = lopdf::Dictionary::new();
            fonts.set("F1", font);
            if let Ok(lopdf::Object::Dictionary(res)) = page.get_mut(b"Resources") {
                res.set("Font", fonts);
            }
        })
    };
    // An OCR layer (invisible text) does not change what the page shows.
    let ocr = with("\nBT 3 Tr /F1 12 Tf 72 72 Td (Is Sozlesmesi) Tj ET\n");
    assert!(scan_pages(&ocr).unwrap().is_some());
    // Visible text, or a drawn line, would be lost: not a scan.
    let text = with("\nBT /F1 12 Tf 72 72 Td (Imza) Tj ET\n");
    assert!(scan_pages(&text).unwrap().is_none());
    let line = with("\n0 0 m 100 100 l S\n");
    assert!(scan_pages(&line).unwrap().is_none());
    // A PNG page (lossless, Flate) is not a JPEG scan either.
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            &[200u8; 300 * 400 * 3],
            300,
            400,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let png_pdf = one_page_pdf(&png);
    assert!(scan_pages(&png_pdf).unwrap().is_none());
    // Not a PDF at all: the same error as when it is picked.
    assert_eq!(
        scan_pages(b"hello").unwrap_err().code(),
        check_pdf(b"hello").unwrap_err().code()
    );
}

#[test]
fn an_oversized_scanned_pdf_fits_the_limit_once_opened_as_pages() {
    let dir = tempfile::tempdir().unwrap();
    let big: Vec<Vec<u8>> = (1..=2)
        .map(|i| grainy_scan(3000, 4000, 20 + i, false))
        .collect();
    let pages: Vec<PageInput> = big
        .iter()
        .map(|b| PageInput {
            bytes: b,
            quarter_turns: 0,
        })
        .collect();
    let pdf = images_to_pdf(&pages, &meta()).unwrap();
    let limit = 3 * 1024 * 1024;
    assert!(pdf.len() as u64 > limit, "{}", pdf.len());
    let found = scan_pages(&pdf).unwrap().unwrap();
    let inputs: Vec<PageInput> = found
        .iter()
        .map(|b| PageInput {
            bytes: b,
            quarter_turns: 0,
        })
        .collect();
    let (fitted, report) = images_to_pdf_within(&inputs, &meta(), limit).unwrap();
    assert!(fitted.len() as u64 <= limit, "{} bytes", fitted.len());
    assert_eq!(report.pages, 2);
    let path = dir.path().join("fitted.pdf");
    std::fs::write(&path, &fitted).unwrap();
    qpdf_ok(&path);
    // Same page sizes as the scanned PDF (pdfinfo's "Page size" of page 1).
    let size = |p: &Path| {
        let out = tool("pdfinfo", &[p.to_str().unwrap()]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("Page size"))
            .unwrap()
            .to_string()
    };
    let original = dir.path().join("original.pdf");
    std::fs::write(&original, &pdf).unwrap();
    assert_eq!(size(&path), size(&original));
}

/// `pdf` loaded, changed by `edit`, and saved anew (qpdf-checked structure is not implied).
fn resaved(pdf: &[u8], edit: impl FnOnce(&mut lopdf::Document)) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    edit(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The first image XObject of the first page.
fn first_image(doc: &mut lopdf::Document) -> &mut lopdf::Stream {
    let id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Image")
            })
        })
        .map(|(id, _)| *id)
        .unwrap();
    doc.get_object_mut(id).unwrap().as_stream_mut().unwrap()
}

/// Issue #17: PDFs whose page tree, xref or pages cannot be read are refused as damaged;
/// PDFs every reader opens are not refused for padding or a word in their title.
#[test]
fn unreadable_pdfs_are_refused_and_readable_ones_kept() {
    let jpeg = marked_jpeg();
    let pdf = one_page_pdf(&jpeg);
    let code = |bytes: &[u8]| check_pdf(bytes).map(|f| f.pages).map_err(|e| e.code());

    // Padding after %%EOF (every reader opens it; it was called damaged).
    let mut padded = pdf.clone();
    padded.extend(std::iter::repeat_n(b' ', 10_000));
    padded.extend(std::iter::repeat_n(0u8, 10_000));
    assert_eq!(code(&padded), Ok(1));
    // "/Encrypt" in the title (it was called encrypted).
    let titled = resaved(&pdf, |doc| {
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(info).unwrap().set(
            "Title",
            lopdf::Object::string_literal("Sözleşme /Encrypt 12 0 R <<"),
        );
    });
    assert_eq!(code(&titled), Ok(1));

    // Cut short, with %%EOF put back.
    let mut cut = pdf[..pdf.len() / 2].to_vec();
    cut.extend_from_slice(b"\nstartxref\n0\n%%EOF\n");
    assert_eq!(code(&cut), Err("pdf.damaged"));
    // A page count the tree does not have.
    let counted = resaved(&pdf, |doc| {
        let pages = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        doc.get_dictionary_mut(pages)
            .unwrap()
            .set("Count", 2_147_483_647i64);
    });
    assert_eq!(code(&counted), Err("pdf.damaged"));
    // A page whose content stream is missing.
    let missing = resaved(&pdf, |doc| {
        let page = *doc.get_pages().values().next().unwrap();
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Contents", lopdf::Object::Reference((999, 0)));
    });
    assert_eq!(code(&missing), Err("pdf.damaged"));
    // A page whose image is a JPEG cut short and given its end marker back: it renders
    // grey or striped, so the PDF is damaged.
    let mut cut_jpeg = jpeg[..jpeg.len() * 2 / 3].to_vec();
    cut_jpeg.extend_from_slice(&[0xFF, 0xD9]);
    let striped = resaved(&pdf, |doc| first_image(doc).set_content(cut_jpeg));
    assert_eq!(code(&striped), Err("pdf.damaged"));
    // A page whose Flate image does not inflate.
    let bad_flate = resaved(&pdf, |doc| {
        let image = first_image(doc);
        image.dict.set("Filter", "FlateDecode");
        image.set_content(b"x\x9c this is not deflate data".to_vec());
    });
    assert_eq!(code(&bad_flate), Err("pdf.damaged"));
    // The same JPEG wrapped in Flate too ([FlateDecode DCTDecode], as OCR tools write): kept.
    let wrapped = resaved(&pdf, |doc| {
        let image = first_image(doc);
        image.dict.set(
            "Filter",
            vec![
                lopdf::Object::Name(b"FlateDecode".to_vec()),
                lopdf::Object::Name(b"DCTDecode".to_vec()),
            ],
        );
        image.set_content(miniz_oxide::deflate::compress_to_vec_zlib(&jpeg, 6));
    });
    assert_eq!(code(&wrapped), Ok(1));
}

/// Issue #17: a JPEG page is embedded as it is, so it must decode completely first.
#[test]
fn jpeg_pages_that_do_not_decode_completely_are_refused() {
    let jpeg = marked_jpeg();
    let code = |bytes: &[u8]| {
        images_to_pdf(
            &[PageInput {
                bytes,
                quarter_turns: 0,
            }],
            &meta(),
        )
        .map(drop)
        .map_err(|e| e.code())
    };
    assert_eq!(code(&jpeg), Ok(()));
    let mut cut = jpeg[..jpeg.len() * 2 / 3].to_vec();
    cut.extend_from_slice(&[0xFF, 0xD9]);
    assert_eq!(code(&cut), Err("image.unreadable"));
    // Only headers, then the end marker.
    let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    let mut empty = jpeg[..sos + 14].to_vec();
    empty.extend_from_slice(&[0xFF, 0xD9]);
    assert_eq!(code(&empty), Err("image.unreadable"));
    // Bytes flipped all through the image data: a Huffman code no table has.
    let mut flipped = jpeg.clone();
    for b in &mut flipped[sos + 14..jpeg.len() - 2] {
        if *b != 0xFF && *b != 0x00 {
            *b = 0xFE;
        }
    }
    assert_eq!(code(&flipped), Err("image.unreadable"));
    // Found by fuzzing: a frame zune-jpeg panics on.
    let crash = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/hostile/zune-idct-panic-sampling-2x3.jpg"
    ))
    .unwrap();
    assert_eq!(code(&crash), Err("image.unreadable"));
}

/// The page editor's thumbnail of a dropped page: upright, small, and for any page Hane
/// takes (the photo's 60 MP limit no longer applies to scans).
#[test]
fn page_thumbnails_are_upright_and_refuse_what_pages_refuse() {
    use hane_pdf::scan::thumbnail_jpeg;
    let turned = with_orientation(&marked_jpeg(), 6); // stored 400×200, shown 200×400
    let thumb = image::load_from_memory(&thumbnail_jpeg(&turned, 160).unwrap()).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (80, 160));
    let jpeg = marked_jpeg();
    let mut cut = jpeg[..jpeg.len() / 2].to_vec();
    cut.extend_from_slice(&[0xFF, 0xD9]);
    assert_eq!(
        thumbnail_jpeg(&cut, 160).unwrap_err().code(),
        "image.unreadable"
    );
}
