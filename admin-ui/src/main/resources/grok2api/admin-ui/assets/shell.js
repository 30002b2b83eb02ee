// The shared page chrome: header with navigation (a drawer on phones), storage badge, language switch and logout.
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

/** The language switch (a select showing each language in itself). */
export function languageSwitch(id = 'language-switch') {
  return el('select', { 'aria-label': t('nav.language'), id, onchange: e => setLanguage(e.target.value) },
    SUPPORTED.map(code => el('option', { value: code, selected: code === currentLanguage() }, code === 'zh-CN' ? '中文' : 'English')));
}

function setTitle(titleKey) {
  document.title = titleKey ? `${t(titleKey)} · Grok2API` : 'Grok2API';
}

/**
 * Renders the admin header into <header id="app-header">, translates the page and sets the title. Without a session
 * it goes to the login page (and never resolves).
 */
export async function initShell(titleKey) {
  if (!session()) { toLogin(); return new Promise(() => {}); }
  const header = document.getElementById('app-header');
  const nav = el('nav', { className: 'nav', id: 'main-nav', 'aria-label': t('nav.label') },
    NAV.map(([href, key]) => el('a', { href, 'aria-current': location.pathname.startsWith(href) ? 'page' : null }, t(key))));
  const toggle = el('button', { className: 'btn ghost menu-toggle', type: 'button', 'aria-expanded': 'false',
    'aria-controls': 'main-nav', 'aria-label': t('nav.menu'), onclick: () => setOpen(!nav.classList.contains('open')) }, '☰');
  function setOpen(open) {
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  }
  const badge = el('span', { className: 'badge storage', id: 'storage-badge', title: t('nav.storage') }, '…');
  const logout = id => el('button', { className: 'btn small', type: 'button', id, onclick: async () => {
    try { await api('/api/v1/admin/logout', { method: 'POST' }); } catch (e) { /* ending anyway */ }
    clearSession();
    location.href = '/login';
  } }, t('nav.logout'));
  // On phones the language switch and logout move into the drawer, so the header keeps to one line.
  nav.append(el('div', { className: 'nav-extra' }, languageSwitch('language-switch-menu'), logout('logout-menu')));
  header.className = 'app-header';
  header.replaceChildren(toggle, el('a', { className: 'brand', href: '/admin/token' }, 'Grok2API'), nav,
    el('div', { className: 'header-actions' }, badge,
      el('span', { className: 'wide-only' }, languageSwitch()), el('span', { className: 'wide-only' }, logout('logout'))));
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && nav.classList.contains('open')) { setOpen(false); toggle.focus(); } });
  nav.addEventListener('click', e => { if (e.target.closest('a')) setOpen(false); });
  window.matchMedia('(min-width: 821px)').addEventListener('change', e => { if (e.matches) setOpen(false); });
  translate();
  setTitle(titleKey);
  api('/api/v1/admin/storage').then(r => { badge.textContent = String(r.type || '?').toUpperCase(); })
    .catch(() => { badge.textContent = '?'; });
  return undefined;
}

/** The header of a public page (the public playground): brand and language switch, no admin calls. */
export function initPublicShell(titleKey) {
  const header = document.getElementById('app-header');
  header.className = 'app-header';
  header.replaceChildren(el('span', { className: 'brand' }, 'Grok2API'), el('span', { className: 'spacer' }),
    el('div', { className: 'header-actions' }, languageSwitch(), el('a', { className: 'btn small', href: '/login' }, t('nav.admin'))));
  translate();
  setTitle(titleKey);
}
