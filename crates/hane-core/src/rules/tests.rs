//! One test group per rule: pass, fail and the exact boundary day.

use chrono::NaiveDate;

use super::*;
use crate::case::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 24);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A complete, clean in-country first application.
pub(crate) fn complete() -> CaseDoc {
    CaseDoc {
        profil: Profil {
            tc_kimlik_no: "10000000146".into(),
            dogum_tarihi: Some(d(1960, 5, 1)),
            ad: "Ayşe".into(),
            soyad: "Yılmaz".into(),
            eposta: "ayse@example.com".into(),
            cep_telefonu: "0532 123 45 67".into(),
        },
        isyeri: Isyeri {
            il: "İstanbul".into(),
            ilce: "Kadıköy".into(),
            adres: "Moda Cad. 1/3".into(),
            amac: Some(BakimAmaci::YasliBakimi),
        },
        basvuru: Basvuru {
            yer: Some(BasvuruYeri::YurtIci),
            tur: Some(BasvuruTuru::Ilk),
            ..Default::default()
        },
        kisisel: Kisisel {
            yabanci_kimlik_no: "99123456740".into(),
            ad: "Irina".into(),
            soyad: "Petrova".into(),
            dogum_tarihi: Some(d(1985, 3, 2)),
            uyruk: "Rusya".into(),
            cinsiyet: Some(Cinsiyet::Kadin),
            ikamet_turu: Some(IkametTuru::KisaDonem),
            ikamet_bitis: Some(d(2027, 10, 1)),
            eposta: "irina@example.com".into(),
            telefon: "+7 912 345 67 89".into(),
            adres: "Moda Cad. 1/3 Kadıköy".into(),
            medeni_durum: Some(MedeniDurum::Bekar),
            ..Default::default()
        },
        genel: Genel {
            pasaport_no: "751234567".into(),
            pasaport_bitis: Some(d(2031, 1, 1)),
            diller: "Rusça, İngilizce".into(),
            egitim_durumu: Some(EgitimDurumu::Lise),
            ..Default::default()
        },
        gorev: Gorev {
            calisma_adresi: "Moda Cad. 1/3 Kadıköy İstanbul".into(),
            meslek: "Yaşlı bakıcısı".into(),
            bakilan_ad: "Fatma".into(),
            bakilan_soyad: "Yılmaz".into(),
            yakinlik: Some(Yakinlik::Anne),
            vasilik: Some(Vasilik::Yok),
            ucret: "30.000".into(),
            calisma_sekli: Some(CalismaSekli::TamZamanli),
            calisma_tipi: Some(CalismaTipi::Yatili),
            sure_ay: Some(12),
            gerekce: "Annem 84 yaşında, gündüz ve gece bakıma ihtiyacı var.".into(),
            ..Default::default()
        },
        portal_taslak_tarihi: None,
        ek_belgeler: Vec::new(),
        eimza_hazirlik: Vec::new(),
    }
}

fn findings(doc: &CaseDoc) -> Vec<Finding> {
    validate(doc, today()).findings
}

/// The rule ids raised for `field`.
fn rules_on(doc: &CaseDoc, field: &str) -> Vec<&'static str> {
    findings(doc)
        .into_iter()
        .filter(|f| f.field == field)
        .map(|f| f.rule)
        .collect()
}

fn has(doc: &CaseDoc, rule: &str, field: &str) -> bool {
    rules_on(doc, field).contains(&rule)
}

fn severity(doc: &CaseDoc, rule: &str) -> Option<Severity> {
    findings(doc)
        .into_iter()
        .find(|f| f.rule == rule)
        .map(|f| f.severity)
}

#[test]
fn the_complete_fixture_is_clean() {
    let v = validate(&complete(), today());
    assert!(v.findings.is_empty(), "{:#?}", v.findings);
    assert_eq!(v.blocking(), 0);
}

#[test]
fn an_empty_case_lists_required_fields_on_every_screen() {
    let v = validate(&CaseDoc::default(), today());
    for screen in [
        Screen::Profil,
        Screen::Isyeri,
        Screen::Basvuru,
        Screen::Kisisel,
        Screen::Genel,
        Screen::Gorev,
    ] {
        assert!(
            v.findings
                .iter()
                .any(|f| f.screen == screen && f.rule == "required"),
            "{screen:?}"
        );
    }
    assert!(v
        .findings
        .iter()
        .all(|f| !f.message.tr.is_empty() && !f.message.en.is_empty()));
}

#[test]
fn every_finding_rule_is_in_the_catalog() {
    let mut docs = vec![CaseDoc::default(), complete()];
    let mut bad = complete();
    bad.profil.tc_kimlik_no = "12345678951".into();
    bad.kisisel.medeni_durum = Some(MedeniDurum::Evli);
    bad.kisisel.es_tc_vatandasi = true;
    bad.genel.pasaport_bitis = Some(d(2027, 1, 1));
    bad.portal_taslak_tarihi = Some(d(2026, 10, 1));
    docs.push(bad);
    for doc in &docs {
        for f in findings(doc) {
            assert!(
                catalog::rule(f.rule).is_some(),
                "{} missing from catalog",
                f.rule
            );
        }
    }
    for r in catalog::RULES {
        assert!(!r.quote.is_empty() && !r.source.is_empty());
    }
}

#[test]
fn tckn_rule() {
    let mut doc = complete();
    doc.profil.tc_kimlik_no = "12345678951".into();
    assert!(has(&doc, "tckn.valid", "profil.tc_kimlik_no"));
    doc.profil.tc_kimlik_no = " 12345678950 ".into();
    assert!(
        !has(&doc, "tckn.valid", "profil.tc_kimlik_no"),
        "surrounding spaces are tolerated"
    );
    doc.profil.tc_kimlik_no = "".into();
    assert_eq!(rules_on(&doc, "profil.tc_kimlik_no"), vec!["required"]);
}

#[test]
fn ykn_rule() {
    let mut doc = complete();
    doc.kisisel.yabanci_kimlik_no = "12345678950".into(); // a valid TCKN, not a YKN
    assert!(has(&doc, "ykn.valid", "kisisel.yabanci_kimlik_no"));
    doc.kisisel.yabanci_kimlik_no = "99123456741".into();
    assert!(has(&doc, "ykn.valid", "kisisel.yabanci_kimlik_no"));
    doc.kisisel.yabanci_kimlik_no = "99876543292".into();
    assert!(rules_on(&doc, "kisisel.yabanci_kimlik_no").is_empty());
}

fn abroad() -> CaseDoc {
    let mut doc = complete();
    doc.basvuru = Basvuru {
        yer: Some(BasvuruYeri::YurtDisi),
        referans_no: "1234567890123456".into(),
        referans_tarihi: Some(d(2026, 11, 10)),
        ..Default::default()
    };
    doc.kisisel.yabanci_kimlik_no.clear();
    doc.kisisel.ikamet_turu = None;
    doc.kisisel.ikamet_bitis = None;
    doc
}

#[test]
fn an_abroad_application_needs_no_residence_or_ykn() {
    assert!(findings(&abroad()).is_empty(), "{:#?}", findings(&abroad()));
}

#[test]
fn reference_format_rule() {
    let mut doc = abroad();
    for bad in [
        "123456789012345",
        "12345678901234567",
        "1234 5678 9012 34",
        "123456789012345a",
    ] {
        doc.basvuru.referans_no = bad.into();
        assert!(
            has(&doc, "reference.format", "basvuru.referans_no"),
            "{bad}"
        );
    }
}

#[test]
fn reference_validity_boundary() {
    let mut doc = abroad();
    // Issued 26 Oct: day 1 is 26 Oct, day 30 (the last) is 24 Nov = today.
    doc.basvuru.referans_tarihi = Some(d(2026, 10, 26));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Warning)
    );
    doc.basvuru.referans_tarihi = Some(d(2026, 10, 25));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Blocking)
    );
    // Last day 30 Nov → 7 days left → warning; 1 Dec → 8 days left → nothing.
    doc.basvuru.referans_tarihi = Some(d(2026, 11, 1));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Warning)
    );
    doc.basvuru.referans_tarihi = Some(d(2026, 11, 2));
    assert_eq!(severity(&doc, "reference.validity"), None);
    // Issue date in the future.
    doc.basvuru.referans_tarihi = Some(d(2026, 11, 25));
    assert!(has(&doc, "date.past", "basvuru.referans_tarihi"));
}

#[test]
fn residence_six_months_boundary() {
    let mut doc = complete();
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 24)); // exactly 6 months
    assert!(!has(&doc, "residence.six_months", "kisisel.ikamet_bitis"));
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 23));
    assert!(has(&doc, "residence.six_months", "kisisel.ikamet_bitis"));
    // Counted from the planned submission date, not today.
    doc.basvuru.basvuru_tarihi = Some(d(2026, 11, 23));
    assert!(has(&doc, "start.future", "basvuru.basvuru_tarihi"));
    doc.basvuru.basvuru_tarihi = Some(d(2026, 12, 1));
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 31));
    assert!(has(&doc, "residence.six_months", "kisisel.ikamet_bitis"));
    doc.kisisel.ikamet_bitis = Some(d(2027, 6, 1));
    assert!(!has(&doc, "residence.six_months", "kisisel.ikamet_bitis"));
}

#[test]
fn student_residence_does_not_count() {
    let mut doc = complete();
    doc.kisisel.ikamet_turu = Some(IkametTuru::Ogrenci);
    assert!(has(&doc, "residence.student", "kisisel.ikamet_turu"));
    doc.kisisel.ikamet_turu = Some(IkametTuru::Aile);
    assert!(!has(&doc, "residence.student", "kisisel.ikamet_turu"));
}

#[test]
fn passport_sixty_days_boundary_and_latest_end() {
    let mut doc = complete();
    // First application from 24 Nov 2026: 12 months end 23 Nov 2027.
    // Passport expiry 22 Jan 2028 → limit 23 Nov 2027: exactly enough.
    doc.genel.pasaport_bitis = Some(d(2028, 1, 22));
    let v = validate(&doc, today());
    assert!(v.findings.is_empty(), "{:#?}", v.findings);
    let le = v.latest_end.unwrap();
    assert_eq!(le.date, d(2027, 11, 23));
    // One day earlier: the passport binds and 12 months no longer fit.
    doc.genel.pasaport_bitis = Some(d(2028, 1, 21));
    let v = validate(&doc, today());
    let le = v.latest_end.clone().unwrap();
    assert_eq!((le.date, le.binding), (d(2027, 11, 22), "passport"));
    assert!(has(&doc, "passport.sixty_days", "gorev.sure_ay"));
    doc.gorev.sure_ay = Some(11);
    assert!(!has(&doc, "passport.sixty_days", "gorev.sure_ay"));
    // Passport expiring within 60 days: no permit at all.
    doc.genel.pasaport_bitis = Some(d(2027, 1, 22));
    assert!(has(&doc, "passport.sixty_days", "genel.pasaport_bitis"));
    doc.genel.pasaport_bitis = Some(d(2027, 1, 23)); // limit = today
    assert!(!has(&doc, "passport.sixty_days", "genel.pasaport_bitis"));
}

#[test]
fn no_passport_under_international_protection() {
    let mut doc = complete();
    doc.kisisel.ikamet_turu = Some(IkametTuru::UluslararasiKoruma);
    doc.kisisel.ikamet_bitis = None;
    doc.genel.pasaport_no.clear();
    doc.genel.pasaport_bitis = None;
    assert!(findings(&doc).is_empty(), "{:#?}", findings(&doc));
    assert!(!validate(&doc, today())
        .required_documents
        .iter()
        .any(|r| r.key == "pasaport"));
}

#[test]
fn duration_maximum_per_application_type() {
    let mut doc = complete();
    doc.gorev.sure_ay = Some(13);
    assert!(has(&doc, "duration.max", "gorev.sure_ay"));
    doc.gorev.sure_ay = Some(0);
    assert!(has(&doc, "duration.max", "gorev.sure_ay"));

    doc.basvuru.tur = Some(BasvuruTuru::Uzatma);
    doc.basvuru.onceki_uzatma_sayisi = Some(0);
    doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 10));
    doc.gorev.sure_ay = Some(24);
    assert!(!has(&doc, "duration.max", "gorev.sure_ay"));
    doc.gorev.sure_ay = Some(25);
    assert!(has(&doc, "duration.max", "gorev.sure_ay"));
    doc.basvuru.onceki_uzatma_sayisi = Some(1);
    doc.gorev.sure_ay = Some(36);
    assert!(!has(&doc, "duration.max", "gorev.sure_ay"));
    doc.gorev.sure_ay = Some(37);
    assert!(has(&doc, "duration.max", "gorev.sure_ay"));
    // An extension starts the day after the current permit ends.
    let le = validate(&doc, today()).latest_end.unwrap();
    assert_eq!(le.start, d(2027, 1, 11));
    assert_eq!((le.date, le.binding), (d(2030, 1, 10), "duration"));
}

#[test]
fn extension_window_boundaries() {
    let mut doc = complete();
    doc.basvuru.tur = Some(BasvuruTuru::Uzatma);
    doc.basvuru.onceki_uzatma_sayisi = Some(0);
    // Opens exactly 60 days before the end: end 23 Jan 2027 → opens 24 Nov 2026 (today).
    doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 23));
    assert!(!has(&doc, "extension.window", "basvuru.mevcut_izin_bitis"));
    doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 24));
    assert!(has(&doc, "extension.window", "basvuru.mevcut_izin_bitis"));
    // The last day is the day before the end; on the end day it is too late (stricter
    // reading of 004).
    doc.basvuru.mevcut_izin_bitis = Some(d(2026, 11, 25));
    assert_eq!(severity(&doc, "extension.window"), Some(Severity::Warning));
    doc.basvuru.mevcut_izin_bitis = Some(d(2026, 11, 24));
    assert_eq!(severity(&doc, "extension.window"), Some(Severity::Blocking));
    let msg = findings(&doc)
        .into_iter()
        .find(|f| f.rule == "extension.window")
        .unwrap()
        .message;
    assert!(msg.tr.contains("İlk başvuru"), "{}", msg.tr);
}

#[test]
fn spouse_rules() {
    let mut doc = complete();
    doc.kisisel.medeni_durum = Some(MedeniDurum::Evli);
    for f in ["kisisel.es_ad", "kisisel.es_soyad", "kisisel.es_uyruk"] {
        assert!(has(&doc, "spouse.required", f), "{f}");
    }
    doc.kisisel.es_ad = "Mehmet".into();
    doc.kisisel.es_soyad = "Öztürk".into();
    doc.kisisel.es_uyruk = "Türkiye".into();
    assert!(findings(&doc).is_empty());
    doc.kisisel.es_tc_vatandasi = true;
    assert!(has(&doc, "spouse.turkish", "kisisel.es_tc_kimlik_no"));
    assert!(has(&doc, "spouse.turkish", "kisisel.es_dogum_tarihi"));
    doc.kisisel.es_tc_kimlik_no = "12345678950".into();
    doc.kisisel.es_dogum_tarihi = Some(d(1980, 1, 1));
    assert!(findings(&doc).is_empty(), "{:#?}", findings(&doc));
    doc.kisisel.medeni_durum = Some(MedeniDurum::Bosanmis);
    doc.kisisel.es_tc_kimlik_no = "bad".into();
    assert!(
        findings(&doc).is_empty(),
        "spouse fields ignored unless married"
    );
}

#[test]
fn education_details_from_onlisans_up() {
    let mut doc = complete();
    doc.genel.egitim_durumu = Some(EgitimDurumu::Lise);
    assert!(!has(&doc, "education.details", "genel.mezun_meslek"));
    doc.genel.egitim_durumu = Some(EgitimDurumu::Onlisans);
    assert!(has(&doc, "education.details", "genel.mezun_meslek"));
    assert!(has(&doc, "education.details", "genel.ihtisas"));
    doc.genel.mezun_meslek = "Hemşire".into();
    doc.genel.ihtisas = "Geriatri".into();
    assert!(findings(&doc).is_empty());
}

#[test]
fn guardian_documents() {
    let mut doc = complete();
    let keys =
        |doc: &CaseDoc| -> Vec<&str> { required_documents(doc).iter().map(|r| r.key).collect() };
    assert_eq!(
        keys(&doc),
        vec!["is_sozlesmesi", "gelir_belgesi", "pasaport"]
    );
    doc.gorev.vasilik = Some(Vasilik::BasvuranVasi);
    assert!(keys(&doc).contains(&"vasilik_belgesi"));
    doc.gorev.vasilik = Some(Vasilik::YakinVasiAdina);
    assert!(keys(&doc).contains(&"vasi_onayi"));
    assert!(!keys(&doc).contains(&"vasilik_belgesi"));
    doc.gorev.yakinlik = Some(Yakinlik::Diger);
    assert!(has(&doc, "guardian.relative_degree", "gorev.yakinlik"));
    doc.gorev.yakinlik = Some(Yakinlik::Torun);
    assert!(!has(&doc, "guardian.relative_degree", "gorev.yakinlik"));
}

#[test]
fn email_and_mobile() {
    let mut doc = complete();
    doc.profil.eposta = "ayse@example".into();
    doc.profil.cep_telefonu = "0212 123 45 67".into(); // a landline
    assert!(has(&doc, "contact.email", "profil.eposta"));
    assert!(has(&doc, "contact.mobile", "profil.cep_telefonu"));
}

#[test]
fn names_with_turkish_letters_pass_and_digits_fail() {
    let mut doc = complete();
    doc.profil.ad = "Çiğdem İlknur".into();
    doc.profil.soyad = "Işıkoğlu-Şen".into();
    assert!(findings(&doc).is_empty());
    doc.kisisel.soyad = "Petrova2".into();
    assert!(has(&doc, "name.letters", "kisisel.soyad"));
}

#[test]
fn dates_in_the_future_and_under_18() {
    let mut doc = complete();
    doc.profil.dogum_tarihi = Some(d(2026, 11, 25));
    assert!(has(&doc, "date.past", "profil.dogum_tarihi"));
    doc.profil.dogum_tarihi = Some(today());
    assert!(!has(&doc, "date.past", "profil.dogum_tarihi"));
    // Turns 18 on the application day: fine; one day later: warning.
    doc.kisisel.dogum_tarihi = Some(d(2008, 11, 24));
    assert_eq!(severity(&doc, "age.under18"), None);
    doc.kisisel.dogum_tarihi = Some(d(2008, 11, 25));
    assert_eq!(severity(&doc, "age.under18"), Some(Severity::Warning));
}

#[test]
fn wage_parsing() {
    assert_eq!(parse_wage("25.000,50"), Some(25000.5));
    assert_eq!(parse_wage("25000"), Some(25000.0));
    assert_eq!(parse_wage("25.000"), Some(25000.0));
    assert_eq!(parse_wage("1.250.000"), Some(1_250_000.0));
    assert_eq!(parse_wage("₺ 30.000 TL"), Some(30000.0));
    assert_eq!(parse_wage("otuz bin"), None);
    let mut doc = complete();
    doc.gorev.ucret = "0".into();
    assert!(has(&doc, "wage.amount", "gorev.ucret"));
}

#[test]
fn portal_draft_age() {
    let mut doc = complete();
    // Saved 24 Oct → deleted 24 Nov (today): blocking.
    doc.portal_taslak_tarihi = Some(d(2026, 10, 24));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Blocking));
    doc.portal_taslak_tarihi = Some(d(2026, 10, 25)); // deleted tomorrow
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Warning));
    doc.portal_taslak_tarihi = Some(d(2026, 11, 20));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Info));
    let f = findings(&doc)
        .into_iter()
        .find(|f| f.rule == "draft.age")
        .unwrap();
    assert!(f.message.tr.contains("20.12.2026"), "{}", f.message.tr);
}
