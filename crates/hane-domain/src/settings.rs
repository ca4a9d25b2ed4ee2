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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: Language,
    /// Desktop notification at start when a deadline is within 7 days or overdue.
    pub notifications: bool,
    /// Documents above this size are flagged, and scans can be recompressed to fit it.
    /// The seeds do not give the portal's limit (see [`DEFAULT_UPLOAD_LIMIT_BYTES`]), so the user
    /// can set it once it is known.
    pub upload_limit_mb: u32,
}

/// The portal's upload limit is not given in the guide (000 B.4.4 names the documents but
/// no size); until it is known Hane warns above this size, the UI says so, and the user
/// can change it in the settings.
pub const DEFAULT_UPLOAD_LIMIT_BYTES: u64 = 5_000_000;

/// What the upload limit may be set to, in MB.
pub const UPLOAD_LIMIT_MB_RANGE: std::ops::RangeInclusive<u32> = 1..=100;

impl Settings {
    /// MB as 10^6 bytes: the stricter of the two readings of "MB", so a file under it
    /// passes whichever the portal means.
    pub fn upload_limit_bytes(&self) -> u64 {
        u64::from(self.upload_limit_mb) * 1_000_000
    }
}
