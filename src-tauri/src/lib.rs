//! The Tauri shell: opens the window, holds the open database, and exposes the core to the
//! UI as commands. No logic lives here — every command is a thin call into `hane-core`.

mod commands;
pub mod startup;

use std::path::PathBuf;
use std::sync::Mutex;

use hane_core::storage::Database;
use hane_core::vault::{OsKeyring, Unlock, Vault};
use hane_core::HaneError;
use tauri::Manager;

/// Where the data folder stands. `Locked` waits for the passphrase; `Failed` keeps the
/// reason the folder could not be opened so every command can report it.
pub enum DbState {
    Open(Database),
    Locked { setup: bool },
    Failed(HaneError),
}

/// Files picked for the page editor — (name, bytes) — and the PDF last built from them,
/// so the user sees its size before saving. Memory only, never on disk.
#[derive(Default)]
pub struct Staged {
    files: Vec<(String, Vec<u8>)>,
    built: Option<(commands::BuildRequest, hane_core::documents::Built)>,
}

pub struct AppState {
    vault: Vault,
    db: Mutex<DbState>,
    /// The page editor's files and its last build, in memory until attached.
    staged: Mutex<Staged>,
    /// A decrypted backup waiting for the user's choice about duplicates (memory only).
    pending_restore: Mutex<Option<hane_core::backup::BackupContents>>,
}

fn data_dir(app: &tauri::App) -> tauri::Result<PathBuf> {
    Ok(match std::env::var_os(hane_core::paths::DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => d.into(),
        _ => app.path().app_data_dir()?,
    })
}

pub fn run() {
    startup::check_webview();
    startup::install_panic_hook();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let vault = Vault::new(&data_dir(app)?, Box::new(OsKeyring::new()));
            let state = match vault.open() {
                Ok(Unlock::Open(db)) => DbState::Open(db),
                Ok(Unlock::NeedsPassphrase { setup }) => DbState::Locked { setup },
                Err(e) => DbState::Failed(e),
            };
            app.manage(AppState {
                vault,
                db: Mutex::new(state),
                staged: Mutex::new(Staged::default()),
                pending_restore: Mutex::new(None),
            });
            // Tauri built the configured window before this hook: it exists now.
            startup::window_ready();
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::vault_status,
            commands::unlock,
            commands::vault_use_passphrase,
            commands::vault_use_keyring,
            commands::list_cases,
            commands::create_case,
            commands::delete_case,
            commands::get_case,
            commands::save_case,
            commands::rules_catalog,
            commands::get_tracking,
            commands::record_event,
            commands::parse_money,
            commands::upcoming_deadlines,
            commands::export_calendar,
            commands::get_documents,
            commands::stage_clear,
            commands::stage_file,
            commands::stage_path,
            commands::stage_scan_pages,
            commands::staged_thumbnail,
            commands::photo_import_path,
            commands::build_staged,
            commands::attach_staged,
            commands::set_upload_limit,
            commands::remove_document,
            commands::readiness,
            commands::export_bundle,
            commands::open_folder,
            commands::photo_state,
            commands::photo_import,
            commands::photo_preview,
            commands::photo_adjust,
            commands::photo_approve,
            commands::backup_create,
            commands::backup_open,
            commands::backup_restore,
            commands::get_settings,
            commands::set_language,
            commands::set_notifications,
            commands::remind_deadlines,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        startup::report(&e.to_string());
        std::process::exit(1);
    }
}
