// Small shared widgets: toasts, confirm dialogs, element building, escaping.
import { t } from './i18n.js';

/** Creates an element: el('td', {className: 'x', onclick}, 'text', child…). Strings are text, never HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
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
  setTimeout(() => node.remove(), type === 'error' ? 6000 : 3500);
}

/** A modal confirm; resolves true when confirmed. */
export function confirmDialog(message, { confirmLabel = t('common.confirm'), danger = false } = {}) {
  return new Promise(resolve => {
    const dialog = el('dialog', {},
      el('div', { className: 'dialog-body' }, el('p', {}, message)),
      el('div', { className: 'dialog-actions' },
        el('button', { className: 'btn', type: 'button', onclick: () => dialog.close('cancel') }, t('common.cancel')),
        el('button', { className: danger ? 'btn danger' : 'btn primary', type: 'button', onclick: () => dialog.close('ok') }, confirmLabel)));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok'); dialog.remove(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Copies text to the clipboard, with a toast either way. */
export async function copyText(text) {
  try { await navigator.clipboard.writeText(text); toast(t('common.copied'), 'success'); }
  catch (e) { toast(t('common.copyFailed'), 'error'); }
}
