// Small shared widgets: element building, toasts, dialogs, pagers, stat cards and formatting.
// Data always enters the page as text nodes or attributes, never as HTML.
import { t, formatNumber } from './i18n.js';

/** Creates an element: el('td', {className: 'x', onclick}, 'text', child…). Strings are text, never HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && key !== 'list' && key !== 'form') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An SVG element with attributes (charts). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(key, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A small line icon (decorative: the button carries the label). */
export function copyIcon() {
  return svg('svg', { viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', class: 'icon' },
    svg('rect', { x: 5.5, y: 5.5, width: 8, height: 8, rx: 1.5 }),
    svg('path', { d: 'M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1' }));
}

function toastHost() {
  let host = document.querySelector('.toasts');
  if (!host) { host = el('div', { className: 'toasts', role: 'status', 'aria-live': 'polite' }); document.body.append(host); }
  return host;
}

/** Shows a message for a few seconds; type is success | error | info | warning. */
export function toast(message, type = 'info') {
  const node = el('div', { className: `toast ${type}` }, message);
  toastHost().append(node);
  setTimeout(() => node.remove(), type === 'error' ? 7000 : 3500);
}

/**
 * A modal dialog. content is a node (or list of nodes); actions are [{label, value, kind, submit}] buttons that close
 * the dialog with their value — except a submit action, which calls onSubmit first and stays open while it returns
 * false or throws. Esc and the cancel button resolve with 'cancel'. Resolves with the closing value.
 */
export function modal(title, content, { actions = [], onSubmit, wide = false, onOpen } = {}) {
  return new Promise(resolve => {
    const error = el('p', { className: 'form-error', role: 'alert' });
    const buttons = actions.map(action => el('button', {
      className: `btn ${action.kind || ''}`, type: action.submit ? 'submit' : 'button', value: action.value,
      onclick: action.submit ? null : () => dialog.close(action.value),
    }, action.label));
    const form = el('form', { method: 'dialog', noValidate: true },
      el('div', { className: 'dialog-body' }, el('h2', {}, title), content, error),
      buttons.length ? el('div', { className: 'dialog-actions' }, buttons) : null);
    const dialog = el('dialog', { className: wide ? 'wide' : '', 'aria-label': title }, form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const submitter = event.submitter;
      if (!onSubmit) { dialog.close(submitter ? submitter.value : 'ok'); return; }
      error.textContent = '';
      if (submitter) submitter.disabled = true;
      try {
        const result = await onSubmit(submitter ? submitter.value : 'ok', form);
        if (result !== false) dialog.close(submitter ? submitter.value : 'ok');
      } catch (e) {
        error.textContent = e.message;
      } finally {
        if (submitter) submitter.disabled = false;
      }
    });
    dialog.addEventListener('close', () => { resolve(dialog.returnValue || 'cancel'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
    if (onOpen) onOpen(dialog);
  });
}

/** A modal confirm; resolves true when confirmed. */
export async function confirmDialog(message, { confirmLabel = t('common.confirm'), danger = false, title = t('common.confirmTitle') } = {}) {
  const result = await modal(title, el('p', {}, message), {
    actions: [
      { label: t('common.cancel'), value: 'cancel' },
      { label: confirmLabel, value: 'ok', kind: danger ? 'danger' : 'primary' },
    ],
  });
  return result === 'ok';
}

/** Copies text to the clipboard, with a toast either way. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast(t('common.copied'), 'success');
  } catch (e) {
    toast(t('common.copyFailed'), 'error');
  }
}

/** A labelled form field: label above, control, optional hint below. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return el('div', { className: 'field' },
    el('label', { htmlFor: control.id }, labelText), control,
    hint ? el('span', { className: 'hint' }, hint) : null);
}

/** A checkbox with its label on the right. */
export function checkbox(labelText, { checked = false, id, onchange } = {}) {
  const input = el('input', { type: 'checkbox', checked, id, onchange });
  return { input, node: el('label', { className: 'check' }, input, el('span', {}, labelText)) };
}

/** A <select> of [value, label] pairs. */
export function select(options, { value, id, onchange, label } = {}) {
  return el('select', { id, onchange, 'aria-label': label },
    options.map(([v, text]) => el('option', { value: v, selected: String(v) === String(value) }, text)));
}

/** Stat cards: items are {label, value, tone?, hint?}. */
export function renderStats(container, items) {
  container.replaceChildren(...items.map(item => el('div', { className: `stat ${item.tone || ''}` },
    el('div', { className: 'label' }, item.label),
    el('div', { className: 'value' }, item.value),
    item.hint ? el('div', { className: 'hint' }, item.hint) : null)));
}

/** A table row with one cell spanning every column, for empty and loading states. */
export function placeholderRow(columns, text) {
  return el('tr', {}, el('td', { className: 'empty', colSpan: columns }, text));
}

/**
 * Renders page controls into container: "{from}–{to} of {total}", previous/next, a page number and a page size.
 * onChange(page, pageSize) is called when the user moves.
 */
export function renderPager(container, { page, pageSize, total, sizes = [20, 50, 100, 200], onChange }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const pageInput = el('input', { type: 'number', min: 1, max: pages, value: page, className: 'page-input',
    'aria-label': t('pager.page'),
    onchange: e => onChange(Math.min(pages, Math.max(1, Number(e.target.value) || 1)), pageSize) });
  container.replaceChildren(
    el('span', { className: 'muted pager-range' }, t('pager.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })),
    el('div', { className: 'toolbar' },
      el('button', { className: 'btn small', type: 'button', disabled: page <= 1, 'aria-label': t('pager.previous'),
        onclick: () => onChange(page - 1, pageSize) }, '‹'),
      pageInput,
      el('span', { className: 'muted' }, t('pager.of', { pages: formatNumber(pages) })),
      el('button', { className: 'btn small', type: 'button', disabled: page >= pages, 'aria-label': t('pager.next'),
        onclick: () => onChange(page + 1, pageSize) }, '›'),
      select(sizes.map(s => [s, t('pager.perPage', { size: s })]), { value: pageSize, label: t('pager.pageSize'),
        onchange: e => onChange(1, Number(e.target.value)) })));
}

/** A progress bar element with an accessible value; call .set(percent) to move it. */
export function progressBar(label) {
  const inner = el('div', { style: 'width:0%' });
  const bar = el('div', { className: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': 0, 'aria-label': label }, inner);
  bar.set = percent => {
    const value = Math.max(0, Math.min(100, Number(percent) || 0));
    inner.style.width = `${value}%`;
    bar.setAttribute('aria-valuenow', String(Math.round(value)));
  };
  return bar;
}

/** Human-readable byte size. */
export function formatBytes(bytes) {
  const value = Number(bytes) || 0;
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  if (value < 1024 * 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MB`;
  return `${(value / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** A duration in seconds as "1h 5m", "5m 3s" or "12s". */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s >= 86400) return t('time.daysHours', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
  if (s >= 3600) return t('time.hoursMinutes', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  if (s >= 60) return t('time.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 });
  return t('time.seconds', { s });
}

/** Calls fn at most once per wait ms, after the last call. */
export function debounce(fn, wait = 300) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), wait); };
}

/** Saves a Blob or text as a file download. */
export function download(name, content, type = 'text/plain;charset=utf-8') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Masks a secret for display: first 6 and last 4 characters. */
export function maskSecret(value) {
  const text = String(value || '');
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-4)}` : '••••••';
}

/** Runs an async action with the button disabled meanwhile; errors become toasts. */
export async function busy(button, action) {
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (e) {
    toast(e.message, 'error');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

// A click outside an open menu (<details class="menu">) closes it, as Esc does.
document.addEventListener('click', event => {
  document.querySelectorAll('details.menu[open]').forEach(menu => { if (!menu.contains(event.target)) menu.open = false; });
});
