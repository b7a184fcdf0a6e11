// The restock orders of a request: each order's status and deliveries; for the bank
// officer a delivery form (cylinders already received into the books) while the order
// is open, and its acceptance once delivered (POST /restock-orders/{id}/deliveries,
// /acceptance).
import { h } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { int } from '../fmt.js';
import { section, kv, field, actionForm, badge, compact } from '../ui.js';

async function orderCard(oid, mayAct, refresh) {
  const o = await get(`/restock-orders/${encodeURIComponent(oid)}`);
  const delivered = (o.deliveries || []).flatMap((d) => d.cylinders || []);
  const id = encodeURIComponent(oid);
  const open = o.status !== 'accepted';
  return h('div', { class: 'restock', 'data-order': oid },
    h('h3', {}, oid, ' ', badge(tv('rstatus', o.status), open ? 'info' : 'ok')),
    kv([[t('cyl.supplier'), h('bdi', {}, o.supplier)], [t('act.cylinders_n'), int(o.cylinders)],
      [t('rst.delivered'), delivered.length ? delivered.join(', ') : '—']]),
    mayAct && open ? actionForm({
      id: `restock-delivery-${oid}`, title: t('rst.delivery'), submitLabel: t('rst.delivery'),
      fields: [field(t('rst.cylinders'), 'text', 'cylinders', { required: true, placeholder: 'DEMO-OR-33, DEMO-OR-34' }), field(t('form.date_optional'), 'date', 'date')],
      onSubmit: async (v) => {
        const cylinders = v.cylinders.split(/[\s,;]+/).filter(Boolean);
        await post(`/restock-orders/${id}/deliveries`, compact({ cylinders, date: v.date }));
        refresh();
      },
    }) : null,
    mayAct && o.status === 'delivered' ? actionForm({
      id: `restock-acceptance-${oid}`, title: t('rst.accept'), submitLabel: t('rst.accept'),
      fields: [field(t('req.note'), 'text', 'note'), field(t('form.date_optional'), 'date', 'date')],
      onSubmit: async (v) => { await post(`/restock-orders/${id}/acceptance`, compact({ note: v.note.trim(), date: v.date })); refresh(); },
    }) : null);
}

export async function restockSection(req, roles, refresh) {
  const ids = req.restock_orders || [];
  if (!ids.length) return null;
  const cards = await Promise.all(ids.map((oid) => orderCard(oid, roles.includes('bank_officer'), refresh)));
  return section('rst.title', h('div', { 'data-testid': 'restock-orders' }, cards));
}
