//! Exported bundles, verified with independent tools: qpdf, sha256sum, unzip.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use hane_core::api::documents::{attach, AttachFile};
use hane_core::api::export::{export, export_with};
use hane_core::bundle::{ExportOptions, Stage};
use hane_core::case::NewCase;
use hane_core::storage::Database;
use hane_core::vault::DbKey;
use image::ImageEncoder;
use uuid::Uuid;

use crate::common::fixture;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(300, 420, image::Rgb([240, 240, 240]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut out)
        .write_image(img.as_raw(), 300, 420, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn tool(dir: &Path, name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} is needed for this test (cargo xtask test installs it): {e}")
        })
}

/// A database with one complete case and every required document attached.
fn ready_case(dir: &Path) -> (Database, Uuid) {
    let mut db = Database::open(&dir.join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    let id = db
        .create_case(NewCase {
            employer_name: "Ayşe Yılmaz".into(),
            foreigner_name: "Irina Petrova".into(),
        })
        .unwrap()
        .id;
    db.save_case_doc(id, &fixture()).unwrap();
    let page = jpeg();
    let at = today().and_hms_opt(9, 0, 0).unwrap();
    for slot in ["is_sozlesmesi", "gelir_belgesi", "pasaport"] {
        let files = [
            AttachFile {
                name: "a.jpg",
                bytes: &page,
                quarter_turns: 0,
            },
            AttachFile {
                name: "b.jpg",
                bytes: &page,
                quarter_turns: 1,
            },
        ];
        attach(&mut db, id, slot, &files, at).unwrap();
    }
    let photo = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos/studio.jpg"),
    )
    .unwrap();
    // Approved through the API, as the window and the CLI do; then opened again.
    let api = crate::common::api(dir, db, today());
    api.import_photo(id, &photo).unwrap();
    api.approve_photo(id, false).unwrap();
    // The stored JPEG, measured again from its bytes: the head is 32–36 mm.
    let saved = api.view_bytes(id, "photo").unwrap();
    let mm = hane_core::api::photo::saved_head_mm(&saved).expect("head found in the saved photo");
    assert!((32.0..=36.0).contains(&mm), "{mm}");
    drop(api);
    let db = Database::open(&dir.join("hane.db"), &DbKey::from_bytes([3; 32])).unwrap();
    (db, id)
}

fn opts(draft: bool) -> ExportOptions {
    ExportOptions {
        draft,
        today: today(),
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_complete_case_exports_a_verified_bundle() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut db, id) = ready_case(data.path());
    let r = hane_core::api::export::readiness(&db, id, today()).unwrap();
    assert!(r.ready, "{r:#?}");
    let report = export(&mut db, id, out.path(), &opts(false)).unwrap();
    assert_eq!(
        report.folder,
        out.path().join("Hane-Basvuru-Irina-Petrova-2026-11-24")
    );
    assert_eq!(
        listing(&report.folder),
        [
            "01-Biyometrik-Fotograf.jpg",
            "02-Is-Sozlesmesi.pdf",
            "03-Gelir-Durumunu-Gosterir-Belge.pdf",
            "04-Pasaportun-Kisi-Bilgilerini-Iceren-Sayfasi.pdf",
            "05-Basvuru-Dilekcesi.pdf",
            "06-Basvuru-Ozeti.pdf",
            "manifest.json"
        ]
    );
    // Every PDF passes qpdf.
    for f in listing(&report.folder)
        .iter()
        .filter(|f| f.ends_with(".pdf"))
    {
        let check = tool(&report.folder, "qpdf", &["--check", f]);
        assert!(
            check.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    // The manifest's hashes verify with sha256sum -c.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.folder.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["caseId"], id.to_string());
    assert_eq!(manifest["draft"], false);
    assert!(manifest["ruleSet"]
        .as_str()
        .unwrap()
        .starts_with("hane-rules-"));
    let sums: String = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}  {}\n",
                f["sha256"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            )
        })
        .collect();
    std::fs::write(out.path().join("SHA256SUMS"), sums).unwrap();
    let verify = tool(&report.folder, "sha256sum", &["-c", "../SHA256SUMS"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    assert_eq!(manifest["files"][1]["pages"], 2);
    assert_eq!(manifest["files"][1]["title"], "İş Sözleşmesi");
    // The photo: a JPEG of at most 2 MB at the spec's 50:60 aspect, named in the manifest.
    assert_eq!(manifest["photo"], "01-Biyometrik-Fotograf.jpg");
    let photo_bytes = std::fs::read(report.folder.join("01-Biyometrik-Fotograf.jpg")).unwrap();
    assert!(photo_bytes.len() <= 2_000_000 && photo_bytes.starts_with(&[0xFF, 0xD8]));
    let photo = image::load_from_memory(&photo_bytes).unwrap();
    assert!((photo.width() as f32 / photo.height() as f32 - 50.0 / 60.0).abs() < 0.01);
    // The zip tests clean and holds exactly the folder, under relative paths.
    let t = tool(out.path(), "unzip", &["-t", report.zip.to_str().unwrap()]);
    assert!(t.status.success(), "{}", String::from_utf8_lossy(&t.stdout));
    let names = tool(out.path(), "unzip", &["-Z1", report.zip.to_str().unwrap()]);
    for name in String::from_utf8_lossy(&names.stdout).lines() {
        assert!(
            name.starts_with("Hane-Basvuru-Irina-Petrova-2026-11-24/")
                && !name.contains("..")
                && !name.starts_with('/'),
            "{name}"
        );
    }
    let x = tempfile::tempdir().unwrap();
    assert!(
        tool(x.path(), "unzip", &["-q", report.zip.to_str().unwrap()])
            .status
            .success()
    );
    for f in listing(&report.folder) {
        assert_eq!(
            std::fs::read(
                x.path()
                    .join("Hane-Basvuru-Irina-Petrova-2026-11-24")
                    .join(&f)
            )
            .unwrap(),
            std::fs::read(report.folder.join(&f)).unwrap(),
            "{f}"
        );
    }
    // Recorded in the case; no temporary folder left.
    assert_eq!(db.exports(id).unwrap().len(), 1);
    assert_eq!(
        listing(out.path()),
        [
            "Hane-Basvuru-Irina-Petrova-2026-11-24",
            "Hane-Basvuru-Irina-Petrova-2026-11-24.zip",
            "SHA256SUMS"
        ]
    );

    // Exporting again never overwrites; an unchanged case gives byte-identical files.
    let again = export(&mut db, id, out.path(), &opts(false)).unwrap();
    assert_eq!(
        again.folder,
        out.path().join("Hane-Basvuru-Irina-Petrova-2026-11-24-2")
    );
    for f in listing(&report.folder) {
        assert_eq!(
            std::fs::read(report.folder.join(&f)).unwrap(),
            std::fs::read(again.folder.join(&f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn blocking_problems_refuse_export_but_a_draft_is_stamped() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut db, id) = ready_case(data.path());
    db.delete_document(id, "gelir_belgesi").unwrap();
    let mut doc = fixture();
    doc.profil.tc_kimlik_no = "12345678951".into();
    db.save_case_doc(id, &doc).unwrap();
    let err = export(&mut db, id, out.path(), &opts(false)).unwrap_err();
    assert_eq!(err.code(), "export.blocked");
    assert!(
        matches!(err, hane_core::HaneError::ExportBlocked { count: 2 }),
        "{err:?}"
    );
    assert!(listing(out.path()).is_empty(), "nothing written");
    assert!(db.exports(id).unwrap().is_empty());

    let draft = export(&mut db, id, out.path(), &opts(true)).unwrap();
    assert!(draft
        .folder
        .ends_with("Hane-Basvuru-Irina-Petrova-2026-11-24-TASLAK"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(draft.folder.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["draft"], true);
    let pet = draft.folder.join("04-Basvuru-Dilekcesi.pdf");
    let raw = tool(
        out.path(),
        "pdftotext",
        &["-raw", pet.to_str().unwrap(), "-"],
    );
    let text: String = String::from_utf8_lossy(&raw.stdout)
        .split_whitespace()
        .collect();
    assert!(text.contains("TASLAK/DRAFT"));
}

#[cfg(unix)]
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// Unix only: Windows has no read-only folder mode (its read-only attribute does not stop
// files being created inside), so there is no portable way to make such a target here.
#[cfg(unix)]
#[test]
fn a_read_only_target_leaves_nothing_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let (mut db, id) = ready_case(data.path());
    let holder = tempfile::tempdir().unwrap();
    // Root ignores directory permissions, so as root use a read-only system folder.
    let target: std::path::PathBuf = if running_as_root() {
        std::path::PathBuf::from("/sys")
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(holder.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        holder.path().to_path_buf()
    };
    let before = listing(&target);
    let err = export(&mut db, id, &target, &opts(false)).unwrap_err();
    assert_eq!(err.code(), "export.permission_denied");
    assert_eq!(listing(&target), before);
    assert!(db.exports(id).unwrap().is_empty());
}

#[test]
fn a_target_that_vanishes_mid_export_leaves_nothing() {
    let data = tempfile::tempdir().unwrap();
    let (mut db, id) = ready_case(data.path());
    let parent = tempfile::tempdir().unwrap();
    let target = parent.path().join("usb-stick");
    std::fs::create_dir(&target).unwrap();
    let err = export_with(&mut db, id, &target, &opts(false), &mut |stage| {
        if stage == Stage::BeforeCommit {
            std::fs::remove_dir_all(&target).unwrap(); // the stick is pulled out
        }
    })
    .unwrap_err();
    assert_eq!(err.code(), "export.target_unavailable");
    assert!(
        listing(parent.path()).is_empty(),
        "{:?}",
        listing(parent.path())
    );
    assert!(db.exports(id).unwrap().is_empty(), "nothing recorded");
    // A target that is not there at all.
    assert_eq!(
        export(&mut db, id, &target, &opts(false))
            .unwrap_err()
            .code(),
        "export.target_unavailable"
    );
}

/// A name Windows, macOS and Linux all accept: no characters Windows reserves, no control
/// characters, no reserved device name (CON, NUL, COM1, … with any extension), no trailing
/// dot or space, at most 255 bytes. ASCII-only, too, so a zip tool that ignores the UTF-8
/// flag cannot garble it.
fn portable_name(name: &str) -> Result<(), String> {
    const DEVICES: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if name.is_empty() || name.len() > 255 {
        return Err("empty or too long".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !c.is_ascii() || c.is_control() || "<>:\"/\\|?*".contains(*c))
    {
        return Err(format!("character {c:?}"));
    }
    if name.ends_with('.') || name.ends_with(' ') || name.starts_with(' ') {
        return Err("leading/trailing dot or space".into());
    }
    if DEVICES.contains(&stem.as_str()) {
        return Err("reserved device name".into());
    }
    Ok(())
}

#[test]
fn exported_names_are_valid_on_windows_macos_and_linux() {
    assert!(portable_name("aux.pdf").is_err() && portable_name("a:b").is_err());
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (mut db, id) = ready_case(data.path());
    // The one name the user types: an extra document's title. Make it hostile.
    let mut doc = fixture();
    for (i, title) in [
        "CON",
        "Rapor: <annem> | \"son\" hâli?*.",
        "nul.txt",
        "İ̇ş/../..\\x",
    ]
    .iter()
    .enumerate()
    {
        doc.ek_belgeler.push(hane_core::case::EkBelge {
            id: format!("e{i}"),
            baslik: title.to_string(),
        });
    }
    db.save_case_doc(id, &doc).unwrap();
    let page = jpeg();
    for i in 0..4 {
        let file = AttachFile {
            name: "x.jpg",
            bytes: &page,
            quarter_turns: 0,
        };
        attach(
            &mut db,
            id,
            &format!("ek:e{i}"),
            &[file],
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
    }
    let report = export(&mut db, id, out.path(), &opts(false)).unwrap();
    let folder_name = report.folder.file_name().unwrap().to_str().unwrap();
    let mut names = vec![folder_name.to_string()];
    names.push(report.zip.file_name().unwrap().to_str().unwrap().into());
    names.extend(listing(&report.folder));
    let zip = zip::ZipArchive::new(std::fs::File::open(&report.zip).unwrap()).unwrap();
    for entry in zip.file_names() {
        let mut parts = entry.split('/');
        assert_eq!(parts.next(), Some(folder_name), "{entry}");
        names.extend(parts.map(str::to_string));
    }
    assert!(names.len() > 2 * 10, "{names:?}");
    for name in &names {
        portable_name(name).unwrap_or_else(|why| panic!("{name:?}: {why}"));
    }
}
