// The automatic flags, composed into sentences in the UI language, each naming its rows by
// their identifier, or by their label in the loaded file (pandas' index) without an ID column.
import { h, card, replace } from '../dom.js';
import { t, int, num, pct, raw } from '../i18n.js';
import { later } from '../ui/later.js';

const MAX_IDS = 12;
const SEVERE = new Set(['implausible', 'duplicate_rows', 'constant']);

const value = (v) => (v == null ? t('look.missingValue') : typeof v === 'number' ? raw(v) : t('quote', { v }));

/** "3, 7, 10" or "3, 7, … et 40 autres". */
function list(items) {
  const shown = items.slice(0, MAX_IDS).map(value).join(', ');
  return items.length > MAX_IDS ? `${shown} ${t('flag.more', { n: int(items.length - MAX_IDS) })}` : shown;
}

/** The sentence for one flag, from its fields. */
export function flagText(flag, idColumn) {
  const rows = flag.rows ?? [];
  const ids = list(flag.ids ?? rows);
  const params = {
    column: flag.column ?? '',
    count: int(flag.count ?? rows.length),
    ids,
    where: flag.ids && idColumn ? t('flag.ids', { column: idColumn, ids }) : t('flag.rows', { ids }),
    low: num(flag.low), high: num(flag.high), median: num(flag.median),
    values: list(flag.values ?? []),
    value: value(flag.value),
    first: list(flag.first ?? []),
    minority: value(flag.minority),
    ratio: flag.ratio == null ? '—' : pct(flag.ratio),
    kind: flag.kind,
  };
  const key = `flag.${flag.kind}`;
  return t(t(key) === key ? 'flag.other' : key, params);
}

export function flagsCard({ ask, idColumn }) {
  const body = h('div');
  const refresh = () => replace(body, later(ask.flags(ask.memo.classColumn), (flags) => (flags.length === 0
    ? h('p', { text: t('look.noFlags') })
    : h('ul', { class: 'flags' }, flags.map((f) => h('li', { class: SEVERE.has(f.kind) ? 'severe' : 'warn', text: flagText(f, idColumn) }))))));
  refresh();
  return { element: card(t('look.flags'), body), refresh };
}
