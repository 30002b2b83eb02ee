import { t } from '../i18n.js';
import { api } from '../api.js';
import { initShell } from '../shell.js';
import { el, toast } from '../ui.js';

await initShell();
document.title = `Grok2API · ${t('tokens.title')}`;

const STATUS_BADGE = { active: 'ok', cooling: 'warn', invalid: 'bad', disabled: 'bad' };

function mask(token) { return token.length > 12 ? `${token.slice(0, 6)}…${token.slice(-4)}` : '********'; }

async function load() {
  const pools = await api('/api/v1/admin/tokens');
  const rows = [];
  for (const [pool, list] of Object.entries(pools)) {
    for (const token of list) {
      rows.push(el('tr', {},
        el('td', { className: 'mono', title: mask(token.token) }, mask(token.token)),
        el('td', {}, el('span', { className: 'badge' }, pool)),
        el('td', {}, el('span', { className: `badge ${STATUS_BADGE[token.status] || ''}` }, token.status)),
        el('td', {}, token.quota_known ? token.quota : '-'),
        el('td', {}, token.use_count),
        el('td', {}, token.note)));
    }
  }
  const body = document.getElementById('rows');
  body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { className: 'empty', colSpan: 6 }, t('tokens.empty')))]));
}

document.getElementById('add').addEventListener('click', async () => {
  const textarea = document.getElementById('tokens');
  try {
    const result = await api('/api/v1/admin/tokens/add', { method: 'POST',
      body: { pool: document.getElementById('pool').value, tokens: textarea.value.split('\n') } });
    toast(t('tokens.added', result), 'success');
    textarea.value = '';
    await load();
  } catch (e) { toast(e.message, 'error'); }
});

load().catch(e => toast(e.message, 'error'));
