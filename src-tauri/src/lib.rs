//! The Tauri shell: opens the window, manages the core's [`Hane`] (the open database and
//! what the window keeps in memory), and exposes its API to the UI as commands. No logic
//! lives here — every command is one call into `hane_core::api`.

mod commands;
pub mod startup;

use std::path::PathBuf;

use hane_core::api::Hane;
use hane_core::vault::{OsKeyring, Vault};
use tauri::Manager;

/// `HANE_TODAY=YYYY-MM-DD` pins "today" (the window tests use a fixed day so their dates
/// never go stale).
fn pinned_today() -> Option<chrono::NaiveDate> {
    std::env::var("HANE_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
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
            app.manage(Hane::open(vault).with_today(pinned_today()));
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
            commands::renew_case,
            commands::new_case_from,
            commands::new_case_for_caregiver,
            commands::places,
            commands::apply_household,
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
            commands::staged_page_find,
            commands::staged_preview,
            commands::stage_straightened,
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
            commands::mrz_read,
            commands::passport_mrz,
            commands::photo_preview,
            commands::photo_adjust,
            commands::photo_reset,
            commands::view_bytes,
            commands::draft_contract,
            commands::contract_clauses,
            commands::contract_check,
            commands::set_contract_clauses,
            commands::save_generated,
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
