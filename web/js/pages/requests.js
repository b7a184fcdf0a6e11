// Supply requests: the list, and one request with its lifecycle as a timeline,
// the five criteria with their evidence, the two-person rule and the actions the
// signed-in user may take now (docs/supply.md).
import { h } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { kg, pct, date, money, int, plain } from '../fmt.js';
import { section, kv, table, empty, badge, field, actionForm } from '../ui.js';
import { restockSection } from './restock_forms.js';
import { statesSection } from './state_forms.js';

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
  const states = roles.includes('bank_officer') ? await statesSection(ctx.refresh) : null;
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
    ], items, { id: 'requests', class: 'data' }),
    states);
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

// '1.5' -> 1500n thousandths, by string: no binary floating point.
function milli(s, name) {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(String(s).trim());
  if (!m) throw Object.assign(new Error(t('act.bad_decimal', { field: name })), {});
  return Number(BigInt(m[1]) * 1000n + BigInt((m[2] || '').padEnd(3, '0')));
}

const COMPONENTS = [['feed', 'kgU'], ['conversion', 'kgU'], ['enrichment', 'SWU'], ['transport', 'lot']];

function agreementForm(req, done) {
  const pctOf = (ppb) => plain(ppb, 7, 3);
  return actionForm({
    id: 'act-agreement', title: t('act.agree'), submitLabel: t('act.agree'),
    fields: [
      field(t('act.agreement_ref'), 'text', 'reference', { required: true }),
      field(t('act.evidence_ref'), 'text', 'evidence_ref', { required: true }),
      field(t('act.evidence_sha256'), 'text', 'evidence_sha256', { required: true }),
      field(`${t('req.quantity')} (${t('unit.kg_u')})`, 'text', 'uranium_kg', { required: true, value: plain(req.uranium_mg, 6, 3) }),
      field(`${t('req.enrichment_min')} (%)`, 'text', 'enrichment_min_percent', { required: true, value: pctOf(req.enrichment_min_ppb) }),
      field(`${t('req.enrichment_max')} (%)`, 'text', 'enrichment_max_percent', { required: true, value: pctOf(req.enrichment_max_ppb) }),
      field(t('req.delivery_point'), 'text', 'delivery_point', { required: true }),
      field(t('act.route'), 'textarea', 'route', { required: true, placeholder: 'Ulba Metallurgical Plant, Oskemen | KZ-RU border\nKZ-RU border | … | RU | transit agreement' }),
      field(t('act.currency'), 'text', 'currency', { required: true, value: 'USD' }),
      field(t('act.overheads_bp'), 'number', 'overheads_bp', { required: true, value: '500' }),
      COMPONENTS.map(([c, unit]) => h('fieldset', {}, h('legend', {}, t(`act.comp_${c}`)),
        field(`${t('act.quantity')} (${unit})`, 'text', `${c}_quantity`, { required: true }),
        field(`${t('act.unit_price_cents')} / ${unit}`, 'number', `${c}_price`, { required: true }))),
    ],
    onSubmit: (v) => done('agreement', {
      reference: v.reference, evidence: { ref: v.evidence_ref, sha256: v.evidence_sha256 },
      uranium_kg: v.uranium_kg, enrichment_min_percent: v.enrichment_min_percent, enrichment_max_percent: v.enrichment_max_percent,
      delivery_point: v.delivery_point,
      route: v.route.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const [from, to, ts, ta] = l.split('|').map((x) => x.trim());
        const leg = { from, to };
        if (ts) leg.transit_state = ts;
        if (ta) leg.transit_agreement = ta;
        return leg;
      }),
      price: { currency: v.currency, overheads_bp: Number.parseInt(v.overheads_bp, 10),
        components: COMPONENTS.map(([c, unit]) => ({ name: c, unit, quantity_milli: milli(v[`${c}_quantity`], c), unit_price_cents: Number.parseInt(v[`${c}_price`], 10) })) },
    }),
  });
}

function attestForm(req, done) {
  const have = new Set((req.attestations || []).map((a) => a.criterion));
  return actionForm({
    id: 'act-attestations', title: t('act.attest'), submitLabel: t('act.attest'),
    fields: [
      field(t('req.criterion'), 'select', 'criterion', { options: [1, 2].map((n) => [String(n), `${n} — ${t(`crit.${n}`)}`]), value: have.has(1) && !have.has(2) ? '2' : '1' }),
      field(t('act.statement'), 'textarea', 'statement', { required: true }),
      field(t('act.evidence_ref'), 'text', 'evidence_ref', { required: true }),
      field(t('act.evidence_sha256'), 'text', 'evidence_sha256', { required: true }),
    ],
    onSubmit: (v) => done('attestations', { criterion: Number(v.criterion), statement: v.statement, evidence: { ref: v.evidence_ref, sha256: v.evidence_sha256 } }),
  });
}

function receiptForm(req, done) {
  const cyls = req.preparation?.cylinders || [];
  return actionForm({
    id: 'act-receipt', title: t('act.receipt'), submitLabel: t('act.receipt'),
    fields: [
      field(t('act.facility'), 'text', 'facility', { required: true, value: req.agreement?.delivery_point || '' }),
      field(t('act.evidence_ref'), 'text', 'evidence_ref', { required: true }),
      field(t('act.evidence_sha256'), 'text', 'evidence_sha256', { required: true }),
      cyls.map((c, i) => h('fieldset', {}, h('legend', {}, c.item),
        field(`${t('cyl.net_uf6')} (${t('unit.kg')})`, 'text', `c${i}_net`, { required: true, value: plain(c.net_uf6_mg, 6, 3) }),
        field(`${t('cyl.uranium')} (${t('unit.kg')})`, 'text', `c${i}_u`, { required: true, value: plain(c.uranium_mg, 6, 3) }),
        field(`${t('cyl.u235')} (${t('unit.kg')})`, 'text', `c${i}_u235`, { required: true, value: plain(c.u235_mg, 6, 3) }))),
    ],
    onSubmit: (v) => done('receipt', {
      facility: v.facility, evidence: { ref: v.evidence_ref, sha256: v.evidence_sha256 },
      cylinders: cyls.map((c, i) => ({ cylinder: c.item, net_uf6_kg: v[`c${i}_net`], uranium_kg: v[`c${i}_u`], u235_kg: v[`c${i}_u235`] })),
    }),
  });
}

function restockForm(req, refresh) {
  return actionForm({
    id: 'act-restock', title: t('act.restock'), submitLabel: t('act.restock'),
    fields: [
      field(t('cyl.supplier'), 'text', 'supplier', { required: true }),
      field(t('act.cylinders_n'), 'number', 'cylinders', { required: true, value: String((req.allocation?.cylinders || []).length || 1) }),
      field(t('act.amount_cents'), 'number', 'amount_cents', { required: true, value: String(req.paid_cents || '') }),
      field(t('act.currency'), 'text', 'currency', { required: true, value: req.agreement?.price?.currency || 'USD' }),
      field(t('act.contract'), 'text', 'reference', { required: true }),
    ],
    onSubmit: async (v) => {
      await post('/restock-orders', { request: req.id, supplier: v.supplier, cylinders: Number.parseInt(v.cylinders, 10),
        amount_cents: Number.parseInt(v.amount_cents, 10), currency: v.currency, reference: v.reference });
      refresh();
    },
  });
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
  if (['filed', 'under_assessment'].includes(s) && has('state_representative', 'bank_officer') && !req.assessment) out.push(attestForm(req, done));
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
  if (s === 'approved' && has('bank_officer')) out.push(agreementForm(req, done));
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
  if (s === 'shipped' && has('state_representative', 'bank_officer')) out.push(receiptForm(req, done));
  if (['shipped', 'received'].includes(s) && has('bank_officer') && !(req.restock_orders || []).length) out.push(restockForm(req, ctx.refresh));
  if (s === 'received' && has('bank_officer') && (req.restock_orders || []).length) out.push(step('close', 'closing'));
  if (['filed', 'under_assessment', 'approved'].includes(s) && has('state_representative')) out.push(step('withdraw', 'withdrawal', true));
  if (CANCELLABLE.includes(s) && has('bank_officer')) out.push(step('cancel', 'cancellation', true));
  return out;
}

async function detail(ctx, rid) {
  const req = await get(`/requests/${encodeURIComponent(rid)}`);
  const acts = actions(ctx, req);
  const restock = await restockSection(req, ctx.session.roles || [], ctx.refresh);
  const ag = req.agreement;
  const al = req.allocation;
  return h('div', { class: 'page' },
    h('p', {}, h('a', { href: '#/requests' }, t('common.back_arrow'), ' ', t('req.back'))),
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
        al ? [t('req.allocated'), al.cylinders.join(', ')] : null,
        (req.restock_orders || []).length ? [t('req.restock_orders'), req.restock_orders.join(', ')] : null])),
      section('req.actions', acts.length ? h('div', { class: 'actions', 'data-testid': 'actions' }, acts) : h('p', { class: 'muted', 'data-testid': 'no-actions' }, t('req.no_actions'))),
      section('req.two_person', twoPerson(req, ctx.session.user)),
      section('req.history', timeline(req))),
    restock,
    section('req.criteria', criteria(req)));
}
