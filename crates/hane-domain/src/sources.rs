//! Where a rule, a deadline or a document comes from, in the words a household reads.
//!
//! Code cites a source by its seed number and section (`"000 B.4.4"`, `"000 B.1; B.4.1
//! Not"`, `"004 Çalışma izni uzatma"`, `"Hane"` where the sources are silent), so each rule
//! names its sentence beside it. Users never see those codes: [`label`] turns them into
//! "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4" (issue #20).

use crate::text::Text;

/// A source document: its seed number, its file in `shared/seeds/`, and its name.
pub struct Seed {
    pub code: &'static str,
    pub file: &'static str,
    pub tr: &'static str,
    pub en: &'static str,
}

pub const SEEDS: &[Seed] = &[
    Seed {
        code: "000",
        file: "000_e5f7698e8ae4fbbc.txt",
        tr: "Bakanlık kılavuzu (Ev Hizmetleri)",
        en: "Ministry's e-İzin guide (household services)",
    },
    Seed {
        code: "003",
        file: "003_58e1da329b7b2d17.txt",
        tr: "Bakanlık yazısı (çalışma izni kartı, 2026)",
        en: "Ministry letter (work permit card, 2026)",
    },
    Seed {
        code: "004",
        file: "004_3f7bf8d79fd91a07.txt",
        tr: "Danışmanlık rehberi (ikamet ve çalışma izni)",
        en: "Consultancy guide (residence and work permits)",
    },
];

/// Where the sources say nothing and Hane sets the rule itself.
pub const HANE: &str = "Hane";
const HANE_TR: &str = "Hane'nin kendi kuralı (kılavuzda bu konuda hüküm yok)";
const HANE_EN: &str = "Hane's own rule (the guide says nothing on this)";

/// A section as an English reader sees it: the guide's "Not"/"Uyarı" boxes named.
fn section_en(section: &str) -> String {
    section
        .replace(" Not", " (note)")
        .replace(" Uyarı", " (warning)")
}

/// The human name of `source`. Parts are separated by `;`; a part starting with a seed
/// number switches document, the others are more sections of the same one.
pub fn label(source: &str) -> Text {
    // (document names, its sections)
    let mut groups: Vec<(&'static str, &'static str, Vec<&str>)> = Vec::new();
    for part in source.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (code, rest) = part.split_once(' ').unwrap_or((part, ""));
        if code == HANE {
            groups.push((HANE_TR, HANE_EN, Vec::new()));
        } else if let Some(seed) = SEEDS.iter().find(|s| s.code == code) {
            let mut sections = Vec::new();
            if !rest.trim().is_empty() {
                sections.push(rest.trim());
            }
            groups.push((seed.tr, seed.en, sections));
        } else if let Some(last) = groups.last_mut() {
            last.2.push(part);
        } else {
            // Not a citation (a caller's own words): shown as it is.
            return Text {
                tr: part.to_string(),
                en: part.to_string(),
            };
        }
    }
    let render = |name: &str, sections: &[&str], en: bool| {
        if sections.is_empty() {
            name.to_string()
        } else {
            let s: Vec<String> = sections
                .iter()
                .map(|s| if en { section_en(s) } else { s.to_string() })
                .collect();
            format!("{name}, {}", s.join("; "))
        }
    };
    Text {
        tr: groups
            .iter()
            .map(|(tr, _, s)| render(tr, s, false))
            .collect::<Vec<_>>()
            .join(" · "),
        en: groups
            .iter()
            .map(|(_, en, s)| render(en, s, true))
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// A text a user reads names no seed file and no bare seed number (`000`, `003`, `004`
/// standing alone: amounts such as `25.000` are fine). The tests of every place that shows
/// sources use it.
pub fn leaks_a_seed_code(text: &str) -> Option<String> {
    if let Some(s) = SEEDS.iter().find(|s| text.contains(s.file)) {
        return Some(s.file.to_string());
    }
    let bytes = text.as_bytes();
    for seed in SEEDS {
        let mut from = 0;
        while let Some(i) = text[from..].find(seed.code) {
            let at = from + i;
            let end = at + seed.code.len();
            let joined = |b: Option<&u8>| {
                b.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || *c == b'.' || *c == b',' || *c == b'_'
                })
            };
            let before = at.checked_sub(1).and_then(|p| bytes.get(p));
            if !joined(before) && !joined(bytes.get(end)) {
                let from = text.floor_char_boundary(at.saturating_sub(20));
                let to = text.ceil_char_boundary(end + 20);
                return Some(text[from..to].to_string());
            }
            from = end;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_names_in_both_languages() {
        let l = label("000 B.4.4");
        assert_eq!(l.tr, "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4");
        assert_eq!(l.en, "Ministry's e-İzin guide (household services), B.4.4");
        let l = label("000 B.1; B.4.1 Not");
        assert_eq!(l.tr, "Bakanlık kılavuzu (Ev Hizmetleri), B.1; B.4.1 Not");
        assert_eq!(
            l.en,
            "Ministry's e-İzin guide (household services), B.1; B.4.1 (note)"
        );
        let l = label("004 Çalışma izni uzatma; 000 B.4.3 Not");
        assert_eq!(
            l.tr,
            "Danışmanlık rehberi (ikamet ve çalışma izni), Çalışma izni uzatma · Bakanlık kılavuzu (Ev Hizmetleri), B.4.3 Not"
        );
        assert_eq!(label("Hane").tr, HANE_TR);
        assert_eq!(
            label("004").en,
            "Consultancy guide (residence and work permits)"
        );
    }

    #[test]
    fn a_leak_is_found_and_an_amount_is_not_one() {
        assert!(leaks_a_seed_code("kaynak: 000_e5f7698e8ae4fbbc.txt B.4.4").is_some());
        assert!(leaks_a_seed_code("Kaynak: 000 B.3.2").is_some());
        assert!(leaks_a_seed_code("(danışmanlık rehberi, 004)").is_some());
        assert!(leaks_a_seed_code("25.000 TL; 1.004,50; 3000 gün; A004").is_none());
        for s in [
            "000 B.4.4",
            "000 B.1; B.4.1 Not",
            "004 Çalışma izni uzatma; 000 B.4.3 Not",
            "003 kart",
            "Hane",
        ] {
            let l = label(s);
            assert_eq!(leaks_a_seed_code(&l.tr), None, "{s}");
            assert_eq!(leaks_a_seed_code(&l.en), None, "{s}");
        }
    }
}
