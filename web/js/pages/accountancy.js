// Accountancy: closed balance periods (PB, X, Y, EB, SRD, BA, PE, MUF per
// category), physical inventory takings, and the ICR/PIL/MBR downloads.
import { h } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { kg, date, int } from '../fmt.js';
import { section, table, empty, badge, field, methodField, actionForm, compact } from '../ui.js';

const FORMATS = ['labelled', 'csv', 'json', 'xlsx'];

function sumLines(obj) {
  // increases / decreases: {CODE: {uranium_mg, u235_mg, lines}}
  let u = 0n; let u5 = 0n;
  for (const v of Object.values(obj || {})) { u += BigInt(v.uranium_mg || 0); u5 += BigInt(v.u235_mg || 0); }
  return { uranium_mg: u, u235_mg: u5 };
}

function categoryTable(cat) {
  const lines = [
    ['pb', cat.pb], ['x', cat.x || sumLines(cat.increases)], ['y', cat.y || sumLines(cat.decreases)],
    ['be', cat.be], ['srd', cat.srd], ['ba', cat.ba], ['pe', cat.pe], ['muf', cat.muf]];
  return table([
    { label: t('acct.line'), cell: ([k]) => h('abbr', { title: t(`acct.${k}_long`) }, t(`acct.${k}`)) },
    { label: `${t('acct.uranium')} (${t('unit.kg')})`, num: true, cell: ([, v]) => kg(v?.uranium_mg) },
    { label: `${t('acct.u235')} (${t('unit.kg')})`, num: true, cell: ([, v]) => kg(v?.u235_mg) },
  ], lines, { class: 'data compact', caption: `${t('acct.category')}: ${tv('category', cat.category)} · ${t('acct.items', { book: int(cat.book_items), pe: int(cat.pe_items) })}` });
}

function reportLinks(kind, params) {
  const q = new URLSearchParams(params);
  return h('span', { class: 'links' }, FORMATS.map((f) => {
    q.set('format', f);
    return h('a', { href: `/api/v1/reports/${kind}?${q}`, download: '', class: 'dl', 'data-report': `${kind}-${f}` }, t(`fmt.${f}`));
  }));
}

// An anomaly's explanation as the period keeps it ({text, by}), or undefined; the anomalies still to be explained.
const explained = (p, id) => (p.explanations || {})[id];
const unexplained = (p) => (p.anomalies || []).filter((a) => !explained(p, a.id));

// Explaining one of a period's anomalies (POST /periods/{mba}/{to}/explanations); each must be explained before sign-off.
function explainForm(p, ctx) {
  return actionForm({
    id: `explain-${p.mba}-${p.to}`, title: t('acct.explain'), submitLabel: t('acct.explain'),
    fields: [
      field(t('acct.anomaly'), 'select', 'anomaly', { options: unexplained(p).map((a) => [a.id, `${a.id} — ${a.detail}`]) }),
      field(t('acct.explanation'), 'textarea', 'explanation', { required: true }),
    ],
    onSubmit: async (v) => {
      await post(`/periods/${encodeURIComponent(p.mba)}/${encodeURIComponent(p.to)}/explanations`, { anomaly: v.anomaly, explanation: v.explanation });
      ctx.refresh();
    },
  });
}

export async function render(ctx) {
  const roles = ctx.session.roles || [];
  const today = new Date().toISOString().slice(0, 10);
  const [periods, invs, fac, methods] = await Promise.all([get('/periods'), get('/inventories'), get('/facility'), get('/methods')]);
  const ps = (periods.items || []).slice().reverse();
  const mbas = (fac.mbas || []).map((m) => m.code);

  const periodCards = ps.length === 0 ? empty('acct.no_periods') : ps.map((p) => h('details', { class: 'period', open: p === ps[0] },
    h('summary', {}, h('strong', {}, `${p.mba} · ${date(p.from)} – ${date(p.to)}`), ' ',
      badge(tv('pstatus', p.status), p.status === 'signed' ? 'ok' : 'warn'),
      (p.anomalies || []).length ? badge(t('acct.anomalies_n', { n: p.anomalies.length }), 'danger') : null),
    h('p', { class: 'muted' }, t('acct.closed_signed', { c: p.closed_by || '—', s: p.signed_by || '—' }), ' · ', t('acct.muf_sign')),
    (p.categories || []).map(categoryTable),
    (p.anomalies || []).length ? h('ul', { class: 'anomalies' }, p.anomalies.map((a) => h('li', {}, h('strong', {}, a.id), ' ', h('bdi', {}, a.detail),
      explained(p, a.id) ? h('p', { class: 'muted' }, t('acct.explained'), ' ', h('bdi', {}, explained(p, a.id).text), ' — ', h('bdi', {}, explained(p, a.id).by)) : null))) : null,
    unexplained(p).length && p.status !== 'signed' && roles.includes('accountant') ? explainForm(p, ctx) : null,
    h('p', {}, t('acct.mbr'), ': ', reportLinks('mbr', { mba: p.mba, date: p.to })),
    p.status !== 'signed' && roles.includes('accountant') ? actionForm({
      id: `sign-${p.mba}-${p.to}`, submitLabel: t('acct.sign'),
      onSubmit: async () => { await post(`/periods/${encodeURIComponent(p.mba)}/${encodeURIComponent(p.to)}/signature`, {}); ctx.refresh(); },
    }) : null));

  const invTable = (invs.items || []).length === 0 ? empty() : table([
    { label: t('acct.date'), cell: (i) => date(i.date) },
    { label: t('acct.mba'), cell: (i) => i.mba },
    { label: t('acct.found'), num: true, cell: (i) => int((i.found || []).length) },
    { label: t('acct.unexpected'), num: true, cell: (i) => int((i.unexpected || []).length) },
    { label: t('acct.taken_by'), cell: (i) => i.taken_by || '—' },
    { label: t('acct.pil'), cell: (i) => reportLinks('pil', { mba: i.mba, date: i.date }) },
  ], invs.items.slice().reverse(), { class: 'data', id: 'inventories' });

  // ICR for a chosen month
  const month = field(t('acct.month'), 'month', 'month', { value: new Date().toISOString().slice(0, 7) });
  const mbaSel = field(t('acct.mba'), 'select', 'mba', { options: mbas.map((m) => [m, m]) });
  const icrOut = h('p', { 'aria-live': 'polite' });
  const drawIcr = () => {
    const [y, m] = (month.querySelector('input').value || '').split('-');
    icrOut.replaceChildren(y && m ? reportLinks('icr', { mba: mbaSel.querySelector('select').value, year: y, month: String(Number(m)) }) : '');
  };
  month.querySelector('input').addEventListener('change', drawIcr);
  mbaSel.querySelector('select').addEventListener('change', drawIcr);
  drawIcr();

  const mbaOpts = mbas.map((m) => [m, m]);
  const record = roles.some((r) => r === 'operator' || r === 'accountant') ? actionForm({
    id: 'record-inventory', title: t('acct.record_inventory'), submitLabel: t('acct.record_inventory'),
    fields: [field(t('acct.mba'), 'select', 'mba', { options: mbaOpts }), field(t('acct.date'), 'date', 'date', { value: today, required: true }),
      field(t('acct.all_found'), 'checkbox', 'all_found', { checked: true }), field(t('acct.note'), 'text', 'note'),
      field(t('acct.reweighed'), 'text', 'reweighed'), field(`${t('cyl.net_uf6')} (${t('unit.kg')})`, 'text', 'net_uf6_kg'),
      methodField(t('acct.reweigh_method'), (methods.methods || []).map((m) => m.name), 'load cells'),
      field(t('acct.reweigh_calibration'), 'text', 'calibration', { placeholder: 'LC-2026' })],
    onSubmit: async (v) => {
      const body = { mba: v.mba, date: v.date, all_found: v.all_found };
      if (v.note) body.note = v.note;
      if (v.reweighed) {
        // One cylinder re-weighed at the taking: every other one on the book at the date found where booked, seals
        // intact; the re-weighing names its weighing method and calibration period (the server checks them).
        const inv = await get(`/inventory?as_of=${encodeURIComponent(v.date)}`);
        body.all_found = false;
        body.found = (inv.items || []).filter((i) => i.mba === v.mba && i.id !== v.reweighed).map((i) => ({ item: i.id, seal_intact: true }));
        body.found.push(compact({ item: v.reweighed, seal_intact: true, net_uf6_kg: v.net_uf6_kg, method: v.method, calibration: v.calibration }));
      }
      await post('/inventories', body);
      ctx.refresh();
    },
  }) : null;
  const close = roles.includes('accountant') ? actionForm({
    id: 'close-period', title: t('acct.close_period'), submitLabel: t('acct.close_period'),
    fields: [field(t('acct.mba'), 'select', 'mba', { options: mbaOpts }),
      field(t('acct.to'), 'select', 'to', { options: (invs.items || []).slice().reverse().map((i) => [i.date, date(i.date)]) })],
    onSubmit: async (v) => { await post('/periods', { mba: v.mba, to: v.to }); ctx.refresh(); },
  }) : null;
  return h('div', { class: 'page' },
    h('h1', {}, t('nav.accountancy')),
    record || close ? h('div', { class: 'grid' }, record ? h('section', { class: 'card' }, record) : null, close ? h('section', { class: 'card' }, close) : null) : null,
    section('acct.periods', periodCards),
    section('acct.inventories', invTable),
    section('acct.icr', h('div', { class: 'inline-form' }, mbaSel, month), h('p', {}, t('acct.icr_links'), ' ', icrOut)));
}
