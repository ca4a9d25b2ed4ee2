// The single seam between the UI and Hane's core. Every backend call in the UI goes
// through this module, so a test can drive the same UI against another transport.
//
// Failures are thrown as BackendError carrying the core's stable `code` (and `field` for
// form errors); the UI translates the code, never the English developer `message`.

export class BackendError extends Error {
  constructor({ code, message, field }) {
    super(message || code);
    this.code = code || 'internal';
    this.field = field || null;
  }
}

function transport() {
  const tauri = globalThis.__TAURI__;
  if (tauri && tauri.core && typeof tauri.core.invoke === 'function') {
    return tauri.core.invoke;
  }
  return null;
}

async function call(command, args = {}, options) {
  const invoke = transport();
  if (!invoke) {
    throw new BackendError({ code: 'backend.unavailable', message: 'no backend transport' });
  }
  try {
    return await invoke(command, args, options);
  } catch (err) {
    if (err && typeof err === 'object' && typeof err.code === 'string') {
      throw new BackendError(err);
    }
    throw new BackendError({ code: 'internal', message: String(err) });
  }
}

export const backend = {
  appInfo: () => call('app_info'),
  vaultStatus: () => call('vault_status'),
  unlock: (passphrase) => call('unlock', { passphrase }),
  vaultUsePassphrase: (passphrase) => call('vault_use_passphrase', { passphrase }),
  vaultUseKeyring: () => call('vault_use_keyring'),
  renewCase: (id, keep = []) => call('renew_case', { id, keep }),
  newCaseFrom: (id, foreignerName) => call('new_case_from', { id, foreignerName }),
  newCaseForCaregiver: (id, employerName) => call('new_case_for_caregiver', { id, employerName }),
  applyHousehold: (id) => call('apply_household', { id }),
  deleteCase: (id) => call('delete_case', { id }),
  getCase: (id) => call('get_case', { id }),
  saveCase: (id, doc) => call('save_case', { id, doc }),
  rulesCatalog: () => call('rules_catalog'),
  places: () => call('places'),
  getTracking: (id) => call('get_tracking', { id }),
  recordEvent: (id, date, event) => call('record_event', { id, date, event }),
  parseMoney: (text, field) => call('parse_money', { text, field }),
  contractClauses: () => call('contract_clauses'),
  draftContract: (id, lang) => call('draft_contract', { id, lang }),
  contractCheck: (id) => call('contract_check', { id }),
  setContractClauses: (id, clauses) => call('set_contract_clauses', { id, clauses }),
  saveGenerated: (id, what, fileName) => call('save_generated', { id, what, fileName }),
  upcomingDeadlines: () => call('upcoming_deadlines'),
  exportCalendar: (language) => call('export_calendar', { language }),
  getDocuments: (id) => call('get_documents', { id }),
  stageClear: () => call('stage_clear'),
  // Raw bytes, not JSON: a 20 MB scan would otherwise become a 60 MB number array.
  stageFile: (name, bytes) =>
    call('stage_file', new Uint8Array(bytes), { headers: { 'x-file-name': encodeURIComponent(name) } }),
  // Files dropped on the window arrive by path (see onFileDrop).
  stagePath: (path) => call('stage_path', { path }),
  stageScanPages: (index) => call('stage_scan_pages', { index }),
  stagedThumbnail: (index) => call('staged_thumbnail', { index }),
  // A photographed page (#22): the page found (corners in the stored image's pixels),
  // the stored image to draw the corners on, and the page straightened as a new staged
  // file (the original stays staged, so the correction can be undone).
  stagedPageFind: (index) => call('staged_page_find', { index }),
  stagedPreview: (index) => call('staged_preview', { index }),
  stageStraightened: (index, corners, clean) => call('stage_straightened', { index, corners, clean }),
  photoImportPath: (id, path) => call('photo_import_path', { id, path }),
  // The page editor's PDF: built (to show its size, as given or recompressed to fit the
  // limit), then attached; attaching what was just built reuses that build.
  buildStaged: (id, slot, pages, compress = false) => call('build_staged', { id, slot, pages, compress }),
  attachStaged: (id, slot, pages, compress = false) => call('attach_staged', { id, slot, pages, compress }),
  removeDocument: (id, slot) => call('remove_document', { id, slot }),
  readiness: (id) => call('readiness', { id }),
  exportBundle: (id, draft) => call('export_bundle', { id, draft }),
  openFolder: (path) => call('open_folder', { path }),
  photoState: (id) => call('photo_state', { id }),
  photoImport: (id, bytes) => call('photo_import', new Uint8Array(bytes), { headers: { 'x-case-id': id } }),
  photoPreview: (id) => call('photo_preview', { id }),
  // A passport page's MRZ as proposals: a picked file (raw bytes) or the attached page.
  mrzRead: (bytes) => call('mrz_read', new Uint8Array(bytes)),
  passportMrz: (id) => call('passport_mrz', { id }),
  photoAdjust: (id, crop) => call('photo_adjust', { id, crop }),
  photoReset: (id) => call('photo_reset', { id }),
  // Raw bytes (an ArrayBuffer): a PDF, the approved photo, the petition or the summary.
  viewBytes: (id, what) => call('view_bytes', { id, what }),
  photoApprove: (id, confirmDate) => call('photo_approve', { id, confirmDate }),
  backupCreate: (passphrase) => call('backup_create', { passphrase }),
  backupOpen: (passphrase) => call('backup_open', { passphrase }),
  backupRestore: (policy) => call('backup_restore', { policy }),
  listCases: () => call('list_cases'),
  createCase: (employerName, foreignerName) =>
    call('create_case', { input: { employerName, foreignerName } }),
  getSettings: () => call('get_settings'),
  setLanguage: (language) => call('set_language', { language }),
  setNotifications: (on) => call('set_notifications', { on }),
  setUploadLimit: (mb) => call('set_upload_limit', { mb }),
  remindDeadlines: () => call('remind_deadlines'),
  /**
   * Files dragged from the file manager onto the window. The window itself takes the drop
   * (the page never sees the files) and reports their paths and the point, in CSS
   * pixels: handlers.over(point), handlers.drop(paths, point), handlers.leave().
   */
  onFileDrop: (handlers) => {
    const listen = globalThis.__TAURI__?.event?.listen;
    if (typeof listen !== 'function') return;
    const point = (p) => ({ x: p.x / devicePixelRatio, y: p.y / devicePixelRatio });
    listen('tauri://drag-over', (e) => handlers.over(point(e.payload.position)));
    listen('tauri://drag-drop', (e) => handlers.drop(e.payload.paths ?? [], point(e.payload.position)));
    listen('tauri://drag-leave', () => handlers.leave());
  },
};
