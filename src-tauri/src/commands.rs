//! IPC commands: wiring only. Each is one call into `hane_core::api::Hane` (the same
//! function the CLI calls) and returns `Result<T, HaneError>`, which reaches the UI as
//! `{ code, message, field? }`; the UI translates `code`.
//!
//! Every command that touches the database or a user's file is `async` (Tauri runs it off
//! the main thread, so the window stays responsive during an Argon2id unlock, a re-key or
//! a 50 MB parse) and goes through [`contained`]. Only trivial ones stay sync, and the
//! autosave, whose order matters (see [`save_case`]).

use std::collections::BTreeMap;

use hane_core::api::cases::{CaseListItem, CaseWithValidation, Saved};
use hane_core::api::contract::{ContractCheck, ContractDraft};
use hane_core::api::documents::Documents;
use hane_core::api::photo::PhotoState;
use hane_core::api::staging::{BuiltInfo, PageOrder, StagedFile};
use hane_core::api::tracking::{HomeDeadline, Tracking};
use hane_core::api::{Hane, VaultStatus};
use hane_core::backup::{DuplicatePolicy, RestorePlan, RestoreReport};
use hane_core::bundle::{ExportReport, Readiness};
use hane_core::case::{CaseDoc, CaseSummary, MaddeMetni, NewCase, Sozlesme};
use hane_core::page::PageReport;
use hane_core::photo_spec::Crop;
use hane_core::rules::catalog::Rule;
use hane_core::settings::Settings;
use hane_core::tracking::EventInput;
use hane_core::HaneError;
use serde::Serialize;
use tauri::State;
use uuid::Uuid;

type CmdResult<T> = Result<T, HaneError>;

/// Runs `f`, turning a panic into the `internal` error: a bug (say, in a decoder meeting a
/// hostile file) must cost the user one failed action with a message, never the window
/// (issue #17). Each database write is one SQLite transaction, so a panic cannot leave one
/// half done; the API recovers its locks after a panic.
fn contained<T>(f: impl FnOnce() -> CmdResult<T>) -> CmdResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(HaneError::Internal))
}

/// What the About box shows. Name, version, identifier, publisher, copyright and
/// description are read from the one place they are set (`tauri.conf.json`, the version
/// from the workspace `Cargo.toml`), so the window and the installers cannot disagree.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    name: String,
    version: String,
    identifier: String,
    publisher: Option<String>,
    copyright: Option<String>,
    description: Option<String>,
    schema_version: i64,
    notices: &'static [hane_core::notices::Notice],
}

/// The bundle section of `tauri.conf.json`, read from the file itself: Tauri's runtime
/// config does not carry publisher and copyright (they only matter to the bundler).
const CONFIG_JSON: &str = include_str!("../../tauri.conf.json");

#[tauri::command]
pub fn app_info(app: tauri::AppHandle) -> AppInfo {
    let package = app.package_info();
    let config: serde_json::Value = serde_json::from_str(CONFIG_JSON).unwrap_or_default();
    let bundle = |key: &str| config["bundle"][key].as_str().map(str::to_string);
    AppInfo {
        name: package.name.clone(),
        version: package.version.to_string(),
        identifier: app.config().identifier.clone(),
        publisher: bundle("publisher"),
        copyright: bundle("copyright"),
        description: bundle("shortDescription"),
        schema_version: hane_core::storage::schema_version(),
        notices: hane_core::notices::ALL,
    }
}

#[tauri::command(async)]
pub fn vault_status(hane: State<'_, Hane>) -> CmdResult<VaultStatus> {
    Ok(hane.vault_status())
}

/// Settings: keep the database key under a passphrase instead of the OS keyring.
#[tauri::command(async)]
pub fn vault_use_passphrase(hane: State<'_, Hane>, passphrase: String) -> CmdResult<VaultStatus> {
    contained(|| hane.use_passphrase(&passphrase))
}

/// Settings: move the key back into the OS keyring.
#[tauri::command(async)]
pub fn vault_use_keyring(hane: State<'_, Hane>) -> CmdResult<VaultStatus> {
    contained(|| hane.use_keyring())
}

/// Sets up or enters the passphrase when no keyring holds the key (Argon2id).
#[tauri::command(async)]
pub fn unlock(hane: State<'_, Hane>, passphrase: String) -> CmdResult<()> {
    contained(|| hane.unlock(&passphrase))
}

#[tauri::command(async)]
pub fn list_cases(hane: State<'_, Hane>) -> CmdResult<Vec<CaseListItem>> {
    contained(|| hane.list_cases())
}

#[tauri::command(async)]
pub fn create_case(hane: State<'_, Hane>, input: NewCase) -> CmdResult<CaseListItem> {
    contained(|| hane.list_item(&hane.create_case(input)?))
}

/// "Uzatma başvurusu başlat" on an approved case: the new extension case's list row.
#[tauri::command(async)]
pub fn renew_case(
    hane: State<'_, Hane>,
    id: Uuid,
    keep: Option<Vec<String>>,
) -> CmdResult<CaseListItem> {
    contained(|| hane.list_item(&hane.renew(id, &keep.unwrap_or_default())?))
}

/// "Bu işveren için yeni başvuru": a second caregiver's case for the same household.
#[tauri::command(async)]
pub fn new_case_from(
    hane: State<'_, Hane>,
    id: Uuid,
    foreigner_name: Option<String>,
) -> CmdResult<CaseListItem> {
    contained(|| hane.list_item(&hane.new_case_from(id, foreigner_name.as_deref())?))
}

/// The portal's lists: provinces with their districts, countries (issue #20).
#[tauri::command]
pub fn places() -> &'static hane_core::places::Places {
    hane_core::places::places()
}

/// "Bu çalışan için yeni başvuru": another employer's case for the same caregiver.
#[tauri::command(async)]
pub fn new_case_for_caregiver(
    hane: State<'_, Hane>,
    id: Uuid,
    employer_name: Option<String>,
) -> CmdResult<CaseListItem> {
    contained(|| hane.list_item(&hane.new_case_for_caregiver(id, employer_name.as_deref())?))
}

/// "Onlara da uygula": this case's Profil and İşyeri into the employer's other open cases.
#[tauri::command(async)]
pub fn apply_household(hane: State<'_, Hane>, id: Uuid) -> CmdResult<Vec<CaseSummary>> {
    contained(|| hane.apply_household(id))
}

#[tauri::command(async)]
pub fn delete_case(hane: State<'_, Hane>, id: Uuid) -> CmdResult<()> {
    contained(|| hane.delete_case(id))
}

#[tauri::command(async)]
pub fn get_case(hane: State<'_, Hane>, id: Uuid) -> CmdResult<CaseWithValidation> {
    contained(|| hane.case_with_validation(id))
}

/// Autosave: stores the document (one transaction) and returns its fresh findings.
/// Deliberately sync: Tauri runs sync commands on the main thread one after another in the
/// order they arrive, so of two saves in flight the later document is always the one
/// stored (async commands may take the database lock in either order). It is quick: one
/// write and the rules.
#[tauri::command]
pub fn save_case(hane: State<'_, Hane>, id: Uuid, doc: CaseDoc) -> CmdResult<Saved> {
    contained(|| hane.save_case(id, &doc))
}

#[tauri::command]
pub fn rules_catalog() -> &'static [Rule] {
    hane_core::rules::catalog::RULES
}

#[tauri::command(async)]
pub fn get_tracking(hane: State<'_, Hane>, id: Uuid) -> CmdResult<Tracking> {
    contained(|| hane.tracking(id))
}

/// Appends an event, as the user typed it (amounts as text, read by the core's money
/// parser), to the case's history and returns the recomputed timeline.
#[tauri::command(async)]
pub fn record_event(
    hane: State<'_, Hane>,
    id: Uuid,
    date: chrono::NaiveDate,
    event: EventInput,
) -> CmdResult<Tracking> {
    contained(|| {
        hane.record_event(id, date, &event)?;
        hane.tracking(id)
    })
}

/// Reads an amount as the user typed it, so the UI can echo it back in Turkish format.
#[tauri::command]
pub fn parse_money(text: String, field: String) -> CmdResult<hane_core::money::Amount> {
    hane_core::api::parse_money(&text, &field)
}

#[tauri::command(async)]
pub fn upcoming_deadlines(hane: State<'_, Hane>) -> CmdResult<Vec<HomeDeadline>> {
    contained(|| hane.upcoming_deadlines())
}

/// Saves every case's deadlines as an .ics file the user picks. `false` when cancelled.
#[tauri::command(async)]
pub fn export_calendar(
    app: tauri::AppHandle,
    hane: State<'_, Hane>,
    language: String,
) -> CmdResult<bool> {
    let ics = contained(|| hane.calendar_ics(&language))?;
    save_as(
        &app,
        ("iCalendar", "ics"),
        "hane-sureler.ics",
        ics.as_bytes(),
    )
}

/// Writes `bytes` where the user chooses in the save dialog (`filter`: its name and
/// extension); `false` when she cancels.
fn save_as(
    app: &tauri::AppHandle,
    filter: (&str, &str),
    file_name: &str,
    bytes: &[u8],
) -> CmdResult<bool> {
    use tauri_plugin_dialog::DialogExt;
    let Some(path) = app
        .dialog()
        .file()
        .add_filter(filter.0, &[filter.1])
        .set_file_name(file_name)
        .blocking_save_file()
    else {
        return Ok(false);
    };
    let path = local_path(path, HaneError::FileAccess("not a local path".into()))?;
    std::fs::write(&path, bytes).map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
    Ok(true)
}

#[tauri::command(async)]
pub fn get_documents(hane: State<'_, Hane>, id: Uuid) -> CmdResult<Documents> {
    contained(|| hane.documents(id))
}

/// Forgets files staged for the page editor (kept in memory only, never on disk).
#[tauri::command]
pub fn stage_clear(hane: State<'_, Hane>) {
    hane.stage_clear();
}

fn raw_body<'a>(request: &'a tauri::ipc::Request<'_>) -> CmdResult<&'a [u8]> {
    match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => Ok(bytes),
        _ => Err(HaneError::ImageUnreadable),
    }
}

fn local_path(
    picked: tauri_plugin_dialog::FilePath,
    err: HaneError,
) -> CmdResult<std::path::PathBuf> {
    picked.into_path().map_err(|_| err)
}

/// Header values are ASCII: the UI percent-encodes the file name.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Receives one picked file as raw bytes (no base64, no temporary file), checks it and
/// stages it.
#[tauri::command]
pub async fn stage_file(
    hane: State<'_, Hane>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<StagedFile> {
    let bytes = raw_body(&request)?;
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    contained(|| hane.stage(name, bytes.to_vec()))
}

/// A staged PDF that is only scans, split into its pages (one JPEG each) and staged.
#[tauri::command(async)]
pub fn stage_scan_pages(hane: State<'_, Hane>, index: usize) -> CmdResult<Vec<StagedFile>> {
    contained(|| hane.stage_scan_pages(index))
}

/// A file dropped on the window, by its path (size checked before it is read).
#[tauri::command(async)]
pub fn stage_path(hane: State<'_, Hane>, path: std::path::PathBuf) -> CmdResult<StagedFile> {
    contained(|| {
        let bytes =
            hane_core::paths::read_user_file(&path, hane_core::limits::MAX_FILE_BYTES as u64)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        hane.stage(name, bytes)
    })
}

/// A staged file's thumbnail as raw JPEG bytes (shown through a blob URL; no file).
#[tauri::command(async)]
pub fn staged_thumbnail(hane: State<'_, Hane>, index: usize) -> CmdResult<tauri::ipc::Response> {
    // Large enough for the page editor's thumbnails to show which way a page is turned.
    contained(|| hane.staged_thumbnail(index, 320)).map(tauri::ipc::Response::new)
}

/// The page found on a staged image: corners (stored pixels), turn, deskew (#22).
#[tauri::command(async)]
pub fn staged_page_find(hane: State<'_, Hane>, index: usize) -> CmdResult<PageReport> {
    contained(|| hane.staged_page_find(index))
}

/// A staged image as shown (EXIF orientation applied), large enough to place corners on,
/// as raw JPEG bytes, for the corner editor.
#[tauri::command(async)]
pub fn staged_preview(hane: State<'_, Hane>, index: usize) -> CmdResult<tauri::ipc::Response> {
    contained(|| hane.staged_thumbnail(index, 900)).map(tauri::ipc::Response::new)
}

/// The staged image's page straightened (by the user's corners, or those found) and
/// staged beside the original.
#[tauri::command(async)]
pub fn stage_straightened(
    hane: State<'_, Hane>,
    index: usize,
    corners: Option<[[f32; 2]; 4]>,
    clean: bool,
) -> CmdResult<StagedFile> {
    contained(|| hane.stage_straightened(index, corners, clean))
}

/// Builds the slot's PDF from the staged files in the given order and turns (optionally
/// recompressed to the upload limit), so the user sees its size before saving.
#[tauri::command(async)]
pub fn build_staged(
    hane: State<'_, Hane>,
    id: Uuid,
    slot: String,
    pages: Vec<PageOrder>,
    compress: bool,
) -> CmdResult<BuiltInfo> {
    contained(|| hane.build_staged(id, slot, &pages, compress))
}

/// Stores the slot's PDF built from the staged files (as given, or recompressed) and
/// forgets the staged files.
#[tauri::command(async)]
pub fn attach_staged(
    hane: State<'_, Hane>,
    id: Uuid,
    slot: String,
    pages: Vec<PageOrder>,
    compress: bool,
) -> CmdResult<Documents> {
    contained(|| hane.attach_staged(id, slot, &pages, compress))
}

#[tauri::command(async)]
pub fn set_upload_limit(hane: State<'_, Hane>, mb: u32) -> CmdResult<Settings> {
    contained(|| hane.set_upload_limit(mb))
}

#[tauri::command(async)]
pub fn remove_document(hane: State<'_, Hane>, id: Uuid, slot: String) -> CmdResult<Documents> {
    contained(|| hane.remove_document(id, &slot))
}

#[tauri::command(async)]
pub fn readiness(hane: State<'_, Hane>, id: Uuid) -> CmdResult<Readiness> {
    contained(|| hane.readiness(id))
}

/// Asks for a folder (or uses `HANE_EXPORT_DIR`, for automation and the e2e test) and
/// exports the bundle there. `None` when the user cancelled the dialog.
#[tauri::command(async)]
pub fn export_bundle(
    app: tauri::AppHandle,
    hane: State<'_, Hane>,
    id: Uuid,
    draft: bool,
) -> CmdResult<Option<ExportReport>> {
    use tauri_plugin_dialog::DialogExt;
    let target = match std::env::var_os("HANE_EXPORT_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            let Some(picked) = app.dialog().file().blocking_pick_folder() else {
                return Ok(None);
            };
            local_path(picked, HaneError::ExportTargetUnavailable)?
        }
    };
    contained(|| hane.export(id, &target, draft)).map(Some)
}

/// Shows an exported folder in the OS file manager.
#[tauri::command]
pub fn open_folder(app: tauri::AppHandle, path: String) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path, None::<&str>)
        .map_err(|_| HaneError::ExportTargetUnavailable)
}

#[tauri::command(async)]
pub fn photo_state(hane: State<'_, Hane>, id: Uuid) -> CmdResult<PhotoState> {
    contained(|| hane.photo_state(id))
}

/// Receives the picked photo as raw bytes; checks that it decodes before storing it.
#[tauri::command]
pub async fn photo_import(
    hane: State<'_, Hane>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<PhotoState> {
    let bytes = raw_body(&request)?;
    let id = request
        .headers()
        .get("x-case-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or(HaneError::CaseNotFound)?;
    contained(|| hane.import_photo(id, bytes))
}

/// A passport page the user picked, as raw bytes: its MRZ read as proposals (nothing is
/// changed). Reading takes about half a second: async, off the UI thread.
#[tauri::command]
pub async fn mrz_read(
    hane: State<'_, Hane>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<hane_core::mrz::Proposal> {
    let bytes = raw_body(&request)?;
    contained(|| hane.read_mrz(bytes))
}

/// The MRZ of the passport page attached to the case.
#[tauri::command(async)]
pub fn passport_mrz(hane: State<'_, Hane>, id: Uuid) -> CmdResult<hane_core::mrz::Proposal> {
    contained(|| hane.passport_mrz(id))
}

/// A photo dropped on the window, by its path (size checked before it is read).
#[tauri::command(async)]
pub fn photo_import_path(
    hane: State<'_, Hane>,
    id: Uuid,
    path: std::path::PathBuf,
) -> CmdResult<PhotoState> {
    contained(|| {
        let bytes =
            hane_core::paths::read_user_file(&path, hane_core::limits::MAX_FILE_BYTES as u64)?;
        hane.import_photo(id, &bytes)
    })
}

/// The current crop as a small JPEG, sent as raw bytes (shown through a blob URL; no file).
#[tauri::command(async)]
pub fn photo_preview(hane: State<'_, Hane>, id: Uuid) -> CmdResult<tauri::ipc::Response> {
    contained(|| hane.photo_preview(id)).map(tauri::ipc::Response::new)
}

/// "Sözleşme taslağı hazırla" (issue #35): drafts the contract in Turkish and `lang`,
/// remembering what it was drafted from; the window shows it in the viewer.
#[tauri::command(async)]
pub fn draft_contract(hane: State<'_, Hane>, id: Uuid, lang: String) -> CmdResult<ContractDraft> {
    contained(|| hane.draft_contract(id, &lang))
}

/// Hane's own contract clauses, in every language (the window's clause editor).
#[tauri::command]
pub fn contract_clauses() -> &'static [hane_core::contract::Clause] {
    hane_core::contract::CLAUSES
}

/// What the application changed since the last contract draft.
#[tauri::command(async)]
pub fn contract_check(hane: State<'_, Hane>, id: Uuid) -> CmdResult<ContractCheck> {
    contained(|| hane.contract_check(id))
}

/// The contract's clauses as the user edited them.
#[tauri::command(async)]
pub fn set_contract_clauses(
    hane: State<'_, Hane>,
    id: Uuid,
    clauses: BTreeMap<String, MaddeMetni>,
) -> CmdResult<Sozlesme> {
    contained(|| hane.set_contract_clauses(id, clauses))
}

/// Saves a document Hane writes (the contract, the caregiver's pack) where the user
/// chooses, to send it on; `false` when she cancels.
#[tauri::command(async)]
pub fn save_generated(
    app: tauri::AppHandle,
    hane: State<'_, Hane>,
    id: Uuid,
    what: String,
    file_name: String,
) -> CmdResult<bool> {
    let pdf = contained(|| hane.view_bytes(id, &what))?;
    save_as(&app, ("PDF", "pdf"), &file_name, &pdf)
}

/// The viewer inside Hane: a PDF, the approved photo, the petition or the summary, as
/// bytes in memory (never a temporary file).
#[tauri::command(async)]
pub fn view_bytes(
    hane: State<'_, Hane>,
    id: Uuid,
    what: String,
) -> CmdResult<tauri::ipc::Response> {
    contained(|| hane.view_bytes(id, &what)).map(tauri::ipc::Response::new)
}

#[tauri::command(async)]
pub fn photo_reset(hane: State<'_, Hane>, id: Uuid) -> CmdResult<PhotoState> {
    contained(|| hane.reset_photo_crop(id))
}

#[tauri::command(async)]
pub fn photo_adjust(hane: State<'_, Hane>, id: Uuid, crop: Crop) -> CmdResult<PhotoState> {
    contained(|| hane.adjust_photo(id, &crop))
}

#[tauri::command(async)]
pub fn photo_approve(hane: State<'_, Hane>, id: Uuid, confirm_date: bool) -> CmdResult<PhotoState> {
    contained(|| hane.approve_photo(id, confirm_date))
}

/// Backs up every case to a file the user picks, under a passphrase they choose.
/// `false` when the save dialog was cancelled.
#[tauri::command(async)]
pub fn backup_create(
    app: tauri::AppHandle,
    hane: State<'_, Hane>,
    passphrase: String,
) -> CmdResult<bool> {
    use tauri_plugin_dialog::DialogExt;
    hane_core::kdf::check_passphrase_strength(&passphrase)?;
    let name = format!("hane-yedek-{}.hanebak", hane.today().format("%Y-%m-%d"));
    let Some(path) = app
        .dialog()
        .file()
        .add_filter("Hane", &["hanebak"])
        .set_file_name(&name)
        .blocking_save_file()
    else {
        return Ok(false);
    };
    let path = local_path(path, HaneError::FileAccess("not a local path".into()))?;
    contained(|| hane.create_backup(&path, &passphrase, None)).map(|_| true)
}

/// A picked backup, decrypted in memory until the user decides about duplicates.
#[tauri::command(async)]
pub fn backup_open(
    app: tauri::AppHandle,
    hane: State<'_, Hane>,
    passphrase: String,
) -> CmdResult<Option<RestorePlan>> {
    use tauri_plugin_dialog::DialogExt;
    let Some(path) = app
        .dialog()
        .file()
        .add_filter("Hane", &["hanebak"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = local_path(path, HaneError::FileAccess("not a local path".into()))?;
    contained(|| hane.open_backup(&path, &passphrase)).map(Some)
}

/// Applies the opened backup with the user's choice for cases that already exist.
#[tauri::command(async)]
pub fn backup_restore(hane: State<'_, Hane>, policy: DuplicatePolicy) -> CmdResult<RestoreReport> {
    contained(|| hane.restore(policy))
}

#[tauri::command(async)]
pub fn get_settings(hane: State<'_, Hane>) -> CmdResult<Settings> {
    contained(|| hane.settings())
}

#[tauri::command(async)]
pub fn set_notifications(hane: State<'_, Hane>, on: bool) -> CmdResult<Settings> {
    contained(|| hane.set_notifications(on))
}

#[tauri::command(async)]
pub fn set_language(hane: State<'_, Hane>, language: String) -> CmdResult<Settings> {
    contained(|| hane.set_language(&language))
}

/// Once at start: a desktop notification when a deadline is within 7 days or overdue
/// (unless turned off). Returns whether one was shown. A desktop without a notification
/// service is not an error: the home list shows the same. Async, so a slow D-Bus never
/// holds up the window.
#[tauri::command(async)]
pub fn remind_deadlines(app: tauri::AppHandle, hane: State<'_, Hane>) -> CmdResult<bool> {
    use tauri_plugin_notification::NotificationExt;
    let Some((title, body)) = contained(|| hane.reminder())? else {
        return Ok(false);
    };
    Ok(app
        .notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_becomes_the_internal_error() {
        let result: CmdResult<()> = contained(|| panic!("a decoder bug"));
        assert_eq!(result.unwrap_err().code(), "internal");
        assert_eq!(contained(|| Ok(7)).unwrap(), 7);
    }
}
