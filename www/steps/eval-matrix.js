// The confusion matrix at the threshold, laid out as the course does (rows: the true class,
// columns: the predicted class, negative first as scikit-learn's confusion_matrix), and the rates
// read from it, each with its formula and its counts. Built once, updated in place.
import { h } from '../dom.js';
import { t, int, num, fixed, pct } from '../i18n.js';

/** A matrix cell: the outcome's name, its count, and its share of the row. */
function cell(outcome) {
  const count = h('span', { class: 'count' });
  const share = h('span', { class: 'share' });
  const td = h('td', { class: `outcome ${outcome.toLowerCase()}` },
    h('abbr', { class: 'abbr', title: t(`eval.outcome.${outcome}`), text: outcome }), ' = ', count, ' ', share);
  return { td, set(n, rowTotal) {
    count.textContent = int(n);
    share.textContent = rowTotal ? t('eval.rowShare', { share: pct(n / rowTotal) }) : '';
  } };
}

export function matrixCard(names, summary) {
  const negatives = summary.rows - summary.positives;
  const cells = Object.fromEntries(['TN', 'FP', 'FN', 'TP'].map((o) => [o, cell(o)]));
  const predNeg = h('td', { class: 'num total' });
  const predPos = h('td', { class: 'num total' });
  const caption = h('caption');
  const table = h('table', { class: 'data matrix' },
    caption,
    h('thead', {},
      h('tr', {}, h('td', {}), h('th', { scope: 'colgroup', colSpan: 2, class: 'axis', text: t('eval.predicted') }), h('td', {})),
      h('tr', {},
        h('th', { scope: 'col', class: 'axis', text: t('eval.actual') }),
        h('th', { scope: 'col', text: t('eval.predNeg', { name: names.negative }) }),
        h('th', { scope: 'col', text: t('eval.predPos', { name: names.positive }) }),
        h('th', { scope: 'col', text: t('eval.total') }))),
    h('tbody', {},
      h('tr', {}, h('th', { scope: 'row', text: t('eval.actualNeg', { name: names.negative }) }), cells.TN.td, cells.FP.td, h('td', { class: 'num total', text: int(negatives) })),
      h('tr', {}, h('th', { scope: 'row', text: t('eval.actualPos', { name: names.positive }) }), cells.FN.td, cells.TP.td, h('td', { class: 'num total', text: int(summary.positives) })),
      h('tr', {}, h('th', { scope: 'row', text: t('eval.total') }), predNeg, predPos, h('td', { class: 'num total', text: int(summary.rows) }))));
  const element = h('section', { class: 'card' },
    h('h2', { text: t('eval.matrix') }),
    h('div', { class: 'table-scroll' }, table),
    h('p', { class: 'muted small', text: t('eval.matrixHelp') }));
  return {
    element,
    update(x, m) {
      caption.textContent = t('eval.matrixCaption', { threshold: num(x) });
      cells.TN.set(m.tn, negatives);
      cells.FP.set(m.fp, negatives);
      cells.FN.set(m.fn, summary.positives);
      cells.TP.set(m.tp, summary.positives);
      predNeg.textContent = int(m.tn + m.fn);
      predPos.textContent = int(m.tp + m.fp);
    },
  };
}

/** One rate: its name, formula, the computation with the counts, and its value (or "undefined"). */
const RATES = [
  ['accuracy', (m) => [m.tp + m.tn, m.tp + m.tn + m.fp + m.fn]],
  ['precision', (m) => [m.tp, m.tp + m.fp]],
  ['recall', (m) => [m.tp, m.tp + m.fn]],
  ['f1', (m) => [2 * m.tp, 2 * m.tp + m.fp + m.fn]],
  ['specificity', (m) => [m.tn, m.tn + m.fp]],
  ['fpr', (m) => [m.fp, m.fp + m.tn]],
  ['balanced_accuracy', null],
  ['mcc', null],
];

export function metricsCard(summary) {
  const rows = RATES.map(([name, parts]) => {
    const work = h('td', { class: 'num work' });
    const value = h('td', { class: 'num value' });
    const tr = h('tr', {},
      h('th', { scope: 'row', text: t(`eval.metric.${name}`) }),
      h('td', { class: 'formula', text: t(`eval.formula.${name}`) }),
      work, value);
    return { name, parts, tr, work, value };
  });
  const majority = Math.max(summary.positives, summary.rows - summary.positives) / summary.rows;
  const element = h('section', { class: 'card' },
    h('h2', { text: t('eval.metrics') }),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'data metrics' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('eval.metric') }),
          h('th', { scope: 'col', text: t('eval.formula') }),
          h('th', { scope: 'col', class: 'num', text: t('eval.work') }),
          h('th', { scope: 'col', class: 'num', text: t('eval.value') }))),
        h('tbody', {}, rows.map((r) => r.tr)))),
    h('p', { class: 'note small', text: t('eval.f1Note') }),
    h('p', { class: 'note small', text: t('eval.baseline', { accuracy: fixed(majority) }) }));
  return {
    element,
    update(x, m) {
      for (const r of rows) {
        const undefinedHere = m.undefined.has(r.name);
        if (r.name === 'balanced_accuracy') {
          r.work.textContent = t('eval.balancedWork', { r: fixed(m.recall), s: fixed(m.specificity) });
        } else if (r.parts) {
          const [a, b] = r.parts(m);
          r.work.textContent = `${int(a)} / ${int(b)}`;
        } else {
          r.work.textContent = '';
        }
        r.value.textContent = undefinedHere ? t('eval.undefined') : fixed(m[r.name]);
        r.value.title = undefinedHere ? t('eval.undefinedWhy', { name: t(`eval.metric.${r.name}`) }) : String(m[r.name]);
        r.tr.classList.toggle('undefined', undefinedHere);
      }
    },
  };
}
