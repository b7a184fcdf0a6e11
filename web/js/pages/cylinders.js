// The cylinders: a sortable, filterable table, and each cylinder's history with the
// forms the user's roles allow (cylinder_forms.js).
import { h, clear } from '../dom.js';
import { get } from '../api.js';
import { t, tv } from '../i18n.js';
import { kg, pct, date, int } from '../fmt.js';
import { section, kv, table, empty, badge } from '../ui.js';
import { cylinderForms } from './cylinder_forms.js';

const COLS = [
  { key: 'id', label: 'cyl.id', value: (r) => r.id },
  { key: 'supplier', label: 'cyl.supplier', value: (r) => r.supplier },
  { key: 'received_on', label: 'cyl.received', value: (r) => r.received_on, show: (r) => date(r.received_on) },
  { key: 'net_uf6_mg', label: 'cyl.net_uf6', num: true, unit: 'unit.kg', value: (r) => r.net_uf6_mg, show: (r) => kg(r.net_uf6_mg) },
  { key: 'uranium_mg', label: 'cyl.uranium', num: true, unit: 'unit.kg', value: (r) => r.uranium_mg, show: (r) => kg(r.uranium_mg) },
  { key: 'u235_mg', label: 'cyl.u235', num: true, unit: 'unit.kg', value: (r) => r.u235_mg, show: (r) => kg(r.u235_mg) },
  { key: 'enrichment', label: 'cyl.enrichment', num: true, unit: 'unit.pct', value: (r) => r.isotopics?.u235_ppb, show: (r) => pct(r.isotopics?.u235_ppb) },
  { key: 'position', label: 'cyl.position', value: (r) => r.position },
  { key: 'seals', label: 'cyl.seals', value: (r) => (r.seals || []).join(' ') },
  { key: 'status', label: 'cyl.status', value: (r) => r.status, show: (r) => tv('itemstatus', r.status) },
];

function cmp(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true });
}

export async function render({ args, session, refresh }) {
  if (args[0]) return detail(args[0], (session && session.roles) || [], refresh);
  const data = await get('/items?limit=1000');
  const items = data.items || [];
  let sortKey = 'id';
  let dir = 1;
  let filter = '';

  const count = h('p', { class: 'muted', role: 'status', 'data-testid': 'cyl-count' });
  const tbody = h('tbody', {});
  const heads = COLS.map((c) => {
    const btn = h('button', { type: 'button', class: 'sort', 'data-sort': c.key }, t(c.label), c.unit ? h('span', { class: 'unit' }, ` (${t(c.unit)})`) : null);
    const th = h('th', { scope: 'col', class: c.num ? 'num' : null }, btn);
    btn.addEventListener('click', () => {
      if (sortKey === c.key) dir = -dir; else { sortKey = c.key; dir = 1; }
      draw();
    });
    return th;
  });

  function draw() {
    const q = filter.trim().toLowerCase();
    const col = COLS.find((c) => c.key === sortKey);
    const rows = items
      .filter((r) => !q || [r.id, r.supplier, r.position, (r.seals || []).join(' '), r.status, tv('itemstatus', r.status)]
        .some((s) => String(s || '').toLowerCase().includes(q)))
      .sort((a, b) => dir * cmp(col.value(a), col.value(b)));
    heads.forEach((th, i) => th.setAttribute('aria-sort', COLS[i].key === sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none'));
    clear(tbody).append(...rows.map((r) => h('tr', {}, COLS.map((c) => h('td', { class: c.num ? 'num' : null },
      c.key === 'id' ? h('a', { href: `#/cylinders/${encodeURIComponent(r.id)}` }, r.id)
        : c.show ? c.show(r) : c.value(r))))));
    if (!rows.length) tbody.append(h('tr', {}, h('td', { colspan: COLS.length, class: 'empty' }, t('common.no_match'))));
    count.textContent = t('cyl.count', { n: int(rows.length), total: int(items.length) });
  }

  const input = h('input', { id: 'cyl-filter', type: 'search', placeholder: t('cyl.filter_hint'), autocomplete: 'off' });
  input.addEventListener('input', () => { filter = input.value; draw(); });
  draw();
  return h('div', { class: 'page' },
    h('h1', {}, t('nav.cylinders')),
    h('div', { class: 'toolbar' }, h('label', { for: 'cyl-filter' }, t('cyl.filter')), input, count),
    h('div', { class: 'table-wrap' }, h('table', { id: 'cylinders', class: 'data' },
      h('caption', { class: 'sr-only' }, t('nav.cylinders')),
      h('thead', {}, h('tr', {}, heads)), tbody)));
}

function summary(e) {
  const p = e.payload || {};
  const bits = [];
  for (const k of ['code', 'date', 'to', 'position', 'seal', 'intact', 'note', 'reason', 'method', 'calibration', 'request']) {
    if (p[k] !== undefined && p[k] !== '' && typeof p[k] !== 'object') bits.push(`${t(`pkey.${k}`)}: ${typeof p[k] === 'boolean' ? t(`common.${p[k]}`) : p[k]}`);
  }
  if (p.gross_mg !== undefined) bits.push(`${t('pkey.gross')}: ${kg(p.gross_mg)} ${t('unit.kg')}`);
  if (p.u235_ppb !== undefined) bits.push(`U-235: ${pct(p.u235_ppb)} %`);
  return bits.join(' · ');
}

async function detail(id, roles, refresh) {
  const [item, hist, methods] = await Promise.all([get(`/items/${encodeURIComponent(id)}`), get(`/items/${encodeURIComponent(id)}/history`), get('/methods')]);
  const it = item.item || item;
  const events = hist.events || hist.items || [];
  return h('div', { class: 'page' },
    h('p', {}, h('a', { href: '#/cylinders' }, t('common.back_arrow'), ' ', t('cyl.back'))),
    h('h1', {}, t('cyl.detail_title', { id })),
    h('div', { class: 'grid' },
      section('cyl.record', kv([
        [t('cyl.supplier'), it.supplier], [t('cyl.batch'), it.shipper_batch], [t('cyl.type'), it.cylinder_type],
        [t('cyl.received'), date(it.received_on)], [t('cyl.recertified'), date(it.recertified_on)], [t('cyl.filled'), date(it.filled_on)],
        [t('cyl.net_uf6'), `${kg(it.net_uf6_mg)} ${t('unit.kg')}`], [t('cyl.uranium'), `${kg(it.uranium_mg)} ${t('unit.kg')}`],
        [t('cyl.u235'), `${kg(it.u235_mg)} ${t('unit.kg')}`], [t('cyl.enrichment'), `${pct(it.isotopics?.u235_ppb)} %`],
        [t('cyl.position'), it.position], [t('cyl.seals'), (it.seals || []).join(', ') || '—'],
        [t('cyl.status'), tv('itemstatus', it.status)], [t('cyl.mba'), it.mba]])),
      section('cyl.history', events.length === 0 ? empty() : h('ol', { class: 'timeline', 'data-testid': 'history' },
        events.map((e) => h('li', {},
          h('div', { class: 'tl-head' }, badge(`#${e.seq}`), ' ', h('strong', {}, tv('event', e.type)), ' ', h('span', { class: 'muted' }, e.actor, ' · ', date(e.time))),
          h('div', { class: 'tl-body muted' }, summary(e))))))),
    cylinderForms(it, roles, refresh, (methods.methods || []).map((m) => m.name)));
}
