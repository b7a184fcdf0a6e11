// Shared pieces of the pages: problem details, loading/empty states, tables, forms.
import { h } from './dom.js';
import { ApiError } from './api.js';
import { t, tv } from './i18n.js';

// The problem's title in the user's language when its status is a known code; the
// server's detail as it was sent (English), isolated for right-to-left pages.
function problemTitle(p) {
  const k = p.status ? tv('problem', p.status) : '';
  return k && k !== String(p.status) ? k : p.title;
}

export function problemBox(ex) {
  const p = ex instanceof ApiError ? ex.problem : { detail: String((ex && ex.message) || ex) };
  const title = problemTitle(p);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, t('common.error'), p.status ? ` ${p.status}` : '', title ? ` — ${title}` : ''),
    p.detail ? h('p', { class: 'detail', lang: 'en', dir: 'auto' }, p.detail) : null,
    p.field ? h('p', { class: 'field-name' }, t('common.field'), ': ', h('code', {}, p.field)) : null);
}

export const empty = (key = 'common.empty') => h('p', { class: 'empty' }, t(key));

// A column: {key, label, num?, cell(row) -> node|string}
export function table(cols, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', attrs,
      attrs.caption ? h('caption', {}, attrs.caption) : null,
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(r))))))));
}

export function section(titleKey, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, t(titleKey)), ...children);
}

export function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

let fieldSeq = 0;
// A labelled control inside a form. type: text|number|date|checkbox|textarea|select
export function field(labelText, type, name, opts = {}) {
  const id = `f${++fieldSeq}-${name}`;
  let ctl;
  if (type === 'textarea') ctl = h('textarea', { id, name, rows: 2, required: opts.required });
  else if (type === 'select') ctl = h('select', { id, name }, (opts.options || []).map(([v, l]) => h('option', { value: v, selected: v === opts.value }, l)));
  else ctl = h('input', { id, name, type, required: opts.required, value: opts.value, checked: opts.checked, placeholder: opts.placeholder });
  return h('div', { class: type === 'checkbox' ? 'field check' : 'field' },
    type === 'checkbox' ? [ctl, h('label', { for: id }, labelText)] : [h('label', { for: id }, labelText), ctl]);
}

// The method of a measurement, chosen from the names of the methods in force (GET /methods), so that a name the
// server would refuse cannot be typed; `preferred` is chosen when the table has it.
export function methodField(labelText, methods, preferred) {
  return field(labelText, 'select', 'method', { options: methods.map((m) => [m, m]), value: methods.includes(preferred) ? preferred : methods[0] });
}

// A request body without its empty optional members, so that the server applies its defaults.
export function compact(body) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}

// The control a problem's field names: "amount_kg"; "evidence.ref" -> "evidence_ref"; else the last member.
function fieldControl(form, f) {
  const name = String(f);
  return form.elements[name] || form.elements[name.replace(/[.[\]]+/g, '_').replace(/_$/, '')]
    || form.elements[name.split(/[.[\]]/).filter(Boolean).pop()] || null;
}

function clearFieldErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); }
}

// The server's reason right after the control, tied to it for screen readers.
function showFieldError(el, reason) {
  const id = `${el.id || el.name}-error`;
  el.setAttribute('aria-invalid', 'true');
  el.setAttribute('aria-describedby', id);
  (el.closest('.field') || el).after(h('p', { class: 'field-error', id, 'data-field': el.name, lang: 'en', dir: 'auto' }, reason));
  el.focus();
}

// A form that posts; shows the server's problem under the form and its reason next to the field it names.
export function actionForm({ id, title, fields = [], submitLabel, onSubmit, danger = false, cls = '' }) {
  const out = h('div', { class: 'form-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
  const form = h('form', { class: cls ? `action ${cls}` : 'action', id, 'data-action': id }, title ? h('h3', {}, title) : null, ...fields, h('div', { class: 'buttons' }, btn), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    btn.disabled = true;
    out.replaceChildren();
    clearFieldErrors(form);
    try {
      await onSubmit(formValues(form), out);
    } catch (ex) {
      out.replaceChildren(problemBox(ex));
      const f = ex instanceof ApiError && ex.problem && ex.problem.field;
      const el = f && fieldControl(form, f);
      if (el) showFieldError(el, ex.problem.detail || ex.problem.title || '');
    } finally {
      btn.disabled = false;
    }
  });
  return form;
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}
