// The journal: browse events by sequence number, filter by type or actor, and run
// a verification of the chain and the projections.
import { h, clear } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { date, int } from '../fmt.js';
import { section, table, empty, badge, field, actionForm, kv } from '../ui.js';

const PAGE = 50;

export async function render() {
  const list = h('div', { 'aria-live': 'polite' });
  let from = 1;
  const typeF = field(t('jr.type'), 'text', 'type', { placeholder: 'cylinder.received' });
  const actorF = field(t('jr.actor'), 'text', 'actor');
  const fromF = field(t('jr.from'), 'number', 'from', { value: '1' });

  async function load() {
    const q = new URLSearchParams({ from: String(from), limit: String(PAGE) });
    const ty = typeF.querySelector('input').value.trim();
    const ac = actorF.querySelector('input').value.trim();
    if (ty) q.set('type', ty);
    if (ac) q.set('actor', ac);
    clear(list).append(h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    const data = await get(`/journal?${q}`);
    const items = data.items || [];
    const prev = h('button', { type: 'button', disabled: from <= 1, onclick: () => { from = Math.max(1, from - PAGE); fromF.querySelector('input').value = from; load(); } }, t('jr.prev'));
    const next = h('button', { type: 'button', disabled: !data.next || items.length < PAGE, onclick: () => { from = data.next; fromF.querySelector('input').value = from; load(); } }, t('jr.next'));
    clear(list).append(
      items.length === 0 ? empty() : table([
        { label: '#', num: true, cell: (e) => String(e.seq) },
        { label: t('jr.time'), cell: (e) => date(e.time) },
        { label: t('jr.type'), cell: (e) => h('span', { title: e.type }, tv('event', e.type)) },
        { label: t('jr.actor'), cell: (e) => e.actor },
        { label: t('jr.payload'), cell: (e) => h('details', {}, h('summary', {}, t('jr.show')), h('pre', {}, JSON.stringify(e.payload, null, 1))) },
        { label: t('jr.hash'), cell: (e) => h('code', { class: 'hash', title: e.hash }, e.hash.slice(0, 12) + '…') },
      ], items, { class: 'data', id: 'journal' }),
      h('div', { class: 'pager' }, prev, next));
  }

  const filters = h('form', { class: 'inline-form', role: 'search' }, typeF, actorF, fromF, h('button', { type: 'submit' }, t('jr.apply')));
  filters.addEventListener('submit', (e) => { e.preventDefault(); from = Math.max(1, Number.parseInt(fromF.querySelector('input').value, 10) || 1); load(); });

  const verify = actionForm({
    id: 'verify', submitLabel: t('jr.verify_now'),
    onSubmit: async (_, out) => {
      const started = Date.now();
      const r = await post('/verify', {});
      out.replaceChildren(h('div', { class: r.ok ? 'success' : 'error', role: 'status', 'data-testid': 'verify-result' },
        h('strong', {}, r.ok ? t('jr.verified') : t('jr.not_verified')),
        kv([[t('jr.events'), int(r.events)], [t('jr.rows'), int(r.rows)], [t('jr.lines'), int(r.lines)],
          [t('jr.head'), r.head ? `#${r.head.seq} ${r.head.hash}` : '—'], [t('jr.when'), date(new Date(started).toISOString())]])));
    },
  });

  const head = await get('/journal/head');
  await load();
  return h('div', { class: 'page' },
    h('h1', {}, t('nav.journal')),
    h('div', { class: 'grid' },
      section('jr.head_title', h('p', {}, badge(`#${head.seq}`), ' ', h('code', { class: 'hash' }, head.hash))),
      section('jr.verify', h('p', { class: 'muted' }, t('jr.verify_lead')), verify)),
    section('jr.events_title', filters, list));
}
