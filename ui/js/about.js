// About box: what this program is (name, version, publisher, copyright — read from the
// app's one configuration) and the licenses of the third-party assets built into it.
import { t } from './i18n.js';
import { el } from './dom.js';

let info = null;

export function setAboutInfo(appInfo) {
  info = appInfo;
}

function render() {
  const body = document.getElementById('about-body');
  if (!info) {
    body.replaceChildren();
    return;
  }
  const facts = el('dl', { className: 'about-facts' });
  const rows = [
    ['about.version', info.version],
    ['about.identifier', info.identifier],
    // The bundle's publisher ("Hane contributors", as installers show it) in the UI's
    // own language.
    ['about.publisher', info.publisher && t('about.publisherName', { name: info.publisher })],
    ['about.copyright', info.copyright],
    ['about.schema', String(info.schemaVersion)],
  ];
  for (const [key, value] of rows) {
    if (value) facts.append(el('dt', { text: t(key) }), el('dd', { text: value }));
  }
  const notices = info.notices.map((n) =>
    el(
      'details',
      { className: 'notice' },
      el('summary', { text: `${n.component} — ${n.license}` }),
      el('p', { className: 'hint', text: t(`about.notice.${n.id}`) }),
      // The license text is shown verbatim, in its own language (English).
      el('pre', { lang: 'en', tabindex: '0', text: n.text }),
    ),
  );
  body.replaceChildren(
    el('p', { text: t('about.description', { description: info.description || '' }) }),
    facts,
    el('h3', { text: t('about.thirdParty') }),
    el('p', { className: 'hint', text: t('about.thirdPartyHint') }),
    ...notices,
  );
}

export function rerenderAbout() {
  if (document.getElementById('about-dialog').open) render();
}

export function setupAbout() {
  const dialog = document.getElementById('about-dialog');
  document.getElementById('about-open').addEventListener('click', () => {
    render();
    dialog.showModal();
    document.getElementById('about-close').focus();
  });
  document.getElementById('about-close').addEventListener('click', () => dialog.close());
}
