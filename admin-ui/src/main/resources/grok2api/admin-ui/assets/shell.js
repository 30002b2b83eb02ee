// The shared page chrome: header with navigation, storage badge, language switch and logout.
import { t, translate, currentLanguage, setLanguage, SUPPORTED } from './i18n.js';
import { api, session, toLogin, clearSession } from './api.js';
import { el } from './ui.js';

const NAV = [
  ['/admin/token', 'nav.tokens'],
  ['/admin/keys', 'nav.keys'],
  ['/admin/chat', 'nav.chat'],
  ['/admin/datacenter', 'nav.datacenter'],
  ['/admin/config', 'nav.config'],
  ['/admin/cache', 'nav.cache'],
];

/** Renders the header into <header id="app-header"> and translates the page. Requires a session. */
export async function initShell() {
  if (!session()) { toLogin(); return new Promise(() => {}); }
  const header = document.getElementById('app-header');
  const nav = el('nav', { className: 'nav', id: 'main-nav', 'aria-label': t('nav.label') },
    NAV.map(([href, key]) => el('a', { href, 'aria-current': location.pathname.startsWith(href) ? 'page' : null }, t(key))));
  const toggle = el('button', { className: 'btn ghost menu-toggle', type: 'button', 'aria-expanded': 'false',
    'aria-controls': 'main-nav', 'aria-label': t('nav.menu'),
    onclick: () => toggle.setAttribute('aria-expanded', String(nav.classList.toggle('open'))) }, '☰');
  const badge = el('span', { className: 'badge', id: 'storage-badge', title: t('nav.storage') }, '…');
  const language = el('select', { 'aria-label': t('nav.language'), id: 'language-switch',
    onchange: e => setLanguage(e.target.value) },
    SUPPORTED.map(code => el('option', { value: code, selected: code === currentLanguage() }, code === 'zh-CN' ? '中文' : 'English')));
  const logout = el('button', { className: 'btn small', type: 'button', id: 'logout', onclick: async () => {
    try { await api('/api/v1/admin/logout', { method: 'POST' }); } catch (e) { /* ending anyway */ }
    clearSession(); location.href = '/login';
  } }, t('nav.logout'));
  header.className = 'app-header';
  header.replaceChildren(el('a', { className: 'brand', href: '/admin/token' }, 'Grok2API'), toggle, nav,
    el('div', { className: 'header-actions' }, badge, language, logout));
  document.addEventListener('keydown', e => { if (e.key === 'Escape') { nav.classList.remove('open'); toggle.setAttribute('aria-expanded', 'false'); } });
  translate();
  api('/api/v1/admin/storage').then(r => { badge.textContent = String(r.type || '?').toUpperCase(); })
    .catch(() => { badge.textContent = '?'; });
}
