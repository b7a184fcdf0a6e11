// The bank at a glance: the reserve against the limit, open requests by state,
// anomalies and alarms, the journal's head and its last verification.
import { h } from '../dom.js';
import { get } from '../api.js';
import { t, tv } from '../i18n.js';
import { int, kg, tonnes, num, scaled, date } from '../fmt.js';
import { section, problemBox, empty, badge } from '../ui.js';

const CLOSED = ['closed', 'withdrawn', 'cancelled', 'refused'];

async function settle(p) {
  try { return { ok: true, value: await p }; } catch (e) { return { ok: false, error: e }; }
}

function stat(testid, value, unitKey, labelKey) {
  return h('div', { class: 'stat', 'data-testid': testid },
    h('div', { class: 'stat-label' }, t(labelKey)),
    h('div', { class: 'stat-value' }, h('span', { class: 'value' }, value), unitKey ? h('span', { class: 'unit' }, ' ', t(unitKey)) : null));
}

// Who verified the journal last, when, through which door (API or CLI), at which head, and the outcome.
function lastVerification(verified, head) {
  if (!verified.ok) return problemBox(verified.error);
  const v = verified.value.verification;
  if (!v) return h('p', { class: 'muted', 'data-testid': 'last-verification' }, t('dash.never_verified'));
  const outcome = v.ok ? badge(t('dash.verified_ok'), 'ok') : badge(t('dash.verified_diverged', { seq: int(v.divergence_seq) }), 'danger');
  const stale = v.ok && v.head.seq !== head.seq ? h('p', { class: 'muted' }, t('dash.verified_since', { n: int(head.seq - v.head.seq) })) : null;
  return h('div', { 'data-testid': 'last-verification' },
    h('p', {}, outcome, ' ',
      t('dash.last_verified'), ' ', h('time', { datetime: v.time }, date(v.time)), ' · ',
      h('bdi', { 'data-testid': 'verified-by' }, v.actor), ' · ', t(`dash.via_${v.via}`), ' · ',
      t('dash.verified_head', { seq: int(v.head.seq) })),
    stale);
}

export async function render() {
  const [inv, reserve, reqs, periods, stats, head, verified] = await Promise.all([
    settle(get('/inventory')), settle(get('/reserve')), settle(get('/requests?limit=1000')),
    settle(get('/periods')), settle(get('/statistics')), settle(get('/journal/head')), settle(get('/journal/last-verification'))]);

  // Reserve level
  let reserveBody;
  if (!inv.ok) reserveBody = problemBox(inv.error);
  else {
    const tot = inv.value.totals;
    const stats4 = h('div', { class: 'stats' },
      stat('reserve-cylinders', int(tot.items), null, 'dash.cylinders'),
      stat('reserve-u', tonnes(tot.uranium_mg), 'unit.t_u', 'dash.uranium'),
      stat('reserve-u235', kg(tot.u235_mg), 'unit.kg_u235', 'dash.u235'),
      stat('reserve-sq', num(tot.significant_quantities, 2), 'unit.sq', 'dash.sq'));
    let limit = null;
    if (reserve.ok) {
      const r = reserve.value;
      limit = h('div', { class: 'limit' },
        h('label', { for: 'reserve-meter' }, t('dash.limit', { n: int(r.on_hand), limit: int(r.limit) })),
        h('meter', { id: 'reserve-meter', min: 0, max: r.limit, value: r.on_hand, 'data-testid': 'reserve-limit' }, `${r.on_hand}/${r.limit}`),
        h('p', { class: 'muted' }, t('dash.allocated_free', { a: int(r.allocated), f: int(r.free) }), ' · ',
          t('dash.free_reserve'), ' ', h('bdi', {}, tonnes(r.uranium_mg), ' ', t('unit.t_u')), ', ', h('bdi', {}, kg(r.u235_mg), ' ', t('unit.kg_u235')), ', ',
          h('bdi', {}, r.significant_quantities, ' ', t('unit.sq'))));
    }
    reserveBody = [stats4, limit, h('p', { class: 'muted' }, t('dash.as_of', { date: inv.value.as_of }), ' · ', inv.value.facility)];
  }

  // Open requests by lifecycle state
  let reqBody;
  if (!reqs.ok) reqBody = problemBox(reqs.error);
  else {
    const counts = new Map();
    for (const r of reqs.value.items || []) if (!CLOSED.includes(r.status)) counts.set(r.status, (counts.get(r.status) || 0) + 1);
    reqBody = counts.size === 0 ? empty('dash.no_open_requests')
      : h('ul', { class: 'counts', 'data-testid': 'open-requests' }, [...counts].map(([s, n]) =>
        h('li', {}, h('a', { href: '#/requests' }, tv('status', s)), h('span', { class: 'num' }, int(n)))));
  }

  // Anomalies and alarms
  const alarms = [];
  if (periods.ok) {
    for (const p of periods.value.items || []) {
      if ((p.anomalies || []).length) alarms.push(h('li', {}, badge(t('dash.anomaly'), 'warn'), ' ', t('dash.period_anomalies', { mba: p.mba, to: p.to, n: p.anomalies.length })));
      if (p.status !== 'signed') alarms.push(h('li', {}, badge(t('dash.unsigned'), 'info'), ' ', t('dash.period_unsigned', { mba: p.mba, to: p.to })));
    }
  }
  if (stats.ok) {
    for (const p of stats.value.periods || []) {
      for (const k of ['muf', 'cumuf', 'page', 'gemuf']) {
        if (p[`${k}_alarm`]) alarms.push(h('li', {}, badge(t('dash.alarm'), 'danger'), ' ', t(`stats.${k}`), ' — ', p.label));
      }
    }
  }
  const alarmBody = [
    (!periods.ok ? problemBox(periods.error) : null), (!stats.ok ? problemBox(stats.error) : null),
    alarms.length ? h('ul', { class: 'alarms', 'data-testid': 'alarms' }, alarms) : h('p', { class: 'ok', 'data-testid': 'alarms' }, t('dash.no_alarms'))];

  // Journal head
  const headBody = head.ok
    ? h('div', {}, h('p', {}, t('dash.head_seq'), ' ', h('strong', { 'data-testid': 'head-seq' }, int(head.value.seq))),
      h('p', { class: 'hash' }, h('code', { title: head.value.hash }, head.value.hash)),
      lastVerification(verified, head.value),
      h('a', { href: '#/journal', class: 'button' }, t('dash.go_verify')))
    : problemBox(head.error);

  return h('div', { class: 'page' },
    h('h1', {}, t('nav.dashboard')),
    h('div', { class: 'grid' },
      section('dash.reserve', reserveBody),
      section('dash.open_requests', reqBody),
      section('dash.alarms', alarmBody),
      section('dash.journal', headBody)));
}
