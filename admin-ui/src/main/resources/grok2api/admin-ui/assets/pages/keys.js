// Client API keys: listing with today's usage per bucket, create (the key is shown once), edit of limits and options,
// enable/disable and batch create/delete.
import { t, formatNumber, formatTime } from '../i18n.js';
import { api } from '../api.js';
import { initShell } from '../shell.js';
import {
  el, toast, modal, confirmDialog, copyText, field, checkbox, renderStats, placeholderRow, renderPager, debounce,
  download, busy,
} from '../ui.js';

await initShell('keys.title');

const KEYS = '/api/v1/admin/keys';
const BUCKETS = ['chat', 'heavy', 'image', 'video'];
const RECOMMENDED = { chat: 300, heavy: 100, image: 100, video: 20 };
const COLUMNS = 8;
const $ = id => document.getElementById(id);
const state = { search: '', enabled: '', page: 1, pageSize: 50 };
const selection = new Set();
let rows = [];
let models = [];

// ---- listing --------------------------------------------------------------------------------------------------

async function loadStats() {
  const count = enabled => api(KEYS, { query: { page_size: 1, enabled } }).then(r => r.total);
  const [total, enabled, disabled] = await Promise.all([count(), count('true'), count('false')]);
  renderStats($('stats'), [
    { label: t('keys.statTotal'), value: formatNumber(total) },
    { label: t('keys.enabled'), value: formatNumber(enabled), tone: 'ok' },
    { label: t('keys.disabled'), value: formatNumber(disabled) },
  ]);
}

function isExpired(row) {
  return row.expires_at && row.expires_at * 1000 <= Date.now();
}

function isExhausted(row) {
  return BUCKETS.some(b => row.remaining_today && row.remaining_today[b] === 0);
}

function statusBadge(row) {
  if (!row.is_active) return el('span', { className: 'badge' }, t('keys.disabled'));
  if (isExpired(row)) return el('span', { className: 'badge bad' }, t('keys.expired'));
  if (isExhausted(row)) return el('span', { className: 'badge warn' }, t('keys.exhausted'));
  return el('span', { className: 'badge ok' }, t('keys.enabled'));
}

function usageCell(row) {
  return el('td', {}, el('div', { className: 'usage-grid' }, BUCKETS.map(bucket => {
    const used = row.usage_today ? row.usage_today[`${bucket}_used`] : 0;
    const limit = row[`${bucket}_limit`];
    const remaining = row.remaining_today ? row.remaining_today[bucket] : null;
    const tone = remaining === 0 ? 'bad' : '';
    return el('div', { className: `usage ${tone}`, title: remaining === null ? t('keys.unlimited') : t('keys.remaining', { count: formatNumber(remaining) }) },
      el('span', { className: 'muted' }, t(`keys.bucket.${bucket}`)), ' ',
      el('span', { className: 'num' }, `${formatNumber(used)} / ${limit < 0 ? '∞' : formatNumber(limit)}`));
  })));
}

function optionsCell(row) {
  const items = [];
  if (row.expires_at) items.push(t('keys.expiresAt', { time: formatTime(row.expires_at * 1000) }));
  items.push(row.allowed_models && row.allowed_models.length
    ? t('keys.modelsSome', { count: row.allowed_models.length }) : t('keys.modelsAll'));
  if (row.requests_per_minute >= 0) items.push(t('keys.rpmValue', { rpm: row.requests_per_minute }));
  if (row.max_concurrency >= 0) items.push(t('keys.concurrencyValue', { n: row.max_concurrency }));
  return el('td', { className: 'small', title: (row.allowed_models || []).join(', ') }, items.map(text => el('div', {}, text)));
}

function renderRows() {
  if (!rows.length) {
    $('rows').replaceChildren(placeholderRow(COLUMNS, state.search || state.enabled ? t('keys.noMatch') : t('keys.empty')));
  } else {
    $('rows').replaceChildren(...rows.map(row => el('tr', {},
      el('td', { className: 'check-col' }, el('input', { type: 'checkbox', checked: selection.has(row.key),
        'aria-label': t('keys.selectRow', { name: row.name }),
        onchange: e => { if (e.target.checked) selection.add(row.key); else selection.delete(row.key); updateSelection(); } })),
      el('td', {}, el('strong', {}, row.name)),
      el('td', {}, el('span', { className: 'mono masked-key' }, row.display_key)),
      el('td', {}, statusBadge(row)),
      usageCell(row),
      optionsCell(row),
      el('td', { className: 'nowrap' }, formatTime(row.created_at * 1000)),
      el('td', { className: 'actions' },
        el('button', { className: 'btn small', type: 'button', onclick: () => editKey(row) }, t('common.edit')),
        el('button', { className: 'btn small', type: 'button',
          onclick: e => busy(e.currentTarget, () => setEnabled([row.key], !row.is_active)) }, row.is_active ? t('keys.disable') : t('keys.enable')),
        el('button', { className: 'btn small danger', type: 'button', onclick: () => deleteKeys([row.key]) }, t('common.delete'))))));
  }
  updateSelection();
}

async function load() {
  try {
    const page = await api(KEYS, { query: { search: state.search, enabled: state.enabled, page: state.page, page_size: state.pageSize } });
    rows = page.data;
    renderRows();
    renderPager($('pager'), { page: state.page, pageSize: state.pageSize, total: page.total,
      onChange: (p, size) => { state.page = p; state.pageSize = size; load(); } });
  } catch (e) {
    $('rows').replaceChildren(placeholderRow(COLUMNS, e.message));
  }
}

async function reloadAll() {
  await Promise.all([load(), loadStats().catch(e => toast(e.message, 'error'))]);
}

function updateSelection() {
  $('selection-bar').hidden = selection.size === 0;
  document.body.classList.toggle('has-selection-bar', selection.size > 0);
  $('selection-count').textContent = t('tokens.selected', { count: formatNumber(selection.size) });
  const onPage = rows.filter(r => selection.has(r.key)).length;
  $('select-page').checked = rows.length > 0 && onPage === rows.length;
  $('select-page').indeterminate = onPage > 0 && onPage < rows.length;
}

// ---- the key form ---------------------------------------------------------------------------------------------

function randomKey() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `sk-${Array.from(bytes, b => alphabet[b % alphabet.length]).join('')}`;
}

function localDateTime(epochSeconds) {
  if (!epochSeconds) return '';
  const date = new Date(epochSeconds * 1000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function numberInput(id, value) {
  return el('input', { type: 'number', min: 0, step: 1, id, value: value >= 0 ? value : '', placeholder: t('keys.unlimited'), inputMode: 'numeric' });
}

/** The fields shared by create, batch create and edit; read() returns the request body or throws a message. */
function keyForm({ row = null, batch = false } = {}) {
  const name = el('input', { type: 'text', id: 'key-name', value: row ? row.name : '', maxLength: 100 });
  const count = el('input', { type: 'number', id: 'key-count', min: 1, max: 100, value: 5 });
  const raw = el('input', { type: 'text', id: 'key-value', className: 'mono', autocomplete: 'off', spellcheck: false });
  const limits = Object.fromEntries(BUCKETS.map(b => [b, numberInput(`limit-${b}`, row ? row[`${b}_limit`] : -1)]));
  const expires = el('input', { type: 'datetime-local', id: 'key-expires', value: row ? localDateTime(row.expires_at) : '' });
  const rpm = numberInput('key-rpm', row ? row.requests_per_minute : -1);
  const concurrency = numberInput('key-concurrency', row ? row.max_concurrency : -1);
  const allowed = new Set(row ? row.allowed_models || [] : []);
  const modelBoxes = models.map(m => checkbox(m.id, { checked: allowed.has(m.id) }));
  const enabled = checkbox(t('keys.enabled'), { checked: row ? row.is_active : true });
  const preset = values => BUCKETS.forEach(b => { limits[b].value = values ? values[b] : ''; });

  const nodes = [
    batch ? el('div', { className: 'form-row' },
      field(t('keys.namePrefix'), name, t('keys.namePrefixHint')), field(t('keys.count'), count)) :
      field(t('keys.colName'), name, row ? null : t('keys.nameHint')),
    !row && !batch ? field(t('keys.customKey'), el('div', { className: 'input-row' }, raw,
      el('button', { className: 'btn small', type: 'button', onclick: () => { raw.value = randomKey(); } }, t('keys.generate'))), t('keys.customKeyHint')) : null,
    el('fieldset', {},
      el('legend', {}, t('keys.dailyLimits')),
      el('div', { className: 'toolbar' },
        el('button', { className: 'btn small', type: 'button', onclick: () => preset(RECOMMENDED) }, t('keys.presetRecommended')),
        el('button', { className: 'btn small', type: 'button', onclick: () => preset(null) }, t('keys.presetUnlimited'))),
      el('div', { className: 'form-grid' }, BUCKETS.map(b => field(t(`keys.bucket.${b}`), limits[b]))),
      el('span', { className: 'hint' }, t('keys.limitsHint'))),
    el('fieldset', {},
      el('legend', {}, t('keys.options')),
      el('div', { className: 'form-grid' },
        field(t('keys.expires'), expires, t('keys.expiresHint')),
        field(t('keys.rpm'), rpm, t('keys.rpmHint')),
        field(t('keys.concurrency'), concurrency, t('keys.concurrencyHint'))),
      el('details', { className: 'models-picker', open: allowed.size > 0 },
        el('summary', {}, t('keys.allowedModels')),
        el('p', { className: 'hint' }, t('keys.allowedModelsHint')),
        el('div', { className: 'check-grid' }, modelBoxes.map(b => b.node)))),
    enabled.node,
  ];

  function limitValue(input, label) {
    const text = input.value.trim();
    if (text === '') return -1;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(t('keys.invalidNumber', { field: label }));
    return value;
  }

  function read() {
    const body = {
      name: name.value.trim(),
      is_active: enabled.input.checked,
      limits: Object.fromEntries(BUCKETS.map(b => [`${b}_per_day`, limitValue(limits[b], t(`keys.bucket.${b}`))])),
      expires_at: expires.value ? new Date(expires.value).toISOString() : null,
      allowed_models: models.filter((m, i) => modelBoxes[i].input.checked).map(m => m.id),
      requests_per_minute: limitValue(rpm, t('keys.rpm')),
      max_concurrency: limitValue(concurrency, t('keys.concurrency')),
    };
    if (body.expires_at && new Date(body.expires_at).getTime() <= Date.now()) throw new Error(t('keys.expiryInPast'));
    if (!row && !batch && raw.value.trim()) body.key = raw.value.trim();
    if (batch) {
      const n = Number(count.value);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(t('keys.invalidCount'));
      body.count = n;
      body.name_prefix = body.name;
      delete body.name;
    }
    if (!row && !body.expires_at) delete body.expires_at;
    return body;
  }

  return { nodes, read };
}

/** Shows freshly created keys once, with copy buttons and a download. */
async function showCreated(created) {
  const all = created.map(k => `${k.name}\t${k.key}`).join('\n');
  await modal(t('keys.createdTitle'), [
    el('p', { className: 'warning-text' }, t('keys.shownOnce')),
    el('ul', { className: 'created-keys' }, created.map(k => el('li', {},
      el('span', { className: 'muted' }, k.name),
      el('code', { className: 'secret', id: created.length === 1 ? 'created-key' : null }, k.key),
      el('button', { className: 'btn small', type: 'button', onclick: () => copyText(k.key) }, t('common.copy'))))),
    created.length > 1 ? el('div', { className: 'toolbar' },
      el('button', { className: 'btn small', type: 'button', onclick: () => copyText(created.map(k => k.key).join('\n')) }, t('keys.copyAll')),
      el('button', { className: 'btn small', type: 'button', onclick: () => download('api-keys.txt', `${all}\n`) }, t('keys.download'))) : null,
  ], { actions: [{ label: t('keys.savedIt'), value: 'ok', kind: 'primary' }] });
}

async function createKey(batch) {
  const form = keyForm({ batch });
  let created = null;
  await modal(batch ? t('keys.batchCreate') : t('keys.create'), form.nodes, {
    wide: true,
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: t('keys.createSubmit'), value: 'create', kind: 'primary', submit: true }],
    onSubmit: async () => {
      const body = form.read();
      const result = await api(batch ? `${KEYS}/batch-create` : KEYS, { method: 'POST', body });
      created = batch ? result.data : [result.data];
    },
  });
  if (created) {
    await reloadAll();
    await showCreated(created);
  }
}

async function editKey(row) {
  const form = keyForm({ row });
  await modal(t('keys.editTitle', { name: row.name }), form.nodes, {
    wide: true,
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: t('common.save'), value: 'save', kind: 'primary', submit: true }],
    onSubmit: async () => {
      const body = form.read();
      await api(`${KEYS}/update`, { method: 'POST', body: { key: row.key, ...body } });
      toast(t('keys.saved'), 'success');
      await reloadAll();
    },
  });
}

async function setEnabled(keys, enabled) {
  for (const key of keys) await api(`${KEYS}/update`, { method: 'POST', body: { key, is_active: enabled } });
  toast(t('keys.updated', { count: keys.length }), 'success');
  await reloadAll();
}

async function deleteKeys(keys) {
  if (!await confirmDialog(t('keys.confirmDelete', { count: keys.length }), { danger: true, confirmLabel: t('common.delete') })) return;
  try {
    const result = await api(`${KEYS}/batch-delete`, { method: 'POST', body: { keys } });
    keys.forEach(k => selection.delete(k));
    toast(t('keys.deleted', { count: result.deleted }), 'success');
    await reloadAll();
  } catch (e) { toast(e.message, 'error'); }
}

// ---- wiring ---------------------------------------------------------------------------------------------------

$('open-create').addEventListener('click', () => createKey(false));
$('open-batch').addEventListener('click', () => createKey(true));
$('q').addEventListener('input', debounce(e => { state.search = e.target.value.trim(); state.page = 1; load(); }));
$('f-enabled').addEventListener('change', e => { state.enabled = e.target.value; state.page = 1; load(); });
$('filters').addEventListener('submit', e => e.preventDefault());
$('select-page').addEventListener('change', e => {
  rows.forEach(r => (e.target.checked ? selection.add(r.key) : selection.delete(r.key)));
  renderRows();
});
$('sel-clear').addEventListener('click', () => { selection.clear(); renderRows(); });
$('sel-enable').addEventListener('click', e => busy(e.currentTarget, () => setEnabled([...selection], true)));
$('sel-disable').addEventListener('click', e => busy(e.currentTarget, () => setEnabled([...selection], false)));
$('sel-delete').addEventListener('click', () => deleteKeys([...selection]));

models = await api(`${KEYS}/models`).then(r => r.data).catch(() => []);
await reloadAll();
