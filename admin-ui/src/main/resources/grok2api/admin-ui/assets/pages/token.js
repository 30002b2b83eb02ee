// Token pool page: statistics, a server-side paged and filtered listing, edits by selection, import/export and bulk
// refreshes as server jobs. Only one page of rows is ever in the browser, so 100,000 tokens load as fast as 100.
import { t, formatNumber, formatTime } from '../i18n.js';
import { api } from '../api.js';
import { initShell } from '../shell.js';
import {
  el, toast, modal, confirmDialog, copyText, field, checkbox, select, renderStats, placeholderRow, renderPager,
  formatDuration, debounce, download, busy, copyIcon,
} from '../ui.js';
import { jobPanel } from '../jobs.js';

await initShell('tokens.title');

const TOKENS = '/api/v1/admin/tokens';
const QUOTA_JOB = 'token.refresh_quota';
const SETTINGS_JOB = 'token.refresh_account_settings';
const STATUS_TONE = { active: 'ok', cooling: 'warn', invalid: 'bad', disabled: '' };
const COLUMNS = 9;

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  q: params.get('q') || '', pool: params.get('pool') || '', status: params.get('status') || '',
  tag: params.get('tag') || '', sort: params.get('sort') || 'created_asc',
  page: Number(params.get('page')) || 1, pageSize: Number(params.get('page_size')) || 50,
};
/** Selected tokens (full values), kept across pages and filter changes. */
const selection = new Set();
let rows = [];
let stats = null;
const jobs = jobPanel($('job'));

/** The listing filters that are set (empty ones are left out: an empty tag is not a filter). */
function filters() {
  const all = { q: state.q, pool: state.pool, status: state.status, tag: state.tag };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value));
}

function keepStateInUrl() {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters(), sort: state.sort })) if (value) query.set(key, value);
  if (state.sort === 'created_asc') query.delete('sort');
  if (state.page > 1) query.set('page', state.page);
  if (state.pageSize !== 50) query.set('page_size', state.pageSize);
  const search = query.toString();
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
}

// ---- statistics -----------------------------------------------------------------------------------------------

async function loadStats() {
  stats = await api(`${TOKENS}/stats`);
  renderStats($('stats'), [
    { label: t('tokens.statTotal'), value: formatNumber(stats.total) },
    { label: t('status.active'), value: formatNumber(stats.active), tone: 'ok' },
    { label: t('status.cooling'), value: formatNumber(stats.cooling), tone: 'warn' },
    { label: t('status.invalid'), value: formatNumber(stats.invalid), tone: 'bad' },
    { label: t('status.disabled'), value: formatNumber(stats.disabled) },
    { label: t('tokens.statChatQuota'), value: formatNumber(stats.chat_quota), hint: t('tokens.statChatQuotaHint') },
    { label: t('tokens.statHeavyQuota'), value: formatNumber(stats.heavy_quota) },
    { label: t('tokens.statCalls'), value: formatNumber(stats.total_calls) },
  ]);
}

// ---- listing --------------------------------------------------------------------------------------------------

function statusCell(row) {
  const status = row.status;
  const parts = [el('span', { className: `badge ${STATUS_TONE[status] || ''}` }, t(`status.${status}`))];
  if (status === 'cooling' && row.cooldown_remaining_seconds > 0) {
    parts.push(el('div', { className: 'muted small' }, t('tokens.coolingLeft', { left: formatDuration(row.cooldown_remaining_seconds) })));
  }
  const failure = row.last_failure;
  if (failure && (status === 'invalid' || status === 'cooling' || row.fail_count > 0)) {
    parts.push(el('div', { className: 'reason small', title: `${failure.code}: ${failure.message}\n${formatTime(failure.at)}` },
      `${failure.code}${failure.message ? ` — ${failure.message}` : ''}`));
  }
  return el('td', {}, parts);
}

function quotaCell(row) {
  const lines = [];
  lines.push(row.quota_known
    ? (row.quota_total > 0 ? `${formatNumber(row.quota)} / ${formatNumber(row.quota_total)}` : formatNumber(row.quota))
    : t('tokens.quotaUnknown'));
  if (row.pool === 'ssoSuper' && row.heavy_quota_known) {
    lines.push(el('div', { className: 'muted small' }, t('tokens.heavyQuota', { quota: formatNumber(row.heavy_quota) })));
  }
  return el('td', { className: 'num' }, lines);
}

function noteCell(row) {
  return el('td', { className: 'note-cell' },
    row.note ? el('div', { className: 'note', title: row.note }, row.note) : null,
    (row.tags || []).map(tag => el('span', { className: 'chip' }, tag)));
}

function actionsCell(row) {
  const enabled = row.stored_status !== 'disabled';
  return el('td', { className: 'actions' },
    el('button', { className: 'btn small', type: 'button', onclick: () => editToken(row) }, t('common.edit')),
    el('button', { className: 'btn small', type: 'button', title: t('tokens.refreshQuota'),
      onclick: e => busy(e.currentTarget, () => refreshOne(row)) }, t('common.refresh')),
    el('button', { className: 'btn small', type: 'button',
      onclick: e => busy(e.currentTarget, () => patch([row.token], { enabled: !enabled })) },
      enabled ? t('tokens.disable') : t('tokens.enable')),
    row.status === 'cooling' ? el('button', { className: 'btn small', type: 'button',
      onclick: e => busy(e.currentTarget, () => patch([row.token], { clear_cooldown: true })) }, t('tokens.clearCooldown')) : null,
    el('button', { className: 'btn small danger', type: 'button', onclick: () => deleteTokens([row.token]) }, t('common.delete')));
}

function renderRows() {
  const body = $('rows');
  if (!rows.length) {
    const filtered = Object.keys(filters()).length > 0;
    body.replaceChildren(placeholderRow(COLUMNS, filtered ? t('tokens.noMatch') : t('tokens.empty')));
  } else {
    body.replaceChildren(...rows.map(row => {
      const box = el('input', { type: 'checkbox', checked: selection.has(row.token),
        'aria-label': t('tokens.selectRow', { token: row.token_masked }),
        onchange: e => { if (e.target.checked) selection.add(row.token); else selection.delete(row.token); updateSelection(); } });
      return el('tr', { dataset: { status: row.status } },
        el('td', { className: 'check-col' }, box),
        el('td', {}, el('div', { className: 'token-cell' },
          el('span', { className: 'mono' }, row.token_masked),
          el('button', { className: 'btn small ghost', type: 'button', title: t('tokens.copy'), 'aria-label': t('tokens.copy'),
            onclick: () => copyText(row.token) }, copyIcon()))),
        el('td', {}, el('span', { className: `badge ${row.pool === 'ssoSuper' ? 'info' : ''}` }, row.pool)),
        statusCell(row),
        quotaCell(row),
        el('td', { className: 'num' }, formatNumber(row.use_count),
          row.fail_count > 0 ? el('div', { className: 'muted small' }, t('tokens.failures', { count: row.fail_count })) : null),
        el('td', { className: 'nowrap' }, formatTime(row.last_used_at)),
        noteCell(row),
        actionsCell(row));
    }));
  }
  updateSelection();
}

async function load() {
  keepStateInUrl();
  $('rows').setAttribute('aria-busy', 'true');
  try {
    const page = await api(`${TOKENS}/page`, { query: { ...filters(), sort: state.sort, page: state.page, page_size: state.pageSize } });
    const pages = Math.max(1, Math.ceil(page.total / state.pageSize));
    if (state.page > pages && page.total > 0) { state.page = pages; return load(); }
    rows = page.items;
    renderRows();
    renderPager($('pager'), { page: state.page, pageSize: state.pageSize, total: page.total,
      onChange: (p, size) => { state.page = p; state.pageSize = size; load(); } });
    $('pager').dataset.total = page.total;
  } catch (e) {
    $('rows').replaceChildren(placeholderRow(COLUMNS, e.message));
  } finally {
    $('rows').removeAttribute('aria-busy');
  }
  return undefined;
}

async function reloadAll() {
  await Promise.all([load(), loadStats().catch(e => toast(e.message, 'error'))]);
}

// ---- selection ------------------------------------------------------------------------------------------------

function updateSelection() {
  const bar = $('selection-bar');
  bar.hidden = selection.size === 0;
  document.body.classList.toggle('has-selection-bar', selection.size > 0);
  $('selection-count').textContent = t('tokens.selected', { count: formatNumber(selection.size) });
  const onPage = rows.filter(row => selection.has(row.token)).length;
  const all = $('select-page');
  all.checked = rows.length > 0 && onPage === rows.length;
  all.indeterminate = onPage > 0 && onPage < rows.length;
}

$('select-page').addEventListener('change', e => {
  for (const row of rows) { if (e.target.checked) selection.add(row.token); else selection.delete(row.token); }
  renderRows();
});
$('sel-clear').addEventListener('click', () => { selection.clear(); renderRows(); });

// ---- edits ----------------------------------------------------------------------------------------------------

async function patch(tokens, change) {
  const result = await api(TOKENS, { method: 'PATCH', body: { tokens, ...change } });
  toast(t('tokens.updated', { count: formatNumber(result.updated) }), 'success');
  await reloadAll();
}

async function deleteTokens(tokens) {
  if (!await confirmDialog(t('tokens.confirmDelete', { count: formatNumber(tokens.length) }), { danger: true, confirmLabel: t('common.delete') })) return;
  try {
    const result = await api(`${TOKENS}/delete`, { method: 'POST', body: { tokens } });
    tokens.forEach(token => selection.delete(token));
    toast(t('tokens.deleted', { count: formatNumber(result.deleted) }), 'success');
    await reloadAll();
  } catch (e) { toast(e.message, 'error'); }
}

function poolSelect(value) {
  return select([['ssoBasic', t('tokens.poolBasic')], ['ssoSuper', t('tokens.poolSuper')]], { value });
}

function tagsOf(text) {
  return text.split(/[,，]/).map(s => s.trim()).filter(Boolean);
}

async function editToken(row) {
  const pool = poolSelect(row.pool);
  const note = el('input', { type: 'text', value: row.note || '', maxLength: 200, id: 'edit-note' });
  const tags = el('input', { type: 'text', value: (row.tags || []).join(', '), id: 'edit-tags' });
  await modal(t('tokens.editTitle'), [
    field(t('tokens.colToken'), el('input', { type: 'text', value: row.token_masked, readOnly: true, className: 'mono' })),
    field(t('tokens.colPool'), pool),
    field(t('tokens.colNote'), note),
    field(t('tokens.tags'), tags, t('tokens.tagsHint')),
  ], {
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: t('common.save'), value: 'save', kind: 'primary', submit: true }],
    onSubmit: async () => {
      await api(TOKENS, { method: 'PATCH', body: { tokens: [row.token], note: note.value.trim(), tags: tagsOf(tags.value), pool: pool.value } });
      toast(t('tokens.saved'), 'success');
      await reloadAll();
    },
  });
}

async function refreshOne(row) {
  const result = await api(`${TOKENS}/refresh`, { method: 'POST', body: { token: row.token } });
  const ok = Object.values(result.results || {})[0];
  toast(ok ? t('tokens.refreshOk') : t('tokens.refreshFailed'), ok ? 'success' : 'error');
  await reloadAll();
}

// ---- adding and importing -------------------------------------------------------------------------------------

function importSummary(report) {
  const lines = [t('tokens.importSummary', {
    added: formatNumber(report.added), existing: formatNumber(report.existing),
    duplicates: formatNumber(report.duplicates), blank: formatNumber(report.blank),
    rejected: formatNumber(report.rejected.length),
  })];
  const details = [];
  if (report.rejected.length) {
    details.push(el('details', { open: report.rejected.length <= 5 },
      el('summary', {}, t('tokens.rejectedLines', { count: formatNumber(report.rejected.length) })),
      el('ul', { className: 'compact' }, report.rejected.slice(0, 100).map(r => el('li', {}, t('tokens.lineReason', { line: r.line, reason: r.reason }))))));
  }
  const sample = [...(report.existing_sample || []), ...(report.duplicate_sample || [])];
  if (sample.length) {
    details.push(el('details', {},
      el('summary', {}, t('tokens.duplicateSample')),
      el('ul', { className: 'compact mono' }, sample.slice(0, 20).map(s => el('li', {}, s)))));
  }
  return el('div', { className: 'import-report', id: 'import-report' }, el('p', {}, lines), details);
}

async function addTokens() {
  const pool = poolSelect('ssoBasic');
  const text = el('textarea', { rows: 5, id: 'add-tokens', placeholder: 'eyJhbGciOi…' });
  const note = el('input', { type: 'text', maxLength: 200, id: 'add-note' });
  const tags = el('input', { type: 'text', id: 'add-tags' });
  const settings = checkbox(t('tokens.accountSettings'), { checked: true, id: 'add-settings' });
  await modal(t('tokens.addTitle'), [
    field(t('tokens.colPool'), pool),
    field(t('tokens.addLabel'), text),
    field(t('tokens.colNote'), note),
    field(t('tokens.tags'), tags, t('tokens.tagsHint')),
    settings.node,
  ], {
    actions: [{ label: t('common.cancel'), value: 'cancel' }, { label: t('tokens.add'), value: 'add', kind: 'primary', submit: true }],
    onSubmit: async () => {
      const tokens = text.value.split('\n').map(s => s.trim()).filter(Boolean);
      if (!tokens.length) throw new Error(t('tokens.nothingToAdd'));
      const result = await api(`${TOKENS}/add`, { method: 'POST', body: {
        pool: pool.value, tokens, note: note.value.trim() || undefined, tags: tagsOf(tags.value), account_settings: settings.input.checked,
      } });
      toast(t('tokens.added', { added: formatNumber(result.added), existing: formatNumber(result.existing), duplicates: formatNumber(result.duplicates) }), 'success');
      await reloadAll();
    },
  });
}

async function importTokens() {
  const pool = poolSelect('ssoBasic');
  const text = el('textarea', { rows: 8, id: 'import-text', placeholder: t('tokens.importPlaceholder') });
  const file = el('input', { type: 'file', id: 'import-file', accept: '.txt,.json,.jsonl,text/plain,application/json' });
  const settings = checkbox(t('tokens.accountSettings'), { checked: true, id: 'import-settings' });
  const report = el('div', { id: 'import-result' });
  let fileText = null;
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    fileText = chosen ? await chosen.text() : null;
    text.disabled = fileText !== null;
    text.value = fileText === null ? '' : t('tokens.fileLoaded', { name: chosen.name, lines: formatNumber(fileText.split('\n').length) });
    report.replaceChildren();
  });
  text.addEventListener('input', () => report.replaceChildren());
  const body = () => (fileText !== null ? fileText : text.value);
  await modal(t('tokens.importTitle'), [
    field(t('tokens.colPool'), pool, t('tokens.importPoolHint')),
    field(t('tokens.importText'), text, t('tokens.importHint')),
    field(t('tokens.importFile'), file),
    settings.node,
    report,
  ], {
    wide: true,
    actions: [
      { label: t('common.cancel'), value: 'cancel' },
      { label: t('tokens.preview'), value: 'preview', submit: true },
      { label: t('tokens.importApply'), value: 'import', kind: 'primary', submit: true },
    ],
    onSubmit: async action => {
      if (!body().trim()) throw new Error(t('tokens.nothingToAdd'));
      const preview = action === 'preview';
      const result = await api(`${TOKENS}/import`, { method: 'POST', body: body(),
        query: { pool: pool.value, preview, account_settings: settings.input.checked } });
      report.replaceChildren(el('p', { className: 'muted' }, t(preview ? 'tokens.previewOf' : 'tokens.importedOf', { received: formatNumber(result.received) })), importSummary(result));
      if (preview) return false;
      toast(t('tokens.importDone', { added: formatNumber(result.added) }), 'success');
      await reloadAll();
      return false; // keep the report visible; the user closes the dialog
    },
  });
}

// ---- export ---------------------------------------------------------------------------------------------------

function exportName(prefix) {
  return `${prefix}${new Date().toISOString().slice(0, 10)}.txt`;
}

async function exportTokens(query, prefix, button) {
  await busy(button, async () => {
    const text = await api(`${TOKENS}/export`, { query });
    download(exportName(prefix), text);
    toast(t('tokens.exported', { count: formatNumber(text ? text.trimEnd().split('\n').filter(Boolean).length : 0) }), 'success');
  });
  $('export-menu').open = false;
}

$('export-all').addEventListener('click', e => exportTokens({}, 'tokens_export_', e.currentTarget));
$('export-filtered').addEventListener('click', e => exportTokens(filters(), 'tokens_export_filtered_', e.currentTarget));
$('sel-export').addEventListener('click', e => busy(e.currentTarget, async () => {
  const text = await api(`${TOKENS}/export`, { method: 'POST', body: { tokens: [...selection] } });
  download(exportName('tokens_export_selected_'), text);
  toast(t('tokens.exported', { count: formatNumber(selection.size) }), 'success');
}));

// ---- bulk jobs ------------------------------------------------------------------------------------------------

function jobTitle(kind) {
  return kind === SETTINGS_JOB ? t('tokens.jobSettings') : t('tokens.jobQuota');
}

async function startJob(path, body) {
  const response = await api(path, { method: 'POST', body: { ...body, async: true } });
  const job = response.job;
  const finished = await jobs.watch(job, jobTitle(job.kind));
  toast(t('tokens.jobDone', { succeeded: formatNumber(finished.succeeded), failed: formatNumber(finished.failed) }),
    finished.failed ? 'warning' : 'success');
  await reloadAll();
}

async function bulkOnFilters(path, question) {
  $('bulk-menu').open = false;
  const total = Number($('pager').dataset.total || 0);
  if (!total) { toast(t('tokens.noMatch'), 'info'); return; }
  if (!await confirmDialog(t(question, { count: formatNumber(total) }))) return;
  try { await startJob(path, { all: true, ...filters() }); } catch (e) { toast(e.message, 'error'); }
}

$('refresh-filtered').addEventListener('click', () => bulkOnFilters(`${TOKENS}/refresh`, 'tokens.confirmRefreshFiltered'));
$('settings-filtered').addEventListener('click', () => bulkOnFilters(`${TOKENS}/nsfw/refresh`, 'tokens.confirmSettingsFiltered'));
$('sel-refresh').addEventListener('click', e => busy(e.currentTarget, () => startJob(`${TOKENS}/refresh`, { tokens: [...selection] })));
$('sel-settings').addEventListener('click', async () => {
  if (!await confirmDialog(t('tokens.confirmSettings', { count: formatNumber(selection.size) }))) return;
  try { await startJob(`${TOKENS}/nsfw/refresh`, { tokens: [...selection] }); } catch (e) { toast(e.message, 'error'); }
});
$('sel-enable').addEventListener('click', e => busy(e.currentTarget, () => patch([...selection], { enabled: true })));
$('sel-disable').addEventListener('click', e => busy(e.currentTarget, () => patch([...selection], { enabled: false })));
$('sel-cooldown').addEventListener('click', e => busy(e.currentTarget, () => patch([...selection], { clear_cooldown: true })));
$('sel-delete').addEventListener('click', () => deleteTokens([...selection]));
$('delete-invalid').addEventListener('click', async () => {
  $('bulk-menu').open = false;
  const count = stats ? stats.invalid : 0;
  if (!count) { toast(t('tokens.noInvalid'), 'info'); return; }
  if (!await confirmDialog(t('tokens.confirmDeleteInvalid', { count: formatNumber(count) }), { danger: true, confirmLabel: t('common.delete') })) return;
  try {
    const result = await api(`${TOKENS}/delete-invalid`, { method: 'POST' });
    toast(t('tokens.deleted', { count: formatNumber(result.deleted) }), 'success');
    await reloadAll();
  } catch (e) { toast(e.message, 'error'); }
});

// ---- filters --------------------------------------------------------------------------------------------------

function bindFilter(id, key, event = 'change') {
  const input = $(id);
  input.value = state[key];
  const apply = () => { state[key] = input.value.trim(); state.page = 1; load(); };
  input.addEventListener(event, event === 'input' ? debounce(apply, 300) : apply);
}

bindFilter('q', 'q', 'input');
bindFilter('f-tag', 'tag', 'input');
bindFilter('f-pool', 'pool');
bindFilter('f-status', 'status');
bindFilter('f-sort', 'sort');
$('filters').addEventListener('submit', e => e.preventDefault());
$('filters').addEventListener('reset', () => {
  setTimeout(() => {
    Object.assign(state, { q: '', pool: '', status: '', tag: '', sort: 'created_asc', page: 1 });
    $('f-sort').value = 'created_asc';
    load();
  });
});
$('open-add').addEventListener('click', addTokens);
$('open-import').addEventListener('click', importTokens);
document.querySelectorAll('details.menu').forEach(menu => menu.addEventListener('keydown', e => {
  if (e.key === 'Escape') { menu.open = false; menu.querySelector('summary').focus(); }
}));

// The cards stay current while the page is open (one cheap counting query; the listing is left as it is).
setInterval(() => { if (!document.hidden) loadStats().catch(() => {}); }, 30000);
await reloadAll();
jobs.resume([QUOTA_JOB, SETTINGS_JOB], jobTitle).then(job => { if (job) reloadAll(); }).catch(() => {});
