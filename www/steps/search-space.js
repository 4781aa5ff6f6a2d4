// Step 9's search space editor: one row per parameter (name, kind of range, its ends or its
// values), prefilled with the core's default space for the current model. Every edit is checked
// by the core (`checkSearchSpace`: the name and the values against the model); a range whose
// ends are out of order is the search's own check, at Run. Either error shows on its row.
import { checkSearchSpace, defaultSearchSpace } from '../pkg/atelier.js';
import { h } from '../dom.js';
import { t, lang, errorText } from '../i18n.js';

const KINDS = ['log', 'uniform', 'int', 'values'];

/** The space the page shows for the current model: the edited one, else the core's default. */
export function currentSpace(spec) {
  const { search, model } = spec;
  return search.space && search.kind === model.kind ? search.space : defaultSearchSpace(model);
}

/** The name a core error is about (`search.space.<name>`), if it is one of `names`. */
export function errorRow(err, names) {
  const text = `${err?.en ?? ''} ${err?.message ?? ''}`;
  return names.find((n) => new RegExp(`search\\.space\\.${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(text)) ?? null;
}

/** The core's complaint about `space` for `model`, or null. */
function check(model, space) {
  try { checkSearchSpace(model, space, lang); return null; } catch (err) { return err; }
}

/** A value of a category as typed: JSON if it reads as JSON (`[32, 16]`, `3`), else the text. */
function parseValues(text) {
  try {
    const v = JSON.parse(`[${text}]`);
    if (Array.isArray(v)) return v;
  } catch { /* plain words */ }
  return text.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
}

const numberOrNull = (text) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** The range of `kind` nearest to `range` (a numeric range keeps its ends). */
function convert(range, kind) {
  const [old] = Object.keys(range);
  const ends = old === 'values' ? range.values.filter((v) => typeof v === 'number') : range[old];
  if (kind === 'values') return { values: old === 'values' ? range.values : [...ends] };
  const [lo, hi] = ends.length >= 2 ? [ends[0], ends[ends.length - 1]] : [1, 10];
  return { [kind]: kind === 'int' ? [Math.round(lo), Math.round(hi)] : [lo, hi] };
}

/** The range's inputs: the two ends, or the values. */
function rangeInputs(id, name, kind, range, set) {
  if (kind === 'values') {
    return h('input', {
      type: 'text', id: `${id}-values`, class: 'search-values', spellcheck: 'false',
      value: range.values.map((v) => JSON.stringify(v)).join(', '),
      'aria-label': t('search.valuesOf', { name }),
      onchange: (e) => set({ values: parseValues(e.target.value) }),
    });
  }
  const end = (i) => h('input', {
    type: 'number', id: `${id}-${i ? 'hi' : 'lo'}`, step: kind === 'int' ? '1' : 'any', class: 'search-end',
    value: range[kind][i] == null ? '' : String(range[kind][i]),
    'aria-label': t(i ? 'search.hiOf' : 'search.loOf', { name }),
    onchange: (e) => {
      const ends = [...range[kind]];
      ends[i] = numberOrNull(e.target.value);
      set({ [kind]: ends });
    },
  });
  return h('span', { class: 'search-ends' }, end(0), h('span', { 'aria-hidden': 'true', text: ' – ' }), end(1));
}

/**
 * The editor: `spec` the page's spec, `runError` a run's error about the space (shown on its row),
 * `onSpace(space | null)` commits a new space (null: back to the default).
 */
export function spaceEditor({ spec, runError, onSpace }) {
  const space = currentSpace(spec);
  const names = Object.keys(space);
  const error = check(spec.model, space) ?? runError;
  const where = error ? errorRow(error, names) : null;
  const entries = Object.entries(space);
  const commit = (pairs) => onSpace(Object.fromEntries(pairs));
  const rows = entries.map(([name, range], i) => {
    const id = `search-param-${i}`;
    const kind = Object.keys(range)[0];
    const setRange = (next) => commit(entries.map(([n, r], j) => (j === i ? [n, next] : [n, r])));
    const rename = (e) => {
      const next = e.target.value.trim();
      if (!next || (next !== name && names.includes(next))) { e.target.value = name; return; }
      commit(entries.map(([n, r], j) => (j === i ? [next, r] : [n, r])));
    };
    return h('tr', {},
      h('td', {}, h('input', { type: 'text', id: `${id}-name`, value: name, spellcheck: 'false', 'aria-label': t('search.paramName', { n: i + 1 }), onchange: rename })),
      h('td', {}, h('select', { id: `${id}-kind`, 'aria-label': t('search.kindOf', { name }), onchange: (e) => setRange(convert(range, e.target.value)) },
        KINDS.map((k) => h('option', { value: k, selected: k === kind, text: t(`search.kind.${k}`) })))),
      h('td', {}, KINDS.includes(kind) ? rangeInputs(id, name, kind, range, setRange) : h('code', { text: JSON.stringify(range) }),
        where === name && h('p', { role: 'alert', class: 'field-error', text: errorText(error) })),
      h('td', {}, h('button', { type: 'button', id: `${id}-remove`, class: 'link', text: t('search.remove'), 'aria-label': t('search.removeOf', { name }),
        disabled: entries.length === 1, onclick: () => commit(entries.filter((_, j) => j !== i)) })));
  });
  const add = () => {
    let n = 1;
    while (names.includes(`param${n}`)) n += 1;
    commit([...entries, [`param${n}`, { log: [0.001, 1] }]]);
  };
  return h('div', { class: 'search-space' },
    h('div', { class: 'table-scroll' }, h('table', { class: 'data search-space-table' },
      h('caption', { text: t('search.spaceCaption', { model: t(`train.kind.${spec.model.kind}`) }) }),
      h('thead', {}, h('tr', {}, ['search.param', 'search.kindHead', 'search.range', ''].map((k) => h('th', { scope: 'col', text: k && t(k) })))),
      h('tbody', {}, rows))),
    error && !where && h('p', { role: 'alert', class: 'field-error', text: errorText(error) }),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', id: 'search-add', text: t('search.add'), onclick: add }),
      h('button', { type: 'button', id: 'search-reset', text: t('search.reset'), onclick: () => onSpace(null) })));
}

/** Whether the core refuses `spec`'s space as it stands (Run waits for it to be fixed). */
export const spaceRefused = (spec) => check(spec.model, currentSpace(spec)) != null;
