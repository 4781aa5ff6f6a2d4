// Clean: fill the missing values of a column — a constant (the course's NULL labels as 0), the
// mean, the median or the most frequent value.
import { h, card, select } from '../dom.js';
import { t, int } from '../i18n.js';
import { valid } from './columns.js';
import { act, statusSlot, uiError } from './clean-actions.js';

const KINDS = ['constant', 'mean', 'median', 'most_frequent'];
const prefs = { column: null, kind: 'constant', value: '0' };

export function fillCard(ctx) {
  const columns = ctx.state.summary.info.columns;
  const names = columns.map((c) => c.name);
  prefs.column = valid(prefs.column, names, columns.find((c) => c.missing > 0)?.name ?? names[0]);
  const value = h('input', { type: 'text', id: 'fill-value', value: prefs.value, autocomplete: 'off', oninput: (e) => { prefs.value = e.target.value; } });
  const valueField = h('label', { class: 'field' }, h('span', { text: t('clean.fillValue') }), value);
  valueField.hidden = prefs.kind !== 'constant';
  const run = () => act('fill', async () => {
    const column = columns.find((c) => c.name === prefs.column);
    let fill = { kind: prefs.kind };
    if (prefs.kind === 'constant') {
      const text = prefs.value.trim();
      if (!text) throw uiError('clean.noValue');
      const n = Number(text.replace(',', '.'));
      fill = { kind: 'constant', value: column?.dtype !== 'text' && Number.isFinite(n) ? n : text };
    }
    await ctx.recipe.add({ op: 'fill_missing', column: prefs.column, fill });
  });
  return card(t('clean.fill'),
    h('div', { class: 'fields' },
      select({
        label: t('viz.column'), value: prefs.column, id: 'fill-column',
        choices: columns.map((c) => [c.name, t('clean.columnMissing', { column: c.name, n: int(c.missing) })]),
        onchange: (v) => { prefs.column = v; },
      }),
      select({
        label: t('clean.fillWith'), value: prefs.kind, id: 'fill-kind',
        choices: KINDS.map((k) => [k, t(`clean.kind.${k}`)]),
        onchange: (v) => { prefs.kind = v; valueField.hidden = v !== 'constant'; },
      }),
      valueField,
      h('button', { type: 'button', id: 'fill-button', class: 'primary', text: t('clean.fillButton'), onclick: run })),
    statusSlot('fill'));
}
