// Plain data tables: a caption, column headers, one header cell per row. Text only.
import { h } from '../dom.js';
import { scrollRegion } from './scroll-region.js';

/** A cell: a string, or { text, title, class } for a formatted number with its raw value on hover. */
function cell(tag, value, extra = {}) {
  if (value != null && typeof value === 'object') return h(tag, { ...extra, class: value.class, title: value.title, text: value.text });
  return h(tag, { ...extra, text: value ?? '' });
}

/** table({ caption, columns: ['', 'a', 'b'], rows: [['row name', x, y], …] }); `label` names
 *  the scrolling box of a table too wide for the page (default: the caption). */
export function table({ caption, label = caption, columns, rows, className = 'data' }) {
  return scrollRegion(h('div', { class: 'table-scroll' },
    h('table', { class: className },
      caption && h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, columns.map((c) => cell('th', c, { scope: 'col' })))),
      h('tbody', {}, rows.map(([head, ...rest]) => h('tr', {},
        cell('th', head, { scope: 'row' }),
        rest.map((v) => cell('td', v))))))), label);
}
