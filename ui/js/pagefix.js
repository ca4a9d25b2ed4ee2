// The page editor's corner editor (#22): a photographed page with the paper's outline the
// core found, four corner handles to drag (or move with the arrow keys), and the "scanner
// look" choice. The corners are in the pixels of the image as stored, as the core gives
// and takes them; the preview is that image, shrunk.
import { t } from './i18n.js';
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const LABELS = ['corners.tl', 'corners.tr', 'corners.br', 'corners.bl'];

/**
 * Builds the corner editor. `fix` holds `{ name, preview (object URL), report, corners,
 * clean, busy }`; `onApply(corners, clean)` and `onCancel()` are the two ways out.
 * Moving a corner changes `fix.corners` in place and redraws only the outline.
 */
export function cornerEditor(fix, onApply, onCancel) {
  const { width, height } = fix.report;
  const box = el('div', { className: 'corner-editor', id: 'corner-editor', role: 'group', 'aria-label': t('corners.title', { name: fix.name }) });
  const img = el('img', { id: 'corner-image', src: fix.preview, alt: t('corners.imageAlt', { name: fix.name }), draggable: 'false' });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const outline = document.createElementNS(SVG, 'polygon');
  outline.setAttribute('class', 'corner-outline');
  svg.append(outline);
  const stage = el('div', { className: 'corner-stage' }, img, svg);
  // A step of the arrow keys: half a percent of the image's longer side (Shift: 2.5 %).
  const step = Math.max(width, height) / 200;

  const handles = fix.corners.map((_, k) => {
    const h = el('button', { type: 'button', className: 'corner-handle', id: `corner-${k}`, text: String(k + 1) });
    stage.append(h);
    return h;
  });
  const draw = () => {
    outline.setAttribute('points', fix.corners.map((p) => `${p[0]},${p[1]}`).join(' '));
    fix.corners.forEach((p, k) => {
      const h = handles[k];
      h.style.left = `${(p[0] / width) * 100}%`;
      h.style.top = `${(p[1] / height) * 100}%`;
      h.setAttribute('aria-label', t('corners.handle', { corner: t(LABELS[k]), x: Math.round(p[0]), y: Math.round(p[1]) }));
      h.dataset.x = String(p[0]);
      h.dataset.y = String(p[1]);
    });
  };
  const clamp = (v, max) => Math.min(Math.max(v, 0), max);
  handles.forEach((h, k) => {
    h.addEventListener('keydown', (e) => {
      const d = e.shiftKey ? step * 5 : step;
      const move = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] }[e.key];
      if (!move) return;
      e.preventDefault();
      const p = fix.corners[k];
      fix.corners[k] = [clamp(p[0] + move[0], width), clamp(p[1] + move[1], height)];
      draw();
    });
    h.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      h.setPointerCapture(e.pointerId);
      h.focus();
      const follow = (ev) => {
        const r = img.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return;
        fix.corners[k] = [
          clamp(((ev.clientX - r.left) / r.width) * width, width),
          clamp(((ev.clientY - r.top) / r.height) * height, height),
        ];
        draw();
      };
      const stop = () => {
        h.removeEventListener('pointermove', follow);
        h.removeEventListener('pointerup', stop);
        h.removeEventListener('pointercancel', stop);
      };
      h.addEventListener('pointermove', follow);
      h.addEventListener('pointerup', stop);
      h.addEventListener('pointercancel', stop);
    });
  });
  draw();

  const clean = el('input', { type: 'checkbox', id: 'corner-clean', checked: fix.clean });
  clean.addEventListener('change', () => { fix.clean = clean.checked; });
  const apply = el('button', { type: 'button', id: 'corner-apply', className: 'primary', text: t('corners.apply'), disabled: Boolean(fix.busy) });
  apply.addEventListener('click', () => onApply(fix.corners.map((p) => [p[0], p[1]]), fix.clean));
  const cancel = el('button', { type: 'button', id: 'corner-cancel', text: t('newCase.cancel'), disabled: Boolean(fix.busy) });
  cancel.addEventListener('click', onCancel);
  const hint = fix.report.outline ? t('corners.hint') : t('corners.notFound');
  box.append(
    el('h4', { text: t('corners.title', { name: fix.name }) }),
    el('p', { className: 'hint', id: 'corner-hint', text: hint }),
    stage,
    el('p', {}, el('label', { for: 'corner-clean' }, clean, ' ', t('corners.clean'))),
    fix.photoPage ? el('p', { className: 'hint', id: 'corner-clean-photo', text: t('corners.cleanPhoto') }) : null,
    el('div', { id: 'corner-status', 'aria-live': 'polite' }, fix.busy ? el('p', { className: 'hint', text: fix.busy }) : null, fix.error ? el('p', { className: 'field-error', text: fix.error }) : null),
    el('div', { className: 'actions' }, apply, cancel),
  );
  return box;
}
