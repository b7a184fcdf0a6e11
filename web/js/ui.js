// Shared pieces of the pages: problem details, loading/empty states, tables, forms.
import { h } from './dom.js';
import { ApiError } from './api.js';
import { t } from './i18n.js';

export function problemBox(ex) {
  const p = ex instanceof ApiError ? ex.problem : { detail: String((ex && ex.message) || ex) };
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, t('common.error'), p.status ? ` ${p.status}` : '', p.title ? ` — ${p.title}` : ''),
    p.detail ? h('p', { class: 'detail' }, p.detail) : null,
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

export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}

// A form that posts; shows the server's problem next to the form on failure.
export function actionForm({ id, title, fields = [], submitLabel, onSubmit, danger = false }) {
  const out = h('div', { class: 'form-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
  const form = h('form', { class: 'action', id, 'data-action': id }, title ? h('h3', {}, title) : null, ...fields, h('div', { class: 'buttons' }, btn), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    btn.disabled = true;
    out.replaceChildren();
    try {
      await onSubmit(formValues(form), out);
    } catch (ex) {
      out.replaceChildren(problemBox(ex));
      const f = ex instanceof ApiError && ex.problem && ex.problem.field;
      if (f) {
        const el = form.elements[f];
        if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
      }
    } finally {
      btn.disabled = false;
    }
  });
  return form;
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}
