// info and describe as tables, laid out as pandas prints them.
import { h } from '../dom.js';
import { t, int, num, raw, bytes, count as counted } from '../i18n.js';
import { table } from '../ui/table.js';

const n = (x) => ({ text: num(x), title: x == null ? null : String(x), class: 'num' });
const count = (x) => ({ text: int(x), class: 'num' });
const value = (x) => (typeof x === 'number' ? { text: raw(x), class: 'num' } : { text: x ?? '—' });

/** df.info(): one row per column. */
export function infoTable(summary) {
  const info = summary.info;
  return h('div', {},
    h('p', { text: t('look.infoTotal', { rows: counted(info.rows ?? summary.rows, 'row'), cols: counted(info.columns.length, 'column'), memory: bytes(info.memory) }) }),
    table({
      label: t('look.info'),
      columns: [t('look.column'), t('look.dtype'), t('look.nonNull'), t('look.missing'), t('look.unique'), t('look.memory')],
      rows: info.columns.map((c) => [c.name, t(`dtype.${c.dtype}`), count(c.non_null), count(c.missing), count(c.unique), { text: bytes(c.memory), class: 'num' }]),
    }));
}

const NUMERIC = [['count', count], ['mean', n], ['std', n], ['min', n], ['q25', n, '25%'], ['q50', n, '50%'], ['q75', n, '75%'], ['max', n]];
const TEXT = [['count', count], ['unique', count], ['top', value], ['freq', count]];

/** One statistic per row, one data column per column, like df.describe(). */
function statsTable(caption, columns, stats) {
  return table({
    caption,
    columns: [t('look.stat'), ...columns.map((c) => c.name)],
    rows: stats.map(([key, fmt, label]) => [label ?? key, ...columns.map((c) => fmt(c[key]))]),
  });
}

/** describe(): numeric columns, then text columns (describe(include='object')). */
export function describeTables(described) {
  const numeric = described.columns.filter((c) => c.dtype !== 'text');
  const text = described.columns.filter((c) => c.dtype === 'text');
  return h('div', { class: 'stack' },
    numeric.length > 0 && statsTable(t('look.describeNumeric'), numeric, NUMERIC),
    text.length > 0 && statsTable(t('look.describeText'), text, TEXT));
}
