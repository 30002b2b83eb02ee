// Renders model answers as DOM without ever parsing HTML: fenced code blocks, the gateway's <video> snippets,
// markdown images and links, inline code and bold text. Only http(s), same-site and data:image URLs become media or
// links; anything else stays plain text.
import { t } from './i18n.js';
import { el } from './ui.js';

const TOKEN = /(```[\s\S]*?(?:```|$))|(<video[\s\S]*?<\/video>)|(<a [^>]*href="([^"]+)"[^>]*>\s*<img [^>]*src="([^"]+)"[^>]*>[\s\S]*?<\/a>)|(!\[([^\]]*)\]\(([^)\s]+)\))|(\[([^\]]+)\]\(([^)\s]+)\))|(`[^`\n]+`)|(\*\*[^*\n]+\*\*)/g;

/** Whether a URL may be loaded or linked: http(s), a same-site path, or (images only) a data:image URI. */
export function safeUrl(url, { image = false } = {}) {
  const text = String(url || '').trim();
  if (image && /^data:image\/(png|jpe?g|gif|webp);base64,/i.test(text)) return text;
  if (text.startsWith('/') && !text.startsWith('//')) return text;
  try {
    const parsed = new URL(text);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

/** An image that offers a retry button when it fails to load (upstream assets can be slow to appear). */
export function retryingImage(src, alt) {
  const img = el('img', { src, alt: alt || '', loading: 'lazy', className: 'answer-image' });
  const link = el('a', { href: src, target: '_blank', rel: 'noopener' }, img);
  img.addEventListener('error', () => {
    const retry = el('button', { className: 'btn small', type: 'button', onclick: () => {
      const separator = src.includes('?') ? '&' : '?';
      img.src = src.startsWith('data:') ? src : `${src}${separator}retry=${Date.now()}`;
      retry.replaceWith(link);
    } }, t('chat.imageRetry'));
    link.replaceWith(retry);
  });
  return link;
}

function attribute(tag, name) {
  const match = new RegExp(`${name}="([^"]*)"`).exec(tag);
  return match ? match[1].replace(/&amp;/g, '&') : null;
}

function video(snippet) {
  const source = attribute(snippet.match(/<source[^>]*>/)?.[0] || '', 'src') || attribute(snippet, 'src');
  const src = safeUrl(source);
  if (!src) return document.createTextNode(snippet);
  const poster = safeUrl(attribute(snippet, 'poster'), { image: true });
  return el('div', { className: 'answer-video' },
    el('video', { src, poster, controls: true, preload: 'metadata', playsInline: true }),
    el('a', { href: src, target: '_blank', rel: 'noopener', className: 'small' }, t('chat.openVideo')));
}

/** Appends the rendered text to container (replacing its content). */
export function renderRich(container, text) {
  const out = [];
  let last = 0;
  for (const match of String(text || '').matchAll(TOKEN)) {
    if (match.index > last) out.push(document.createTextNode(text.slice(last, match.index)));
    const [whole] = match;
    if (match[1]) {
      const body = whole.replace(/^```[^\n]*\n?/, '').replace(/```$/, '');
      out.push(el('pre', { className: 'code' }, el('code', {}, body)));
    } else if (match[2]) {
      out.push(video(whole));
    } else if (match[3]) {
      const href = safeUrl(match[4]);
      const img = safeUrl(match[5], { image: true });
      out.push(href && img ? el('a', { href, target: '_blank', rel: 'noopener', className: 'video-poster' },
        el('img', { src: img, alt: '' }), el('span', { className: 'play', 'aria-hidden': 'true' }, '▶')) : document.createTextNode(whole));
    } else if (match[6]) {
      const src = safeUrl(match[8], { image: true });
      out.push(src ? retryingImage(src, match[7]) : document.createTextNode(whole));
    } else if (match[9]) {
      const href = safeUrl(match[11]);
      out.push(href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, match[10]) : document.createTextNode(whole));
    } else if (match[12]) {
      out.push(el('code', {}, whole.slice(1, -1)));
    } else if (match[13]) {
      out.push(el('strong', {}, whole.slice(2, -2)));
    }
    last = match.index + whole.length;
  }
  if (last < String(text || '').length) out.push(document.createTextNode(text.slice(last)));
  container.replaceChildren(...out);
}

/** The video URLs in an answer (for the video tab's result list). */
export function videoUrls(text) {
  return [...String(text || '').matchAll(/<video[\s\S]*?<\/video>/g)]
    .map(m => safeUrl(attribute(m[0].match(/<source[^>]*>/)?.[0] || '', 'src') || attribute(m[0], 'src')))
    .filter(Boolean);
}
