//! The portal's rules, checked in the core. [`validate`] is a pure function of the case
//! and "today" (the clock is injected), fast enough for every keystroke.
//!
//! Each finding has a stable rule id (see [`catalog::RULES`] for its source sentence and
//! `docs/rules.md` for the table with tests), a severity, the field it belongs to, and a
//! Turkish and English message that says what to do.

pub mod catalog;
pub mod identity;

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::case::{
    BasvuruTuru, BasvuruYeri, CaseDoc, EgitimDurumu, IkametTuru, MedeniDurum, Vasilik, Yakinlik,
};
use identity::{email_ok, name_ok, tckn_ok, turkish_mobile, ykn_ok};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Blocking,
    Warning,
    Info,
}

/// The portal screen a field is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Screen {
    Profil,
    Isyeri,
    Basvuru,
    Kisisel,
    Genel,
    Gorev,
}

/// A message in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub tr: String,
    pub en: String,
}

fn text(tr: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        tr: tr.into(),
        en: en.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub screen: Screen,
    /// Dotted path of the field in the case document, e.g. `profil.tc_kimlik_no`.
    pub field: &'static str,
    pub message: Text,
}

/// The latest end date the permit can have, and which constraint sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatestEnd {
    pub start: NaiveDate,
    pub date: NaiveDate,
    /// `duration` (the 1/2/3-year maximum) or `passport` (60 days before expiry).
    pub binding: &'static str,
    pub explanation: Text,
}

/// A document the case requires because of a rule (the checklist is built from these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequiredDocument {
    pub key: &'static str,
    pub title_tr: &'static str,
    pub title_en: &'static str,
    pub rule: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    pub findings: Vec<Finding>,
    pub latest_end: Option<LatestEnd>,
    pub required_documents: Vec<RequiredDocument>,
    /// The date the checks were made for (the planned submission date or today).
    pub application_date: NaiveDate,
}

impl Validation {
    pub fn blocking(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Blocking)
            .count()
    }
}

/// Days before a deadline from which Hane warns (the seeds give none; a week lets the
/// user act on a weekday).
pub const WARN_DAYS: u64 = 7;

fn fmt_tr(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn fmt_en(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

struct Ctx {
    out: Vec<Finding>,
}

impl Ctx {
    fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        screen: Screen,
        field: &'static str,
        message: Text,
    ) {
        self.out.push(Finding {
            rule,
            severity,
            screen,
            field,
            message,
        });
    }

    fn block(&mut self, rule: &'static str, screen: Screen, field: &'static str, message: Text) {
        self.push(rule, Severity::Blocking, screen, field, message);
    }

    fn warn(&mut self, rule: &'static str, screen: Screen, field: &'static str, message: Text) {
        self.push(rule, Severity::Warning, screen, field, message);
    }

    /// `required` when the text is blank; returns whether a value is there.
    fn text_required(&mut self, screen: Screen, field: &'static str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.required(screen, field);
            false
        } else {
            true
        }
    }

    fn required(&mut self, screen: Screen, field: &'static str) {
        self.block(
            "required",
            screen,
            field,
            text(
                "Bu alan zorunludur; portal bunu soracak.",
                "Required: the portal will ask for this.",
            ),
        );
    }

    fn some_required<T>(&mut self, screen: Screen, field: &'static str, value: &Option<T>) -> bool {
        if value.is_none() {
            self.required(screen, field);
        }
        value.is_some()
    }

    fn name(&mut self, screen: Screen, field: &'static str, value: &str) {
        if self.text_required(screen, field, value) && !name_ok(value) {
            self.block(
                "name.letters",
                screen,
                field,
                text(
                    "Yalnızca harf, boşluk, kısa çizgi ve kesme işareti kullanın (rakam veya simge olmadan).",
                    "Use letters, spaces, hyphens and apostrophes only (no digits or symbols).",
                ),
            );
        }
    }

    fn past_date(
        &mut self,
        screen: Screen,
        field: &'static str,
        value: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        let d = value?;
        if d > today {
            self.block(
                "date.past",
                screen,
                field,
                text(
                    format!("Bu tarih gelecekte ({}); yılı kontrol edin.", fmt_tr(d)),
                    format!(
                        "This date is in the future ({}); check the year.",
                        fmt_en(d)
                    ),
                ),
            );
        }
        Some(d)
    }

    fn tckn(&mut self, screen: Screen, field: &'static str, value: &str) {
        let v = value.trim();
        if self.text_required(screen, field, v) && !tckn_ok(v) {
            self.block(
                "tckn.valid",
                screen,
                field,
                text(
                    "Geçerli bir T.C. kimlik numarası değil: 11 hane olmalı, 0 ile başlamamalı ve kontrol basamakları tutmalı. Kimlik kartınızdan tekrar okuyun.",
                    "Not a valid T.C. identity number: 11 digits, not starting with 0, and its check digits must match. Read it again from the ID card.",
                ),
            );
        }
    }
}

/// Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The longest permit the application can ask for, in months (000 B.4.3 Not).
pub fn max_duration_months(doc: &CaseDoc) -> u32 {
    match (doc.basvuru.yer, doc.basvuru.tur) {
        (Some(BasvuruYeri::YurtIci), Some(BasvuruTuru::Uzatma)) => {
            if doc.basvuru.onceki_uzatma_sayisi.unwrap_or(0) == 0 {
                24
            } else {
                36
            }
        }
        _ => 12,
    }
}

fn is_extension(doc: &CaseDoc) -> bool {
    doc.basvuru.yer == Some(BasvuruYeri::YurtIci) && doc.basvuru.tur == Some(BasvuruTuru::Uzatma)
}

fn under_protection(doc: &CaseDoc) -> bool {
    doc.kisisel.ikamet_turu == Some(IkametTuru::UluslararasiKoruma)
}

/// Parses a wage as typed in Turkish or plain style: "25.000,50", "25000", "25000.50".
pub fn parse_wage(s: &str) -> Option<f64> {
    let s: String = s
        .trim()
        .trim_start_matches('₺')
        .trim_end_matches("TL")
        .trim()
        .replace(' ', "");
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let normalised = if s.contains(',') {
        // Turkish: dots group thousands, the comma is the decimal mark.
        s.replace('.', "").replace(',', ".")
    } else if s.matches('.').count() > 1
        || s.rsplit_once('.').is_some_and(|(_, frac)| frac.len() == 3)
    {
        s.replace('.', "")
    } else {
        s
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Every check of the household guide, for `doc` as of `today`.
pub fn validate(doc: &CaseDoc, today: NaiveDate) -> Validation {
    let mut c = Ctx { out: Vec::new() };
    let app_date = doc.basvuru.basvuru_tarihi.unwrap_or(today);

    // Screen 1 — Profil (000 B.1).
    let p = &doc.profil;
    c.tckn(Screen::Profil, "profil.tc_kimlik_no", &p.tc_kimlik_no);
    if c.some_required(Screen::Profil, "profil.dogum_tarihi", &p.dogum_tarihi) {
        c.past_date(Screen::Profil, "profil.dogum_tarihi", p.dogum_tarihi, today);
    }
    c.name(Screen::Profil, "profil.ad", &p.ad);
    c.name(Screen::Profil, "profil.soyad", &p.soyad);
    email(&mut c, Screen::Profil, "profil.eposta", &p.eposta);
    mobile(
        &mut c,
        Screen::Profil,
        "profil.cep_telefonu",
        &p.cep_telefonu,
    );

    // Screen 2 — İşyeri kaydı (000 B.2).
    let i = &doc.isyeri;
    c.text_required(Screen::Isyeri, "isyeri.il", &i.il);
    c.text_required(Screen::Isyeri, "isyeri.ilce", &i.ilce);
    c.text_required(Screen::Isyeri, "isyeri.adres", &i.adres);
    c.some_required(Screen::Isyeri, "isyeri.amac", &i.amac);

    // Screen 3 — Başvuru türü (000 B.3).
    let b = &doc.basvuru;
    if let Some(d) = b.basvuru_tarihi.filter(|d| *d < today) {
        c.block(
            "start.future",
            Screen::Basvuru,
            "basvuru.basvuru_tarihi",
            text(
                format!("Planlanan başvuru tarihi geçmişte ({}). Bugünü veya ileri bir tarihi girin ya da boş bırakın.", fmt_tr(d)),
                format!("The planned submission date is in the past ({}). Enter today or a later date, or leave it empty.", fmt_en(d)),
            ),
        );
    }
    match b.yer {
        None => c.required(Screen::Basvuru, "basvuru.yer"),
        Some(BasvuruYeri::YurtDisi) => reference(&mut c, doc, app_date, today),
        Some(BasvuruYeri::YurtIci) => {
            if c.some_required(Screen::Basvuru, "basvuru.tur", &b.tur) && is_extension(doc) {
                c.some_required(
                    Screen::Basvuru,
                    "basvuru.onceki_uzatma_sayisi",
                    &b.onceki_uzatma_sayisi,
                );
                if c.some_required(
                    Screen::Basvuru,
                    "basvuru.mevcut_izin_bitis",
                    &b.mevcut_izin_bitis,
                ) {
                    extension_window(&mut c, b.mevcut_izin_bitis.expect("checked"), app_date);
                }
            }
        }
    }

    // Screen 4 — Kişisel bilgiler (000 B.4.1).
    let k = &doc.kisisel;
    let in_country = b.yer == Some(BasvuruYeri::YurtIci);
    let ykn = k.yabanci_kimlik_no.trim();
    if in_country {
        c.text_required(Screen::Kisisel, "kisisel.yabanci_kimlik_no", ykn);
    }
    if !ykn.is_empty() && !ykn_ok(ykn) {
        c.block(
            "ykn.valid",
            Screen::Kisisel,
            "kisisel.yabanci_kimlik_no",
            text(
                "Geçerli bir yabancı kimlik numarası değil: 99 ile başlayan 11 hane olmalı ve kontrol basamakları tutmalı. İkamet izni kartından tekrar okuyun.",
                "Not a valid foreigner identity number: 11 digits starting with 99, with matching check digits. Read it again from the residence permit card.",
            ),
        );
    }
    c.name(Screen::Kisisel, "kisisel.ad", &k.ad);
    c.name(Screen::Kisisel, "kisisel.soyad", &k.soyad);
    if c.some_required(Screen::Kisisel, "kisisel.dogum_tarihi", &k.dogum_tarihi) {
        if let Some(born) = c.past_date(
            Screen::Kisisel,
            "kisisel.dogum_tarihi",
            k.dogum_tarihi,
            today,
        ) {
            let adult = add_months(born, 18 * 12);
            if adult > app_date {
                c.warn(
                    "age.under18",
                    Screen::Kisisel,
                    "kisisel.dogum_tarihi",
                    text(
                        format!("Yabancı başvuru tarihinde 18 yaşından küçük olacak (18 yaşını {} tarihinde doldurur). Doğum tarihini kontrol edin.", fmt_tr(adult)),
                        format!("The foreigner will be under 18 on the application date (turns 18 on {}). Check the date of birth.", fmt_en(adult)),
                    ),
                );
            }
        }
    }
    c.text_required(Screen::Kisisel, "kisisel.uyruk", &k.uyruk);
    c.some_required(Screen::Kisisel, "kisisel.cinsiyet", &k.cinsiyet);
    if in_country {
        residence(&mut c, doc, app_date);
    }
    email(&mut c, Screen::Kisisel, "kisisel.eposta", &k.eposta);
    if c.text_required(Screen::Kisisel, "kisisel.telefon", &k.telefon)
        && k.telefon.chars().filter(char::is_ascii_digit).count() < 7
    {
        c.block(
            "contact.mobile",
            Screen::Kisisel,
            "kisisel.telefon",
            text(
                "Telefon numarası eksik görünüyor; ülke koduyla birlikte tam numarayı yazın.",
                "The phone number looks incomplete; write the full number with its country code.",
            ),
        );
    }
    c.text_required(Screen::Kisisel, "kisisel.adres", &k.adres);
    if c.some_required(Screen::Kisisel, "kisisel.medeni_durum", &k.medeni_durum)
        && k.medeni_durum == Some(MedeniDurum::Evli)
    {
        spouse(&mut c, doc, today);
    }

    // Screen 5 — Genel bilgiler (000 B.4.2).
    let g = &doc.genel;
    if !under_protection(doc) {
        c.text_required(Screen::Genel, "genel.pasaport_no", &g.pasaport_no);
        c.some_required(Screen::Genel, "genel.pasaport_bitis", &g.pasaport_bitis);
    }
    if g.diller.trim().is_empty() {
        c.warn(
            "required",
            Screen::Genel,
            "genel.diller",
            text("Portal dil bilgisini soruyor; bildiği dilleri yazın (ör. Rusça, İngilizce).", "The portal asks for languages; list the ones the foreigner speaks (e.g. Russian, English)."),
        );
    }
    if c.some_required(Screen::Genel, "genel.egitim_durumu", &g.egitim_durumu)
        && g.egitim_durumu >= Some(EgitimDurumu::Onlisans)
    {
        for (field, value) in [
            ("genel.mezun_meslek", &g.mezun_meslek),
            ("genel.ihtisas", &g.ihtisas),
        ] {
            if value.trim().is_empty() {
                c.block(
                    "education.details",
                    Screen::Genel,
                    field,
                    text(
                        "Ön lisans veya üstü eğitimde mezun olunan meslek ve ihtisas konusu zorunludur (diplomada yazdığı gibi).",
                        "For associate degree or higher, the graduated profession and specialization are required (as on the diploma).",
                    ),
                );
            }
        }
    }

    // Screen 6 — Görev bilgileri (000 B.4.3).
    let o = &doc.gorev;
    c.text_required(Screen::Gorev, "gorev.calisma_adresi", &o.calisma_adresi);
    c.text_required(Screen::Gorev, "gorev.meslek", &o.meslek);
    c.name(Screen::Gorev, "gorev.bakilan_ad", &o.bakilan_ad);
    c.name(Screen::Gorev, "gorev.bakilan_soyad", &o.bakilan_soyad);
    if !o.bakilan_tc_kimlik_no.trim().is_empty() {
        c.tckn(
            Screen::Gorev,
            "gorev.bakilan_tc_kimlik_no",
            &o.bakilan_tc_kimlik_no,
        );
    }
    c.some_required(Screen::Gorev, "gorev.yakinlik", &o.yakinlik);
    if c.some_required(Screen::Gorev, "gorev.vasilik", &o.vasilik)
        && o.vasilik == Some(Vasilik::YakinVasiAdina)
        && matches!(o.yakinlik, Some(Yakinlik::Kendisi | Yakinlik::Diger))
    {
        c.block(
            "guardian.relative_degree",
            Screen::Gorev,
            "gorev.yakinlik",
            text(
                "Vasi adına ancak birinci veya ikinci derece bir yakın başvurabilir; yakınlık derecesini kontrol edin.",
                "Only a first- or second-degree relative can apply on the guardian's behalf; check the relationship.",
            ),
        );
    }
    if c.text_required(Screen::Gorev, "gorev.ucret", &o.ucret)
        && !parse_wage(&o.ucret).is_some_and(|w| w > 0.0)
    {
        c.block(
            "wage.amount",
            Screen::Gorev,
            "gorev.ucret",
            text("Ücreti aylık brüt tutar olarak, yalnızca rakamla yazın (ör. 25.000 veya 25.000,50).", "Write the monthly gross wage in digits only (e.g. 25.000 or 25.000,50)."),
        );
    }
    c.some_required(Screen::Gorev, "gorev.calisma_sekli", &o.calisma_sekli);
    c.some_required(Screen::Gorev, "gorev.calisma_tipi", &o.calisma_tipi);
    c.text_required(Screen::Gorev, "gorev.gerekce", &o.gerekce);
    let latest_end = duration(&mut c, doc, app_date);

    drafts(&mut c, doc, today);

    let mut findings = c.out;
    findings.sort_by_key(|f| (f.screen, f.severity));
    Validation {
        findings,
        latest_end,
        required_documents: required_documents(doc),
        application_date: app_date,
    }
}

fn email(c: &mut Ctx, screen: Screen, field: &'static str, v: &str) {
    if c.text_required(screen, field, v) && !email_ok(v.trim()) {
        c.block(
            "contact.email",
            screen,
            field,
            text("Geçerli bir e-posta adresi yazın (ör. ad@ornek.com). Portal bu adrese doğrulama gönderir.", "Enter a valid e-mail address (e.g. name@example.com). The portal sends a verification to it."),
        );
    }
}

fn mobile(c: &mut Ctx, screen: Screen, field: &'static str, v: &str) {
    if c.text_required(screen, field, v) && turkish_mobile(v).is_none() {
        c.block(
            "contact.mobile",
            screen,
            field,
            text("Türkiye cep telefonu numarası yazın: 05XX XXX XX XX. Portal bu numaraya doğrulama kodu gönderir.", "Enter a Turkish mobile number: 05XX XXX XX XX. The portal sends a verification code to it."),
        );
    }
}

/// Abroad: 16-digit reference, valid 30 days from its issue (000 B.3.2).
fn reference(c: &mut Ctx, doc: &CaseDoc, app_date: NaiveDate, today: NaiveDate) {
    let b = &doc.basvuru;
    let r = b.referans_no.trim();
    if c.text_required(Screen::Basvuru, "basvuru.referans_no", r)
        && !(r.len() == 16 && r.chars().all(|ch| ch.is_ascii_digit()))
    {
        c.block(
            "reference.format",
            Screen::Basvuru,
            "basvuru.referans_no",
            text(
                format!("Dış temsilcilik referans numarası 16 haneli olmalı (şu an {} karakter). Boşluksuz, yalnızca rakam yazın.", r.chars().count()),
                format!("The consulate reference number has 16 digits (this has {} characters). Digits only, no spaces.", r.chars().count()),
            ),
        );
    }
    if !c.some_required(
        Screen::Basvuru,
        "basvuru.referans_tarihi",
        &b.referans_tarihi,
    ) {
        return;
    }
    let Some(issued) = c.past_date(
        Screen::Basvuru,
        "basvuru.referans_tarihi",
        b.referans_tarihi,
        today,
    ) else {
        return;
    };
    // "Valid 30 days": the issue day is day 1, so the last usable day is issue + 29 (the
    // stricter reading of an ambiguous sentence).
    let last = plus_days(issued, 29);
    if app_date > last {
        c.block(
            "reference.validity",
            Screen::Basvuru,
            "basvuru.referans_no",
            text(
                format!("Referans numarasının 30 günlük süresi {} tarihinde doldu. Dış temsilcilikten yeni bir referans numarası alın.", fmt_tr(last)),
                format!("The reference number's 30 days ended on {}. Get a new reference number from the consulate.", fmt_en(last)),
            ),
        );
    } else if (last - app_date).num_days() < WARN_DAYS as i64 {
        let left = (last - app_date).num_days() + 1;
        c.warn(
            "reference.validity",
            Screen::Basvuru,
            "basvuru.referans_no",
            text(
                format!("Referans numarası {} tarihine kadar geçerli ({left} gün kaldı). Başvuruyu bu tarihten önce tamamlayın.", fmt_tr(last)),
                format!("The reference number is valid until {} ({left} days left). Complete the application before then.", fmt_en(last)),
            ),
        );
    }
}

/// Extension window: from 60 days before the current permit's end, and before the end
/// day itself (004; stricter of its two readings).
fn extension_window(c: &mut Ctx, end: NaiveDate, app_date: NaiveDate) {
    let opens = minus_days(end, 60);
    if app_date < opens {
        c.block(
            "extension.window",
            Screen::Basvuru,
            "basvuru.mevcut_izin_bitis",
            text(
                format!("Uzatma başvurusu en erken {} tarihinde yapılabilir (izin bitişinden 60 gün önce).", fmt_tr(opens)),
                format!("The extension can be filed from {} at the earliest (60 days before the permit ends).", fmt_en(opens)),
            ),
        );
    } else if app_date >= end {
        c.block(
            "extension.window",
            Screen::Basvuru,
            "basvuru.mevcut_izin_bitis",
            text(
                format!("İzin {} tarihinde bitiyor; bu tarihten itibaren yapılan başvuru uzatma sayılmaz. “İlk başvuru” olarak başvurun.", fmt_tr(end)),
                format!("The permit ends on {}; from that day on an application is no longer an extension. Apply as a first application.", fmt_en(end)),
            ),
        );
    } else if (end - app_date).num_days() <= WARN_DAYS as i64 {
        c.warn(
            "extension.window",
            Screen::Basvuru,
            "basvuru.mevcut_izin_bitis",
            text(
                format!(
                    "Uzatma için son gün {} — acele edin.",
                    fmt_tr(minus_days(end, 1))
                ),
                format!(
                    "The last day for the extension is {} — hurry.",
                    fmt_en(minus_days(end, 1))
                ),
            ),
        );
    }
}

/// In-country: a residence permit valid for 6 more months, not a student one.
fn residence(c: &mut Ctx, doc: &CaseDoc, app_date: NaiveDate) {
    let k = &doc.kisisel;
    if c.some_required(Screen::Kisisel, "kisisel.ikamet_turu", &k.ikamet_turu)
        && k.ikamet_turu == Some(IkametTuru::Ogrenci)
    {
        c.block(
            "residence.student",
            Screen::Kisisel,
            "kisisel.ikamet_turu",
            text(
                "Ön lisans/lisans öğrenimi için verilen öğrenci ikamet izni yurt içi başvuru için sayılmaz. Başka türde bir ikamet izni gerekir.",
                "A student residence permit (associate/bachelor studies) does not qualify for an in-country application. Another kind of residence permit is needed.",
            ),
        );
    }
    if under_protection(doc) {
        return; // The status document, not a residence permit's end date, applies.
    }
    if !c.some_required(Screen::Kisisel, "kisisel.ikamet_bitis", &k.ikamet_bitis) {
        return;
    }
    let end = k.ikamet_bitis.expect("checked");
    let needed = add_months(app_date, 6);
    if end < needed {
        c.block(
            "residence.six_months",
            Screen::Kisisel,
            "kisisel.ikamet_bitis",
            text(
                format!("İkamet izni başvuru tarihinden en az 6 ay daha, yani en az {} tarihine kadar geçerli olmalı. Önce ikamet iznini uzatın.", fmt_tr(needed)),
                format!("The residence permit must be valid at least 6 more months from the application date, i.e. until {} or later. Extend the residence permit first.", fmt_en(needed)),
            ),
        );
    }
}

fn spouse(c: &mut Ctx, doc: &CaseDoc, today: NaiveDate) {
    let k = &doc.kisisel;
    for (field, value) in [
        ("kisisel.es_ad", &k.es_ad),
        ("kisisel.es_soyad", &k.es_soyad),
        ("kisisel.es_uyruk", &k.es_uyruk),
    ] {
        if value.trim().is_empty() {
            c.block(
                "spouse.required",
                Screen::Kisisel,
                field,
                text("Medeni durum “Evli” olduğu için eşin adı, soyadı ve uyruğu zorunludur.", "Because the marital status is “Married”, the spouse's name, surname and nationality are required."),
            );
        }
    }
    if !k.es_tc_vatandasi {
        return;
    }
    let v = k.es_tc_kimlik_no.trim();
    if v.is_empty() || !tckn_ok(v) {
        c.block(
            "spouse.turkish",
            Screen::Kisisel,
            "kisisel.es_tc_kimlik_no",
            text(
                "Eş Türk vatandaşı: geçerli T.C. kimlik numarası (11 hane, kontrol basamakları tutmalı) zorunludur.",
                "The spouse is a Turkish citizen: a valid T.C. identity number (11 digits, matching check digits) is required.",
            ),
        );
    }
    if k.es_dogum_tarihi.is_none() {
        c.block(
            "spouse.turkish",
            Screen::Kisisel,
            "kisisel.es_dogum_tarihi",
            text(
                "Eş Türk vatandaşı: doğum tarihi zorunludur.",
                "The spouse is a Turkish citizen: the date of birth is required.",
            ),
        );
    } else {
        c.past_date(
            Screen::Kisisel,
            "kisisel.es_dogum_tarihi",
            k.es_dogum_tarihi,
            today,
        );
    }
}

/// Requested duration against the 1/2/3-year maximum and the passport's expiry − 60 days;
/// returns the latest possible end date and which constraint binds.
fn duration(c: &mut Ctx, doc: &CaseDoc, app_date: NaiveDate) -> Option<LatestEnd> {
    let o = &doc.gorev;
    let max = max_duration_months(doc);
    // An extension continues the current permit; anything else starts on application.
    let start = match (is_extension(doc), doc.basvuru.mevcut_izin_bitis) {
        (true, Some(end)) => plus_days(end, 1).max(app_date),
        _ => app_date,
    };
    let by_duration = minus_days(add_months(start, max), 1);
    let by_passport = if under_protection(doc) {
        None
    } else {
        doc.genel.pasaport_bitis.map(|exp| minus_days(exp, 60))
    };

    if let Some(limit) = by_passport {
        if limit < start {
            c.block(
                "passport.sixty_days",
                Screen::Genel,
                "genel.pasaport_bitis",
                text(
                    format!("Pasaportun bitişine 60 günden az kaldığı için izin verilemez (izin en geç {} tarihine kadar olabilir). Önce pasaportu yenileyin.", fmt_tr(limit)),
                    format!("The passport expires in less than 60 days, so no permit can be issued (it could run to {} at the latest). Renew the passport first.", fmt_en(limit)),
                ),
            );
        }
    }

    let (date, binding) = match by_passport {
        Some(p) if p < by_duration => (p, "passport"),
        _ => (by_duration, "duration"),
    };
    let years = max / 12;
    let explanation = if binding == "passport" {
        text(
            format!("En geç bitiş {}: pasaport bitişinden 60 gün öncesi ({} yıllık üst sınırdan daha erken).", fmt_tr(date), years),
            format!("Latest end {}: 60 days before the passport expires (earlier than the {}-year maximum).", fmt_en(date), years),
        )
    } else {
        text(
            format!(
                "En geç bitiş {}: bu başvuru türü için üst sınır {} yıl.",
                fmt_tr(date),
                years
            ),
            format!(
                "Latest end {}: the maximum for this application type is {} year(s).",
                fmt_en(date),
                years
            ),
        )
    };

    if c.some_required(Screen::Gorev, "gorev.sure_ay", &o.sure_ay) {
        let months = o.sure_ay.expect("checked");
        if months == 0 || months > max {
            c.block(
                "duration.max",
                Screen::Gorev,
                "gorev.sure_ay",
                text(
                    format!("Bu başvuru türünde süre 1 ile {max} ay arasında olmalı."),
                    format!("For this application type the duration must be 1 to {max} months."),
                ),
            );
        } else if by_passport.is_some_and(|p| p >= start) {
            let requested_end = minus_days(add_months(start, months), 1);
            if requested_end > date {
                c.block(
                    "passport.sixty_days",
                    Screen::Gorev,
                    "gorev.sure_ay",
                    text(
                        format!("{months} ay {} tarihinde biter; ama izin en geç {} tarihine kadar olabilir (pasaport bitişinden 60 gün önce). Süreyi kısaltın veya pasaportu yenileyin.", fmt_tr(requested_end), fmt_tr(date)),
                        format!("{months} months end on {}, but the permit can run to {} at the latest (60 days before the passport expires). Shorten it or renew the passport.", fmt_en(requested_end), fmt_en(date)),
                    ),
                );
            }
        }
    }
    Some(LatestEnd {
        start,
        date,
        binding,
        explanation,
    })
}

/// The portal deletes drafts not completed within one month (000 B.4.6).
fn drafts(c: &mut Ctx, doc: &CaseDoc, today: NaiveDate) {
    let Some(saved) = doc.portal_taslak_tarihi else {
        return;
    };
    let deleted_on = add_months(saved, 1);
    let age = (today - saved).num_days();
    let (severity, tr, en) = if today >= deleted_on {
        (
            Severity::Blocking,
            format!("Portaldaki taslak {} tarihinde silinmiş olmalı (bir aydan eski taslaklar silinir). Başvuruyu portalda yeniden başlatın.", fmt_tr(deleted_on)),
            format!("The portal draft was deleted on {} (drafts older than one month are deleted). Start the application again on the portal.", fmt_en(deleted_on)),
        )
    } else if (deleted_on - today).num_days() <= WARN_DAYS as i64 {
        (
            Severity::Warning,
            format!("Portaldaki taslak {age} günlük; {} tarihinde silinecek. Ondan önce tamamlayın.", fmt_tr(deleted_on)),
            format!("The portal draft is {age} days old; it will be deleted on {}. Complete it before then.", fmt_en(deleted_on)),
        )
    } else {
        (
            Severity::Info,
            format!(
                "Portaldaki taslak {age} günlük; {} tarihinde silinecek.",
                fmt_tr(deleted_on)
            ),
            format!(
                "The portal draft is {age} days old; it will be deleted on {}.",
                fmt_en(deleted_on)
            ),
        )
    };
    c.push(
        "draft.age",
        severity,
        Screen::Basvuru,
        "portal_taslak_tarihi",
        text(tr, en),
    );
}

/// Documents the rules make necessary (000 B.4.4). The full checklist adds the user's own.
pub fn required_documents(doc: &CaseDoc) -> Vec<RequiredDocument> {
    let mut docs = vec![
        RequiredDocument {
            key: "is_sozlesmesi",
            title_tr: "İş Sözleşmesi",
            title_en: "Employment contract",
            rule: "documents.always",
        },
        RequiredDocument {
            key: "gelir_belgesi",
            title_tr: "Gelir Durumunu Gösterir Belge",
            title_en: "Proof of income",
            rule: "documents.always",
        },
    ];
    if !under_protection(doc) {
        docs.push(RequiredDocument {
            key: "pasaport",
            title_tr: "Pasaportun Kişi Bilgilerini İçeren Sayfası",
            title_en: "Passport personal-data page",
            rule: "passport.protection",
        });
    }
    match doc.gorev.vasilik {
        Some(Vasilik::BasvuranVasi) => docs.push(RequiredDocument {
            key: "vasilik_belgesi",
            title_tr: "Vasilik Gösterir Belge",
            title_en: "Proof of guardianship",
            rule: "guardian.document",
        }),
        Some(Vasilik::YakinVasiAdina) => docs.push(RequiredDocument {
            key: "vasi_onayi",
            title_tr: "Vasinin Başvuruya İlişkin Onayını Gösteren Belge",
            title_en: "Guardian's consent to the application",
            rule: "guardian.document",
        }),
        _ => {}
    }
    docs
}

#[cfg(test)]
mod tests;
