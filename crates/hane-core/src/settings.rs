//! User preferences. Not personal data: stored in the `settings` table as plain values.

use serde::{Deserialize, Serialize};

use crate::error::{HaneError, Result};

/// The UI language. Turkish is the default: the portal and its users are Turkish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Tr,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Tr => "tr",
            Language::En => "en",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "tr" => Ok(Language::Tr),
            "en" => Ok(Language::En),
            _ => Err(HaneError::InvalidSetting { key: "language" }),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: Language,
    /// Desktop notification at start when a deadline is within 7 days or overdue.
    pub notifications: bool,
}
