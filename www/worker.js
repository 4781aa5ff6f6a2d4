// The worker: loads the wasm core, parses files with progress, holds the Dataset (and its
// cleaning recipe) and answers questions about it. The main thread never blocks; a cancelled
// load terminates this worker; a projection run stops at its next step when its token is cancelled.
import { load, pairs, parse, parseReport, provide, readable } from './api.js';
import * as look from './pkg/atelier_look.js';
import { Evaluation, ProductionModel, cvSummary } from './pkg/atelier.js';
import { workbookSource } from './assets.js';

// The page's first message, `{ init: { look, workbook } }` (www/assets.js, workerInit), hands
// over the first-look module it compiled (steps 1 to 4, a third of the core); requests that
// arrive before it wait. `{ core }` follows once the page has compiled the whole core. Until
// then the data is read and explored with the first-look module; a request it cannot answer
// waits for the whole core, and `need` reads the data again with it.
let started;
let firstLook = null; // the first-look module's exports, until the whole core is here
const ready = new Promise((resolve) => { started = resolve; }).then(async (init) => {
  provide({ workbook: workbookSource(init?.workbook) });
  if (!init?.look) return load(); // the page could not compile it: the whole core, fetched here
  await look.default({ module_or_path: init.look });
  firstLook = look;
  return null;
});
let arrived = false; // the page has sent the whole core
let deliver;
const whole = new Promise((resolve) => { deliver = resolve; }).then(async (core) => {
  await ready;
  provide({ core }); // null (the page failed to compile it): load() fetches it
  await load();
  firstLook = null;
});
/** The requests the first-look module answers (every other one waits for the whole core). */
const FIRST_LOOK = new Set(['load', 'info', 'describe', 'head', 'valueCounts', 'flags', 'setRecipe', 'toCsv',
  'findRows', 'row', 'correlation', 'histogram', 'boxPlot', 'scatter']);

let current = null; // the Dataset of the last successful load
let source = null; // what `current` was read from, while the first-look module holds it
let positions = null; // label → position in the cleaned table, built on demand
const runs = new Map(); // run token → { cancelled }
let evaluation = null; // { key, ev }: the Evaluation of the current choice (a score column, or a run's validation scores)

function summary(ds, dialect) {
  return {
    rows: ds.numRows(),
    columns: ds.numColumns(),
    dialect: dialect ?? ds.dialect(),
    target: ds.guessTarget() ?? null,
    idColumn: ds.idColumn() ?? null,
    info: ds.info(),
  };
}

function need() {
  if (!current) throw new Error('no data loaded');
  if (source && !firstLook) reread();
  return current;
}

/** The whole core has arrived: the data the first-look module read is read again by it, and
 *  the recipe replayed (the same bytes, the same table: a load is a pure function of them). */
function reread() {
  const { dataset } = parse(source);
  try {
    dataset.setRecipe(current.recipe().steps);
  } catch (err) {
    dataset.free();
    throw err;
  }
  current.free();
  current = dataset;
  source = null;
}

function labelPosition(label) {
  if (!positions) {
    const labels = need().labels(0, need().numRows());
    positions = new Map();
    labels.forEach((l, i) => positions.set(l, i));
  }
  return positions.get(label);
}

/** Class index per position in the cleaned table, and the class names ('' = missing last). */
function classesOf(column) {
  if (!column) return null;
  const c = need().classes(column);
  return { names: c.names, index: Uint32Array.from(c.index) };
}

/** Per projected row (given as positions): its class index, and the names to show. */
function classesFor(column, rowPositions) {
  const c = classesOf(column);
  if (!c) return { classes: new Uint32Array(0), classNames: [] };
  const classes = Uint32Array.from(rowPositions, (p) => c.index[p]);
  const missing = classes.some((k) => k === c.names.length);
  return { classes, classNames: missing ? [...c.names, null] : c.names };
}

/** Frees the Evaluation: the data, the recipe or the choice changed. */
function dropEvaluation() {
  evaluation?.ev.free();
  evaluation = null;
}

/** The key of a choice: a run's hash, or the (label, positive, score) columns. */
const choiceKey = (c) => (c.run ? `run:${c.run}` : JSON.stringify([c.label, c.positive ?? null, c.score]));

/** The Evaluation of `choice`, built once per choice: `{ label, positive, score }` reads the
 *  table; `{ run }` takes the run's validation scores, which `validation` brings (the report's
 *  `{ labels, scores, ids }` and its positive class) when the worker has not kept them. */
function evaluationFor(choice, validation) {
  const key = choiceKey(choice);
  if (evaluation?.key !== key) {
    dropEvaluation();
    const ev = choice.run
      ? Evaluation.fromScores(Float64Array.from(validation.labels), Float64Array.from(validation.scores), validation.ids, validation.positive, 'en')
      : need().evaluation(choice.label, choice.positive ?? null, choice.score);
    evaluation = { key, ev };
  }
  return evaluation.ev;
}

/** Indices of the points of a curve worth drawing: the ends, and every point that moves at
 *  least `eps` (in x + y) from the last one kept. 100 000 points become a few thousand at most. */
function thinned(xs, ys, eps = 5e-4) {
  const n = xs.length;
  if (n <= 2000) return null;
  const keep = [0];
  for (let i = 1; i < n - 1; i++) {
    const j = keep.at(-1);
    if (Math.abs(xs[i] - xs[j]) + Math.abs(ys[i] - ys[j]) >= eps) keep.push(i);
  }
  keep.push(n - 1);
  return keep;
}

/** `curve` with only the kept points of its arrays (`names`); `points` says how many it had. */
function thin(curve, x, y, names) {
  const keep = thinned(curve[x], curve[y]);
  const points = curve[x].length;
  if (!keep) return { ...curve, points, thinned: false };
  const out = { ...curve, points, thinned: true };
  for (const name of names) out[name] = keep.map((i) => curve[name][i]);
  return out;
}

/** ROC and PR curves thinned for drawing, the PR thresholds made one longer (the last point
 *  has none) so every point has a threshold; a missing curve stays missing. */
function drawable(roc, pr) {
  return {
    roc: roc && thin(roc, 'fpr', 'tpr', ['fpr', 'tpr', 'thresholds']),
    pr: pr && thin({ ...pr, thresholds: [...pr.thresholds, null] }, 'recall', 'precision', ['recall', 'precision', 'thresholds']),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve));

// The worker pool's runs: the last spec's run of folds (`CvRun` or `SearchRun`), kept for its
// next folds while the data is the same (the spec carries the cleaning recipe); the coordinator
// of a search.
let poolRun = null; // { ds, key, run }
let coordinator = null;

function pooled(kind, spec) {
  const ds = need();
  const key = kind + JSON.stringify(spec);
  if (poolRun?.ds !== ds || poolRun.key !== key) {
    poolRun?.run.free();
    poolRun = null;
    poolRun = { ds, key, run: kind === 'cv' ? ds.cvRun(JSON.stringify(spec)) : ds.searchRun(JSON.stringify(spec)) };
  }
  return poolRun.run;
}

/** The last training (`{ token, run, paused, wake, pending, cancelled }`); its run stays after
 *  the fit for `trainLook`, freed when the next training starts. */
let training = null;

/** Waits while the training is paused; resolves to the next step to take: `epoch`, or `batch`
 *  when one was asked for while paused. */
async function nextAction(me) {
  while (me.paused && !me.pending.length && !me.cancelled) {
    await new Promise((resolve) => { me.wake = resolve; });
    me.wake = null;
  }
  throwIfCancelled(me);
  return me.pending.shift() ?? 'epoch';
}

/** Registers a cancellable run under `token` (one heavy run at a time: starting one cancels
 *  the others); returns its `{ cancelled }` flag. */
function startRun(token) {
  const me = { cancelled: false };
  for (const other of runs.values()) { other.cancelled = true; other.wake?.(); }
  runs.set(token, me);
  return me;
}

function throwIfCancelled(me) {
  if (me.cancelled) throw Object.assign(new Error('cancelled'), { code: 'cancelled' });
}

/** Steps an experiment `run` to its end, posting `{ done, total }` after each step; stops at the
 *  next step once `me` is cancelled (validate, finalTest). */
async function toEnd(run, me, progress) {
  while (!run.done()) {
    run.step();
    const [done, total] = run.progress();
    progress({ done, total });
    await tick(); // lets a cancel message in
    throwIfCancelled(me);
  }
}

/** Runs a stepped projection (t-SNE, UMAP) to its end, posting progress (and, if `animate`, the
 *  layout every few steps); stops at the next step once its token is cancelled. */
async function stepped(run, { token, classColumn, animate, chunk }, progress, total, count) {
  const me = startRun(token);
  try {
    const labels = run.rows();
    const meta = { labels, dropped: run.dropped(), total, ...classesFor(classColumn, Array.from(labels, labelPosition)) };
    progress({ ...meta, done: 0 });
    let last = 0;
    while (!run.done()) {
      run.step(chunk);
      const now = Date.now();
      const message = { done: count(), total };
      if (animate && now - last > 50) { last = now; message.embedding = run.embedding(); }
      progress(message);
      await tick(); // lets a cancel message in
      throwIfCancelled(me);
    }
    return { ...meta, embedding: run.embedding(), done: count(), kl: run.klDivergence?.() ?? null };
  } finally {
    runs.delete(token);
    run.free();
  }
}

const ops = {
  // Workbooks go through api.js, which fetches the workbook module only when one arrives.
  async load({ bytes, options }, progress) {
    const file = await readable(bytes, options);
    const { dataset, dialect } = parse(file, progress, undefined, firstLook ?? undefined);
    const result = summary(dataset, dialect); // if anything throws before here, the old data stays
    current?.free();
    current = dataset;
    source = firstLook ? file : null;
    positions = null;
    dropEvaluation();
    if (training && !runs.has(training.token)) { training.run.free(); training = null; } // its data is gone
    return result;
  },
  info: () => need().info(),
  describe: () => need().describe(),
  head: ({ start, n }) => ({ rows: need().head(start, n), labels: need().labels(start, n) }),
  valueCounts: ({ column, dropna }) => need().valueCounts(column, dropna),
  flags: ({ classColumn }) => need().flags(classColumn ?? null),

  /** Replaces the recipe (an error keeps the previous one); answers the new summary. */
  setRecipe({ steps }) {
    need().setRecipe(steps);
    positions = null;
    dropEvaluation();
    return { summary: summary(need()), recipe: need().recipe() };
  },
  toCsv: () => need().toCsv(),
  /** The labels of the rows whose identifier is one of `ids` (or, without an ID column, whose label is). */
  findRows({ ids }) {
    const ds = need();
    const idColumn = ds.idColumn();
    const n = ds.numRows();
    const labels = ds.labels(0, n);
    let values;
    if (!idColumn) values = Array.from(labels, String);
    else {
      const col = ds.columns().findIndex((c) => c.name === idColumn);
      values = ds.head(0, n).map((r) => String(r[col]));
    }
    const found = [];
    const missing = [];
    for (const id of ids) {
      const i = values.indexOf(String(id));
      if (i < 0) missing.push(id); else found.push(labels[i]);
    }
    return { labels: found, missing, idColumn: idColumn ?? null };
  },
  /** One row of the cleaned table by its label: `{ label, columns, values }`. */
  row({ label }) {
    const ds = need();
    const at = labelPosition(label);
    if (at == null) return null;
    return { label, columns: ds.columns().map((c) => c.name), values: ds.head(at, 1)[0] };
  },

  correlation: ({ method, columns, threshold }) => need().correlation(method, columns ?? null, threshold),
  histogram: ({ column, bins, classColumn }) => need().histogram(column, bins ?? null, classColumn ?? null),
  boxPlot: ({ column, classColumn }) => need().boxPlot(column, classColumn ?? null),
  /** Two numeric columns for a scatter plot, each row's label and class. */
  scatter({ x, y, classColumn }) {
    const ds = need();
    const n = ds.numRows();
    const all = Array.from({ length: n }, (_, i) => i);
    return { x: ds.columnNumbers(x), y: ds.columnNumbers(y), labels: ds.labels(0, n), ...classesFor(classColumn, all) };
  },

  pca({ options, classColumn }) {
    const ds = need();
    const flat = ds.pca(options);
    const report = { ...flat, projection: pairs(flat.projection, flat.k), rows: Array.from(flat.rows) };
    const labels = ds.labels(0, ds.numRows());
    return { ...report, labels: Uint32Array.from(report.rows, (r) => labels[r]), ...classesFor(classColumn, report.rows) };
  },
  tsne({ options, ...run }, progress) {
    const r = need().tsne(options);
    return stepped(r, { ...run, chunk: 10 }, progress, r.totalIterations(), () => r.iteration());
  },
  projectionEstimate({ kind, options }) {
    return need().projectionEstimate(kind, options);
  },
  umap({ options, ...run }, progress) {
    const r = need().umap(options);
    return stepped(r, { ...run, chunk: 5 }, progress, r.totalEpochs(), () => r.epoch());
  },
  /** Opens the evaluation of a score column: the curves (thinned for drawing), the score
   *  histogram, the label's values; `{ values, needPositive: true }` when the labels are not 0/1
   *  and no positive class was given; `{ values, error }` when the choice cannot be evaluated
   *  (one class only, a text score column). */
  evalOpen({ choice, validation }) {
    const counts = choice.run ? [] : need().valueCounts(choice.label, true);
    const values = counts.slice(0, 200); // the most frequent: a select, not a list of 100 000
    const valueCount = counts.length;
    let ev;
    try {
      ev = evaluationFor(choice, validation);
    } catch (err) {
      if (err?.code === 'not_binary') return { values, valueCount, needPositive: true };
      if (err?.fr) return { values, valueCount, error: errorData(err) }; // the core's: shown with the choices
      throw err;
    }
    return {
      values,
      valueCount,
      summary: ev.summary(),
      ...drawable(ev.roc(false), ev.pr()),
      histogram: ev.histogram(null),
    };
  },
  evalAt: ({ choice, threshold }) => evaluationFor(choice).at(threshold),

  /** The columns holding free text, which the Prepare step offers to cut into words. */
  textColumns: () => need().textColumns(),
  /** The one-hot illustration of the first text of `column`: `{ sentence, tokens, vocabulary,
   *  indices, rows, bag, note }`, or null when the column has no text. */
  textExample: ({ column, lowercase }) => need().textExample(column, lowercase ?? true),

  /** The Prepare step's view of `spec`: `{ target, positive, classes, rows, splits, features,
   *  scaled, threshold, warnings }`, without fitting anything. */
  prepare({ spec }) {
    const run = need().experiment(JSON.stringify(spec));
    try { return run.prepared(); } finally { run.free(); }
  },
  /** Trains `spec` on the data, posting `{ done, total }` between steps (a forest's trees);
   *  stops at the next step once `token` is cancelled. Resolves to the report. */
  /** Trains `spec`'s model a step at a time (a tree, an epoch), posting progress; a
   *  gradient-descent model's progress carries its epoch's record and time (`epoch`, `ms`).
   *  Pause, resume, one more epoch or batch: `trainControl`. Stops at the next step once `token`
   *  is cancelled. Resolves to the report; the fitted run stays for `trainLook`. */
  async train({ spec, token }, progress) {
    const run = need().experiment(JSON.stringify(spec));
    const me = startRun(token);
    Object.assign(me, { token, run, paused: false, wake: null, pending: [] });
    training?.run.free();
    training = me;
    try {
      run.init();
      progress({ done: 0, total: run.progress()[1], layers: run.layers() ?? null });
      while (!run.done()) {
        const action = await nextAction(me);
        const start = performance.now();
        if (action === 'batch') run.stepBatch(); else run.step();
        const [done, total] = run.progress();
        progress({ done, total, epoch: run.lastEpoch() ?? null, marks: run.marks() ?? null, ms: performance.now() - start, action });
        await tick(); // lets a cancel or a pause in
        throwIfCancelled(me);
      }
      return parseReport(run.report());
    } catch (err) {
      if (training === me) training = null;
      run.free();
      throw err;
    } finally {
      runs.delete(token);
    }
  },
  // Step 10, the final test (www/steps/test.js).
  /** Runs `spec` with `evaluate_test` (its `test_uses`: the earlier uses; its `test_data`, if
   *  any: the other file to test on, a built-in one's bytes in `testBytes`), posting `{ done,
   *  total }` steps (the fit on the training part, then the refit on train + validation); stops
   *  at the next step once `token` is cancelled. Resolves to what the step shows and records:
   *  `{ spec_hash, positive, classes, threshold, rows, test: { metrics, roc, pr, data, rows,
   *  left_out, shift }, test_uses, warnings }`, the curves thinned for drawing (the PR thresholds
   *  one longer, as `evalOpen`). */
  async finalTest({ spec, testBytes, token }, progress) {
    const run = need().experiment(JSON.stringify({ ...spec, evaluate_test: true }), testBytes);
    const me = startRun(token);
    try {
      await toEnd(run, me, progress);
      const r = parseReport(run.report());
      const { metrics, roc, pr, data, rows, left_out, shift } = r.test;
      const { spec_hash, positive, classes, threshold, test_uses, warnings } = r;
      return { spec_hash, positive, classes, threshold, rows, test: { metrics, ...drawable(roc, pr), data, rows, left_out, shift }, test_uses, warnings };
    } finally {
      runs.delete(token);
      run.free();
    }
  },
  /** Pauses, resumes, or (paused) learns one more `epoch` or `batch` of the training under
   *  `token`. */
  trainControl({ token, action }) {
    const me = runs.get(token);
    if (!me || me !== training) return false;
    if (action === 'pause') me.paused = true;
    else if (action === 'resume') me.paused = false;
    else me.pending.push(action);
    me.wake?.();
    return true;
  },
  /** The loss surface of logistic regression on one prepared feature, with optimiser paths
   *  (`ask`: see Dataset.descent). */
  descent: ({ spec, ask }) => need().descent(JSON.stringify(spec), ask),
  /** What the Train step shows of the current (or last) training: `loader` (with the classes of
   *  the rows in the loader's order and the validation part's), `layers`, `forward` of
   *  validation row `index`, or the `boundary` on `axes` with `resolution` points per axis. */
  trainLook({ what, index, axes, resolution }) {
    const run = training?.run;
    if (!run) return null;
    if (what === 'layers') return run.layers() ?? null;
    if (what === 'forward') return run.forward(index ?? 0);
    if (what === 'filters') return run.filters();
    if (what === 'boundary') return run.boundary(axes, resolution ?? 60);
    const loader = run.loader();
    if (!loader) return null;
    const classes = run.trainClasses();
    return { ...loader, classes: Uint32Array.from(loader.order, (i) => classes[i]), validation: run.validationClasses() };
  },
  evalRanking: ({ choice, threshold, start, n }) => evaluationFor(choice).ranking(threshold, start, n),
  evalPick: ({ choice, rule, target }) => evaluationFor(choice).pick(rule, target ?? 0),
  // Export (issue 9, step 11): the Python script of the page's spec on the loaded file.
  exportPython: ({ spec }) => need().exportPython(JSON.stringify(spec)),
  // Journal (issue 10): the key a run of `spec` on the loaded data will have (its report's
  // spec_hash) and the data's fingerprint, before running it.
  journalKey: ({ spec }) => ({ key: need().specKey(JSON.stringify(spec)), fingerprint: need().fingerprint() }),
  // ---- the worker pool (www/pool.js, www/parallel.js) ----------------------------------------
  /** Fold `fold` (0-based) of `spec`'s cross-validation: a fold record as in `report.cv.folds`.
   *  The worker keeps the run of the last spec, so its next folds skip the cleaning. */
  cvFold: ({ spec, fold }) => pooled('cv', spec).fold(fold),
  /** `report.cv` of fold records computed on any workers. */
  cvSummary: ({ folds }) => cvSummary(folds),
  /** Fold `fold` of a search's trial with `params` (each fold's preparation kept for the next
   *  trials). */
  searchFold({ spec, params, fold }) {
    const record = pooled('search', spec).fold(params, fold);
    record.test_indices = []; // a trial's score needs the figures only
    return record;
  },
  /** The search coordinator (one per worker): `searchStart` makes it and answers `{ folds,
   *  done, total }`; `searchAsk` → `{ trial, params }` or null; `searchTell` → the trial
   *  `{ params, score, std }`; `searchStop`; `searchReport` → `report.search`. */
  searchStart({ spec }) {
    coordinator?.free();
    coordinator = need().searchRun(JSON.stringify(spec));
    return coordinator.progress();
  },
  searchAsk: () => coordinator.ask(),
  searchTell: ({ trial, folds }) => coordinator.tell(trial, folds),
  searchStop: () => coordinator?.stop(),
  searchReport: () => coordinator.report(),
  // ---- end of the worker pool's ops ------------------------------------------------------------
  cancelRun({ token }) {
    const run = runs.get(token);
    if (run) { run.cancelled = true; run.wake?.(); }
    return Boolean(run);
  },

  // ---- Production (step 11): the model refitted on all rows, or read from a file, kept here ----
  /** Refits `spec` on every labelled row: `{ model: text, inputs, classes, positive, threshold, target }`. */
  productionFit({ spec }) {
    return keepProduction(need().fitProduction(JSON.stringify(spec)));
  },
  /** A model file the student uploads (refused if not a model, another version, or edited). */
  productionLoad({ text }) {
    return keepProduction(text);
  },
  /** One row `{ feature: value }` (numbers as numbers, null: missing): `{ probability, predicted }`. */
  productionPredict({ values }) {
    const p = needProduction().predictRows(JSON.stringify([values]));
    return { probability: p.probabilities[0], predicted: p.predicted[0] };
  },
  /** A file to score (CSV/JSON bytes): `{ csv, rows }`, the file with `probability` and `predicted` appended. */
  productionBatch({ bytes }) {
    return needProduction().scoredCsv(bytes);
  },
};

let production = null; // the ProductionModel the Production step uses

function keepProduction(text) {
  const model = ProductionModel.fromJson(text);
  production?.free();
  production = model;
  return { model: text, ...model.summary() };
}

function needProduction() {
  if (!production) throw new Error('no production model');
  return production;
}

/** An error as it travels to the page. A wasm trap (`RuntimeError`: out of memory, a bug in the
 *  core) leaves the module's state unknown: `crashed` tells the page to start a fresh worker. */
function errorData(err) {
  return {
    message: err?.message ?? String(err),
    fr: err?.fr, en: err?.en, code: err?.code,
    crashed: err instanceof WebAssembly.RuntimeError,
  };
}

let loading = Promise.resolve(); // the last load: questions asked meanwhile wait for its data

self.onmessage = async ({ data }) => {
  const { id, op, args, init } = data;
  if (init !== undefined) return started(init);
  if ('core' in data) { arrived = true; return deliver(data.core); }
  try {
    await ready;
    if (firstLook && (arrived || !FIRST_LOOK.has(op))) {
      if (!arrived) postMessage({ wantCore: true }); // the page has not sent it yet: it may not have asked
      await whole;
    }
    const progress = (p) => postMessage({ id, progress: p });
    let answer;
    if (op === 'load') {
      answer = ops.load(args, progress);
      loading = answer.catch(() => {});
    } else {
      await loading;
      answer = ops[op](args ?? {}, progress);
    }
    const result = await answer;
    postMessage({ id, ok: true, result });
  } catch (err) {
    postMessage({ id, ok: false, error: errorData(err) });
  }
};
