// The results of the last training: the metrics on the training and validation parts side by
// side, the run's warnings, what the model learnt (coefficients, a tree, importances, priors),
// and the way on to step 8 with the validation part's scores.
import { drawBars } from '../pkg/atelier.js';
import { h, card } from '../dom.js';
import { t, int, num, fixed } from '../i18n.js';
import { table } from '../ui/table.js';
import { chart } from '../ui/chart.js';
import { warningList } from '../ui/warnings.js';

const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc'];
const MAX_BARS = 12; // coefficients drawn; each bar writes its value above it, so a few wide bars read best
const TOP = 10;

/** A metric of a part, as text: undefined ratios (0/0) and missing curves say so. */
function value(part, key) {
  if (!part) return { text: '—' };
  if (key === 'auc') return part.roc ? { text: fixed(part.roc.auc), title: String(part.roc.auc), class: 'num' } : { text: t('train.noCurve'), title: t('train.noCurveWhy'), class: 'num muted' };
  const m = part.metrics;
  if (m.undefined?.includes(key)) return { text: t('eval.undefined'), title: t('eval.undefinedWhy', { name: t(`eval.metric.${key}`) }), class: 'num undefined' };
  return { text: fixed(m[key]), title: String(m[key]), class: 'num' };
}

function metricsTable(report) {
  const { train, validation } = report;
  const n = (part) => part.metrics.tp + part.metrics.fp + part.metrics.tn + part.metrics.fn;
  return table({
    caption: t('train.metricsCaption', { threshold: num(report.threshold) }),
    columns: [t('eval.metric'), t('train.onTrain', { n: int(n(train)) }), validation ? t('train.onValidation', { n: int(n(validation)) }) : t('train.noValidation')],
    rows: METRICS.map((key) => [t(key === 'auc' ? 'train.auc' : `eval.metric.${key}`), value(train, key), value(validation, key)]),
    className: 'data metrics-side',
  });
}

/** Much better on the data it learnt than on held-out rows: the course's overfitting. */
function overfitNote(report) {
  const a = report.train?.metrics?.f1;
  const b = report.validation?.metrics?.f1;
  if (!(a >= 0 && b >= 0) || a - b < 0.1) return null;
  return h('p', { class: 'note warn', text: t('train.overfit', { train: fixed(a), validation: fixed(b) }) });
}

/** The features sorted by `values`' size (largest first), as [name, value] pairs. */
function ranked(report, values, byAbs = false) {
  const key = byAbs ? Math.abs : (x) => x;
  return report.features.map((f, i) => [f, values[i] ?? NaN])
    .filter(([, v]) => Number.isFinite(v))
    .sort((a, b) => key(b[1]) - key(a[1]));
}

/** Logistic regression and linear SVM: a weight per (scaled) feature, as bars. */
function coefficientsCard(report) {
  const { coefficients, intercept, score } = report.model;
  const pairs = ranked(report, coefficients, true);
  const shown = pairs.slice(0, MAX_BARS);
  const title = t('train.coefTitle', { positive: report.positive });
  const c = chart({
    key: 'train-coefficients',
    title,
    label: t('train.coefLabel'),
    height: 320,
    draw: (canvas, look) => drawBars(canvas, {
      title, xTitle: t('train.feature'), yTitle: t('train.coefficient'),
      labels: shown.map(([f]) => f), values: shown.map(([, v]) => v), highlight: null, ...look,
    }),
    readout: ({ x }) => {
      const bar = shown[Math.floor(x)];
      return bar ? t('viz.named', { name: bar[0], value: num(bar[1]) }) : null;
    },
    numbers: () => table({
      caption: title,
      columns: [t('train.feature'), t('train.coefficient')],
      rows: [...pairs.map(([f, v]) => [f, { text: num(v), title: String(v), class: 'num' }]),
        [t('train.intercept'), { text: num(intercept), title: String(intercept), class: 'num' }]],
    }),
  });
  return card(t('train.coefCard'),
    h('p', { class: 'muted small', text: t(score === 'decision_function' ? 'train.coefHelpSvm' : 'train.coefHelp') }),
    c.element,
    pairs.length > MAX_BARS && h('p', { class: 'muted small', text: t('train.topOnly', { n: MAX_BARS, total: int(pairs.length) }) }),
    h('p', { class: 'muted small', text: t('train.interceptIs', { value: num(intercept) }) }));
}

/** The largest feature importances as a table (the chart of all of them: the number table). */
function importancesTable(report) {
  const values = report.model.feature_importances ?? [];
  const pairs = ranked(report, values);
  if (!pairs.length) return h('p', { class: 'muted', text: t('train.noImportances') });
  return h('div', {},
    table({
      caption: t('train.importancesCaption', { n: Math.min(TOP, pairs.length) }),
      columns: [t('train.feature'), t('train.importance')],
      rows: pairs.slice(0, TOP).map(([f, v]) => [f, { text: fixed(v), title: String(v), class: 'num' }]),
    }),
    pairs.length > TOP && h('p', { class: 'muted small', text: t('train.othersSum', { n: int(pairs.length - TOP), share: fixed(pairs.slice(TOP).reduce((s, [, v]) => s + v, 0)) }) }));
}

/** A decision tree: its shape and the features its splits use most. */
export function treeCard(report) {
  const { tree, leaves, depth } = report.model;
  return card(t('train.treeCard'),
    h('p', { text: t('train.treeShape', { nodes: int(tree?.length ?? 0), leaves: int(leaves), depth: int(depth) }) }),
    h('p', { class: 'muted small', text: t('train.importanceHelp') }),
    importancesTable(report));
}

/** A random forest: the features its trees' splits use most. */
export function importancesCard(report) {
  return card(t('train.importancesCard'),
    h('p', { class: 'muted small', text: t('train.importanceHelp') }),
    importancesTable(report));
}

function priorsCard(report) {
  const priors = report.model.class_prior ?? [];
  return card(t('train.priorsCard'),
    h('p', { class: 'muted small', text: t('train.priorsHelp') }),
    table({
      caption: t('train.priorsCaption'),
      columns: [t('eval.trueClass'), t('train.prior')],
      rows: report.model.classes.map((c, i) => [c, { text: fixed(priors[i]), title: String(priors[i]), class: 'num' }]),
    }));
}

function modelDetails(report) {
  switch (report.model.kind) {
    case 'logistic_regression':
    case 'linear_svm': return coefficientsCard(report);
    case 'decision_tree': return treeCard(report);
    case 'random_forest': return importancesCard(report);
    case 'gaussian_nb': return priorsCard(report);
    default: return card(t('train.knnCard'), h('p', { text: t('train.knnHelp') }));
  }
}

export function resultsView(ctx, report, { stale }) {
  const name = t(`train.kind.${report.model.kind}`);
  const evaluate = h('button', {
    type: 'button', class: 'primary', id: 'train-evaluate', text: t('train.evaluate'),
    onclick: async () => { await ctx.setEvalSource('run'); ctx.goTo('evaluate'); },
  });
  return h('div', { class: 'train-results' },
    card(t('train.resultsTitle', { name }),
      stale && h('p', { role: 'status', class: 'note warn', text: t('train.stale') }),
      h('p', { class: 'muted small', text: t(report.model.score === 'decision_function' ? 'train.ruleSvm' : 'train.rule', { threshold: num(report.threshold) }) }),
      metricsTable(report),
      overfitNote(report),
      warningList(report.warnings),
      h('div', { class: 'actions start' }, evaluate,
        h('span', { class: 'muted small', text: report.validation ? t('train.evaluateHelp', { rows: int(report.validation.scores.length) }) : t('train.evaluateNone') }))),
    modelDetails(report));
}
