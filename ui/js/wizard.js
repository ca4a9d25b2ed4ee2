// The application wizard: one step per portal screen, then the summary (Özet).
// Every change is autosaved through the backend, which answers with the core's findings;
// a finding is shown next to its field once the user has left the field, or on coming back
// to a step she worked on, so a fresh form is not a wall of red; the step bar ticks only
// what is really done.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { SCREENS, STEPS, OPTIONS, getPath, setPath, fieldId, parseDate, dateProblem, showDate } from './schema.js';
import { renderTracking, echoAmount } from './tracking.js';
import { renderDocuments } from './documents.js';
import { renderPhoto } from './photo.js';
import { el, startRender } from './dom.js';
import { viewButton } from './viewer.js';
import { mrzPanel, markFields } from './mrz.js';
import { whyDetails } from './why.js';

const $ = (id) => document.getElementById(id);
const SAVE_DELAY_MS = 300;

const state = {
  id: null,
  doc: null,
  validation: null,
  submission: null,
  householdDiffers: [],
  step: 'profil',
  touched: new Set(),
  visited: new Set(),
  // Photo and documents, as their steps last read them (readiness at open): a tick on
  // the bar only for what is really done.
  progress: { photoApproved: false, missingDocuments: null },
  rules: new Map(),
  dateErrors: new Map(),
  // Fields edited since the last save was sent: their findings are stale until it returns.
  dirty: new Set(),
  saveTimer: null,
  onClose: null,
  autoFocused: null,
  places: null,
};


function screenOf(step) {
  return SCREENS.find((s) => s.id === step);
}

function visibleFields(screen) {
  return screen.fields.filter((f) => !f.when || f.when(state.doc));
}

function findingsFor(path) {
  return (state.validation?.findings ?? []).filter((f) => f.field === path);
}

const NO_FINDINGS = ['fotograf', 'belgeler', 'takip'];

function blockingOn(step) {
  if (NO_FINDINGS.includes(step)) return 0;
  const all = state.validation?.findings ?? [];
  return all.filter((f) => f.severity === 'blocking' && (step === 'ozet' || f.screen === step)).length;
}

// ---- rendering -------------------------------------------------------------

/** A form step holds something in the stored case: it was worked on, in this run or an
 *  earlier one (issue #34: the ticks come from the case, not from this run's visits). */
function started(step) {
  const screen = screenOf(step);
  if (!screen || !state.doc) return false;
  return visibleFields(screen).some((f) => {
    const v = getPath(state.doc, f.path);
    return v !== null && v !== undefined && v !== '' && v !== false;
  });
}

/**
 * What the step bar says of a step: `{ count }` problems, `done` (a tick), or nothing.
 * A form step says something once the user has left it, and is ticked whenever the
 * stored case has it filled and clean; the photo is done when approved;
 * the documents when every required one is attached; the result (Sonuç) only when the
 * whole application is — no problem left, photo approved, documents attached.
 */
function stepState(step) {
  const p = state.progress;
  if (step === 'takip') return {};
  if (step === 'fotograf') return p.photoApproved ? { done: true } : {};
  if (step === 'belgeler') {
    if (p.missingDocuments === 0) return { done: true };
    return state.visited.has(step) && p.missingDocuments ? { count: p.missingDocuments } : {};
  }
  const count = blockingOn(step);
  if (step === 'ozet') {
    const left = count + (p.photoApproved ? 0 : 1) + (p.missingDocuments ?? 1);
    if (!left) return { done: true };
    return state.visited.size ? { count: left } : {};
  }
  // Not yet left in this run: a tick if the stored case has it complete; a count waits
  // until she has worked on it (a fresh form is not a wall of red).
  if (!state.visited.has(step)) return !count && started(step) ? { done: true } : {};
  return count ? { count } : { done: true };
}

function renderSteps() {
  const list = $('steps');
  list.replaceChildren();
  STEPS.forEach((step, i) => {
    const { count, done } = stepState(step);
    const label = `${i + 1}. ${t(`step.${step}`)}`;
    const status = count ? t('step.problems', { count }) : done ? t('step.clean') : '';
    const button = el('button', {
      type: 'button',
      id: `step-${step}`,
      className: count ? 'step has-problems' : done ? 'step clean' : 'step',
      'aria-current': step === state.step ? 'step' : null,
      'aria-label': status ? `${label} — ${status}` : label,
    });
    button.append(el('span', { text: label }), el('span', { className: 'badge', 'aria-hidden': 'true', text: count ? String(count) : done ? '✓' : '' }));
    button.addEventListener('click', () => goTo(step));
    list.append(el('li', {}, button));
  });
}

/** Names compared as a Turkish reader does (İ/i, I/ı), spaces aside. */
function sameName(a, b) {
  return a.trim().toLocaleUpperCase('tr-TR') === b.trim().toLocaleUpperCase('tr-TR');
}

/** A list field's [value, label] pairs, or null where there is no list to pick from yet
 *  (the districts before a known il): then the field stays free text. */
function listOptions(field) {
  const p = state.places;
  if (!p) return null;
  if (field.list === 'il') return p.iller.map((i) => [i.ad, i.ad]);
  if (field.list === 'ilce') {
    const il = p.iller.find((i) => sameName(i.ad, state.doc.isyeri.il ?? ''));
    return il ? il.ilceler.map((d) => [d, d]) : null;
  }
  // Stored by the portal's (Turkish) name, shown in the UI's language.
  return p.ulkeler.map((u) => [u.tr, language() === 'tr' ? u.tr : u.en]);
}

function inputFor(field) {
  const id = fieldId(field.path);
  const value = getPath(state.doc, field.path);
  const describedBy = `${id}-error ${id}-help`;
  let input;
  const listed = field.type === 'list' ? listOptions(field) : null;
  if (listed) {
    // The portal's list; a stored value not on it stays, marked, so nothing is lost.
    input = el('select', { id, name: field.path, 'aria-describedby': describedBy });
    input.append(el('option', { value: '', text: t('form.choose') }));
    const on = listed.find(([v]) => sameName(v, value ?? ''));
    if (value && !on) input.append(el('option', { value, text: t('form.notOnList', { value }), selected: true }));
    for (const [v, label] of listed) input.append(el('option', { value: v, text: label, selected: on?.[0] === v }));
  } else if (field.type === 'select') {
    input = el('select', { id, name: field.path, 'aria-describedby': describedBy });
    input.append(el('option', { value: '', text: t('form.choose') }));
    for (const opt of OPTIONS[field.options]) {
      input.append(el('option', { value: opt, text: t(`opt.${field.options}.${opt}`), selected: value === opt }));
    }
  } else if (field.type === 'textarea') {
    input = el('textarea', { id, name: field.path, rows: '3', 'aria-describedby': describedBy });
    input.value = value ?? '';
  } else if (field.type === 'checkbox') {
    input = el('input', { id, name: field.path, type: 'checkbox', 'aria-describedby': describedBy });
    input.checked = Boolean(value);
  } else {
    const attrs = { id, name: field.path, type: 'text', 'aria-describedby': describedBy, autocomplete: field.autocomplete ?? 'off' };
    if (field.type === 'digits' || field.type === 'number') Object.assign(attrs, { inputmode: 'numeric' });
    if (field.maxlength) attrs.maxlength = String(field.maxlength + 4); // room for pasted spaces
    if (field.type === 'email') Object.assign(attrs, { type: 'email', inputmode: 'email' });
    if (field.type === 'tel') Object.assign(attrs, { type: 'tel', inputmode: 'tel' });
    if (field.type === 'date') Object.assign(attrs, { placeholder: t('form.datePlaceholder'), inputmode: 'numeric' });
    if (field.inputmode) attrs.inputmode = field.inputmode;
    input = el('input', attrs);
    input.value = field.type === 'date' ? showDate(value) : value ?? '';
  }
  if (input.tagName === 'SELECT' || field.type === 'checkbox') {
    input.addEventListener('change', () => onEdit(field, input));
  } else {
    // `change` too: some input paths (autofill, automation, IME commits) end with a
    // change event and no final input event.
    input.addEventListener('input', () => onEdit(field, input));
    input.addEventListener('change', () => onEdit(field, input));
  }
  input.addEventListener('blur', () => {
    // The field Hane focused when the step opened, left unchanged: the user did not
    // leave it, she never came to it.
    if (state.autoFocused === input) {
      state.autoFocused = null;
      return;
    }
    state.touched.add(field.path);
    renderFindings();
  });
  input.addEventListener('keydown', () => {
    if (state.autoFocused === input) state.autoFocused = null;
  });
  return input;
}

function renderField(field) {
  const id = fieldId(field.path);
  const label = el('label', { for: id, text: t(`field.${field.path}`) + (field.optional ? ` ${t('form.optional')}` : '') });
  // The field's help, and for free text an example of what a household writes there.
  const helpText = [t(`fieldHelp.${field.path}`, {}, ''), t(`fieldExample.${field.path}`, {}, '')].filter(Boolean).join(' ');
  const help = el('p', { id: `${id}-help`, className: 'field-help', text: helpText });
  const error = el('div', { id: `${id}-error`, className: 'field-error', 'aria-live': 'polite' });
  const input = inputFor(field);
  if (field.type === 'checkbox') {
    return el('div', { className: 'field checkbox', 'data-field': field.path }, el('div', { className: 'check-row' }, input, label), help, error);
  }
  if (field.type === 'money') {
    // What the core reads from the typed amount, in digits and words (12.345 is twelve
    // thousand, never 12,35): the wage is printed in the petition the employer signs.
    const echo = el('p', { id: `${id}-echo`, className: 'hint money-echo', 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} ${echo.id}`);
    input.addEventListener('input', () => echoAmount(input, echo, field.path));
    if (input.value.trim()) echoAmount(input, echo, field.path);
    return el('div', { className: 'field', 'data-field': field.path }, label, help, input, echo, error);
  }
  if (field.path === 'gorev.calisma_adresi') {
    // Most caregivers work where the household lives: offer İşyeri's address (#34).
    const i = state.doc.isyeri ?? {};
    const place = [i.ilce, i.il].filter((x) => x?.trim()).join('/');
    const address = [i.adres?.trim(), place].filter(Boolean).join(' ');
    if (address && input.value.trim() !== address) {
      const same = el('button', { type: 'button', id: 'use-isyeri-adres', className: 'link', text: t('form.useIsyeriAddress', { address }) });
      same.addEventListener('click', () => {
        input.value = address;
        onEdit(field, input);
        state.touched.add(field.path);
        same.remove();
        input.focus();
      });
      return el('div', { className: 'field', 'data-field': field.path }, label, help, input, same, error);
    }
  }
  return el('div', { className: 'field', 'data-field': field.path }, label, help, input, error);
}

function renderScreen(screen) {
  const body = $('step-body');
  const fieldset = el('fieldset', { className: 'screen' }, el('legend', { text: t(`step.${screen.id}`) }));
  fieldset.append(el('p', { className: 'hint', text: t(`help.${screen.id}`) }));
  // The passport page read here: its values proposed for this step's and Kişisel
  // bilgiler's fields (issue #21).
  if (screen.id === 'genel') fieldset.append(mrzPanel(state.id, mrzHooks));
  // The journey starts with the e-İmza (it takes days at PTT): asked here, on the first
  // step, not only on the after-submission Takip step (issue #34).
  if (screen.id === 'profil') fieldset.append(eimzaQuestion());
  for (const field of visibleFields(screen)) fieldset.append(renderField(field));
  body.replaceChildren(fieldset);
  markFields(state.id, state.doc);
}

// Accepting a proposal from the passport's MRZ is typing it: set, marked worked on, saved.
const mrzHooks = {
  doc: () => state.doc,
  apply(pairs) {
    for (const [path, value] of pairs) {
      setPath(state.doc, path, value);
      state.touched.add(path);
      state.dirty.add(path);
    }
    scheduleSave(false);
    render();
    $('mrz-title')?.focus();
  },
};

function displayValue(field) {
  const v = getPath(state.doc, field.path);
  if (v === null || v === undefined || v === '') return '';
  if (field.type === 'select') return t(`opt.${field.options}.${v}`);
  if (field.type === 'date') return showDate(v);
  if (field.type === 'list' && field.list === 'ulke') {
    // Stored by the portal's Turkish name; read in the UI's language (issue #34: not
    // "Nationality: Filipinler" in English).
    const on = (listOptions(field) ?? []).find(([stored]) => sameName(stored, String(v)));
    if (on) return on[1];
  }
  if (field.type === 'checkbox') return v ? t('form.yes') : t('form.no');
  return String(v);
}

async function copy(text, label) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el('textarea', { className: 'sr-only', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $('announcer').textContent = t('summary.copied', { label });
}

function renderSummary() {
  const body = $('step-body');
  const v = state.validation;
  const blocking = v.findings.filter((f) => f.severity === 'blocking');
  const status = el('div', {
    id: 'summary-status',
    className: blocking.length ? 'banner error' : 'banner ok',
    'data-clean': String(blocking.length === 0),
    role: 'status',
  });
  status.textContent = blocking.length ? t('summary.blocking', { count: blocking.length }) : t('summary.clean');
  const parts = [el('h2', { className: 'step-title', text: t('step.ozet') }), status];

  if (v.findings.length) {
    const list = el('ul', { id: 'summary-findings', className: 'findings' });
    for (const f of v.findings) {
      const go = el('button', { type: 'button', className: 'link', text: t(`field.${f.field}`, {}, f.field) });
      go.addEventListener('click', () => goTo(f.screen, f.field));
      list.append(el('li', { className: `finding ${f.severity}`, 'data-rule': f.rule },
        el('span', { className: 'sev', text: t(`severity.${f.severity}`) }), ' ', go, ': ', f.message[language()]));
    }
    parts.push(el('h3', { text: t('summary.findingsTitle') }), list);
  }
  if (v.latestEnd) {
    parts.push(el('p', { id: 'latest-end', className: 'hint', text: v.latestEnd.explanation[language()] }));
  }

  for (const screen of SCREENS) {
    const table = el('table', { className: 'summary-table' },
      el('caption', { text: t(`step.${screen.id}`) }));
    const tbody = el('tbody');
    for (const field of visibleFields(screen)) {
      const value = displayValue(field);
      // What the portal takes: a list's value by its (Turkish) name whatever the UI's
      // language, the wage as the core reads it.
      let copied = field.type === 'list' ? String(getPath(state.doc, field.path) ?? '') : value;
      const label = t(`field.${field.path}`);
      const button = el('button', { type: 'button', className: 'copy', 'aria-label': t('summary.copyLabel', { label }), text: t('summary.copy'), disabled: value === '' });
      button.addEventListener('click', () => copy(copied, label));
      const cell = el('td', { className: 'value', text: value || '—' });
      if (field.type === 'money' && value) {
        // As it will be entered (issue #34): the core's reading of what was typed
        // ("28000 TL" → 28.000,00 TL), the copy without the currency.
        backend.parseMoney(value, field.path).then((amount) => {
          cell.textContent = amount.display;
          copied = amount.display.replace(/\s*TL$/, '');
        }, () => {});
      }
      tbody.append(el('tr', { 'data-field': field.path },
        el('th', { scope: 'row', text: label }),
        cell,
        el('td', {}, button)));
    }
    table.append(tbody);
    parts.push(table);
  }

  const docs = el('ul', { id: 'required-documents' });
  for (const d of v.requiredDocuments) docs.append(el('li', { text: language() === 'tr' ? d.titleTr : d.titleEn }));
  parts.push(el('h3', { text: t('summary.documents') }), docs);
  const exportBox = el('section', { id: 'export-box', className: 'export-box', 'aria-labelledby': 'export-title' });
  parts.splice(2, 0, exportBox);
  body.replaceChildren(...parts);
  renderExport(exportBox);
}

/** Hazırlık durumu: what still blocks the bundle, and the export buttons. */
async function renderExport(box) {
  const current = startRender(box);
  let r;
  try {
    r = await backend.readiness(state.id);
  } catch (err) {
    if (current()) box.replaceChildren(el('p', { className: 'banner error', text: errorText(err.code) }));
    return;
  }
  if (!current()) return;
  const parts = [el('h3', { id: 'export-title', text: t('export.title') })];
  // A submitted case was sent already: its bundle is a copy of what was sent, not an
  // upload still to make (issue #34).
  const sent = state.submission;
  parts.push(el('p', { id: 'readiness', 'data-ready': String(r.ready), className: sent ? 'banner info' : r.ready ? 'banner ok' : 'banner error',
    text: sent ? t('export.sent', { date: showDate(sent.submittedOn) })
      : r.ready ? t('export.ready') : t('export.notReady', { count: r.blockingFindings.length + r.missingDocuments.length + (r.photoApproved ? 0 : 1) }) }));
  if (r.missingDocuments.length) {
    const ul = el('ul', { id: 'missing-documents' });
    for (const d of r.missingDocuments) {
      const go = el('button', { type: 'button', className: 'link', text: language() === 'tr' ? d.titleTr : d.titleEn });
      go.addEventListener('click', () => goTo('belgeler'));
      ul.append(el('li', {}, t('export.missingDoc'), ' ', go));
    }
    parts.push(ul);
  }
  if (!r.photoApproved) {
    const go = el('button', { type: 'button', className: 'link', id: 'go-photo', text: t('export.photoMissing') });
    go.addEventListener('click', () => goTo('fotograf'));
    parts.push(el('p', {}, go));
  }
  const result = el('div', { id: 'export-result', role: 'status' });
  const run = async (draft) => {
    result.textContent = t('export.working');
    try {
      const report = await backend.exportBundle(state.id, draft);
      if (!report) {
        result.textContent = '';
        return;
      }
      const open = el('button', { type: 'button', id: 'open-folder', text: t('export.openFolder') });
      open.addEventListener('click', () => backend.openFolder(report.folder).catch((err) => { result.append(' ', errorText(err.code)); }));
      result.replaceChildren(el('p', { id: 'export-done', 'data-folder': report.folder, text: t(draft ? 'export.doneDraft' : 'export.done', { folder: report.folder, count: report.files.length }) }), open);
    } catch (err) {
      result.replaceChildren(el('p', { className: 'field-error', text: errorText(err.code) }));
    }
  };
  const exportButton = el('button', { type: 'button', id: 'export-bundle', className: 'primary', text: t('export.button'), disabled: !r.ready });
  exportButton.addEventListener('click', () => run(false));
  const draftButton = el('button', { type: 'button', id: 'export-draft', text: t('export.draftButton') });
  draftButton.addEventListener('click', () => run(true));
  // The petition and the summary as the bundle would carry them now, to read before export.
  const petition = viewButton(state.id, 'dilekce', t('viewer.petition'));
  const summary = viewButton(state.id, 'ozet', t('viewer.summary'));
  petition.id = 'view-petition';
  summary.id = 'view-summary';
  petition.textContent = `${t('viewer.open')}: ${t('viewer.petition')}`;
  summary.textContent = `${t('viewer.open')}: ${t('viewer.summary')}`;
  parts.push(el('p', { className: 'actions' }, petition, summary), el('div', { className: 'actions' }, exportButton, draftButton), result);
  box.replaceChildren(...parts);
}

/** What is wrong with a typed date, in the user's language (see `dateProblem`). */
function dateText(problem) {
  if (problem?.code === 'day') {
    const month = new Date(Date.UTC(2000, problem.month - 1, 1))
      .toLocaleString(language() === 'tr' ? 'tr-TR' : 'en-GB', { month: 'long', timeZone: 'UTC' });
    return t('errors.date.noSuchDay', { day: problem.day, month, year: problem.year, last: problem.last });
  }
  if (problem?.code === 'month') return t('errors.date.noSuchMonth', { month: problem.month });
  return t('errors.date.format');
}

/** Shows each visible field's findings (and its "why" source) if the user got to it. */
function renderFindings() {
  const screen = screenOf(state.step);
  if (!screen) return;
  // A step the user worked on and left shows what is still wrong on it when she comes
  // back; otherwise a field turns red only once she has left it.
  const showAll = state.visited.has(state.step);
  for (const field of visibleFields(screen)) {
    const id = fieldId(field.path);
    const box = $(`${id}-error`);
    const input = $(id);
    if (!box || !input) continue;
    const found = findingsFor(field.path);
    const dateError = state.dateErrors.get(field.path);
    const show = (showAll || state.touched.has(field.path)) && !state.dirty.has(field.path);
    box.replaceChildren();
    const messages = [];
    if (dateError) messages.push({ text: dateText(dateError), severity: 'blocking' });
    // A date typed but unreadable is not an empty field: no "required" beside its reason.
    if (show) for (const f of found) if (!(dateError && f.rule === 'required')) messages.push({ text: f.message[language()], severity: f.severity, rule: f.rule });
    for (const m of messages) {
      const p = el('p', { className: `msg ${m.severity}`, 'data-rule': m.rule }, m.text);
      const rule = m.rule && state.rules.get(m.rule);
      if (rule) {
        p.append(' ', whyDetails(rule));
      }
      box.append(p);
    }
    // The wage's live read-back and its finding come from the same parser: once the
    // finding is shown, the read-back's refusal would say it twice (issue #34).
    const echo = $(`${id}-echo`);
    if (echo?.classList.contains('field-error') && messages.some((m) => m.rule === 'wage.amount')) {
      echo.textContent = '';
      echo.classList.remove('field-error');
    }
    const invalid = messages.some((m) => m.severity === 'blocking');
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** On a submitted case: when it was sent, that it is checked as of that day, and what
 *  changed since (the draft's difference from the frozen snapshot, issue #19). */
function renderSubmission() {
  const box = $('submission-banner');
  const s = state.submission;
  box.hidden = !s;
  if (!s) return box.replaceChildren();
  const lang = language();
  const parts = [el('p', { id: 'submission-summary', text: t(s.applicationNo ? 'submission.bannerNo' : 'submission.banner', { date: showDate(s.submittedOn), no: s.applicationNo }) })];
  if (!s.snapshotKept) {
    parts.push(el('p', { className: 'hint', text: t('submission.noSnapshot') }));
  } else if (s.changes.length) {
    const list = el('ul', { id: 'submission-changes' });
    const value = (v) => (v === null || v === '' ? '—' : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? showDate(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));
    for (const c of s.changes) {
      list.append(el('li', { 'data-field': c.field, text: t('submission.change', { field: t(`field.${c.field}`, {}, c.field), before: value(c.before), after: value(c.after) }) }));
    }
    parts.push(el('details', { open: true }, el('summary', { text: t('submission.changes', { count: s.changes.length }) }), list));
  } else {
    parts.push(el('p', { id: 'submission-unchanged', text: t('submission.unchanged') }));
  }
  if (s.snapshotKept && s.documentsChanged === null) parts.push(el('p', { className: 'hint', text: t('submission.documentsUnknown') }));
  else if (s.documentsChanged?.length) {
    parts.push(el('p', { id: 'submission-documents', text: t('submission.documentsChanged', { list: s.documentsChanged.map((d) => (lang === 'tr' ? d.titleTr : d.titleEn)).join(', ') }) }));
  }
  box.replaceChildren(...parts);
}

/** On Profil and İşyeri: the employer's other open cases whose household differs from
 *  this one, and "apply to them too" (the household entered once, issue #19). */
function renderHousehold() {
  const box = $('household-banner');
  const others = state.householdDiffers ?? [];
  const show = others.length > 0 && (state.step === 'profil' || state.step === 'isyeri');
  box.hidden = !show;
  if (!show) return box.replaceChildren();
  const names = others.map((c) => c.foreignerName || '—').join(', ');
  const apply = el('button', { type: 'button', id: 'household-apply', text: t('household.apply') });
  apply.addEventListener('click', async () => {
    apply.disabled = true;
    try {
      await flush();
      const applied = await backend.applyHousehold(state.id);
      state.householdDiffers = [];
      renderHousehold();
      $('announcer').textContent = t('household.applied', { count: applied.length });
    } catch (err) {
      apply.disabled = false;
      $('save-status').textContent = errorText(err.code);
    }
  });
  box.replaceChildren(el('p', { id: 'household-others', text: t('household.differs', { names }) }), apply);
}

/** After a tracking entry: the case may now be submitted (or no longer). */
async function refreshCase() {
  const { validation, submission } = await backend.getCase(state.id);
  state.validation = validation;
  state.submission = submission;
  renderSubmission();
  renderSteps();
}

function render() {
  // Claims the step body: an async step still loading (photo, documents, tracking) finds
  // it is no longer current and drops its result.
  startRender($('step-body'));
  renderSteps();
  renderSubmission();
  renderHousehold();
  if (state.step === 'ozet') renderSummary();
  else if (state.step === 'takip') renderTracking($('step-body'), state.id, eimzaHooks);
  else if (state.step === 'fotograf') renderPhoto($('step-body'), state.id);
  else if (state.step === 'belgeler') renderDocuments($('step-body'), state.id, declaredHooks, state.rules, passportHooks, contractHooks);
  else {
    renderScreen(screenOf(state.step));
    renderFindings();
  }
  $('step-prev').hidden = state.step === STEPS[0];
  $('step-next').hidden = state.step === STEPS[STEPS.length - 1];
  // The title says which application this is: an extension reads differently from the
  // first application it continues (issue #34).
  const extension = state.doc.basvuru?.yer === 'yurt_ici' && state.doc.basvuru?.tur === 'uzatma';
  $('wizard-title').textContent = t(extension ? 'wizard.titleExtension' : 'wizard.title', { name: `${state.doc.kisisel.ad} ${state.doc.kisisel.soyad}`.trim() });
}

// The passport page attached in Belgeler is read there; its values are compared with the
// form and accepted on Genel bilgiler (the panel shows the same reading).
const passportHooks = {
  doc: () => state.doc,
  async open() {
    await goTo('genel');
    $('mrz-title')?.focus();
  },
};

/** Profil's e-İmza question: one tick for "I have it" (the checklist's last step), or the
 *  way to the full PTT checklist on Takip. */
function eimzaQuestion() {
  const have = eimzaHooks.checked.includes('teslim');
  const box = el('input', { type: 'checkbox', id: 'profil-eimza', checked: have });
  box.addEventListener('change', async () => {
    await eimzaHooks.toggle('teslim', box.checked);
    render();
  });
  const how = el('button', { type: 'button', id: 'profil-eimza-how', className: 'link', text: t('eimza.howTo') });
  how.addEventListener('click', () => goTo('takip'));
  return el('div', { className: `eimza-question banner ${have ? 'ok' : 'info'}`, id: 'profil-eimza-box' },
    el('p', { text: t(have ? 'eimza.haveIt' : 'eimza.needIt') }),
    el('div', { className: 'check-row' }, box, el('label', { for: 'profil-eimza', text: t('eimza.teslimShort') })),
    have ? null : how);
}

// The contract the core drafts and remembers (sozlesme): the wizard's copy of the case
// follows what the core stored, so an autosave never writes an older one back.
const contractHooks = {
  doc: () => state.doc,
  setSozlesme(s) {
    state.doc.sozlesme = s;
  },
  flush: () => flush(),
};

// The ticked e-İmza preparation steps live in the case document (eimza_hazirlik).
const eimzaHooks = {
  get checked() {
    return state.doc?.eimza_hazirlik ?? [];
  },
  async toggle(step, on) {
    const rest = (state.doc.eimza_hazirlik ?? []).filter((s) => s !== step);
    state.doc.eimza_hazirlik = on ? [...rest, step] : rest;
    await saveNow();
  },
  recorded: () => refreshCase(),
};

// The user's own declared documents live in the case document (ek_belgeler).
const declaredHooks = {
  async add(title) {
    const id = Math.random().toString(36).slice(2, 10);
    state.doc.ek_belgeler = [...(state.doc.ek_belgeler ?? []), { id, baslik: title }];
    await saveNow();
    render();
    document.getElementById('declared-title')?.focus();
  },
  async remove(id) {
    state.doc.ek_belgeler = (state.doc.ek_belgeler ?? []).filter((e) => e.id !== id);
    await saveNow();
    render();
  },
};

// ---- editing and saving ----------------------------------------------------

function onEdit(field, input) {
  if (state.autoFocused === input) state.autoFocused = null;
  let value;
  if (field.type === 'checkbox') value = input.checked;
  else if (field.type === 'select') value = input.value || null;
  else if (field.type === 'list') value = input.value;
  else if (field.type === 'number') {
    const digits = input.value.trim();
    value = /^\d+$/.test(digits) ? Number(digits) : null;
  } else if (field.type === 'date') {
    const parsed = parseDate(input.value);
    if (parsed === undefined) {
      state.dateErrors.set(field.path, dateProblem(input.value));
      renderFindings();
      return; // keep the last good date; the message says how to write it
    }
    if (state.dateErrors.delete(field.path)) renderFindings(); // the date reads now: drop its message at once
    value = parsed;
  } else value = input.value;
  if (getPath(state.doc, field.path) === value) return;
  setPath(state.doc, field.path, value);
  state.touched.add(field.path);
  state.dirty.add(field.path);
  markFields(state.id, state.doc);
  // A choice can show or hide other fields: redraw the step, keeping focus.
  // Another il: its districts are another list, and the old ilçe is not on it. Only the
  // ilçe field is redrawn: redrawing the step would reset the list's type-ahead while a
  // keyboard user is still typing a name.
  if (field.path === 'isyeri.il') {
    const il = state.places?.iller.find((i) => sameName(i.ad, value));
    if (il && !il.ilceler.some((d) => sameName(d, state.doc.isyeri.ilce ?? ''))) state.doc.isyeri.ilce = '';
    const ilce = screenOf('isyeri').fields.find((f) => f.path === 'isyeri.ilce');
    $(fieldId(ilce.path))?.replaceWith(inputFor(ilce));
  }
  if (field.type === 'list') scheduleSave(false);
  else if (input.tagName === 'SELECT' || field.type === 'checkbox') scheduleSave(true, field.path);
  else scheduleSave(false);
}

function scheduleSave(redraw, focusPath) {
  clearTimeout(state.saveTimer);
  $('save-status').textContent = t('wizard.saving');
  $('save-status').dataset.state = 'saving';
  if (redraw) {
    render();
    $(fieldId(focusPath))?.focus();
  }
  state.saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
}

async function saveNow() {
  clearTimeout(state.saveTimer);
  state.saveTimer = null;
  const sent = new Set(state.dirty);
  try {
    const saved = await backend.saveCase(state.id, state.doc);
    state.validation = saved;
    state.householdDiffers = saved.householdDiffers;
    renderHousehold();
    if (state.submission && saved.submittedChanges) {
      state.submission = { ...state.submission, changes: saved.submittedChanges };
      renderSubmission();
    }
    for (const path of sent) state.dirty.delete(path);
    $('save-status').textContent = t('wizard.saved');
    $('save-status').dataset.state = 'saved';
    renderSteps();
    if (state.step === 'ozet') renderSummary();
    else renderFindings();
  } catch (err) {
    $('save-status').textContent = errorText(err.code);
    $('save-status').dataset.state = 'error';
  }
}

async function flush() {
  if (state.saveTimer) await saveNow();
}

async function goTo(step, focusPath) {
  await flush();
  // Looking around (opening a step, leaving it untouched) marks nothing: a step counts
  // as visited once a field on it was edited or left.
  const screen = screenOf(state.step);
  if (!screen || screen.fields.some((f) => state.touched.has(f.path))) state.visited.add(state.step);
  if (focusPath) state.touched.add(focusPath);
  state.step = step;
  render();
  const target = focusPath ? $(fieldId(focusPath)) : $('step-body').querySelector('input, select, textarea, button');
  (target ?? $('step-body')).focus();
  state.autoFocused = focusPath ? null : target;
  window.scrollTo(0, 0);
}

function move(delta) {
  const i = STEPS.indexOf(state.step) + delta;
  if (i >= 0 && i < STEPS.length) goTo(STEPS[i]);
}

export function setupWizard(onClose) {
  state.onClose = onClose;
  $('step-prev').addEventListener('click', () => move(-1));
  $('step-next').addEventListener('click', () => move(1));
  $('wizard-close').addEventListener('click', async () => {
    await flush();
    $('wizard').hidden = true;
    state.onClose?.();
  });
}

export async function openWizard(id, step = 'profil') {
  const [{ case: c, validation, submission, householdDiffers }, rules, ready, places] = await Promise.all([
    backend.getCase(id), backend.rulesCatalog(), backend.readiness(id), state.places ?? backend.places()]);
  state.places = places;
  Object.assign(state, {
    id,
    doc: c.doc,
    validation,
    submission,
    householdDiffers,
    step,
    touched: new Set(),
    visited: new Set(),
    dateErrors: new Map(),
    dirty: new Set(),
    rules: new Map(rules.map((r) => [r.id, r])),
    progress: { photoApproved: ready.photoApproved, missingDocuments: ready.missingDocuments.length },
  });
  $('save-status').textContent = '';
  $('wizard').hidden = false;
  render();
  $('wizard-title').focus();
}

// The photo and documents steps report what they read after every change.
document.addEventListener('hane:progress', (e) => {
  if (e.detail.caseId !== state.id) return;
  Object.assign(state.progress, e.detail.progress);
  if (wizardOpen()) renderSteps();
});

/** Re-renders in the current language (called after a language switch). */
export function rerenderWizard() {
  if (state.doc && !$('wizard').hidden) render();
}

export function wizardOpen() {
  return Boolean(state.doc) && !$('wizard').hidden;
}
