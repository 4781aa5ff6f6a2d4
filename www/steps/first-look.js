// Step 2, First look: head (virtualised), info, describe, value counts with the class balance
// chart, and the automatic flags. Answers come from the worker and are kept per loaded data.
import { h, card } from '../dom.js';
import { t, raw } from '../i18n.js';
import { virtualTable } from '../ui/virtual-table.js';
import { later } from '../ui/later.js';
import { infoTable, describeTables } from './summaries.js';
import { countsCard } from './value-counts.js';
import { flagsCard } from './flags.js';

let memo = { version: -1 };

/** The worker's answers for the data now loaded, asked once each. */
function answers(ctx) {
  const { version, summary } = ctx.state;
  if (memo.version !== version) {
    memo = { version, blocks: new Map(), counts: new Map(), flags: new Map(), classColumn: summary.target ?? summary.info.columns.at(-1)?.name ?? null, dropna: false };
  }
  const ask = (map, key, op, args) => {
    if (!map.has(key)) map.set(key, ctx.client.request(op, args));
    return map.get(key);
  };
  return {
    memo,
    describe: () => (memo.describe ??= ctx.client.request('describe')),
    counts: (column, dropna) => ask(memo.counts, `${dropna}|${column}`, 'valueCounts', { column, dropna }),
    flags: (classColumn) => ask(memo.flags, classColumn ?? '', 'flags', { classColumn }),
  };
}

function formatCell(value) {
  if (value == null) return { text: 'NaN', class: 'missing' };
  if (typeof value === 'number') return { text: raw(value), class: 'num' };
  return { text: String(value) };
}

export function render(root, ctx) {
  const { summary } = ctx.state;
  if (!summary) {
    root.append(card(t('step.first-look'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('step.data'), onclick: () => ctx.goTo('data') })));
    return;
  }
  const ask = answers(ctx);
  const columns = summary.info.columns.map((c) => c.name);
  // The table asks the worker first: flags and describe take longer on 100 000 rows.
  const head = virtualTable({
    label: t('look.headLabel', { rows: summary.rows }),
    columns,
    rowCount: summary.rows,
    fetchRows: (start, n) => ctx.client.request('head', { start, n }),
    format: formatCell,
    blocks: memo.blocks,
  });
  const flags = flagsCard({ ask, idColumn: summary.idColumn });
  root.append(
    card(t('look.head'), head),
    h('div', { class: 'columns' },
      card(t('look.info'), infoTable(summary)),
      countsCard({ ask, columns, onClassColumn: flags.refresh })),
    flags.element,
    card(t('look.describe'), later(ask.describe(), describeTables)),
  );
}
