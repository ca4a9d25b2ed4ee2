//! IPC commands. Each returns `Result<T, ErrorPayload>` so a failure reaches the UI as
//! `{ code, message, field? }`; the UI translates `code`.

use hane_core::bundle;
use hane_core::calendar;
use hane_core::case::{Case, CaseDoc, CaseSummary, NewCase};
use hane_core::deadlines::{self, Deadline, Status};
use hane_core::documents::{self, AttachFile, ChecklistItem};
use hane_core::photo;
use hane_core::rules::{self, catalog::Rule, Validation};
use hane_core::settings::{Language, Settings};
use hane_core::storage::Database;
use hane_core::tracking::{Event, EventInput};
use hane_core::vault::KeyMode;
use hane_core::{ErrorPayload, HaneError};
use serde::Serialize;
use tauri::State;
use uuid::Uuid;

use crate::{AppState, DbState, Staged};

type CmdResult<T> = Result<T, ErrorPayload>;

/// Runs `f`, turning a panic into the `internal` error: a bug (say, in a decoder meeting a
/// hostile file) must cost the user one failed action with a message, never the window
/// (issue #17). Every command that reads a user's file or the database goes through it.
/// Each database write is one SQLite transaction, so a panic cannot leave one half done
/// (an open transaction rolls back when it is dropped); locks held are recovered by
/// `unwrap_or_else(into_inner)` where they are taken.
fn contained<T>(f: impl FnOnce() -> CmdResult<T>) -> CmdResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(HaneError::Internal.to_payload()))
}

/// Runs `f` with the open database, or reports why it is not open.
fn with_db<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Database) -> Result<T, HaneError>,
) -> CmdResult<T> {
    let mut guard = state.db.lock().unwrap_or_else(|p| p.into_inner());
    match &mut *guard {
        DbState::Open(db) => contained(|| f(db).map_err(|e| e.to_payload())),
        DbState::Locked { .. } => Err(HaneError::PassphraseRequired.to_payload()),
        DbState::Failed(e) => Err(e.to_payload()),
    }
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

/// Settings: keep the database key under a passphrase instead of the OS keyring
/// (re-encrypts the database with `PRAGMA rekey`).
#[tauri::command]
pub fn vault_use_passphrase(
    state: State<'_, AppState>,
    passphrase: String,
) -> CmdResult<VaultStatus> {
    with_db(&state, |db| {
        state.vault.switch_to_passphrase(db, &passphrase)
    })?;
    Ok(vault_status(state))
}

/// Settings: move the key back into the OS keyring (a new random key; re-encrypts).
#[tauri::command]
pub fn vault_use_keyring(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    with_db(&state, |db| state.vault.switch_to_keyring(db))?;
    Ok(vault_status(state))
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

/// Today's date for rules and deadlines: the calendar day in Turkey. `HANE_TODAY=YYYY-MM-DD`
/// pins it (the e2e tests use a fixed day so their dates never go stale).
fn today() -> chrono::NaiveDate {
    std::env::var("HANE_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| hane_core::clock::turkey_today(chrono::Utc::now()))
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracking {
    events: Vec<Event>,
    deadlines: Vec<Deadline>,
}

fn tracking_of(db: &Database, id: Uuid) -> Result<Tracking, HaneError> {
    let case = db.get_case(id)?;
    let events = db.events(id)?;
    let deadlines = deadlines::deadlines(&case.doc, &events, today());
    Ok(Tracking { events, deadlines })
}

#[tauri::command]
pub fn get_tracking(state: State<'_, AppState>, id: Uuid) -> CmdResult<Tracking> {
    with_db(&state, |db| tracking_of(db, id))
}

/// Appends an event, as the user typed it (amounts as text, read by the core's money
/// parser), to the case's history and returns the recomputed timeline.
#[tauri::command]
pub fn record_event(
    state: State<'_, AppState>,
    id: Uuid,
    date: chrono::NaiveDate,
    event: EventInput,
) -> CmdResult<Tracking> {
    with_db(&state, |db| {
        db.record_input(id, date, &event, today())?;
        tracking_of(db, id)
    })
}

/// An amount as the user types it, read by the core's one money parser and echoed back
/// (`12.345,00 TL`, in words) before anything is saved.
#[tauri::command]
pub fn parse_money(text: String, field: String) -> CmdResult<hane_core::money::Amount> {
    let field: &'static str = match field.as_str() {
        "gorev.ucret" => "gorev.ucret",
        "harc" => "harc",
        "degerli_kagit" => "degerli_kagit",
        _ => "amount",
    };
    hane_core::money::parse_tl(&text)
        .map(hane_core::money::Amount::new)
        .map_err(|problem| HaneError::Money { field, problem }.to_payload())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeDeadline {
    case_id: Uuid,
    foreigner_name: String,
    #[serde(flatten)]
    deadline: Deadline,
}

/// The home screen's list: every case's deadlines that are not done, most urgent first.
#[tauri::command]
pub fn upcoming_deadlines(state: State<'_, AppState>) -> CmdResult<Vec<HomeDeadline>> {
    with_db(&state, |db| {
        let mut out = Vec::new();
        for (summary, list) in deadlines::for_all_cases(db, today())? {
            for deadline in list.into_iter().filter(|d| d.status != Status::Done) {
                out.push(HomeDeadline {
                    case_id: summary.id,
                    foreigner_name: summary.foreigner_name.clone(),
                    deadline,
                });
            }
        }
        out.sort_by_key(|h| (h.deadline.status, h.deadline.due));
        Ok(out)
    })
}

/// Asks where to save, then writes every open deadline of every case as an .ics file.
/// Returns false when the user cancelled the dialog.
#[tauri::command]
pub async fn export_calendar(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    language: String,
) -> CmdResult<bool> {
    use tauri_plugin_dialog::DialogExt;
    let ics = with_db(&state, |db| {
        let per_case = deadlines::for_all_cases(db, today())?;
        Ok(calendar::to_ics_for_cases(
            &per_case,
            chrono::Utc::now(),
            &language,
        ))
    })?;
    let Some(path) = app
        .dialog()
        .file()
        .add_filter("iCalendar", &["ics"])
        .set_file_name("hane-sureler.ics")
        .blocking_save_file()
    else {
        return Ok(false);
    };
    let path = local_path(path, HaneError::FileAccess("not a local path".into()))?;
    std::fs::write(&path, ics)
        .map_err(|e| HaneError::FileAccess(e.kind().to_string()).to_payload())?;
    Ok(true)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Documents {
    checklist: Vec<ChecklistItem>,
    limit_bytes: u64,
}

fn documents_of(db: &Database, id: Uuid) -> Result<Documents, HaneError> {
    Ok(Documents {
        checklist: documents::case_checklist(db, id)?,
        limit_bytes: db.settings()?.upload_limit_bytes(),
    })
}

#[tauri::command]
pub fn get_documents(state: State<'_, AppState>, id: Uuid) -> CmdResult<Documents> {
    with_db(&state, |db| documents_of(db, id))
}

/// Forgets files staged for the page editor (kept in memory only, never on disk).
#[tauri::command]
pub fn stage_clear(state: State<'_, AppState>) {
    *state.staged.lock().unwrap_or_else(|p| p.into_inner()) = Staged::default();
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StagedFile {
    index: usize,
    kind: &'static str,
    pages: u32,
    bytes: usize,
}

/// The raw bytes of a command sent as a binary body (files are not sent as JSON).
fn raw_body<'a>(request: &'a tauri::ipc::Request<'_>) -> CmdResult<&'a [u8]> {
    match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => Ok(bytes),
        _ => Err(HaneError::ImageUnreadable.to_payload()),
    }
}

/// A dialog's answer as a local path (not a content URI).
fn local_path(
    picked: tauri_plugin_dialog::FilePath,
    err: HaneError,
) -> CmdResult<std::path::PathBuf> {
    picked.into_path().map_err(|_| err.to_payload())
}

/// Percent-decoding for the file-name header (header values must be ASCII).
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

/// Receives one picked file as raw bytes (no JSON, no base64) and checks it at once, so a
/// corrupt image or a fake PDF is reported before anything is saved.
#[tauri::command]
pub fn stage_file(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<StagedFile> {
    let bytes = raw_body(&request)?;
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    stage(&state, name, bytes.to_vec())
}

/// Checks one file for the page editor (a fake PDF or a corrupt image is reported before
/// anything is saved) and keeps it in memory.
fn stage(state: &State<'_, AppState>, name: String, bytes: Vec<u8>) -> CmdResult<StagedFile> {
    let file = AttachFile {
        name: &name,
        bytes: &bytes,
        quarter_turns: 0,
    };
    let (kind, pages) = contained(|| {
        if file.is_pdf() {
            let facts =
                hane_core::pdf::inspect::check_pdf(file.bytes).map_err(|e| e.to_payload())?;
            Ok(("pdf", facts.pages))
        } else {
            let info =
                hane_core::pdf::scan::inspect_image(file.bytes).map_err(|e| e.to_payload())?;
            Ok((info.kind, 1))
        }
    })?;
    let size = bytes.len();
    let mut staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
    staged.files.push((name, bytes));
    staged.built = None;
    Ok(StagedFile {
        index: staged.files.len() - 1,
        kind,
        pages,
        bytes: size,
    })
}

/// Opens a staged PDF made only of scanned pages as those pages (JPEGs, unchanged), staged
/// after the files already there, so the page editor can recompress them; the PDF itself
/// stays staged but unused. Nothing is staged, and the list is empty, for any other PDF.
/// Asked only for a PDF over the upload limit, so other PDFs are parsed once, not twice.
#[tauri::command]
pub async fn stage_scan_pages(
    state: State<'_, AppState>,
    index: usize,
) -> CmdResult<Vec<StagedFile>> {
    let (name, pdf) = {
        let staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
        staged
            .files
            .get(index)
            .cloned()
            .ok_or_else(|| HaneError::NoPages.to_payload())?
    };
    let pages =
        contained(|| hane_core::pdf::scan_pages::scan_pages(&pdf).map_err(|e| e.to_payload()))?
            .unwrap_or_default();
    let stem = std::path::Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
    staged.built = None;
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(i, jpeg)| {
            let bytes = jpeg.len();
            staged.files.push((format!("{stem} ({})", i + 1), jpeg));
            StagedFile {
                index: staged.files.len() - 1,
                kind: "jpeg",
                pages: 1,
                bytes,
            }
        })
        .collect())
}

/// A file dropped on the window: the window's drop event gives its path, so it is read
/// here (size checked first) and then staged like a picked one.
#[tauri::command]
pub async fn stage_path(
    state: State<'_, AppState>,
    path: std::path::PathBuf,
) -> CmdResult<StagedFile> {
    let bytes =
        hane_core::paths::read_user_file(&path, hane_core::pdf::scan::MAX_FILE_BYTES as u64)
            .map_err(|e| e.to_payload())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    stage(&state, name, bytes)
}

/// A small upright JPEG of a staged image, for the page editor's list (raw bytes).
#[tauri::command]
pub async fn staged_thumbnail(
    state: State<'_, AppState>,
    index: usize,
) -> CmdResult<tauri::ipc::Response> {
    let bytes = {
        let staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
        staged
            .files
            .get(index)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| HaneError::NoPages.to_payload())?
    };
    contained(|| {
        hane_core::pdf::scan::thumbnail_jpeg(&bytes, 160)
            .map(tauri::ipc::Response::new)
            .map_err(|e| e.to_payload())
    })
}

#[derive(serde::Deserialize)]
pub struct PageOrder {
    index: usize,
    turns: u8,
}

/// One build of the page editor's files: which case and slot, which staged files in which
/// order and turns, and whether scans are recompressed to fit the limit.
#[derive(Clone, PartialEq)]
pub struct BuildRequest {
    id: Uuid,
    slot: String,
    pages: Vec<(usize, u8)>,
    fit_bytes: Option<u64>,
}

/// The staged files' PDF for `request`, built now or taken from the editor's last build
/// (so saving what the user just saw the size of does not build it again). The database
/// is held only to read the slot's title and the limit, not while pages are recompressed.
fn built_for(
    state: &State<'_, AppState>,
    id: Uuid,
    slot: String,
    pages: &[PageOrder],
    compress: bool,
) -> CmdResult<(documents::Built, u64)> {
    let (title, limit) = with_db(state, |db| {
        Ok((
            documents::slot_title(db, id, &slot)?,
            db.settings()?.upload_limit_bytes(),
        ))
    })?;
    let request = BuildRequest {
        id,
        slot,
        pages: pages.iter().map(|p| (p.index, p.turns % 4)).collect(),
        fit_bytes: compress.then_some(limit),
    };
    let mut staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((done, built)) = &staged.built {
        if *done == request {
            return Ok((built.clone(), limit));
        }
    }
    let mut files = Vec::new();
    for &(index, turns) in &request.pages {
        let (name, bytes) = staged
            .files
            .get(index)
            .ok_or_else(|| HaneError::NoPages.to_payload())?;
        files.push(AttachFile {
            name,
            bytes,
            quarter_turns: turns,
        });
    }
    let created = chrono::Utc::now().naive_utc();
    let built = contained(|| {
        documents::build(&title, &files, created, request.fit_bytes).map_err(|e| e.to_payload())
    })?;
    staged.built = Some((request, built.clone()));
    Ok((built, limit))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuiltInfo {
    bytes: u64,
    pages: u32,
    limit_bytes: u64,
    source: &'static str,
    recompressed: Option<hane_core::pdf::scan::Recompression>,
}

/// Builds the slot's PDF from the staged files without storing it, so the editor can show
/// its size and, above the limit, offer recompression and show that size too. Async: a
/// recompression of many pages takes seconds and must not hold up the window.
#[tauri::command]
pub async fn build_staged(
    state: State<'_, AppState>,
    id: Uuid,
    slot: String,
    pages: Vec<PageOrder>,
    compress: bool,
) -> CmdResult<BuiltInfo> {
    let (built, limit_bytes) = built_for(&state, id, slot, &pages, compress)?;
    Ok(BuiltInfo {
        bytes: built.pdf.len() as u64,
        pages: built.pages,
        limit_bytes,
        source: built.source,
        recompressed: built.recompressed,
    })
}

/// Stores the slot's PDF built from the staged files (as given, or recompressed) and
/// forgets the staged files.
#[tauri::command]
pub async fn attach_staged(
    state: State<'_, AppState>,
    id: Uuid,
    slot: String,
    pages: Vec<PageOrder>,
    compress: bool,
) -> CmdResult<Documents> {
    let (built, _) = built_for(&state, id, slot.clone(), &pages, compress)?;
    let documents = with_db(&state, |db| {
        documents::store(db, id, &slot, &built)?;
        documents_of(db, id)
    })?;
    *state.staged.lock().unwrap_or_else(|p| p.into_inner()) = Staged::default();
    Ok(documents)
}

#[tauri::command]
pub fn set_upload_limit(state: State<'_, AppState>, mb: u32) -> CmdResult<Settings> {
    with_db(&state, |db| db.set_upload_limit_mb(mb))
}

#[tauri::command]
pub fn remove_document(state: State<'_, AppState>, id: Uuid, slot: String) -> CmdResult<Documents> {
    with_db(&state, |db| {
        db.delete_document(id, &slot)?;
        documents_of(db, id)
    })
}

#[tauri::command]
pub fn readiness(state: State<'_, AppState>, id: Uuid) -> CmdResult<bundle::Readiness> {
    with_db(&state, |db| bundle::readiness(db, id, today()))
}

/// Asks for a folder (or uses `HANE_EXPORT_DIR`, for automation and the e2e test) and
/// exports the bundle there. `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn export_bundle(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: Uuid,
    draft: bool,
) -> CmdResult<Option<bundle::ExportReport>> {
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
    let opts = bundle::ExportOptions {
        draft,
        today: today(),
    };
    with_db(&state, |db| bundle::export(db, id, &target, &opts)).map(Some)
}

/// Shows an exported folder in the OS file manager.
#[tauri::command]
pub fn open_folder(app: tauri::AppHandle, path: String) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path, None::<&str>)
        .map_err(|_| HaneError::ExportTargetUnavailable.to_payload())
}

#[tauri::command]
pub async fn photo_state(state: State<'_, AppState>, id: Uuid) -> CmdResult<photo::PhotoState> {
    with_db(&state, |db| photo::state(db, id, today()))
}

/// Receives the picked photo as raw bytes; checks that it decodes before storing it.
#[tauri::command]
pub async fn photo_import(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> CmdResult<photo::PhotoState> {
    let bytes = raw_body(&request)?;
    let id = request
        .headers()
        .get("x-case-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| HaneError::CaseNotFound.to_payload())?;
    with_db(&state, |db| photo::import(db, id, bytes, today()))
}

/// A photo dropped on the window, by its path (size checked before it is read).
#[tauri::command]
pub async fn photo_import_path(
    state: State<'_, AppState>,
    id: Uuid,
    path: std::path::PathBuf,
) -> CmdResult<photo::PhotoState> {
    let bytes =
        hane_core::paths::read_user_file(&path, hane_core::pdf::scan::MAX_FILE_BYTES as u64)
            .map_err(|e| e.to_payload())?;
    with_db(&state, |db| photo::import(db, id, &bytes, today()))
}

/// The current crop as a small JPEG, sent as raw bytes (shown through a blob URL; no file).
#[tauri::command]
pub async fn photo_preview(
    state: State<'_, AppState>,
    id: Uuid,
) -> CmdResult<tauri::ipc::Response> {
    with_db(&state, |db| photo::preview(db, id, today())).map(tauri::ipc::Response::new)
}

#[tauri::command]
pub async fn photo_adjust(
    state: State<'_, AppState>,
    id: Uuid,
    crop: photo::Crop,
) -> CmdResult<photo::PhotoState> {
    with_db(&state, |db| {
        db.set_photo_crop(id, &crop)?;
        photo::state(db, id, today())
    })
}

#[tauri::command]
pub async fn photo_approve(
    state: State<'_, AppState>,
    id: Uuid,
    confirm_date: bool,
) -> CmdResult<photo::PhotoState> {
    let result = with_db(&state, |db| {
        photo::approve(db, id, confirm_date, today())?;
        photo::state(db, id, today())
    });
    // Editing is over: free the decoded photo kept for nudges.
    photo::forget_decoded();
    result
}

/// Backs up every case to a file the user picks, under a passphrase they choose.
/// `false` when the save dialog was cancelled.
#[tauri::command]
pub async fn backup_create(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> CmdResult<bool> {
    use tauri_plugin_dialog::DialogExt;
    hane_core::vault::check_passphrase_strength(&passphrase).map_err(|e| e.to_payload())?;
    let name = format!("hane-yedek-{}.hanebak", today().format("%Y-%m-%d"));
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
    with_db(&state, |db| {
        hane_core::backup::create_backup(db, &path, &passphrase, None)
    })
    .map(|_| true)
}

/// A picked backup, decrypted in memory until the user decides about duplicates.
#[tauri::command]
pub async fn backup_open(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> CmdResult<Option<hane_core::backup::RestorePlan>> {
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
    let contents =
        hane_core::backup::read_backup(&path, &passphrase).map_err(|e| e.to_payload())?;
    let plan = with_db(&state, |db| hane_core::backup::plan_restore(db, &contents))?;
    *state
        .pending_restore
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(contents);
    Ok(Some(plan))
}

/// Applies the opened backup with the user's choice for cases that already exist.
#[tauri::command]
pub fn backup_restore(
    state: State<'_, AppState>,
    policy: hane_core::backup::DuplicatePolicy,
) -> CmdResult<hane_core::backup::RestoreReport> {
    let contents = state
        .pending_restore
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| HaneError::BackupCorrupt.to_payload())?;
    with_db(&state, |db| {
        hane_core::backup::apply_restore(db, contents, policy)
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
pub fn set_notifications(state: State<'_, AppState>, on: bool) -> CmdResult<Settings> {
    with_db(&state, |db| db.set_notifications(on))
}

/// Once at start: a desktop notification when a deadline is within 7 days or overdue
/// (unless turned off). Returns whether one was shown. A desktop without a notification
/// service is not an error: the home list shows the same. Async, so a slow D-Bus never
/// holds up the window.
#[tauri::command]
pub async fn remind_deadlines(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<bool> {
    use tauri_plugin_notification::NotificationExt;
    let reminder = with_db(&state, |db| {
        let settings = db.settings()?;
        if !settings.notifications {
            return Ok(None);
        }
        let urgent: Vec<Deadline> = deadlines::for_all_cases(db, today())?
            .into_iter()
            .flat_map(|(_, list)| list)
            .filter(|d| d.urgent)
            .collect();
        let refs: Vec<&Deadline> = urgent.iter().collect();
        Ok(deadlines::reminder(&refs, settings.language.as_str()))
    })?;
    let Some((title, body)) = reminder else {
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

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: String) -> CmdResult<Settings> {
    with_db(&state, |db| db.set_language(Language::parse(&language)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_becomes_the_internal_error() {
        let result: CmdResult<()> = contained(|| panic!("a decoder bug"));
        assert_eq!(result.unwrap_err().code, "internal");
        assert_eq!(contained(|| Ok(7)).unwrap(), 7);
    }
}
