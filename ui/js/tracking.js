// After submission: record what the portal says happened, see every deadline it starts.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { parseDate, showDate } from './schema.js';
import { el, startRender } from './dom.js';
import { whyDetails } from './why.js';

const $ = (id) => document.getElementById(id);

// Event kinds the user can record, in the order they usually happen, with extra fields.
export const EVENT_KINDS = [
  { kind: 'e_imza_alindi', extra: [{ key: 'expires', type: 'date' }] },
  { kind: 'basvuru_yapildi', extra: [{ key: 'applicationNo', type: 'text' }] },
  { kind: 'eksik_evrak_istendi', extra: [{ key: 'istenen', type: 'text' }] },
  { kind: 'eksik_evrak_yuklendi' },
  { kind: 'guncelleme_istendi' },
  { kind: 'guncelleme_yapildi' },
  { kind: 'harc_odemesi_istendi', extra: [{ key: 'harc', type: 'money' }, { key: 'degerliKagit', type: 'money' }] },
  { kind: 'harc_odendi' },
  { kind: 'onaylandi', extra: [{ key: 'permitStart', type: 'date' }, { key: 'permitEnd', type: 'date' }] },
  { kind: 'reddedildi' },
  { kind: 'itiraz_edildi' },
  { kind: 'itirazdan_feragat' },
  { kind: 'kart_teslim_alindi' },
  { kind: 'ise_baslama_bildirildi' },
  { kind: 'kayip_kart_talebi', extra: [{ key: 'harc', type: 'money' }, { key: 'degerliKagit', type: 'money' }] },
  { kind: 'kayip_kart_odendi' },
  { kind: 'sona_erdiren_olay' },
  { kind: 'izin_sonlandirma_bildirildi' },
];

// Amounts are read by the core's one money parser (Turkish: 12.345 is twelve thousand
// three hundred forty-five); the field shows what will be saved, in digits and in words.
const MONEY_FIELD = { harc: 'harc', degerliKagit: 'degerli_kagit' };

/** Shows under `input` what the core reads from it (or why it cannot), in `echo`. */
export async function echoAmount(input, echo, field) {
  const text = input.value;
  if (!text.trim()) {
    echo.textContent = '';
    input.removeAttribute('aria-invalid');
    return;
  }
  try {
    const amount = await backend.parseMoney(text, field);
    if (input.value !== text) return; // typed on meanwhile
    echo.textContent = t('money.echo', { display: amount.display, words: amount.words });
    echo.classList.remove('field-error');
    input.removeAttribute('aria-invalid');
  } catch (err) {
    if (input.value !== text) return;
    echo.textContent = errorText(err.code);
    echo.classList.add('field-error');
    input.setAttribute('aria-invalid', 'true');
  }
}

export function daysText(d) {
  if (d.status === 'done') return t('deadline.done');
  if (d.status === 'upcoming') return t('deadline.opens', { date: showDate(d.opens) });
  if (d.status === 'late') return t('deadline.late', { date: showDate(d.lateUntil) });
  if (d.daysLeft < 0) return t('deadline.overdue', { days: -d.daysLeft });
  if (d.daysLeft === 0) return t('deadline.today');
  return t('deadline.left', { days: d.daysLeft });
}

export function deadlineItem(d, prefix) {
  const li = el('li', { className: `deadline ${d.status}${d.urgent ? ' urgent' : ''}`, 'data-kind': d.kind, 'data-days-left': String(d.daysLeft) });
  li.append(
    el('span', { className: 'due', text: showDate(d.due) }), ' ',
    el('strong', { text: (prefix ? `${prefix} — ` : '') + d.title[language()] }), ' ',
    el('span', { className: 'days', text: daysText(d) }),
    el('p', { className: 'action', text: d.action[language()] }),
    // A window counted back from an end (the permit's, the passport's) names that end,
    // not a "start" (issue #34).
    el('p', { className: 'source', text: `${t('deadline.source')}: ${d.sourceLabel[language()]} · ${t(d.countsFrom >= d.due ? 'deadline.endsOn' : 'deadline.countsFrom')}: ${showDate(d.countsFrom)}` },
      ' ', whyDetails(d)),
  );
  return li;
}

// e-İmza from PTT, as the guide's section A (and B.4.5's note on Java) describes it.
const EIMZA_STEPS = ['on_basvuru', 'sms_kodu', 'ptt_subesi', 'paket', 'teslim', 'java'];

function eimzaChecklist(hooks) {
  const list = el('ul', { id: 'eimza-steps', className: 'plain-list' });
  for (const step of EIMZA_STEPS) {
    const id = `eimza-${step}`;
    const box = el('input', { type: 'checkbox', id, checked: hooks.checked.includes(step) });
    box.addEventListener('change', () => hooks.toggle(step, box.checked));
    list.append(el('li', { className: 'check-row' }, box, el('label', { for: id, text: t(`eimza.${step}`) })));
  }
  return [el('h3', { text: t('eimza.title') }), el('p', { className: 'hint', text: t('eimza.source') }), list];
}

function afterApproval() {
  const list = el('ul', { id: 'after-approval' });
  for (const key of ['odeme', 'kart', 'dogrulama', 'eski_kart', 'ise_baslama', 'kayip', 'sonlandirma', 'suresiz']) {
    list.append(el('li', { text: t(`after.${key}`) }));
  }
  return [el('h3', { text: t('after.title') }), list];
}

/** The tracking step of a case: deadlines, history, and the form to add an event. */
export async function renderTracking(container, caseId, hooks = { checked: [], toggle() {} }) {
  const current = startRender(container);
  let tracking;
  try {
    tracking = await backend.getTracking(caseId);
  } catch (err) {
    if (current()) container.replaceChildren(el('p', { className: 'banner error', role: 'alert', text: errorText(err.code) }));
    return;
  }
  if (!current()) return;
  const parts = [el('h2', { className: 'step-title', text: t('step.takip') }), el('p', { className: 'hint', text: t('help.takip') })];

  const list = el('ul', { id: 'case-deadlines', className: 'deadlines' });
  for (const d of tracking.deadlines) list.append(deadlineItem(d));
  parts.push(el('h3', { text: t('tracking.deadlines') }), tracking.deadlines.length ? list : el('p', { className: 'hint', text: t('tracking.noDeadlines') }));

  // Record an event.
  const form = el('form', { id: 'event-form', className: 'event-form', novalidate: true });
  const kindSelect = el('select', { id: 'event-kind', 'aria-describedby': 'event-error' });
  kindSelect.append(el('option', { value: '', text: t('form.choose') }));
  for (const k of EVENT_KINDS) kindSelect.append(el('option', { value: k.kind, text: t(`event.${k.kind}`) }));
  const dateInput = el('input', { id: 'event-date', type: 'text', inputmode: 'numeric', placeholder: t('form.datePlaceholder'), 'aria-describedby': 'event-error' });
  const extras = el('div', { id: 'event-extras' });
  const error = el('p', { id: 'event-error', className: 'field-error', 'aria-live': 'polite' });
  const renderExtras = () => {
    extras.replaceChildren();
    const spec = EVENT_KINDS.find((k) => k.kind === kindSelect.value);
    for (const x of spec?.extra ?? []) {
      const id = `event-${x.key}`;
      const input = el('input', { id, type: 'text', inputmode: x.type === 'text' ? 'text' : x.type === 'money' ? 'decimal' : 'numeric', placeholder: x.type === 'date' ? t('form.datePlaceholder') : '' });
      const field = el('div', { className: 'field' }, el('label', { for: id, text: t(`eventField.${x.key}`) }), input);
      if (x.type === 'money') {
        const echo = el('p', { id: `${id}-echo`, className: 'hint money-echo', 'aria-live': 'polite' });
        input.setAttribute('aria-describedby', echo.id);
        input.addEventListener('input', () => {
          error.textContent = ''; // the echo now speaks for this field
          echoAmount(input, echo, MONEY_FIELD[x.key]);
        });
        field.append(echo);
      }
      extras.append(field);
    }
  };
  kindSelect.addEventListener('change', renderExtras);
  form.append(
    el('div', { className: 'field' }, el('label', { for: 'event-kind', text: t('tracking.kind') }), kindSelect),
    el('div', { className: 'field' }, el('label', { for: 'event-date', text: t('tracking.date') }), dateInput),
    extras,
    error,
    el('button', { type: 'submit', id: 'event-save', className: 'primary', text: t('tracking.record') }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const kind = kindSelect.value;
    const date = parseDate(dateInput.value);
    if (!kind) return void (error.textContent = t('tracking.chooseKind'));
    if (!date) return void (error.textContent = t('errors.date.format'));
    const event = { kind };
    for (const x of EVENT_KINDS.find((k) => k.kind === kind).extra ?? []) {
      const raw = $(`event-${x.key}`).value;
      // Amounts go to the core as typed; it parses them (and refuses what reads two ways).
      const value = x.type === 'date' ? parseDate(raw) : raw.trim(); // '' → null, bad → undefined
      if (value === undefined) return void (error.textContent = t('errors.date.format'));
      if (value) event[x.key] = value;
    }
    try {
      await backend.recordEvent(caseId, date, event);
      await hooks.recorded?.();
      $('announcer').textContent = t('tracking.recorded');
      await renderTracking(container, caseId, hooks);
      $('event-kind')?.focus();
    } catch (err) {
      error.textContent = errorText(err.code);
      const target = err.field && { harc: 'event-harc', degerli_kagit: 'event-degerliKagit', permit_start: 'event-permitStart', permit_end: 'event-permitEnd' }[err.field];
      if (target) $(target)?.focus();
    }
  });
  parts.push(el('h3', { text: t('tracking.add') }), form);

  // History (append-only; a mistaken entry is withdrawn, not deleted).
  const withdrawn = new Set(tracking.events.filter((e) => e.kind === 'geri').map((e) => e.eventId));
  const history = el('ol', { id: 'event-history', className: 'history' });
  for (const e of tracking.events.filter((x) => x.kind !== 'geri')) {
    const gone = withdrawn.has(e.id);
    const li = el('li', { className: gone ? 'withdrawn' : '' },
      el('span', { text: `${showDate(e.date)} — ${t(`event.${e.kind}`)}` }),
      e.applicationNo ? el('span', { text: ` (${e.applicationNo})` }) : null,
      e.istenen ? el('span', { text: `: ${e.istenen}` }) : null);
    if (gone) li.append(' ', el('em', { text: t('tracking.withdrawn') }));
    else {
      const undo = el('button', { type: 'button', className: 'link', text: t('tracking.withdraw'), 'aria-label': t('tracking.withdrawLabel', { what: t(`event.${e.kind}`) }) });
      undo.addEventListener('click', async () => {
        await backend.recordEvent(caseId, e.date, { kind: 'geri', eventId: e.id });
        await hooks.recorded?.();
        await renderTracking(container, caseId, hooks);
      });
      li.append(' ', undo);
    }
    history.append(li);
  }
  parts.push(el('h3', { text: t('tracking.history') }), tracking.events.length ? history : el('p', { className: 'hint', text: t('tracking.noHistory') }));
  parts.push(...eimzaChecklist(hooks), ...afterApproval());
  container.replaceChildren(...parts);
}

/** Home screen: every open deadline of every case, most urgent first. */
export async function renderHomeDeadlines(onOpen) {
  const list = $('home-deadlines');
  const current = startRender(list);
  let items = [];
  try {
    items = await backend.upcomingDeadlines();
  } catch {
    items = [];
  }
  if (!current()) return;
  list.replaceChildren();
  for (const h of items) {
    const li = deadlineItem(h, h.foreignerName);
    const open = el('button', { type: 'button', className: 'link', text: t('deadline.openCase') });
    open.addEventListener('click', () => onOpen(h.caseId));
    li.append(open);
    list.append(li);
  }
  $('deadlines-empty').hidden = items.length > 0;
  $('export-ics').hidden = items.length === 0;
}
