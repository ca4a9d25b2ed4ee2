//! Turkish labels of the portal's fields and options, for the documents Hane writes
//! (petition, summary). They must match the UI's Turkish catalogue (`ui/i18n/tr.js`); a
//! test in `tests/e2e/tests/catalogues.rs` compares the two.

use serde_json::Value;

use crate::case::CaseDoc;

/// The portal's screens in order, each with its fields: (path, Turkish label).
pub const SCREENS: &[(&str, &[(&str, &str)])] = &[
    (
        "Profil",
        &[
            ("profil.tc_kimlik_no", "T.C. kimlik no"),
            ("profil.dogum_tarihi", "Doğum tarihi"),
            ("profil.ad", "Ad"),
            ("profil.soyad", "Soyad"),
            ("profil.eposta", "E-posta"),
            ("profil.cep_telefonu", "Cep telefonu"),
        ],
    ),
    (
        "İşyeri kaydı",
        &[
            ("isyeri.il", "İl"),
            ("isyeri.ilce", "İlçe"),
            ("isyeri.adres", "Adres"),
            ("isyeri.amac", "Bakım amacı"),
        ],
    ),
    (
        "Başvuru türü",
        &[
            ("basvuru.yer", "Yabancı nerede?"),
            ("basvuru.tur", "İlk başvuru mu, uzatma mı?"),
            (
                "basvuru.onceki_uzatma_sayisi",
                "Daha önce yapılan uzatma sayısı",
            ),
            (
                "basvuru.mevcut_izin_bitis",
                "Mevcut çalışma izninin bitiş tarihi",
            ),
            ("basvuru.referans_no", "Dış temsilcilik referans numarası"),
            (
                "basvuru.referans_tarihi",
                "Referans numarasının alındığı tarih",
            ),
            ("basvuru.basvuru_tarihi", "Planlanan başvuru tarihi"),
        ],
    ),
    (
        "Kişisel bilgiler",
        &[
            ("kisisel.yabanci_kimlik_no", "Yabancı kimlik no"),
            ("kisisel.ad", "Ad"),
            ("kisisel.soyad", "Soyad"),
            ("kisisel.dogum_tarihi", "Doğum tarihi"),
            ("kisisel.uyruk", "Uyruk"),
            ("kisisel.cinsiyet", "Cinsiyet"),
            ("kisisel.ikamet_turu", "İkamet/statü türü"),
            ("kisisel.ikamet_bitis", "İkamet izninin bitiş tarihi"),
            ("kisisel.eposta", "E-posta"),
            ("kisisel.telefon", "Telefon"),
            ("kisisel.adres", "Adres"),
            ("kisisel.medeni_durum", "Medeni durum"),
            ("kisisel.es_ad", "Eşinin adı"),
            ("kisisel.es_soyad", "Eşinin soyadı"),
            ("kisisel.es_uyruk", "Eşinin uyruğu"),
            ("kisisel.es_tc_kimlik_no", "Eşinin T.C. kimlik no"),
            ("kisisel.es_dogum_tarihi", "Eşinin doğum tarihi"),
        ],
    ),
    (
        "Genel bilgiler",
        &[
            ("genel.pasaport_no", "Pasaport no"),
            ("genel.pasaport_bitis", "Pasaportun son geçerlilik tarihi"),
            ("genel.diller", "Bildiği diller"),
            ("genel.egitim_durumu", "Eğitim durumu"),
            ("genel.mezun_meslek", "Mezun olduğu meslek"),
            ("genel.ihtisas", "İhtisas konusu"),
        ],
    ),
    (
        "Görev bilgileri",
        &[
            ("gorev.calisma_adresi", "Çalışacağı adres"),
            ("gorev.meslek", "Görevi/mesleği"),
            ("gorev.bakilan_ad", "Bakımı yapılacak kişinin adı"),
            ("gorev.bakilan_soyad", "Bakımı yapılacak kişinin soyadı"),
            (
                "gorev.bakilan_tc_kimlik_no",
                "Bakımı yapılacak kişinin T.C. kimlik no",
            ),
            ("gorev.yakinlik", "Bakımı yapılacak kişinin size yakınlığı"),
            ("gorev.vasilik", "Vasilik durumu"),
            ("gorev.ucret", "Aylık brüt ücret (TL)"),
            ("gorev.calisma_sekli", "Çalışma şekli"),
            ("gorev.calisma_tipi", "Çalışma tipi"),
            ("gorev.sure_ay", "İstenen süre (ay)"),
            ("gorev.gerekce", "İstihdam gerekçesi"),
        ],
    ),
];

/// The Turkish label of a field, by its path (`kisisel.ad` → "Ad").
pub fn field(path: &str) -> Option<&'static str> {
    SCREENS
        .iter()
        .flat_map(|(_, fields)| fields.iter())
        .find(|(p, _)| *p == path)
        .map(|(_, label)| *label)
}

/// Turkish text of an option value (the same words as the UI's `opt.*` keys).
pub fn option(value: &str) -> Option<&'static str> {
    Some(match value {
        "yasli_bakimi" => "Yaşlı bakımı",
        "engelli_bakimi" => "Engelli bakımı",
        "cocuk_bakimi" => "Çocuk bakımı",
        "hasta_refakati" => "Hasta refakati",
        "yurt_ici" => "Yurt içinde",
        "yurt_disi" => "Yurt dışında",
        "ilk" => "Bu yabancı için ilk defa başvuru yapıyorum",
        "uzatma" => "İzni devam eden bir çalışan için uzatma/yenileme",
        "kadin" => "Kadın",
        "erkek" => "Erkek",
        "kisa_donem" => "Kısa dönem ikamet izni",
        "aile" => "Aile ikamet izni",
        "ogrenci" => "Öğrenci ikamet izni",
        "uzun_donem" => "Uzun dönem ikamet izni",
        "uluslararasi_koruma" => "Uluslararası koruma",
        "calisma_izni" => "Çalışma izni (ikamet izni yerine geçer)",
        "bekar" => "Bekâr",
        "evli" => "Evli",
        "bosanmis" => "Boşanmış",
        "dul" => "Dul",
        "ilkokul" => "İlkokul",
        "ortaokul" => "Ortaokul",
        "lise" => "Lise",
        "onlisans" => "Ön lisans",
        "lisans" => "Lisans",
        "yuksek_lisans" => "Yüksek lisans",
        "doktora" => "Doktora",
        "kendisi" => "Kendim",
        "anne" => "Annem",
        "baba" => "Babam",
        "es" => "Eşim",
        "cocuk" => "Çocuğum",
        "kardes" => "Kardeşim",
        "buyukanne" => "Büyükannem",
        "buyukbaba" => "Büyükbabam",
        "torun" => "Torunum",
        "diger" => "Diğer",
        "yok" => "Vasi yok",
        "basvuran_vasi" => "Bakımı yapılacak kişinin vasisi benim",
        "yakin_vasi_adina" => "Vasi adına 1. veya 2. derece yakını olarak başvuruyorum",
        "tam_zamanli" => "Tam zamanlı",
        "yari_zamanli" => "Yarı zamanlı",
        "yatili" => "Yatılı",
        "gunduzlu" => "Gündüzlü",
        _ => return None,
    })
}

/// "2026-11-24" → "24.11.2026".
pub fn date_tr(iso: &str) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    Some(d.format("%d.%m.%Y").to_string())
}

/// Fields whose value is an option key.
const SELECTS: &[&str] = &[
    "isyeri.amac",
    "basvuru.yer",
    "basvuru.tur",
    "kisisel.cinsiyet",
    "kisisel.ikamet_turu",
    "kisisel.medeni_durum",
    "genel.egitim_durumu",
    "gorev.yakinlik",
    "gorev.vasilik",
    "gorev.calisma_sekli",
    "gorev.calisma_tipi",
];

fn is_date(path: &str) -> bool {
    path.ends_with("tarihi") || path.ends_with("_bitis")
}

/// A field's value as the user would read it: options in words, dates as GG.AA.YYYY.
pub fn display(doc_json: &Value, path: &str) -> String {
    let v = path.split('.').try_fold(doc_json, |v, k| v.get(k));
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => if *b { "Evet" } else { "Hayır" }.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if SELECTS.contains(&path) => option(s).unwrap_or(s).to_string(),
        Some(Value::String(s)) if is_date(path) => date_tr(s).unwrap_or_else(|| s.clone()),
        // Amounts as Hane prints every amount (28.000,00 TL), not as typed.
        Some(Value::String(s)) if path == "gorev.ucret" => crate::money::parse_tl(s)
            .map(crate::money::format_tl)
            .unwrap_or_else(|_| s.clone()),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub fn doc_json(doc: &CaseDoc) -> Value {
    serde_json::to_value(doc).unwrap_or(Value::Null)
}
