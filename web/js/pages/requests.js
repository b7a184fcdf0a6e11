// Supply requests: the list, and one request with its lifecycle as a timeline,
// the five criteria with their evidence, the two-person rule and the actions the
// signed-in user may take now (docs/supply.md).
import { h } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { kg, pct, date, money, int } from '../fmt.js';
import { section, kv, table, empty, badge, field, actionForm } from '../ui.js';

const LIFECYCLE = ['filed', 'under_assessment', 'approved', 'agreement_concluded', 'paid', 'allocated', 'prepared', 'released', 'shipped', 'received', 'closed'];
const ENDINGS = ['refused', 'withdrawn', 'cancelled'];
const CANCELLABLE = ['filed', 'under_assessment', 'approved', 'agreement_concluded', 'paid', 'allocated', 'prepared', 'released'];

export async function render(ctx) {
  if (ctx.args[0]) return detail(ctx, ctx.args[0]);
  const data = await get('/requests?limit=1000');
  const items = data.items || [];
  const roles = ctx.session.roles || [];
  const file = roles.includes('state_representative') ? section('req.file', actionForm({
    id: 'file-request', submitLabel: t('req.file_submit'),
    fields: [
      field(t('req.plant'), 'text', 'plant', { required: true }),
      field(t('req.disruption'), 'textarea', 'disruption', { required: true }),
      field(`${t('req.quantity')} (${t('unit.kg_u')})`, 'text', 'uranium_kg', { required: true, placeholder: '1500.000' }),
      field(`${t('req.enrichment_min')} (%)`, 'text', 'enrichment_min_percent', { required: true, placeholder: '4.80' }),
      field(`${t('req.enrichment_max')} (%)`, 'text', 'enrichment_max_percent', { required: true, placeholder: '4.95' }),
    ],
    onSubmit: async (v) => {
      const r = await post('/requests', v);
      const id = r && (r.request?.id || r.id);
      if (id) ctx.go(`requests/${encodeURIComponent(id)}`); else ctx.refresh();
    },
  })) : null;
  return h('div', { class: 'page' },
    h('h1', {}, t('nav.requests')),
    file,
    items.length === 0 ? empty('req.none') : table([
      { label: t('req.id'), cell: (r) => h('a', { href: `#/requests/${encodeURIComponent(r.id)}` }, r.id) },
      { label: t('req.state'), cell: (r) => r.state },
      { label: t('req.status'), cell: (r) => badge(tv('status', r.status), statusKind(r.status)) },
      { label: t('req.filed_on'), cell: (r) => date(r.filed_on) },
      { label: t('req.plant'), cell: (r) => r.plant },
      { label: `${t('req.quantity')} (${t('unit.kg_u')})`, num: true, cell: (r) => kg(r.uranium_mg) },
    ], items, { id: 'requests', class: 'data' }));
}

function statusKind(s) {
  if (ENDINGS.includes(s)) return 'danger';
  if (s === 'closed' || s === 'received') return 'ok';
  return 'info';
}

function lifecycle(req) {
  const reached = new Set((req.history || []).map((x) => x.status));
  const cur = req.status;
  const steps = ENDINGS.includes(cur) ? [...LIFECYCLE.filter((s) => reached.has(s)), cur] : LIFECYCLE;
  return h('ol', { class: 'stepper', 'aria-label': t('req.lifecycle') }, steps.map((s) => h('li', {
    class: s === cur ? 'current' : reached.has(s) ? 'done' : 'todo', 'aria-current': s === cur ? 'step' : null,
  }, tv('status', s))));
}

function timeline(req) {
  return h('ol', { class: 'timeline', 'data-testid': 'req-timeline' }, (req.history || []).map((x) => h('li', {},
    h('div', { class: 'tl-head' }, h('strong', {}, tv('event', x.event)), ' → ', badge(tv('status', x.status), statusKind(x.status))),
    h('div', { class: 'muted' }, t('req.by_on', { by: x.by, date: date(x.date) }), ` · #${x.seq}`))));
}

function criteria(req) {
  const a = req.assessment;
  const rows = [];
  for (let n = 1; n <= 5; n++) {
    const c = a && (a.criteria || []).find((x) => x.criterion === n);
    const att = (req.attestations || []).filter((x) => x.criterion === n);
    rows.push({ n, c, att });
  }
  const rech = (req.rechecks || []).at(-1);
  return h('div', {},
    table([
      { label: '#', cell: (r) => String(r.n) },
      { label: t('req.criterion'), cell: (r) => t(`crit.${r.n}`) },
      { label: t('req.met'), cell: (r) => (r.c ? (r.c.met ? badge(t('req.met_yes'), 'ok') : badge(t('req.met_no'), 'danger')) : badge(t('req.not_assessed'))) },
      { label: t('req.basis'), cell: (r) => (r.c ? r.c.basis : '—') },
      { label: t('req.evidence'), cell: (r) => [r.c ? h('code', { title: r.c.evidence_sha256 }, r.c.evidence_ref) : null,
        ...r.att.map((x) => h('div', { class: 'muted' }, t('req.attested_by', { by: x.by, date: date(x.date) }), ': ', x.statement, ' (', h('code', { title: x.evidence_sha256 }, x.evidence_ref), ')'))] },
      { label: t('req.checked_on'), cell: (r) => (r.c ? date(r.c.checked_on) : '—') },
    ], rows, { id: 'criteria', class: 'data' }),
    a ? h('p', {}, t('req.assessed_by', { by: a.by, date: date(a.date) }), ' — ', a.all_met ? badge(t('req.all_met'), 'ok') : badge(t('req.failed', { list: (a.failed || []).join(', ') }), 'danger')) : null,
    rech ? h('p', { class: 'muted' }, t('req.rechecked', { by: rech.by, date: date(rech.date) })) : null);
}

function twoPerson(req, me) {
  const out = [];
  const p = req.proposal;
  const d = req.determination;
  if (d) out.push(h('li', {}, t('req.det_done', { decision: tv('decision', d.decision), by: d.proposed_by, by2: d.by })));
  else if (p) out.push(h('li', { 'data-testid': 'awaiting' }, t('req.det_pending', { decision: tv('decision', p.decision), by: p.by }), ' ',
    badge(p.by === me ? t('req.awaiting_other') : t('req.awaiting_you_or_other'), 'warn')));
  else out.push(h('li', {}, t('req.det_none')));
  const rp = req.release_proposal;
  const rel = req.release;
  if (rel) out.push(h('li', {}, t('req.rel_done', { by: rel.proposed_by || '—', by2: rel.by })));
  else if (rp) out.push(h('li', { 'data-testid': 'awaiting-release' }, t('req.rel_pending', { by: rp.by }), ' ',
    badge(rp.by === me ? t('req.awaiting_other') : t('req.awaiting_you_or_other'), 'warn')));
  else out.push(h('li', {}, t('req.rel_none')));
  return h('ul', { class: 'two-person' }, out);
}

// The actions the signed-in user may take now; the server checks them again.
function actions(ctx, req) {
  const { session } = ctx;
  const roles = session.roles || [];
  const me = session.user;
  const has = (...r) => r.some((x) => roles.includes(x));
  const s = req.status;
  const id = encodeURIComponent(req.id);
  const done = async (path, body) => { await post(`/requests/${id}/${path}`, body); ctx.refresh(); };
  const note = () => field(t('req.note'), 'text', 'note');
  const step = (key, path, danger = false) => actionForm({
    id: `act-${path}`, title: t(`act.${key}`), fields: [note()], submitLabel: t(`act.${key}`), danger,
    onSubmit: (v) => done(path, v.note ? { note: v.note } : {}),
  });
  const out = [];
  if (s === 'filed' && has('bank_officer')) out.push(step('start_assessment', 'assessment-start'));
  if (s === 'under_assessment' && has('bank_officer') && !req.proposal) {
    out.push(actionForm({
      id: 'act-assessment', title: t('act.assess'), submitLabel: t('act.assess'),
      fields: [field(t('act.c1_met'), 'checkbox', 'criterion1_met'), field(t('act.c1_basis'), 'text', 'criterion1_basis', { required: true }),
        field(t('act.c2_met'), 'checkbox', 'criterion2_met'), field(t('act.c2_basis'), 'text', 'criterion2_basis', { required: true })],
      onSubmit: (v) => done('assessment', v),
    }));
  }
  if (s === 'under_assessment' && has('director_general') && req.assessment && !req.proposal) {
    out.push(actionForm({
      id: 'act-determination-proposal', title: t('act.propose'), submitLabel: t('act.propose'),
      fields: [field(t('act.decision'), 'select', 'approve', { options: [['true', tv('decision', 'approve')], ['false', tv('decision', 'refuse')]] }),
        field(t('act.reasons'), 'textarea', 'reasons', { required: true })],
      onSubmit: (v) => done('determination-proposal', { approve: v.approve === 'true', reasons: v.reasons }),
    }));
  }
  if (s === 'under_assessment' && req.proposal && has('director_general', 'bank_officer') && req.proposal.by !== me) {
    out.push(step('confirm', 'determination-confirmation'));
    out.push(step('decline', 'determination-decline', true));
  }
  if (s === 'agreement_concluded' && has('bank_officer')) {
    const outstanding = (req.agreement?.price?.total_cents ?? 0) - (req.paid_cents ?? 0);
    out.push(actionForm({
      id: 'act-payments', title: t('act.pay'), submitLabel: t('act.pay'),
      fields: [field(t('act.amount_cents'), 'number', 'amount_cents', { required: true, value: outstanding > 0 ? String(outstanding) : '' }),
        field(t('act.currency'), 'text', 'currency', { required: true, value: req.agreement?.price?.currency || 'USD' }),
        field(t('act.reference'), 'text', 'reference', { required: true })],
      onSubmit: (v) => done('payments', { amount_cents: Number.parseInt(v.amount_cents, 10), currency: v.currency, reference: v.reference }),
    }));
  }
  if (s === 'paid' && has('bank_officer')) out.push(actionForm({ id: 'act-allocation', title: t('act.allocate'), submitLabel: t('act.allocate'), onSubmit: () => done('allocation', {}) }));
  if (s === 'allocated' && has('operator')) {
    out.push(actionForm({
      id: 'act-preparation', title: t('act.prepare'), submitLabel: t('act.prepare'),
      fields: [field(t('act.overpack'), 'text', 'overpack', { required: true, value: 'UX-30' }), field(t('act.documents_ref'), 'text', 'documents_ref', { required: true })],
      onSubmit: (v) => done('preparation', { cylinders: (req.allocation?.cylinders || []).map((c) => ({ cylinder: c, overpack: v.overpack })), documents_ref: v.documents_ref }),
    }));
  }
  if (s === 'prepared' && has('bank_officer') && !req.release_proposal) out.push(step('release_propose', 'release-proposal'));
  if (s === 'prepared' && req.release_proposal && has('director_general', 'bank_officer') && req.release_proposal.by !== me) out.push(step('release_confirm', 'release-confirmation'));
  if (['approved', 'agreement_concluded', 'paid', 'allocated', 'prepared'].includes(s) && has('bank_officer')) out.push(step('recheck', 'recheck'));
  if (s === 'released' && has('operator')) out.push(step('ship', 'shipment'));
  if (s === 'received' && has('bank_officer') && (req.restock_orders || []).length) out.push(step('close', 'closing'));
  if (['filed', 'under_assessment', 'approved'].includes(s) && has('state_representative')) out.push(step('withdraw', 'withdrawal', true));
  if (CANCELLABLE.includes(s) && has('bank_officer')) out.push(step('cancel', 'cancellation', true));
  return out;
}

async function detail(ctx, rid) {
  const req = await get(`/requests/${encodeURIComponent(rid)}`);
  const acts = actions(ctx, req);
  const ag = req.agreement;
  const al = req.allocation;
  return h('div', { class: 'page' },
    h('p', {}, h('a', { href: '#/requests' }, '← ', t('req.back'))),
    h('h1', {}, t('req.detail_title', { id: req.id }), ' ', badge(tv('status', req.status), statusKind(req.status))),
    lifecycle(req),
    h('div', { class: 'grid' },
      section('req.summary', kv([
        [t('req.state'), req.state], [t('req.plant'), req.plant], [t('req.disruption'), req.disruption],
        [t('req.quantity'), `${kg(req.uranium_mg)} ${t('unit.kg_u')}`],
        [t('req.enrichment_range'), `${pct(req.enrichment_min_ppb, 3)} – ${pct(req.enrichment_max_ppb, 3)} %`],
        [t('req.filed_by'), `${req.filed_by} · ${date(req.filed_on)}`],
        ag ? [t('req.price'), `${money(ag.price.total_cents)} ${ag.price.currency}`] : null,
        ag ? [t('req.paid'), `${money(req.paid_cents)} ${ag.price.currency}`] : null,
        ag ? [t('req.delivery_point'), ag.delivery_point] : null,
        al ? [t('req.allocated'), al.cylinders.join(', ')] : null])),
      section('req.actions', acts.length ? h('div', { class: 'actions', 'data-testid': 'actions' }, acts) : h('p', { class: 'muted', 'data-testid': 'no-actions' }, t('req.no_actions'))),
      section('req.two_person', twoPerson(req, ctx.session.user)),
      section('req.history', timeline(req))),
    section('req.criteria', criteria(req)));
}
