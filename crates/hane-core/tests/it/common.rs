//! Helpers shared by the test modules.

use std::path::Path;

use hane_core::api::Hane;
use hane_core::storage::Database;
use hane_core::vault::{SecretStore, Vault};

/// A keyring that cannot be reached, as on a headless Linux with no Secret Service.
/// (The real unreachable Secret Service is exercised by hane-cli's `no_keyring` test.)
pub struct NoKeyring;

impl SecretStore for NoKeyring {
    fn get(&self) -> Result<Option<String>, String> {
        Err("no Secret Service".into())
    }
    fn set(&self, _: &str) -> Result<(), String> {
        Err("no Secret Service".into())
    }
    fn delete(&self) -> Result<(), String> {
        Err("no Secret Service".into())
    }
}

/// The API over `db`, with "today" pinned.
pub fn api(dir: &Path, db: Database, today: chrono::NaiveDate) -> Hane {
    Hane::with_database(Vault::new(dir, Box::new(NoKeyring)), db).with_today(Some(today))
}

/// The complete in-country case of `tests/fixtures/case-in-country.json`.
pub fn fixture() -> hane_core::case::CaseDoc {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/case-in-country.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What the "new application" form sends: the two names.
pub fn new_case(employer: &str, foreigner: &str) -> hane_core::case::NewCase {
    serde_json::from_value(
        serde_json::json!({"employerName": employer, "foreignerName": foreigner}),
    )
    .unwrap()
}
