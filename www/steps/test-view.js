// What step 10 shows of a recorded final test: the list of the test set's uses (when, which
// spec, its AUC), and one use's result — the test figures beside the validation part's (the last
// training of the same spec) and the cross-validation's mean ± std (step 9, if it ran that
// spec), the confusion matrix and rates at the spec's threshold, the ROC and PR curves with their
// areas. The cards are step 8's (eval-matrix.js, eval-curves.js), fed from the record.
import { h, card } from '../dom.js';
import { t, int, num, fixed, count } from '../i18n.js';
import { MODELS } from '../spec.js';
import { table } from '../ui/table.js';
import { warningList } from '../ui/warnings.js';
import { matrixCard, metricsCard } from './eval-matrix.js';
import { rocCard, prCard } from './eval-curves.js';
import { withUndefined } from './eval-view.js';
import { crossValidated } from './validate.js';
import { shiftCard } from './test-shift.js';

/** The figures compared, with the cross-validation's names (`report.test_uses[].metrics`). */
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision'];

/** The threshold the core uses when the spec leaves it null. */
export const thresholdOf = (spec) => spec.threshold ?? (spec.model.kind === 'linear_svm' ? 0 : 0.5);

/** "Régression logistique — C = 1 · seuil 0,5": the model, its parameters, the threshold. */
export function specText(spec) {
  const { model } = spec;
  const value = (v) => (v == null ? 'None' : Array.isArray(v) ? `[${v.map(num).join(', ')}]` : typeof v === 'number' ? num(v) : String(v));
  const params = (MODELS[model.kind] ?? []).map((p) => `${p.key} = ${value(model[p.key])}`).join(', ');
  return t('test.specText', { model: t(`train.kind.${model.kind}`), params, threshold: num(thresholdOf(spec)) });
}

/** "le 2025-03-04 10:12 : Régression logistique — C = 1 · seuil 0,5 (AUC 0,998)" */
export function useText(record) {
  const auc = record.use.metrics.roc_auc;
  return t('test.useText', { at: record.use.at ?? '—', spec: specText(record.spec), auc: auc == null ? '—' : fixed(auc) });
}

/** Every use of the test set on this data, oldest first; `shown` is the one whose result follows. */
export function usesCard(records, shown) {
  return card(t('test.usesTitle'),
    h('p', { class: 'lead', text: t('test.usedOn', { at: records[0].use.at ?? '—', spec: specText(records[0].spec) }) }),
    h('ol', { class: 'test-uses', 'aria-label': t('test.usesTitle') },
      records.map((r) => h('li', { 'aria-current': r === shown ? 'true' : null },
        useText(r), ' ', h('span', { class: 'muted small', text: t('test.hash', { hash: r.use.spec_hash }) })))),
    records.length > 1 && h('p', { class: 'note warn', text: t('test.usedTwice', { n: int(records.length) }) }));
}

/** A figure of the test (`report.test`), the validation part (`report.validation`) or a
 *  cross-validation (`cv.mean`, `cv.std`), as a cell. */
function partFigure(part, key) {
  if (!part) return null;
  if (key === 'roc_auc') return part.roc?.auc ?? null;
  if (key === 'average_precision') return part.pr?.average_precision ?? null;
  return part.metrics[key];
}
const cell = (x) => (x == null ? { text: '—', class: 'num muted' } : { text: fixed(x), title: String(x), class: 'num' });
const cvCell = (cv, key) => (cv?.mean[key] == null ? { text: '—', class: 'num muted' }
  : { text: `${fixed(cv.mean[key])} ± ${fixed(cv.std[key])}`, title: `${cv.mean[key]} ± ${cv.std[key]}`, class: 'num' });

/** The test beside the validation part and the cross-validation of the same spec. */
function compareCard(ctx, record) {
  const same = JSON.stringify(ctx.state.reportSpec) === JSON.stringify(record.spec);
  const validation = same ? ctx.state.report?.validation : null;
  const cv = crossValidated(ctx, record.spec);
  const test = record.result.test;
  return card(t('test.compareTitle'),
    table({
      caption: t('test.compareCaption', { threshold: num(record.result.threshold) }),
      columns: [t('eval.metric'), t('test.col.validation'), t('test.col.cv'), t('test.col.test')],
      rows: METRICS.map((key) => [t(`cv.metric.${key}`), cell(partFigure(validation, key)), cvCell(cv, key), cell(partFigure(test, key))]),
      className: 'data test-compare',
    }),
    !validation && h('p', { class: 'muted small', text: t('test.noValidation') }),
    !cv && h('p', { class: 'muted small', text: t('test.noCv') }),
    h('p', { class: 'note small', text: t('test.reading') }));
}

/** The class names the matrix shows: the positive one, and the other (or "not positive"). */
function names(result) {
  const others = result.classes.filter((c) => c !== result.positive);
  return { positive: result.positive, negative: others.length === 1 ? others[0] : t('eval.rest', { positive: result.positive }) };
}

/** Which rows were scored: the held-out ones, or another file (its name as the page had it). */
function testedOn(record) {
  const test = record.result.test;
  const file = test.data && test.data.kind !== 'held_out' ? t('test.fileName', { name: record.testName ?? test.data.id ?? '—' }) : t('test.heldOutName');
  return [h('p', { text: t('test.onResult', { file, rows: count(record.result.rows, 'row') }) }),
    test.left_out > 0 && h('p', { class: 'muted small', text: t('test.leftOut', { n: count(test.left_out, 'row') }) })];
}

/** One recorded use's result; `current`: it is the page's spec (else an earlier one's). */
export function resultView(ctx, record, current) {
  const { result } = record;
  const m = withUndefined(result.test.metrics);
  const summary = { rows: m.tp + m.fp + m.tn + m.fn, positives: m.tp + m.fn };
  const x = result.threshold;
  const parts = [matrixCard(names(result), summary), metricsCard(summary)];
  const curves = [result.test.roc && rocCard(result.test.roc), result.test.pr && prCard(result.test.pr, summary.positives / summary.rows)].filter(Boolean);
  for (const part of [...parts, ...curves]) part.update(x, m);
  return h('div', { class: 'test-result' },
    card(t('test.resultTitle'),
      h('p', { class: 'lead', text: t('test.resultLead', { spec: specText(record.spec), rows: int(result.rows), at: record.use.at ?? '—' }) }),
      testedOn(record),
      !current && h('p', { role: 'status', class: 'note', text: t('test.earlierResult') }),
      warningList(result.warnings.filter((w) => w.code === 'test_reused'))),
    shiftCard(result),
    compareCard(ctx, record),
    h('div', { class: 'columns wide' }, parts.map((p) => p.element)),
    curves.length ? h('div', { class: 'columns' }, curves.map((c) => c.element)) : h('p', { class: 'muted', text: t('test.noCurves') }));
}
