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
        uzatilan_basvuru: None,
        sozlesme: Default::default(),
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
    severity_on(doc, today(), rule)
}

/// The most severe finding of `rule` when validated on `day`.
fn severity_on(doc: &CaseDoc, day: NaiveDate, rule: &str) -> Option<Severity> {
    validate(doc, day)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.severity)
        .min()
}

fn message(doc: &CaseDoc, day: NaiveDate, rule: &str) -> String {
    validate(doc, day)
        .findings
        .into_iter()
        .find(|f| f.rule == rule)
        .map(|f| f.message.tr)
        .unwrap_or_default()
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
        assert!((!r.quotes.is_empty() || r.note.is_some()) && !r.source.is_empty());
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
    // Each number is read again from its owner's card (issue #34).
    doc.profil.tc_kimlik_no = "12345678951".into();
    doc.gorev.bakilan_tc_kimlik_no = "12345678951".into();
    let said = |field: &str| {
        findings(&doc)
            .into_iter()
            .find(|f| f.field == field && f.rule == "tckn.valid")
            .unwrap()
            .message
    };
    assert!(said("profil.tc_kimlik_no")
        .tr
        .contains("Kimlik kartınızdan"));
    let cared = said("gorev.bakilan_tc_kimlik_no");
    assert!(
        cared
            .tr
            .contains("Bakımı yapılacak kişinin kimlik kartından"),
        "{}",
        cared.tr
    );
    assert!(!cared.tr.contains("kartınızdan") && cared.en.contains("cared-for"));
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
    // 000 B.6.1: "9 ile başlayan" — 97… passes (it used to be refused for not being 99…).
    doc.kisisel.yabanci_kimlik_no = "97123456760".into();
    assert!(rules_on(&doc, "kisisel.yabanci_kimlik_no").is_empty());
    doc.kisisel.yabanci_kimlik_no = "89123456772".into();
    assert_eq!(severity(&doc, "ykn.valid"), Some(Severity::Blocking));
    // 98…: the temporary-protection number — a warning that says so, not a bare block.
    doc.kisisel.yabanci_kimlik_no = "98123456750".into();
    assert_eq!(severity(&doc, "ykn.valid"), Some(Severity::Warning));
    assert!(message(&doc, today(), "ykn.valid").contains("geçici koruma"));
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
    // "30 gün" counted like the guide's other 30-day periods: issue + 30 is the last day.
    // Issued 25 Oct → 24 Nov (today) is issue + 30: the disputed day, a warning.
    doc.basvuru.referans_tarihi = Some(d(2026, 10, 25));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Warning)
    );
    assert!(message(&doc, today(), "reference.validity").contains("23.11.2026"));
    // The day after (issued 24 Oct): past both readings — blocks.
    doc.basvuru.referans_tarihi = Some(d(2026, 10, 24));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Blocking)
    );
    // The day before (issued 26 Oct): the safe last day is today — a warning, not a block.
    doc.basvuru.referans_tarihi = Some(d(2026, 10, 26));
    assert_eq!(
        severity(&doc, "reference.validity"),
        Some(Severity::Warning)
    );
    // Safe last day 30 Nov → 7 days left → warning; 1 Dec → 8 days left → nothing.
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
    // Exactly 6 months: nothing; a day less: a warning (the reading is open), never a block.
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 24));
    assert_eq!(severity(&doc, "residence.six_months"), None);
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 23));
    assert_eq!(
        severity(&doc, "residence.six_months"),
        Some(Severity::Warning)
    );
    // Valid through today: a warning; ended yesterday: not "geçerli" at all — blocks.
    doc.kisisel.ikamet_bitis = Some(today());
    assert_eq!(
        severity(&doc, "residence.six_months"),
        Some(Severity::Warning)
    );
    doc.kisisel.ikamet_bitis = Some(d(2026, 11, 23));
    assert_eq!(
        severity(&doc, "residence.six_months"),
        Some(Severity::Blocking)
    );
    // Counted from the planned submission date, not today.
    doc.basvuru.basvuru_tarihi = Some(d(2026, 11, 23));
    assert!(has(&doc, "start.future", "basvuru.basvuru_tarihi"));
    doc.basvuru.basvuru_tarihi = Some(d(2026, 12, 1));
    doc.kisisel.ikamet_bitis = Some(d(2027, 5, 31));
    assert_eq!(
        severity(&doc, "residence.six_months"),
        Some(Severity::Warning)
    );
    doc.kisisel.ikamet_bitis = Some(d(2027, 6, 1));
    assert_eq!(severity(&doc, "residence.six_months"), None);
}

#[test]
fn long_term_residence_has_no_end_date() {
    let mut doc = complete();
    doc.kisisel.ikamet_turu = Some(IkametTuru::UzunDonem);
    doc.kisisel.ikamet_bitis = None;
    assert!(findings(&doc).is_empty(), "{:#?}", findings(&doc));
}

/// An extension filed inside its window by a caregiver whose residence is the permit
/// being extended: it used to be blocked by the 6-month rule on every day it could be filed.
#[test]
fn an_extension_on_the_work_permit_passes() {
    let mut doc = complete();
    doc.basvuru.tur = Some(BasvuruTuru::Uzatma);
    doc.basvuru.onceki_uzatma_sayisi = Some(0);
    doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 10));
    doc.kisisel.ikamet_turu = Some(IkametTuru::CalismaIzni);
    doc.kisisel.ikamet_bitis = None;
    doc.gorev.sure_ay = Some(24);
    assert!(findings(&doc).is_empty(), "{:#?}", findings(&doc));
    // The same caregiver with her permit's end typed as a short-term residence: a
    // warning about the 6 months, not a block.
    doc.kisisel.ikamet_turu = Some(IkametTuru::KisaDonem);
    doc.kisisel.ikamet_bitis = Some(d(2027, 1, 10));
    assert_eq!(
        severity(&doc, "residence.six_months"),
        Some(Severity::Warning)
    );
    assert_eq!(validate(&doc, today()).blocking(), 0);
    // A first application on a work permit from another employer: its end date counts.
    doc.basvuru.tur = Some(BasvuruTuru::Ilk);
    doc.kisisel.ikamet_turu = Some(IkametTuru::CalismaIzni);
    doc.kisisel.ikamet_bitis = None;
    doc.gorev.sure_ay = Some(12);
    assert!(has(&doc, "required", "kisisel.ikamet_bitis"));
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
    // One day earlier: the passport binds and 12 months no longer fit — a warning that
    // offers the duration that does (the seed limits the permit, not the request).
    doc.genel.pasaport_bitis = Some(d(2028, 1, 21));
    let v = validate(&doc, today());
    let le = v.latest_end.clone().unwrap();
    assert_eq!((le.date, le.binding), (d(2027, 11, 22), "passport"));
    assert!(has(&doc, "passport.sixty_days", "gorev.sure_ay"));
    assert_eq!(
        severity(&doc, "passport.sixty_days"),
        Some(Severity::Warning)
    );
    assert!(message(&doc, today(), "passport.sixty_days").contains("11 ay isteyin"));
    doc.gorev.sure_ay = Some(11);
    assert!(!has(&doc, "passport.sixty_days", "gorev.sure_ay"));
    // Passport expiring within 60 days: no permit at all — forced by the sentence, blocks.
    doc.genel.pasaport_bitis = Some(d(2027, 1, 22));
    assert!(has(&doc, "passport.sixty_days", "genel.pasaport_bitis"));
    assert_eq!(
        severity(&doc, "passport.sixty_days"),
        Some(Severity::Blocking)
    );
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

fn extension(end: NaiveDate) -> CaseDoc {
    let mut doc = complete();
    doc.basvuru.tur = Some(BasvuruTuru::Uzatma);
    doc.basvuru.onceki_uzatma_sayisi = Some(0);
    doc.basvuru.mevcut_izin_bitis = Some(end);
    doc.kisisel.ikamet_turu = Some(IkametTuru::CalismaIzni);
    doc.kisisel.ikamet_bitis = None;
    doc.genel.pasaport_bitis = Some(d(2035, 1, 1));
    doc
}

#[test]
fn extension_window_boundaries() {
    let rule = "extension.window";
    // "2 aylık süre": calendar months. End 23 Jan 2027 → opens 23 Nov 2026.
    let doc = extension(d(2027, 1, 23));
    assert_eq!(
        severity_on(&doc, d(2026, 11, 22), rule),
        Some(Severity::Blocking)
    );
    assert_eq!(
        severity_on(&doc, d(2026, 11, 23), rule),
        Some(Severity::Warning)
    );
    assert_eq!(severity_on(&doc, d(2026, 11, 24), rule), None);
    // 61 days early but inside 2 months (end 1 Aug, filed 1 Jun): no longer blocked.
    let doc = extension(d(2027, 8, 1));
    assert_eq!(
        severity_on(&doc, d(2027, 6, 1), rule),
        Some(Severity::Warning)
    );
    assert_eq!(severity_on(&doc, d(2027, 6, 2), rule), None);
    // 60 days early but more than 2 months (end 1 Mar, filed 31 Dec): blocked now.
    let doc = extension(d(2027, 3, 1));
    assert_eq!(
        severity_on(&doc, d(2026, 12, 31), rule),
        Some(Severity::Blocking)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 1, 1), rule),
        Some(Severity::Warning)
    );
    // The end: the day before is the safe last day (a hurry warning); from the end day to
    // end + 15 the source contradicts itself (a warning); end + 16 blocks.
    let doc = extension(d(2027, 1, 23));
    assert_eq!(severity_on(&doc, d(2027, 1, 15), rule), None);
    assert_eq!(
        severity_on(&doc, d(2027, 1, 16), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 1, 22), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 1, 23), rule),
        Some(Severity::Warning)
    );
    assert!(message(&doc, d(2027, 1, 23), rule).contains("07.02.2027"));
    assert_eq!(
        severity_on(&doc, d(2027, 2, 7), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 2, 8), rule),
        Some(Severity::Blocking)
    );
    assert!(message(&doc, d(2027, 2, 8), rule).contains("İlk başvuru"));
    // Inside the window nothing else blocks this extension either.
    assert_eq!(validate(&doc, d(2027, 1, 23)).blocking(), 0);
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
    // A landline, or a number abroad: the guide asks for a mobile, not a Turkish one.
    doc.profil.cep_telefonu = "0212 123 45 67".into();
    assert_eq!(severity(&doc, "contact.email"), Some(Severity::Blocking));
    assert!(has(&doc, "contact.mobile", "profil.cep_telefonu"));
    assert_eq!(severity(&doc, "contact.mobile"), Some(Severity::Warning));
    doc.profil.cep_telefonu = "".into();
    assert!(has(&doc, "required", "profil.cep_telefonu"));
}

#[test]
fn foreigner_contact_details() {
    let mut doc = complete();
    // No e-mail: a warning; neither e-mail nor phone: the contact details are not
    // completed (000 B.4.1) — blocks.
    doc.kisisel.eposta.clear();
    assert_eq!(severity(&doc, "contact.foreigner"), Some(Severity::Warning));
    assert_eq!(validate(&doc, today()).blocking(), 0);
    doc.kisisel.telefon.clear();
    assert!(has(&doc, "contact.foreigner", "kisisel.telefon"));
    assert_eq!(
        severity(&doc, "contact.foreigner"),
        Some(Severity::Blocking)
    );
    doc.kisisel.eposta = "irina@example".into();
    assert_eq!(severity(&doc, "contact.email"), Some(Severity::Warning));
    assert_eq!(severity(&doc, "contact.foreigner"), Some(Severity::Warning));
    doc.kisisel.telefon = "12345".into();
    assert_eq!(severity(&doc, "contact.mobile"), Some(Severity::Warning));
}
#[test]
fn names_with_turkish_letters_pass_and_digits_warn() {
    let mut doc = complete();
    doc.profil.ad = "Çiğdem İlknur".into();
    doc.profil.soyad = "Işıkoğlu-Şen".into();
    assert!(findings(&doc).is_empty());
    // The guide gives no alphabet: Hane's own check only warns.
    doc.kisisel.soyad = "Petrova2".into();
    assert!(has(&doc, "name.letters", "kisisel.soyad"));
    assert_eq!(severity(&doc, "name.letters"), Some(Severity::Warning));
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
    let mut doc = complete();
    for ok in ["25.000,50", "25000", "25.000", "1.250.000", "₺ 30.000 TL"] {
        doc.gorev.ucret = ok.into();
        assert!(!has(&doc, "wage.amount", "gorev.ucret"), "{ok}");
    }
    for bad in ["0", "otuz bin", "25.00", "25,000"] {
        doc.gorev.ucret = bad.into();
        assert!(has(&doc, "wage.amount", "gorev.ucret"), "{bad}");
    }
    doc.gorev.ucret = "25,000".into();
    assert!(message(&doc, today(), "wage.amount").contains("iki türlü"));
}
#[test]
fn portal_draft_age() {
    let mut doc = complete();
    // "Bir aydan fazla": saved 24 Oct → 24 Nov (today) is exactly one month, its last day.
    doc.portal_taslak_tarihi = Some(d(2026, 10, 24));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Warning));
    // Saved 23 Oct: more than a month today — deleted, blocks.
    doc.portal_taslak_tarihi = Some(d(2026, 10, 23));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Blocking));
    assert!(message(&doc, today(), "draft.age").contains("24.11.2026"));
    doc.portal_taslak_tarihi = Some(d(2026, 10, 25));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Warning));
    // Last day 24 Dec: 30 days away — info; 7 days before its last day a warning starts.
    doc.portal_taslak_tarihi = Some(d(2026, 11, 24));
    assert_eq!(severity(&doc, "draft.age"), Some(Severity::Info));
    assert_eq!(
        severity_on(&doc, d(2026, 12, 17), "draft.age"),
        Some(Severity::Info)
    );
    assert_eq!(
        severity_on(&doc, d(2026, 12, 18), "draft.age"),
        Some(Severity::Warning)
    );
    doc.portal_taslak_tarihi = Some(d(2026, 11, 20));
    assert!(message(&doc, today(), "draft.age").contains("20.12.2026"));
}

/// Issue #20: il, ilçe and nationality are the portal's lists; a value in none of Hane's
/// lists is warned about (never blocked).
#[test]
fn places_off_the_list_warn_only() {
    let mut doc = complete();
    assert!(!has(&doc, "place.list", "isyeri.il"));
    doc.isyeri.il = "Istanbul".into();
    assert_eq!(severity(&doc, "place.list"), Some(Severity::Warning));
    assert!(has(&doc, "place.list", "isyeri.il"));
    doc.isyeri.il = "istanbul".into();
    doc.isyeri.ilce = "Kadikoy".into();
    assert!(!has(&doc, "place.list", "isyeri.il"));
    assert!(has(&doc, "place.list", "isyeri.ilce"));
    doc.isyeri.ilce = "Kadıköy".into();
    assert!(!has(&doc, "place.list", "isyeri.ilce"));
    doc.kisisel.uyruk = "Filipinli".into();
    assert!(has(&doc, "place.list", "kisisel.uyruk"));
    doc.kisisel.uyruk = "Filipinler".into();
    assert!(!has(&doc, "place.list", "kisisel.uyruk"));
    assert_eq!(validate(&doc, d(2026, 11, 24)).blocking(), 0);
}

/// Issue #33: the portal asks for the reference number only (000 B.3.2); without its
/// issue date Hane says it cannot check the 30 days — a warning, never a block.
#[test]
fn a_reference_without_its_issue_date_warns_and_does_not_block() {
    let mut doc = abroad();
    doc.basvuru.referans_tarihi = None;
    let v = validate(&doc, today());
    assert_eq!(v.blocking(), 0, "{:#?}", v.findings);
    assert!(!has(&doc, "required", "basvuru.referans_tarihi"));
    let f = v
        .findings
        .iter()
        .find(|f| f.field == "basvuru.referans_tarihi")
        .expect("a warning on the date");
    assert_eq!(
        (f.rule, f.severity),
        ("reference.validity", Severity::Warning)
    );
    assert!(f.message.tr.contains("30 günlük"), "{}", f.message.tr);
    // The number itself is still required and still checked.
    doc.basvuru.referans_no.clear();
    assert!(has(&doc, "required", "basvuru.referans_no"));
}

/// Issue #33: "Bir aydan fazla" (000 B.4.6 Not) after the 31st reads as the next month's
/// last day or as the days carried over; between the two Hane warns, after both it blocks.
#[test]
fn a_draft_saved_at_a_months_end_blocks_only_when_both_readings_agree() {
    assert_eq!(
        draft_last_days(d(2027, 1, 31)),
        (d(2027, 2, 28), d(2027, 3, 3))
    );
    assert_eq!(
        draft_last_days(d(2028, 1, 31)),
        (d(2028, 2, 29), d(2028, 3, 2))
    );
    assert_eq!(
        draft_last_days(d(2027, 1, 29)),
        (d(2027, 2, 28), d(2027, 3, 1))
    );
    assert_eq!(
        draft_last_days(d(2027, 3, 31)),
        (d(2027, 4, 30), d(2027, 5, 1))
    );
    assert_eq!(
        draft_last_days(d(2027, 1, 28)),
        (d(2027, 2, 28), d(2027, 2, 28))
    );
    assert_eq!(
        draft_last_days(d(2026, 12, 31)),
        (d(2027, 1, 31), d(2027, 1, 31))
    );
    let mut doc = complete();
    doc.basvuru.basvuru_tarihi = None;
    doc.portal_taslak_tarihi = Some(d(2027, 1, 31));
    let rule = "draft.age";
    // The day before, on, and after the earlier reading's last day (28 Feb).
    assert_eq!(
        severity_on(&doc, d(2027, 2, 27), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 2, 28), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 3, 1), rule),
        Some(Severity::Warning)
    );
    let m = message(&doc, d(2027, 3, 1), rule);
    assert!(
        m.contains("silinmiş olabilir") && m.contains("03.03.2027"),
        "{m}"
    );
    // The day before, on, and after the later reading's last day (3 Mar).
    assert_eq!(
        severity_on(&doc, d(2027, 3, 2), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 3, 3), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 3, 4), rule),
        Some(Severity::Blocking)
    );
    assert!(message(&doc, d(2027, 3, 4), rule).contains("04.03.2027"));
    // Mid-month the readings agree and the day after the last day still blocks.
    doc.portal_taslak_tarihi = Some(d(2027, 1, 15));
    assert_eq!(
        severity_on(&doc, d(2027, 2, 15), rule),
        Some(Severity::Warning)
    );
    assert_eq!(
        severity_on(&doc, d(2027, 2, 16), rule),
        Some(Severity::Blocking)
    );
}

/// Issue #33: on the guardian's behalf a first- or second-degree relative applies (000
/// B.4.4 Not). The cared-for person themselves blocks; a spouse or an "other" relative is
/// an open reading — a warning.
#[test]
fn a_spouse_applying_for_the_guardian_warns_and_does_not_block() {
    let mut doc = complete();
    doc.gorev.vasilik = Some(Vasilik::YakinVasiAdina);
    let sev = |doc: &CaseDoc| severity(doc, "guardian.relative_degree");
    for (who, expected) in [
        (Yakinlik::Es, Some(Severity::Warning)),
        (Yakinlik::Diger, Some(Severity::Warning)),
        (Yakinlik::Kendisi, Some(Severity::Blocking)),
        (Yakinlik::Cocuk, None),
        (Yakinlik::Kardes, None),
        (Yakinlik::Torun, None),
    ] {
        doc.gorev.yakinlik = Some(who);
        assert_eq!(sev(&doc), expected, "{who:?}");
    }
    doc.gorev.yakinlik = Some(Yakinlik::Es);
    assert_eq!(validate(&doc, today()).blocking(), 0);
    assert!(message(&doc, today(), "guardian.relative_degree").contains("eşin"));
    // Without a guardian the relationship is not a question.
    doc.gorev.vasilik = Some(Vasilik::Yok);
    assert_eq!(sev(&doc), None);
}

/// Issue #35: a value changed after the contract was drafted is named beside its field as
/// a warning; re-drafting (the values stored again) clears it; nothing blocks.
#[test]
fn a_changed_wage_makes_the_drafted_contract_stale() {
    let mut doc = complete();
    assert!(!findings(&doc).iter().any(|f| f.rule == "contract.stale"));
    doc.sozlesme.taslak = Some(crate::contract::values_of(&doc, today()).unwrap());
    assert!(findings(&doc).is_empty(), "{:#?}", findings(&doc));
    doc.gorev.ucret = "30.000,50".into();
    let stale: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|f| f.rule == "contract.stale")
        .collect();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(
        (stale[0].field, stale[0].severity),
        ("gorev.ucret", Severity::Warning)
    );
    assert!(
        stale[0].message.tr.contains("30.000,50 TL"),
        "{}",
        stale[0].message.tr
    );
    assert_eq!(validate(&doc, today()).blocking(), 0);
    doc.sozlesme.taslak = Some(crate::contract::values_of(&doc, today()).unwrap());
    assert!(findings(&doc).is_empty());
}
