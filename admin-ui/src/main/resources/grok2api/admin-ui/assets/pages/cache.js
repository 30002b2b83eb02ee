// Media cache: local image and video files (stats, a paged gallery with preview and delete, clear by type) and the
// assets each Grok account keeps online (counted and cleared only on request, as a job when the server runs one).
import { t, formatNumber, formatTime } from '../i18n.js';
import { api } from '../api.js';
import { initShell } from '../shell.js';
import { el, toast, modal, confirmDialog, placeholderRow, renderPager, formatBytes, busy } from '../ui.js';
import { jobPanel, finished } from '../jobs.js';

await initShell('cache.title');

const CACHE = '/api/v1/admin/cache';
const PAGE_SIZE = 40;
const $ = id => document.getElementById(id);
const state = { view: 'image', page: 1 };
const selected = new Set();
// The accounts are paged by the server: `accounts` holds the page shown, `total` counts them all.
const online = { accounts: [], total: 0, details: new Map(), page: 1, pageSize: 50, selected: new Set() };
const jobs = jobPanel($('job'));

// ---- statistics -----------------------------------------------------------------------------------------------

function sizeText(stats) {
  return stats ? formatBytes(Math.round((stats.size_bytes ?? (stats.size_mb || 0) * 1024 * 1024))) : '';
}

async function loadStats() {
  const local = await api(`${CACHE}/local`);
  $('image-count').textContent = formatNumber(local.local_image.count);
  $('image-size').textContent = sizeText(local.local_image);
  $('video-count').textContent = formatNumber(local.local_video.count);
  $('video-size').textContent = sizeText(local.local_video);
}

// ---- local files ----------------------------------------------------------------------------------------------

function mediaUrl(item) {
  return item.view_url || `/v1/files/${state.view}/${encodeURIComponent(item.name)}`;
}

function preview(item) {
  const url = mediaUrl(item);
  const media = state.view === 'video'
    ? el('video', { src: url, controls: true, preload: 'metadata', poster: item.preview_url || null, className: 'preview-media' })
    : el('img', { src: url, alt: item.name, className: 'preview-media' });
  modal(item.name, [
    media,
    el('p', { className: 'muted' }, `${formatBytes(item.size_bytes)} · ${formatTime(item.mtime_ms)}`),
    el('a', { href: url, target: '_blank', rel: 'noopener' }, t('cache.openNewTab')),
  ], {
    wide: true,
    actions: [
      { label: t('common.delete'), value: 'delete', kind: 'danger' },
      { label: t('common.close'), value: 'close', kind: 'primary' },
    ],
  }).then(result => { if (result === 'delete') deleteItems([item.name]); });
}

function tile(item) {
  const box = el('input', { type: 'checkbox', checked: selected.has(item.name), 'aria-label': t('cache.selectFile', { name: item.name }),
    onchange: e => { if (e.target.checked) selected.add(item.name); else selected.delete(item.name); updateSelected(); } });
  const thumb = state.view === 'image' || item.preview_url
    ? el('img', { src: item.preview_url || mediaUrl(item), alt: '', loading: 'lazy' })
    : el('span', { className: 'video-icon', 'aria-hidden': 'true' }, '▶');
  return el('figure', { className: 'tile' },
    el('button', { className: 'thumb', type: 'button', 'aria-label': t('cache.preview', { name: item.name }), onclick: () => preview(item) }, thumb),
    el('figcaption', {},
      el('label', { className: 'check' }, box, el('span', { className: 'name', title: item.name }, item.name)),
      el('span', { className: 'muted small' }, `${formatBytes(item.size_bytes)} · ${formatTime(item.mtime_ms)}`),
      el('button', { className: 'btn small danger', type: 'button', onclick: () => deleteItems([item.name]) }, t('common.delete'))));
}

function updateSelected() {
  $('delete-selected').disabled = selected.size === 0;
  $('delete-selected').textContent = selected.size ? t('cache.deleteSelectedCount', { count: selected.size }) : t('cache.deleteSelected');
}

async function loadGallery() {
  $('local-title').textContent = state.view === 'image' ? t('cache.localImages') : t('cache.localVideos');
  $('clear-type').textContent = state.view === 'image' ? t('cache.clearImages') : t('cache.clearVideos');
  try {
    const list = await api(`${CACHE}/list`, { query: { type: state.view, page: state.page, page_size: PAGE_SIZE } });
    const items = list.items || [];
    $('gallery').replaceChildren(...items.map(tile));
    $('local-empty').hidden = items.length > 0;
    $('local-empty').textContent = t('cache.empty');
    renderPager($('pager'), { page: state.page, pageSize: PAGE_SIZE, total: list.total || 0, sizes: [PAGE_SIZE],
      onChange: p => { state.page = p; loadGallery(); } });
  } catch (e) {
    $('gallery').replaceChildren();
    $('local-empty').hidden = false;
    $('local-empty').textContent = e.status === 404 ? t('cache.unavailable') : e.message;
  }
  updateSelected();
}

async function deleteItems(names) {
  if (!await confirmDialog(t('cache.confirmDelete', { count: names.length }), { danger: true, confirmLabel: t('common.delete') })) return;
  let deleted = 0;
  for (const name of names) {
    try {
      const result = await api(`${CACHE}/item/delete`, { method: 'POST', body: { type: state.view, name } });
      if (!result.result || result.result.deleted !== false) deleted++;
      selected.delete(name);
    } catch (e) { toast(e.message, 'error'); }
  }
  toast(t('cache.deleted', { count: deleted }), 'success');
  await Promise.all([loadGallery(), loadStats().catch(() => {})]);
}

// ---- online assets --------------------------------------------------------------------------------------------

function accountStatus(token) {
  const detail = online.details.get(token);
  if (!detail) return el('span', { className: 'badge' }, t('cache.notLoaded'));
  if (detail.status && detail.status !== 'ok') return el('span', { className: 'badge bad', title: detail.status }, t('cache.error'));
  return el('span', { className: 'num' }, formatNumber(detail.count));
}

function renderAccounts() {
  const page = online.accounts;
  $('accounts').replaceChildren(...(page.length ? page.map(account => el('tr', {},
    el('td', { className: 'check-col' }, el('input', { type: 'checkbox', checked: online.selected.has(account.token),
      'aria-label': t('tokens.selectRow', { token: account.token_masked }),
      onchange: e => { if (e.target.checked) online.selected.add(account.token); else online.selected.delete(account.token); updateAccountSelection(); } })),
    el('td', { className: 'mono' }, account.token_masked),
    el('td', {}, el('span', { className: 'badge' }, account.pool)),
    el('td', {}, accountStatus(account.token)),
    el('td', { className: 'nowrap' }, formatTime(account.last_asset_clear_at)),
    el('td', { className: 'actions' },
      el('button', { className: 'btn small', type: 'button', onclick: e => busy(e.currentTarget, () => countAccounts([account.token])) }, t('cache.count')),
      el('button', { className: 'btn small danger', type: 'button', onclick: () => clearAccounts([account.token]) }, t('cache.clearAccount'))))) :
    [placeholderRow(6, t('cache.noAccounts'))]));
  renderPager($('accounts-pager'), { page: online.page, pageSize: online.pageSize, total: online.total,
    onChange: (p, size) => { online.page = p; online.pageSize = size; loadAccounts(); } });
  updateAccountSelection();
}

function updateAccountSelection() {
  $('clear-online').disabled = online.selected.size === 0;
  const page = online.accounts;
  const onPage = page.filter(a => online.selected.has(a.token)).length;
  $('select-accounts').checked = page.length > 0 && onPage === page.length;
  $('select-accounts').indeterminate = onPage > 0 && onPage < page.length;
}

function applyOverview(overview) {
  if (overview.online_accounts) {
    online.accounts = overview.online_accounts;
    online.total = overview.online_accounts_total ?? overview.online_accounts.length;
  }
  for (const detail of overview.online_details || []) online.details.set(detail.token, detail);
  const counted = [...online.details.values()];
  const total = counted.reduce((sum, d) => sum + (Number(d.count) || 0), 0);
  $('online-count').textContent = counted.length ? formatNumber(total) : '-';
  $('online-status').textContent = counted.length
    ? t('cache.accountsCounted', { count: formatNumber(counted.length) })
    : t('cache.notLoaded');
  renderAccounts();
}

function pageQuery() {
  return { page: online.page, page_size: online.pageSize };
}

async function loadAccounts() {
  try {
    applyOverview(await api(CACHE, { query: pageQuery() }));
  } catch (e) {
    $('accounts').replaceChildren(placeholderRow(6, e.status === 404 ? t('cache.unavailable') : e.message));
  }
}

const COUNT_JOB = 'media.count_online_assets';

/** Counts the assets of these accounts (all when null); the request waits for the job while the panel shows it. */
async function countAccounts(tokens) {
  const query = { ...pageQuery(), ...(tokens ? { tokens: tokens.join(',') } : { scope: 'all' }) };
  applyOverview(await jobs.alongside(api(CACHE, { query }), COUNT_JOB, t('cache.jobCount')));
}

/** Deletes the online assets of these accounts as a job, followed in the panel. */
async function clearAccounts(tokens) {
  if (!await confirmDialog(t('cache.confirmClearOnline', { count: tokens.length }), { danger: true })) return;
  try {
    const response = await api(`${CACHE}/online/clear`, { method: 'POST', body: { tokens, async: true } });
    const job = finished(response.job) ? response.job : await jobs.watch(response.job, t('cache.jobClear'));
    toast(t('tokens.jobDone', { succeeded: formatNumber(job.succeeded), failed: formatNumber(job.failed) }), job.failed ? 'warning' : 'success');
    tokens.forEach(token => online.details.delete(token));
    online.selected.clear();
    await loadAccounts();
  } catch (e) { toast(e.message, 'error'); }
}

// ---- sections -------------------------------------------------------------------------------------------------

function show(view) {
  state.view = view === 'online' ? state.view : view;
  const onlineView = view === 'online';
  $('local-section').hidden = onlineView;
  $('online-section').hidden = !onlineView;
  for (const id of ['image', 'video', 'online']) {
    $(`card-${id}`).setAttribute('aria-selected', String(id === view));
  }
  if (onlineView) {
    if (!online.accounts.length) loadAccounts();
  } else {
    state.page = 1;
    selected.clear();
    loadGallery();
  }
}

$('card-image').addEventListener('click', () => show('image'));
$('card-video').addEventListener('click', () => show('video'));
$('card-online').addEventListener('click', () => show('online'));
$('refresh').addEventListener('click', () => {
  loadStats().catch(e => toast(e.message, 'error'));
  if ($('online-section').hidden) loadGallery(); else loadAccounts();
});
$('delete-selected').addEventListener('click', () => deleteItems([...selected]));
$('clear-type').addEventListener('click', async () => {
  const what = state.view === 'image' ? t('cache.localImages') : t('cache.localVideos');
  if (!await confirmDialog(t('cache.confirmClear', { what }), { danger: true })) return;
  try {
    const response = await api(`${CACHE}/clear`, { method: 'POST', body: { type: state.view } });
    const result = response.result || {};
    toast(t('cache.cleared', { count: formatNumber(result.count || 0), size: formatBytes((result.size_mb || 0) * 1024 * 1024) }), 'success');
    selected.clear();
    await Promise.all([loadGallery(), loadStats()]);
  } catch (e) { toast(e.message, 'error'); }
});
$('count-online').addEventListener('click', e => busy(e.currentTarget, () => countAccounts(null)));
$('clear-online').addEventListener('click', () => clearAccounts([...online.selected]));
$('select-accounts').addEventListener('change', e => {
  online.accounts.forEach(a => (e.target.checked ? online.selected.add(a.token) : online.selected.delete(a.token)));
  renderAccounts();
});

loadStats().catch(e => {
  $('image-count').textContent = '-';
  toast(e.status === 404 ? t('cache.unavailable') : e.message, 'error');
});
show('image');
