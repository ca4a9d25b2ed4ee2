//! Turkey's 81 provinces (il) with their districts (ilçe), from PTT's postal-code list, and
//! the countries by their Turkish and English names (for uyruk, ISO 3166-1). The portal
//! has lists for these fields; Hane offers the same lists (issue #20) and warns about a
//! value that is in none of them. Built by `assets/data/scripts/build_places.py`; the
//! sources and licenses are in `hane_core::notices`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::turkish_upper;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Il {
    /// Plate code, "01" … "81".
    pub kod: String,
    pub ad: String,
    pub ilceler: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ulke {
    /// ISO 3166-1 alpha-2.
    pub kod: String,
    /// ISO 3166-1 alpha-3: what a passport's MRZ prints for the nationality.
    pub kod3: String,
    /// The name the portal shows (Turkish); what a case stores.
    pub tr: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Places {
    pub iller: Vec<Il>,
    pub ulkeler: Vec<Ulke>,
}

/// The embedded lists (parsed once).
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        serde_json::from_str(include_str!("../../../assets/data/places.json"))
            .expect("assets/data/places.json is checked by this module's tests")
    })
}

/// Names compare as a Turkish reader does: case (İ/i, I/ı) and surrounding spaces aside.
fn same(a: &str, b: &str) -> bool {
    turkish_upper(a.trim()) == turkish_upper(b.trim())
}

pub fn il(name: &str) -> Option<&'static Il> {
    places().iller.iter().find(|i| same(&i.ad, name))
}

/// `ilce` is a district of `il` (false when the il is not a province).
pub fn ilce_of(il_name: &str, ilce: &str) -> bool {
    il(il_name).is_some_and(|i| i.ilceler.iter().any(|d| same(d, ilce)))
}

/// `name` is a country's Turkish or English name.
pub fn ulke(name: &str) -> Option<&'static Ulke> {
    places()
        .ulkeler
        .iter()
        .find(|u| same(&u.tr, name) || u.en.trim().eq_ignore_ascii_case(name.trim()))
}

/// The country a passport's MRZ names by its three-letter code (ICAO 9303 part 3): the ISO
/// 3166-1 alpha-3 code, or ICAO's own `D` for Germany and `GBD`…`GBS` for the British
/// nationality classes. `None` for the codes of no country (`XXA` stateless, `UNO` the UN…).
pub fn ulke_of_mrz(code: &str) -> Option<&'static Ulke> {
    let code = code.trim_end_matches('<').trim();
    let iso = match code {
        "D" => "DEU",
        "GBD" | "GBN" | "GBO" | "GBP" | "GBS" => "GBR",
        other => other,
    };
    places().ulkeler.iter().find(|u| u.kod3 == iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_complete_and_found_by_name() {
        let p = places();
        assert_eq!(p.iller.len(), 81);
        assert_eq!(p.iller.iter().map(|i| i.ilceler.len()).sum::<usize>(), 973);
        assert!(p.ulkeler.len() > 240);
        assert!(ilce_of("İstanbul", "Kadıköy"));
        assert!(ilce_of("istanbul", " kadıköy "), "case and spaces aside");
        assert!(!ilce_of("Ankara", "Kadıköy"));
        assert!(!ilce_of("Istanbul", "Kadıköy"), "ASCII I is another letter");
        assert_eq!(ulke("Rusya").map(|u| u.kod.as_str()), Some("RU"));
        assert_eq!(
            ulke("Philippines").map(|u| u.tr.as_str()),
            Some("Filipinler")
        );
        assert!(ulke("Filipinli").is_none(), "an adjective, not a country");
        assert!(ulke("Türkiye").is_some(), "a spouse may be Turkish");
    }

    #[test]
    fn mrz_nationality_codes_name_their_country() {
        let tr = |c: &str| ulke_of_mrz(c).map(|u| u.tr.as_str());
        assert_eq!(tr("PHL"), Some("Filipinler"));
        assert_eq!(tr("UZB"), Some("Özbekistan"));
        assert_eq!(tr("D<<"), Some("Almanya"));
        assert_eq!(tr("D"), Some("Almanya"));
        assert!(tr("GBD").is_some());
        assert_eq!(tr("XXA"), None);
        assert_eq!(tr("UTO"), None, "ICAO's specimen state");
        // Every country has its own three-letter code.
        let mut codes: Vec<&str> = places().ulkeler.iter().map(|u| u.kod3.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), places().ulkeler.len());
    }
}
