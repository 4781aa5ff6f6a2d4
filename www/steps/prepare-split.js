// What the Prepare step shows of a prepared run: the rows used and left out, each part's size
// and class proportions as a chart drawn by the core (one 100 % bar per part, the positive
// class in its usual colour), the class counts before and after oversampling as a table, and
// the run's warnings.
import { drawSplit } from '../pkg/atelier.js';
import { h } from '../dom.js';
import { t, int, pct, count } from '../i18n.js';
import { table } from '../ui/table.js';
import { chart } from '../ui/chart.js';
import { warningList } from '../ui/warnings.js';

/** The classes in drawing order (the positive one first) and each part's counts in that order. */
export function partsOf(answer) {
  const { splits, classes, positive } = answer;
  const order = [positive, ...classes.filter((c) => c !== positive)];
  const of = (counts) => order.map((c) => counts?.[c] ?? 0);
  const parts = [{ key: 'train', counts: of(splits.train.class_counts) }];
  if (splits.train.resampled_class_counts) parts.push({ key: 'resampled', counts: of(splits.train.resampled_class_counts) });
  parts.push({ key: 'validation', counts: of(splits.validation.class_counts) }, { key: 'test', counts: of(splits.test.class_counts) });
  return { order, parts };
}

const partName = (key, spec) => t(key === 'resampled' ? `prep.part.resampled.${spec.resample.kind}` : `prep.part.${key}`);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const className = (c, positive) => (c === positive ? t('prep.positiveClass', { name: c }) : c);

function countsTable(answer, order, parts, spec) {
  return table({
    caption: t('prep.countsCaption'),
    columns: [t('prep.part'), ...order.map((c) => className(c, answer.positive)), t('eval.total')],
    rows: parts.map((p) => {
      const total = sum(p.counts);
      return [partName(p.key, spec),
        ...p.counts.map((n) => ({ text: total ? t('prep.countShare', { n: int(n), share: pct(n / total) }) : int(n), class: 'num' })),
        { text: int(total), class: 'num' }];
    }),
  });
}

function splitChart(answer, order, parts, spec) {
  const title = t('prep.chartTitle');
  const names = parts.map((p) => partName(p.key, spec));
  const c = chart({
    key: 'prepare-split',
    title,
    label: t('prep.chartLabel'),
    height: 112 + 46 * parts.length,
    maxWidth: 720,
    draw: (canvas, look) => drawSplit(canvas, {
      title, xTitle: t('prep.shareAxis'), classes: order, parts: parts.map((p, i) => ({ name: names[i], counts: p.counts })), ...look,
    }),
    readout: ({ x, y }) => {
      const p = parts[Math.floor(y)];
      const total = p && sum(p.counts);
      if (!total) return null;
      let start = 0;
      for (let k = 0; k < order.length; k++) {
        const end = start + (100 * p.counts[k]) / total;
        if (x < end || k === order.length - 1) {
          return t('prep.readout', { part: names[Math.floor(y)], name: order[k], n: int(p.counts[k]), share: pct(p.counts[k] / total) });
        }
        start = end;
      }
      return null;
    },
    numbers: () => countsTable(answer, order, parts, spec),
  });
  return c.element;
}

/** The results of `prepare` for the current spec. */
export function splitResults(ctx, answer) {
  const { spec } = ctx.state;
  const { order, parts } = partsOf(answer);
  const { rows } = answer;
  return h('div', { class: 'prep-results' },
    h('p', { class: 'lead', text: t('prep.rowsUsed', { rows: count(rows.used, 'row'), target: answer.target, positive: answer.positive }) }),
    rows.missing_target > 0 && h('p', { class: 'note', text: t('prep.missingTarget', { rows: count(rows.missing_target, 'row') }) }),
    rows.missing_features > 0 && h('p', { class: 'note', text: t('prep.missingFeatures', { rows: count(rows.missing_features, 'row') }) }),
    splitChart(answer, order, parts, spec),
    countsTable(answer, order, parts, spec),
    answer.splits.train.resampled_class_counts && h('p', { class: 'muted small', text: t('prep.resampledNote') }),
    warningList(answer.warnings));
}
