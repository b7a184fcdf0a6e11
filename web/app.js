// The leubank web UI: sign-in, the shell with the pages the user's roles allow,
// and a hash router (#/page/arg) so that any static file server can serve it.
import { h, clear } from './js/dom.js';
import { api, get, setCsrf, ApiError } from './js/api.js';
import { t, setLang, savedLang, currentLang, LANGS } from './js/i18n.js';
import { problemBox } from './js/ui.js';

const READERS = ['operator', 'accountant', 'bank_officer', 'director_general', 'inspector', 'auditor', 'admin'];
const REQUEST_READERS = [...READERS, 'state_representative'];

// Pages in navigation order, with the roles that may read them (docs/api.md).
export const PAGES = [
  { id: 'dashboard', roles: READERS, load: () => import('./js/pages/dashboard.js') },
  { id: 'cylinders', roles: READERS, load: () => import('./js/pages/cylinders.js') },
  { id: 'requests', roles: REQUEST_READERS, load: () => import('./js/pages/requests.js') },
  { id: 'accountancy', roles: READERS, load: () => import('./js/pages/accountancy.js') },
  { id: 'statistics', roles: READERS, load: () => import('./js/pages/statistics.js') },
  { id: 'journal', roles: READERS, load: () => import('./js/pages/journal.js') },
  { id: 'users', roles: ['admin'], load: () => import('./js/pages/users.js') },
];

const app = document.getElementById('app');
let session = null;

export function allowedPages(roles) {
  return PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
}

function route() {
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').map(decodeURIComponent);
  return { page: parts[0] || '', args: parts.slice(1).filter(Boolean) };
}

export function go(path) { location.hash = '#/' + path; }

function langSelect() {
  const id = 'lang-select';
  const sel = h('select', { id, onchange: async (e) => { await setLang(e.target.value); render(); } },
    LANGS.map((l) => h('option', { value: l, selected: l === currentLang() }, t(`lang.${l}`))));
  return h('div', { class: 'lang' }, h('label', { for: id }, t('lang.label')), sel);
}

function signInPage(message) {
  document.title = `${t('signin.title')} — ${t('app.name')}`;
  const err = h('p', { class: 'error', role: 'alert', id: 'signin-error' }, message || '');
  if (!message) err.hidden = true;
  const user = h('input', { id: 'signin-user', name: 'user', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const btn = h('button', { type: 'submit', class: 'primary' }, t('signin.submit'));
  const form = h('form', { class: 'signin card', 'aria-labelledby': 'signin-h' },
    h('h1', { id: 'signin-h' }, t('signin.title')),
    h('p', { class: 'muted' }, t('signin.lead')),
    h('div', { class: 'field' }, h('label', { for: 'signin-user' }, t('signin.user')), user),
    h('div', { class: 'field' }, h('label', { for: 'signin-password' }, t('signin.password')), pass),
    err, btn);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    btn.disabled = true;
    err.hidden = true;
    try {
      const s = await api('POST', '/session', { user: user.value.trim(), password: pass.value });
      pass.value = '';
      session = s;
      setCsrf(s.csrf_token);
      if (!route().page) go('');
      render();
    } catch (ex) {
      pass.value = '';
      err.textContent = ex instanceof ApiError && ex.status === 401 ? t('signin.failed')
        : ex instanceof ApiError && ex.status === 429 ? t('signin.throttled') : ex.message;
      err.hidden = false;
      btn.disabled = false;
      pass.focus();
    }
  });
  clear(app).append(
    h('header', { class: 'topbar' }, h('span', { class: 'brand' }, t('app.name')), langSelect()),
    h('main', { id: 'main', tabindex: '-1', class: 'narrow' }, form));
  user.focus();
}

async function signOut() {
  try { await api('DELETE', '/session'); } catch { /* already gone */ }
  session = null;
  setCsrf('');
  location.hash = '';
  signInPage();
}

let renderSeq = 0;

async function render() {
  document.getElementById('skip-link').textContent = t('app.skip');
  app.setAttribute('aria-busy', 'true');
  if (!session) { signInPage(); app.setAttribute('aria-busy', 'false'); return; }
  const pages = allowedPages(session.roles || []);
  let { page, args } = route();
  let def = pages.find((p) => p.id === page);
  if (!def) {
    def = pages[0];
    if (!def) { clear(app).append(h('p', {}, t('app.no_pages'))); return; }
    page = def.id; args = [];
    history.replaceState(null, '', '#/' + page);
  }
  const seq = ++renderSeq;
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  const nav = h('nav', { 'aria-label': t('nav.label'), class: 'nav' },
    h('ul', {}, pages.map((p) => h('li', {},
      h('a', { href: `#/${p.id}`, 'aria-current': p.id === page ? 'page' : null, 'data-page': p.id }, t(`nav.${p.id}`))))));
  const who = h('div', { class: 'who' },
    h('span', { class: 'user', 'data-testid': 'user' }, session.user),
    h('span', { class: 'roles' }, (session.roles || []).map((r) => t(`role.${r}`)).join(', ') + (session.state ? ` (${session.state})` : '')),
    h('button', { type: 'button', class: 'link', id: 'signout', onclick: signOut }, t('nav.signout')));
  clear(app).append(
    h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '#/' + pages[0].id }, t('app.name')), nav, langSelect(), who),
    main);
  try {
    const mod = await def.load();
    const el = await mod.render({ session, args, go, refresh: render });
    if (seq !== renderSeq) return;
    clear(main).append(el);
  } catch (ex) {
    if (seq !== renderSeq) return;
    if (ex instanceof ApiError && ex.status === 401) { session = null; signInPage(t('signin.expired')); return; }
    clear(main).append(h('h1', {}, t(`nav.${page}`)), problemBox(ex));
  } finally {
    app.setAttribute('aria-busy', 'false');
  }
  const h1 = main.querySelector('h1');
  document.title = `${h1 ? h1.textContent : ''} — ${t('app.name')}`;
}

async function start() {
  await setLang(savedLang());
  document.getElementById('skip-link').textContent = t('app.skip');
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  });
  try {
    session = await get('/session');
    setCsrf(session.csrf_token);
  } catch (ex) {
    session = null;
  }
  window.addEventListener('hashchange', () => render());
  await render();
}

start();
