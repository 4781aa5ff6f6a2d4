// Step 9's search results: the chart (each trial's score, the best so far as a step line) and
// the table of trials, one column per parameter, sortable by any column (best first by
// default), the best trial marked in words as well as in colour.
import { drawSearch } from '../pkg/atelier.js';
import { h } from '../dom.js';
import { t, fixed, num, int } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';

/** The table's order, a per-view choice kept across redraws: a column key and a direction. */
const sort = { key: 'score', dir: 'descending' };

/** The first trial with the highest finite score (the core's rule for `best`), or -1. */
export function bestIndex(trials) {
  let best = -1;
  trials.forEach((trial, i) => {
    if (Number.isFinite(trial.score) && (best < 0 || trial.score > trials[best].score)) best = i;
  });
  return best;
}

/** A parameter's value as a cell: a number in the page's language, anything else as JSON. */
export function paramCell(v) {
  if (typeof v === 'number') return { text: Number.isInteger(v) ? int(v) : num(v), title: String(v), class: 'num' };
  return { text: typeof v === 'string' ? v : JSON.stringify(v) };
}

const scoreCell = (x) => (Number.isFinite(x) ? { text: fixed(x), title: String(x), class: 'num' } : { text: '—', class: 'num muted' });

const missing = (x) => x == null || (typeof x === 'number' && !Number.isFinite(x));

/** Compares two present values of a column: numbers by size, others by their text. */
function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

/** Row indices in the chosen order; ties keep the order the trials ran. */
function ordered(trials) {
  const value = (i) => (sort.key === 'index' ? i : sort.key === 'score' ? trials[i].score : sort.key === 'std' ? trials[i].std : trials[i].params[sort.key]);
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return trials.map((_, i) => i).sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (missing(va) !== missing(vb)) return missing(va) ? 1 : -1; // missing last either way
    return sign * compare(va, vb) || a - b;
  });
}

/** A header that sorts its column: a button inside the <th>, the order in `aria-sort`. */
function sortHeader(key, label, onSort) {
  const active = sort.key === key;
  const arrow = active ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : '';
  return h('th', { scope: 'col', 'aria-sort': active ? sort.dir : 'none' },
    h('button', {
      type: 'button', class: 'sort', id: `search-sort-${key}`, text: `${label}${arrow}`,
      onclick: () => {
        sort.dir = active && sort.dir === 'descending' ? 'ascending' : active ? 'descending' : key === 'index' ? 'ascending' : 'descending';
        sort.key = key;
        onSort();
      },
    }));
}

/** The trials table: `#`, every parameter, the score and its std; the best row marked. */
export function trialsTable(search, names) {
  const box = h('div', { class: 'table-scroll' });
  const best = bestIndex(search.trials);
  const draw = () => {
    const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
    const metric = t(`cv.metric.${search.metric}`);
    const head = [['index', '#'], ...names.map((n) => [n, n]), ['score', metric], ['std', t('search.std')]];
    box.replaceChildren(h('table', { class: 'data search-trials' },
      h('caption', { text: t('search.tableCaption', { n: search.trials.length }) }),
      h('thead', {}, h('tr', {}, head.map(([key, label]) => sortHeader(key, label, draw)))),
      h('tbody', {}, ordered(search.trials).map((i) => {
        const trial = search.trials[i];
        const isBest = i === best;
        return h('tr', { class: isBest ? 'best' : null, 'aria-current': isBest ? 'true' : null },
          h('th', { scope: 'row', text: isBest ? `${int(i + 1)} ★ ${t('search.best')}` : int(i + 1) }),
          names.map((n) => { const c = paramCell(trial.params[n]); return h('td', { class: c.class, title: c.title, text: c.text }); }),
          [trial.score, trial.std].map((x) => { const c = scoreCell(x); return h('td', { class: c.class, title: c.title, text: c.text }); }));
      }))));
    if (focused) document.getElementById(focused)?.focus();
  };
  draw();
  return box;
}

/** The chart of the scores, redrawn as trials arrive (`update()`); its frame is fixed by the
 *  trials asked for. */
export function searchChart(getSearch, maxTrials) {
  const title = t('search.chartTitle');
  const scores = () => getSearch().trials.map((trial) => (Number.isFinite(trial.score) ? trial.score : null));
  const c = chart({
    key: 'search-chart',
    title,
    label: t('search.chartLabel', { title }),
    height: 300,
    draw: (canvas, look) => drawSearch(canvas, {
      title, xTitle: t('search.trial'), yTitle: t('search.yTitle', { metric: t(`cv.metric.${getSearch().metric}`) }),
      trialLabel: t('search.trial'), bestLabel: t('search.bestSoFar'), scores: scores(), maxTrials, ...look,
    }),
    readout: ({ x }) => {
      const trial = getSearch().trials[Math.round(x) - 1];
      if (!trial) return null;
      const params = Object.entries(trial.params).map(([k, v]) => `${k} = ${paramCell(v).text}`).join(', ');
      return t('search.readout', { n: int(Math.round(x)), score: scoreCell(trial.score).text, params });
    },
    numbers: () => {
      const { trials } = getSearch();
      const names = Object.keys(trials[0]?.params ?? {});
      return table({
        caption: title,
        columns: ['#', ...names, t('search.score')],
        rows: trials.map((trial, i) => [int(i + 1), ...names.map((n) => paramCell(trial.params[n])), scoreCell(trial.score)]),
      });
    },
  });
  return { element: c.element, update: () => c.redraw() };
}
