// Member State records for the bank officer: the registered States with their latest
// facts, and the form that records a dated fact with its evidence
// (POST /states/{code}/facts): membership, a comprehensive safeguards agreement
// (CSA), the latest Safeguards Implementation Report (SIR), or Board issues. Only
// the members of the chosen fact are sent; the others are hidden.
import { h } from '../dom.js';
import { get, post } from '../api.js';
import { t, tv } from '../i18n.js';
import { section, table, empty, field, actionForm, compact } from '../ui.js';

const FACTS = ['membership', 'csa', 'sir', 'board_issues'];

function latest(s, fact) {
  const f = (s.facts || {})[fact];
  const last = Array.isArray(f) ? f[f.length - 1] : f;
  return last && last.as_of ? last.as_of : '—';
}

function factBody(v) {
  const base = { fact: v.fact, as_of: v.as_of, evidence: { ref: v.evidence_ref.trim(), sha256: v.evidence_sha256.trim() }, note: v.note.trim() };
  if (v.fact === 'membership') return compact({ ...base, member: v.member });
  if (v.fact === 'csa') return compact({ ...base, csa_in_force: v.csa_in_force, csa_reference: v.csa_reference.trim(), csa_in_force_since: v.csa_in_force_since, covers_supplied_leu: v.covers_supplied_leu });
  if (v.fact === 'sir') return compact({ ...base, sir_year: /^\d+$/.test(v.sir_year) ? Number(v.sir_year) : v.sir_year, no_diversion: v.no_diversion });
  return compact({ ...base, issue_under_consideration: v.issue_under_consideration });
}

export async function statesSection(refresh) {
  const states = (await get('/states')).items || [];
  const groups = {
    membership: h('fieldset', { 'data-fact': 'membership' }, h('legend', {}, tv('fact', 'membership')), field(t('stf.member'), 'checkbox', 'member', { checked: true })),
    csa: h('fieldset', { 'data-fact': 'csa' }, h('legend', {}, tv('fact', 'csa')),
      field(t('stf.csa_in_force'), 'checkbox', 'csa_in_force', { checked: true }), field(t('stf.csa_reference'), 'text', 'csa_reference', { placeholder: 'INFCIRC/999' }),
      field(t('stf.csa_in_force_since'), 'date', 'csa_in_force_since'), field(t('stf.covers_supplied_leu'), 'checkbox', 'covers_supplied_leu', { checked: true })),
    sir: h('fieldset', { 'data-fact': 'sir' }, h('legend', {}, tv('fact', 'sir')),
      field(t('stf.sir_year'), 'number', 'sir_year'), field(t('stf.no_diversion'), 'checkbox', 'no_diversion', { checked: true })),
    board_issues: h('fieldset', { 'data-fact': 'board_issues' }, h('legend', {}, tv('fact', 'board_issues')),
      field(t('stf.issue_under_consideration'), 'checkbox', 'issue_under_consideration')),
  };
  const show = (fact) => { for (const [k, g] of Object.entries(groups)) g.hidden = k !== fact; };
  const factSel = field(t('stf.fact'), 'select', 'fact', { options: FACTS.map((f) => [f, tv('fact', f)]), value: 'membership' });
  factSel.querySelector('select').addEventListener('change', (e) => show(e.target.value));
  show('membership');
  const form = actionForm({
    id: 'state-fact', title: t('stf.record'), submitLabel: t('stf.record'),
    fields: [
      field(t('stf.state'), 'select', 'state', { options: states.map((s) => [s.code, `${s.code} — ${s.name || ''}`]) }),
      factSel,
      field(t('stf.as_of'), 'date', 'as_of', { required: true }),
      field(t('stf.evidence_ref'), 'text', 'evidence_ref', { required: true }),
      field(t('stf.evidence_sha256'), 'text', 'evidence_sha256', { required: true }),
      field(t('req.note'), 'text', 'note'),
      Object.values(groups)],
    onSubmit: async (v) => { await post(`/states/${encodeURIComponent(v.state)}/facts`, factBody(v)); refresh(); },
  });
  return section('stf.title', states.length === 0 ? empty() : table([
    { label: t('stf.state'), cell: (s) => s.code },
    { label: t('stf.name'), cell: (s) => h('bdi', {}, s.name || '—') },
    ...FACTS.map((f) => ({ label: tv('fact', f), cell: (s) => latest(s, f) })),
  ], states, { class: 'data', id: 'states' }), form);
}
