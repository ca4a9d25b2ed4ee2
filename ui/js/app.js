// Home screen: the case list and the "new application" form.
import { backend } from './backend.js';
import { t, translate, setLanguage, language, errorText, formatDate } from './i18n.js';
import { setupWizard, openWizard, rerenderWizard, wizardOpen } from './wizard.js';
import { renderHomeDeadlines, daysText } from './tracking.js';
import { renderBackup } from './backup.js';
import { setupAbout, setAboutInfo, rerenderAbout } from './about.js';
import { listenForFileDrops } from './dom.js';
import { limitForm } from './documents.js';
import { setupViewer } from './viewer.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['employer_name', 'foreigner_name'];
let cases = [];
let settingsOpen = false;
let journeyToggled = false;

/** The wizard step where a journey stage is done (issue #20). */
const STAGE_STEP = { eimza: 'profil', yer: 'basvuru', referans: 'basvuru', ikamet: 'kisisel', hazirla: 'ozet', basvur: 'takip', takip: 'takip' };

/** Which page shows: the home screen (journey, deadlines, cases), the settings, or the
 *  wizard; nothing but the unlock form while the data folder is closed. */
function applyView() {
  const wizard = wizardOpen();
  const home = homeOpen && !wizard && !settingsOpen;
  for (const id of ['journey-panel', 'deadlines-panel', 'cases-panel']) $(id).hidden = !home;
  if (!home) $('new-case-panel').hidden = true;
  $('settings-panel').hidden = !(homeOpen && settingsOpen && !wizard);
  $('settings-open').hidden = !homeOpen || settingsOpen || wizard;
}

async function renderSettings() {
  try {
    const s = await backend.getSettings();
    $('settings-upload').replaceChildren(limitForm(s.uploadLimitMb * 1e6, renderSettings, 'settings-upload-limit'));
  } catch (err) {
    showGlobalError(err);
  }
  renderBackup(reloadCases);
}

async function openSettings(open) {
  settingsOpen = open;
  applyView();
  if (open) {
    await renderSettings();
    $('settings-title').focus();
  } else {
    $('settings-upload').replaceChildren();
    $('settings-open').focus();
  }
}

function showGlobalError(err) {
  const box = $('global-error');
  if (!err) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.textContent = errorText(err.code);
  box.dataset.code = err.code;
  box.hidden = false;
}

function announce(text) {
  $('announcer').textContent = text;
}

function renderCases() {
  const body = $('cases-body');
  body.replaceChildren();
  for (const c of cases) {
    const tr = document.createElement('tr');
    tr.dataset.caseId = c.id;
    tr.dataset.status = c.status;
    const next = c.nextDeadline;
    const nextText = next ? `${next.title[language()]} — ${daysText(next)}` : '';
    const type = t(`cases.type.${c.basvuruTuru}`);
    for (const text of [c.foreignerName, c.employerName, type, t(`status.${c.status}`), '', nextText, formatDate(c.createdAt)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    tr.children[2].className = `case-type ${c.basvuruTuru}`;
    tr.children[3].className = `case-status ${c.status}`;
    if (next?.urgent) tr.children[5].classList.add('urgent');
    // Where the case is on the journey, and a button to the step where that is done.
    const stage = c.journey.next;
    const n = c.journey.stages.findIndex((s) => s.stage === stage) + 1;
    const go = document.createElement('button');
    go.type = 'button';
    go.className = 'link journey-next';
    go.dataset.stage = stage;
    const name = t(`journey.${stage}`).replace(/\.$/, '');
    go.textContent = t('journey.next', { n, stage: name });
    go.setAttribute('aria-label', t('journey.nextLabel', { name: c.foreignerName, stage: name }));
    go.addEventListener('click', () => showWizard(c.id, STAGE_STEP[stage]));
    tr.children[4].append(go);
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'open-case';
    open.textContent = t('cases.open');
    open.setAttribute('aria-label', t('cases.openLabel', { name: c.foreignerName }));
    open.addEventListener('click', () => showWizard(c.id));
    // Deleting asks twice: the first press turns the button into "confirm".
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'link delete-case';
    del.textContent = t('cases.delete');
    del.setAttribute('aria-label', t('cases.deleteLabel', { name: c.foreignerName }));
    del.addEventListener('click', async () => {
      if (del.dataset.armed !== 'true') {
        del.dataset.armed = 'true';
        del.textContent = t('cases.deleteConfirm');
        return;
      }
      try {
        await backend.deleteCase(c.id);
        cases = cases.filter((x) => x.id !== c.id);
        renderCases();
        await refreshDeadlines();
        announce(t('cases.deleted', { name: c.foreignerName }));
      } catch (err) {
        showGlobalError(err);
      }
    });
    // The next application from this one: an extension once approved, or a second
    // caregiver for the same household (both open in the wizard, filled).
    const startFrom = async (call, button) => {
      button.disabled = true;
      try {
        const item = await call(c.id);
        // The core hands back an existing extension rather than a second one.
        if (!cases.some((x) => x.id === item.id)) cases = [item, ...cases];
        renderCases();
        await showWizard(item.id);
      } catch (err) {
        button.disabled = false;
        showGlobalError(err);
      }
    };
    const td = document.createElement('td');
    td.append(open);
    if (c.uzatmaBasvurusu) {
      // One extension per permit (issue #34): open the one that exists.
      const ext = document.createElement('button');
      ext.type = 'button';
      ext.className = 'link open-extension';
      ext.textContent = t('cases.openExtension');
      ext.setAttribute('aria-label', t('cases.openExtensionLabel', { name: c.foreignerName }));
      ext.addEventListener('click', () => showWizard(c.uzatmaBasvurusu));
      td.append(' ', ext);
    } else if (c.status === 'onaylandi' || c.status === 'uzatma_zamani') {
      const renew = document.createElement('button');
      renew.type = 'button';
      renew.className = 'renew-case';
      renew.textContent = t('cases.renew');
      renew.setAttribute('aria-label', t('cases.renewLabel', { name: c.foreignerName }));
      renew.addEventListener('click', () => askWhatToKeep(c, (keep) => startFrom((id) => backend.renewCase(id, keep), renew)));
      td.append(' ', renew);
    }
    // A new application from this one's household, or for this one's caregiver: the
    // other party's name is asked first, so no case on the list is without one (#34).
    const startButton = (className, key, name, ask, call) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `link ${className}`;
      b.textContent = t(key);
      b.setAttribute('aria-label', t(`${key}Label`, { name }));
      b.addEventListener('click', () => askName(ask, (typed) => startFrom((id) => call(id, typed), b)));
      return b;
    };
    const household = startButton('same-household', 'cases.sameHousehold', c.employerName, 'foreigner', backend.newCaseFrom);
    const caregiver = startButton('same-caregiver', 'cases.sameCaregiver', c.foreignerName, 'employer', backend.newCaseForCaregiver);
    td.append(' ', household, ' ', caregiver, ' ', del);
    tr.append(td);
    body.append(tr);
  }
  // The journey stays open for a first-time user; once there are applications each row
  // says where it is, and the explanation folds away (one click to open it again).
  if (!journeyToggled) $('journey-details').open = cases.length === 0;
  $('cases-table').hidden = cases.length === 0;
  $('cases-empty').hidden = cases.length !== 0;
}

/** Asks the name the new case lacks (`who`: 'foreigner' or 'employer'), then starts it. */
function askName(who, start) {
  const dialog = $('name-dialog');
  const input = $('name-input');
  const error = $('name-error');
  $('name-title').textContent = t(`nameAsk.${who}.title`);
  $('name-hint').textContent = t(`nameAsk.${who}.hint`);
  $('name-label').textContent = t(`newCase.${who}Name`);
  input.value = '';
  error.textContent = '';
  input.removeAttribute('aria-invalid');
  $('name-form').onsubmit = (e) => {
    e.preventDefault();
    const typed = input.value.trim();
    if (!typed) {
      error.textContent = t('nameAsk.required');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    dialog.close();
    start(typed);
  };
  $('name-cancel').onclick = () => dialog.close();
  dialog.showModal();
  input.focus();
}

/** "Uzatma başvurusu başlat": the user confirms, one by one, which of the approved case's
 *  documents are still valid for the extension (none is ticked for her), then starts it. */
async function askWhatToKeep(c, start) {
  const dialog = $('renew-dialog');
  let docs;
  try {
    docs = (await backend.getDocuments(c.id)).checklist.filter((i) => i.document);
  } catch (err) {
    return showGlobalError(err);
  }
  const list = $('renew-list');
  list.replaceChildren();
  docs.forEach((item, n) => {
    const id = `renew-keep-${n}`;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.value = item.key;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = language() === 'tr' ? item.titleTr : item.titleEn;
    const row = document.createElement('div');
    row.className = 'check';
    row.dataset.slot = item.key;
    row.append(box, ' ', label);
    list.append(row);
  });
  if (!docs.length) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = t('renew.none');
    list.append(none);
  }
  $('renew-title').textContent = t('renew.titleFor', { name: c.foreignerName });
  const form = $('renew-form');
  form.onsubmit = (e) => {
    e.preventDefault();
    const keep = [...list.querySelectorAll('input:checked')].map((b) => b.value);
    dialog.close();
    start(keep);
  };
  $('renew-cancel').onclick = () => dialog.close();
  dialog.showModal();
  (list.querySelector('input') ?? $('renew-start')).focus();
}

function renderLanguage() {
  translate();
  for (const b of document.querySelectorAll('.lang button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
  }
  const version = $('version').dataset.version;
  if (version) $('version').textContent = t('app.version', { version });
  const err = $('global-error');
  if (!err.hidden && err.dataset.code) err.textContent = errorText(err.dataset.code);
  renderUnlock();
  renderCases();
  rerenderWizard();
  rerenderAbout();
  if (homeOpen) refreshDeadlines();
  if (homeOpen && settingsOpen) renderSettings();
}

async function showWizard(id, step) {
  showGlobalError(null);
  try {
    $('new-case-panel').hidden = true;
    await openWizard(id, step);
  } catch (err) {
    showGlobalError(err);
  }
  applyView();
}

/** After a restore: the list and the deadlines from the database again. */
async function reloadCases() {
  cases = await backend.listCases();
  renderCases();
  await refreshDeadlines();
}

function refreshDeadlines() {
  return renderHomeDeadlines((id) => showWizard(id, 'takip'));
}

async function exportCalendar() {
  try {
    const saved = await backend.exportCalendar(language());
    // Said on the page too, not only to screen readers (issue #34).
    if (saved) {
      announce(t('deadline.exported'));
      const note = $('ics-status');
      if (note) note.textContent = t('deadline.exported');
    }
  } catch (err) {
    showGlobalError(err);
  }
}

async function backToList() {
  try {
    cases = await backend.listCases();
  } catch (err) {
    showGlobalError(err);
  }
  applyView();
  renderCases();
  await refreshDeadlines();
  $('new-case').focus();
}

function clearFieldErrors() {
  for (const f of FIELDS) {
    $(`${f}-error`).textContent = '';
    $(f).removeAttribute('aria-invalid');
  }
}

function showFieldError(err) {
  const input = $(err.field);
  $(`${err.field}-error`).textContent = errorText(err.code);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function openForm(open) {
  $('new-case-panel').hidden = !open;
  $('new-case').setAttribute('aria-expanded', String(open));
  if (open) {
    $('new-case-form').reset();
    clearFieldErrors();
    $('employer_name').focus();
  } else {
    $('new-case').focus();
  }
}

async function submitCase(event) {
  event.preventDefault();
  clearFieldErrors();
  showGlobalError(null);
  try {
    const created = await backend.createCase($('employer_name').value, $('foreigner_name').value);
    cases = [created, ...cases];
    renderCases();
    $('new-case-panel').hidden = true;
    announce(t('newCase.saved', { name: created.foreignerName }));
    await showWizard(created.id);
  } catch (err) {
    if (err.field && FIELDS.includes(err.field)) showFieldError(err);
    else showGlobalError(err);
  }
}

async function changeLanguage(lang) {
  setLanguage(lang);
  renderLanguage();
  if (!homeOpen) return; // saved with the other settings once the data folder is open
  try {
    await backend.setLanguage(lang);
  } catch (err) {
    showGlobalError(err);
  }
}

let unlockMode = null; // 'setup' | 'locked' while the data folder waits for a passphrase
let homeOpen = false; // the database is open and the case list loaded

function renderUnlock() {
  const panel = $('unlock-panel');
  panel.hidden = unlockMode === null;
  applyView();
  if (unlockMode === null) return;
  const setup = unlockMode === 'setup';
  $('unlock-title').textContent = t(setup ? 'unlock.setupTitle' : 'unlock.lockedTitle');
  $('unlock-hint').textContent = t(setup ? 'unlock.setupHint' : 'unlock.lockedHint');
  $('passphrase2-field').hidden = !setup;
  $('passphrase').autocomplete = setup ? 'new-password' : 'current-password';
}

function fieldError(id, text) {
  $(`${id}-error`).textContent = text;
  if (text) {
    $(id).setAttribute('aria-invalid', 'true');
    $(id).focus();
  } else {
    $(id).removeAttribute('aria-invalid');
  }
}

async function submitUnlock(event) {
  event.preventDefault();
  fieldError('passphrase', '');
  fieldError('passphrase2', '');
  const pass = $('passphrase').value;
  if (unlockMode === 'setup' && pass !== $('passphrase2').value) {
    fieldError('passphrase2', t('unlock.mismatch'));
    return;
  }
  try {
    await backend.unlock(pass);
    unlockMode = null;
    $('unlock-form').reset();
    await loadHome();
  } catch (err) {
    fieldError('passphrase', errorText(err.code));
  }
}

let reminded = false;

async function loadHome() {
  const settings = await backend.getSettings();
  setLanguage(settings.language);
  $('notify-toggle').checked = settings.notifications;
  if (!reminded) {
    reminded = true;
    backend.remindDeadlines().catch(() => {});
  }
  cases = await backend.listCases();
  homeOpen = true;
  await refreshDeadlines();
  renderUnlock();
  renderLanguage();
}

async function start() {
  listenForFileDrops(backend);
  $('unlock-form').addEventListener('submit', submitUnlock);
  setupWizard(backToList);
  setupAbout();
  setupViewer();
  $('export-ics').addEventListener('click', exportCalendar);
  $('notify-toggle').addEventListener('change', (e) => {
    backend.setNotifications(e.target.checked).catch(showGlobalError);
  });
  $('new-case').addEventListener('click', () => openForm(true));
  $('settings-open').addEventListener('click', () => openSettings(true));
  $('journey-details').querySelector('summary').addEventListener('click', () => { journeyToggled = true; });
  $('settings-close').addEventListener('click', () => openSettings(false));
  $('cancel-case').addEventListener('click', () => openForm(false));
  $('new-case-form').addEventListener('submit', submitCase);
  for (const b of document.querySelectorAll('.lang button')) {
    b.addEventListener('click', () => changeLanguage(b.dataset.lang));
  }
  renderLanguage();
  try {
    const info = await backend.appInfo();
    $('version').dataset.version = info.version;
    setAboutInfo(info);
    const status = await backend.vaultStatus();
    if (status.state === 'open') {
      await loadHome();
    } else if (status.state === 'setup' || status.state === 'locked') {
      unlockMode = status.state;
      renderUnlock();
      $('passphrase').focus();
    } else {
      showGlobalError(status.error);
    }
  } catch (err) {
    showGlobalError(err);
  }
  renderLanguage();
  document.body.dataset.ready = 'true';
}

start();
