//! Benchmarks of the core, run with `cargo xtask bench` (a release build).
//! Prints the median and 95th percentile of each measurement over repeated runs.
//!
//! Measured: opening the encrypted database (SQLCipher, raw key: the keyring path, key
//! lookup excluded), deriving the key from a passphrase (Argon2id, default cost), one
//! autosave (a case document written in its own transaction, WAL, synchronous=FULL),
//! validating a complete case (every rule; it runs on each keystroke batch), assembling
//! 20 JPEG scan pages of 12 MP into one PDF side by side with `img2pdf` and `cat` (and
//! recompressed to fit the 5 MB upload limit),
//! generating the petition and the summary, and exporting a case with 20 scanned pages;
//! then the peak memory of each kind of input at its largest (`memory.rs`).
//! `cargo xtask bench memory` runs only the memory part, `cargo xtask bench page` only the
//! photographed-page timings.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use hane_core::case::NewCase;
use hane_core::storage::Database;
use hane_core::vault::{derive_key, DbKey, KdfParams};

fn measure(name: &str, runs: usize, f: impl FnMut()) {
    measure_median(name, runs, f);
}

fn measure_median(name: &str, runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let p95 = times[(runs * 95 / 100).min(runs - 1)];
    println!("{name:<48} median {median:>12.3?}   p95 {p95:>12.3?}   ({runs} runs)");
    median
}

/// The passport page's MRZ read (#21), from the decoded page to the parsed fields: the
/// synthetic phone photo of the test fixtures (1.3 MP), and the same page enlarged to 12 MP
/// as a phone delivers it.
fn mrz() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/mrz/passport-photo-seed1.jpg"
    ))
    .expect("fixture");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    measure("mrz: read a passport page (file → fields)", 10, || {
        hane_core::mrz::read(&bytes, today).expect("mrz");
    });
    let (page, _) = image::load_from_memory(&bytes)
        .map(|i| (i.to_rgb8(), ()))
        .expect("decode");
    let big = image::imageops::resize(&page, 4000, 3000, image::imageops::FilterType::Triangle);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&big)
        .expect("jpeg");
    measure("mrz: read a 12 MP phone photo of the page", 10, || {
        hane_core::mrz::read(&jpeg, today).expect("mrz");
    });
}

/// The photographed sample contract (#22) enlarged to 12 MP (4000×3000), as a phone
/// delivers it: a JPEG.
pub(crate) fn page_photo_12mp() -> Vec<u8> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/pages/contract-photo-seed2.jpg"
    ))
    .expect("fixture");
    let photo = image::load_from_memory(&bytes).expect("decode").to_rgb8();
    let big = image::imageops::resize(&photo, 4000, 3000, image::imageops::FilterType::Triangle);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&big)
        .expect("jpeg");
    jpeg
}

/// A photographed page (#22) on a 12 MP phone photo: the page found (file → corners,
/// turn, deskew), and straightened with the scanner look (file → A4 JPEG).
fn page() {
    let jpeg = page_photo_12mp();
    measure("page: find on a 12 MP photo (file → corners)", 10, || {
        hane_core::page::find(&jpeg).expect("page");
    });
    measure(
        "page: straighten + clean, 12 MP (file → JPEG)",
        10,
        || {
            hane_core::page::straighten(&jpeg, None, true).expect("page");
        },
    );
}

/// A 12-megapixel (4000×3000) JPEG "scan", different per seed.
fn scan_jpeg(seed: u8) -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let v = ((x / 7 + y / 5) as u8).wrapping_add(seed.wrapping_mul(31));
        image::Rgb([v, v.wrapping_add(40), 255 - v])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(img.as_raw(), 4000, 3000, image::ExtendedColorType::Rgb8)
        .expect("encode");
    out
}

/// The photo pipeline on a portrait enlarged to `megapixels` (from the studio fixture):
/// decode, detect + check, encode — each measured separately.
fn photo(megapixels: u32) {
    use image::ImageEncoder;
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/photos/studio.jpg"
    ))
    .expect("fixture");
    let base = image::load_from_memory(&fixture).expect("decode").to_rgb8();
    let scale = ((megapixels as f64 * 1e6) / (base.width() as f64 * base.height() as f64)).sqrt();
    let (w, h) = (
        (base.width() as f64 * scale) as u32,
        (base.height() as f64 * scale) as u32,
    );
    let big = image::imageops::resize(&base, w, h, image::imageops::FilterType::Triangle);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(big.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let src = hane_core::photo::load(&jpeg).expect("load");
    let analysis = hane_core::photo::analyze(&src, None, today);
    let crop = analysis.crop.expect("a face");
    let d = measure_median(&format!("photo {megapixels} MP: decode"), 10, || {
        hane_core::photo::load(&jpeg).expect("load");
    });
    let a = measure_median(
        &format!("photo {megapixels} MP: detect + crop + checks"),
        10,
        || {
            hane_core::photo::analyze(&src, None, today);
        },
    );
    let e = measure_median(
        &format!("photo {megapixels} MP: encode ≤ 2 MB"),
        10,
        || {
            hane_core::photo::encode(&src, &crop, analysis.output_height).expect("encode");
        },
    );
    println!(
        "  photo {megapixels} MP total (medians summed): {:?}",
        d + a + e
    );
    // Parts of "detect + crop + checks", and the encode without the straightening turn.
    let (thumb, _) = hane_core::photo::detection_thumbnail(&src);
    measure(
        &format!("photo {megapixels} MP: of which eye landmarks (BlazeFace, 640 px)"),
        10,
        || {
            hane_core::photo::landmarks::detect(&thumb);
        },
    );
    let face = analysis.faces[0].landmarks.expect("eyes found");
    measure(
        &format!("photo {megapixels} MP: of which eyes open (iris model, both eyes)"),
        10,
        || {
            hane_core::photo::landmarks::eyes_openness(&src.image, &face).expect("eyelids");
        },
    );
    measure(
        &format!("photo {megapixels} MP: of which head measured (face mesh twice + person mask)"),
        10,
        || {
            hane_core::photo::measure::measure_face(&src.image, &face).expect("head measured");
        },
    );
    let crop = analysis.crop.expect("crop");
    let preview = hane_core::photo::render(&src, &crop, hane_core::photo::quality::PREVIEW_ROWS);
    measure(
        &format!("photo {megapixels} MP: of which the rendered crop measured again (checks)"),
        10,
        || {
            hane_core::photo::measure::measure(&preview).expect("head measured");
        },
    );
    let level = hane_core::photo::Crop {
        rotation: 0.0,
        ..crop
    };
    measure(
        &format!("photo {megapixels} MP: encode, crop not turned"),
        10,
        || {
            hane_core::photo::encode(&src, &level, analysis.output_height).expect("encode");
        },
    );
    // The same photo declaring Adobe RGB: the encode also converts the crop to sRGB.
    let profile = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/photos/icc/compatibleWithAdobeRGB1998.icc"
    ))
    .expect("profile");
    let wide = hane_core::photo::load(&with_icc_profile(&jpeg, &profile)).expect("load");
    assert!(wide.to_srgb.is_some(), "the profile was not read");
    measure(
        &format!("photo {megapixels} MP: encode, Adobe RGB profile converted to sRGB"),
        10,
        || {
            hane_core::photo::encode(&wide, &crop, analysis.output_height).expect("encode");
        },
    );
}

/// `jpeg` with an ICC profile in an APP2 segment right after its start marker (one
/// chunk: the profile must be under 64 KB).
fn with_icc_profile(jpeg: &[u8], profile: &[u8]) -> Vec<u8> {
    let mut segment = b"ICC_PROFILE\0\x01\x01".to_vec();
    segment.extend_from_slice(profile);
    let length = u16::try_from(segment.len() + 2).expect("profile under 64 KB");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE2]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn img2pdf_available() -> bool {
    Command::new("img2pdf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn scans(dir: &Path) {
    let pages: Vec<Vec<u8>> = (0..4).map(scan_jpeg).collect();
    let paths: Vec<String> = (0..20)
        .map(|i| {
            let p = dir.join(format!("scan-{i:02}.jpg"));
            std::fs::write(&p, &pages[i % 4]).expect("write scan");
            p.to_string_lossy().into_owned()
        })
        .collect();
    let total: usize = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0))
        .sum();
    println!(
        "(20 JPEG pages, 12 MP each, {:.1} MB in all)",
        total as f64 / 1e6
    );
    let out = dir.join("out.pdf");
    let meta = hane_core::pdf::scan::PdfMeta {
        title: "Tarama",
        created: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .expect("date")
            .and_hms_opt(0, 0, 0)
            .expect("time"),
    };
    let hane = measure_median("scans → PDF: Hane (read, build, write)", 15, || {
        let bytes = read_all(&paths);
        let inputs = page_inputs(&bytes);
        let pdf = hane_core::pdf::scan::images_to_pdf(&inputs, &meta).expect("pdf");
        std::fs::write(&out, pdf).expect("write pdf");
    });
    let cat = measure_median("scans → one file: cat (lower bound)", 15, || {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "cat {} > {}",
                paths.join(" "),
                dir.join("cat.bin").display()
            ))
            .status()
            .expect("cat");
        assert!(status.success());
    });
    println!(
        "  Hane / cat ratio: {:.2}",
        hane.as_secs_f64() / cat.as_secs_f64()
    );
    if img2pdf_available() {
        let img2pdf = measure_median("scans → PDF: img2pdf", 15, || {
            let status = Command::new("img2pdf")
                .args(&paths)
                .arg("-o")
                .arg(dir.join("img2pdf.pdf"))
                .status()
                .expect("img2pdf");
            assert!(status.success());
        });
        println!(
            "  Hane / img2pdf ratio: {:.2}",
            hane.as_secs_f64() / img2pdf.as_secs_f64()
        );
    } else {
        println!(
            "  img2pdf not installed: `pip install img2pdf` (cargo xtask bench does it) to compare"
        );
    }

    // The same 20 pages recompressed to fit the default 5 MB upload limit (the page
    // editor's "compress" button): decode, downscale, quality search, encode.
    let bytes = read_all(&paths);
    let inputs = page_inputs(&bytes);
    let limit = hane_core::settings::DEFAULT_UPLOAD_LIMIT_BYTES;
    let mut result = None;
    measure("scans → PDF recompressed to fit 5 MB", 5, || {
        result =
            Some(hane_core::pdf::scan::images_to_pdf_within(&inputs, &meta, limit).expect("pdf"));
    });
    if let Some((pdf, report)) = result {
        println!(
            "  {:.1} MB → {:.2} MB; {} pages re-encoded, lowest {} dpi, quality ≥ {}",
            total as f64 / 1e6,
            pdf.len() as f64 / 1e6,
            report.pages,
            report.dpi.unwrap_or(0),
            report.quality.unwrap_or(0)
        );
    }
}

mod memory;

/// The files' bytes, in order.
fn read_all(paths: &[impl AsRef<Path>]) -> Vec<Vec<u8>> {
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

/// Each file's bytes as a scan page, as picked (no quarter turns).
fn page_inputs(bytes: &[Vec<u8>]) -> Vec<hane_core::pdf::scan::PageInput<'_>> {
    bytes
        .iter()
        .map(|b| hane_core::pdf::scan::PageInput {
            bytes: b,
            quarter_turns: 0,
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        // A child of the memory benchmark (see memory.rs).
        Some("peak") => return memory::child(&args[1], &args[2..]),
        Some("memory") => return memory::run(),
        // Only the photographed-page timings (#22).
        Some("page") => return page(),
        _ => {}
    }
    timings();
    memory::run();
}

fn timings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hane.db");
    let key = DbKey::from_bytes([42; 32]);
    let mut db = Database::open(&path, &key).expect("open");
    let mut ids = Vec::new();
    for i in 0..100 {
        let input = NewCase {
            employer_name: format!("İşveren {i}"),
            foreigner_name: format!("Yabancı {i}"),
        };
        ids.push(db.create_case(input).expect("create").id);
    }
    let mut doc = db.get_case(ids[0]).expect("get").doc;
    let mut n = 0u64;
    measure("autosave (one case document, one transaction)", 500, || {
        n += 1;
        doc.profil.ad = format!("İşveren {n}");
        db.save_case_doc(ids[0], &doc).expect("save");
    });
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/case-in-country.json"
    ))
    .expect("fixture");
    let full: hane_core::case::CaseDoc = serde_json::from_str(&fixture).expect("fixture parses");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    measure("validate a complete case (every rule)", 5000, || {
        let v = hane_core::rules::validate(std::hint::black_box(&full), today);
        assert_eq!(v.blocking(), 0);
    });
    measure("list cases (100 cases)", 200, || {
        assert_eq!(db.list_cases().expect("list").len(), 100);
    });
    drop(db);
    measure("open encrypted database (100 cases)", 100, || {
        drop(Database::open(&path, &key).expect("open"));
    });

    // Documents the case produces.
    let gen = hane_core::paperwork::documents_pdf::GenerateOptions {
        date: today.and_hms_opt(12, 0, 0).expect("noon"),
        draft: false,
    };
    let items = hane_core::checklist::checklist(
        &full,
        &[],
        hane_core::settings::DEFAULT_UPLOAD_LIMIT_BYTES,
    );
    let validation = hane_core::rules::validate(&full, today);
    let attachments: Vec<hane_core::paperwork::documents_pdf::Attachment> = items
        .iter()
        .enumerate()
        .map(
            |(i, item)| hane_core::paperwork::documents_pdf::Attachment {
                file: format!("{:02}-{}.pdf", i + 2, item.key),
                title: item.title_tr.clone(),
                pages: 2,
            },
        )
        .collect();
    measure("petition PDF", 50, || {
        hane_core::paperwork::documents_pdf::petition(&full, &attachments, &gen).expect("petition");
    });
    measure("summary PDF", 50, || {
        hane_core::paperwork::documents_pdf::summary(
            &full,
            &validation,
            &items,
            &attachments,
            &[],
            &gen,
        )
        .expect("summary");
    });

    photo(12);
    photo(24);
    mrz();
    page();

    let scan_dir = tempfile::tempdir().expect("temp dir");
    scans(scan_dir.path());

    // Export of a complete case whose three documents hold 20 scanned pages in all.
    let mut db = Database::open(&path, &key).expect("open");
    let id = ids[1];
    db.save_case_doc(id, &full).expect("save");
    let pages: Vec<Vec<u8>> = (0..20)
        .map(|i| std::fs::read(scan_dir.path().join(format!("scan-{i:02}.jpg"))).expect("scan"))
        .collect();
    for (slot, range) in [
        ("is_sozlesmesi", 0..8),
        ("gelir_belgesi", 8..14),
        ("pasaport", 14..20),
    ] {
        let files: Vec<_> = pages[range]
            .iter()
            .map(|b| hane_core::api::documents::AttachFile {
                name: "scan.jpg",
                bytes: b,
                quarter_turns: 0,
            })
            .collect();
        hane_core::api::documents::attach(&mut db, id, slot, &files, gen.date).expect("attach");
    }
    // …and its approved biometric photo (readiness requires one).
    let portrait = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/photos/studio.jpg"
    ))
    .expect("fixture");
    // Through the API, as the window and the CLI do (its keyring is never asked: the
    // database is open already).
    let vault = hane_core::vault::Vault::new(
        path.parent().expect("folder"),
        Box::new(hane_core::vault::OsKeyring::with_service(
            "org.hane.bench-unused",
        )),
    );
    let hane = hane_core::api::Hane::with_database(vault, db).with_today(Some(today));
    hane.import_photo(id, &portrait).expect("photo");
    hane.approve_photo(id, false).expect("approve");
    let out = tempfile::tempdir().expect("temp dir");
    measure("export a case with 20 scanned pages", 10, || {
        let report = hane.export(id, out.path(), false).expect("export");
        std::fs::remove_dir_all(&report.folder).expect("clean");
        std::fs::remove_file(&report.zip).expect("clean");
    });
    measure("Argon2id key derivation (64 MiB, t=3, p=4)", 10, || {
        derive_key("İstanbul bahçesi 42", &[1; 16], KdfParams::default()).expect("kdf");
    });
}
