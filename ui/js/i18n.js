// Message catalogues: one per language, the only place UI text lives. Markup carries
// keys (data-i18n, data-i18n-placeholder, data-i18n-aria-label); code calls t().
import tr from '../i18n/tr.js';
import en from '../i18n/en.js';

export const catalogues = { tr, en };
export const DEFAULT_LANGUAGE = 'tr';
let current = DEFAULT_LANGUAGE;

export function setLanguage(lang) {
  current = catalogues[lang] ? lang : DEFAULT_LANGUAGE;
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

/**
 * Looks up `key` in the current catalogue; `{name}` placeholders are filled from vars.
 * A missing key returns `fallback` when one is given (optional help texts), else the key.
 */
export function t(key, vars = {}, fallback) {
  // A count of one takes the `<key>.one` text where a language has one ("1 page").
  const n = vars.count ?? vars.pages;
  if (Number(n) === 1 && `${key}.one` in catalogues[current]) key = `${key}.one`;
  const raw = catalogues[current][key] ?? catalogues[DEFAULT_LANGUAGE][key];
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    console.warn(`missing message: ${key}`);
    return key;
  }
  return raw.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** The localized text for a core error code. */
export function errorText(code) {
  const key = `errors.${code}`;
  return key in catalogues[current] ? t(key) : t('errors.internal');
}

/** Fills every keyed element under root with the current language's text. */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

/** Dates as DD.MM.YYYY in both languages: the portal's format, and the one every other
 *  date on the page is in (issue #34: English mixed 08/12/2026 with 08.12.2026). */
export function formatDate(iso) {
  const d = new Date(iso);
  return new Intl.DateTimeFormat('tr-TR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}
