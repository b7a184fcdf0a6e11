// The forms on a cylinder's page, each shown only to the roles that may use it
// (docs/api.md): a weighing and an enrichment measurement (operator, inspector),
// each naming its method and calibration period, a move (operator), applying,
// checking and removing a seal (operator, inspector), and booking an accidental
// loss or gain of UF6 (accountant). A measurement's method is chosen from the
// methods in force (GET /methods), so a name the server would refuse cannot be
// typed. Empty optional members are left out, so the server applies its defaults
// (today's date, the tare in the books).
import { h } from '../dom.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { section, field, methodField, actionForm, compact } from '../ui.js';

const dateField = () => field(t('form.date_optional'), 'date', 'date');

export function cylinderForms(it, roles, refresh, methods) {
  const has = (...rs) => rs.some((r) => roles.includes(r));
  const id = encodeURIComponent(it.id);
  const seals = (it.seals || []).map((s) => [s, s]);
  const forms = [];
  if (has('operator', 'inspector')) {
    forms.push(actionForm({
      id: 'weigh', title: t('cylf.weigh'), submitLabel: t('cylf.weigh'),
      fields: [
        field(t('cylf.gross_kg'), 'text', 'gross_kg', { required: true, placeholder: '2277.000' }),
        field(t('cylf.tare_kg'), 'text', 'tare_kg'),
        methodField(t('cylf.method'), methods, 'load cells'),
        field(t('cylf.calibration'), 'text', 'calibration', { required: true, placeholder: 'LC-2019' }),
        dateField()],
      onSubmit: async (v) => {
        await post(`/items/${id}/weighings`, compact({ gross_kg: v.gross_kg.trim(), tare_kg: v.tare_kg.trim(), method: v.method.trim(), calibration: v.calibration.trim(), date: v.date }));
        refresh();
      },
    }));
  }
  if (has('operator', 'inspector')) {
    forms.push(actionForm({
      id: 'enrich', title: t('cylf.enrich'), submitLabel: t('cylf.enrich'),
      fields: [
        field(t('cylf.u235_percent'), 'text', 'u235_percent', { required: true, placeholder: '4.950' }),
        methodField(t('cylf.method'), methods, 'NDA gamma HPGe'),
        field(t('cylf.calibration'), 'text', 'calibration', { required: true, placeholder: 'HPGe-2026' }),
        dateField()],
      onSubmit: async (v) => {
        await post(`/items/${id}/enrichments`, compact({ u235_percent: v.u235_percent.trim(), method: v.method.trim(), calibration: v.calibration.trim(), date: v.date }));
        refresh();
      },
    }));
  }
  if (has('operator')) {
    forms.push(actionForm({
      id: 'move', title: t('cylf.move'), submitLabel: t('cylf.move'),
      fields: [field(t('cylf.to'), 'text', 'to', { required: true, placeholder: 'R09-01' }), dateField()],
      onSubmit: async (v) => { await post(`/items/${id}/moves`, compact({ to: v.to.trim(), date: v.date })); refresh(); },
    }));
  }
  if (has('operator', 'inspector')) {
    forms.push(actionForm({
      id: 'seal-apply', title: t('cylf.seal_apply'), submitLabel: t('cylf.seal_apply'),
      fields: [field(t('cylf.seal'), 'text', 'seal', { required: true }), field(t('cylf.seal_type'), 'text', 'seal_type', { value: 'metal cap' }), dateField()],
      onSubmit: async (v) => { await post('/seals', compact({ seal: v.seal.trim(), item: it.id, seal_type: v.seal_type.trim(), date: v.date })); refresh(); },
    }));
    if (seals.length) {
      forms.push(actionForm({
        id: 'seal-verify', title: t('cylf.seal_verify'), submitLabel: t('cylf.seal_verify'),
        fields: [field(t('cylf.seal'), 'select', 'seal', { options: seals }), field(t('cylf.intact'), 'checkbox', 'intact', { checked: true }),
          field(t('cylf.note'), 'text', 'note'), dateField()],
        onSubmit: async (v) => {
          await post(`/seals/${encodeURIComponent(v.seal)}/verifications`, compact({ item: it.id, intact: v.intact, note: v.note.trim(), date: v.date }));
          refresh();
        },
      }));
      forms.push(actionForm({
        id: 'seal-remove', title: t('cylf.seal_remove'), submitLabel: t('cylf.seal_remove'), danger: true,
        fields: [field(t('cylf.seal'), 'select', 'seal', { options: seals }), field(t('cylf.reason'), 'text', 'reason', { required: true }), dateField()],
        onSubmit: async (v) => {
          await post(`/seals/${encodeURIComponent(v.seal)}/removal`, compact({ item: it.id, reason: v.reason.trim(), date: v.date }));
          refresh();
        },
      }));
    }
  }
  if (has('accountant')) {
    forms.push(actionForm({
      id: 'loss-gain', title: t('cylf.loss_gain'), submitLabel: t('cylf.book'),
      fields: [
        field(t('cylf.kind'), 'select', 'kind', { options: [['losses', t('cylf.loss')], ['gains', t('cylf.gain')]] }),
        field(t('cylf.uf6_kg'), 'text', 'uf6_kg', { required: true }),
        field(t('cylf.reason'), 'text', 'reason', { required: true }), dateField()],
      onSubmit: async (v) => {
        await post(`/${v.kind === 'gains' ? 'gains' : 'losses'}`, compact({ item: it.id, uf6_kg: v.uf6_kg.trim(), reason: v.reason.trim(), date: v.date }));
        refresh();
      },
    }));
  }
  return forms.length ? section('cylf.title', h('div', { class: 'actions', 'data-testid': 'cylinder-actions' }, forms)) : null;
}
