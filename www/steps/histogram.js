// The histogram card: one numeric column, its bins (chosen, or set by the automatic rule, named),
// optionally one series per class.
import { pkg } from '../core.js';
import { h, card, select, replace } from '../dom.js';
import { t, num, int } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';
import { swapper } from '../ui/swap.js';
import { numericColumns, featureColumns, classColumn, checkbox, valid, className } from './columns.js';

const prefs = { column: null, bins: null, byClass: false };

const interval = (a, b, last) => t(last ? 'viz.binLast' : 'viz.bin', { a: num(a), b: num(b) });

function build(ctx, column, hist, byClass) {
  const title = t('viz.histTitle', { column });
  const series = hist.series.map((s) => ({ name: byClass ? className(s.name) : t('look.count'), counts: s.counts }));
  const nBins = hist.edges.length - 1;
  const c = chart({
    key: 'histogram',
    title,
    draw: (canvas, look) => pkg.drawHistogram(canvas, { title, xTitle: column, yTitle: t('look.count'), edges: hist.edges, series, ...look }),
    readout: ({ x }) => {
      const k = hist.edges.findIndex((e, i) => i < nBins && x >= e && x <= hist.edges[i + 1]);
      if (k < 0) return null;
      const counts = series.map((s) => (byClass ? t('viz.named', { name: s.name, value: int(s.counts[k]) }) : int(s.counts[k]))).join(' · ');
      return `${interval(hist.edges[k], hist.edges[k + 1], k === nBins - 1)} → ${counts}`;
    },
    numbers: () => table({
      caption: title,
      columns: [t('viz.interval'), ...series.map((s) => s.name)],
      rows: Array.from({ length: nBins }, (_, k) => [interval(hist.edges[k], hist.edges[k + 1], k === nBins - 1),
        ...series.map((s) => ({ text: int(s.counts[k]), class: 'num' }))]),
    }),
  });
  return c.element;
}

export function histogramCard(ctx) {
  const numeric = numericColumns(ctx.state.summary);
  prefs.column = valid(prefs.column, numeric, featureColumns(ctx)[0] ?? numeric[0]);
  const body = h('div');
  const show = swapper(body);
  const rule = h('p', { class: 'muted small rule', 'aria-live': 'polite' });
  const slider = h('input', { type: 'range', min: '1', max: '60', step: '1', id: 'hist-bins' });
  const count = h('output', { for: 'hist-bins', class: 'num' });
  const auto = h('button', { type: 'button', text: t('viz.autoBins'), onclick: () => { prefs.bins = null; refresh(); } });

  function refresh() {
    const { column, bins } = prefs;
    const cls = prefs.byClass ? classColumn(ctx) : null;
    auto.hidden = bins == null;
    show(ctx.client.request('histogram', { column, bins, classColumn: cls }), (hist) => {
      const n = hist.edges.length - 1;
      slider.value = String(n);
      count.textContent = int(n);
      replace(rule, hist.rule === 'chosen' ? t('viz.binsChosen', { n: int(n) }) : t(`viz.rule.${hist.rule}`, { n: int(n) }));
      return build(ctx, column, hist, Boolean(cls));
    });
  }
  slider.addEventListener('input', () => { prefs.bins = Number(slider.value); count.textContent = int(prefs.bins); refresh(); });

  refresh();
  return card(t('viz.histogram'),
    h('div', { class: 'fields' },
      select({ label: t('viz.column'), value: prefs.column, choices: numeric.map((c) => [c, c]), onchange: (v) => { prefs.column = v; prefs.bins = null; refresh(); } }),
      h('div', { class: 'field' }, h('label', { for: 'hist-bins', text: t('viz.bins') }), h('div', { class: 'slider' }, slider, count)),
      auto,
      classColumn(ctx) && checkbox({ label: t('viz.byClass', { column: classColumn(ctx) }), checked: prefs.byClass, onchange: (v) => { prefs.byClass = v; refresh(); } })),
    rule,
    body);
}
