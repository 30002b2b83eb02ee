// Admin API client. Only the session token is kept, in sessionStorage (cleared on logout, 401 or tab close);
// the admin password is never stored in the browser.
const SESSION_KEY = 'grok2api.session';

export function session() { return sessionStorage.getItem(SESSION_KEY); }
export function setSession(token) { sessionStorage.setItem(SESSION_KEY, token); }
export function clearSession() { sessionStorage.removeItem(SESSION_KEY); }

/** Sends the browser to the login page, remembering where to come back to. */
export function toLogin() {
  clearSession();
  const next = location.pathname + location.search;
  location.href = next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** An API failure with the server's message (OpenAI envelope or reference {error|detail|message}). */
export class ApiError extends Error {
  constructor(status, message, code, param) { super(message); this.status = status; this.code = code; this.param = param; }
}

/** The ApiError of a failed response. */
export async function readError(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON */ }
  const error = body && (body.error || body.detail || body.message);
  const message = typeof error === 'string' ? error : (error && error.message) || `HTTP ${response.status}`;
  return new ApiError(response.status, message, error && error.code, error && error.param);
}

/**
 * Calls the admin API with the session token. Objects are sent as JSON, strings as text (or contentType), FormData
 * and Blobs as they are; query is an object of parameters. A 401 ends the session and goes to the login page.
 */
export async function api(path, { method = 'GET', body, query, raw = false, contentType } = {}) {
  const url = new URL(path, location.origin);
  if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  const headers = {};
  const token = session();
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (typeof body === 'string') { headers['Content-Type'] = contentType || 'text/plain; charset=utf-8'; payload = body; }
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(url, { method, headers, body: payload });
  if (response.status === 401 && !path.endsWith('/login')) { toLogin(); throw await readError(response); }
  if (!response.ok) throw await readError(response);
  if (raw) return response;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('application/json') ? response.json() : response.text();
}
