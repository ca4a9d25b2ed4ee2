// Belgeler: the checklist computed by the core, and attaching files to each item.
// Picked files go to the backend as raw bytes (kept in memory there, never on disk);
// images wait in a small page editor (order, rotation, removal) before the PDF is built.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { el, dropZone, filePicker, startRender } from './dom.js';
import { MAX_FILE_BYTES } from './limits.js';
import { viewButton } from './viewer.js';
import { cornerEditor } from './pagefix.js';
import { readAttached, attachedSummary, forgetAttached } from './mrz.js';
import { whyDetails } from './why.js';
import { contractPanel, CONTRACT_SLOT } from './contract.js';

const $ = (id) => document.getElementById(id);


// Decimal units, as the core counts the limits (10^6 bytes per MB, the stricter reading).
export function formatBytes(n) {
  const mb = n / 1e6;
  const locale = language() === 'tr' ? 'tr-TR' : 'en-GB';
  if (mb >= 1) return `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1000)).toLocaleString(locale)} KB`;
}

function statusText(item, limit) {
  if (item.status === 'missing') return t('docs.missing');
  const d = item.document;
  const base = t('docs.attached', { pages: d.pages, size: formatBytes(d.bytes) });
  if (item.status !== 'problem') return base;
  // Only scans and photos can be recompressed; a PDF picked as a PDF is kept as it is.
  const fix = d.source === 'pdf' ? 'docs.overLimitPdf' : 'docs.overLimit';
  return `${base} — ${t(fix, { limit: formatBytes(limit) })}`;
}

/** Page editor state for the slot being attached. */
let editor = null;

/** An object URL for JPEG bytes from the core (thumbnails, previews; no file). */
const jpegUrl = (bytes) => URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));

/** Opens the corner editor on an image page: the page found on its original. */
async function openStraighten(p, rerender) {
  const source = p.original ?? p;
  editor.error = null;
  try {
    const [report, jpeg] = await Promise.all([backend.stagedPageFind(source.index), backend.stagedPreview(source.index)]);
    if (!editor) return;
    editor.fixing = {
      page: p,
      name: p.name,
      report,
      preview: jpegUrl(jpeg),
      // Reopened after a correction: the user's corners, not the proposal.
      corners: (p.corners ?? report.corners).map((c) => [c[0], c[1]]),
      // The scanner look whitens paper, and with it a photograph printed on the page:
      // off by default for the passport's photo page, whose portrait must keep its tones
      // (issue #34); the user may still turn it on.
      clean: p.clean ?? editor.slot !== PASSPORT_SLOT,
      photoPage: editor.slot === PASSPORT_SLOT,
      busy: null,
      error: null,
    };
  } catch (err) {
    if (editor) editor.error = errorText(err.code);
  }
  await rerender();
  document.getElementById('corner-0')?.focus();
}

/** Straightens the page being fixed by `corners` and puts the result in its place. */
async function applyStraighten(corners, clean, rerender) {
  const fix = editor.fixing;
  fix.busy = t('corners.working');
  fix.error = null;
  await rerender();
  const p = fix.page;
  try {
    const staged = await backend.stageStraightened((p.original ?? p).index, corners, clean);
    const thumb = jpegUrl(await backend.stagedThumbnail(staged.index));
    if (!editor) return;
    // The original stays staged (memory only) until the document is saved: undo.
    if (!p.original) p.original = { index: p.index, thumb: p.thumb, turns: p.turns };
    else if (p.thumb) URL.revokeObjectURL(p.thumb);
    Object.assign(p, { index: staged.index, thumb, turns: 0, corners, clean });
    URL.revokeObjectURL(fix.preview);
    editor.fixing = null;
    editor.oversize = null;
    $('announcer').textContent = t('corners.done', { name: p.name });
  } catch (err) {
    fix.busy = null;
    fix.error = errorText(err.code);
  }
  await rerender();
  const i = editor?.pages.indexOf(p) ?? -1;
  document.getElementById(`page-fix-${i}`)?.focus();
}

/** Whether a photographed page wants "Düzelt": the core finds the paper's outline well
 *  inside the photo (a table around it) or tilted (issue #34). Checked once per page. */
async function checkForFix(p, rerender) {
  if (p.kind === 'pdf' || p.original || p.fixChecked) return;
  p.fixChecked = true;
  try {
    const r = await backend.stagedPageFind(p.index);
    const c = r.corners;
    let twice = 0;
    for (let i = 0; i < 4; i += 1) {
      const [a, b] = [c[i], c[(i + 1) % 4]];
      twice += a[0] * b[1] - b[0] * a[1];
    }
    p.suggestFix = r.outline && (Math.abs(twice) / 2 < 0.85 * r.width * r.height || Math.abs(r.deskew) > 2);
  } catch {
    p.suggestFix = false;
  }
  if (p.suggestFix && editor?.pages.includes(p)) rerender();
}

function renderEditor(container, caseId, limitBytes, rerender) {
  const box = el('div', { className: 'page-editor', id: 'page-editor', role: 'group', 'aria-label': t('docs.editor') });
  if (editor.fixing) {
    box.append(cornerEditor(editor.fixing,
      (corners, clean) => applyStraighten(corners, clean, rerender),
      () => { URL.revokeObjectURL(editor.fixing.preview); editor.fixing = null; rerender(); }));
    return box;
  }
  const list = el('ol', { id: 'editor-pages' });
  // Any change to the pages makes an earlier size (and recompression) stale.
  const changed = () => { editor.oversize = null; rerender(); };
  editor.pages.forEach((p, i) => {
    const move = (delta) => {
      const j = i + delta;
      if (j < 0 || j >= editor.pages.length) return;
      [editor.pages[i], editor.pages[j]] = [editor.pages[j], editor.pages[i]];
      changed();
    };
    const btn = (text, label, fn, disabled, id) => {
      const b = el('button', { type: 'button', className: 'small', text, 'aria-label': label, disabled, id });
      b.addEventListener('click', fn);
      return b;
    };
    // A photographed page: straighten it (corners proposed by the core), or undo that.
    const fixButton = p.kind !== 'pdf'
      ? btn(t('docs.straighten'), t('docs.straightenLabel', { name: p.name }), () => openStraighten(p, rerender), Boolean(editor.busy), `page-fix-${i}`)
      : null;
    const undoButton = p.original
      ? btn(t('docs.unstraighten'), t('docs.unstraightenLabel', { name: p.name }), () => {
        URL.revokeObjectURL(p.thumb);
        Object.assign(p, { index: p.original.index, thumb: p.original.thumb, turns: p.original.turns, corners: null, original: null });
        changed();
      }, Boolean(editor.busy), `page-unfix-${i}`)
      : null;
    // A thumbnail of each image page (upright, from the core), turned as it will be
    // saved; a PDF shows its page count instead.
    const thumb = p.thumb
      ? el('img', { className: `thumb turn-${p.turns}`, src: p.thumb, alt: '' })
      : el('span', { className: 'thumb pdf-badge', text: t('docs.pdfPages', { pages: p.pdfPages ?? '?' }) });
    list.append(el('li', { 'data-index': String(p.index) },
      thumb,
      el('span', { text: `${p.name} ${p.turns ? `(${p.turns * 90}°)` : ''}${p.original ? ` — ${t('docs.straightened')}` : ''}` }), ' ',
      btn('↑', t('docs.up', { name: p.name }), () => move(-1), i === 0),
      btn('↓', t('docs.down', { name: p.name }), () => move(1), i === editor.pages.length - 1),
      btn('⟲', t('docs.rotateLeft', { name: p.name }), () => { p.turns = (p.turns + 3) % 4; changed(); }),
      btn('⟳', t('docs.rotate', { name: p.name }), () => { p.turns = (p.turns + 1) % 4; changed(); }),
      btn('✕', t('docs.removePage', { name: p.name }), () => { editor.pages.splice(i, 1); changed(); }),
      fixButton, undoButton,
      p.suggestFix && !p.original ? el('p', { className: 'hint suggest-fix', text: t('docs.suggestFix') }) : null));
    checkForFix(p, rerender);
  });
  const order = () => editor.pages.map((p) => ({ index: p.index, turns: p.turns }));
  // Runs one backend step with the editor marked busy (buttons off, a polite status).
  const busy = async (text, work) => {
    const slotId = editor.slot.replace(/[^a-z0-9_]/gi, '-');
    editor.busy = text;
    editor.error = null;
    rerender();
    try {
      await work();
    } catch (err) {
      if (editor) editor.error = errorText(err.code);
    }
    if (editor) editor.busy = null;
    await rerender();
    // The step was drawn anew: give a keyboard user the focus back on the next choice
    // (or on the item's file input once the document is saved), not on the page body.
    const next = document.querySelector('#editor-compress, #editor-save-compressed, #editor-save')
      ?? document.getElementById(`file-${slotId}`);
    next?.focus();
  };
  const attach = (compress) => busy(t('docs.saving'), async () => {
    await backend.attachStaged(caseId, editor.slot, order(), compress);
    closeEditor();
    $('announcer').textContent = t('docs.saved');
  });
  const button = (id, text, fn, primary = false) => {
    const b = el('button', { type: 'button', id, className: primary ? 'primary' : '', text, disabled: Boolean(editor.busy) });
    b.addEventListener('click', fn);
    return b;
  };
  const actions = el('div', { className: 'actions' });
  const o = editor.oversize;
  if (!o) {
    // Built first, to see its size: under the limit it is saved at once; above it the
    // user chooses (recompress, or keep it as it is).
    const save = button('editor-save', t('docs.savePages', { count: editor.pages.length }), () => busy(t('docs.building'), async () => {
      const built = await backend.buildStaged(caseId, editor.slot, order(), false);
      if (built.bytes <= built.limitBytes) {
        await backend.attachStaged(caseId, editor.slot, order(), false);
        closeEditor();
        $('announcer').textContent = t('docs.saved');
      } else {
        editor.oversize = { asIs: built, compressed: null };
      }
    }), true);
    save.disabled = save.disabled || editor.pages.length === 0;
    actions.append(save);
  } else {
    if (!o.compressed) {
      actions.append(button('editor-compress', t('docs.compress'), () => busy(t('docs.compressing'), async () => {
        editor.oversize.compressed = await backend.buildStaged(caseId, editor.slot, order(), true);
      }), true));
    } else {
      actions.append(button('editor-save-compressed', t('docs.saveCompressed', { size: formatBytes(o.compressed.bytes) }), () => attach(true), true));
    }
    actions.append(button('editor-save-as-is', t('docs.saveAsIs', { size: formatBytes(o.asIs.bytes) }), () => attach(false)));
  }
  const cancel = button('editor-cancel', t('newCase.cancel'), () => { closeEditor(); backend.stageClear(); rerender(); });
  actions.append(cancel);
  // More pages, from the dialog (or dropped on the item while the editor is open).
  const more = el('input', { type: 'file', id: 'editor-add', multiple: true, accept: '.jpg,.jpeg,.png,image/jpeg,image/png', disabled: Boolean(editor.busy) });
  more.addEventListener('change', () => {
    const files = [...more.files];
    more.value = '';
    addPages(files, rerender);
  });
  const adder = el('p', {}, filePicker(more, t('docs.addPages')));

  const report = el('div', { id: 'editor-size', 'aria-live': 'polite' });
  if (editor.busy) report.append(el('p', { className: 'hint', text: editor.busy }));
  if (o) {
    report.append(el('p', { className: 'doc-status', text: t('docs.tooBig', { size: formatBytes(o.asIs.bytes), limit: formatBytes(o.asIs.limitBytes) }) }));
    if (!o.compressed) report.append(el('p', { className: 'hint', text: t('docs.compressHint') }));
  }
  if (o?.compressed) {
    const c = o.compressed;
    const r = c.recompressed;
    const how = r && r.pages > 0
      ? t('docs.compressedHow', { pages: r.pages, dpi: r.dpi, quality: r.quality })
      : t('docs.compressedNothing');
    report.append(el('p', { id: 'editor-compressed-size', className: 'doc-status', 'data-bytes': String(c.bytes), text: `${t('docs.compressedSize', { size: formatBytes(c.bytes) })} ${how}` }));
    if (c.bytes > c.limitBytes) report.append(el('p', { className: 'field-error', text: t('docs.stillTooBig', { limit: formatBytes(c.limitBytes) }) }));
  }
  const intro = editor.fromPdf
    ? el('p', { id: 'editor-from-pdf', className: 'hint', text: t('docs.scanPdfOpened', { name: editor.fromPdf, limit: formatBytes(limitBytes) }) })
    : null;
  box.append(...[intro].filter(Boolean), el('p', { className: 'hint', text: t('docs.editorHint') }), list, adder, report, actions);
  return box;
}

/** Closes the page editor and frees the thumbnails' object URLs. */
function closeEditor() {
  for (const p of editor?.pages ?? []) {
    if (p.thumb) URL.revokeObjectURL(p.thumb);
    if (p.original?.thumb) URL.revokeObjectURL(p.original.thumb);
  }
  if (editor?.fixing) URL.revokeObjectURL(editor.fixing.preview);
  editor = null;
}

/**
 * Stages files — File objects from a file input, or paths from a drop — and returns them
 * as editor pages (with a thumbnail for each image).
 */
async function stageAll(files) {
  const pages = [];
  for (const f of files) {
    const dropped = typeof f === 'string';
    const name = dropped ? f.split(/[\\/]/).pop() : f.name;
    const staged = dropped ? await backend.stagePath(f) : await backend.stageFile(f.name, await f.arrayBuffer());
    let thumb = null;
    if (staged.kind !== 'pdf') {
      // A small JPEG the core makes, already upright: the window never decodes a 20 MP
      // scan to show a thumbnail.
      thumb = URL.createObjectURL(new Blob([await backend.stagedThumbnail(staged.index)], { type: 'image/jpeg' }));
    }
    pages.push({ index: staged.index, name, kind: staged.kind, turns: 0, pdfPages: staged.pages, thumb, bytes: staged.bytes });
  }
  return pages;
}

const tooBig = (files) => files.some((f) => typeof f !== 'string' && f.size > MAX_FILE_BYTES);

/** Editor pages for the scanned pages of a staged PDF (thumbnails made by the core). */
async function scanPagesOf(pdf) {
  const stem = pdf.name.replace(/\.pdf$/i, '');
  const pages = [];
  for (const staged of await backend.stageScanPages(pdf.index)) {
    const thumb = URL.createObjectURL(new Blob([await backend.stagedThumbnail(staged.index)], { type: 'image/jpeg' }));
    pages.push({ index: staged.index, name: `${stem} (${pages.length + 1})`, kind: staged.kind, turns: 0, pdfPages: 1, thumb });
  }
  return pages;
}

/**
 * Stages the picked files and opens the page editor, or attaches a single PDF at once —
 * unless that PDF is over the upload limit and made only of scanned pages: then its pages
 * open in the editor, which can recompress them.
 */
async function pickFiles(files, caseId, slot, limitBytes, rerender, showError) {
  if (!files.length) return;
  if (tooBig(files)) return showError(t('errors.file.too_large'));
  try {
    await backend.stageClear();
    closeEditor();
    const pages = await stageAll(files);
    const pdf = pages.length === 1 && pages[0].kind === 'pdf' ? pages[0] : null;
    // Only a PDF over the limit is looked into (empty when it is not only scans).
    const scans = pdf && pdf.bytes > limitBytes ? await scanPagesOf(pdf) : [];
    if (scans.length) {
      editor = { slot, pages: scans, error: null, busy: null, oversize: null, fromPdf: pdf.name };
      $('announcer').textContent = t('docs.scanPdfOpened', { name: pdf.name, limit: formatBytes(limitBytes) });
    } else if (pdf) {
      await backend.attachStaged(caseId, slot, [{ index: pdf.index, turns: 0 }]);
      $('announcer').textContent = t('docs.saved');
      editor = null;
    } else {
      editor = { slot, pages, error: null, busy: null, oversize: null };
    }
    rerender();
  } catch (err) {
    showError(errorText(err.code));
  }
}

/** Adds pages to the open page editor (scans and photos only: a PDF stands alone). */
async function addPages(files, rerender) {
  if (!files.length || !editor) return;
  if (tooBig(files)) {
    editor.error = t('errors.file.too_large');
    return rerender();
  }
  try {
    const pages = await stageAll(files);
    if (pages.some((p) => p.kind === 'pdf')) {
      editor.error = errorText('document.pdf_among_images');
    } else {
      editor.pages.push(...pages);
      editor.oversize = null;
      editor.error = null;
      $('announcer').textContent = t('docs.pagesAdded', { count: pages.length });
    }
  } catch (err) {
    editor.error = errorText(err.code);
  }
  rerender();
}


/** Why a document is on the list: required (by which source, the sentence behind
 *  "Neden?"), asked for in a missing-documents request, or declared by the user. */
function whyLine(item, rule, requested) {
  const text = item.required ? t('docs.why', { source: rule ? rule.sourceLabel[language()] : '' })
    : requested ? t('docs.requested') : t('docs.declared');
  const line = el('p', { className: 'why-line', text });
  if (rule && (item.required || requested)) {
    line.append(' ', whyDetails(rule));
  }
  return line;
}
/** The upload limit, a setting: the portal's real limit is not in the guide. Shown on
 *  the documents step and on the settings page (`id` keeps the two apart). */
export function limitForm(limitBytes, rerender, id = 'upload-limit') {
  const input = el('input', {
    id, type: 'number', min: '1', max: '100', step: '1', inputmode: 'numeric',
    value: String(Math.round(limitBytes / 1e6)), 'aria-describedby': `${id}-error`,
  });
  const error = el('p', { id: `${id}-error`, className: 'field-error', 'aria-live': 'polite' });
  input.addEventListener('change', async () => {
    try {
      await backend.setUploadLimit(Number(input.value));
      rerender();
    } catch (err) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = err.code === 'settings.invalid' ? t('docs.limitInvalid') : errorText(err.code);
    }
  });
  return el('p', { className: 'inline-form' },
    el('label', { for: id, text: t('docs.limitSetting') }), input, error);
}

/** The checklist slot of the passport's photo page (000 B.4.4), read as it is attached. */
const PASSPORT_SLOT = 'pasaport';

/**
 * Renders the checklist into `container`. `declared` gives the wizard's hooks for the
 * user's own documents: add(title) and remove(id). `passport.doc()` is the case document
 * (the attached passport page's reading is compared with it), `passport.open()` goes to
 * Genel bilgiler, where the reading's values are accepted.
 */
export async function renderDocuments(container, caseId, declared, rules = new Map(), passport = null, contract = null) {
  const current = startRender(container);
  let docs;
  try {
    docs = await backend.getDocuments(caseId);
  } catch (err) {
    if (current()) container.replaceChildren(el('p', { className: 'banner error', role: 'alert', text: errorText(err.code) }));
    return;
  }
  if (!current()) return;
  // As the readiness check counts them: every slot without a PDF but a missing-documents
  // request's (which never blocks).
  const missingDocuments = docs.checklist.filter((i) => !i.document && i.rule !== 'documents.requested').length;
  document.dispatchEvent(new CustomEvent('hane:progress', { detail: { caseId, progress: { missingDocuments } } }));
  const rerender = () => renderDocuments(container, caseId, declared, rules, passport, contract);
  // Issue #21: the passport page is read wherever it is attached; here as soon as it is
  // (or when the step is first shown this session), in the background.
  // Only its own box is redrawn when the reading arrives: the user may be typing or
  // choosing files elsewhere on the step.
  const passportBox = el('div', { className: 'mrz-attached' });
  const drawPassport = () => passportBox.replaceChildren(...[attachedSummary(caseId, passport.doc(), passport.open)].filter(Boolean));
  const passportPage = docs.checklist.find((i) => i.key === PASSPORT_SLOT && i.document);
  if (passportPage && passport) {
    readAttached(caseId, passportPage.document).then((fresh) => { if (fresh && current()) drawPassport(); });
  }
  const parts = [
    el('h2', { className: 'step-title', text: t('step.belgeler') }),
    el('p', { className: 'hint', text: t('help.belgeler') }),
    el('p', { className: 'hint', text: t('docs.limitNote', { limit: formatBytes(docs.limitBytes) }) }),
    limitForm(docs.limitBytes, rerender),
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
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';
      pickFiles(files, caseId, item.key, docs.limitBytes, rerender, showError);
    });
    const title = language() === 'tr' ? item.titleTr : item.titleEn;
    // A missing-documents request's slot (eksik evrak, its own 30-day deadline).
    const requested = item.key.startsWith('eksik_evrak:');
    const li = el('li', { className: `checklist-item ${item.status}`, 'data-slot': item.key, 'data-status': item.status },
      el('h3', { text: title }),
      ...(t(`docs.about.${item.key}`, {}, '') ? [el('p', { className: 'hint doc-about', text: t(`docs.about.${item.key}`) })] : []),
      el('p', { id: `doc-${slotId}-status`, className: 'doc-status', text: statusText(item, docs.limitBytes) }),
      whyLine(item, rules.get(item.rule), requested),
      filePicker(input, item.document ? t('docs.replace') : t('docs.choose')),
      el('p', { className: 'hint', text: t('docs.dropHint') }),
      error);
    // The contract drafted from the application, and the caregiver's pack (#35).
    if (item.key === CONTRACT_SLOT && contract) li.append(contractPanel(caseId, contract.doc().sozlesme, contract));
    // Files dragged from the file manager onto the item attach to it, as if picked.
    // While its page editor is open, dropped files become more pages.
    dropZone(li, (paths) => (editor?.slot === item.key
      ? addPages(paths, rerender)
      : pickFiles(paths, caseId, item.key, docs.limitBytes, rerender, showError)));
    if (item.document) {
      const remove = el('button', { type: 'button', className: 'link', text: t('docs.remove'), 'aria-label': t('docs.removeLabel', { title }) });
      remove.addEventListener('click', async () => {
        try {
          await backend.removeDocument(caseId, item.key);
          if (item.key === PASSPORT_SLOT) forgetAttached(caseId);
          rerender();
        } catch (err) { showError(errorText(err.code)); }
      });
      li.append(viewButton(caseId, item.key, title), ' ', remove);
      if (item.key === PASSPORT_SLOT && passport) {
        drawPassport();
        li.append(passportBox);
      }
    }
    if (!item.required && !item.document && !requested) {
      const drop = el('button', { type: 'button', className: 'link', text: t('docs.dropDeclared'), 'aria-label': t('docs.removeLabel', { title }) });
      drop.addEventListener('click', () => declared.remove(item.key.slice(3)));
      li.append(' ', drop);
    }
    if (editor && editor.slot === item.key) {
      li.append(renderEditor(container, caseId, docs.limitBytes, rerender));
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
