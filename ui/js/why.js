// "Neden? / Why?": the sources' own sentences, each under its source's name, and Hane's
// note apart from them (issue #33) — a quote shown here is in its source word for word
// (checked by the core's tests); what Hane adds is labelled as Hane's.
import { t, language } from './i18n.js';
import { el } from './dom.js';

/** The why-box of a rule or deadline: `{ quotes: [{ text, sourceLabel }], note }`. */
export function whyDetails(source) {
  const box = el('details', { className: 'why' }, el('summary', { text: t('form.why') }));
  for (const q of source.quotes ?? []) {
    box.append(el('blockquote', { lang: 'tr', text: q.text }),
      el('p', { className: 'source', text: q.sourceLabel[language()] }));
  }
  if (source.note) {
    box.append(el('p', { className: 'hane-note' },
      el('strong', { text: `${t('form.haneNote')}: ` }), source.note[language()]));
  }
  return box;
}
