// The viewer inside Hane (issue #20): an attached PDF, the petition, the summary or the
// approved photo, shown from bytes the core hands over in memory — never a temporary file.
// PDFs are drawn page by page by pdf.js (ui/vendor/pdfjs, Apache-2.0) onto canvases; glyphs
// are drawn as paths (no font loading, so the window's content policy stays as it is).
import { backend } from './backend.js';
import { t, errorText } from './i18n.js';
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);
let pdfjs = null;
let photoUrl = null;

async function library() {
  if (!pdfjs) {
    pdfjs = await import('../vendor/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('../vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
  }
  return pdfjs;
}

function release() {
  if (photoUrl) URL.revokeObjectURL(photoUrl);
  photoUrl = null;
  $('viewer-body').replaceChildren();
}

/** Renders every page of `bytes` (a PDF) into `body`, each with its page number. */
async function renderPdf(bytes, body) {
  const lib = await library();
  const task = lib.getDocument({ data: new Uint8Array(bytes), disableFontFace: true });
  const doc = await task.promise;
  body.replaceChildren();
  const width = Math.min(body.clientWidth || 800, 900);
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (width / unscaled.width) * (window.devicePixelRatio || 1) });
    const canvas = el('canvas', { className: 'viewer-page', width: String(Math.round(viewport.width)), height: String(Math.round(viewport.height)) });
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('viewer.page', { n, count: doc.numPages }));
    body.append(el('figure', { className: 'viewer-figure' }, canvas,
      el('figcaption', { text: t('viewer.page', { n, count: doc.numPages }) })));
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  }
  body.dataset.pages = String(doc.numPages);
  await task.destroy();
}

/**
 * Opens the viewer on `what` of case `caseId`: `photo`, `dilekce`, `ozet` or a document
 * slot; `title` heads the dialog.
 */
export async function openViewer(caseId, what, title) {
  const dialog = $('viewer-dialog');
  const body = $('viewer-body');
  release();
  delete body.dataset.pages;
  body.dataset.state = 'loading';
  $('viewer-title').textContent = title;
  body.append(el('p', { className: 'hint', text: t('viewer.loading') }));
  if (!dialog.open) dialog.showModal();
  try {
    const bytes = await backend.viewBytes(caseId, what);
    if (what === 'photo') {
      photoUrl = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
      body.replaceChildren(el('img', { className: 'viewer-photo', src: photoUrl, alt: t('viewer.photoAlt') }));
    } else {
      await renderPdf(bytes, body);
    }
    body.dataset.state = 'shown';
  } catch (err) {
    body.dataset.state = 'failed';
    // For a bug report: the renderer's own words (no personal data in them).
    body.dataset.error = String(err?.message ?? err?.code ?? err);
    body.replaceChildren(el('p', { className: 'field-error', role: 'alert', text: err?.code ? errorText(err.code) : t('viewer.failed') }));
  }
}

export function setupViewer() {
  const dialog = $('viewer-dialog');
  $('viewer-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', release);
  // Printing prints what the viewer shows (the print style hides the rest of the window).
  $('viewer-print').addEventListener('click', () => window.print());
}

/** A "Görüntüle" button that opens the viewer. */
export function viewButton(caseId, what, title, label) {
  const b = el('button', { type: 'button', className: 'small view-button', text: t('viewer.open'), 'aria-label': label ?? t('viewer.openLabel', { title }), 'data-view': what });
  b.addEventListener('click', () => openViewer(caseId, what, title));
  return b;
}
