// Which columns a step offers: numeric ones, the class column, the default features.
import { h, select } from '../dom.js';
import { t } from '../i18n.js';

export const columnNames = (summary) => summary.info.columns.map((c) => c.name);
export const numericColumns = (summary) => summary.info.columns.filter((c) => c.dtype !== 'text').map((c) => c.name);

/** The class column in use (the guessed target unless the student chose), if it still exists. */
export function classColumn(ctx) {
  const { state } = ctx;
  const names = columnNames(state.summary);
  if (state.classColumn === undefined) state.classColumn = state.summary.target ?? null;
  if (state.classColumn && !names.includes(state.classColumn)) state.classColumn = state.summary.target ?? null;
  return state.classColumn;
}

/** Every numeric column but the identifier and the class column. */
export function featureColumns(ctx) {
  const { idColumn } = ctx.state.summary;
  const cls = classColumn(ctx);
  return numericColumns(ctx.state.summary).filter((c) => c !== idColumn && c !== cls);
}

/** The class column select (with "none"); `onchange` after the state has changed. */
export function classSelect(ctx, onchange) {
  return select({
    label: t('look.classColumn'),
    value: classColumn(ctx) ?? '',
    choices: [['', t('viz.noClass')], ...columnNames(ctx.state.summary).map((c) => [c, c])],
    onchange: (v) => { ctx.state.classColumn = v || null; onchange(); },
  });
}

/** `value` if it is one of `list`, else `fallback`. */
export const valid = (value, list, fallback) => (list.includes(value) ? value : fallback);

/** The class name to show: a missing label is named as such. */
export const className = (name) => (name == null ? t('look.missingValue') : String(name));

/** A labelled checkbox. */
export function checkbox({ label, checked, onchange, id }) {
  const input = h('input', { type: 'checkbox', id, checked, onchange: (e) => onchange(e.target.checked) });
  return h('label', { class: 'check' }, input, h('span', { text: label }));
}
