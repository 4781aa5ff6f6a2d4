// The t-SNE and UMAP cards: settings, a run in the worker with progress and Cancel, the layout
// settling as it optimises (drawn only at the end under prefers-reduced-motion), coloured by class.
// A run survives a redraw of the page: its state lives here, the card shows it.
import { h, card, select, replace } from '../dom.js';
import { t, int, num, count, duration, errorText } from '../i18n.js';
import { scatter } from '../ui/scatter.js';
import { rowText } from '../ui/row-text.js';
import { classColumn } from './columns.js';

const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
let nextToken = 1;
/** Runs estimated at this many seconds or more are announced before they start. */
const LONG_SECONDS = 20;

const SETTINGS = {
  tsne: [
    { key: 'perplexity', min: 1, step: 1, fallback: (n) => Math.max(1, Math.min(30, Math.floor((n - 1) / 3))) },
    { key: 'iterations', min: 250, step: 50, fallback: () => 1000 },
    { key: 'seed', min: 0, step: 1, fallback: () => 0 },
  ],
  umap: [
    { key: 'neighbors', min: 2, step: 1, fallback: (n) => Math.max(2, Math.min(15, n - 1)) },
    { key: 'minDist', min: 0, max: 1, step: 0.05, fallback: () => 0.1 },
    { key: 'seed', min: 0, step: 1, fallback: () => 0 },
  ],
};

/** Per kind: the settings, and the last run (`{ status, done, total, data, error, version }`). */
const models = {
  tsne: { params: { init: 'random' }, run: null, view: null, file: null },
  umap: { params: {}, run: null, view: null, file: null },
};

function xy(flat) {
  const n = flat.length / 2;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = flat[2 * i]; y[i] = flat[2 * i + 1]; }
  return { x, y };
}

async function start(ctx, kind, options) {
  const model = models[kind];
  const token = `${kind}-${nextToken++}`;
  const run = { token, status: 'running', done: 0, total: 0, meta: null, data: null, error: null, version: ctx.state.version };
  model.run = run;
  model.view?.();
  try {
    const result = await ctx.client.request(kind, { options, token, classColumn: classColumn(ctx), animate: !reduced.matches }, (p) => {
      if (model.run !== run) return;
      if (p.labels) run.meta = p;
      run.done = p.done;
      run.total = p.total;
      if (p.embedding && run.meta) run.data = { ...run.meta, ...xy(p.embedding) };
      model.view?.(p.embedding ? 'frame' : 'progress');
    });
    if (model.run !== run) return;
    Object.assign(run, { status: 'done', done: result.done, total: result.total, meta: result, data: { ...result, ...xy(result.embedding) } });
  } catch (err) {
    if (model.run !== run) return;
    run.status = err.code === 'cancelled' ? 'cancelled' : 'error';
    run.error = err;
  }
  model.view?.();
}

/** The options a run of `kind` takes, from the card's settings. */
function optionsFor(kind, model, { columns, standardize }) {
  const options = { columns, standardize, ...model.params, seed: Math.round(model.params.seed) };
  if (kind === 'tsne') options.iterations = Math.round(options.iterations);
  return options;
}

/** The run's estimated time (core: experiment::estimate) as a warning when it is long, else
 *  null; an estimate that cannot be made (too few rows…) says nothing: the run will say why. */
async function estimatePart(ctx, kind, options) {
  const e = await ctx.client.request('projectionEstimate', { kind, options }).catch(() => null);
  if (!e || e.seconds < LONG_SECONDS) return null;
  return h('p', { class: 'note warn', text: t('project.estimate', { name: t(`project.${kind}`), time: duration(e.seconds), rows: int(e.rows), columns: int(e.columns) }) });
}

function field(kind, s, model, onchange) {
  const id = `${kind}-${s.key}`;
  const input = h('input', {
    type: 'number', id, min: String(s.min), max: s.max == null ? null : String(s.max), step: String(s.step),
    value: String(model.params[s.key]),
    onchange: (e) => { const v = Number(e.target.value); if (Number.isFinite(v)) { model.params[s.key] = v; onchange(); } },
  });
  return h('label', { class: 'field' }, h('span', { text: t(`project.${s.key}`) }), input);
}

export function embeddingCard(ctx, kind, chosen) {
  const model = models[kind];
  const rows = ctx.state.summary.rows;
  if (model.file !== ctx.state.file) { // new data: the defaults fit its size again
    model.file = ctx.state.file;
    for (const s of SETTINGS[kind]) model.params[s.key] = s.fallback(rows);
  }
  if (model.run && model.run.version !== ctx.state.version && model.run.status !== 'running') model.run = null;

  const status = h('div', { class: 'run-status' });
  const plot = h('div');
  let chart = null;
  const name = t(`project.${kind}`);

  const launch = h('button', {
    type: 'button', class: 'primary', id: `${kind}-run`, text: t('project.run', { name }),
    onclick: () => start(ctx, kind, optionsFor(kind, model, chosen)),
  });
  const estimate = h('div', { class: 'run-estimate' });
  let asked = 0; // the last estimate asked for: an older answer arriving late is dropped
  const estimateAgain = async () => {
    const me = ++asked;
    const part = await estimatePart(ctx, kind, optionsFor(kind, model, chosen));
    if (me === asked) replace(estimate, part);
  };

  function view(what) {
    const run = model.run;
    launch.disabled = run?.status === 'running';
    if (!run) { replace(status); replace(plot); chart = null; return; }
    if (what === 'progress' || what === 'frame') {
      const bar = status.querySelector('progress');
      if (bar) { bar.max = run.total || 1; bar.value = run.done; status.querySelector('.run-count').textContent = t('project.progress', { done: int(run.done), total: int(run.total) }); }
    } else {
      replace(status, ...statusParts(ctx, kind, run));
    }
    if (run.data) {
      const opts = { key: kind, title: t('project.scatterTitle', { name }), xTitle: `${name} 1`, yTitle: `${name} 2`, describe: (label) => rowText(ctx, label) };
      if (!chart || !chart.element.isConnected) { chart = scatter({ ...opts, data: run.data }); replace(plot, chart.element); } else chart.set(run.data);
    } else if (run.status !== 'running') { replace(plot); chart = null; }
  }
  model.view = view;

  const settings = [
    ...SETTINGS[kind].map((s) => field(kind, s, model, estimateAgain)),
    kind === 'tsne' && select({
      label: t('project.init'), value: model.params.init, id: 'tsne-init',
      choices: [['random', t('project.init.random')], ['pca', t('project.init.pca')]],
      onchange: (v) => { model.params.init = v; },
    }),
  ];
  const element = card(name,
    h('p', { class: 'muted small', text: t(`project.${kind}Help`) }),
    h('div', { class: 'fields' }, settings, launch),
    estimate, status, plot);
  queueMicrotask(() => view());
  estimateAgain();
  return element;
}

function statusParts(ctx, kind, run) {
  const name = t(`project.${kind}`);
  const dropped = run.meta?.dropped > 0 && h('p', { class: 'note', text: t('project.dropped', { rows: count(run.meta.dropped, 'row') }) });
  if (run.status === 'running') {
    return [h('div', { class: 'progress' },
      h('span', { class: 'run-count', text: t('project.progress', { done: int(run.done), total: int(run.total) }) }),
      h('progress', { max: String(run.total || 1), value: String(run.done), 'aria-label': t('project.progressLabel', { name }) }),
      h('button', { type: 'button', text: t('project.cancel', { name }), onclick: () => ctx.client.request('cancelRun', { token: run.token }) })),
    dropped];
  }
  if (run.status === 'cancelled') return [h('p', { role: 'status', class: 'note', text: t('project.cancelled', { name }) })];
  if (run.status === 'error') return [h('p', { role: 'alert', class: 'error', text: errorText(run.error) })];
  return [
    h('p', { role: 'status', class: 'note', text: run.meta.kl != null
      ? t('project.doneKl', { name, done: int(run.done), kl: num(run.meta.kl) })
      : t('project.done', { name, done: int(run.done) }) }),
    dropped,
    kind === 'tsne' && h('p', { class: 'muted small', text: t('project.tsneWarning') }),
  ];
}
