// value_counts of the class column: a bar chart drawn by the core, with the same numbers as a
// table behind a toggle (ui/chart.js).
import { pkg } from '../core.js';
import { h, card, select, replace } from '../dom.js';
import { t, int, pct, raw } from '../i18n.js';
import { table } from '../ui/table.js';
import { chart } from '../ui/chart.js';
import { later } from '../ui/later.js';

const MAX_BARS = 30;

const label = (v) => (v == null ? t('look.missingValue') : typeof v === 'number' ? raw(v) : String(v));

function chartOf(column, counts) {
  const shown = counts.slice(0, MAX_BARS);
  const total = counts.reduce((s, c) => s + c.count, 0);
  const title = t('look.chartTitle', { column });
  const c = chart({
    key: 'value-counts',
    title,
    label: t('look.chartLabel', { column }),
    height: 260,
    maxWidth: 720,
    draw: (canvas, look) => pkg.drawBars(canvas, {
      title, xTitle: column, yTitle: t('look.count'),
      labels: shown.map((x) => label(x.value)), values: shown.map((x) => x.count), highlight: null, ...look,
    }),
    readout: ({ x }) => {
      const bar = shown[Math.floor(x)];
      return bar ? `${label(bar.value)} : ${int(bar.count)} (${pct(bar.count / total)})` : null;
    },
    numbers: () => table({
      caption: title,
      columns: [t('look.value'), t('look.count'), t('look.share')],
      rows: counts.map((x) => [label(x.value), { text: int(x.count), class: 'num' }, { text: pct(x.count / total), class: 'num' }]),
    }),
  });
  return h('div', {}, c.element,
    counts.length > MAX_BARS && h('p', { class: 'muted small', text: t('look.topOnly', { n: MAX_BARS, total: int(counts.length) }) }));
}

export function countsCard({ ask, columns, onClassColumn }) {
  const { memo } = ask;
  const body = h('div');
  const show = () => {
    const column = memo.classColumn;
    replace(body, later(ask.counts(column, memo.dropna), (counts) => chartOf(column, counts)));
  };
  const dropna = h('input', {
    type: 'checkbox', id: 'count-missing', checked: !memo.dropna,
    onchange: (e) => { memo.dropna = !e.target.checked; show(); },
  });
  show();
  return card(t('look.counts'),
    h('div', { class: 'fields' },
      select({
        label: t('look.classColumn'), value: memo.classColumn, choices: columns.map((c) => [c, c]),
        onchange: (v) => { memo.classColumn = v; show(); onClassColumn(); },
      }),
      h('label', { class: 'check' }, dropna, h('span', { text: t('look.dropna') }))),
    body);
}
