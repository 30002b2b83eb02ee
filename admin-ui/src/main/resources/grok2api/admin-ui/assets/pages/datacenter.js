// Data center: token and request figures, SVG charts (24 hours, 7 days, models), the per-request log with filters,
// and the application log tail. Auto-refresh polls the figures; the tail follows only when asked to.
import { t, formatNumber, formatTime } from '../i18n.js';
import { api } from '../api.js';
import { initShell } from '../shell.js';
import { el, toast, confirmDialog, renderStats, placeholderRow, renderPager, formatBytes, debounce } from '../ui.js';
import { lineChart, barChart, donutChart } from '../charts.js';

await initShell('dc.title');

const ADMIN = '/api/v1/admin';
const METRICS_MS = 10000;
const TAIL_MS = 3000;
const LOG_COLUMNS = 9;
const $ = id => document.getElementById(id);
const log = { page: 1, pageSize: 50 };
let metricsTimer = null;
let tailTimer = null;
let tailLines = [];

// ---- figures and charts ---------------------------------------------------------------------------------------

function cacheFigure(stats) {
  return stats ? `${formatNumber(stats.count)} / ${formatBytes((stats.size_mb || 0) * 1024 * 1024)}` : '-';
}

async function loadMetrics() {
  const metrics = await api(`${ADMIN}/metrics`);
  const tokens = metrics.tokens;
  const summary = metrics.request_stats.summary;
  renderStats($('token-stats'), [
    { label: t('dc.tokensTotal'), value: formatNumber(tokens.total) },
    { label: t('status.active'), value: formatNumber(tokens.active), tone: 'ok' },
    { label: t('status.cooling'), value: formatNumber(tokens.cooling), tone: 'warn' },
    { label: t('status.invalid'), value: formatNumber(tokens.expired + tokens.disabled), tone: 'bad',
      hint: t('dc.invalidHint', { invalid: formatNumber(tokens.expired), disabled: formatNumber(tokens.disabled) }) },
    { label: t('tokens.statChatQuota'), value: formatNumber(tokens.chat_quota) },
    { label: t('tokens.statCalls'), value: formatNumber(tokens.total_calls) },
  ]);
  renderStats($('request-stats'), [
    { label: t('dc.requests'), value: formatNumber(summary.total) },
    { label: t('dc.success'), value: formatNumber(summary.success), tone: 'ok' },
    { label: t('dc.failed'), value: formatNumber(summary.failed), tone: 'bad' },
    { label: t('dc.successRate'), value: `${summary.success_rate}%` },
    { label: t('dc.localImages'), value: cacheFigure(metrics.cache && metrics.cache.local_image) },
    { label: t('dc.localVideos'), value: cacheFigure(metrics.cache && metrics.cache.local_video) },
  ]);
  const hourly = metrics.request_stats.hourly;
  const daily = metrics.request_stats.daily;
  const series = rows => [
    { name: t('dc.success'), className: 'series-ok', values: rows.map(r => r.success) },
    { name: t('dc.failed'), className: 'series-bad', values: rows.map(r => r.failed) },
  ];
  $('chart-hourly').replaceChildren(lineChart(t('dc.hourly'), hourly.map(h => h.hour), series(hourly)));
  $('chart-daily').replaceChildren(barChart(t('dc.daily'), daily.map(d => d.date), series(daily)));
  $('chart-models').replaceChildren(donutChart(t('dc.models'),
    metrics.request_stats.models.map(m => ({ name: m.model, value: m.count })), t('dc.noRequests')));
}

// ---- request log ----------------------------------------------------------------------------------------------

function logQuery() {
  const status = $('log-status').value;
  return {
    page: log.page, page_size: log.pageSize,
    success: status === 'ok' ? 'true' : status === 'failed' ? 'false' : undefined,
    status: /^\d+$/.test(status) ? status : undefined,
    model: $('log-model').value, key_name: $('log-key').value.trim(),
  };
}

function ms(value) {
  return value === null || value === undefined ? '-' : `${formatNumber(value)} ms`;
}

async function loadLog() {
  try {
    const page = await api(`${ADMIN}/request-logs`, { query: logQuery() });
    $('log-rows').replaceChildren(...(page.items.length ? page.items.map(row => el('tr', {},
      el('td', { className: 'nowrap' }, formatTime(row.time)),
      el('td', {}, row.key_name || '-'),
      el('td', { className: 'mono' }, row.model || '-'),
      el('td', {}, el('span', { className: `badge ${row.status < 400 ? 'ok' : row.status < 500 ? 'warn' : 'bad'}` }, row.status)),
      el('td', { className: 'num' }, ms(row.duration_ms)),
      el('td', { className: 'num' }, ms(row.first_byte_ms)),
      el('td', { className: 'mono' }, row.token_suffix ? `…${row.token_suffix}` : '-'),
      el('td', { className: 'mono' }, row.ip || '-'),
      el('td', { className: 'reason' }, row.error || ''))) : [placeholderRow(LOG_COLUMNS, t('dc.noLogRows'))]));
    renderPager($('log-pager'), { page: log.page, pageSize: log.pageSize, total: page.total,
      onChange: (p, size) => { log.page = p; log.pageSize = size; loadLog(); } });
  } catch (e) {
    $('log-rows').replaceChildren(placeholderRow(LOG_COLUMNS, e.message));
  }
}

// ---- application log ------------------------------------------------------------------------------------------

async function loadFiles() {
  const { files } = await api(`${ADMIN}/logs/files`);
  const current = $('tail-file').value;
  $('tail-file').replaceChildren(...(files.length ? files.map(f => el('option', { value: f.name, selected: f.name === current },
    `${f.name} (${formatBytes(f.size_bytes)})`)) : [el('option', { value: '' }, t('dc.noLogFiles'))]));
}

function renderTail() {
  const view = $('tail');
  const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 24;
  const keyword = $('tail-filter').value.trim().toLowerCase();
  const lines = keyword ? tailLines.filter(line => line.toLowerCase().includes(keyword)) : tailLines;
  view.textContent = lines.length ? lines.join('\n') : t('dc.noLogLines');
  if (atBottom) view.scrollTop = view.scrollHeight;
}

async function loadTail() {
  const result = await api(`${ADMIN}/logs/tail`, { query: { file: $('tail-file').value, lines: $('tail-lines').value } });
  tailLines = result.lines || [];
  renderTail();
}

// ---- refresh ----------------------------------------------------------------------------------------------------

async function refreshAll() {
  await Promise.all([
    loadMetrics().catch(e => toast(e.message, 'error')),
    loadLog(),
  ]);
}

function scheduleMetrics() {
  clearInterval(metricsTimer);
  if ($('auto-refresh').checked) metricsTimer = setInterval(() => { if (!document.hidden) refreshAll(); }, METRICS_MS);
}

function scheduleTail() {
  clearInterval(tailTimer);
  if ($('tail-auto').checked) tailTimer = setInterval(() => { if (!document.hidden) loadTail().catch(() => {}); }, TAIL_MS);
}

$('refresh').addEventListener('click', refreshAll);
$('auto-refresh').addEventListener('change', scheduleMetrics);
$('tail-auto').addEventListener('change', scheduleTail);
$('log-status').addEventListener('change', () => { log.page = 1; loadLog(); });
$('log-model').addEventListener('change', () => { log.page = 1; loadLog(); });
$('log-key').addEventListener('input', debounce(() => { log.page = 1; loadLog(); }));
$('log-filters').addEventListener('submit', e => e.preventDefault());
$('tail-filters').addEventListener('submit', e => { e.preventDefault(); loadFiles().then(loadTail).catch(err => toast(err.message, 'error')); });
$('tail-file').addEventListener('change', () => loadTail().catch(e => toast(e.message, 'error')));
$('tail-lines').addEventListener('change', () => loadTail().catch(e => toast(e.message, 'error')));
$('tail-filter').addEventListener('input', renderTail);
$('clear-log').addEventListener('click', async () => {
  if (!await confirmDialog(t('dc.confirmClear'), { danger: true })) return;
  try {
    const result = await api(`${ADMIN}/request-logs/clear`, { method: 'POST' });
    toast(t('dc.cleared', { count: formatNumber(result.deleted) }), 'success');
    log.page = 1;
    await loadLog();
  } catch (e) { toast(e.message, 'error'); }
});

api(`${ADMIN}/keys/models`).then(({ data }) => {
  $('log-model').append(...data.map(m => el('option', { value: m.id }, m.id)));
}).catch(() => {});
await refreshAll();
scheduleMetrics();
loadFiles().then(loadTail).catch(e => toast(e.message, 'error'));
