// Clean: drop rows — the flagged ones one click each, chosen identifiers, or a condition.
import { pkg } from '../core.js';
import { h, card } from '../dom.js';
import { t, lang, raw } from '../i18n.js';
import { later } from '../ui/later.js';
import { classColumn } from './columns.js';
import { act, statusSlot, uiError } from './clean-actions.js';

const KINDS = new Set(['outliers', 'implausible', 'duplicate_rows']);
const show = (v) => (typeof v === 'number' ? raw(v) : String(v));

/** The flagged rows, one entry per row: its label, identifier and why (kind → columns). */
function flaggedRows(flags) {
  const rows = new Map();
  for (const f of flags) {
    if (!KINDS.has(f.kind)) continue;
    (f.rows ?? []).forEach((label, i) => {
      if (!rows.has(label)) rows.set(label, { label, id: f.ids?.[i], why: new Map() });
      const why = rows.get(label).why;
      if (!why.has(f.kind)) why.set(f.kind, []);
      if (f.column) why.get(f.kind).push(t('quote', { v: f.column }));
    });
  }
  return [...rows.values()].sort((a, b) => a.label - b.label);
}

const reasons = (why) => [...why].map(([kind, columns]) => t(`clean.why.${kind}`, { columns: columns.join(', ') })).join(' ; ');

function rowName(ctx, row) {
  const idColumn = ctx.state.summary.idColumn;
  return idColumn && row.id != null ? `${idColumn} ${show(row.id)}` : t('viz.rowIndex', { label: row.label });
}

function flaggedList(ctx, flags) {
  const rows = flaggedRows(flags);
  if (!rows.length) return h('p', { class: 'muted', text: t('clean.noFlagged') });
  return h('ul', { class: 'flagged' }, rows.map((row) => {
    const name = rowName(ctx, row);
    const id = `drop-row-${row.label}`;
    return h('li', {},
      h('span', {}, h('strong', { text: name }), ` — ${reasons(row.why)}`),
      h('button', {
        type: 'button', id, text: t('clean.dropRow', { row: name }),
        onclick: () => act('rows', () => ctx.recipe.add({ op: 'drop_rows', rows: [row.label] }, row.id != null ? [row.id] : undefined)),
      }));
  }));
}

export function dropRowsCard(ctx) {
  const idColumn = ctx.state.summary.idColumn;
  const ids = h('input', { type: 'text', id: 'drop-ids', placeholder: '10, 12', autocomplete: 'off' });
  const condition = h('input', { type: 'text', id: 'drop-condition', placeholder: t('clean.conditionExample'), autocomplete: 'off' });
  const dropIds = () => act('ids', async () => {
    const wanted = ids.value.split(/[\s,;]+/).filter(Boolean).map((v) => (Number.isFinite(Number(v.replace(',', '.'))) ? Number(v.replace(',', '.')) : v));
    if (!wanted.length) throw uiError('clean.noIds');
    const found = await ctx.client.request('findRows', { ids: wanted });
    if (found.missing.length) throw uiError('clean.idsNotFound', { ids: found.missing.map(show).join(', '), column: idColumn ?? 'index' });
    await ctx.recipe.add({ op: 'drop_rows', rows: found.labels }, idColumn ? wanted : undefined);
  });
  const dropWhere = () => act('condition', async () => {
    if (!condition.value.trim()) throw uiError('clean.noCondition');
    await ctx.recipe.add({ op: 'drop_where', condition: pkg.parseCondition(condition.value, lang) });
  });
  const enter = (fn) => (e) => { if (e.key === 'Enter') fn(); };
  ids.addEventListener('keydown', enter(dropIds));
  condition.addEventListener('keydown', enter(dropWhere));

  return card(t('clean.rows'),
    h('h3', { text: t('clean.flagged') }),
    later(ctx.client.request('flags', { classColumn: classColumn(ctx) }), (flags) => flaggedList(ctx, flags)),
    statusSlot('rows'),
    h('h3', { text: t('clean.byId') }),
    h('div', { class: 'fields' },
      h('label', { class: 'field' }, h('span', { text: idColumn ? t('clean.ids', { column: idColumn }) : t('clean.labels') }), ids),
      h('button', { type: 'button', id: 'drop-ids-button', text: t('clean.dropIds'), onclick: dropIds })),
    statusSlot('ids'),
    h('h3', { text: t('clean.byCondition') }),
    h('div', { class: 'fields' },
      h('label', { class: 'field' }, h('span', { text: t('clean.condition') }), condition),
      h('button', { type: 'button', id: 'drop-where', text: t('clean.dropWhere'), onclick: dropWhere })),
    h('p', { class: 'muted small', text: t('clean.conditionHelp') }),
    statusSlot('condition'));
}
