// One row of the cleaned table as a line of text, for the readout under the pointer:
// "ID 10 · Age 120 · IMC 60 · …" (or "index 9 · …" without an identifier column).
import { t, raw } from '../i18n.js';

const cache = new Map();
let cachedVersion = -1;

const show = (v) => (v == null ? 'NaN' : typeof v === 'number' ? raw(v) : String(v));

/** A promise of the text of the row with `label` (its pandas index). */
export function rowText(ctx, label) {
  if (cachedVersion !== ctx.state.version) { cache.clear(); cachedVersion = ctx.state.version; }
  if (!cache.has(label)) {
    cache.set(label, ctx.client.request('row', { label }).then((row) => {
      if (!row) return t('viz.rowIndex', { label });
      const id = ctx.state.summary.idColumn;
      const at = row.columns.indexOf(id);
      const order = row.columns.map((_, i) => i).filter((i) => i !== at);
      const parts = order.map((i) => `${row.columns[i]} ${show(row.values[i])}`);
      parts.unshift(at >= 0 ? `${id} ${show(row.values[at])}` : t('viz.rowIndex', { label }));
      return parts.join(' · ');
    }));
  }
  return cache.get(label);
}
