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

async function call(command, args = {}) {
  const invoke = transport();
  if (!invoke) {
    throw new BackendError({ code: 'backend.unavailable', message: 'no backend transport' });
  }
  try {
    return await invoke(command, args);
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
  deleteCase: (id) => call('delete_case', { id }),
  getCase: (id) => call('get_case', { id }),
  saveCase: (id, doc) => call('save_case', { id, doc }),
  rulesCatalog: () => call('rules_catalog'),
  getTracking: (id) => call('get_tracking', { id }),
  recordEvent: (id, date, event) => call('record_event', { id, date, event }),
  upcomingDeadlines: () => call('upcoming_deadlines'),
  exportCalendar: (language) => call('export_calendar', { language }),
  listCases: () => call('list_cases'),
  createCase: (employerName, foreignerName) =>
    call('create_case', { input: { employerName, foreignerName } }),
  getSettings: () => call('get_settings'),
  setLanguage: (language) => call('set_language', { language }),
};
