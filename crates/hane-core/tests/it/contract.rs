//! The employment contract drafted from the case and the caregiver's pack (issue #35),
//! read back with poppler: every drafted value is the case's, both languages are there
//! (Cyrillic for Russian), every page carries the caregiver's signature line; a wage
//! changed after drafting is stale until the contract is drafted again.

use std::process::Command;

use chrono::NaiveDate;
use hane_core::storage::Database;
use hane_core::vault::DbKey;

use crate::common::{api, fixture, new_case};

fn open(dir: &std::path::Path) -> Database {
    Database::open(&dir.join("hane.db"), &DbKey::from_bytes([35; 32])).unwrap()
}

/// pdftotext's text of each page (split at form feeds), after qpdf --check passed.
fn pages(pdf: &[u8], dir: &std::path::Path) -> Vec<String> {
    let path = dir.join("read.pdf");
    std::fs::write(&path, pdf).unwrap();
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_drafted_contract_holds_the_applications_values_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let hane = api(
        dir.path(),
        open(dir.path()),
        NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
    );
    let mut doc = fixture();
    doc.kisisel.ad = "Maria Isabel".into();
    doc.kisisel.soyad = "Santos".into();
    doc.kisisel.uyruk = "Filipinler".into();
    doc.gorev.ucret = "28000 TL".into();
    let id = hane.create_case(new_case("A", "B")).unwrap().id;
    hane.save_case(id, &doc).unwrap();

    for (lang, own) in [("en", "The Employee's gross monthly wage is 28.000,00 TL (twenty-eight thousand Turkish lira)"), ("ru", "составляет 28.000,00 TL (двадцать восемь тысяч турецких лир)")] {
        let draft = hane.draft_contract(id, lang).unwrap();
        assert_eq!(draft.languages, vec!["tr", lang]);
        assert_eq!(draft.values.wage_kurus, 2_800_000);
        let text = pages(&draft.pdf, dir.path());
        assert_eq!(text.len() as u32, draft.pages);
        assert!(draft.pages >= 2, "{}", draft.pages);
        let all = text.join(" ");
        for needle in [
            "İŞ SÖZLEŞMESİ",
            "Çalışan: MARIA ISABEL SANTOS",
            "AYŞE YILMAZ",
            "10000000146",
            "751234567",
            "02.03.1985",
            "aylık brüt ücreti 28.000,00 TL (yirmi sekiz bin Türk lirası)",
            "12 ay",
            "08.12.2026 – 07.12.2027",
            "Türkçe metin esas alınır",
            own,
        ] {
            assert!(all.contains(needle), "{lang}: no {needle:?} in\n{all}");
        }
        assert!(!all.contains("MARİA"), "{all}");
        if lang == "ru" {
            assert!(all.contains("ТРУДОВОЙ ДОГОВОР") && all.contains("гражданство: Philippines"));
        } else {
            assert!(all.contains("EMPLOYMENT CONTRACT") && all.contains("nationality: Philippines"));
        }
        // The caregiver signs every page.
        for (n, page) in text.iter().enumerate() {
            assert!(page.contains("Çalışanın imzası"), "{lang} page {} has no signature line", n + 1);
        }
    }
    assert!(hane.contract_check(id).unwrap().stale.is_empty());

    // The wage changes after drafting: named as stale (and as a finding beside the field)
    // until the contract is drafted again. The clauses the user edited are kept.
    let mut clauses = std::collections::BTreeMap::new();
    clauses.insert(
        "yillik_izin".to_string(),
        hane_core::case::MaddeMetni {
            tr: "Çalışan yılda üç hafta ücretli izin kullanır.".into(),
            en: "The Employee takes three weeks of paid leave a year.".into(),
            ru: String::new(),
        },
    );
    hane.set_contract_clauses(id, clauses).unwrap();
    let mut changed = hane.case(id).unwrap().doc;
    changed.gorev.ucret = "30.000,50".into();
    let saved = hane.save_case(id, &changed).unwrap();
    assert!(saved
        .validation
        .findings
        .iter()
        .any(|f| f.rule == "contract.stale" && f.field == "gorev.ucret"));
    let check = hane.contract_check(id).unwrap();
    assert!(check.drafted);
    assert_eq!(check.stale.len(), 1, "{:?}", check.stale);
    assert_eq!(
        (
            check.stale[0].field,
            check.stale[0].drafted.as_str(),
            check.stale[0].now.as_str()
        ),
        ("gorev.ucret", "28.000,00 TL", "30.000,50 TL")
    );
    let again = hane.draft_contract(id, "en").unwrap();
    assert!(hane.contract_check(id).unwrap().stale.is_empty());
    let all = pages(&again.pdf, dir.path()).join(" ");
    assert!(
        all.contains("30.000,50 TL") && all.contains("fifty kuruş"),
        "{all}"
    );
    assert!(
        all.contains("üç hafta ücretli izin") && all.contains("three weeks of paid leave"),
        "{all}"
    );

    // The caregiver's pack, in Russian.
    let (pack, n) = hane.caregiver_pack(id, "ru").unwrap();
    let text = pages(&pack, dir.path()).join(" ");
    assert_eq!(n, 1);
    for needle in [
        "Страница паспорта с фотографией",
        "591 × 709",
        "32–36 мм",
        "вид на жительство",
    ] {
        assert!(text.contains(needle), "no {needle:?} in {text}");
    }
    assert!(hane.caregiver_pack(id, "de").is_err());
    assert!(hane.draft_contract(id, "de").is_err());
}

/// Nothing of this blocks, and a case missing a value the contract takes is told which.
#[test]
fn an_incomplete_case_is_told_what_the_contract_still_needs() {
    let dir = tempfile::tempdir().unwrap();
    let hane = api(
        dir.path(),
        open(dir.path()),
        NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
    );
    let id = hane
        .create_case(new_case("Ayşe Yılmaz", "Maria Santos"))
        .unwrap()
        .id;
    let err = hane.draft_contract(id, "en").unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("contract.incomplete", Some("profil.tc_kimlik_no"))
    );
    assert!(!hane.contract_check(id).unwrap().drafted);
}
