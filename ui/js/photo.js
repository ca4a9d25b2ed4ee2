// Fotoğraf: import a photo, see Hane's automatic 50×60 crop with the spec's guide lines,
// nudge it (buttons or arrow keys), read every check in plain words, approve.
import { backend } from './backend.js';
import { t, language, errorText } from './i18n.js';
import { formatBytes } from './documents.js';
import { el } from './dom.js';

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
  if (action === 'left') c.cx += step; // moving the frame left shows more of the left
  if (action === 'right') c.cx -= step;
  if (action === 'up') c.cy += step;
  if (action === 'down') c.cy -= step;
  if (action === 'in') c.height *= 0.97;
  if (action === 'out') c.height *= 1.03;
  if (action === 'cw') c.rotation = (c.rotation ?? 0) + 1;
  if (action === 'ccw') c.rotation = (c.rotation ?? 0) - 1;
  return c;
}

export async function renderPhoto(container, caseId) {
  let st;
  try {
    st = await backend.photoState(caseId);
  } catch (err) {
    container.replaceChildren(el('p', { className: 'banner error', role: 'alert', text: errorText(err.code) }));
    return;
  }
  const rerender = () => renderPhoto(container, caseId);
  const error = el('p', { id: 'photo-error', className: 'field-error', 'aria-live': 'polite' });
  const input = el('input', { type: 'file', id: 'photo-file', accept: '.jpg,.jpeg,.png,image/jpeg,image/png', 'aria-describedby': 'photo-error photo-help' });
  input.addEventListener('change', async () => {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    if (file.size > 50 * 1024 * 1024) return void (error.textContent = t('errors.file.too_large'));
    error.textContent = t('photo.working');
    try {
      await backend.photoImport(caseId, await file.arrayBuffer());
      rerender();
    } catch (err) {
      error.textContent = errorText(err.code);
    }
  });
  const parts = [
    el('h2', { className: 'step-title', text: t('step.fotograf') }),
    el('p', { id: 'photo-help', className: 'hint', text: t('help.fotograf') }),
    el('label', { for: 'photo-file', text: st.hasPhoto ? t('photo.replace') : t('photo.choose') }),
    input,
    error,
  ];
  const a = st.analysis;
  if (st.hasPhoto && a) {
    const layout = el('div', { className: 'photo-layout' });
    if (a.crop) {
      const img = el('img', { id: 'photo-preview', alt: t('photo.previewAlt') });
      const frame = el('div', { className: 'photo-frame', id: 'photo-frame', tabindex: '0', role: 'group', 'aria-label': t('photo.frameLabel') },
        img,
        el('div', { className: 'guide crown', title: t('photo.guideCrown') }),
        el('div', { className: 'guide chin', title: t('photo.guideChin') }),
        el('div', { className: 'guide eyes', title: t('photo.guideEyes') }),
        el('div', { className: 'guide centre', title: t('photo.guideCentre') }));
      const move = async (action) => {
        try {
          await backend.photoAdjust(caseId, nudged(a.crop, action));
          await rerender();
          $('photo-frame')?.focus();
        } catch (err) {
          error.textContent = errorText(err.code);
        }
      };
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
      layout.append(el('div', {}, frame, controls, el('p', { className: 'hint', text: t('photo.keysHint') })));
      showPreview(img, caseId);
    }
    const checks = el('ul', { id: 'photo-checks', className: 'photo-checks' });
    for (const c of a.checks) {
      const mark = c.passed ? '✓' : c.needsConfirmation ? '?' : '✗';
      checks.append(el('li', { className: c.passed ? 'ok' : c.needsConfirmation ? 'confirm' : 'bad', 'data-check': c.id },
        el('span', { className: 'mark', 'aria-hidden': 'true', text: mark }), ' ',
        el('span', { className: 'sr-only', text: c.passed ? t('photo.passed') : t('photo.failed') }),
        c.message[language()]));
    }
    layout.append(el('div', {}, el('h3', { text: t('photo.checks') }), checks));
    parts.push(layout);

    const needsDate = a.checks.some((c) => c.needsConfirmation && !c.passed);
    const confirm = el('input', { type: 'checkbox', id: 'photo-confirm-date' });
    if (needsDate) {
      parts.push(el('div', { className: 'check-row' }, confirm, el('label', { for: 'photo-confirm-date', text: t('photo.confirmDate') })));
    }
    const blocking = a.checks.some((c) => !c.passed && !c.needsConfirmation);
    const approve = el('button', { type: 'button', id: 'photo-approve', className: 'primary', text: t('photo.approve'), disabled: blocking });
    approve.addEventListener('click', async () => {
      try {
        await backend.photoApprove(caseId, needsDate ? confirm.checked : false);
        rerender();
      } catch (err) {
        error.textContent = errorText(err.code);
      }
    });
    const status = el('p', { id: 'photo-status', 'data-approved': String(st.approved), className: st.approved ? 'banner ok' : 'hint',
      text: st.approved ? t('photo.approved', { size: formatBytes(st.approvedBytes) }) : blocking ? t('photo.fixFirst') : t('photo.notApproved') });
    parts.push(el('div', { className: 'actions' }, approve), status);
  }
  container.replaceChildren(...parts);
}
