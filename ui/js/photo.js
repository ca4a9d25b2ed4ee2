// Fotoğraf: import a photo, see Hane's automatic 50×60 crop with the spec's guide lines,
// nudge it (buttons or arrow keys), read every check in plain words, approve.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { formatBytes } from './documents.js';
import { el, dropZone, filePicker, startRender, whileBusy } from './dom.js';
import { MAX_FILE_BYTES } from './limits.js';
import { viewButton } from './viewer.js';

const $ = (id) => document.getElementById(id);
let previewUrl = null;


async function showPreview(img, caseId) {
  try {
    const bytes = await backend.photoPreview(caseId);
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
    img.src = previewUrl;
  } catch {
    img.removeAttribute('src');
  }
}

/** Moves, zooms or turns the crop; every change is re-checked by the core. */
function nudged(crop, action) {
  const step = crop.height * 0.02;
  const c = { ...crop };
  // The buttons move the photo inside the frame (as a drag does): the frame goes the
  // other way over it.
  if (action === 'left') c.cx += step;
  if (action === 'right') c.cx -= step;
  if (action === 'up') c.cy += step;
  if (action === 'down') c.cy -= step;
  if (action === 'in') c.height *= 0.97;
  if (action === 'out') c.height *= 1.03;
  if (action === 'cw') c.rotation = (c.rotation ?? 0) + 1;
  if (action === 'ccw') c.rotation = (c.rotation ?? 0) - 1;
  return c;
}

/**
 * The crop after the photo was dragged by (dx, dy) screen pixels inside a frame
 * `frameHeight` pixels tall: the frame shows `crop.height` source pixels, turned by
 * `crop.rotation`, so the drag is scaled and turned back into source pixels. Dragging the
 * photo right moves the frame left over it.
 */
export function dragged(crop, dx, dy, frameHeight) {
  const scale = crop.height / frameHeight;
  const r = ((crop.rotation ?? 0) * Math.PI) / 180;
  const [sin, cos] = [Math.sin(r), Math.cos(r)];
  return {
    ...crop,
    cx: crop.cx - (dx * cos - dy * sin) * scale,
    cy: crop.cy - (dx * sin + dy * cos) * scale,
  };
}

export async function renderPhoto(container, caseId) {
  const current = startRender(container);
  let st;
  try {
    st = await backend.photoState(caseId);
  } catch (err) {
    if (current()) container.replaceChildren(el('p', { className: 'banner error', role: 'alert', text: errorText(err.code) }));
    return;
  }
  if (!current()) return;
  document.dispatchEvent(new CustomEvent('hane:progress', { detail: { caseId, progress: { photoApproved: st.approved } } }));
  const rerender = () => renderPhoto(container, caseId);
  const error = el('p', { id: 'photo-error', className: 'field-error', 'aria-live': 'polite' });
  const input = el('input', { type: 'file', id: 'photo-file', accept: '.jpg,.jpeg,.png,image/jpeg,image/png', 'aria-describedby': 'photo-error photo-help' });
  const importFile = async (file) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return void (error.textContent = t('errors.file.too_large'));
    error.textContent = t('photo.working');
    try {
      await backend.photoImport(caseId, await file.arrayBuffer());
      rerender();
    } catch (err) {
      error.textContent = errorText(err.code);
    }
  };
  input.addEventListener('change', () => {
    const file = input.files[0];
    input.value = '';
    importFile(file);
  });
  // The picker and a drop target in one box: a photo dragged from the file manager
  // lands here as if picked.
  const picker = el('div', { className: 'drop-zone', id: 'photo-drop' },
    filePicker(input, st.hasPhoto ? t('photo.replace') : t('photo.choose')),
    el('p', { className: 'hint', text: t('photo.dropHint') }));
  dropZone(picker, async (paths) => {
    if (paths.length > 1) return void (error.textContent = t('photo.oneFile'));
    error.textContent = t('photo.working');
    try {
      await backend.photoImportPath(caseId, paths[0]);
      rerender();
    } catch (err) {
      error.textContent = errorText(err.code);
    }
  });
  const parts = [
    el('h2', { className: 'step-title', text: t('step.fotograf') }),
    el('p', { id: 'photo-help', className: 'hint', text: t('help.fotograf') }),
    picker,
    error,
  ];
  const a = st.analysis;
  if (st.hasPhoto && a) {
    const layout = el('div', { className: 'photo-layout' });
    if (a.crop) {
      const img = el('img', { id: 'photo-preview', alt: t('photo.previewAlt') });
      const frame = el('div', { className: 'photo-frame', id: 'photo-frame', tabindex: '0', role: 'group', 'aria-label': t('photo.frameLabel'), 'data-cx': a.crop.cx.toFixed(1) },
        img,
        el('div', { className: 'guide crown', title: t('photo.guideCrown') }),
        el('div', { className: 'guide chin', title: t('photo.guideChin') }),
        el('div', { className: 'guide eyes', title: t('photo.guideEyes') }),
        el('div', { className: 'guide centre', title: t('photo.guideCentre') }));
      const adjust = async (crop) => {
        try {
          await backend.photoAdjust(caseId, crop);
          await rerender();
          $('photo-frame')?.focus();
        } catch (err) {
          error.textContent = errorText(err.code);
        }
      };
      const move = (action) => adjust(nudged(a.crop, action));
      // Mouse/touch: drag the photo inside the frame (it follows the pointer, then the
      // core re-crops and re-checks on release); the wheel zooms.
      let drag = null;
      frame.addEventListener('pointerdown', (e) => {
        if (e.button !== 0) return;
        drag = { x: e.clientX, y: e.clientY };
        try {
          frame.setPointerCapture(e.pointerId);
        } catch {
          // A pointer the browser does not track (synthetic events) cannot be captured.
        }
        frame.classList.add('dragging');
      });
      frame.addEventListener('pointermove', (e) => {
        if (drag) img.style.transform = `translate(${e.clientX - drag.x}px, ${e.clientY - drag.y}px)`;
      });
      const endDrag = (e) => {
        if (!drag) return;
        const [dx, dy] = [e.clientX - drag.x, e.clientY - drag.y];
        drag = null;
        frame.classList.remove('dragging');
        if (Math.hypot(dx, dy) < 2) {
          img.style.transform = '';
          return;
        }
        adjust(dragged(a.crop, dx, dy, frame.clientHeight));
      };
      frame.addEventListener('pointerup', endDrag);
      frame.addEventListener('pointercancel', () => {
        drag = null;
        img.style.transform = '';
      });
      frame.addEventListener('wheel', (e) => {
        e.preventDefault();
        move(e.deltaY < 0 ? 'in' : 'out');
      }, { passive: false });
      frame.addEventListener('keydown', (e) => {
        const keys = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', '+': 'in', '=': 'in', '-': 'out' };
        if (keys[e.key]) {
          e.preventDefault();
          move(keys[e.key]);
        }
      });
      const controls = el('div', { className: 'photo-controls', role: 'group', 'aria-label': t('photo.controls') });
      for (const [action, label] of [['up', '↑'], ['down', '↓'], ['left', '←'], ['right', '→'], ['in', '+'], ['out', '−'], ['ccw', '⟲'], ['cw', '⟳']]) {
        const b = el('button', { type: 'button', className: 'small', id: `photo-${action}`, text: label, 'aria-label': t(`photo.${action}`) });
        b.addEventListener('click', () => move(action));
        controls.append(b);
      }
      const reset = el('button', { type: 'button', className: 'small', id: 'photo-reset', text: t('photo.reset') });
      reset.addEventListener('click', async () => {
        try {
          await backend.photoReset(caseId);
          await rerender();
          $('photo-reset')?.focus();
        } catch (err) {
          error.textContent = errorText(err.code);
        }
      });
      controls.append(reset);
      layout.append(el('div', {}, frame, controls, el('p', { className: 'hint', text: t('photo.keysHint') })));
      showPreview(img, caseId);
    }
    const checks = el('ul', { id: 'photo-checks', className: 'photo-checks' });
    for (const c of a.checks) {
      // Advice (expression, pose, lighting, glare) is shown with its measurement and never
      // blocks approval.
      const mark = c.passed ? '✓' : c.needsConfirmation ? '?' : c.advisory ? '!' : '✗';
      checks.append(el('li', { className: c.passed ? 'ok' : c.needsConfirmation ? 'confirm' : c.advisory ? 'advice' : 'bad', 'data-check': c.id },
        el('span', { className: 'mark', 'aria-hidden': 'true', text: mark }), ' ',
        el('span', { className: 'sr-only', text: c.passed ? t('photo.passed') : c.advisory ? t('photo.advised') : t('photo.failed') }),
        c.message[language()]));
    }
    const advised = a.checks.some((c) => !c.passed && c.advisory);
    layout.append(el('div', {}, el('h3', { text: t('photo.checks') }), checks,
      ...(advised ? [el('p', { className: 'hint', id: 'photo-advice-note', text: t('photo.adviceNote') })] : [])));
    parts.push(layout);

    const needsDate = a.checks.some((c) => c.needsConfirmation && !c.passed);
    const confirm = el('input', { type: 'checkbox', id: 'photo-confirm-date' });
    if (needsDate) {
      parts.push(el('div', { className: 'check-row' }, confirm, el('label', { for: 'photo-confirm-date', text: t('photo.confirmDate') })));
    }
    const blocking = a.checks.some((c) => !c.passed && !c.needsConfirmation && !c.advisory);
    const approve = el('button', { type: 'button', id: 'photo-approve', className: 'primary', text: t('photo.approve'), disabled: blocking });
    approve.addEventListener('click', async () => {
      try {
        // Cropping, encoding and re-measuring take seconds: say so, and allow one press.
        await whileBusy(approve, t('photo.approving'), () => backend.photoApprove(caseId, needsDate ? confirm.checked : false));
        rerender();
      } catch (err) {
        error.textContent = errorText(err.code);
      }
    });
    const status = el('p', { id: 'photo-status', 'data-approved': String(st.approved), className: st.approved ? 'banner ok' : 'hint',
      text: st.approved ? t('photo.approved', { size: formatBytes(st.approvedBytes) }) : blocking ? t('photo.fixFirst') : t('photo.notApproved') });
    parts.push(el('div', { className: 'actions' }, approve, ...(st.approved ? [viewButton(caseId, 'photo', t('viewer.photo'))] : [])), status);
  }
  container.replaceChildren(...parts);
}
