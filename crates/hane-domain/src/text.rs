//! The two-language text every finding, deadline and check carries: the UI shows the
//! user's language, the PDFs Turkish.

use serde::Serialize;

/// A message in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub tr: String,
    pub en: String,
}
