// The playground, at /chat (public, when app.public_chat is on) and /admin/chat. It calls /v1 exactly as a client
// does, with a client API key kept in sessionStorage (admin sessions do not open /v1): streaming chat with the
// reasoning shown apart from the answer, image attachments, image generation (HTTP, with progress, or continuously
// over the imagine websocket) and video generation.
import { t, formatNumber } from '../i18n.js';
import { api, readError, session } from '../api.js';
import { initShell, initPublicShell } from '../shell.js';
import { el, toast, progressBar } from '../ui.js';
import { readEvents } from '../sse.js';
import { renderRich, retryingImage, videoUrls } from '../rich.js';

const ADMIN = location.pathname.startsWith('/admin');
if (ADMIN) await initShell('chat.title'); else initPublicShell('chat.title');

const KEY_STORAGE = 'grok2api.clientKey';
const HISTORY_STORAGE = 'grok2api.chatHistory';
const MODEL_STORAGE = 'grok2api.chatModel';
const IMAGE_MODEL = 'grok-imagine-1.0';
const VIDEO_MODEL = 'grok-imagine-1.0-video';
const PREFERRED = ['grok-4.20-beta', 'grok-4.1-fast', 'grok-4', 'grok-3'];
const $ = id => document.getElementById(id);

// ---- the client key and /v1 calls -----------------------------------------------------------------------------

function clientKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }

/** Calls /v1 with the client key. Objects go as JSON, FormData as multipart; raw returns the response. */
async function v1(path, { method = 'GET', body, signal, raw = false } = {}) {
  const headers = {};
  if (clientKey()) headers.Authorization = `Bearer ${clientKey()}`;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload, signal });
  if (!response.ok) throw await readError(response);
  return raw ? response : response.json();
}

async function connect() {
  const status = $('connection-status');
  status.textContent = t('common.loading');
  status.className = 'muted small';
  try {
    const { data } = await v1('/v1/models');
    status.textContent = clientKey() ? t('chat.connected', { count: data.length }) : t('chat.openApi', { count: data.length });
    status.className = 'ok-text small';
    fillModels(data.map(m => m.id));
    return true;
  } catch (e) {
    status.textContent = e.status === 401 ? (clientKey() ? t('chat.keyRefused', { message: e.message }) : t('chat.keyNeeded')) : e.message;
    status.className = 'error-text small';
    fillModels([]);
    return false;
  }
}

function fillModels(ids) {
  const chatModels = ids.filter(id => !id.includes('imagine'));
  const saved = sessionStorage.getItem(MODEL_STORAGE);
  const chosen = chatModels.includes(saved) ? saved : PREFERRED.find(id => chatModels.includes(id)) || chatModels[0];
  $('model').replaceChildren(...chatModels.map(id => el('option', { value: id, selected: id === chosen }, id)));
}

$('api-key').value = clientKey();
$('key-form').addEventListener('submit', e => {
  e.preventDefault();
  const key = $('api-key').value.trim();
  if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
  connect();
});
$('clear-key').addEventListener('click', () => { sessionStorage.removeItem(KEY_STORAGE); $('api-key').value = ''; connect(); });
$('model').addEventListener('change', e => sessionStorage.setItem(MODEL_STORAGE, e.target.value));
if (ADMIN) {
  // Managed keys are stored hashed, so an existing key cannot be read back: the admin makes a dedicated one instead.
  $('create-key').hidden = false;
  $('key-hint').textContent = t('chat.adminKeyHint');
  $('create-key').addEventListener('click', async () => {
    const button = $('create-key');
    button.disabled = true;
    try {
      const { data } = await api('/api/v1/admin/keys', { method: 'POST', body: { name: t('chat.playgroundKeyName') } });
      sessionStorage.setItem(KEY_STORAGE, data.key);
      $('api-key').value = data.key;
      toast(t('chat.keyCreated', { name: data.name }), 'success');
      await connect();
    } catch (err) { toast(err.message, 'error'); } finally { button.disabled = false; }
  });
}

// ---- tabs -----------------------------------------------------------------------------------------------------

const TABS = ['chat', 'image', 'video'];
function showTab(name) {
  for (const tab of TABS) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  if (name === 'image') loadImageMethod();
}
TABS.forEach((tab, i) => {
  $(`tab-${tab}`).addEventListener('click', () => showTab(tab));
  $(`tab-${tab}`).addEventListener('keydown', e => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(i + step + TABS.length) % TABS.length];
    showTab(next);
    $(`tab-${next}`).focus();
  });
});

// ---- chat -----------------------------------------------------------------------------------------------------

let history = [];
try { history = JSON.parse(sessionStorage.getItem(HISTORY_STORAGE) || '[]'); } catch (e) { history = []; }
let attachments = [];
let controller = null;

function saveHistory() {
  try { sessionStorage.setItem(HISTORY_STORAGE, JSON.stringify(history)); } catch (e) { /* too large to keep: fine */ }
}

function textOf(content) {
  return typeof content === 'string' ? content : content.filter(p => p.type === 'text').map(p => p.text).join('\n');
}

function imagesOf(content) {
  return typeof content === 'string' ? [] : content.filter(p => p.type === 'image_url').map(p => p.image_url.url);
}

/** Renders one message; returns {node, update()} so a streaming answer can be redrawn. */
function messageView(message) {
  const role = el('div', { className: 'role' }, message.role === 'user' ? t('chat.you') : t('chat.assistant'));
  const node = el('article', { className: `message ${message.role}` }, role);
  if (message.role === 'user') {
    node.append(el('div', { className: 'text' }, textOf(message.content)),
      el('div', { className: 'attachments' }, imagesOf(message.content).map(url => retryingImage(url, ''))));
    return { node, update() {} };
  }
  const reasoningText = el('div', { className: 'reasoning-text' });
  const reasoning = el('details', { className: 'reasoning', open: true, hidden: true },
    el('summary', {}, t('chat.reasoning')), reasoningText);
  const answer = el('div', { className: 'answer' });
  const error = el('p', { className: 'error-text', role: 'alert', hidden: true });
  node.append(reasoning, answer, error);
  let collapsed = false;
  return {
    node,
    update() {
      reasoning.hidden = !message.reasoning;
      reasoningText.textContent = message.reasoning || '';
      // Open while the model thinks; folded away once the answer starts (the user can unfold it).
      if (message.content && !collapsed) { reasoning.open = false; collapsed = true; }
      renderRich(answer, message.content);
      answer.hidden = !message.content;
      error.hidden = !message.error;
      error.textContent = message.error || '';
      node.classList.toggle('streaming', Boolean(message.streaming));
    },
  };
}

function renderHistory() {
  $('messages').replaceChildren(...history.map(m => { const view = messageView(m); view.update(); return view.node; }));
  if (!history.length) $('messages').append(el('p', { className: 'muted empty-chat' }, t('chat.emptyConversation')));
}

function scrollToEnd() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

function setSending(sending) {
  $('send').disabled = sending;
  $('retry').disabled = sending;
  $('stop').hidden = !sending;
}

async function runAssistant() {
  const model = $('model').value;
  if (!model) { toast(t('chat.noModel'), 'error'); return; }
  const stream = $('stream').checked;
  const messages = history.filter(m => m.role === 'user' || (m.content && !m.error)).map(m => ({ role: m.role, content: m.content }));
  const message = { role: 'assistant', content: '', reasoning: '', streaming: true };
  history.push(message);
  const view = messageView(message);
  $('messages').querySelector('.empty-chat')?.remove();
  $('messages').append(view.node);
  view.update();
  scrollToEnd();
  controller = new AbortController();
  setSending(true);
  let frame = 0;
  const redraw = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; view.update(); scrollToEnd(); }); };
  try {
    if (stream) {
      const response = await v1('/v1/chat/completions', { method: 'POST', body: { model, messages, stream: true }, signal: controller.signal, raw: true });
      for await (const event of readEvents(response)) {
        if (event.data === '[DONE]') break;
        const chunk = JSON.parse(event.data);
        if (chunk.error) throw new Error(chunk.error.message || JSON.stringify(chunk.error));
        const delta = (chunk.choices && chunk.choices[0] && chunk.choices[0].delta) || {};
        if (delta.reasoning_content) message.reasoning += delta.reasoning_content;
        if (delta.content) message.content += delta.content;
        redraw();
      }
    } else {
      const body = await v1('/v1/chat/completions', { method: 'POST', body: { model, messages, stream: false }, signal: controller.signal });
      const reply = body.choices[0].message;
      message.content = reply.content || '';
      message.reasoning = reply.reasoning_content || '';
    }
    if (!message.content) message.error = t('chat.emptyAnswer');
  } catch (e) {
    message.error = e.name === 'AbortError' ? t('chat.stopped') : e.message;
  } finally {
    message.streaming = false;
    controller = null;
    setSending(false);
    view.update();
    scrollToEnd();
    saveHistory();
  }
}

function renderAttachments() {
  $('attachments').replaceChildren(...attachments.map((a, i) => el('div', { className: 'attachment' },
    el('img', { src: a.url, alt: a.name }),
    el('button', { className: 'btn small ghost', type: 'button', 'aria-label': t('chat.removeAttachment', { name: a.name }),
      onclick: () => { attachments.splice(i, 1); renderAttachments(); } }, '×'))));
}

function dataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Uploads an image through /v1/uploads/image; an absolute URL the server can fetch back, or a data: URI. */
async function uploadImage(file) {
  const form = new FormData();
  form.append('file', file);
  try {
    const result = await v1('/v1/uploads/image', { method: 'POST', body: form });
    return new URL(result.url, location.origin).href;
  } catch (e) {
    if (e.status === 404 || e.status === 405) return dataUrl(file); // a server without the upload route
    throw e;
  }
}

$('attach').addEventListener('change', async e => {
  for (const file of e.target.files) {
    try { attachments.push({ name: file.name, url: await uploadImage(file) }); }
    catch (err) { toast(t('chat.uploadFailed', { name: file.name, message: err.message }), 'error'); }
  }
  e.target.value = '';
  renderAttachments();
});

$('composer').addEventListener('submit', async e => {
  e.preventDefault();
  if (controller) return;
  const text = $('prompt').value.trim();
  if (!text && !attachments.length) return;
  const content = attachments.length
    ? [{ type: 'text', text: text || t('chat.describeImage') }, ...attachments.map(a => ({ type: 'image_url', image_url: { url: a.url } }))]
    : text;
  history.push({ role: 'user', content });
  $('messages').querySelector('.empty-chat')?.remove();
  $('messages').append(messageView(history[history.length - 1]).node);
  $('prompt').value = '';
  attachments = [];
  renderAttachments();
  await runAssistant();
});
$('prompt').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('composer').requestSubmit(); }
});
$('stop').addEventListener('click', () => controller && controller.abort());
$('retry').addEventListener('click', () => {
  if (controller) return;
  while (history.length && history[history.length - 1].role === 'assistant') history.pop();
  if (!history.length) return;
  renderHistory();
  runAssistant();
});
$('clear-chat').addEventListener('click', () => { if (controller) controller.abort(); history = []; saveHistory(); renderHistory(); });

// ---- images ---------------------------------------------------------------------------------------------------

let imageMethod = null;
let sockets = [];
const imagine = { running: false, images: 0, latency: [], lastError: '', status: '' };

async function loadImageMethod() {
  if (imageMethod) return;
  try {
    imageMethod = (await v1('/v1/images/method')).image_generation_method;
    $('image-method').textContent = t('chat.imageMethod', { method: imageMethod });
  } catch (e) {
    $('image-method').textContent = e.message;
  }
}

function imageSrc(item) {
  if (item.url) return item.url;
  const b64 = item.b64_json || item.base64;
  if (!b64 || b64 === 'error') return null;
  return `data:${b64.startsWith('iVBOR') ? 'image/png' : 'image/jpeg'};base64,${b64}`;
}

function imageCard(caption) {
  const bar = progressBar(caption);
  const body = el('div', { className: 'image-slot' }, bar);
  const card = el('figure', { className: 'tile result' }, body, el('figcaption', { className: 'muted small' }, caption));
  return {
    card,
    progress(p) { bar.set(p); },
    done(item) {
      const src = imageSrc(item);
      body.replaceChildren(src ? retryingImage(src, caption) : el('p', { className: 'error-text' }, t('chat.imageFailed')));
      if (src) card.append(el('a', { href: src, download: `grok-${Date.now()}.jpg`, className: 'small' }, t('chat.download')));
    },
    fail(message) { body.replaceChildren(el('p', { className: 'error-text' }, message)); },
  };
}

async function generateOnce() {
  const n = Math.min(10, Math.max(1, Number($('image-n').value) || 1));
  const stream = $('image-stream').checked && n <= 2;
  const body = { prompt: $('image-prompt').value.trim(), model: IMAGE_MODEL, n, size: $('image-size').value,
    response_format: $('image-format').value, stream, concurrency: Math.min(3, Math.max(1, Number($('image-concurrency').value) || 1)) };
  const cards = Array.from({ length: n }, (_, i) => imageCard(t('chat.imageNumber', { n: i + 1 })));
  $('image-results').prepend(...cards.map(c => c.card));
  try {
    if (!stream) {
      const result = await v1('/v1/images/generations', { method: 'POST', body });
      cards.forEach((c, i) => c.done(result.data[i] || {}));
      return;
    }
    const response = await v1('/v1/images/generations', { method: 'POST', body, raw: true });
    for await (const event of readEvents(response)) {
      const data = JSON.parse(event.data);
      const card = cards[data.index || 0] || cards[0];
      if (event.event === 'image_generation.partial_image') card.progress(data.progress);
      else if (event.event === 'image_generation.completed') card.done(data);
      else if (event.event === 'image_generation.error' || data.error) card.fail(data.message || (data.error && data.error.message) || t('chat.imageFailed'));
    }
  } catch (e) {
    cards.forEach(c => c.fail(e.message));
  }
}

function renderImagineMetrics() {
  const average = imagine.latency.length ? Math.round(imagine.latency.reduce((a, b) => a + b, 0) / imagine.latency.length) : 0;
  $('imagine-metrics').hidden = false;
  $('imagine-metrics').replaceChildren(...[
    el('span', {}, t('chat.metricStatus', { status: imagine.status })),
    el('span', {}, t('chat.metricImages', { count: formatNumber(imagine.images) })),
    el('span', {}, t('chat.metricActive', { count: sockets.length })),
    el('span', {}, t('chat.metricLatency', { ms: formatNumber(average) })),
    imagine.lastError ? el('span', { className: 'error-text' }, t('chat.metricError', { error: imagine.lastError })) : null,
  ].filter(Boolean));
}

function openImagineSocket(prompt, aspect, retries) {
  const url = new URL('/api/v1/admin/imagine/ws', location.origin);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // The socket also accepts the admin session, so /admin/chat can generate without a client key.
  const key = clientKey() || (ADMIN ? session() : '');
  if (key) url.searchParams.set('api_key', key);
  const socket = new WebSocket(url);
  sockets.push(socket);
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'start', prompt, aspect_ratio: aspect })));
  socket.addEventListener('message', event => {
    let message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.type === 'status') imagine.status = message.status;
    else if (message.type === 'error') imagine.lastError = message.message || message.code;
    else if (message.type === 'image') {
      imagine.images++;
      if (message.elapsed_ms) imagine.latency.push(message.elapsed_ms);
      const card = imageCard(t('chat.imageNumber', { n: imagine.images }));
      card.done(message);
      $('image-results').prepend(card.card);
    }
    renderImagineMetrics();
  });
  socket.addEventListener('close', event => {
    sockets = sockets.filter(s => s !== socket);
    if (event.code === 1008) imagine.lastError = t('chat.keyRefusedShort');
    else if (imagine.running && retries > 0) { openImagineSocket(prompt, aspect, retries - 1); return; }
    if (!sockets.length) stopImagine();
    renderImagineMetrics();
  });
}

const ASPECTS = { '1024x1024': '1:1', '1024x1536': '2:3', '1536x1024': '3:2', '1280x720': '16:9', '720x1280': '9:16' };

function startImagine() {
  Object.assign(imagine, { running: true, images: 0, latency: [], lastError: '', status: t('chat.connecting') });
  const count = Math.min(3, Math.max(1, Number($('image-concurrency').value) || 1));
  for (let i = 0; i < count; i++) openImagineSocket($('image-prompt').value.trim(), ASPECTS[$('image-size').value], 1);
  $('image-go').disabled = true;
  $('image-stop').hidden = false;
  renderImagineMetrics();
}

function stopImagine() {
  imagine.running = false;
  for (const socket of sockets) {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'stop' }));
    socket.close(1000);
  }
  sockets = [];
  $('image-go').disabled = false;
  $('image-stop').hidden = true;
}

$('image-n').addEventListener('input', () => {
  const many = Number($('image-n').value) > 2;
  $('image-stream').disabled = many;
  if (many) $('image-stream').checked = false;
});
$('image-form').addEventListener('submit', async e => {
  e.preventDefault();
  if (!$('image-prompt').value.trim()) { toast(t('chat.promptNeeded'), 'error'); $('image-prompt').focus(); return; }
  if ($('image-mode').value === 'continuous') { startImagine(); return; }
  $('image-go').disabled = true;
  try { await generateOnce(); } finally { $('image-go').disabled = false; }
});
$('image-stop').addEventListener('click', stopImagine);
$('image-clear').addEventListener('click', () => $('image-results').replaceChildren());

// ---- video ----------------------------------------------------------------------------------------------------

let videoController = null;

$('video-form').addEventListener('submit', async e => {
  e.preventDefault();
  const prompt = $('video-prompt').value.trim();
  if (!prompt) { toast(t('chat.promptNeeded'), 'error'); $('video-prompt').focus(); return; }
  const bar = progressBar(t('chat.videoProgress'));
  const status = el('span', {}, t('chat.videoStarting'));
  $('video-progress').replaceChildren(status, bar);
  $('video-go').disabled = true;
  $('video-stop').hidden = false;
  videoController = new AbortController();
  let content = '';
  try {
    const file = $('video-image').files[0];
    const image = file ? await uploadImage(file) : null;
    const body = {
      model: VIDEO_MODEL, stream: true,
      messages: [{ role: 'user', content: image ? [{ type: 'text', text: prompt }, { type: 'image_url', image_url: { url: image } }] : prompt }],
      video_config: { aspect_ratio: $('video-aspect').value, video_length: Number($('video-length').value),
        resolution: $('video-resolution').value, preset: $('video-preset').value },
    };
    const response = await v1('/v1/chat/completions', { method: 'POST', body, signal: videoController.signal, raw: true });
    for await (const event of readEvents(response)) {
      if (event.data === '[DONE]') break;
      const chunk = JSON.parse(event.data);
      if (chunk.error) throw new Error(chunk.error.message);
      const delta = (chunk.choices && chunk.choices[0] && chunk.choices[0].delta) || {};
      const progress = /(\d{1,3})\s*%/.exec(delta.reasoning_content || '');
      if (progress) { bar.set(Number(progress[1])); status.textContent = t('chat.videoPercent', { percent: progress[1] }); }
      if (delta.content) content += delta.content;
    }
    const urls = videoUrls(content);
    bar.set(100);
    status.textContent = urls.length ? t('chat.videoDone') : t('chat.videoNoResult');
    const result = el('article', { className: 'video-result' }, el('p', { className: 'muted small' }, prompt));
    const answer = el('div', { className: 'answer' });
    renderRich(answer, content);
    result.append(answer);
    $('video-results').prepend(result);
  } catch (err) {
    status.textContent = err.name === 'AbortError' ? t('chat.stopped') : err.message;
    status.className = 'error-text';
  } finally {
    videoController = null;
    $('video-go').disabled = false;
    $('video-stop').hidden = true;
  }
});
$('video-stop').addEventListener('click', () => videoController && videoController.abort());

renderHistory();
connect();
