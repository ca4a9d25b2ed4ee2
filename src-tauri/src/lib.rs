//! The Tauri shell: opens the window, holds the open database, and exposes the core to the
//! UI as commands. No logic lives here — every command is a thin call into `hane-core`.

mod commands;

use std::sync::Mutex;

use hane_core::storage::Database;
use hane_core::HaneError;
use tauri::Manager;

/// The database behind a lock. `Err` keeps the reason it could not be opened, so every
/// command can report it to the UI instead of the app failing to start.
pub struct AppState {
    db: Mutex<Result<Database, HaneError>>,
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = match std::env::var_os(hane_core::paths::DATA_DIR_ENV) {
                Some(d) if !d.is_empty() => d.into(),
                _ => app.path().app_data_dir()?,
            };
            let db = Database::open(&dir.join(hane_core::paths::DATABASE_FILE));
            app.manage(AppState { db: Mutex::new(db) });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_cases,
            commands::create_case,
            commands::get_settings,
            commands::set_language,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Hane");
}
