//! Peak memory for the largest input of each kind Hane accepts (issue #17: target < 600 MB).
//!
//! Each measurement runs in a child process of its own (`hane-bench peak KIND FILE…`), which
//! reads the file(s) the way the app does, runs the whole path, and reports its peak
//! resident memory (Linux's VmHWM), so one measurement's allocations never count in the
//! next. The inputs are made here: synthetic pictures, no personal data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const BACKUP_PASS: &str = "bellek ölçümü için yedek";

/// The target from issue #17.
const TARGET_MB: f64 = 600.0;

/// Peak resident memory of this process in MB, from /proc (Linux only).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn read(path: &str) -> Vec<u8> {
    let max = hane_core::pdf::scan::MAX_FILE_BYTES as u64;
    hane_core::paths::read_user_file(Path::new(path), max).expect("an accepted input")
}

/// The child: one path of the app on the given file(s), then the peak.
pub fn child(kind: &str, files: &[String]) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
    let created = today.and_hms_opt(12, 0, 0).expect("noon");
    let outcome = match kind {
        // Photo import: decode, detect, check, encode the crop.
        "photo" => {
            let bytes = read(&files[0]);
            match hane_core::photo::load(&bytes) {
                Ok(src) => {
                    let analysis = hane_core::photo::analyze(&src, None, today);
                    if let Some(crop) = analysis.crop {
                        hane_core::photo::encode(&src, &crop, analysis.output_height.max(1))
                            .expect("encode");
                    }
                    "accepted".to_string()
                }
                Err(e) => e.code().to_string(),
            }
        }
        // Attach: images → one PDF (as given, or recompressed to fit 5 MB), or a PDF checked.
        "attach" | "attach-fit" => {
            let bytes: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
            let attach: Vec<_> = files
                .iter()
                .zip(&bytes)
                .map(|(name, bytes)| hane_core::api::documents::AttachFile {
                    name,
                    bytes,
                    quarter_turns: 0,
                })
                .collect();
            let fit = (kind == "attach-fit").then_some(5_000_000);
            match hane_core::api::documents::build("Belge", &attach, created, fit) {
                Ok(built) => format!("accepted, {:.1} MB PDF", built.pdf.len() as f64 / 1e6),
                Err(e) => e.code().to_string(),
            }
        }
        // A photographed page found, straightened and cleaned (#22).
        "page" => match hane_core::page::straighten(&read(&files[0]), None, true) {
            Ok((_, page)) => format!("accepted, {}×{} page", page.width, page.height),
            Err(e) => e.code().to_string(),
        },
        // Restore: read, decrypt and parse a backup file.
        "restore" => match hane_core::backup::read_backup(Path::new(&files[0]), BACKUP_PASS) {
            Ok(contents) => format!(
                "accepted, {} documents",
                contents
                    .documents
                    .iter()
                    .map(|(_, d)| d.len())
                    .sum::<usize>()
            ),
            Err(e) => e.code().to_string(),
        },
        _ => panic!("unknown kind {kind}"),
    };
    match peak_mb() {
        Some(mb) => println!("{mb:.0} {outcome}"),
        None => println!("n/a {outcome}"),
    }
}

/// A smooth `w`×`h` picture (compresses well, so the file stays under 50 MB however many
/// pixels it has) with some texture.
fn pixel(x: u32, y: u32) -> [u8; 3] {
    let v = ((x / 3 + y / 5) % 251) as u8;
    [v, v.wrapping_mul(3), 255 - v]
}

fn jpeg(path: &Path, w: u32, h: u32) {
    let mut raw = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h {
        for x in 0..w {
            raw.extend_from_slice(&pixel(x, y));
        }
    }
    let mut out = Vec::new();
    use image::ImageEncoder;
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(&raw, w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    std::fs::write(path, out).expect("write");
}

/// A 16-bit RGBA PNG, written row by row; with `iccp_inflated`, an iCCP chunk that inflates
/// to that many bytes of zeros comes first (a decompression bomb in the colour profile).
fn png16(path: &Path, w: u32, h: u32, iccp_inflated: Option<usize>) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Sixteen);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header().expect("header");
    if let Some(size) = iccp_inflated {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..size / zeros.len() {
            z.write_all(&zeros).expect("deflate");
        }
        let mut data = b"bomb\0\0".to_vec();
        data.extend(z.finish().expect("deflate"));
        writer.write_chunk(png::chunk::iCCP, &data).expect("iCCP");
    }
    let mut stream = writer.stream_writer().expect("stream");
    let mut row = Vec::with_capacity(w as usize * 8);
    for y in 0..h {
        row.clear();
        for x in 0..w {
            let [r, g, b] = pixel(x, y);
            for c in [r, g, b, 255] {
                row.extend_from_slice(&[c, c]);
            }
        }
        stream.write_all(&row).expect("row");
    }
    stream.finish().expect("finish");
}

fn run_child(kind: &str, files: &[&Path]) -> String {
    let out = Command::new(std::env::current_exe().expect("self"))
        .arg("peak")
        .arg(kind)
        .args(files)
        .output()
        .expect("child");
    if !out.status.success() {
        return format!("FAILED: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Makes the inputs and measures each in its own process.
pub fn run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |name: &str| -> PathBuf { dir.path().join(name) };
    println!("peak memory (VmHWM of a child process; target < {TARGET_MB} MB):");

    // Photos: 60 MP is the photo limit (photo::MAX_PIXELS).
    jpeg(&p("photo-60mp.jpg"), 7745, 7745);
    png16(&p("photo-60mp-16bit.png"), 7745, 7745, None);
    // Scans: 100 MP is the page limit (pdf::scan::MAX_PIXELS).
    jpeg(&p("scan-100mp.jpg"), 10_000, 10_000);
    png16(&p("scan-100mp-16bit.png"), 10_000, 10_000, None);
    // A small PNG whose colour profile inflates to 1 GiB.
    png16(&p("iccp-bomb.png"), 64, 64, Some(1 << 30));
    // Twenty 12 MP scans, and a PDF of 33 such pages: 49.7 MB, near the 50 MB file limit.
    let pages: Vec<PathBuf> = (0..33).map(|i| p(&format!("page-{i:02}.jpg"))).collect();
    jpeg(&pages[0], 4000, 3000);
    for page in &pages[1..] {
        std::fs::copy(&pages[0], page).expect("copy");
    }
    let pdf_bytes = {
        let bytes = super::read_all(&pages);
        let inputs = super::page_inputs(&bytes);
        let meta = hane_core::pdf::scan::PdfMeta {
            title: "Tarama",
            created: chrono::NaiveDateTime::default(),
        };
        hane_core::pdf::scan::images_to_pdf(&inputs, &meta).expect("pdf")
    };
    std::fs::write(p("scans-33-pages.pdf"), &pdf_bytes).expect("write");
    let pages = pages[..20].to_vec();
    std::fs::write(p("page-photo-12mp.jpg"), super::page_photo_12mp()).expect("write");

    // The largest backup Hane writes (256 MiB): one case whose four documents are that
    // 49.7 MB PDF (199 MB of scans, ten times the upload limit each).
    let backup = p("yedek.hanebackup");
    {
        let key = hane_core::vault::DbKey::from_bytes([7; 32]);
        let mut db = hane_core::storage::Database::open(&p("hane.db"), &key).expect("open");
        let pdf_doc = hane_core::api::documents::Built {
            pdf: std::fs::read(p("scans-33-pages.pdf")).expect("pdf"),
            pages: 33,
            source: "pdf",
            recompressed: None,
        };
        let id = db
            .create_case(hane_core::case::NewCase {
                employer_name: "İşveren".into(),
                foreigner_name: "Yabancı".into(),
            })
            .expect("case")
            .id;
        for slot in ["is_sozlesmesi", "gelir_belgesi", "pasaport", "ek:1"] {
            hane_core::api::documents::store(&mut db, id, slot, &pdf_doc).expect("store");
        }
        hane_core::api::backup::create_backup(&db, &backup, BACKUP_PASS, None).expect("backup");
    }

    let size = |f: &Path| {
        std::fs::metadata(f)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(0.0)
    };
    let cases: Vec<(&str, &str, Vec<PathBuf>)> = vec![
        ("photo", "photo: 60 MP JPEG", vec![p("photo-60mp.jpg")]),
        (
            "photo",
            "photo: 60 MP 16-bit RGBA PNG",
            vec![p("photo-60mp-16bit.png")],
        ),
        (
            "photo",
            "photo: PNG with a 1 GiB colour profile",
            vec![p("iccp-bomb.png")],
        ),
        (
            "attach",
            "attach: 100 MP JPEG scan",
            vec![p("scan-100mp.jpg")],
        ),
        (
            "attach",
            "attach: 100 MP 16-bit RGBA PNG scan",
            vec![p("scan-100mp-16bit.png")],
        ),
        (
            "attach",
            "attach: PNG with a 1 GiB colour profile",
            vec![p("iccp-bomb.png")],
        ),
        (
            "attach",
            "attach: a PDF of 33 scanned pages",
            vec![p("scans-33-pages.pdf")],
        ),
        (
            "attach-fit",
            "attach: 20 × 12 MP pages fitted to 5 MB",
            pages.clone(),
        ),
        (
            "attach-fit",
            "attach: 100 MP JPEG scan fitted to 5 MB",
            vec![p("scan-100mp.jpg")],
        ),
        (
            "page",
            "page: 12 MP photo straightened and cleaned",
            vec![p("page-photo-12mp.jpg")],
        ),
        (
            "page",
            "page: 60 MP JPEG straightened and cleaned",
            vec![p("photo-60mp.jpg")],
        ),
        (
            "restore",
            "restore: a backup of 4 documents of 33 pages",
            vec![backup.clone()],
        ),
    ];
    for (kind, label, files) in cases {
        let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let total: f64 = refs.iter().map(|f| size(f)).sum();
        let result = run_child(kind, &refs);
        println!("  {label:<48} ({total:>5.1} MB in)  {result}");
    }
}
