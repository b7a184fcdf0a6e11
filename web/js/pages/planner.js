// The detection-probability planner on the Statistics page: a form for one diversion
// scenario against the bank's own measurement model (POST /api/v1/statistics/plan,
// the same numbers as `leubank simulate --bank --amount`), and its results: per test
// the calibrated threshold, the false-alarm and detection probabilities ± their
// standard errors, the amount detected with probability 0.95, and a chart of the
// detection probability by period.
import { h } from '../dom.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { num, int } from '../fmt.js';
import { section, table, field, actionForm } from '../ui.js';
import { chart } from '../chart.js';

const COLORS = { single: '#1f5fa8', cumuf: '#b04a00', page: '#6a3fa0', gemuf: '#2c7a3f' };
const pm = (p, se) => h('bdi', {}, `${num(p, 3)} ± ${num(se, 3)}`);

function results(r) {
  const tests = r.report.tests;
  const amounts = new Map((r.amount_for_target || []).map((a) => [a.test, a]));
  const kgU235 = t('unit.kg_u235');
  const rows = table([
    { label: t('plan.test'), cell: (x) => t(`plan.test_${x.test}`) },
    { label: t('plan.threshold'), num: true, cell: (x) => num(x.threshold, 3) },
    { label: t('plan.false_alarm'), num: true, cell: (x) => pm(x.false_alarm, x.false_alarm_se) },
    { label: t('plan.detection'), num: true, cell: (x) => pm(x.detection, x.detection_se) },
    { label: t('plan.amount_for', { p: num(r.target_detection * 100, 0) }) + ` (${kgU235})`, num: true,
      cell: (x) => (amounts.has(x.test) ? num(amounts.get(x.test).amount, 1) : '—') },
    { label: t('plan.sq'), num: true, cell: (x) => (amounts.has(x.test) ? num(amounts.get(x.test).significant_quantities, 2) : '—') },
  ], tests, { class: 'data', id: 'plan-table', caption: t('plan.caption', {
    amount: num(r.scenario.amount, 1), sq: num(r.scenario.significant_quantities, 2), scenario: t(`plan.${r.scenario.diversion}`),
    periods: int(r.periods), iterations: int(r.iterations), seed: r.seed }) });
  const xs = tests[0].detection_by_period.map((_, i) => i + 1);
  const fig = chart('chart-plan', 'plan.chart', xs, tests.map((x) => ({
    label: t(`plan.test_${x.test}`), unit: t('plan.probability'), color: COLORS[x.test], data: x.detection_by_period })));
  return h('div', { 'data-testid': 'plan-results' },
    rows, fig,
    h('p', { class: 'muted' }, t('plan.sigma', { sigma: num(r.sigma_muf[0], 3) }), ' ', kgU235, ' · ',
      t('plan.model', { n: int(r.bank.cylinders), w: r.bank.weighing_method, e: r.bank.enrichment_method }), ' · ',
      h('bdi', {}, r.methods_table)));
}

export function plannerSection() {
  const out = h('div', { 'aria-live': 'polite' });
  const form = actionForm({
    id: 'plan', cls: 'plan-form', submitLabel: t('plan.run'),
    fields: [
      field(t('plan.scenario'), 'select', 'scenario', { options: [['abrupt', t('plan.abrupt')], ['protracted', t('plan.protracted')]], value: 'abrupt' }),
      field(t('plan.amount_kg'), 'text', 'amount_kg', { value: '75', required: true }),
      field(t('plan.periods'), 'number', 'periods', { value: '12', required: true }),
      field(t('plan.iterations'), 'number', 'iterations', { value: '5000', required: true }),
      field(t('plan.seed'), 'number', 'seed', { value: '1', required: true }),
      field(t('plan.false_alarm_percent'), 'text', 'false_alarm_percent', { value: '5', required: true }),
    ],
    onSubmit: async (v) => {
      out.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('plan.running')));
      const asInt = (s) => (/^-?\d+$/.test(s.trim()) ? Number(s) : s.trim());
      try {
        const r = await post('/statistics/plan', {
          scenario: v.scenario, amount_kg: v.amount_kg.trim(), periods: asInt(v.periods), iterations: asInt(v.iterations),
          seed: asInt(v.seed), false_alarm_percent: v.false_alarm_percent.trim() });
        out.replaceChildren(results(r));
      } catch (ex) {
        out.replaceChildren();
        throw ex;
      }
    },
  });
  return section('plan.title', h('p', { class: 'muted' }, t('plan.lead')), form, out);
}
