// The parse report: what was guessed (format, delimiter, decimal mark, encoding, sheet) as
// selects that re-read the file when changed, and the size found.
import { h, card, select } from '../dom.js';
import { t, int } from '../i18n.js';

const DELIMITERS = [[',', 'data.comma'], [';', 'data.semicolon'], ['\t', 'data.tab'], ['|', 'data.pipe']];
const DECIMALS = [['.', 'data.point'], [',', 'data.comma']];
const ENCODINGS = ['utf-8', 'windows-1252'];
const FORMATS = ['csv', 'json', 'xlsx'];

/** [[value, text]] with `current` added if the core found something not in the list. */
function choices(list, current) {
  const out = list.map(([v, key]) => [v, key ? t(key) : v]);
  if (current != null && !out.some(([v]) => v === current)) out.unshift([current, JSON.stringify(current)]);
  return out;
}

export function reportCard(ctx, { read, statusSlot }) {
  const { file, summary } = ctx.state;
  if (!file || !summary) return card(t('data.report'), h('p', { class: 'muted', text: t('top.none') }), statusSlot(ctx, 'report'));
  const d = summary.dialect ?? {};
  const options = file.options ?? {};
  const reread = (key, value) => {
    const next = key === 'format'
      ? { format: value, encoding: options.encoding }
      : { ...options, [key]: value };
    for (const k of Object.keys(next)) if (next[k] == null) delete next[k];
    read(ctx, { ...file, options: next }, 'report');
  };
  const textual = d.format === 'csv';
  const na = [['', t('data.na')]];

  const fields = [
    select({ label: t('data.format'), value: d.format, choices: choices(FORMATS.map((f) => [f]), d.format), onchange: (v) => reread('format', v) }),
    select({
      label: t('data.delimiter'), value: textual ? d.delimiter : '', disabled: !textual,
      choices: textual ? choices(DELIMITERS, d.delimiter) : na, onchange: (v) => reread('delimiter', v),
    }),
    select({
      label: t('data.decimal'), value: textual ? d.decimal : '', disabled: !textual,
      choices: textual ? choices(DECIMALS, d.decimal) : na, onchange: (v) => reread('decimal', v),
    }),
    select({
      label: t('data.encoding'), value: d.encoding ?? '', disabled: d.format === 'xlsx',
      choices: d.encoding ? choices(ENCODINGS.map((e) => [e]), d.encoding) : na, onchange: (v) => reread('encoding', v),
    }),
  ];
  if (d.sheets?.length) {
    fields.push(select({ label: t('data.sheet'), value: d.sheet, choices: d.sheets.map((s) => [s, s]), onchange: (v) => reread('sheet', v) }));
  }

  return card(t('data.report'),
    h('dl', { class: 'facts' },
      h('dt', { text: t('data.file') }), h('dd', { text: file.name }),
      h('dt', { text: t('data.rows') }), h('dd', { class: 'num', text: int(summary.rows) }),
      h('dt', { text: t('data.columns') }), h('dd', { class: 'num', text: int(summary.columns) })),
    h('ul', { class: 'chips', 'aria-label': t('data.columnNames') },
      (summary.info?.columns ?? []).map((c) => h('li', { title: t(`dtype.${c.dtype}`), text: c.name }))),
    h('div', { class: 'fields' }, fields),
    h('p', { class: 'muted small', text: t('data.guessed') }),
    statusSlot(ctx, 'report'),
    h('div', { class: 'actions' },
      Object.keys(options).length > 0 && h('button', { type: 'button', text: t('data.reguess'), onclick: () => read(ctx, { ...file, options: {} }, 'report') }),
      h('button', { type: 'button', class: 'primary', text: t('data.next'), onclick: () => ctx.goTo('first-look') })));
}
