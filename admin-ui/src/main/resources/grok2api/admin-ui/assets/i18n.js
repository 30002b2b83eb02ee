// Two languages, Simplified Chinese and English. The choice comes from the switch in the header (kept in
// localStorage: a preference, not a secret), else from the browser language.
const SUPPORTED = ['zh-CN', 'en'];
const STORAGE_KEY = 'grok2api.lang';
const version = new URL(import.meta.url).searchParams.get('v') || '';

function initialLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let language = initialLanguage();
let messages = {};

async function load(lang) {
  const response = await fetch(`/static/i18n/${lang}.json?v=${encodeURIComponent(version)}`);
  if (!response.ok) throw new Error(`cannot load ${lang} strings (HTTP ${response.status})`);
  return response.json();
}

messages = await load(language);
document.documentElement.lang = language;

/** The current language code. */
export function currentLanguage() { return language; }

/** Translates a key; {name} placeholders are filled from params. Unknown keys show as the key itself. */
export function t(key, params = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fills every [data-i18n] (text), [data-i18n-placeholder], [data-i18n-title] and [data-i18n-aria] under root. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
  root.querySelectorAll('[data-i18n-aria]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
}

/** Switches language and reloads the page so every script renders in it. */
export function setLanguage(lang) {
  if (!SUPPORTED.includes(lang) || lang === language) return;
  localStorage.setItem(STORAGE_KEY, lang);
  location.reload();
}

/** Formats a number for the current language. */
export function formatNumber(value) {
  return new Intl.NumberFormat(language).format(value);
}

/** Formats an epoch-millisecond or ISO time for the current language; '-' when empty. */
export function formatTime(value) {
  if (value === null || value === undefined || value === '') return '-';
  const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(language);
}

export { SUPPORTED };
