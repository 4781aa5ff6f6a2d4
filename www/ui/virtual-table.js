// A table of many rows that keeps only the visible ones in the DOM and fetches the others by
// window, so 100 000 rows scroll smoothly. The header stays in view (position: sticky).
import { h, replace } from '../dom.js';

const BLOCK = 100;     // rows fetched at once
const OVERSCAN = 15;   // rows drawn above and below the visible ones

/**
 * virtualTable({ label, columns, rowCount, fetchRows(start, n) → Promise<{ rows, labels }>, format(cell) → {text, title, class} })
 * `labels` (the pandas index of each row) name the rows; without them a row is named by its position.
 * `blocks` (a Map) may be passed in to keep fetched rows across re-renders: a table drawn again
 * while a block is on its way draws the block when it arrives (the table that asked may be gone).
 * `indexLabel` heads the column of row names; `redrawOn(fn)` hands the caller a function that
 * draws the visible rows again (after something `format` reads has changed); `rowClass(row)`
 * gives a fetched row's class attribute.
 */
export function virtualTable({ label, columns, rowCount, fetchRows, format, blocks = new Map(), indexLabel = '', redrawOn, rowClass }) {
  let rowHeight = 28; // px, as the CSS sets it; measured once rows are drawn
  const tbody = h('tbody');
  const table = h('table', { class: 'data virtual', 'aria-rowcount': String(rowCount + 1), 'aria-colcount': String(columns.length + 1) },
    h('thead', {}, h('tr', { 'aria-rowindex': '1' },
      h('th', { scope: 'col', text: indexLabel }),
      columns.map((c) => h('th', { scope: 'col', text: c })))),
    tbody);
  const scroller = h('div', { class: 'table-scroll virtual-scroll', tabindex: '0', role: 'region', 'aria-label': label }, table);

  const awaited = new Set(); // blocks on their way that this table draws on arrival

  /** The rows of block `index`, or null while they are on their way. */
  function block(index) {
    if (!blocks.has(index)) blocks.set(index, fetchBlock(index));
    const b = blocks.get(index);
    if (!(b instanceof Promise)) return b;
    if (!awaited.has(b)) {
      awaited.add(b);
      b.then(schedule, () => {}); // a failed block is asked again at the next draw
    }
    return null;
  }

  /** A promise that stands in `blocks` until the rows replace it (or, if they fail, leaves). */
  function fetchBlock(index) {
    const start = index * BLOCK;
    return fetchRows(start, Math.min(BLOCK, rowCount - start)).then(
      (answer) => { blocks.set(index, Array.isArray(answer) ? { rows: answer } : answer); },
      (err) => { blocks.delete(index); throw err; });
  }

  function spacer(height) {
    const td = h('td', { colSpan: columns.length + 1 });
    const tr = h('tr', { class: 'spacer', 'aria-hidden': 'true' }, td);
    tr.style.height = `${height}px`; // CSSOM, allowed by the CSP
    return tr;
  }

  function draw() {
    pending = false;
    const top = scroller.scrollTop;
    const height = scroller.clientHeight || 400;
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(rowCount, Math.ceil((top + height) / rowHeight) + OVERSCAN);
    const trs = [];
    for (let i = first; i < last; i++) {
      const b = block(Math.floor(i / BLOCK));
      const row = b?.rows[i % BLOCK];
      const name = b?.labels?.[i % BLOCK] ?? i;
      trs.push(h('tr', { 'aria-rowindex': String(i + 2), class: row && rowClass ? rowClass(row) : null },
        h('th', { scope: 'row', class: 'index', text: String(name) }),
        columns.map((_, j) => {
          if (!row) return h('td', { class: 'pending', text: '…' });
          const f = format(row[j]);
          return h('td', { class: f.class, title: f.title, text: f.text });
        })));
    }
    replace(tbody, first > 0 && spacer(first * rowHeight), trs,
      last < rowCount && spacer((rowCount - last) * rowHeight));
    const measured = trs[0]?.getBoundingClientRect().height;
    if (measured && Math.abs(measured - rowHeight) > 0.5) { rowHeight = measured; schedule(); }
  }

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(draw);
  }
  scroller.addEventListener('scroll', schedule, { passive: true });
  redrawOn?.(schedule);
  draw();
  // The height is known once the table is in the page.
  requestAnimationFrame(draw);
  return scroller;
}
