// A chart drawn by the core on a canvas, crisp at any pixel ratio, with what makes it usable:
// a readout of the value under the pointer, a PNG download, and the numbers behind it as a real
// table behind a toggle (the keyboard and screen-reader alternative). Redraws on resize and theme.
import { h, replace } from '../dom.js';
import { t, errorText, lang } from '../i18n.js';
import { save } from './save.js';
import { scrollRegion } from './scroll-region.js';

let nextId = 1;
const shownTables = new Set(); // keys of the charts whose numbers are shown: a redrawn chart keeps them
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** A file name from a title: "Histogramme de « Age »" → "histogramme-de-age.png". */
function fileName(title) {
  const base = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base || 'graphique'}.png`;
}

/**
 * chart({ key, title, label, draw(canvas, { dpr, dark, lang }) → frame, readout(point) → text | Promise<text> | null,
 *         numbers() → element, height(width) | number, maxWidth })
 * `key` names the chart across redraws (its numbers stay shown when its data changes).
 * `point` is `{ x, y, px, py, frame }`: data coordinates from the frame, and device pixels.
 * Returns `{ element, redraw }`; call `redraw()` after changing what `draw` draws
 * (`redraw({ numbers: false })` when the numbers behind it have not changed).
 * A chart with a moving mark (a marker on a curve, a threshold line) passes `mark(ctx, frame,
 * look)`, which paints the mark quickly with the 2D context, and calls `moveMark()` when the
 * mark moves: the chart is drawn once without its mark (`draw(canvas, look, { mark: false })`),
 * kept as an image, and each move paints that image and the mark, well within a frame; once the
 * mark rests, `draw` redraws the whole chart, mark included, as the core draws it.
 */
export function chart({ key, title, label, draw, readout, numbers, mark, height = 300, maxWidth = 760 }) {
  const id = `chart-${nextId++}`;
  const canvas = h('canvas', { role: 'img', 'aria-label': label ?? t('chart.label', { title }) });
  const hint = t('chart.hint');
  const out = h('p', { class: 'readout small', 'aria-hidden': 'true', text: hint });
  const error = h('div');
  const tableBox = scrollRegion(h('div', { id: `${id}-numbers`, class: 'chart-numbers', hidden: true }), title);
  let frame = null;
  let width = 0;
  let showing = false;
  let base = null;   // the chart without its mark, as an image (see moveMark)
  let settle = 0;    // timer of the full redraw once the mark rests
  const remember = () => { if (key) { if (showing) shownTables.add(key); else shownTables.delete(key); } };

  const toggle = h('button', {
    type: 'button', 'aria-expanded': 'false', 'aria-controls': `${id}-numbers`, text: t('look.showNumbers'),
    onclick: () => {
      showing = !showing;
      remember();
      showTable();
    },
  });
  function showTable() {
    if (showing) replace(tableBox, numbers());
    tableBox.hidden = !showing;
    toggle.setAttribute('aria-expanded', String(showing));
    toggle.textContent = t(showing ? 'look.hideNumbers' : 'look.showNumbers');
  }
  const download = h('button', {
    type: 'button', text: t('chart.download'),
    onclick: () => canvas.toBlob((blob) => { if (blob) save(blob, fileName(title)); }, 'image/png'),
  });
  const figure = h('figure', { class: 'chart', 'aria-label': title },
    h('div', { class: 'chart-canvas' }, canvas), out, error,
    h('div', { class: 'chart-tools' }, numbers && toggle, download),
    numbers && tableBox);

  function redraw(force = true, again = true, keepBase = false) {
    const cssWidth = Math.min(figure.clientWidth, maxWidth);
    if (!cssWidth || (!force && cssWidth === width)) return;
    width = cssWidth;
    if (!keepBase) base = null;
    const cssHeight = typeof height === 'function' ? height(cssWidth) : height;
    const dpr = window.devicePixelRatio || 1;
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${cssHeight}px`;
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    try {
      frame = draw(canvas, { dpr, dark: darkQuery.matches, lang }); // lang: French charts write 0,5
      replace(error);
      canvas.dataset.frame = JSON.stringify(frame); // where the plot area is, for tests and tools
    } catch (err) {
      frame = null;
      replace(error, h('p', { role: 'alert', class: 'error', text: errorText(err) }));
    }
    if (showing && again) replace(tableBox, numbers());
  }

  /** Paints the mark where it now is over the chart drawn without it; the full redraw waits. */
  function moveMark() {
    if (!mark || !width || !canvas.width) { redraw(true, false); return; }
    const look = { dpr: window.devicePixelRatio || 1, dark: darkQuery.matches, lang };
    try {
      if (!base) {
        frame = draw(canvas, look, { mark: false });
        canvas.dataset.frame = JSON.stringify(frame);
        base = document.createElement('canvas');
        base.width = canvas.width;
        base.height = canvas.height;
        base.getContext('2d').drawImage(canvas, 0, 0);
      }
      const ctx = canvas.getContext('2d');
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(base, 0, 0);
      mark(ctx, frame, look);
      ctx.restore();
    } catch {
      redraw(true, false);
      return;
    }
    clearTimeout(settle);
    settle = setTimeout(() => { if (figure.isConnected) redraw(true, false, true); }, 250);
  }

  let asked = 0;
  canvas.addEventListener('pointermove', (e) => {
    if (!frame || !readout) return;
    const scale = canvas.width / canvas.clientWidth;
    const px = e.offsetX * scale;
    const py = e.offsetY * scale;
    const f = frame;
    if (px < f.left || px > f.left + f.width || py < f.top || py > f.top + f.height) { out.textContent = hint; return; }
    const x = f.x_min + ((px - f.left) / f.width) * (f.x_max - f.x_min);
    const y = f.y_min + ((f.top + f.height - py) / f.height) * (f.y_max - f.y_min);
    const mine = ++asked;
    Promise.resolve(readout({ x, y, px, py, frame: f })).then((text) => {
      if (mine === asked) out.textContent = text ?? hint;
    }, () => {});
  });
  canvas.addEventListener('pointerleave', () => { asked += 1; out.textContent = hint; });

  if (numbers && key && shownTables.has(key)) { showing = true; showTable(); }
  new ResizeObserver(() => redraw(false)).observe(figure);
  const onTheme = () => { if (figure.isConnected) redraw(); else darkQuery.removeEventListener('change', onTheme); };
  darkQuery.addEventListener('change', onTheme);
  return { element: figure, redraw: ({ numbers: again = true } = {}) => redraw(true, again), moveMark };
}

/** The pixel position of a data point in a frame (device pixels). */
export function toPixels(frame, x, y) {
  return [
    frame.left + ((x - frame.x_min) / (frame.x_max - frame.x_min)) * frame.width,
    frame.top + frame.height - ((y - frame.y_min) / (frame.y_max - frame.y_min)) * frame.height,
  ];
}
