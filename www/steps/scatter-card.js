// The scatter-plot card: any two numeric columns, coloured by the class column, the row under
// the pointer named.
import { h, card, select } from '../dom.js';
import { t } from '../i18n.js';
import { scatter } from '../ui/scatter.js';
import { swapper } from '../ui/swap.js';
import { rowText } from '../ui/row-text.js';
import { numericColumns, featureColumns, classColumn, valid } from './columns.js';

const prefs = { x: null, y: null };

export function scatterCard(ctx) {
  const numeric = numericColumns(ctx.state.summary);
  const features = featureColumns(ctx);
  prefs.x = valid(prefs.x, numeric, features[0] ?? numeric[0]);
  prefs.y = valid(prefs.y, numeric, features[1] ?? numeric[1] ?? numeric[0]);
  const body = h('div');
  const show = swapper(body);
  const refresh = () => {
    const { x, y } = prefs;
    show(ctx.client.request('scatter', { x, y, classColumn: classColumn(ctx) }), (data) => scatter({
      key: 'scatter',
      title: t('viz.scatterTitle', { x, y }), xTitle: x, yTitle: y, data, describe: (label) => rowText(ctx, label),
    }).element);
  };
  refresh();
  return card(t('viz.scatter'),
    h('div', { class: 'fields' },
      select({ label: t('viz.xAxis'), value: prefs.x, choices: numeric.map((c) => [c, c]), onchange: (v) => { prefs.x = v; refresh(); } }),
      select({ label: t('viz.yAxis'), value: prefs.y, choices: numeric.map((c) => [c, c]), onchange: (v) => { prefs.y = v; refresh(); } })),
    body);
}
