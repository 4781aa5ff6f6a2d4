// The ROC curve with its AUC, the precision–recall curve with its average precision (each with
// its chance line and a marker at the threshold), and the score distribution of each class with
// the threshold line. The curves are computed once per choice; the threshold only moves marks.
// Charts come from the core (drawRoc, drawPr, drawScoreHistogram); without them, the numbers.
import * as pkg from '../pkg/atelier.js';
import { h } from '../dom.js';
import { t, int, num, fixed, pct } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';

const square = (w) => Math.round(Math.min(w * 0.92, 470));
const n = (x) => ({ text: num(x), title: String(x), class: 'num' });

/** The point of a curve nearest to (x, y), as an index. */
function nearest(xs, ys, x, y) {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
    if (d < bestD) { bestD = d; best = i; }
  }
  return best;
}

/** A curve card: a chart drawn by `draw` if the core has it, else its numbers as a table. */
function curveCard({ heading, lead, key, title, hasChart, draw, readout, numbers, mark, notes = [], thinned }) {
  const thinNote = thinned && h('p', { class: 'muted small', text: t('eval.thinned', { shown: int(thinned.shown), total: int(thinned.total) }) });
  if (!hasChart) {
    return { element: h('section', { class: 'card' }, h('h2', { text: heading }), lead, ...notes, thinNote, numbers()), moveMark() {} };
  }
  const c = chart({ key, title, height: square, maxWidth: 520, draw, readout, numbers, mark });
  return { element: h('section', { class: 'card' }, h('h2', { text: heading }), lead, ...notes, c.element, thinNote), moveMark: c.moveMark };
}

export function rocCard(roc) {
  let marker = null;
  const title = t('eval.rocTitle');
  const aucLabel = t('eval.auc', { auc: fixed(roc.auc) });
  const columns = [t('eval.thresholdCol'), t('eval.fprCol'), t('eval.tprCol')];
  const card = curveCard({
    heading: t('eval.roc'),
    lead: h('p', { class: 'lead', text: aucLabel }),
    key: 'roc', title, hasChart: typeof pkg.drawRoc === 'function',
    draw: (canvas, look, opts) => pkg.drawRoc(canvas, {
      title, xTitle: t('eval.fprAxis'), yTitle: t('eval.tprAxis'), fpr: roc.fpr, tpr: roc.tpr, auc: roc.auc,
      aucLabel, marker: opts?.mark === false ? null : marker, chanceLabel: t('eval.chance'), ...look,
    }),
    mark: (ctx, frame, look) => paintMarker(ctx, frame, marker, look),
    readout: ({ x, y }) => {
      const i = nearest(roc.fpr, roc.tpr, x, y);
      return i < 0 ? null : t('eval.rocReadout', { threshold: num(roc.thresholds[i]), fpr: fixed(roc.fpr[i]), tpr: fixed(roc.tpr[i]) });
    },
    numbers: () => table({ caption: title, columns, rows: roc.fpr.map((f, i) => [n(roc.thresholds[i]), n(f), n(roc.tpr[i])]) }),
    notes: [h('p', { class: 'muted small', text: t('eval.rocHelp') })],
    thinned: roc.thinned && { shown: roc.fpr.length, total: roc.points },
  });
  return {
    element: card.element,
    update(x, m) { marker = [m.fpr, m.recall]; card.moveMark(); },
  };
}

export function prCard(pr, prevalence) {
  let marker = null;
  const title = t('eval.prTitle');
  const apLabel = t('eval.ap', { ap: fixed(pr.average_precision) });
  const columns = [t('eval.thresholdCol'), t('eval.recallCol'), t('eval.precisionCol')];
  const notes = [h('p', { class: 'muted small', text: t('eval.prHelp', { prevalence: fixed(prevalence) }) })];
  if (prevalence < 0.2) notes.push(h('p', { class: 'note warn', text: t('eval.readPr', { share: pct(prevalence) }) }));
  const card = curveCard({
    heading: t('eval.pr'),
    lead: h('p', { class: 'lead', text: apLabel }),
    key: 'pr', title, hasChart: typeof pkg.drawPr === 'function',
    draw: (canvas, look, opts) => pkg.drawPr(canvas, {
      title, xTitle: t('eval.recallAxis'), yTitle: t('eval.precisionAxis'), recall: pr.recall, precision: pr.precision,
      averagePrecision: pr.average_precision, apLabel: t('eval.apShort', { ap: fixed(pr.average_precision) }), prevalence,
      marker: opts?.mark === false ? null : marker,
      chanceLabel: t('eval.prChance', { prevalence: fixed(prevalence, 2) }), ...look,
    }),
    mark: (ctx, frame, look) => paintMarker(ctx, frame, marker, look),
    readout: ({ x, y }) => {
      const i = nearest(pr.recall, pr.precision, x, y);
      if (i < 0) return null;
      const th = pr.thresholds[i];
      return t('eval.prReadout', { threshold: th == null ? '—' : num(th), recall: fixed(pr.recall[i]), precision: fixed(pr.precision[i]) });
    },
    numbers: () => table({ caption: title, columns, rows: pr.recall.map((r, i) => [pr.thresholds[i] == null ? '—' : n(pr.thresholds[i]), n(r), n(pr.precision[i])]) }),
    notes,
    thinned: pr.thinned && { shown: pr.recall.length, total: pr.points },
  });
  return {
    element: card.element,
    update(x, m) { marker = m.undefined.has('precision') ? null : [m.recall, m.precision]; card.moveMark(); },
  };
}

/** The bins the core chose, widened with one empty bin on each side up to 0 and 1 when the
 *  scores are probabilities, so the threshold line can go anywhere the slider goes. */
function widened(hist, range) {
  const edges = [...hist.edges];
  const pos = [...hist.positive];
  const neg = [...hist.negative];
  if (range.min < edges[0]) { edges.unshift(range.min); pos.unshift(0); neg.unshift(0); }
  if (range.max > edges.at(-1)) { edges.push(range.max); pos.push(0); neg.push(0); }
  return { edges, pos, neg };
}

export function scoreHistogramCard(hist, names, range) {
  let threshold = null;
  const thresholdLabel = (x) => (x == null ? '' : t('eval.thresholdMark', { threshold: num(x) }));
  const { edges, pos, neg } = widened(hist, range);
  const title = t('eval.histTitle');
  const series = [
    { name: t('eval.classPos', { name: names.positive }), counts: pos },
    { name: t('eval.classNeg', { name: names.negative }), counts: neg },
  ];
  const nBins = edges.length - 1;
  const interval = (k) => t(k === nBins - 1 ? 'viz.binLast' : 'viz.bin', { a: num(edges[k]), b: num(edges[k + 1]) });
  const spec = (look) => ({ title, xTitle: t('eval.scoreAxis'), yTitle: t('look.count'), edges, series, ...look });
  const c = chart({
    key: 'score-histogram', title, height: 280,
    draw: (canvas, look, opts) => {
      const at = opts?.mark === false ? null : threshold;
      if (typeof pkg.drawScoreHistogram === 'function') {
        return pkg.drawScoreHistogram(canvas, { histogram: spec({}), threshold: at, thresholdLabel: thresholdLabel(at), ...look });
      }
      const frame = pkg.drawHistogram(canvas, spec(look));
      paintLine(canvas.getContext('2d'), frame, at, thresholdLabel(at), look);
      return frame;
    },
    mark: (ctx, frame, look) => paintLine(ctx, frame, threshold, thresholdLabel(threshold), look),
    readout: ({ x }) => {
      const k = edges.findIndex((e, i) => i < nBins && x >= e && x <= edges[i + 1]);
      if (k < 0) return null;
      return `${interval(k)} → ${series.map((s) => t('viz.named', { name: s.name, value: int(s.counts[k]) })).join(' · ')}`;
    },
    numbers: () => table({
      caption: title,
      columns: [t('viz.interval'), ...series.map((s) => s.name)],
      rows: Array.from({ length: nBins }, (_, k) => [interval(k), ...series.map((s) => ({ text: int(s.counts[k]), class: 'num' }))]),
    }),
  });
  return {
    element: h('section', { class: 'card' }, h('h2', { text: t('eval.hist') }),
      h('p', { class: 'muted small', text: t('eval.histHelp') }), c.element),
    update(x) { threshold = x; c.moveMark(); },
  };
}

// While the threshold moves, marks are painted with the 2D context over the chart drawn without
// them (ui/chart.js, moveMark); they copy the core's (plot/curves.rs): a ring in the text colour
// around a dot in the positive class's colour, and a vertical line labelled at its top.
const textColour = (dark) => (dark ? 'rgb(230, 230, 230)' : 'rgb(34, 34, 34)');
const POSITIVE = 'rgb(0, 114, 178)';
const toPx = (f, x, y) => [f.left + ((x - f.x_min) / (f.x_max - f.x_min)) * f.width, f.top + f.height - ((y - f.y_min) / (f.y_max - f.y_min)) * f.height];

function paintMarker(ctx, frame, at, { dpr, dark }) {
  if (!frame || !at || !at.every(Number.isFinite)) return;
  const [px, py] = toPx(frame, at[0], at[1]);
  ctx.lineWidth = Math.max(1, Math.round(1.5 * dpr));
  ctx.strokeStyle = textColour(dark);
  ctx.beginPath();
  ctx.arc(px, py, Math.round(7 * dpr), 0, 2 * Math.PI);
  ctx.stroke();
  ctx.fillStyle = POSITIVE;
  ctx.beginPath();
  ctx.arc(px, py, Math.round(4 * dpr), 0, 2 * Math.PI);
  ctx.fill();
}

function paintLine(ctx, frame, x, label, { dpr, dark }) {
  if (!frame || x == null || !(x >= Math.min(frame.x_min, frame.x_max) && x <= Math.max(frame.x_min, frame.x_max))) return;
  const share = (x - frame.x_min) / (frame.x_max - frame.x_min);
  const px = Math.round(frame.left + share * frame.width);
  ctx.save();
  ctx.strokeStyle = textColour(dark);
  ctx.fillStyle = textColour(dark);
  ctx.lineWidth = Math.max(1, Math.round(1.5 * dpr));
  ctx.beginPath();
  ctx.moveTo(px, frame.top);
  ctx.lineTo(px, frame.top + frame.height);
  ctx.stroke();
  if (label) {
    const gap = Math.round(4 * dpr);
    ctx.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    ctx.textAlign = share < 0.75 ? 'left' : 'right';
    ctx.fillText(label, share < 0.75 ? px + gap : px - gap, frame.top + gap);
  }
  ctx.restore();
}
