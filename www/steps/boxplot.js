// The box-plot card: one numeric column, optionally one box per class; whiskers at 1.5 IQR,
// the points beyond them drawn one by one.
import { pkg } from '../core.js';
import { h, card, select } from '../dom.js';
import { t, num, int } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';
import { swapper } from '../ui/swap.js';
import { numericColumns, featureColumns, classColumn, checkbox, valid, className } from './columns.js';

const prefs = { column: null, byClass: true };
const cellNum = (x) => ({ text: num(x), title: String(x), class: 'num' });

function build(column, boxes, byClass) {
  const title = t(byClass ? 'viz.boxTitleByClass' : 'viz.boxTitle', { column });
  const groups = boxes.map((b) => ({
    name: byClass ? className(b.name) : column, q1: b.q1, median: b.median, q3: b.q3,
    low: b.whisker_low, high: b.whisker_high, outliers: b.outliers,
  }));
  const c = chart({
    key: 'boxplot',
    title,
    draw: (canvas, look) => pkg.drawBoxPlot(canvas, { title, xTitle: byClass ? t('viz.class') : '', yTitle: column, groups, byClass, ...look }),
    readout: ({ x }) => {
      const g = groups[Math.floor(x)];
      if (!g) return null;
      return t('viz.boxReadout', {
        name: g.name, q1: num(g.q1), median: num(g.median), q3: num(g.q3), low: num(g.low), high: num(g.high),
        outliers: g.outliers.length ? g.outliers.map(num).join(', ') : '—',
      });
    },
    numbers: () => table({
      caption: title,
      columns: [byClass ? t('viz.class') : t('viz.column'), t('look.count'), t('viz.whiskerLow'), 'Q1', t('viz.median'), 'Q3', t('viz.whiskerHigh'), t('viz.outliers')],
      rows: boxes.map((b, i) => [groups[i].name, { text: int(b.count), class: 'num' }, cellNum(b.whisker_low), cellNum(b.q1), cellNum(b.median), cellNum(b.q3), cellNum(b.whisker_high),
        { text: b.outliers.map(num).join(', ') || '—', class: 'num' }]),
    }),
  });
  return c.element;
}

export function boxPlotCard(ctx) {
  const numeric = numericColumns(ctx.state.summary);
  prefs.column = valid(prefs.column, numeric, featureColumns(ctx)[0] ?? numeric[0]);
  const body = h('div');
  const show = swapper(body);
  const refresh = () => {
    const cls = prefs.byClass ? classColumn(ctx) : null;
    show(ctx.client.request('boxPlot', { column: prefs.column, classColumn: cls }), (boxes) => build(prefs.column, boxes, Boolean(cls)));
  };
  refresh();
  return card(t('viz.boxPlot'),
    h('div', { class: 'fields' },
      select({ label: t('viz.column'), value: prefs.column, choices: numeric.map((c) => [c, c]), onchange: (v) => { prefs.column = v; refresh(); } }),
      classColumn(ctx) && checkbox({ label: t('viz.boxByClass', { column: classColumn(ctx) }), checked: prefs.byClass, onchange: (v) => { prefs.byClass = v; refresh(); } })),
    h('p', { class: 'muted small', text: t('viz.boxNote') }),
    body);
}
