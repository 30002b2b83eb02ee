// Settings: a typed form per section built from GET /config (values, secrets masked) and GET /config/meta (source,
// environment variable, secret, read-only, choices). Only changed keys are posted; secrets are write-only and can be
// cleared; values fixed by the environment are read-only. The admin password has its own form.
import { t } from '../i18n.js';
import { api, setSession } from '../api.js';
import { initShell } from '../shell.js';
import { el, toast, select } from '../ui.js';

await initShell('config.title');

const CONFIG = '/api/v1/admin/config';
const SECTION_ORDER = ['app', 'grok', 'token', 'cache', 'performance', 'stats', 'register'];
/** Sub-groups of the long grok section, so the settings that fix 403s sit together. */
const GROUPS = {
  grok: [
    ['network', ['base_proxy_url', 'asset_proxy_url', 'cf_clearance', 'user_agent', 'dynamic_statsig']],
    ['behaviour', ['temporary', 'stream', 'thinking', 'thinking_format', 'filter_tags', 'video_poster_preview', 'image_generation_method']],
    ['reliability', ['max_retry', 'retry_status_codes', 'timeout', 'first_byte_timeout', 'idle_timeout', 'total_timeout', 'heartbeat_seconds']],
    ['upstream', ['base_url', 'assets_url', 'accounts_url', 'allow_private_attachment_urls', 'attachment_max_mb', 'attachment_timeout']],
  ],
};
/** Managed by its own form (the password change), never by the generic editor. */
const HIDDEN_KEYS = ['app.app_key'];
const $ = id => document.getElementById(id);
let controls = [];

function describe(key, meta) {
  const text = t(`cfg.${key}`);
  return text === `cfg.${key}` ? meta.accepts : text;
}

/** One editable setting: the control, whether it changed, and its new value. */
function settingControl(key, value, meta) {
  const id = `cfg-${key.replace('.', '-')}`;
  const readOnly = meta.read_only;
  let input;
  let changed;
  let read;
  let extra = null;
  if (meta.secret) {
    let cleared = false;
    const shown = value ? String(value) : '';
    input = el('input', { type: 'text', id, autocomplete: 'off', spellcheck: false, className: 'mono', disabled: readOnly,
      placeholder: shown ? t('config.secretKeep', { value: shown }) : t('config.secretEmpty') });
    const clear = el('button', { className: 'btn small', type: 'button', disabled: readOnly || !shown, onclick: () => {
      cleared = !cleared;
      input.value = '';
      input.disabled = cleared;
      input.placeholder = cleared ? t('config.secretWillClear') : t('config.secretKeep', { value: shown });
      clear.textContent = cleared ? t('config.undoClear') : t('config.clear');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } }, t('config.clear'));
    extra = clear;
    changed = () => cleared || input.value.trim() !== '';
    read = () => (cleared ? '' : input.value.trim());
  } else if (typeof value === 'boolean') {
    input = el('input', { type: 'checkbox', id, checked: value, disabled: readOnly, className: 'switch', role: 'switch' });
    changed = () => input.checked !== value;
    read = () => input.checked;
  } else if (meta.choices && meta.choices.length) {
    input = select(meta.choices.map(c => [c, c]), { value, id });
    input.disabled = readOnly;
    changed = () => input.value !== String(value);
    read = () => input.value;
  } else if (typeof value === 'number') {
    const minimum = Number((/>=\s*(-?\d+)/.exec(meta.accepts || '') || [])[1] || 0);
    input = el('input', { type: 'number', id, value, min: minimum, step: Number.isInteger(value) ? 1 : 'any', disabled: readOnly, inputMode: 'numeric' });
    changed = () => input.value.trim() !== String(value);
    read = () => {
      const number = Number(input.value);
      if (input.value.trim() === '' || Number.isNaN(number)) throw new Error(t('config.needNumber'));
      if (Number.isInteger(value) && !Number.isInteger(number)) throw new Error(t('config.needWholeNumber'));
      if (number < minimum) throw new Error(t('config.needAtLeast', { min: minimum }));
      return number;
    };
  } else if (Array.isArray(value)) {
    const numeric = value.length > 0 && value.every(v => typeof v === 'number');
    input = el('input', { type: 'text', id, value: value.join(', '), disabled: readOnly });
    const items = () => input.value.split(',').map(s => s.trim()).filter(Boolean);
    changed = () => items().join(',') !== value.join(',');
    read = () => {
      const list = items();
      if (numeric && list.some(v => !/^\d+$/.test(v))) throw new Error(t('config.needNumberList'));
      return numeric ? list.map(Number) : list;
    };
    extra = el('span', { className: 'hint' }, t('config.listHint'));
  } else {
    input = el('input', { type: 'text', id, value: value ?? '', disabled: readOnly, spellcheck: false });
    changed = () => input.value !== String(value ?? '');
    read = () => input.value.trim();
  }
  const error = el('span', { className: 'error', id: `${id}-error`, role: 'alert' });
  input.setAttribute('aria-describedby', `${id}-desc ${id}-error`);
  const badges = [];
  if (meta.source === 'environment') badges.push(el('span', { className: 'badge warn' }, t('config.fromEnv', { env: meta.env || '' })));
  else if (meta.source === 'stored') badges.push(el('span', { className: 'badge info' }, t('config.customised')));
  if (meta.secret) badges.push(el('span', { className: 'badge' }, t('config.secret')));
  const row = el('div', { className: `setting${readOnly ? ' read-only' : ''}`, dataset: { key } },
    el('div', { className: 'setting-label' },
      el('label', { htmlFor: id, className: 'mono' }, key.slice(key.indexOf('.') + 1)), badges),
    el('div', { className: 'setting-control' }, input, extra),
    el('p', { className: 'hint', id: `${id}-desc` }, describe(key, meta)),
    error);
  const control = { key, row, input, error, changed: () => !readOnly && changed(), read };
  input.addEventListener('input', onEdit);
  input.addEventListener('change', onEdit);
  return control;
}

function onEdit() {
  const count = controls.filter(c => c.changed()).length;
  controls.forEach(c => { c.row.classList.toggle('changed', c.changed()); });
  $('save-bar').hidden = count === 0;
  document.body.classList.toggle('has-selection-bar', count > 0);
  $('changes-count').textContent = t('config.changes', { count });
}

function sectionCard(section, entries) {
  const title = t(`config.section.${section}`);
  const body = [];
  const groups = GROUPS[section];
  if (groups) {
    const placed = new Set();
    for (const [group, names] of groups) {
      const members = entries.filter(([key]) => names.includes(key.slice(section.length + 1)));
      members.forEach(([key]) => placed.add(key));
      if (members.length) body.push(el('h3', {}, t(`config.group.${group}`)), ...members.map(([, control]) => control.row));
    }
    const rest = entries.filter(([key]) => !placed.has(key));
    if (rest.length) body.push(el('h3', {}, t('config.group.other')), ...rest.map(([, control]) => control.row));
  } else {
    body.push(...entries.map(([, control]) => control.row));
  }
  const help = t(`config.sectionHelp.${section}`);
  const content = [help !== `config.sectionHelp.${section}` ? el('p', { className: 'muted' }, help) : null, ...body];
  if (section === 'register') {
    return el('section', { className: 'card config-section', id: `section-${section}` },
      el('details', {}, el('summary', {}, el('h2', { className: 'inline' }, title)), content));
  }
  return el('section', { className: 'card config-section', id: `section-${section}` }, el('h2', {}, title), content);
}

async function load() {
  const [values, meta] = await Promise.all([api(CONFIG), api(`${CONFIG}/meta`)]);
  const bySection = new Map();
  controls = [];
  for (const info of meta.keys) {
    if (HIDDEN_KEYS.includes(info.key)) continue;
    const section = info.key.slice(0, info.key.indexOf('.'));
    const name = info.key.slice(section.length + 1);
    const value = values[section] ? values[section][name] : undefined;
    const control = settingControl(info.key, value, info);
    controls.push(control);
    if (!bySection.has(section)) bySection.set(section, []);
    bySection.get(section).push([info.key, control]);
  }
  const sections = [...bySection.keys()].sort((a, b) => {
    const ia = SECTION_ORDER.indexOf(a);
    const ib = SECTION_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  $('sections').replaceChildren(...sections.map(s => sectionCard(s, bySection.get(s))));
  $('section-links').replaceChildren(...sections.map(s => el('a', { href: `#section-${s}` }, t(`config.section.${s}`))),
    el('a', { href: '#password-card' }, t('config.passwordTitle')));
  const password = meta.keys.find(k => k.key === 'app.app_key');
  const fromEnv = password && password.source === 'environment';
  $('password-source').textContent = fromEnv ? t('config.passwordFromEnv', { env: password.env }) : t('config.passwordStored');
  $('password-form').querySelectorAll('input, button').forEach(n => { n.disabled = fromEnv; });
  applyFilter();
  onEdit();
}

function applyFilter() {
  const query = $('config-filter').value.trim().toLowerCase();
  for (const control of controls) {
    control.row.hidden = query !== '' && !control.row.textContent.toLowerCase().includes(query);
  }
  document.querySelectorAll('.config-section').forEach(section => {
    section.hidden = query !== '' && !section.querySelector('.setting:not([hidden])');
  });
}

$('config-filter').addEventListener('input', applyFilter);

$('config-form').addEventListener('submit', async event => {
  event.preventDefault();
  const body = {};
  let invalid = null;
  for (const control of controls) {
    control.error.textContent = '';
    control.row.classList.remove('invalid');
    if (!control.changed()) continue;
    try {
      const section = control.key.slice(0, control.key.indexOf('.'));
      (body[section] ||= {})[control.key.slice(section.length + 1)] = control.read();
    } catch (e) {
      control.error.textContent = e.message;
      control.row.classList.add('invalid');
      invalid ||= control;
    }
  }
  if (invalid) { invalid.input.focus(); return; }
  const save = $('save');
  save.disabled = true;
  try {
    const result = await api(CONFIG, { method: 'POST', body });
    toast(t('config.saved', { count: result.changed.length }), 'success');
    await load();
  } catch (e) {
    const control = controls.find(c => c.key === e.param);
    if (control) {
      control.error.textContent = e.message;
      control.row.classList.add('invalid');
      control.row.scrollIntoView({ block: 'center' });
      control.input.focus();
    }
    toast(e.message, 'error');
  } finally {
    save.disabled = false;
  }
});

$('discard').addEventListener('click', () => load().catch(e => toast(e.message, 'error')));

$('password-form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = $('password-error');
  error.textContent = '';
  const current = $('current-password').value;
  const next = $('new-password').value;
  if (next.length < 8) { error.textContent = t('config.passwordTooShort'); return; }
  if (next !== $('confirm-password').value) { error.textContent = t('config.passwordMismatch'); return; }
  $('change-password').disabled = true;
  try {
    const result = await api('/api/v1/admin/password', { method: 'POST', body: { current_password: current, new_password: next } });
    setSession(result.api_key);
    event.target.reset();
    toast(t('config.passwordChanged'), 'success');
  } catch (e) {
    error.textContent = e.message;
  } finally {
    $('change-password').disabled = false;
  }
});

window.addEventListener('beforeunload', e => { if (controls.some(c => c.changed())) e.preventDefault(); });
await load();
