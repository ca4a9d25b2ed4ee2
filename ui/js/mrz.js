// The passport's machine-readable zone (issue #21): a picked page, or the passport page
// already attached, is read on this computer; every value comes back as a proposal the user
// accepts field by field. Names and nationality carry no check digit and are always for the
// user to confirm; a character the model was unsure of is marked; a value that differs from
// what was typed is flagged beside its field ("Pasaportta …, siz … yazdınız").
import { backend } from './backend.js';
import { t, errorText } from './i18n.js';
import { el, filePicker } from './dom.js';
import { getPath, fieldId, showDate } from './schema.js';
import { MAX_FILE_BYTES } from './limits.js';

// The last reading per case, for this session only: nothing read is stored.
const readings = new Map();
// The passport page attached in Belgeler, read when it is attached (or first shown this
// session): caseId → { stamp, busy } | { stamp, proposal } | { stamp, code }. `stamp` names
// the stored document, so a replaced page is read again.
const attached = new Map();

// Each proposed field: where it is in the case, its value in the MRZ, the MRZ line and
// positions it comes from, and the check digit that guards it (none for names, nationality).
const ROWS = [
  { path: 'kisisel.soyad', value: (p) => p.mrz.surname, line: 0, from: 5, to: 44 },
  { path: 'kisisel.ad', value: (p) => p.mrz.givenNames, line: 0, from: 5, to: 44 },
  { path: 'kisisel.uyruk', value: (p) => p.nationality, line: 1, from: 10, to: 13 },
  { path: 'kisisel.dogum_tarihi', value: (p) => p.birthDate, line: 1, from: 13, to: 20, check: 'birthDate', date: true },
  { path: 'kisisel.cinsiyet', value: (p) => ({ F: 'kadin', M: 'erkek' })[p.mrz.sex] ?? null, line: 1, from: 20, to: 21, option: 'cinsiyet' },
  { path: 'genel.pasaport_no', value: (p) => p.mrz.documentNumber, line: 1, from: 0, to: 10, check: 'documentNumber' },
  { path: 'genel.pasaport_bitis', value: (p) => p.expiryDate, line: 1, from: 21, to: 28, check: 'expiryDate', date: true },
];

// Latin letters compared as the MRZ writes them: case and spaces aside (MARIA is Maria; an
// İ typed on a Turkish keyboard is not the passport's I, and is flagged).
const norm = (v) => String(v ?? '').trim().replace(/\s+/g, ' ').toLocaleUpperCase('en');

function shown(row, v) {
  if (v === null || v === undefined || v === '') return '';
  if (row.date) return showDate(v);
  if (row.option) return t(`opt.${row.option}.${v}`);
  return String(v);
}

/** Whether the reading's value and the case's differ, and both are there. */
function differs(row, proposal, doc) {
  const mrz = row.value(proposal);
  const typed = getPath(doc, row.path);
  return mrz != null && mrz !== '' && typed != null && typed !== '' && norm(mrz) !== norm(typed);
}

/** The MRZ lines with the characters the model was unsure of marked. */
function rawLines(proposal) {
  const unsure = new Set(proposal.unsure.map(([l, i]) => `${l}:${i}`));
  return el('pre', { className: 'mrz-lines', 'aria-label': t('mrz.lines') },
    ...proposal.lines.flatMap((line, l) => [
      ...[...line].map((c, i) => (unsure.has(`${l}:${i}`) ? el('mark', { title: t('mrz.unsureChar'), text: c }) : c)),
      l === 0 ? '\n' : '',
    ]));
}

function table(proposal, doc, apply) {
  const checks = new Map((proposal.mrz?.checks ?? []).map((c) => [c.field, c.ok]));
  const unsure = proposal.unsure;
  const rows = ROWS.map((row) => {
    const mrz = row.value(proposal);
    const typed = getPath(doc, row.path);
    const notes = [];
    if (row.check && checks.get(row.check) === false) notes.push(el('div', { className: 'mrz-bad', text: t('mrz.checkFailed') }));
    if (!row.check) notes.push(el('div', { className: 'hint', text: t('mrz.noCheckDigit') }));
    if (unsure.some(([l, i]) => l === row.line && i >= row.from && i < row.to)) notes.push(el('div', { className: 'mrz-bad', text: t('mrz.unsure') }));
    let status;
    if ((mrz == null || mrz === '') && row.option) status = t('mrz.unspecified');
    else if (mrz == null || mrz === '') status = t('mrz.notRead');
    else if (typed == null || typed === '') status = t('mrz.empty');
    else if (norm(mrz) === norm(typed)) status = t('mrz.same');
    else status = t('mrz.differs', { mrz: shown(row, mrz), typed: shown(row, typed) });
    const same = mrz != null && mrz !== '' && norm(mrz) === norm(typed ?? '');
    const accept = el('button', { type: 'button', className: 'secondary', 'data-accept': row.path, text: t('mrz.accept'), disabled: same || mrz == null || mrz === '' });
    accept.addEventListener('click', () => apply([[row.path, mrz]]));
    return el('tr', { 'data-mrz-row': row.path },
      el('th', { scope: 'row', text: t(`field.${row.path}`) }),
      el('td', { className: 'mrz-value', text: shown(row, mrz) || '—' }),
      el('td', {}, el('div', { className: differs(row, proposal, doc) ? 'mrz-bad' : '', text: status }), ...notes),
      el('td', {}, accept));
  });
  const all = el('button', { type: 'button', id: 'mrz-accept-all', text: t('mrz.acceptAll') });
  // Only what differs: a name typed as "Rotaru" is the passport's ROTARU and stays as typed.
  all.addEventListener('click', () => apply(ROWS
    .map((r) => [r.path, r.value(proposal)])
    .filter(([path, v]) => v != null && v !== '' && norm(v) !== norm(getPath(doc, path)))));
  return [
    el('table', { className: 'mrz-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('mrz.field') }),
        el('th', { scope: 'col', text: t('mrz.inPassport') }),
        el('th', { scope: 'col', text: t('mrz.inForm') }),
        el('th', { scope: 'col', text: '' }))),
      el('tbody', {}, ...rows)),
    all,
  ];
}

/**
 * The "read from the passport" panel for the Genel bilgiler step. `hooks.doc()` is the case
 * document, `hooks.apply(pairs)` sets [path, value] pairs as if typed, and saves.
 */
export function mrzPanel(caseId, hooks) {
  const status = el('p', { id: 'mrz-status', className: 'field-error', 'aria-live': 'polite' });
  const result = el('div', { id: 'mrz-result' });
  const show = () => {
    const p = readings.get(caseId);
    if (!p) return void result.replaceChildren();
    const parts = [rawLines(p)];
    if (!p.mrz) parts.push(el('p', { className: 'banner error', role: 'alert', text: t('mrz.notPassport') }));
    else {
      parts.push(el('p', { className: p.allChecksPass ? 'hint' : 'banner error', text: t(p.allChecksPass ? 'mrz.checksPass' : 'mrz.checksFail') }));
      parts.push(...table(p, hooks.doc(), hooks.apply));
    }
    result.replaceChildren(...parts);
  };
  const read = async (work, fromAttached = false) => {
    status.textContent = t('mrz.reading');
    try {
      readings.set(caseId, await work());
      status.textContent = '';
    } catch (err) {
      // No passport page attached yet: say where it goes, not only "not found" (#34).
      status.textContent = fromAttached && err.code === 'document.not_found' ? t('mrz.noneAttached') : errorText(err.code);
    }
    show();
    markFields(caseId, hooks.doc());
  };
  const input = el('input', { type: 'file', id: 'mrz-file', accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf', 'aria-describedby': 'mrz-help mrz-status' });
  input.addEventListener('change', () => {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return void (status.textContent = t('errors.file.too_large'));
    read(async () => backend.mrzRead(await file.arrayBuffer()));
  });
  const attached = el('button', { type: 'button', id: 'mrz-attached', className: 'secondary', text: t('mrz.fromAttached') });
  attached.addEventListener('click', () => read(() => backend.passportMrz(caseId), true));
  show();
  return el('section', { className: 'mrz-panel', 'aria-labelledby': 'mrz-title' },
    el('h3', { id: 'mrz-title', tabindex: '-1', text: t('mrz.title') }),
    el('p', { id: 'mrz-help', className: 'hint', text: t('mrz.help') }),
    el('div', { className: 'mrz-actions' }, filePicker(input, t('mrz.choose')), attached),
    status,
    result);
}

/** Beside each field the passport was read for: "Pasaportta …, siz … yazdınız" when they differ. */
export function markFields(caseId, doc) {
  const p = readings.get(caseId);
  for (const row of ROWS) {
    const box = document.querySelector(`[data-field="${row.path}"]`);
    if (!box) continue;
    box.querySelector('.mrz-note')?.remove();
    if (!p?.mrz || !differs(row, p, doc)) continue;
    const note = el('p', { className: 'mrz-note', id: `${fieldId(row.path)}-mrz`, role: 'status',
      text: t('mrz.differs', { mrz: shown(row, row.value(p)), typed: shown(row, getPath(doc, row.path)) }) });
    box.querySelector('.field-error')?.before(note);
  }
}

/** Forgets the attached page's reading (the document was removed). */
export function forgetAttached(caseId) {
  attached.delete(caseId);
}

/**
 * Reads the passport page attached as `stored` (its checklist document) unless this very document was read (or is
 * being read: then the same reading is awaited). Resolves with whether a reading was new
 * when it ends; the reading also becomes Genel bilgiler's proposal.
 */
export function readAttached(caseId, stored) {
  const stamp = `${stored.id}:${stored.bytes}`;
  const known = attached.get(caseId);
  if (known?.stamp === stamp) return known.pending ?? Promise.resolve(false);
  const pending = (async () => {
    let result;
    try {
      const proposal = await backend.passportMrz(caseId);
      result = { stamp, proposal };
    } catch (err) {
      result = { stamp, code: err.code };
    }
    // Replaced or removed while it was read: that reading is not this document's.
    if (attached.get(caseId)?.stamp !== stamp) return false;
    attached.set(caseId, result);
    if (result.proposal) readings.set(caseId, result.proposal);
    return true;
  })();
  attached.set(caseId, { stamp, busy: true, pending });
  return pending;
}

/**
 * What the attached passport page says, under its Belgeler item: the fields that differ
 * from the form ("Pasaportta …, siz … yazdınız"), how many are still empty, failing check
 * digits, and the way to Genel bilgiler where each is accepted. Nothing changes here.
 */
export function attachedSummary(caseId, doc, openGenel) {
  const a = attached.get(caseId);
  if (!a) return null;
  const box = el('div', { id: 'mrz-attached-summary', className: 'mrz-summary', role: 'status' });
  if (a.busy) {
    box.append(el('p', { className: 'hint', text: t('mrz.reading') }));
    return box;
  }
  if (a.code) {
    const text = a.code === 'mrz.not_found' ? t('mrz.attachedNotFound') : errorText(a.code);
    box.append(el('p', { className: 'banner warning', text }));
    return box;
  }
  const p = a.proposal;
  if (!p.mrz) {
    box.append(el('p', { className: 'banner warning', text: t('mrz.notPassport') }));
    return box;
  }
  const differing = ROWS.filter((row) => differs(row, p, doc));
  const empty = ROWS.filter((row) => {
    const v = row.value(p);
    const typed = getPath(doc, row.path);
    return v != null && v !== '' && (typed == null || typed === '');
  });
  box.append(el('p', { text: t('mrz.attachedRead') }));
  // Her surname and her date of birth both differ: not a typo but, most likely, another
  // person's passport (issue #34) — said before the list of differences.
  const differ = (path) => differing.some((row) => row.path === path);
  if (differ('kisisel.soyad') && differ('kisisel.dogum_tarihi')) {
    box.append(el('p', { id: 'mrz-someone-else', className: 'banner error', role: 'alert', text: t('mrz.someoneElse') }));
  }
  if (differing.length) {
    box.append(el('ul', { className: 'mrz-differences' }, ...differing.map((row) => el('li', { className: 'mrz-bad',
      text: `${t(`field.${row.path}`)}: ${t('mrz.differs', { mrz: shown(row, row.value(p)), typed: shown(row, getPath(doc, row.path)) })}` }))));
  }
  if (empty.length) box.append(el('p', { className: 'hint', text: t('mrz.attachedEmpty', { count: empty.length }) }));
  if (!p.allChecksPass) box.append(el('p', { className: 'banner error', text: t('mrz.checksFail') }));
  if (!differing.length && !empty.length && p.allChecksPass) box.append(el('p', { className: 'hint', text: t('mrz.attachedSame') }));
  if (differing.length || empty.length || !p.allChecksPass) {
    const go = el('button', { type: 'button', id: 'mrz-attached-open', className: 'secondary', text: t('mrz.attachedOpen') });
    go.addEventListener('click', openGenel);
    box.append(go);
  }
  return box;
}
