// The correlation card: the matrix as a heat map (Pearson or Spearman, values in the cells), the
// pairs above a threshold with the column the core suggests dropping, one click to add that drop
// to the cleaning recipe.
import { pkg } from '../core.js';
import { h, card, replace } from '../dom.js';
import { t, num, errorText } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';
import { swapper } from '../ui/swap.js';
import { featureColumns, classColumn } from './columns.js';

const prefs = { method: 'pearson', threshold: 0.9 };
const r = (x) => (x == null ? '—' : num(Math.round(x * 1000) / 1000));

function heatMap(report, method) {
  const title = t('viz.corrTitle', { method: t(`viz.${method}`) });
  const { columns: names, matrix } = report;
  const c = chart({
    key: 'correlation',
    title,
    height: (w) => Math.min(560, Math.max(300, w * 0.75)),
    draw: (canvas, look) => pkg.drawHeatMap(canvas, { title, xTitle: '', yTitle: '', names, values: matrix, ...look }),
    readout: ({ x, y }) => {
      const i = Math.floor(y);
      const j = Math.floor(x);
      if (!names[i] || !names[j]) return null;
      return t('viz.corrReadout', { a: names[i], b: names[j], r: r(matrix[i][j]) });
    },
    numbers: () => table({
      caption: title,
      columns: ['', ...names],
      rows: names.map((a, i) => [a, ...matrix[i].map((v) => ({ text: r(v), title: v == null ? null : String(v), class: 'num' }))]),
    }),
  });
  return c.element;
}

function pairsList(ctx, report, status) {
  if (report.pairs.length === 0) return h('p', { text: t('viz.noPairs', { threshold: num(prefs.threshold) }) });
  const dropped = new Set();
  return h('ul', { class: 'pairs' }, report.pairs.map((p) => {
    const first = !dropped.has(p.drop);
    dropped.add(p.drop);
    return h('li', {},
      h('span', { text: t('viz.pair', { a: p.a, b: p.b, r: r(p.r), drop: p.drop }) }),
      first && h('button', {
        type: 'button', text: t('viz.dropColumn', { column: p.drop }),
        onclick: async () => {
          try {
            await ctx.recipe.add({ op: 'drop_columns', columns: [p.drop] });
          } catch (err) {
            replace(status, h('p', { role: 'alert', class: 'error', text: errorText(err) }));
          }
        },
      }));
  }));
}

export function correlationCard(ctx) {
  const columns = featureColumns(ctx);
  const body = h('div');
  const status = h('div');
  const show = swapper(body);
  const refresh = () => show(ctx.client.request('correlation', { method: prefs.method, columns, threshold: prefs.threshold }), (report) => [
    heatMap(report, prefs.method),
    h('h3', { text: t('viz.pairsTitle', { threshold: num(prefs.threshold) }) }),
    pairsList(ctx, report, status),
  ]);
  const radios = ['pearson', 'spearman'].map((m) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: 'corr-method', value: m, checked: prefs.method === m, onchange: () => { prefs.method = m; refresh(); } }),
    h('span', { text: t(`viz.${m}`) })));
  const threshold = h('input', {
    type: 'number', min: '0', max: '1', step: '0.05', value: String(prefs.threshold), id: 'corr-threshold',
    onchange: (e) => {
      const v = Number(e.target.value);
      if (Number.isFinite(v) && v >= 0 && v <= 1) { prefs.threshold = v; refresh(); }
    },
  });
  if (columns.length < 2) return card(t('viz.correlation'), h('p', { text: t('viz.corrTooFew') }));
  refresh();
  const cls = classColumn(ctx);
  const id = ctx.state.summary.idColumn;
  return card(t('viz.correlation'),
    h('div', { class: 'fields' },
      h('fieldset', { class: 'radios' }, h('legend', { text: t('viz.method') }), radios),
      h('label', { class: 'field' }, h('span', { text: t('viz.threshold') }), threshold)),
    (cls || id) && h('p', { class: 'muted small', text: t('viz.corrWithout', { columns: [id, cls].filter(Boolean).join(', ') }) }),
    body, status);
}
