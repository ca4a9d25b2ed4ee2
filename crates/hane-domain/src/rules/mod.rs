//! The portal's rules, checked in the core. [`validate`] is a pure function of the case
//! and "today" (the clock is injected), fast enough for every keystroke.
//!
//! **Never block on a reading the seeds leave open.** A finding is `Blocking` only where
//! a seed sentence forces it (the sentence is named beside the check and in
//! [`catalog::RULES`]) or where the value is impossible (a birth date in the future, an
//! identity number whose check digits fail): a checker that refuses a legitimate
//! application is worse than none. Everywhere else Hane warns and shows the sentence.
//!
//! Each finding has a stable rule id (see [`catalog::RULES`] for its source sentence and
//! `docs/rules.md` for the table with tests), a severity, the field it belongs to, and a
//! Turkish and English message that says what to do.

pub mod catalog;
pub mod identity;

use chrono::{Datelike, Days, Months, NaiveDate};
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

pub use crate::text::Text;

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

/// English messages give dates as the page shows them, DD.MM.YYYY (issue #34: one format
/// in both languages, the portal's).
fn fmt_en(d: NaiveDate) -> String {
    fmt_tr(d)
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
        // The guide gives no name alphabet (Hane's own check), so it only warns.
        if self.text_required(screen, field, value) && !name_ok(value) {
            self.warn(
                "name.letters",
                screen,
                field,
                text(
                    "Adlarda genellikle yalnızca harf, boşluk, kısa çizgi ve kesme işareti bulunur; rakam veya simge varsa belgedeki yazımla karşılaştırın.",
                    "Names usually hold only letters, spaces, hyphens and apostrophes; if there is a digit or symbol, compare with the document.",
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
            // Whose card to read it from: the employer's own, or the cared-for person's.
            let (card_tr, card_en) = if field == "gorev.bakilan_tc_kimlik_no" {
                (
                    "Bakımı yapılacak kişinin kimlik kartından",
                    "from the cared-for person's ID card",
                )
            } else {
                ("Kimlik kartınızdan", "from your ID card")
            };
            self.block(
                "tckn.valid",
                screen,
                field,
                text(
                    format!("Geçerli bir T.C. kimlik numarası değil: 11 hane olmalı, 0 ile başlamamalı ve kontrol basamakları tutmalı. {card_tr} tekrar okuyun."),
                    format!("Not a valid T.C. identity number: 11 digits, not starting with 0, and its check digits must match. Read it again {card_en}."),
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

/// The two readings of "bir aydan fazla" (000 B.4.6 Not) for a portal draft saved on
/// `saved`: its last day one calendar month later, clamped to the month's end (31 Jan →
/// 28 Feb), and the same with the days that do not fit carried into the month after (31
/// Jan → 3 Mar). They differ only for a draft saved on the 29th–31st.
pub fn draft_last_days(saved: NaiveDate) -> (NaiveDate, NaiveDate) {
    let clamped = add_months(saved, 1);
    let carried = saved
        .with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .map(|next| plus_days(next, u64::from(saved.day() - 1)))
        .unwrap_or(clamped);
    (clamped, carried.max(clamped))
}

/// The extension window around a permit ending on `end` (004; 000 is silent), the same
/// for validation and the deadline list: it opens 2 calendar months before the end
/// ("2 aylık süre"); the day to act by is the day before the end ("bitimi itibariyle …
/// işleme alınamamaktadır"); the end day up to `late_until` (end + 15: "bitiminden
/// itibaren en 15 gün içerisinde … kabul edilmektedir") is late, may or may not be
/// accepted; after it both sentences agree it is a first application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtensionWindow {
    pub opens: NaiveDate,
    pub safe_last: NaiveDate,
    pub late_until: NaiveDate,
}

impl ExtensionWindow {
    pub fn of(end: NaiveDate) -> ExtensionWindow {
        ExtensionWindow {
            opens: end
                .checked_sub_months(Months::new(2))
                .unwrap_or(NaiveDate::MIN),
            safe_last: minus_days(end, 1),
            late_until: plus_days(end, 15),
        }
    }
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

/// Every check of the household guide, for `doc` as of `today`.
/// The portal picks il, ilçe and nationality from lists (issue #20). A typed value in none
/// of Hane's lists is most likely misspelt ("Istanbul", "Filipinli"); the lists may lag a
/// new district, so this only warns (Hane's own check: the guide does not describe the
/// lists).
fn places_listed(c: &mut Ctx, doc: &CaseDoc) {
    use crate::places::{il, ilce_of, ulke};
    let i = &doc.isyeri;
    if !i.il.trim().is_empty() && il(&i.il).is_none() {
        c.warn(
            "place.list",
            Screen::Isyeri,
            "isyeri.il",
            text(
                format!(
                    "“{}” 81 ilin listesinde yok; ili listeden seçin.",
                    i.il.trim()
                ),
                format!(
                    "“{}” is not one of the 81 provinces; pick it from the list.",
                    i.il.trim()
                ),
            ),
        );
    } else if !i.ilce.trim().is_empty() && !ilce_of(&i.il, &i.ilce) {
        c.warn(
            "place.list",
            Screen::Isyeri,
            "isyeri.ilce",
            text(
                format!(
                    "“{}”, {} ilçelerinin listesinde yok; listeden seçin.",
                    i.ilce.trim(),
                    i.il.trim()
                ),
                format!(
                    "“{}” is not a district of {} on the list; pick it from the list.",
                    i.ilce.trim(),
                    i.il.trim()
                ),
            ),
        );
    }
    let k = &doc.kisisel;
    let married = k.medeni_durum == Some(crate::case::MedeniDurum::Evli);
    for (field, value, screen_needs) in [
        ("kisisel.uyruk", &k.uyruk, true),
        (
            "kisisel.es_uyruk",
            &k.es_uyruk,
            married && !k.es_tc_vatandasi,
        ),
    ] {
        if screen_needs && !value.trim().is_empty() && ulke(value).is_none() {
            c.warn(
                "place.list",
                Screen::Kisisel,
                field,
                text(
                    format!("“{}” ülke listesinde yok; uyruğu ülke adıyla listeden seçin (ör. Filipinli değil Filipinler).", value.trim()),
                    format!("“{}” is not on the list of countries; pick the nationality by the country’s name (e.g. Philippines).", value.trim()),
                ),
            );
        }
    }
}

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
    places_listed(&mut c, doc);

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
        // 000 B.6.1.1/B.6.1.2: "9 ile başlayan yabancı kimlik numarası"; check digits that
        // fail mean a number that does not exist (a misread digit).
        c.block(
            "ykn.valid",
            Screen::Kisisel,
            "kisisel.yabanci_kimlik_no",
            text(
                "Geçerli bir yabancı kimlik numarası değil: 9 ile başlayan 11 hane olmalı ve kontrol basamakları tutmalı. İkamet izni kartından tekrar okuyun.",
                "Not a valid foreigner identity number: 11 digits starting with 9, with matching check digits. Read it again from the residence permit card.",
            ),
        );
    } else if ykn.starts_with("98") {
        c.warn(
            "ykn.valid",
            Screen::Kisisel,
            "kisisel.yabanci_kimlik_no",
            text(
                "Hane'nin notu (kılavuzda geçmez): 98 ile başlayan numara geçici koruma kimlik numarasıdır, yabancı kimlik numarası (YKN) değildir. Portal Göç İdaresinin verdiği yabancı kimlik numarasını ister; ikamet izni kartındaki numarayı kontrol edin.",
                "Hane's note (not in the guide): a number starting with 98 is a temporary-protection identity number, not a foreigner identity number (YKN). The portal asks for the YKN issued by the migration authority; check the number on the residence permit card.",
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
    foreigner_contact(&mut c, &k.eposta, &k.telefon);
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
    {
        guardian_relative(&mut c, o.yakinlik);
    }
    if c.text_required(Screen::Gorev, "gorev.ucret", &o.ucret) {
        wage(&mut c, &o.ucret);
    }
    c.some_required(Screen::Gorev, "gorev.calisma_sekli", &o.calisma_sekli);
    c.some_required(Screen::Gorev, "gorev.calisma_tipi", &o.calisma_tipi);
    c.text_required(Screen::Gorev, "gorev.gerekce", &o.gerekce);
    let latest_end = duration(&mut c, doc, app_date);

    drafts(&mut c, doc, today);
    contract_stale(&mut c, doc, app_date);

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

/// The employer's mobile is required (000 B.1: "e-posta ve cep telefonu bilgilerinizin
/// girilerek doğrulamasının yapılması gerekmektedir"); the guide does not say it must be
/// Turkish, so a number that is not one only warns.
fn mobile(c: &mut Ctx, screen: Screen, field: &'static str, v: &str) {
    if c.text_required(screen, field, v) && turkish_mobile(v).is_none() {
        c.warn(
            "contact.mobile",
            screen,
            field,
            text("Bu bir Türkiye cep telefonu numarasına benzemiyor (05XX XXX XX XX). Portal bu numaraya doğrulama kodu gönderir; kodu alabileceğiniz numarayı yazdığınızdan emin olun.", "This does not look like a Turkish mobile number (05XX XXX XX XX). The portal sends a verification code to it; make sure it is a number where you can receive it."),
        );
    }
}

/// The foreigner's contact details must be completed (000 B.4.1: "kalan alanların
/// (iletişim bilgileri, fotoğraf, vb.) ayrıca tamamlanması gerekmektedir"), but the guide
/// does not say which: with neither an e-mail nor a phone the block is forced, a missing
/// or odd-looking one of the two only warns.
fn foreigner_contact(c: &mut Ctx, eposta: &str, telefon: &str) {
    let (eposta, telefon) = (eposta.trim(), telefon.trim());
    if eposta.is_empty() && telefon.is_empty() {
        c.block(
            "contact.foreigner",
            Screen::Kisisel,
            "kisisel.telefon",
            text("Yabancının iletişim bilgileri tamamlanmalı: en az bir telefon numarası veya e-posta adresi yazın.", "The foreigner's contact details must be completed: enter at least a phone number or an e-mail address."),
        );
        return;
    }
    if eposta.is_empty() {
        c.warn(
            "contact.foreigner",
            Screen::Kisisel,
            "kisisel.eposta",
            text("Yabancının e-posta adresi boş. Varsa yazın; portal iletişim bilgilerini soruyor.", "The foreigner's e-mail is empty. Enter it if she has one; the portal asks for contact details."),
        );
    } else if !email_ok(eposta) {
        c.warn(
            "contact.email",
            Screen::Kisisel,
            "kisisel.eposta",
            text(
                "Bu e-posta adresi eksik görünüyor (ör. ad@ornek.com); kontrol edin.",
                "This e-mail address looks incomplete (e.g. name@example.com); check it.",
            ),
        );
    }
    if telefon.is_empty() {
        c.warn(
            "contact.foreigner",
            Screen::Kisisel,
            "kisisel.telefon",
            text("Yabancının telefon numarası boş. Varsa ülke koduyla yazın.", "The foreigner's phone number is empty. Enter it with its country code if she has one."),
        );
    } else if telefon.chars().filter(char::is_ascii_digit).count() < 7 {
        c.warn(
            "contact.mobile",
            Screen::Kisisel,
            "kisisel.telefon",
            text(
                "Telefon numarası eksik görünüyor; ülke koduyla birlikte tam numarayı yazın.",
                "The phone number looks incomplete; write the full number with its country code.",
            ),
        );
    }
}

/// The wage is asked (000 B.4.3 "Alacağı ücret"); it is printed in the petition, so it
/// must read one way only: the core's money parser, whose refusal says why.
fn wage(c: &mut Ctx, typed: &str) {
    use crate::money::{format_tl, parse_tl, MoneyProblem};
    let (tr, en) = match parse_tl(typed) {
        Ok(k) if k > 0 => return,
        Ok(_) => ("Ücret sıfır olamaz; aylık brüt tutarı yazın.".to_string(), "The wage cannot be zero; write the monthly gross amount.".to_string()),
        Err(MoneyProblem::Ambiguous) => ("Bu tutar iki türlü okunabilir. Türkçe yazın: binler nokta, kuruş virgülle (ör. 25.000 veya 25.000,50).".into(), "This amount can be read two ways. Write it the Turkish way: a dot between thousands, a comma before the kuruş (e.g. 25.000 or 25.000,50).".into()),
        Err(MoneyProblem::TooLarge) => (format!("Bu tutar çok büyük (en fazla {}); rakamları kontrol edin.", format_tl(crate::money::MAX_KURUS)), "This amount is too large; check the digits.".into()),
        Err(_) => ("Ücreti aylık brüt tutar olarak, yalnızca rakamla yazın (ör. 25.000 veya 25.000,50).".into(), "Write the monthly gross wage in digits only (e.g. 25.000 or 25.000,50).".into()),
    };
    c.block("wage.amount", Screen::Gorev, "gorev.ucret", text(tr, en));
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
    if b.referans_tarihi.is_none() {
        // 000 B.3.2 has the portal ask for the number only; the issue date is Hane's, to
        // count the 30 days. Without it Hane says it cannot, and refuses nothing.
        c.warn(
            "reference.validity",
            Screen::Basvuru,
            "basvuru.referans_tarihi",
            text(
                "Referans numarasının alındığı tarih boş, bu yüzden Hane 30 günlük geçerliliği denetleyemiyor. Portal bu tarihi sormaz; ama süre geçerse başvuru yapılamaz. Tarihi dış temsilciliğin yazısından girin.",
                "The date the reference number was issued is empty, so Hane cannot check its 30-day validity. The portal does not ask for it, but once the 30 days pass no application can be made with it. Enter the date from the consulate's letter.",
            ),
        );
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
    // "Referans numarasının geçerlilik süresi 30 gündür" (000 B.3.2 Uyarı). Counted like
    // every other "30 gün" of the guide, issue + 30 is the last day; read with the issue
    // day as day 1 it is issue + 29. Past issue + 30 both readings agree (block); on the
    // disputed day Hane warns.
    let strict_last = plus_days(issued, 29);
    let last = plus_days(issued, 30);
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
    } else if app_date == last {
        c.warn(
            "reference.validity",
            Screen::Basvuru,
            "basvuru.referans_no",
            text(
                format!("Bugün referans numarasının 30. günü sayılabilir de, süresi dün ({}) dolmuş da sayılabilir: kılavuz düzenlenme gününün sayılıp sayılmadığını söylemiyor. Başvuruyu bugün tamamlamayı deneyin; portal kabul etmezse yeni referans numarası alın.", fmt_tr(strict_last)),
                format!("Today may be the reference number's 30th day, or its validity may have ended yesterday ({}): the guide does not say whether the issue day counts. Try to complete the application today; if the portal refuses it, get a new reference number.", fmt_en(strict_last)),
            ),
        );
    } else if (strict_last - app_date).num_days() < WARN_DAYS as i64 {
        let left = (strict_last - app_date).num_days() + 1;
        c.warn(
            "reference.validity",
            Screen::Basvuru,
            "basvuru.referans_no",
            text(
                format!("Referans numarasının süresi dolmak üzere: güvenli son gün {} ({left} gün kaldı). Başvuruyu bu tarihe kadar tamamlayın.", fmt_tr(strict_last)),
                format!("The reference number is about to expire: the safe last day is {} ({left} days left). Complete the application by then.", fmt_en(strict_last)),
            ),
        );
    }
}

/// Extension window (004, the only source; 000 is silent):
/// - "izin bitiş tarihinden geçmişe doğru 2 aylık süre içerisinde yapılması zorunluluğu
///   bulunmaktadır": before end − 2 calendar months it blocks; on that day itself (inside
///   or just outside, depending on how the period is counted) it warns.
/// - The end: 004 says both "bitiminden itibaren en 15 gün içerisinde yapılan uzatma
///   başvuruları kabul edilmektedir" and "bitimi itibariyle yapılan süre uzatma
///   başvuruları işleme alınamamaktadır". From the end day to end + 15 the reading is open:
///   Hane warns, with the stricter deadline (the day before the end) as the advice. After
///   end + 15 both sentences agree it is no longer an extension: it blocks.
fn extension_window(c: &mut Ctx, end: NaiveDate, app_date: NaiveDate) {
    let ExtensionWindow {
        opens,
        safe_last: strict_last,
        late_until: grace_last,
    } = ExtensionWindow::of(end);
    let (severity, tr, en) = if app_date < opens {
        (
            Severity::Blocking,
            format!("Uzatma başvurusu izin bitişinden en fazla 2 ay önce yapılabilir: en erken {}.", fmt_tr(opens)),
            format!("An extension can be filed at most 2 months before the permit ends: from {} at the earliest.", fmt_en(opens)),
        )
    } else if app_date == opens {
        (
            Severity::Warning,
            format!("Bugün izin bitişinden tam 2 ay önce: 2 aylık sürenin ilk günü sayılmayabilir. Emin olmak için {} veya sonrasında başvurun.", fmt_tr(plus_days(opens, 1))),
            format!("Today is exactly 2 months before the permit ends: it may not count as inside the 2-month period. To be sure, file on {} or later.", fmt_en(plus_days(opens, 1))),
        )
    } else if app_date > grace_last {
        (
            Severity::Blocking,
            format!("İzin {} tarihinde bitti; bitişten 15 günden sonra yapılan başvuru uzatma sayılmaz. İlk başvuru yapın (portalda “Bu yabancı için ilk defa başvuru yapıyorum.”).", fmt_tr(end)),
            format!("The permit ended on {}; more than 15 days after the end an application is no longer an extension. Apply as a first application.", fmt_en(end)),
        )
    } else if app_date >= end {
        (
            Severity::Warning,
            format!("Geç: izin {} tarihinde bitiyor/bitti; uyulacak son gün {} idi. Kaynak çelişkili: bir cümleye göre bitişten sonraki 15 gün ({} dahil) içinde yapılan uzatma kabul edilir, diğerine göre bitiş gününden itibaren işleme alınmaz — kabul edilebilir de edilmeyebilir de. Hemen başvurun; reddedilirse ilk başvuru yapmanız gerekir.", fmt_tr(end), fmt_tr(strict_last), fmt_tr(grace_last)),
            format!("Late: the permit ends/ended on {}; the day to act by was {}. The source contradicts itself: one sentence accepts an extension within 15 days after the end ({} included), another says none is processed from the end day — it may or may not be accepted. File at once; if it is refused, a first application is needed.", fmt_en(end), fmt_en(strict_last), fmt_en(grace_last)),
        )
    } else if (end - app_date).num_days() <= WARN_DAYS as i64 {
        (
            Severity::Warning,
            format!(
                "Uzatma için güvenli son gün {} — acele edin.",
                fmt_tr(strict_last)
            ),
            format!(
                "The safe last day for the extension is {} — hurry.",
                fmt_en(strict_last)
            ),
        )
    } else {
        return;
    };
    c.push(
        "extension.window",
        severity,
        Screen::Basvuru,
        "basvuru.mevcut_izin_bitis",
        text(tr, en),
    );
}

/// Applying on the guardian's behalf (000 B.4.4 Not: "vasisi olan kişi adına birinci veya
/// ikinci derece yakını tarafından"). The cared-for person is not their own relative: that
/// blocks. Whether a spouse, or an "other" relative such as an in-law, counts as first- or
/// second-degree the guide does not say, and the portal checks the relationship with NVİ
/// (000 B.4.3 Uyarı): a warning, never a block.
fn guardian_relative(c: &mut Ctx, yakinlik: Option<Yakinlik>) {
    let (severity, tr, en) = match yakinlik {
        Some(Yakinlik::Kendisi) => (
            Severity::Blocking,
            "Vasi adına ancak bakılan kişinin birinci veya ikinci derece bir yakını başvurabilir; bakılan kişinin kendisi başvuramaz. Yakınlığı kontrol edin.",
            "Only a first- or second-degree relative of the cared-for person can apply on the guardian's behalf, not the cared-for person themselves; check the relationship.",
        ),
        Some(Yakinlik::Es) => (
            Severity::Warning,
            "Kılavuz vasi adına başvuruyu “birinci veya ikinci derece yakını”na tanır; eşin bu kapsamda sayılıp sayılmadığını söylemez. Portal yakınlığı NVİ'den doğrular ve kabul etmeyebilir; mümkünse birinci veya ikinci derece bir kan yakını (çocuk, anne/baba, kardeş, torun) başvursun.",
            "The guide lets a “first- or second-degree relative” apply on the guardian's behalf; it does not say whether a spouse counts. The portal checks the relationship with NVİ and may refuse it; if you can, let a first- or second-degree blood relative (child, parent, sibling, grandchild) apply.",
        ),
        Some(Yakinlik::Diger) => (
            Severity::Warning,
            "Vasi adına ancak birinci veya ikinci derece bir yakın başvurabilir. “Diğer” bir yakınlık (ör. gelin, damat, kayınvalide) bu kapsamda olabilir de olmayabilir de; portal yakınlığı NVİ'den doğrular. Yakınlık derecesini kontrol edin.",
            "Only a first- or second-degree relative can apply on the guardian's behalf. An “other” relationship (e.g. a son- or daughter-in-law) may or may not count; the portal checks it with NVİ. Check the degree of the relationship.",
        ),
        _ => return,
    };
    c.push(
        "guardian.relative_degree",
        severity,
        Screen::Gorev,
        "gorev.yakinlik",
        text(tr, en),
    );
}

/// In-country residence (000 B.3.1 Uyarı: "Yurt içi başvurularda yabancının en az 6 ay
/// geçerli bir ikameti olması gerekmektedir").
/// - Expired on the application date: not "geçerli" under any reading — blocks.
/// - Valid, but for less than 6 more months: the reading is open. 004 says both "müracaat
///   tarihinde geçerli en az 6 ay süresi bulunan oturma izni" (6 months left) and "en az
///   6 ay süreli ikamet izni almış ve iznin süresi sona ermemiş" (a 6-month permit, not
///   expired) — a warning, with both sentences.
/// - Long-term residence has no end (004: "süresiz olarak verilmektedir").
/// - In an extension, a caregiver whose title is the work permit being extended holds a
///   residence by it (004: "Çalışma izni sahibi olmak aynı zamanda ikamet izni sahibi
///   olmak anlamına gelmektedir"); its end is the permit's, checked by the extension
///   window, and is at most 2 months away by definition.
/// - Student residence for önlisans/lisans does not qualify (004, 000 silent) — blocks.
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
    match k.ikamet_turu {
        // The status document, not a residence permit's end date, applies.
        Some(IkametTuru::UluslararasiKoruma) => return,
        Some(IkametTuru::UzunDonem) => return,
        Some(IkametTuru::CalismaIzni) if is_extension(doc) => return,
        _ => {}
    }
    if !c.some_required(Screen::Kisisel, "kisisel.ikamet_bitis", &k.ikamet_bitis) {
        return;
    }
    let end = k.ikamet_bitis.expect("checked");
    let six_months = add_months(app_date, 6);
    if end < app_date {
        c.block(
            "residence.six_months",
            Screen::Kisisel,
            "kisisel.ikamet_bitis",
            text(
                format!("İkamet izni {} tarihinde bitmiş; yurt içi başvuru için geçerli bir ikamet gerekir. Önce ikamet iznini uzatın.", fmt_tr(end)),
                format!("The residence permit ended on {}; an in-country application needs a valid residence. Extend the residence permit first.", fmt_en(end)),
            ),
        );
    } else if end < six_months {
        c.warn(
            "residence.six_months",
            Screen::Kisisel,
            "kisisel.ikamet_bitis",
            text(
                format!("İkamet izni başvuru tarihinden sonra 6 aydan az ({} tarihine kadar) geçerli. Kılavuz “yabancının en az 6 ay geçerli bir ikameti olması gerekmektedir” diyor; bu, 6 ay daha geçerli olması olarak da okunabilir. Mümkünse önce ikamet iznini uzatın ({} veya sonrasına).", fmt_tr(end), fmt_tr(six_months)),
                format!("The residence permit is valid for less than 6 months after the application date (until {}). The guide asks for “a residence valid for at least 6 months”, which can also be read as 6 more months. If you can, extend the residence permit first (to {} or later).", fmt_en(end), fmt_en(six_months)),
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
                "Latest end {}: the maximum for this application type is {} year{}.",
                fmt_en(date),
                years,
                if years == 1 { "" } else { "s" }
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
            // 000 B.4.2 limits the permit ("60 gün öncesine kadar düzenlenebilir"), not the
            // request: the Ministry can issue a shorter permit, so a longer request warns
            // and says which duration fits.
            let requested_end = minus_days(add_months(start, months), 1);
            if requested_end > date {
                let fits = (1..months)
                    .rev()
                    .find(|m| minus_days(add_months(start, *m), 1) <= date);
                let (tr, en) = match fits {
                    Some(m) => (
                        format!("{m} ay isteyin veya pasaportu yenileyin."),
                        format!("Ask for {m} months, or renew the passport."),
                    ),
                    None => (
                        "Pasaportu yenileyin.".to_string(),
                        "Renew the passport.".to_string(),
                    ),
                };
                c.warn(
                    "passport.sixty_days",
                    Screen::Gorev,
                    "gorev.sure_ay",
                    text(
                        format!("{months} ay {} tarihinde biter; ama izin en geç {} tarihine kadar düzenlenebilir (pasaport bitişinden 60 gün önce), yani daha kısa verilir. {tr}", fmt_tr(requested_end), fmt_tr(date)),
                        format!("{months} months end on {}, but the permit can be issued to {} at the latest (60 days before the passport expires), so it would be shorter. {en}", fmt_en(requested_end), fmt_en(date)),
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

/// The portal deletes drafts kept "bir aydan fazla" (000 B.4.6 Not: "Bir aydan fazla
/// taslak olarak kalan başvuruların kaydı silinecektir"): on saved + 1 month the draft
/// has been kept exactly a month and is still there (its last day: a warning); from the
/// next day it has been kept more than a month and is gone (blocks).
fn drafts(c: &mut Ctx, doc: &CaseDoc, today: NaiveDate) {
    let Some(saved) = doc.portal_taslak_tarihi else {
        return;
    };
    // Saved on the 29th–31st, "a month later" reads two ways (see `draft_last_days`):
    // Hane blocks only once both readings say the draft is gone.
    let (last_day, later_last_day) = draft_last_days(saved);
    let deleted_on = plus_days(later_last_day, 1);
    let age = (today - saved).num_days();
    let (severity, tr, en) = if today > later_last_day {
        (
            Severity::Blocking,
            format!("Portaldaki taslak {} tarihinde silinmiş olmalı (bir aydan fazla kalan taslaklar silinir). Başvuruyu portalda yeniden başlatın.", fmt_tr(deleted_on)),
            format!("The portal draft was deleted on {} (drafts kept more than one month are deleted). Start the application again on the portal.", fmt_en(deleted_on)),
        )
    } else if today > last_day {
        (
            Severity::Warning,
            format!("Portaldaki taslak silinmiş olabilir. Kılavuz “bir aydan fazla” kalan taslağın silineceğini söylüyor ama {} tarihinden bir ay sonrasının {} mi yoksa {} mi olduğunu söylemiyor. Portalda taslağa hemen bakın; yoksa başvuruyu yeniden başlatın.", fmt_tr(saved), fmt_tr(last_day), fmt_tr(later_last_day)),
            format!("The portal draft may already be deleted. The guide deletes drafts kept “more than one month” but does not say whether a month after {} is {} or {}. Look for the draft on the portal at once; if it is gone, start the application again.", fmt_en(saved), fmt_en(last_day), fmt_en(later_last_day)),
        )
    } else if (last_day - today).num_days() < WARN_DAYS as i64 {
        (
            Severity::Warning,
            format!("Portaldaki taslak {age} günlük; en geç {} tarihinde tamamlayın, ertesi gün silinir.", fmt_tr(last_day)),
            format!("The portal draft is {age} days old; complete it by {} at the latest, it is deleted the day after.", fmt_en(last_day)),
        )
    } else {
        (
            Severity::Info,
            format!(
                "Portaldaki taslak {age} günlük; en geç {} tarihinde tamamlanmalı.",
                fmt_tr(last_day)
            ),
            format!(
                "The portal draft is {age} days old; it must be completed by {}.",
                fmt_en(last_day)
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

/// The contract Hane drafted no longer matches the application (issue #35): each value
/// that changed is named beside its field. A warning only — the signed scan attached is
/// what counts, and the employer may attach a contract of her own (000 B.4.4 asks for "İş
/// sözleşmesi", not Hane's draft).
fn contract_stale(c: &mut Ctx, doc: &CaseDoc, app_date: NaiveDate) {
    let Some(drafted) = &doc.sozlesme.taslak else {
        return;
    };
    // A value emptied since is the `required` rule's to name.
    let Ok(now) = crate::contract::values_of(doc, app_date) else {
        return;
    };
    for s in crate::contract::stale(drafted, &now) {
        let (tr, en) = crate::contract::stale_label(s.field);
        let screen = match s.field.split('.').next() {
            Some("profil") => Screen::Profil,
            Some("isyeri") => Screen::Isyeri,
            Some("basvuru") => Screen::Basvuru,
            Some("kisisel") => Screen::Kisisel,
            Some("genel") => Screen::Genel,
            _ => Screen::Gorev,
        };
        c.warn(
            "contract.stale",
            screen,
            s.field,
            text(
                format!("Taslak sözleşmede {tr} “{}”; başvuruda “{}”. Yeni taslak hazırlayıp yeniden imzalatın (Belge Yükleme → İş sözleşmesi).", s.drafted, s.now),
                format!("The draft contract has {en} as “{}”; the application now has “{}”. Draft it again and have it signed again (Document upload → Employment contract).", s.drafted, s.now),
            ),
        );
    }
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
