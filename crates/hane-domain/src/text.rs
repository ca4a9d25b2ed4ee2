//! The two-language text every finding, deadline and check carries: the UI shows the
//! user's language, the PDFs Turkish.

use serde::Serialize;

/// A message in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub tr: String,
    pub en: String,
}

/// Upper case by Turkish rules: i → İ, ı → I (Unicode's default maps i → I).
pub fn turkish_upper(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            'i' => vec!['İ'],
            'ı' => vec!['I'],
            c => c.to_uppercase().collect(),
        })
        .collect()
}
