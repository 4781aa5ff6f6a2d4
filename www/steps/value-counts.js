// value_counts of the class column: a bar chart drawn by the core (crisp at any pixel ratio)
// and, behind a toggle, the same numbers as a table.
import { drawBars } from '../pkg/atelier.js';
import { h, card, select, replace } from '../dom.js';
import { t, int, pct, raw, errorText } from '../i18n.js';
import { table } from '../ui/table.js';
import { later } from '../ui/later.js';

const MAX_BARS = 30;
let showNumbers = false;

const label = (v) => (v == null ? t('look.missingValue') : typeof v === 'number' ? raw(v) : String(v));

function chart(column, counts) {
  const shown = counts.slice(0, MAX_BARS);
  const canvas = h('canvas', { role: 'img', 'aria-label': t('look.chartLabel', { column }) });
  const figure = h('figure', { class: 'chart' }, canvas);
  const error = h('div');
  let width = 0;
  const draw = () => {
    const cssWidth = Math.min(figure.clientWidth, 720);
    if (!cssWidth || cssWidth === width) return;
    width = cssWidth;
    const cssHeight = 260;
    const dpr = window.devicePixelRatio || 1;
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${cssHeight}px`;
    canvas.width = Math.round(cssWidth * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    try {
      drawBars(canvas, {
        title: t('look.chartTitle', { column }), xTitle: column, yTitle: t('look.count'),
        labels: shown.map((c) => label(c.value)), values: shown.map((c) => c.count),
        dpr, dark: window.matchMedia('(prefers-color-scheme: dark)').matches, highlight: null,
      });
    } catch (err) {
      replace(error, h('p', { role: 'alert', class: 'error', text: errorText(err) }));
    }
  };
  new ResizeObserver(draw).observe(figure);
  return h('div', {}, figure, error,
    counts.length > MAX_BARS && h('p', { class: 'muted small', text: t('look.topOnly', { n: MAX_BARS, total: int(counts.length) }) }));
}

function numbers(column, counts) {
  const total = counts.reduce((s, c) => s + c.count, 0);
  const box = table({
    caption: t('look.chartTitle', { column }),
    columns: [t('look.value'), t('look.count'), t('look.share')],
    rows: counts.map((c) => [label(c.value), { text: int(c.count), class: 'num' }, { text: pct(c.count / total), class: 'num' }]),
  });
  box.id = 'counts-table';
  box.hidden = !showNumbers;
  const toggle = h('button', {
    type: 'button', 'aria-expanded': String(showNumbers), 'aria-controls': 'counts-table',
    text: t(showNumbers ? 'look.hideNumbers' : 'look.showNumbers'),
    onclick: () => {
      showNumbers = !showNumbers;
      box.hidden = !showNumbers;
      toggle.setAttribute('aria-expanded', String(showNumbers));
      toggle.textContent = t(showNumbers ? 'look.hideNumbers' : 'look.showNumbers');
    },
  });
  return [toggle, box];
}

export function countsCard({ ask, columns, onClassColumn }) {
  const { memo } = ask;
  const body = h('div');
  const show = () => {
    const column = memo.classColumn;
    replace(body, later(ask.counts(column, memo.dropna), (counts) => [chart(column, counts), numbers(column, counts)]));
  };
  const dropna = h('input', {
    type: 'checkbox', id: 'count-missing', checked: !memo.dropna,
    onchange: (e) => { memo.dropna = !e.target.checked; show(); },
  });
  show();
  return card(t('look.counts'),
    h('div', { class: 'fields' },
      select({
        label: t('look.classColumn'), value: memo.classColumn, choices: columns.map((c) => [c, c]),
        onchange: (v) => { memo.classColumn = v; show(); onClassColumn(); },
      }),
      h('label', { class: 'check' }, dropna, h('span', { text: t('look.dropna') }))),
    body);
}
