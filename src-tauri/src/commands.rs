//! IPC commands. Each returns `Result<T, ErrorPayload>` so a failure reaches the UI as
//! `{ code, message, field? }`; the UI translates `code`.

use hane_core::case::{CaseSummary, NewCase};
use hane_core::settings::{Language, Settings};
use hane_core::storage::Database;
use hane_core::{ErrorPayload, HaneError};
use serde::Serialize;
use tauri::State;

use crate::AppState;

type CmdResult<T> = Result<T, ErrorPayload>;

/// Runs `f` with the open database, or reports why it is not open.
fn with_db<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Database) -> Result<T, HaneError>,
) -> CmdResult<T> {
    let mut guard = state.db.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Ok(db) => f(db).map_err(|e| e.to_payload()),
        Err(e) => Err(e.to_payload()),
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

#[tauri::command]
pub fn list_cases(state: State<'_, AppState>) -> CmdResult<Vec<CaseSummary>> {
    with_db(&state, |db| db.list_cases())
}

#[tauri::command]
pub fn create_case(state: State<'_, AppState>, input: NewCase) -> CmdResult<CaseSummary> {
    with_db(&state, |db| db.create_case(input).map(|c| (&c).into()))
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CmdResult<Settings> {
    with_db(&state, |db| db.settings())
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: String) -> CmdResult<Settings> {
    with_db(&state, |db| db.set_language(Language::parse(&language)?))
}
