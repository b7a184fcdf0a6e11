// The server's JSON API (docs/api.md). The CSRF token lives only in memory: it is
// fetched again from GET /api/v1/session on every page load.
let csrfToken = '';

export function setCsrf(token) { csrfToken = token || ''; }

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || { status };
  }
}

export async function api(method, path, body) {
  const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') opts.headers['X-CSRF-Token'] = csrfToken;
  if (method === 'POST' || method === 'PUT') {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body ?? {});
  }
  let r;
  try {
    r = await fetch('/api/v1' + path, opts);
  } catch (e) {
    throw new ApiError(0, { status: 0, title: 'network', detail: String(e.message || e) });
  }
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!r.ok) throw new ApiError(r.status, data || { status: r.status, title: r.statusText });
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
