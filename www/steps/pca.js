// The PCA card: explained variance per component (bars and cumulative line), the loadings, and
// the data projected on the first two components, coloured by class.
import { drawVariance } from '../pkg/atelier.js';
import { h, card } from '../dom.js';
import { t, num, pct, int, count } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';
import { swapper } from '../ui/swap.js';
import { scatter } from '../ui/scatter.js';
import { rowText } from '../ui/row-text.js';
import { classColumn } from './columns.js';

const prefs = { components: 2 };
const pc = (k) => `PC${k + 1}`;

function varianceChart(report) {
  const ratios = report.all_explained_variance_ratio;
  let sum = 0;
  const cumulative = ratios.map((r) => (sum += r));
  const title = t('project.varianceTitle');
  return chart({
    key: 'variance',
    title,
    height: 280,
    draw: (canvas, look) => drawVariance(canvas, {
      title, xTitle: t('project.component'), yTitle: t('project.ratio'), ratios, cumulative,
      ratioName: t('project.ratio'), cumulativeName: t('project.cumulative'), ...look,
    }),
    readout: ({ x }) => {
      const k = Math.floor(x);
      return ratios[k] == null ? null : t('project.varianceReadout', { pc: pc(k), ratio: pct(ratios[k], 2), cumulative: pct(cumulative[k], 2) });
    },
    numbers: () => table({
      caption: title,
      columns: [t('project.component'), t('project.ratio'), t('project.cumulative')],
      rows: ratios.map((r, k) => [pc(k), { text: pct(r, 2), title: String(r), class: 'num' }, { text: pct(cumulative[k], 2), class: 'num' }]),
    }),
  }).element;
}

function loadings(report) {
  return table({
    caption: t('project.loadings'),
    columns: [t('viz.column'), ...report.components.map((_, k) => pc(k))],
    rows: report.columns.map((c, j) => [c, ...report.components.map((row) => ({ text: num(row[j]), title: String(row[j]), class: 'num' }))]),
  });
}

function projection(ctx, report) {
  const x = Float64Array.from(report.projection, (p) => p[0]);
  const y = Float64Array.from(report.projection, (p) => p[1]);
  return scatter({
    key: 'pca-scatter',
    title: t('project.pcaScatter'), xTitle: pc(0), yTitle: pc(1),
    data: { x, y, labels: report.labels, classes: report.classes, classNames: report.classNames },
    describe: (label) => rowText(ctx, label),
  }).element;
}

export function pcaCard(ctx, { columns, standardize }) {
  const body = h('div');
  const show = swapper(body);
  const max = Math.max(1, columns.length);
  prefs.components = Math.min(Math.max(1, prefs.components), max);
  const refresh = () => show(
    ctx.client.request('pca', { options: { columns, standardize, components: prefs.components }, classColumn: classColumn(ctx) }),
    (report) => [
      h('p', { class: 'lead', text: t('project.pc1', { ratio: pct(report.explained_variance_ratio[0], 2), two: pct((report.all_explained_variance_ratio[0] ?? 0) + (report.all_explained_variance_ratio[1] ?? 0), 2) }) }),
      report.dropped > 0 && h('p', { class: 'note', text: t('project.dropped', { rows: count(report.dropped, 'row') }) }),
      h('div', { class: 'columns' }, varianceChart(report), h('div', {}, loadings(report), h('p', { class: 'muted small', text: t('project.loadingsHelp') }))),
      report.components.length >= 2 && projection(ctx, report),
    ]);
  const input = h('input', {
    type: 'number', id: 'pca-components', min: '1', max: String(max), step: '1', value: String(prefs.components),
    onchange: (e) => {
      const k = Math.round(Number(e.target.value));
      if (k >= 1 && k <= max) { prefs.components = k; refresh(); }
    },
  });
  if (columns.length) refresh(); else body.append(h('p', { role: 'alert', class: 'error', text: t('project.noColumns') }));
  return card(t('project.pca'),
    h('div', { class: 'fields' },
      h('label', { class: 'field' }, h('span', { text: t('project.components') }), input),
      h('p', { class: 'muted small', text: t('project.pcaHelp', { n: int(max) }) })),
    body);
}
