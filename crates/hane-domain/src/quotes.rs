//! What Hane shows as a source's own words, kept apart from what Hane says itself
//! (issue #33).
//!
//! A [`Quote`] is a source's sentence, word for word, with the seed and section it comes
//! from; " … " marks words left out. A [`Note`] is Hane's own remark — how it reads an open
//! sentence, what it checks where the sources are silent — and is never shown inside a
//! quote. The rule catalogue (`rules::catalog`), every deadline
//! (`deadlines`) and every document's "Neden?" (through its rule) carry both; their
//! tests read the seed documents and find every quote in the one it names
//! (`assert_in_source`).

use serde::Serialize;

/// A source's words, verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Seed number and section, e.g. `000 B.3.2 Uyarı` (see [`crate::sources`]).
    pub source: &'static str,
    /// The sentence(s) as the source writes them; " … " stands for words left out.
    pub text: &'static str,
}

/// Hane's own remark beside the quotes, in both UI languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Note {
    pub tr: &'static str,
    pub en: &'static str,
}

/// As the UI and `hane-cli` show it: `{ text, sourceLabel: { tr, en } }`, the source by
/// its name, never a seed code.
impl Serialize for Quote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Quote", 2)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("sourceLabel", &crate::sources::label(self.source))?;
        st.end()
    }
}

/// Quotes as one text (one paragraph each), for places that show a single string.
pub fn joined(quotes: &[Quote]) -> String {
    quotes.iter().map(|q| q.text).collect::<Vec<_>>().join("\n")
}

/// Text compared the way a reader compares it: line breaks and runs of spaces are one
/// space, and the guide's list glyphs (•, and the private-use bullets its PDF export
/// left behind) are not words.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let blank = c.is_whitespace() || c == '•' || ('\u{E000}'..='\u{F8FF}').contains(&c);
        if blank {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `quote` is in `source` (a seed's whole text) word for word: each fragment
/// between " … " is found, in order. Returns the first fragment that is not.
pub fn find_in(quote: &str, source: &str) -> Result<(), String> {
    let source = normalise(source);
    let mut from = 0;
    for fragment in quote.split('…').map(normalise) {
        if fragment.is_empty() {
            continue;
        }
        match source[from..].find(&fragment) {
            Some(at) => from += at + fragment.len(),
            None => return Err(fragment),
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod seeds {
    //! The seed documents, read by the tests. The repository keeps a copy in
    //! `docs/seeds/` so a clean clone can run the check; where the shared originals are
    //! beside the checkout (`../shared/seeds/`), the copy must be identical to them.
    use std::path::PathBuf;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The whole text of the seed numbered `code` (`000`, `003`, `004`).
    pub fn text(code: &str) -> String {
        let seed = crate::sources::SEEDS
            .iter()
            .find(|s| s.code == code)
            .unwrap_or_else(|| panic!("no seed numbered {code}"));
        let copy = root().join("docs/seeds").join(seed.file);
        let text =
            std::fs::read_to_string(&copy).unwrap_or_else(|e| panic!("{}: {e}", copy.display()));
        let shared = root().join("../shared/seeds").join(seed.file);
        if let Ok(original) = std::fs::read_to_string(&shared) {
            assert!(
                original == text,
                "{} differs from {}: copy it again",
                copy.display(),
                shared.display()
            );
        }
        text
    }
}

/// Checks a quote against the seed it names, for the tests of the modules that quote
/// (`rules::catalog`, `deadlines`): panics naming `owner` and the first fragment that is not
/// in the source word for word.
#[cfg(test)]
pub(crate) fn assert_in_source(owner: &str, q: &Quote) {
    let code = q.source.split_whitespace().next().unwrap_or("");
    assert!(
        crate::sources::SEEDS.iter().any(|s| s.code == code),
        "{owner}: {:?} is not a seed",
        q.source
    );
    if let Err(missing) = find_in(q.text, &seeds::text(code)) {
        panic!(
            "{owner}: the quote attributed to {} is not in it word for word: «{missing}»",
            q.source
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check fails on one changed word, a dropped word and words out of order, and
    /// passes the guide's own line breaks and bullets.
    #[test]
    fn a_changed_word_fails_the_check() {
        let guide = seeds::text("000");
        let exact = "Referans numarasının geçerlilik süresi 30 gündür.";
        assert_eq!(find_in(exact, &guide), Ok(()));
        assert!(find_in("Referans numarasının geçerlilik süresi 31 gündür.", &guide).is_err());
        assert!(find_in("Referans numarasının süresi 30 gündür.", &guide).is_err());
        assert!(find_in(
            "Portal ekranlarındaki zorunlu alanlar doldurulmadan başvuru ilerletilemez.",
            &guide
        )
        .is_err());
        // Fragments must come in the guide's order.
        assert_eq!(find_in("Referans numarasının … 30 gündür.", &guide), Ok(()));
        assert!(find_in("30 gündür. … Referans numarasının geçerlilik", &guide).is_err());
        // A sentence the PDF broke over lines, and one behind a bullet glyph.
        assert_eq!(
            find_in(
                "Son bir aylık süre içerisinde tamamlanmayarak taslak olarak kaydedilmiş başvurulara",
                &guide
            ),
            Ok(())
        );
        assert_eq!(normalise(" \u{F0D8} a\n\n b • c "), "a b c");
        // A quote in the wrong document fails too.
        let quote = Quote {
            source: "004 Çalışma izni uzatma başvurusu",
            text: exact,
        };
        let wrong = std::panic::catch_unwind(|| assert_in_source("test", &quote));
        assert!(wrong.is_err());
    }
}
