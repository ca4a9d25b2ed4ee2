// Belgeler: the checklist computed by the core, and attaching files to each item.
// Picked files go to the backend as raw bytes (kept in memory there, never on disk);
// images wait in a small page editor (order, rotation, removal) before the PDF is built.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { el } from './dom.js';

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const $ = (id) => document.getElementById(id);


export function formatBytes(n) {
  const mb = n / (1024 * 1024);
  const locale = language() === 'tr' ? 'tr-TR' : 'en-GB';
  if (mb >= 1) return `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString(locale)} KB`;
}

function statusText(item, limit) {
  if (item.status === 'missing') return t('docs.missing');
  const d = item.document;
  const base = t('docs.attached', { pages: d.pages, size: formatBytes(d.bytes) });
  return item.status === 'problem' ? `${base} — ${t('docs.overLimit', { limit: formatBytes(limit) })}` : base;
}

/** Page editor state for the slot being attached. */
let editor = null;

function renderEditor(container, caseId, rerender) {
  const box = el('div', { className: 'page-editor', id: 'page-editor', role: 'group', 'aria-label': t('docs.editor') });
  const list = el('ol', { id: 'editor-pages' });
  editor.pages.forEach((p, i) => {
    const move = (delta) => {
      const j = i + delta;
      if (j < 0 || j >= editor.pages.length) return;
      [editor.pages[i], editor.pages[j]] = [editor.pages[j], editor.pages[i]];
      rerender();
    };
    const btn = (text, label, fn, disabled) => {
      const b = el('button', { type: 'button', className: 'small', text, 'aria-label': label, disabled });
      b.addEventListener('click', fn);
      return b;
    };
    // A thumbnail of each image page, turned as it will be saved (the WebView applies
    // the EXIF orientation like the core does); a PDF shows its page count instead.
    const thumb = p.thumb
      ? el('img', { className: `thumb turn-${p.turns}`, src: p.thumb, alt: '' })
      : el('span', { className: 'thumb pdf-badge', text: t('docs.pdfPages', { pages: p.pdfPages ?? '?' }) });
    list.append(el('li', { 'data-index': String(p.index) },
      thumb,
      el('span', { text: `${p.name} ${p.turns ? `(${p.turns * 90}°)` : ''}` }), ' ',
      btn('↑', t('docs.up', { name: p.name }), () => move(-1), i === 0),
      btn('↓', t('docs.down', { name: p.name }), () => move(1), i === editor.pages.length - 1),
      btn('⟳', t('docs.rotate', { name: p.name }), () => { p.turns = (p.turns + 1) % 4; rerender(); }),
      btn('✕', t('docs.removePage', { name: p.name }), () => { editor.pages.splice(i, 1); rerender(); })));
  });
  const save = el('button', { type: 'button', id: 'editor-save', className: 'primary', text: t('docs.savePages', { count: editor.pages.length }), disabled: editor.pages.length === 0 });
  save.addEventListener('click', async () => {
    try {
      await backend.attachStaged(caseId, editor.slot, editor.pages.map((p) => ({ index: p.index, turns: p.turns })));
      closeEditor();
      $('announcer').textContent = t('docs.saved');
      rerender();
    } catch (err) {
      editor.error = errorText(err.code);
      rerender();
    }
  });
  const cancel = el('button', { type: 'button', text: t('newCase.cancel') });
  cancel.addEventListener('click', () => { closeEditor(); backend.stageClear(); rerender(); });
  box.append(el('p', { className: 'hint', text: t('docs.editorHint') }), list, el('div', { className: 'actions' }, save, cancel));
  return box;
}

/** Closes the page editor and frees the thumbnails' object URLs. */
function closeEditor() {
  for (const p of editor?.pages ?? []) if (p.thumb) URL.revokeObjectURL(p.thumb);
  editor = null;
}

async function pickFiles(input, caseId, slot, rerender, showError) {
  const files = [...input.files];
  input.value = '';
  if (!files.length) return;
  for (const f of files) {
    if (f.size > MAX_FILE_BYTES) return showError(t('errors.file.too_large'));
  }
  try {
    await backend.stageClear();
    closeEditor();
    const pages = [];
    for (const f of files) {
      const staged = await backend.stageFile(f.name, await f.arrayBuffer());
      const thumb = staged.kind === 'pdf' ? null : URL.createObjectURL(f);
      pages.push({ index: staged.index, name: f.name, kind: staged.kind, turns: 0, pdfPages: staged.pages, thumb });
    }
    if (pages.length === 1 && pages[0].kind === 'pdf') {
      await backend.attachStaged(caseId, slot, [{ index: pages[0].index, turns: 0 }]);
      $('announcer').textContent = t('docs.saved');
      editor = null;
    } else {
      editor = { slot, pages, error: null };
    }
    rerender();
  } catch (err) {
    showError(errorText(err.code));
  }
}

/**
 * Renders the checklist into `container`. `declared` gives the wizard's hooks for the
 * user's own documents: add(title) and remove(id).
 */
export async function renderDocuments(container, caseId, declared, rules = new Map()) {
  let docs;
  try {
    docs = await backend.getDocuments(caseId);
  } catch (err) {
    container.replaceChildren(el('p', { className: 'banner error', role: 'alert', text: errorText(err.code) }));
    return;
  }
  const rerender = () => renderDocuments(container, caseId, declared, rules);
  const parts = [
    el('h2', { className: 'step-title', text: t('step.belgeler') }),
    el('p', { className: 'hint', text: t('help.belgeler') }),
    el('p', { className: 'hint', text: t('docs.limitNote', { limit: formatBytes(docs.limitBytes) }) }),
  ];
  const list = el('ul', { id: 'checklist', className: 'checklist' });
  for (const item of docs.checklist) {
    const slotId = item.key.replace(/[^a-z0-9_]/gi, '-');
    const error = el('p', { id: `doc-${slotId}-error`, className: 'field-error', 'aria-live': 'polite' });
    const showError = (text) => { error.textContent = text; };
    const input = el('input', {
      type: 'file',
      id: `file-${slotId}`,
      multiple: true,
      accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
      'aria-describedby': `doc-${slotId}-status doc-${slotId}-error`,
    });
    input.addEventListener('change', () => pickFiles(input, caseId, item.key, rerender, showError));
    const title = language() === 'tr' ? item.titleTr : item.titleEn;
    const li = el('li', { className: `checklist-item ${item.status}`, 'data-slot': item.key, 'data-status': item.status },
      el('h3', { text: title }),
      el('p', { id: `doc-${slotId}-status`, className: 'doc-status', text: statusText(item, docs.limitBytes) }),
      el('p', { className: 'why-line', text: item.required ? t('docs.why', { source: rules.get(item.rule)?.source ?? item.rule }) : t('docs.declared') }),
      el('label', { for: `file-${slotId}`, text: item.document ? t('docs.replace') : t('docs.choose') }),
      input,
      error);
    if (item.document) {
      const remove = el('button', { type: 'button', className: 'link', text: t('docs.remove'), 'aria-label': t('docs.removeLabel', { title }) });
      remove.addEventListener('click', async () => {
        try { await backend.removeDocument(caseId, item.key); rerender(); } catch (err) { showError(errorText(err.code)); }
      });
      li.append(remove);
    }
    if (!item.required && !item.document) {
      const drop = el('button', { type: 'button', className: 'link', text: t('docs.dropDeclared'), 'aria-label': t('docs.removeLabel', { title }) });
      drop.addEventListener('click', () => declared.remove(item.key.slice(3)));
      li.append(' ', drop);
    }
    if (editor && editor.slot === item.key) {
      li.append(renderEditor(container, caseId, rerender));
      if (editor.error) error.textContent = editor.error;
    }
    list.append(li);
  }
  parts.push(list);

  // The user's own additional documents (e.g. a medical report, a sworn translation).
  const addInput = el('input', { id: 'declared-title', type: 'text', 'aria-describedby': 'declared-hint' });
  const addButton = el('button', { type: 'submit', id: 'declared-add', text: t('docs.addDeclared') });
  const form = el('form', { id: 'declared-form', className: 'inline-form', novalidate: true },
    el('label', { for: 'declared-title', text: t('docs.declaredTitle') }), addInput, addButton,
    el('p', { id: 'declared-hint', className: 'hint', text: t('docs.declaredHint') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const title = addInput.value.trim();
    if (title) declared.add(title);
  });
  parts.push(el('h3', { text: t('docs.declaredHeading') }), form);
  container.replaceChildren(...parts);
}
