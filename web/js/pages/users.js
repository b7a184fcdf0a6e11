// Users (admin): users and their roles, adding a user, changing a user's roles,
// disabling a user, API tokens.
import { h } from '../dom.js';
import { get, post, api } from '../api.js';
import { t, tv } from '../i18n.js';
import { date } from '../fmt.js';
import { section, table, empty, badge, field, actionForm, problemBox } from '../ui.js';

const ROLES = ['operator', 'accountant', 'bank_officer', 'director_general', 'inspector', 'auditor', 'admin', 'state_representative'];

export async function render(ctx) {
  const [users, tokens] = await Promise.all([get('/users'), get('/tokens')]);
  const add = actionForm({
    id: 'add-user', title: t('users.add'), submitLabel: t('users.add'),
    fields: [
      field(t('users.name'), 'text', 'user', { required: true }),
      h('fieldset', {}, h('legend', {}, t('users.roles')), ROLES.map((r) => field(tv('role', r), 'checkbox', `role_${r}`))),
      field(t('users.state'), 'text', 'state', { placeholder: 'XR' }),
      field(t('users.password'), 'password', 'password'),
    ],
    onSubmit: async (v) => {
      const roles = ROLES.filter((r) => v[`role_${r}`]);
      const body = { user: v.user.trim(), roles };
      if (v.state.trim()) body.state = v.state.trim();
      await post('/users', body);
      if (v.password) await api('PUT', `/users/${encodeURIComponent(body.user)}/password`, { password: v.password });
      ctx.refresh();
    },
  });
  const names = (users.items || []).map((u) => [u.name, u.name]);
  const roleBoxes = (prefix) => h('fieldset', {}, h('legend', {}, t('users.roles')), ROLES.map((r) => field(tv('role', r), 'checkbox', `${prefix}${r}`)));
  // Replacing a user's roles (PUT /users/{name}/roles); the boxes start at the chosen user's roles.
  const rolesForm = actionForm({
    id: 'set-roles', title: t('users.set_roles'), submitLabel: t('users.set_roles'),
    fields: [field(t('users.name'), 'select', 'user', { options: names }), roleBoxes('role_')],
    onSubmit: async (v) => {
      await api('PUT', `/users/${encodeURIComponent(v.user)}/roles`, { roles: ROLES.filter((r) => v[`role_${r}`]) });
      ctx.refresh();
    },
  });
  const syncRoles = () => {
    const u = (users.items || []).find((x) => x.name === rolesForm.elements.user.value);
    for (const r of ROLES) rolesForm.elements[`role_${r}`].checked = !!u && (u.roles || []).includes(r);
  };
  rolesForm.elements.user.addEventListener('change', syncRoles);
  syncRoles();
  const disableForm = actionForm({
    id: 'disable-user', title: t('users.disable'), submitLabel: t('users.disable'), danger: true,
    fields: [field(t('users.name'), 'select', 'user', { options: (users.items || []).filter((u) => u.active).map((u) => [u.name, u.name]) })],
    onSubmit: async (v) => { await post(`/users/${encodeURIComponent(v.user)}/disable`, {}); ctx.refresh(); },
  });
  const tk = tokens.items || [];
  return h('div', { class: 'page' },
    h('h1', {}, t('nav.users')),
    section('users.list', table([
      { label: t('users.name'), cell: (u) => u.name },
      { label: t('users.roles'), cell: (u) => (u.roles || []).map((r) => tv('role', r)).join(', ') },
      { label: t('users.state'), cell: (u) => u.state || '—' },
      { label: t('users.status'), cell: (u) => (u.active ? badge(t('users.active'), 'ok') : badge(t('users.disabled'), 'danger')) },
    ], users.items || [], { class: 'data', id: 'users' })),
    section('users.add', add),
    section('users.change', rolesForm, disableForm),
    section('users.tokens', tk.length === 0 ? empty('users.no_tokens') : table([
      { label: t('users.token_id'), cell: (x) => String(x.id) },
      { label: t('users.owner'), cell: (x) => x.user || x.owner || '—' },
      { label: t('users.label'), cell: (x) => x.label || '—' },
      { label: t('users.issued'), cell: (x) => date(x.issued) },
      { label: t('users.status'), cell: (x) => (x.revoked ? badge(t('users.revoked'), 'danger') : badge(t('users.active'), 'ok')) },
      { label: t('users.actions'), cell: (x) => (x.revoked ? '' : h('button', { type: 'button', class: 'danger', 'data-revoke': x.id,
        onclick: async (e) => { e.target.disabled = true; try { await api('DELETE', `/tokens/${encodeURIComponent(x.id)}`); ctx.refresh(); } catch (ex) { e.target.after(problemBox(ex)); } } }, t('users.revoke'))) },
    ], tk, { class: 'data', id: 'tokens' })),
    section('users.issue_token', actionForm({
      id: 'issue-token', submitLabel: t('users.issue_token'), fields: [field(t('users.label'), 'text', 'label', { required: true })],
      onSubmit: async (v, out) => {
        const r = await post('/tokens', { label: v.label });
        // Shown once, never stored by the UI.
        out.replaceChildren(h('div', { class: 'success', role: 'status' }, h('p', {}, t('users.token_once')), h('code', { 'data-testid': 'new-token' }, r.token)));
      },
    })));
}
