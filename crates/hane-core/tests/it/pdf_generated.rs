//! The petition and the summary sheet, read back by poppler and checked by qpdf.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use hane_core::checklist::{checklist, DocumentInfo, DEFAULT_UPLOAD_LIMIT_BYTES};
use hane_core::paperwork::documents_pdf::{petition, summary, Attachment, GenerateOptions};
use hane_core::rules::validate;

use crate::common::fixture;

fn opts(draft: bool) -> GenerateOptions {
    GenerateOptions {
        date: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
        draft,
    }
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (cargo xtask test installs it): {e}")
    })
}

/// Writes the PDF, checks it with qpdf and pdfinfo, and returns pdftotext's text.
fn read_back(pdf: &[u8], dir: &Path, name: &str) -> (String, String) {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let check = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "qpdf --check {name}: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.status.success() && info.stderr.is_empty(),
        "pdfinfo {name}: {}",
        String::from_utf8_lossy(&info.stderr)
    );
    let text = tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(
        text.status.success() && text.stderr.is_empty(),
        "pdftotext {name}: {}",
        String::from_utf8_lossy(&text.stderr)
    );
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    (
        String::from_utf8(text.stdout).unwrap(),
        String::from_utf8_lossy(&info.stdout).to_string() + &fonts,
    )
}

fn attached() -> Vec<DocumentInfo> {
    vec![DocumentInfo {
        id: 1,
        slot: "is_sozlesmesi".into(),
        pages: 2,
        bytes: 1000,
        source: "images".into(),
    }]
}

/// What the bundle would carry for `attached()`: the contract as file 02.
fn bundle_list() -> Vec<Attachment> {
    vec![Attachment {
        file: "02-Is-Sozlesmesi.pdf".into(),
        title: "İş Sözleşmesi".into(),
        pages: 2,
    }]
}

#[test]
fn petition_text_is_real_turkish_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = fixture();
    // Every Turkish letter, upper and lower, in names.
    doc.profil.ad = "Çiğdem İlknur".into();
    doc.profil.soyad = "Işıkoğlu".into();
    doc.kisisel.ad = "Şule".into();
    doc.kisisel.soyad = "Güneş Ötüken".into();
    let list = bundle_list();
    let pdf = petition(&doc, &list, &opts(false)).unwrap();
    let (text, info) = read_back(&pdf, dir.path(), "petition.pdf");
    std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/petition-sample.pdf"),
        &pdf,
    )
    .unwrap();
    for needle in [
        "ÇALIŞMA VE SOSYAL GÜVENLİK BAKANLIĞI",
        "Uluslararası İşgücü Genel Müdürlüğüne",
        "İŞVEREN",
        "ÇİĞDEM İLKNUR IŞIKOĞLU",
        "ŞULE GÜNEŞ ÖTÜKEN",
        "çalışma izni",
        "10000000146",
        "99123456740",
        "İş Sözleşmesi (2 sayfa) — 02-Is-Sozlesmesi.pdf",
        "24.11.2026",
        "12 ay",
    ] {
        assert!(text.contains(needle), "pdftotext lacks {needle:?}:\n{text}");
    }
    assert!(text.contains('ı') && text.contains('İ') && text.contains('ğ') && text.contains('ş'));
    assert!(
        info.contains("Title:           Başvuru Dilekçesi"),
        "{info}"
    );
    assert!(info.contains("Producer:        Hane"), "{info}");
    // Written as PDF/A-2b: krilla validates while writing; poppler reads the claim back
    // from the XMP metadata stream.
    let dir_path = dir.path().join("petition.pdf");
    let meta = tool("pdfinfo", &["-meta", dir_path.to_str().unwrap()]);
    let xmp = String::from_utf8_lossy(&meta.stdout);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(info.contains("CreationDate:"), "{info}");
    // Embedded and subset (pdffonts: "emb sub" both yes; subset names carry a prefix).
    assert!(info.contains("DejaVuSans"), "{info}");
    for line in info.lines().filter(|l| l.contains("DejaVuSans")) {
        assert!(line.contains("+DejaVuSans"), "font not subset: {line}");
        assert!(
            line.matches(" yes ").count() >= 2,
            "font not embedded+subset: {line}"
        );
    }
    // Deterministic.
    assert_eq!(pdf, petition(&doc, &list, &opts(false)).unwrap());
}

#[test]
fn summary_lists_every_screen_findings_documents_and_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = fixture();
    doc.genel.pasaport_bitis = Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()); // a blocking finding
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let v = validate(&doc, today);
    assert!(v.blocking() > 0);
    let list = checklist(&doc, &attached(), DEFAULT_UPLOAD_LIMIT_BYTES);
    let events = [hane_core::tracking::Event {
        id: 1,
        date: NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
        recorded_at: chrono::Utc::now(),
        kind: hane_core::tracking::EventKind::EksikEvrakIstendi {
            istenen: String::new(),
        },
    }];
    let dl = hane_core::deadlines::deadlines(&doc, &events, today);
    let pdf = summary(&doc, &v, &list, &bundle_list(), &dl, &opts(true)).unwrap();
    let (text, info) = read_back(&pdf, dir.path(), "summary.pdf");
    // The diagonal stamp comes out of pdftotext (letter by letter) with -raw.
    let raw = tool(
        "pdftotext",
        &[
            "-raw",
            dir.path().join("summary.pdf").to_str().unwrap(),
            "-",
        ],
    );
    let raw: String = String::from_utf8_lossy(&raw.stdout)
        .split_whitespace()
        .collect();
    assert!(raw.contains("TASLAK/DRAFT"), "no draft stamp");
    std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/summary-sample.pdf"),
        &pdf,
    )
    .unwrap();
    for needle in [
        "Başvuru Özeti",
        "Profil",
        "İşyeri kaydı",
        "Başvuru türü",
        "Kişisel bilgiler",
        "Genel bilgiler",
        "Görev bilgileri",
        "Yaşlı bakımı",
        "01.01.2027",
        "Düzeltilecekler",
        "Düzeltilmesi gerekiyor",
        // The field by its label, the source by its name (issue #20).
        "Pasaportun son geçerlilik tarihi:",
        "Bakanlık kılavuzu (Ev Hizmetleri), B.4.2",
        "Paketteki belgeler",
        "İş Sözleşmesi — 2 sayfa — 02-Is-Sozlesmesi.pdf",
        "Eksik belgeler",
        "Gelir Durumunu Gösterir Belge — eksik",
        "Eksik evrak yükleme",
        "29.11.2026",
    ] {
        assert!(text.contains(needle), "pdftotext lacks {needle:?}:\n{text}");
    }
    for needle in ["passport.sixty_days", "genel.pasaport_bitis"] {
        assert!(
            !text.contains(needle),
            "an internal name in the PDF: {needle}"
        );
    }
    assert_eq!(hane_core::sources::leaks_a_seed_code(&text), None);
    assert!(info.contains("Pages:"), "{info}");
}

/// A foreigner's name keeps the Latin letters of her passport (MARIA, not MARİA), a
/// Turkish citizen's is upper-cased by Turkish rules; the wage is printed as Hane formats
/// every amount, not as typed.
#[test]
fn names_are_upper_cased_by_their_own_alphabet_and_the_wage_is_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = fixture();
    doc.kisisel.ad = "Maria Isabel".into();
    doc.kisisel.soyad = "Santos Reyes".into();
    doc.profil.ad = "İlknur".into();
    doc.profil.soyad = "Çiftçi".into();
    doc.gorev.bakilan_ad = "Fatma".into();
    doc.gorev.bakilan_soyad = "Işık".into();
    doc.gorev.ucret = "28000".into();
    let pdf = petition(&doc, &bundle_list(), &opts(false)).unwrap();
    let (text, _) = read_back(&pdf, dir.path(), "petition.pdf");
    assert!(text.contains("MARIA ISABEL SANTOS REYES"), "{text}");
    assert!(
        !text.contains("MARİA") && !text.contains("İSABEL"),
        "{text}"
    );
    assert!(text.contains("İLKNUR ÇİFTÇİ"), "{text}");
    assert!(text.contains("FATMA IŞIK"), "{text}");
    assert!(text.contains("28.000,00 TL"), "{text}");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let list = checklist(&doc, &attached(), DEFAULT_UPLOAD_LIMIT_BYTES);
    let pdf = summary(
        &doc,
        &validate(&doc, today),
        &list,
        &bundle_list(),
        &[],
        &opts(false),
    )
    .unwrap();
    let (text, _) = read_back(&pdf, dir.path(), "summary.pdf");
    assert!(text.contains("MARIA ISABEL SANTOS REYES"), "{text}");
    assert!(text.contains("28.000,00 TL"), "{text}");
}

/// The text of each page (pdftotext -layout, pages split at form feeds), without the
/// footer line and blank lines.
fn pages_of(pdf: &[u8], dir: &Path, name: &str, footer: &str) -> Vec<Vec<String>> {
    let (text, _) = read_back(pdf, dir, name);
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with(footer))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|lines| !lines.is_empty())
        .collect()
}

/// Issue #34: with 1 to 12 attachments (short and long titles), no page of the petition
/// holds only its signature block (the closing stays with the text above it), and no
/// page of the petition or the summary ends on a section heading.
#[test]
fn no_page_holds_only_a_signature_or_ends_on_a_heading() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let signer = "İşveren — e-İmza ile imzalanacaktır";
    let employer = format!(
        "{} {}",
        hane_core::rules::identity::turkish_upper(&doc.profil.ad),
        hane_core::rules::identity::turkish_upper(&doc.profil.soyad)
    );
    let mut headings: Vec<String> = ["İŞVEREN", "YABANCI ÇALIŞAN", "TALEP", "EKLER"]
        .map(String::from)
        .to_vec();
    headings.extend(
        hane_core::paperwork::labels::SCREENS
            .iter()
            .map(|(h, _)| h.to_string()),
    );
    headings.extend(
        [
            "Düzeltilecekler",
            "Paketteki belgeler",
            "Eksik belgeler",
            "Süreler",
        ]
        .map(String::from),
    );
    let mut multi_page = 0;
    for long in [false, true] {
        for n in 1..=12 {
            let list: Vec<Attachment> = (0..n)
                .map(|i| Attachment {
                    file: format!("{:02}-Ek-Belge-{i}.pdf", i + 2),
                    title: if long {
                        format!("Vasinin Başvuruya İlişkin Onayını Gösteren Belge ve noter onaylı tercümesi, ek {i}")
                    } else {
                        format!("Ek belge {i}")
                    },
                    pages: 1 + i as u32,
                })
                .collect();
            let pdf = petition(&doc, &list, &opts(false)).unwrap();
            let pages = pages_of(&pdf, dir.path(), "p.pdf", "Başvuru Dilekçesi — Hane");
            multi_page += usize::from(pages.len() > 1);
            for (i, page) in pages.iter().enumerate() {
                let own: Vec<&String> = page
                    .iter()
                    .filter(|l| **l != employer && **l != signer)
                    .collect();
                assert!(
                    !own.is_empty(),
                    "petition, {n} attachments (long {long}): page {} holds only the signature: {page:?}",
                    i + 1
                );
                if page.iter().any(|l| l == signer) {
                    assert!(
                        page.iter().any(|l| l == &employer),
                        "the signature's lines split over pages ({n}, long {long}): {pages:?}"
                    );
                }
                if i + 1 < pages.len() {
                    let last = page.last().unwrap();
                    assert!(
                        !headings.contains(last),
                        "petition, {n} attachments (long {long}): page {} ends on the heading {last:?}",
                        i + 1
                    );
                }
            }
            let items = checklist(&doc, &attached(), DEFAULT_UPLOAD_LIMIT_BYTES);
            let pdf = summary(
                &doc,
                &validate(&doc, today),
                &items,
                &list,
                &[],
                &opts(false),
            )
            .unwrap();
            let pages = pages_of(&pdf, dir.path(), "s.pdf", "Başvuru Özeti — 24.11.2026");
            for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
                let last = page.last().unwrap();
                assert!(
                    !headings.contains(last),
                    "summary, {n} attachments (long {long}): page {} ends on the heading {last:?}",
                    i + 1
                );
            }
        }
    }
    assert!(
        multi_page >= 6,
        "the petition ran over a page only {multi_page} times"
    );
}
