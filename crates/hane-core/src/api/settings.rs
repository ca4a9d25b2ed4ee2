//! User preferences.

use super::Hane;
use crate::error::Result;
use crate::settings::{Language, Settings};

impl Hane {
    pub fn settings(&self) -> Result<Settings> {
        self.db(|db| db.settings())
    }

    pub fn set_language(&self, language: &str) -> Result<Settings> {
        let language = Language::parse(language)?;
        self.db(|db| db.set_language(language))
    }

    pub fn set_notifications(&self, on: bool) -> Result<Settings> {
        self.db(|db| db.set_notifications(on))
    }

    pub fn set_upload_limit(&self, mb: u32) -> Result<Settings> {
        self.db(|db| db.set_upload_limit_mb(mb))
    }
}
