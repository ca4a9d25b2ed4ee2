//! The application case (başvuru dosyası): one foreign caregiver's work-permit
//! application prepared by one household employer, screen by screen as e-İzin asks it
//! (`000_e5f7698e8ae4fbbc.txt`, section B). Field names follow the portal's Turkish
//! names; see `docs/glossary.md`.
//!
//! Stored as a versioned JSON document (see `storage::cases`). Every field is optional
//! or defaulted so a half-filled draft always saves and loads; the `rules` module says
//! what is still missing or wrong.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{HaneError, Result};

/// Longest name we accept in the "new application" form. The portal's own limit is not
/// documented in the guide; this only keeps obviously broken input out.
pub const MAX_NAME_CHARS: usize = 200;

/// The case document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseDoc {
    pub profil: Profil,
    pub isyeri: Isyeri,
    pub basvuru: Basvuru,
    pub kisisel: Kisisel,
    pub genel: Genel,
    pub gorev: Gorev,
    /// When the user saved the application as a draft on the portal (B.4.4/B.4.6).
    pub portal_taslak_tarihi: Option<NaiveDate>,
    /// Documents the user declares beyond the required ones ("beyan edilecek ek belgeler",
    /// B.4.4), e.g. a medical report of the person cared for.
    pub ek_belgeler: Vec<EkBelge>,
    /// e-İmza preparation steps the user has ticked (000 A; B.4.5 Not), by step id.
    pub eimza_hazirlik: Vec<String>,
    /// For an extension started in Hane: the case whose permit it extends (issue #19).
    /// Once this case is submitted, that one's extension window is done.
    pub uzatilan_basvuru: Option<Uuid>,
    /// The employment contract Hane drafts from the application (issue #35).
    pub sozlesme: Sozlesme,
}

/// The employment contract (İş sözleşmesi, 000 B.4.4) as Hane keeps it with the case:
/// the clauses the user edited, and the values the last draft was made from — so Hane can
/// tell when the application has moved away from what was signed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sozlesme {
    /// Clause texts the user edited, by clause id (the contract module's `CLAUSES`); a clause
    /// not here reads as Hane's own text.
    pub maddeler: std::collections::BTreeMap<String, MaddeMetni>,
    /// What the last draft was made from; `None` until one was drafted.
    pub taslak: Option<SozlesmeDegerleri>,
}

/// One clause's text in each language Hane writes the contract in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaddeMetni {
    pub tr: String,
    pub en: String,
    pub ru: String,
}

/// The values a contract takes from the application, never typed again: the parties, the
/// job, the wage (in kuruş, as the money parser reads it), the working form and type, and
/// the term. `hane-cli contract` prints them as `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SozlesmeDegerleri {
    /// The employer's name, upper-cased the Turkish way (as the petition prints it).
    pub employer: String,
    pub employer_id: String,
    pub employer_address: String,
    /// The caregiver's name in her passport's Latin letters (MARIA, not MARİA).
    pub caregiver: String,
    pub nationality: String,
    pub passport_no: String,
    pub birth_date: Option<NaiveDate>,
    /// Where she works (Görev: çalışacağı adres).
    pub address: String,
    pub job: String,
    pub care: Option<BakimAmaci>,
    pub cared_for: String,
    pub wage_kurus: i64,
    pub calisma_sekli: Option<CalismaSekli>,
    pub calisma_tipi: Option<CalismaTipi>,
    pub months: u32,
    /// The term: from the permit's start (an extension: the day after the current permit
    /// ends; a first application: the planned submission day, the permit's earliest start)
    /// for `months`.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// An extension's start is fixed by the permit it extends; a first application's moves
    /// with the submission day, so only the months are compared for it.
    pub extension: bool,
}

/// A user-declared additional document: a stable id (its checklist slot) and a title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EkBelge {
    pub id: String,
    pub baslik: String,
}

/// Screen 1 — Profil: the employer (B.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profil {
    pub tc_kimlik_no: String,
    pub dogum_tarihi: Option<NaiveDate>,
    pub ad: String,
    pub soyad: String,
    pub eposta: String,
    pub cep_telefonu: String,
}

/// Screen 2 — İşyeri kaydı (Ev Hizmetleri): the household as a real person (B.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Isyeri {
    pub il: String,
    pub ilce: String,
    pub adres: String,
    pub amac: Option<BakimAmaci>,
}

/// The four purposes household permits are given for (B.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BakimAmaci {
    YasliBakimi,
    EngelliBakimi,
    CocukBakimi,
    HastaRefakati,
}

/// Screen 3 — Başvuru türü (B.3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Basvuru {
    pub yer: Option<BasvuruYeri>,
    /// In-country only: first application or extension (B.3.1).
    pub tur: Option<BasvuruTuru>,
    /// Abroad: the consulate's 16-digit reference number and its issue date (B.3.2).
    pub referans_no: String,
    pub referans_tarihi: Option<NaiveDate>,
    /// Extension: how many extensions this worker already had (0 → this is the first).
    pub onceki_uzatma_sayisi: Option<u32>,
    /// Extension: end date of the permit being extended.
    pub mevcut_izin_bitis: Option<NaiveDate>,
    /// The day the user plans to submit on the portal; today when empty.
    pub basvuru_tarihi: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasvuruYeri {
    YurtIci,
    YurtDisi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasvuruTuru {
    Ilk,
    Uzatma,
}

/// Screen 4 — Kişisel bilgiler: the foreigner (B.4.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kisisel {
    pub yabanci_kimlik_no: String,
    pub ad: String,
    pub soyad: String,
    pub dogum_tarihi: Option<NaiveDate>,
    pub uyruk: String,
    pub cinsiyet: Option<Cinsiyet>,
    pub ikamet_turu: Option<IkametTuru>,
    pub ikamet_bitis: Option<NaiveDate>,
    pub eposta: String,
    pub telefon: String,
    pub adres: String,
    pub medeni_durum: Option<MedeniDurum>,
    pub es_ad: String,
    pub es_soyad: String,
    pub es_uyruk: String,
    pub es_tc_vatandasi: bool,
    pub es_tc_kimlik_no: String,
    pub es_dogum_tarihi: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cinsiyet {
    Kadin,
    Erkek,
}

/// Residence status (ikamet/statü). `Ogrenci` is the residence permit for önlisans or
/// lisans education, which does not qualify for an in-country application (004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IkametTuru {
    KisaDonem,
    Aile,
    Ogrenci,
    /// Uzun dönem: given without an end date ("süresiz", 004).
    UzunDonem,
    UluslararasiKoruma,
    /// The work permit itself, which stands for a residence permit (004: "Çalışma izni
    /// sahibi olmak aynı zamanda ikamet izni sahibi olmak anlamına gelmektedir") — the
    /// title of a caregiver whose permit is being extended.
    CalismaIzni,
    Diger,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MedeniDurum {
    Bekar,
    Evli,
    Bosanmis,
    Dul,
}

/// Screen 5 — Genel bilgiler: passport, languages, education (B.4.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Genel {
    pub pasaport_no: String,
    pub pasaport_bitis: Option<NaiveDate>,
    pub diller: String,
    pub egitim_durumu: Option<EgitimDurumu>,
    pub mezun_meslek: String,
    pub ihtisas: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EgitimDurumu {
    Ilkokul,
    Ortaokul,
    Lise,
    Onlisans,
    Lisans,
    YuksekLisans,
    Doktora,
}

/// Screen 6 — Görev bilgileri (B.4.3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Gorev {
    pub calisma_adresi: String,
    pub meslek: String,
    pub bakilan_ad: String,
    pub bakilan_soyad: String,
    pub bakilan_tc_kimlik_no: String,
    pub yakinlik: Option<Yakinlik>,
    pub vasilik: Option<Vasilik>,
    /// Monthly gross wage in Turkish lira, as typed ("25.000,00" or "25000").
    pub ucret: String,
    pub calisma_sekli: Option<CalismaSekli>,
    pub calisma_tipi: Option<CalismaTipi>,
    /// Requested duration in months.
    pub sure_ay: Option<u32>,
    pub gerekce: String,
}

/// Relationship of the cared-for person to the employer (verified by NVİ, B.4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Yakinlik {
    Kendisi,
    Anne,
    Baba,
    Es,
    Cocuk,
    Kardes,
    Buyukanne,
    Buyukbaba,
    Torun,
    Diger,
}

/// Guardianship of the cared-for person (B.4.4 Not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vasilik {
    /// No guardian involved.
    Yok,
    /// The applicant is the cared-for person's guardian.
    BasvuranVasi,
    /// A 1st/2nd-degree relative applies on the guardian's behalf.
    YakinVasiAdina,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalismaSekli {
    TamZamanli,
    YariZamanli,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalismaTipi {
    Yatili,
    Gunduzlu,
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub doc: CaseDoc,
}

/// One row of the home screen's case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub id: Uuid,
    pub employer_name: String,
    pub foreigner_name: String,
    /// `ilk` or `uzatma`: the home list tells a first application from an extension
    /// (issue #34).
    pub basvuru_turu: &'static str,
    /// For an extension started in Hane: the case whose permit it extends.
    pub uzatilan_basvuru: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn full_name(ad: &str, soyad: &str) -> String {
    format!("{ad} {soyad}").trim().to_string()
}

impl CaseDoc {
    pub fn employer_name(&self) -> String {
        full_name(&self.profil.ad, &self.profil.soyad)
    }

    pub fn foreigner_name(&self) -> String {
        full_name(&self.kisisel.ad, &self.kisisel.soyad)
    }

    /// `uzatma` for an in-country extension, `ilk` for every other application (abroad is
    /// always a first application, 000 B.3.2).
    pub fn basvuru_turu(&self) -> &'static str {
        match (self.basvuru.yer, self.basvuru.tur) {
            (Some(BasvuruYeri::YurtIci), Some(BasvuruTuru::Uzatma)) => "uzatma",
            _ => "ilk",
        }
    }
}

impl From<&Case> for CaseSummary {
    fn from(c: &Case) -> Self {
        CaseSummary {
            id: c.id,
            employer_name: c.doc.employer_name(),
            foreigner_name: c.doc.foreigner_name(),
            basvuru_turu: c.doc.basvuru_turu(),
            uzatilan_basvuru: c.doc.uzatilan_basvuru,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// What the "new application" form sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCase {
    pub employer_name: String,
    pub foreigner_name: String,
}

impl NewCase {
    /// Trims and checks the two names and starts a document with them.
    pub fn into_doc(self) -> Result<CaseDoc> {
        let employer = clean_name(&self.employer_name, "employer_name")?;
        let foreigner = clean_name(&self.foreigner_name, "foreigner_name")?;
        let mut doc = CaseDoc::default();
        (doc.profil.ad, doc.profil.soyad) = split_name(&employer);
        (doc.kisisel.ad, doc.kisisel.soyad) = split_name(&foreigner);
        Ok(doc)
    }
}

/// A name typed in one field (the new-case forms), checked like [`NewCase`]'s and split
/// into ad and soyad; `field` names the input for the error.
pub fn typed_name(raw: &str, field: &'static str) -> Result<(String, String)> {
    Ok(split_name(&clean_name(raw, field)?))
}

/// "Ayşe Nur Yılmaz" → ("Ayşe Nur", "Yılmaz"): the portal asks ad and soyad separately;
/// the last word is the likeliest soyad and the user can correct both on the form.
pub fn split_name(full: &str) -> (String, String) {
    match full.rsplit_once(' ') {
        Some((ad, soyad)) => (ad.to_string(), soyad.to_string()),
        None => (full.to_string(), String::new()),
    }
}

/// Collapses inner whitespace and trims; empty or over-long names are errors.
fn clean_name(raw: &str, field: &'static str) -> Result<String> {
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(HaneError::Required { field });
    }
    if cleaned.chars().count() > MAX_NAME_CHARS {
        return Err(HaneError::TooLong {
            field,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(e: &str, f: &str) -> NewCase {
        NewCase {
            employer_name: e.into(),
            foreigner_name: f.into(),
        }
    }

    #[test]
    fn names_are_trimmed_split_and_keep_turkish_letters() {
        let doc = new("  Ayşe Nur   Yılmaz ", "İrina Öztürk")
            .into_doc()
            .unwrap();
        assert_eq!(
            (doc.profil.ad.as_str(), doc.profil.soyad.as_str()),
            ("Ayşe Nur", "Yılmaz")
        );
        assert_eq!(doc.foreigner_name(), "İrina Öztürk");
        let doc = new("Madonna", "X").into_doc().unwrap();
        assert_eq!(doc.profil.soyad, "");
    }

    #[test]
    fn empty_names_name_their_field() {
        let e = new("   ", "x").into_doc().unwrap_err();
        assert_eq!(e.code(), "field.required");
        assert_eq!(e.field(), Some("employer_name"));
        let e = new("x", "").into_doc().unwrap_err();
        assert_eq!(e.field(), Some("foreigner_name"));
    }

    #[test]
    fn name_length_boundary() {
        let ok = "ş".repeat(MAX_NAME_CHARS);
        assert!(new(&ok, "x").into_doc().is_ok());
        let long = "ş".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            new(&long, "x").into_doc().unwrap_err().code(),
            "field.too_long"
        );
    }

    #[test]
    fn old_documents_without_fields_still_load() {
        let doc: CaseDoc = serde_json::from_str("{}").unwrap();
        assert_eq!(doc, CaseDoc::default());
    }
}
