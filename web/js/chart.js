// A uPlot line chart in a captioned figure: x values, and series {label, unit, color, dash?, data}.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export function chart(id, titleKey, xs, series) {
  const holder = h('div', { class: 'chart', id, role: 'img', 'aria-label': t(titleKey) });
  const width = () => Math.max(280, Math.min(holder.clientWidth || 560, 900));
  const opts = {
    width: 560, height: 240,
    scales: { x: { time: false } },
    axes: [{ label: t('stats.period'), values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) }, { label: series[0].unit }],
    series: [{ label: t('stats.period') }, ...series.map((s) => ({ label: s.label, stroke: s.color, dash: s.dash, width: 2, points: { show: !s.dash } }))],
  };
  // Draw once the holder is in the document, so the width is known.
  requestAnimationFrame(() => {
    opts.width = width();
    const u = new uPlot(opts, [xs, ...series.map((s) => s.data)], holder);
    new ResizeObserver(() => u.setSize({ width: width(), height: 240 })).observe(holder);
  });
  return h('figure', { class: 'figure' }, h('figcaption', {}, t(titleKey)), holder);
}
