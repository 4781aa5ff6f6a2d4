// Step 9, the hyperparameter search card: a method (grid, random, TPE), a budget (trials, and
// seconds if wanted), the metric, a seed and the space; a run in the worker, a trial at a time,
// with progress and Cancel (the finished trials stay); the chart and the table growing after
// each trial; and the best parameters taken to the Train step. Each trial is scored by
// cross-validation on the training + validation rows, with step 9's folds; the test rows stay out.
// The settings live in the page's spec (`spec.search`, never sent with the other steps' runs).
import { bestSpec } from '../pkg/atelier.js';
import { Cancelled } from '../client.js';
import { searchOnPool } from '../parallel.js';
import { h, card, replace } from '../dom.js';
import { t, int, count, lang, duration, errorText } from '../i18n.js';
import { numberField, selectField } from '../ui/fields.js';
import { CV, SEARCH_METHODS, SEARCH_METRICS } from '../spec.js';
import { currentSpace, errorRow, spaceEditor, spaceRefused } from './search-space.js';
import { bestIndex, paramCell, searchChart, trialsTable } from './search-results.js';
import { journaled, servedNote } from '../ui/served.js';

/** A search estimated at this many seconds or more says so while it runs (www/parallel.js). */
const LONG_SECONDS = 60;

/** The search under way or the last one: `{ abort, key, version, status: 'running' | 'done' |
 *  'cancelled' | 'error', done, total, search: { method, metric, trials, best }, stopped, error,
 *  servedAt }`, `servedAt` when it came from the journal (issue 10): the date it ran. */
let run = null;
let view = null; // redraws the run's status and results where the card shows them

/** The one place the page runs a search: on the worker pool (`searchOnPool`), the page's worker
 *  coordinating. Resolves to `report.search` with `stopped`: 'cancelled' (`signal` aborted; the
 *  finished trials stay), 'time' (the seconds ran out before the trials) or null. */
export async function runSearch(client, spec, signal, onProgress, onEstimate) {
  let total = spec.search.trials;
  const search = await searchOnPool(spec, { client, signal, onEstimate, onProgress: (p) => { total = p.total; onProgress(p); } });
  if (signal.aborted && !search.trials.length) throw new Cancelled();
  const outOfTime = spec.search.seconds != null && search.trials.length < total;
  return { ...search, stopped: signal.aborted ? 'cancelled' : outOfTime ? 'time' : null };
}

const sameAsDefault = (cv) => Object.keys(CV).every((k) => cv[k] === CV[k]);

/** The spec the worker searches: the page's full spec with `search`, and `cv` when it is not
 *  the core's default (with `cv`, the run cross-validates the model once more before searching). */
export function specFor(state, fullSpec) {
  const { method, trials, seconds, metric, seed } = state.spec.search;
  const search = { method, space: currentSpace(state.spec), trials, metric, seed, ...(seconds ? { seconds } : {}) };
  return { ...fullSpec, ...(sameAsDefault(state.spec.cv) ? {} : { cv: { ...state.spec.cv } }), search };
}

/** Runs the page's search, or (unless `again`) shows the journal's result when this spec
 *  already ran on this data. */
async function start(ctx, again = false) {
  const spec = specFor(ctx.state, ctx.fullSpec());
  const me = {
    abort: new AbortController(), key: JSON.stringify(spec), version: ctx.state.version, status: 'running',
    done: 0, total: spec.search.trials, search: { method: spec.search.method, metric: spec.search.metric, trials: [], best: null }, stopped: null, error: null,
  };
  run = me;
  view?.('start');
  const entry = again ? null : await journaled(ctx, spec, 'search');
  if (run !== me) return;
  if (entry?.report?.search?.trials?.length) {
    const { search } = entry.report;
    Object.assign(me, { search, status: 'done', done: search.trials.length, total: search.trials.length, servedAt: entry.at });
    view?.('end');
    return;
  }
  try {
    const search = await runSearch(ctx.client, spec, me.abort.signal, (p) => {
      if (run !== me) return;
      me.done = p.done;
      me.total = p.total;
      me.search.trials[p.index] = p.trial;
      view?.('trial');
    }, (estimate) => {
      if (run !== me || estimate.seconds < LONG_SECONDS) return;
      me.estimate = estimate;
      view?.('estimate');
    });
    if (run !== me) return;
    Object.assign(me, { search, stopped: search.stopped, status: search.stopped === 'cancelled' ? 'cancelled' : 'done', done: search.trials.length });
    if (me.status === 'done') ctx.record('search', spec, { search }).catch(() => {}); // the journal (issue 10)
  } catch (err) {
    if (run !== me) return;
    Object.assign(me, { status: err?.code === 'cancelled' ? 'cancelled' : 'error', error: err });
  }
  view?.('end');
}

/** Puts the best trial's parameters into the page's model and opens Train. */
async function useBest(ctx, search) {
  const best = bestSpec(ctx.fullSpec(), search.best, lang);
  await ctx.setSpec((s) => { s.model = best.model; });
  await ctx.goTo('train');
}

function settings(ctx) {
  const { search } = ctx.state.spec;
  const set = (key) => (v) => ctx.setSpec((s) => { s.search[key] = v; });
  return h('div', { class: 'control-grid' },
    selectField({ id: 'search-method', label: t('search.method'), value: search.method, onchange: set('method'), reason: t(`search.why.${search.method}`),
      choices: SEARCH_METHODS.map((m) => [m, t(`search.method.${m}`)]) }),
    numberField({ id: 'search-trials', label: t('search.trials'), value: search.trials, min: 1, integer: true, onchange: set('trials'), reason: t('search.why.trials') }),
    numberField({ id: 'search-seconds', label: t('search.seconds'), value: search.seconds, min: 0, exclusive: true, optional: true, onchange: set('seconds'),
      placeholder: t('search.noLimit'), reason: t('search.why.seconds') }),
    selectField({ id: 'search-metric', label: t('search.metric'), value: search.metric, onchange: set('metric'), reason: t('search.why.metric'),
      choices: SEARCH_METRICS.map((m) => [m, t(`cv.metric.${m}`)]) }),
    numberField({ id: 'search-seed', label: t('search.seed'), value: search.seed, min: 0, integer: true, onchange: set('seed'), reason: t('search.why.seed') }));
}

/** The long search's warning: its estimated time and where it comes from. */
function estimateNote(e) {
  return e && h('p', { class: 'note warn', text: t('search.estimate', { time: duration(e.seconds), fit: duration(e.fit), fits: int(e.fits), workers: count(e.workers, 'core') }) });
}

function statusParts(ctx) {
  if (!run) return [];
  if (run.status === 'running') {
    return [h('div', { class: 'progress' },
      h('span', { class: 'run-count', text: run.done ? t('search.progress', { done: int(run.done), total: int(run.total) }) : t('search.starting') }),
      h('progress', { max: String(run.total || 1), value: String(run.done), 'aria-label': t('search.progressLabel') }),
      h('button', { type: 'button', id: 'search-cancel', text: t('search.cancel'), onclick: () => run.abort.abort() })),
    estimateNote(run.estimate)];
  }
  const n = run.search.trials.length;
  if (run.status === 'cancelled') return [h('p', { role: 'status', class: 'note', text: n ? t('search.cancelledKept', { n: int(n) }) : t('search.cancelled') })];
  if (run.status === 'error') {
    const row = errorRow(run.error, Object.keys(currentSpace(ctx.state.spec)));
    return row ? [] : [h('div', { role: 'alert', class: 'error' }, h('p', { text: t('search.failed') }), h('p', { text: errorText(run.error) }))];
  }
  if (run.stopped === 'time') return [h('p', { role: 'status', class: 'note', text: t('search.timeUp', { n: int(n) }) })];
  return [h('p', { role: 'status', class: 'note', text: t('search.finished', { n: int(n) }) })];
}

/** The best trial's button, once the search ended and its settings are still the page's. */
function useLine(ctx, search, names) {
  const best = search.best ?? search.trials[bestIndex(search.trials)];
  if (!best) return null;
  const params = names.map((n) => `${n} = ${paramCell(best.params[n]).text}`).join(', ');
  return h('div', { class: 'actions start' },
    h('button', { type: 'button', id: 'search-use', class: 'primary', text: t('search.use'), onclick: () => useBest(ctx, { ...search, best }) }),
    h('span', { class: 'muted small', text: t('search.useWhat', { params }) }));
}

/** The search card; `question` is the Prepare step's check of the data (its error blocks Run). */
export function searchCard(ctx, question) {
  const { state } = ctx;
  const status = h('div', { class: 'run-status' });
  const resultsBox = h('div', { class: 'search-results' });
  const button = h('button', { type: 'button', id: 'search-run', class: 'primary', text: t('search.run'), onclick: () => start(ctx) });
  // A run's error about the space shows on its row while the settings are those it ran.
  const runError = run?.status === 'error' && run.version === state.version && run.key === JSON.stringify(specFor(state, ctx.fullSpec())) ? run.error : null;
  const element = card(t('search.title'),
    h('p', { text: t('search.intro') }),
    settings(ctx),
    spaceEditor({ spec: state.spec, runError, onSpace: (space) => ctx.setSpec((s) => { s.search.space = space; s.search.kind = space ? s.model.kind : null; }) }),
    h('div', { class: 'actions start train-actions' }, button),
    status,
    resultsBox);
  let live = null; // { chart, tableBox, names } of the results shown, updated trial by trial
  const showResults = () => {
    live = null;
    if (!run || run.version !== state.version || !run.search.trials.length) { replace(resultsBox); return; }
    const { search } = run;
    const names = Object.keys(search.trials[0].params);
    const stale = run.key !== JSON.stringify(specFor(state, ctx.fullSpec()));
    const chart = searchChart(() => run.search, run.total);
    const tableBox = h('div', {}, trialsTable(search, names));
    replace(resultsBox,
      stale && h('p', { role: 'status', class: 'note warn', text: t('search.stale') }),
      !stale && run.servedAt && servedNote({ at: run.servedAt, id: 'search-again', onAgain: () => start(ctx, true) }),
      chart.element, tableBox,
      run.status !== 'running' && !stale && useLine(ctx, search, names));
    live = { chart, tableBox, names };
  };
  view = (what) => {
    if (!status.isConnected && what !== 'first') return; // a card drawn again since
    if (what === 'end' && run.status === 'error' && errorRow(run.error, Object.keys(currentSpace(state.spec)))) { ctx.rerender(); return; }
    const running = run?.status === 'running';
    button.disabled = running || Boolean(question.error) || spaceRefused(state.spec);
    const hadFocus = status.contains(document.activeElement) || document.activeElement === button;
    const bar = status.querySelector('progress');
    if (what === 'trial' && running && bar) { // in place: the Cancel button stays under the pointer
      bar.max = run.total || 1;
      bar.value = run.done;
      status.querySelector('.run-count').textContent = t('search.progress', { done: int(run.done), total: int(run.total) });
    } else {
      replace(status, ...statusParts(ctx));
    }
    if (what === 'trial' && live) {
      live.chart.update();
      replace(live.tableBox, trialsTable(run.search, live.names));
    } else {
      showResults();
    }
    if (hadFocus && what !== 'trial') (running ? status.querySelector('#search-cancel') : button)?.focus();
  };
  if (!question.answer && !question.error) question.promise?.then(() => view?.(), () => view?.());
  view('first');
  return element;
}
