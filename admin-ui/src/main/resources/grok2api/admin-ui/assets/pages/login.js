import { t, translate, currentLanguage, setLanguage, SUPPORTED } from '../i18n.js';
import { session, setSession, clearSession } from '../api.js';
import { el } from '../ui.js';

translate();
document.title = `${t('login.title')} · Grok2API`;
const language = document.getElementById('language-switch');
language.append(...SUPPORTED.map(code => el('option', { value: code, selected: code === currentLanguage() },
  code === 'zh-CN' ? '中文' : 'English')));
language.addEventListener('change', e => setLanguage(e.target.value));

function safeNext() {
  const next = new URLSearchParams(location.search).get('next') || '/admin/token';
  // Only same-site paths: never follow an absolute or protocol-relative URL from the query string.
  return next.startsWith('/') && !next.startsWith('//') ? next : '/admin/token';
}

// A tab that still holds a live session goes straight on.
if (session()) {
  fetch('/api/v1/admin/session', { headers: { Authorization: `Bearer ${session()}` } })
    .then(response => { if (response.ok) location.replace(safeNext()); else clearSession(); })
    .catch(() => {});
}

document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const error = document.getElementById('error');
  const button = event.target.querySelector('button[type=submit]');
  error.textContent = '';
  button.disabled = true;
  try {
    const response = await fetch('/api/v1/admin/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: event.target.username.value, password: event.target.password.value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = (body.error && (body.error.message || body.error)) || `HTTP ${response.status}`;
      error.textContent = t('login.failed', { message });
      return;
    }
    setSession(body.api_key);
    location.href = safeNext();
  } catch (e) {
    error.textContent = t('common.networkError', { message: e.message });
  } finally {
    button.disabled = false;
  }
});
