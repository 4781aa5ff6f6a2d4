// The results of the last training: the metrics on the training and validation parts side by
// side, the run's warnings, what the model learnt (coefficients, a tree, importances, priors, a
// linear model's most telling words on text), and the way on to step 8 with the validation part's scores.
import { drawBars, drawTree, drawImportances } from '../pkg/atelier.js';
import { h, card } from '../dom.js';
import { t, int, num, fixed } from '../i18n.js';
import { table } from '../ui/table.js';
import { chart } from '../ui/chart.js';
import { warningList } from '../ui/warnings.js';
import { curvesChart, learningNotes, networkCard } from './train-live.js';

const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc'];
const MAX_BARS = 12; // coefficients drawn; each bar writes its value above it, so a few wide bars read best
const TOP = 15; // importances drawn and listed
const TREE_DEPTH = 2; // the deepest level drawn (the root is 0): deeper boxes grow too small to read

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

/** The feature importances, largest first, as a table (a chart's numbers). */
function importancesTable(report, caption) {
  const pairs = ranked(report, report.model.feature_importances ?? []);
  return table({
    caption,
    columns: [t('train.feature'), t('train.importance')],
    rows: pairs.map(([f, v]) => [f, { text: fixed(v), title: String(v), class: 'num' }]),
  });
}

/** The importances as horizontal bars, the largest on top (drawn by the core). */
function importancesChart(report) {
  const values = report.model.feature_importances ?? [];
  const shown = ranked(report, values).slice(0, TOP);
  if (!shown.length || shown[0][1] <= 0) return h('p', { class: 'muted', text: t('train.noImportances') });
  const title = t('train.importancesCaption', { n: shown.length });
  return chart({
    key: 'train-importances',
    title,
    height: 80 + 26 * shown.length,
    draw: (canvas, look) => drawImportances(canvas, {
      title, xTitle: t('train.importance'), yTitle: t('train.feature'), names: report.features, values, top: TOP, ...look,
    }),
    readout: ({ y }) => {
      const bar = shown[Math.floor(y)];
      return bar ? t('viz.named', { name: bar[0], value: fixed(bar[1]) }) : null;
    },
    numbers: () => importancesTable(report, title),
  }).element;
}

/** A tree's split as words: `feature ≤ threshold`, or the leaf. */
function splitText(report, node) {
  return node.feature == null ? t('train.leaf') : `${report.features[node.feature] ?? `x${node.feature}`} ≤ ${num(node.threshold)}`;
}

/** One side's telling words, the strongest first. */
function wordsTable(caption, words) {
  return table({
    caption,
    columns: [t('train.word'), t('train.coefficient')],
    rows: words.map((w) => [w.word, { text: num(w.coefficient), title: String(w.coefficient), class: 'num' }]),
  });
}

/** A linear model on a bag of words: the words that push most towards each side. */
function tellingCard(report) {
  const telling = report.text?.telling;
  if (!telling) return null;
  const other = telling.other ?? t('train.tellingRest');
  return card(t('train.tellingTitle'),
    h('p', { class: 'muted small', text: t('train.tellingHelp') }),
    h('div', { class: 'columns' },
      wordsTable(t('train.tellingFor', { class: telling.positive }), telling.for_positive),
      wordsTable(t('train.tellingFor', { class: other }), telling.for_other)));
}

/** A decision tree as the core draws it: each node's split, impurity, rows and class counts. */
function treeChart(ctx, report) {
  const nodes = report.model.tree ?? [];
  const criterion = ctx.state.reportSpec?.model?.criterion ?? 'gini';
  const title = t('train.treeTitle', { depth: Math.min(TREE_DEPTH, report.model.depth ?? 0) });
  return chart({
    key: 'train-tree',
    title,
    label: t('train.treeLabel', { nodes: int(nodes.length) }),
    height: (width) => Math.max(320, Math.min(560, width * 0.6)),
    maxWidth: 1100,
    draw: (canvas, look) => drawTree(canvas, {
      title, nodes, featureNames: report.features, classNames: report.model.classes,
      impurityName: t(`train.impurity.${criterion}`), samplesLabel: t('train.samples'),
      trueLabel: t('train.true'), falseLabel: t('train.false'), maxDepth: TREE_DEPTH,
      positive: report.model.classes.indexOf(report.positive), ...look,
    }),
    numbers: () => table({
      caption: t('train.treeNodes'),
      columns: [t('train.node'), t('train.split'), t(`train.impurity.${criterion}`), t('train.samples'), ...report.model.classes],
      rows: nodes.map((n, i) => [String(i), splitText(report, n), { text: fixed(n.impurity), class: 'num' }, { text: int(n.samples), class: 'num' },
        ...n.counts.map((c) => ({ text: num(c), class: 'num' }))]),
    }),
  }).element;
}

/** A decision tree: its shape, the diagram, and the features its splits use most. */
function treeCard(ctx, report) {
  return card(t('train.treeCard'),
    h('p', { text: t('train.treeShape', { nodes: int(report.model.tree?.length ?? 0), leaves: int(report.model.leaves ?? 0), depth: int(report.model.depth ?? 0) }) }),
    treeChart(ctx, report),
    h('p', { class: 'muted small', text: t('train.importanceHelp') }),
    importancesChart(report));
}

/** A random forest: the features its trees' splits use most. */
function importancesCard(report) {
  return card(t('train.importancesCard'),
    h('p', { class: 'muted small', text: t('train.importanceHelp') }),
    importancesChart(report));
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

function modelDetails(ctx, report) {
  switch (report.model.kind) {
    case 'logistic_regression':
    case 'logistic_regression_gd':
    case 'linear_svm': return coefficientsCard(report);
    case 'mlp': return null; // its network card says what it learnt
    case 'decision_tree': return treeCard(ctx, report);
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
    report.epochs && learningCard(report),
    report.model.layers && networkCard(ctx, report.model.layers, report.validation?.scores.length ?? 0),
    tellingCard(report),
    modelDetails(ctx, report));
}

/** A gradient-descent model's curves, as the training left them. */
function learningCard(report) {
  const curves = curvesChart(() => ({ learning: report, maxEpochs: report.epochs.length }));
  return card(t('live.title'), curves.element, learningNotes(report));
}
