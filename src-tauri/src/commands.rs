//! IPC commands. Each returns `Result<T, ErrorPayload>` so a failure reaches the UI as
//! `{ code, message, field? }`; the UI translates `code`.

use hane_core::case::{Case, CaseDoc, CaseSummary, NewCase};
use hane_core::rules::{self, catalog::Rule, Validation};
use hane_core::settings::{Language, Settings};
use hane_core::storage::Database;
use hane_core::vault::KeyMode;
use hane_core::{ErrorPayload, HaneError};
use serde::Serialize;
use tauri::State;
use uuid::Uuid;

use crate::{AppState, DbState};

type CmdResult<T> = Result<T, ErrorPayload>;

/// Runs `f` with the open database, or reports why it is not open.
fn with_db<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Database) -> Result<T, HaneError>,
) -> CmdResult<T> {
    let mut guard = state.db.lock().unwrap_or_else(|p| p.into_inner());
    match &mut *guard {
        DbState::Open(db) => f(db).map_err(|e| e.to_payload()),
        DbState::Locked { .. } => Err(HaneError::PassphraseRequired.to_payload()),
        DbState::Failed(e) => Err(e.to_payload()),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    schema_version: i64,
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        schema_version: hane_core::storage::schema_version(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    /// "open", "locked" (enter passphrase), "setup" (choose one), or "error".
    state: &'static str,
    mode: Option<KeyMode>,
    error: Option<ErrorPayload>,
}

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    let guard = state.db.lock().unwrap_or_else(|p| p.into_inner());
    let mode = state.vault.mode().ok().flatten();
    match &*guard {
        DbState::Open(_) => VaultStatus {
            state: "open",
            mode,
            error: None,
        },
        DbState::Locked { setup: true } => VaultStatus {
            state: "setup",
            mode,
            error: None,
        },
        DbState::Locked { setup: false } => VaultStatus {
            state: "locked",
            mode,
            error: None,
        },
        DbState::Failed(e) => VaultStatus {
            state: "error",
            mode,
            error: Some(e.to_payload()),
        },
    }
}

/// Sets up or enters the passphrase when no keyring holds the key.
#[tauri::command]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> CmdResult<()> {
    let mut guard = state.db.lock().unwrap_or_else(|p| p.into_inner());
    if !matches!(&*guard, DbState::Locked { .. }) {
        return Ok(());
    }
    let db = state
        .vault
        .unlock_with_passphrase(&passphrase)
        .map_err(|e| e.to_payload())?;
    *guard = DbState::Open(db);
    Ok(())
}

#[tauri::command]
pub fn list_cases(state: State<'_, AppState>) -> CmdResult<Vec<CaseSummary>> {
    with_db(&state, |db| db.list_cases())
}

#[tauri::command]
pub fn create_case(state: State<'_, AppState>, input: NewCase) -> CmdResult<CaseSummary> {
    with_db(&state, |db| db.create_case(input).map(|c| (&c).into()))
}

/// Today's date for the rules. `HANE_TODAY=YYYY-MM-DD` pins it (the e2e tests use a fixed
/// day so their dates never go stale); otherwise the local calendar day.
fn today() -> chrono::NaiveDate {
    std::env::var("HANE_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseWithValidation {
    case: Case,
    validation: Validation,
}

#[tauri::command]
pub fn get_case(state: State<'_, AppState>, id: Uuid) -> CmdResult<CaseWithValidation> {
    with_db(&state, |db| {
        let case = db.get_case(id)?;
        let validation = rules::validate(&case.doc, today());
        Ok(CaseWithValidation { case, validation })
    })
}

/// Autosave: stores the document (one transaction) and returns its fresh findings.
#[tauri::command]
pub fn save_case(state: State<'_, AppState>, id: Uuid, doc: CaseDoc) -> CmdResult<Validation> {
    with_db(&state, |db| {
        db.save_case_doc(id, &doc)?;
        Ok(rules::validate(&doc, today()))
    })
}

#[tauri::command]
pub fn rules_catalog() -> &'static [Rule] {
    rules::catalog::RULES
}

#[tauri::command]
pub fn delete_case(state: State<'_, AppState>, id: Uuid) -> CmdResult<()> {
    with_db(&state, |db| db.delete_case(id))
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CmdResult<Settings> {
    with_db(&state, |db| db.settings())
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: String) -> CmdResult<Settings> {
    with_db(&state, |db| db.set_language(Language::parse(&language)?))
}
