// The evaluation of one choice: notes on the input, the threshold bar, the confusion matrix and
// its rates, ROC and PR curves, the score histograms and the ranked table. Moving the threshold
// asks the worker only `at(threshold)` (O(log n)); the curves are never recomputed, and every
// card is repainted at most once per frame with the latest answer.
import { h } from '../dom.js';
import { t, int, num, pct, count } from '../i18n.js';
import { thresholdBar } from './eval-threshold.js';
import { matrixCard, metricsCard } from './eval-matrix.js';
import { rocCard, prCard, scoreHistogramCard } from './eval-curves.js';
import { rankingCard } from './eval-ranking.js';

/** The slider's range: 0..1 for probabilities, else the scores' own range; and its step. */
function rangeOf(histogram) {
  const lo = histogram.edges[0];
  const hi = histogram.edges.at(-1);
  const inUnit = lo >= 0 && hi <= 1;
  if (inUnit) return { min: 0, max: 1, step: 0.01, inUnit, lo, hi };
  const span = Math.max(hi - lo, 1e-9);
  const step = span <= 20 ? 0.01 : 10 ** Math.floor(Math.log10(span / 1000));
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step, inUnit, lo, hi };
}

/** Names of the two classes: the positive one, and the rest (the other value when there are two). */
function classNames(summary, values) {
  const positive = summary.positive;
  const others = values.map((v) => String(v.value)).filter((v) => v !== positive);
  return { positive, negative: others.length === 1 ? others[0] : t('eval.rest', { positive }) };
}

export function evaluationView(ctx, answer, prefs, choice, save) {
  const { summary, roc, pr, histogram, values } = answer;
  const names = classNames(summary, values);
  const range = rangeOf(histogram);
  const prevalence = summary.positives / summary.rows;
  if (!(prefs.threshold >= range.min && prefs.threshold <= range.max)) prefs.threshold = range.inUnit ? 0.5 : (range.lo + range.hi) / 2;

  const notes = h('div', { class: 'eval-notes' },
    h('p', { class: 'muted', text: t('eval.counts', { rows: int(summary.rows), positives: int(summary.positives), share: pct(prevalence), positive: names.positive }) }),
    summary.dropped > 0 && h('p', { class: 'note warn', text: t('eval.dropped', { rows: count(summary.dropped, 'row') }) }),
    !range.inUnit && h('p', { class: 'note warn', text: t('eval.outside', { lo: num(range.lo), hi: num(range.hi) }) }));

  const ask = (op, args) => ctx.client.request(op, { choice, ...args });
  const matrix = matrixCard(names, summary);
  const metrics = metricsCard(summary);
  const rocPart = rocCard(roc);
  const prPart = prCard(pr, prevalence);
  const hist = scoreHistogramCard(histogram, names, range);
  const ranking = rankingCard(ctx, { ask, summary, names, prefs });
  const bar = thresholdBar({ range, prefs, ask, onInput: set });
  const parts = [bar, matrix, metrics, rocPart, prPart, hist, ranking];

  // The latest threshold asked, and the latest answer to paint.
  let wanted = null;
  let asking = false;
  let toPaint = null;
  let frame = 0;
  async function pump() {
    if (asking) return;
    asking = true;
    try {
      while (wanted != null) {
        const x = wanted;
        wanted = null;
        const m = await ask('evalAt', { threshold: x });
        toPaint = { x, m: withUndefined(m) };
        frame ||= requestAnimationFrame(paint);
      }
    } catch { /* the data changed under us: the step is drawn again */ } finally { asking = false; }
  }
  function paint() {
    frame = 0;
    if (!toPaint) return;
    const { x, m } = toPaint;
    toPaint = null;
    for (const part of parts) part.update(x, m);
  }
  function set(x, from) {
    if (from) save(); // a user's move, not the first paint
    prefs.threshold = x;
    bar.show(x, from);
    wanted = x;
    pump();
  }
  set(prefs.threshold, null);

  return h('div', { class: 'eval' },
    notes,
    bar.element,
    bar.pickers,
    h('div', { class: 'columns wide' }, matrix.element, metrics.element),
    h('div', { class: 'columns' }, rocPart.element, prPart.element),
    hist.element,
    ranking.element);
}

/** The core names the rates whose denominator is 0; MCC is also undefined when a row or a
 *  column of the matrix is empty (the core gives 0, as scikit-learn). */
export function withUndefined(m) {
  const undefinedNames = new Set(m.undefined);
  if (m.tp + m.fp === 0 || m.tp + m.fn === 0 || m.tn + m.fp === 0 || m.tn + m.fn === 0) undefinedNames.add('mcc');
  return { ...m, undefined: undefinedNames };
}
