// Clean: drop columns, ticked in a list.
import { h, card } from '../dom.js';
import { t } from '../i18n.js';
import { columnNames } from './columns.js';
import { act, statusSlot, uiError } from './clean-actions.js';

export function dropColumnsCard(ctx) {
  const names = columnNames(ctx.state.summary);
  const boxes = names.map((name, i) => h('input', { type: 'checkbox', value: name, id: `drop-col-${i}` }));
  const run = () => act('columns', async () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!chosen.length) throw uiError('clean.noColumn');
    await ctx.recipe.add({ op: 'drop_columns', columns: chosen });
  });
  return card(t('clean.columns'),
    h('fieldset', { class: 'checks' }, h('legend', { text: t('clean.columnsLegend') }),
      names.map((name, i) => h('label', { class: 'check' }, boxes[i], h('span', { text: name })))),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'drop-columns', class: 'primary', text: t('clean.dropColumns'), onclick: run })),
    statusSlot('columns'));
}
