// A scatter plot of points coloured by class, with the row under the pointer named (its ID and
// values) and the points as a table. `set(data)` swaps the points and redraws (t-SNE settling).
import { pkg } from '../core.js';
import { h } from '../dom.js';
import { t, raw, int } from '../i18n.js';
import { chart, toPixels } from './chart.js';
import { table } from './table.js';
import { className } from '../steps/columns.js';

const MAX_TABLE = 500;
const NEAR = 10; // CSS pixels

/**
 * scatter({ key, title, xTitle, yTitle, data: { x, y, classes, classNames, labels }, describe(label) → Promise<text>, idName })
 * x, y: Float64Array (NaN = missing, not drawn); classes: Uint32Array (empty = one colour);
 * labels: each point's pandas index.
 */
export function scatter({ key, title, xTitle, yTitle, data, describe, height = 360 }) {
  let d = data;
  const names = () => (d.classNames ?? []).map(className);
  const c = chart({
    key,
    title,
    height,
    draw: (canvas, look) => pkg.drawScatter(canvas, { title, xTitle, yTitle, classNames: names(), ...look }, d.x, d.y, d.classes ?? new Uint32Array(0)),
    readout: ({ px, py, frame }) => {
      const near = NEAR * (window.devicePixelRatio || 1);
      let best = -1;
      let bestDist = near * near;
      for (let i = 0; i < d.x.length; i++) {
        if (!Number.isFinite(d.x[i]) || !Number.isFinite(d.y[i])) continue;
        const [qx, qy] = toPixels(frame, d.x[i], d.y[i]);
        const dist = (qx - px) ** 2 + (qy - py) ** 2;
        if (dist < bestDist) { bestDist = dist; best = i; }
      }
      if (best < 0) return null;
      const cls = d.classes?.length ? ` — ${names()[d.classes[best]] ?? ''}` : '';
      return describe(d.labels[best]).then((text) => `${text}${cls}`);
    },
    numbers: () => {
      const n = Math.min(d.x.length, MAX_TABLE);
      const rows = [];
      for (let i = 0; i < n; i++) {
        rows.push([String(d.labels[i]), { text: raw(d.x[i]), class: 'num' }, { text: raw(d.y[i]), class: 'num' },
          ...(d.classes?.length ? [names()[d.classes[i]] ?? ''] : [])]);
      }
      return h('div', {},
        table({ caption: title, columns: [t('viz.index'), xTitle, yTitle, ...(d.classes?.length ? [t('viz.class')] : [])], rows }),
        d.x.length > MAX_TABLE && h('p', { class: 'muted small', text: t('viz.firstRows', { n: int(MAX_TABLE), total: int(d.x.length) }) }));
    },
  });
  return { element: c.element, set(next) { d = next; c.redraw(); } };
}
