// Statistics over an MBA's closed periods (docs/statistics.md): MUF ± σ, CUMUF,
// SITMUF and Page's statistic against its threshold, as uPlot charts with the
// numbers in a table beside them; below, the detection-probability planner (planner.js).
import { h } from '../dom.js';
import { get } from '../api.js';
import { t, currentLang } from '../i18n.js';
import { num, int } from '../fmt.js';
import { section, table, empty, badge, kv } from '../ui.js';
import { chart } from '../chart.js';
import { plannerSection } from './planner.js';

export async function render() {
  const st = await get('/statistics');
  const ps = st.periods || [];
  const th = st.thresholds || {};
  if (!ps.length) return h('div', { class: 'page' }, h('h1', {}, t('nav.statistics')), empty('stats.none'), plannerSection());
  const xs = ps.map((p) => p.period);
  const kgU = t('unit.kg');
  const k = th.k_single || 1.96;
  const charts = [
    chart('chart-muf', 'stats.muf_chart', xs, [
      { label: t('stats.muf'), unit: kgU, color: '#1f5fa8', data: ps.map((p) => p.muf_kg) },
      { label: t('stats.plus_sigma', { k: num(k, 2) }), unit: kgU, color: '#b04a00', dash: [6, 4], data: ps.map((p) => p.muf_kg + k * p.sigma_muf_kg) },
      { label: t('stats.minus_sigma', { k: num(k, 2) }), unit: kgU, color: '#b04a00', dash: [6, 4], data: ps.map((p) => p.muf_kg - k * p.sigma_muf_kg) }]),
    chart('chart-cumuf', 'stats.cumuf_chart', xs, [
      { label: t('stats.cumuf'), unit: kgU, color: '#1f5fa8', data: ps.map((p) => p.cumuf_kg) },
      { label: t('stats.sigma'), unit: kgU, color: '#777', dash: [4, 4], data: ps.map((p) => p.sigma_cumuf_kg) }]),
    chart('chart-sitmuf', 'stats.sitmuf_chart', xs, [
      { label: t('stats.sitmuf'), unit: '', color: '#2c7a3f', data: ps.map((p) => p.sitmuf) }]),
    chart('chart-page', 'stats.page_chart', xs, [
      { label: t('stats.page'), unit: '', color: '#6a3fa0', data: ps.map((p) => p.page) },
      { label: t('stats.threshold'), unit: '', color: '#c0262d', dash: [6, 4], data: ps.map(() => th.page_h ?? null) }]),
  ];
  const rows = table([
    { label: t('stats.period'), cell: (p) => `${p.period} · ${p.label}` },
    { label: `${t('stats.muf')} (${kgU})`, num: true, cell: (p) => num(p.muf_kg) },
    { label: `σ (${kgU})`, num: true, cell: (p) => num(p.sigma_muf_kg) },
    { label: `${t('stats.cumuf')} (${kgU})`, num: true, cell: (p) => num(p.cumuf_kg) },
    { label: t('stats.sitmuf'), num: true, cell: (p) => num(p.sitmuf) },
    { label: t('stats.page'), num: true, cell: (p) => num(p.page) },
    { label: t('stats.alarms'), cell: (p) => (['muf', 'cumuf', 'page', 'gemuf'].filter((a) => p[`${a}_alarm`]).map((a) => badge(t(`stats.${a}`), 'danger'))) },
  ], ps, { class: 'data', id: 'stats-table' });
  return h('div', { class: 'page', dir: currentLang() === 'ar' ? 'rtl' : null },
    h('h1', {}, t('nav.statistics')),
    h('p', { class: 'muted' }, t('stats.mba', { mba: st.mba }), ' · ', st.definitions || '', st.standard === false ? [' ', badge(t('stats.nonstandard'), 'warn')] : null),
    st.methods ? h('p', { class: 'note' }, `${st.methods.name} v${st.methods.version}: ${st.methods.status}`) : null,
    h('div', { class: 'charts' }, charts),
    section('stats.thresholds', kv([
      [t('stats.k_single'), num(th.k_single, 3)], [t('stats.k_cumuf'), num(th.k_cumuf, 3)],
      [t('stats.page_h'), num(th.page_h, 3)], [t('stats.page_k'), num(th.page_k, 3)],
      [t('stats.page_alpha'), num(th.page_alpha, 3)], [t('stats.page_horizon'), int(th.page_horizon)],
      [t('stats.first_alarm'), st.first_page_alarm ?? t('stats.no_alarm')]])),
    section('stats.table', rows),
    plannerSection());
}
