// Yedekleme: back up every case to one encrypted file, and restore one — never
// overwriting existing cases without the user's choice.
import { backend } from './backend.js';
import { t, errorText } from './i18n.js';
import { el } from './dom.js';

function passField(id, label, autocomplete) {
  return el('div', { className: 'field' },
    el('label', { for: id, text: label }),
    el('input', { id, type: 'password', autocomplete, 'aria-describedby': 'backup-message' }));
}

export function renderBackup(onRestored) {
  const body = document.getElementById('backup-body');
  const message = el('p', { id: 'backup-message', className: 'field-error', 'aria-live': 'polite' });
  const say = (text, ok) => {
    message.textContent = text;
    message.className = ok ? 'hint' : 'field-error';
  };

  const backupForm = el('form', { id: 'backup-form', novalidate: true },
    el('h3', { text: t('backup.create') }),
    passField('backup-pass', t('backup.passphrase'), 'new-password'),
    passField('backup-pass2', t('unlock.passphraseAgain'), 'new-password'),
    el('button', { type: 'submit', id: 'backup-save', text: t('backup.save') }));
  backupForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const pass = document.getElementById('backup-pass').value;
    if (pass !== document.getElementById('backup-pass2').value) return say(t('unlock.mismatch'));
    try {
      if (await backend.backupCreate(pass)) {
        backupForm.reset();
        say(t('backup.saved'), true);
      }
    } catch (err) {
      say(errorText(err.code));
    }
  });

  const plan = el('div', { id: 'restore-plan' });
  const restoreForm = el('form', { id: 'restore-form', novalidate: true },
    el('h3', { text: t('backup.restore') }),
    passField('restore-pass', t('backup.passphrase'), 'current-password'),
    el('button', { type: 'submit', id: 'restore-open', text: t('backup.open') }),
    plan);
  restoreForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    plan.replaceChildren();
    try {
      const p = await backend.backupOpen(document.getElementById('restore-pass').value);
      if (!p) return;
      say('', true);
      const parts = [el('p', { text: t('backup.planSummary', { added: p.newCases.length, existing: p.duplicates.length }) })];
      let policy = 'skip';
      if (p.duplicates.length) {
        const group = el('fieldset', { className: 'policy' }, el('legend', { text: t('backup.duplicates') }));
        for (const value of ['skip', 'replace', 'keepBoth']) {
          const id = `policy-${value}`;
          const radio = el('input', { type: 'radio', name: 'policy', id, value, checked: value === 'skip' });
          radio.addEventListener('change', () => { policy = value; });
          group.append(el('div', { className: 'check-row' }, radio, el('label', { for: id, text: t(`backup.policy.${value}`) })));
        }
        parts.push(group);
      }
      const apply = el('button', { type: 'button', id: 'restore-apply', className: 'primary', text: t('backup.apply') });
      apply.addEventListener('click', async () => {
        try {
          const r = await backend.backupRestore(policy);
          plan.replaceChildren();
          restoreForm.reset();
          say(t('backup.restored', { added: r.added, replaced: r.replaced, skipped: r.skipped }), true);
          onRestored();
        } catch (err) {
          say(errorText(err.code));
        }
      });
      parts.push(apply);
      plan.replaceChildren(...parts);
    } catch (err) {
      say(errorText(err.code));
    }
  });
  body.replaceChildren(el('div', { className: 'backup-grid' }, backupForm, restoreForm), keySection(say), message);
}

/** Where the database key is kept, and switching between the OS keyring and a passphrase. */
function keySection(say) {
  const box = el('section', { id: 'key-settings', className: 'key-settings', 'aria-labelledby': 'key-title' });
  const render = async () => {
    const status = await backend.vaultStatus();
    const mode = status.mode ?? 'keyring';
    const parts = [el('h3', { id: 'key-title', text: t('key.title') }),
      el('p', { id: 'key-mode', 'data-mode': mode, text: t(`key.mode.${mode}`) })];
    if (mode === 'keyring') {
      const form = el('form', { id: 'key-form', novalidate: true },
        passField('key-pass', t('key.newPassphrase'), 'new-password'),
        passField('key-pass2', t('unlock.passphraseAgain'), 'new-password'),
        el('button', { type: 'submit', id: 'key-use-passphrase', text: t('key.usePassphrase') }));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const pass = document.getElementById('key-pass').value;
        if (pass !== document.getElementById('key-pass2').value) return say(t('unlock.mismatch'));
        try {
          await backend.vaultUsePassphrase(pass);
          say(t('key.switched'), true);
          render();
        } catch (err) {
          say(errorText(err.code));
        }
      });
      parts.push(form);
    } else {
      const b = el('button', { type: 'button', id: 'key-use-keyring', text: t('key.useKeyring') });
      b.addEventListener('click', async () => {
        try {
          await backend.vaultUseKeyring();
          say(t('key.switched'), true);
          render();
        } catch (err) {
          say(errorText(err.code));
        }
      });
      parts.push(b);
    }
    box.replaceChildren(...parts);
  };
  render();
  return box;
}
