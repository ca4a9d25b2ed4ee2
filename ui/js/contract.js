// "Sözleşme taslağı hazırla" and "Çalışana gönder" (issue #35), under the employment
// contract on Belge Yükleme. The contract's values come from the application (the core
// drafts them); only Hane's own clauses are edited here. What the application changed
// since the last draft is listed (a warning: the signed scan attached is what counts).
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { el, whileBusy } from './dom.js';
import { viewButton } from './viewer.js';

/** The contract's slot on the checklist. */
export const CONTRACT_SLOT = 'is_sozlesmesi';

// The second column's language: English or Russian (the languages of most caregivers).
const CONTRACT_LANGS = ['en', 'ru'];
const PACK_LANGS = ['en', 'ru', 'tr'];

let clauses = null;

/** What changed since the draft, one line per value, in the user's language. */
function staleList(stale) {
  return el('ul', { id: 'contract-stale', className: 'banner warning' },
    ...stale.map((s) => el('li', { 'data-field': s.field,
      text: t('contract.staleItem', { field: t(`field.${s.field}`, {}, s.field), drafted: s.drafted, now: s.now }) })));
}

function select(id, langs, chosen) {
  const s = el('select', { id });
  for (const l of langs) s.append(el('option', { value: l, text: t(`contract.lang.${l}`), selected: l === chosen }));
  return s;
}

/**
 * The panel: the clauses to edit, the language, "Taslağı hazırla", the drafted contract
 * to view and save, the stale list, and the caregiver's pack. `hooks.setSozlesme(s)` keeps
 * the wizard's copy of the case in step with what the core stored.
 */
export function contractPanel(caseId, sozlesme, hooks) {
  const box = el('details', { className: 'contract-panel', id: 'contract-panel' },
    el('summary', { text: t('contract.title') }));
  const status = el('div', { id: 'contract-status', 'aria-live': 'polite' });
  const error = el('p', { id: 'contract-error', className: 'field-error', 'aria-live': 'polite' });
  const lang = select('contract-lang', CONTRACT_LANGS, 'en');
  const editor = el('div', { id: 'contract-clauses' });
  const edited = { ...(sozlesme?.maddeler ?? {}) };

  // A clause edited and left: saved before anything is drafted from it.
  let pending = Promise.resolve();
  const saveClauses = () => {
    pending = pending.then(async () => {
      try {
        const stored = await backend.setContractClauses(caseId, edited);
        hooks.setSozlesme(stored);
        error.textContent = '';
      } catch (err) {
        error.textContent = errorText(err.code);
      }
    });
    return pending;
  };
  const drawClauses = () => {
    editor.replaceChildren();
    const other = lang.value;
    for (const c of clauses ?? []) {
      const mine = edited[c.id] ?? { tr: '', en: '', ru: '' };
      const area = (code, text) => {
        const id = `clause-${c.id}-${code}`;
        const a = el('textarea', { id, rows: '3', lang: code, 'data-clause': c.id });
        a.value = mine[code]?.trim() ? mine[code] : text;
        a.addEventListener('change', () => {
          const own = a.value.trim() === text.trim() ? '' : a.value;
          edited[c.id] = { ...{ tr: '', en: '', ru: '' }, ...edited[c.id], [code]: own };
          saveClauses();
        });
        return el('div', { className: 'field' }, el('label', { for: id, text: `${c.heading[0]} — ${t(`contract.lang.${code}`)}` }), a);
      };
      editor.append(el('fieldset', { className: 'clause' }, el('legend', { text: c.heading[0] }),
        ...(c.liveInOnly ? [el('p', { className: 'hint', text: t('contract.liveInOnly') })] : []),
        area('tr', c.tr), area(other, c[other])));
    }
  };
  lang.addEventListener('change', drawClauses);

  const draft = el('button', { type: 'button', id: 'contract-draft', className: 'primary', text: t('contract.draft') });
  const result = el('div', { id: 'contract-result' });
  draft.addEventListener('click', async () => {
    error.textContent = '';
    try {
      await hooks.flush();
      const d = await whileBusy(draft, t('contract.drafting'), async () => {
        await pending;
        return backend.draftContract(caseId, lang.value);
      });
      hooks.setSozlesme(d.sozlesme);
      const what = `sozlesme-${lang.value}`;
      const save = el('button', { type: 'button', id: 'contract-save', className: 'secondary', text: t('contract.save') });
      save.addEventListener('click', async () => {
        try {
          if (await backend.saveGenerated(caseId, what, `Is-Sozlesmesi-Taslak-${lang.value}.pdf`)) status.textContent = t('contract.saved');
        } catch (err) { error.textContent = errorText(err.code); }
      });
      result.replaceChildren(
        el('p', { id: 'contract-drafted', className: 'banner ok', 'data-pages': String(d.pages),
          text: t('contract.drafted', { pages: d.pages }) }),
        el('div', { className: 'actions' }, viewButton(caseId, what, t('contract.viewTitle')), save));
      refreshStale();
    } catch (err) {
      error.textContent = err.code === 'contract.incomplete' && err.field
        ? t('contract.incomplete', { field: t(`field.${err.field}`, {}, err.field) })
        : errorText(err.code);
    }
  });

  const staleBox = el('div', { id: 'contract-stale-box' });
  const refreshStale = async () => {
    try {
      const check = await backend.contractCheck(caseId);
      staleBox.replaceChildren(...(check.stale.length
        ? [el('p', { className: 'hint', text: t('contract.staleTitle') }), staleList(check.stale)]
        : []));
    } catch { /* the list is advice; the findings carry the same warning */ }
  };

  // The caregiver's pack: in her language, what she must send back and how.
  const packLang = select('pack-lang', PACK_LANGS, 'en');
  const packSave = el('button', { type: 'button', id: 'pack-save', className: 'secondary', text: t('contract.packSave') });
  const packView = el('span', {});
  const drawPackView = () => packView.replaceChildren(viewButton(caseId, `paket-${packLang.value}`, t('contract.packTitle')));
  packLang.addEventListener('change', drawPackView);
  drawPackView();
  packSave.addEventListener('click', async () => {
    try {
      if (await backend.saveGenerated(caseId, `paket-${packLang.value}`, `Calisana-Gonder-${packLang.value}.pdf`)) status.textContent = t('contract.packSaved');
    } catch (err) { error.textContent = errorText(err.code); }
  });

  box.append(
    el('p', { className: 'hint', text: t('contract.hint') }),
    el('p', { className: 'hint', text: t('contract.notAdvice') }),
    el('div', { className: 'field' }, el('label', { for: 'contract-lang', text: t('contract.langLabel') }), lang),
    editor,
    el('div', { className: 'actions' }, draft),
    result, staleBox,
    el('h4', { text: t('contract.packTitle') }),
    el('p', { className: 'hint', text: t('contract.packHint') }),
    el('div', { className: 'field' }, el('label', { for: 'pack-lang', text: t('contract.langLabel') }), packLang),
    el('div', { className: 'actions' }, packView, packSave),
    status, error);

  (clauses ? Promise.resolve(clauses) : backend.contractClauses()).then((c) => {
    clauses = c;
    drawClauses();
  }, (err) => { error.textContent = errorText(err.code); });
  if (sozlesme?.taslak) refreshStale();
  // Open when there is something to act on: a draft that no longer matches.
  box.open = false;
  return box;
}
