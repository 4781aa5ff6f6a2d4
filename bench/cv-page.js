// The cross-validation bench page (bench/cv.mjs opens one fresh page). window.cv.setup(...)
// fetches the CSV's text (not timed); window.cv.run(what) times one run:
//   'whole'   api.run(spec) with spec.cv: read the CSV, fit once on every row, then the 5 folds
//   'nocv'    the same spec without cv: read, fit once, report
//   'search'  api.run(spec) with spec.cv and a 50-trial random search of C (log-uniform 1e-3..1e3)
//   'stepped' the same run as 'whole', stepped by hand through the core's startSpec (the module
//             api.js instantiated), each step timed: the fit's steps, then one step per fold
//   'pool1', 'pool2'     the 5 folds alone on the worker pool (www/parallel.js crossValidate),
//                        1 or 2 workers, warm (each worker already holds the data)
//   'search1', 'search2' the 50-trial random search on the pool (searchOnPool), 1 or 2 workers
// The pool's workers load the CSV once (window.cv.poolStart times that, for 2 workers).
// Each with the page's main-thread CPU seconds (Chromium's ThreadTime, asked of Node through the
// DevTools protocol by bench/cv.mjs), which a busy machine does not inflate as it does the wall.

import { load } from '/api.js';
import * as core from '/pkg/atelier.js';
import { DataClient } from '/client.js';
import { crossValidate, searchOnPool } from '/parallel.js';
import { poolFor } from '/pool.js';

let client = null; // the page's worker holding the CSV, whose pool runs the folds

let api = null, csv = null, settings = null;

/** The spec of the brief; `cv` left out for 'nocv'. */
const spec = (text, withCv = true) => ({
  data: { text }, target: 'y', positive: '1', split: { test: 0, validation: 0 }, scale: 'standard',
  model: { kind: 'logistic_regression', C: settings.C },
  ...(withCv ? { cv: { folds: settings.folds, stratified: false } } : {}),
});

const cpu = async () => (window.threadTime ? window.threadTime() : null);
const minus = (a, b) => (a != null && b != null ? a - b : null);

async function whole(withCv) {
  const c0 = await cpu(), t0 = performance.now();
  const report = await api.run(spec(csv, withCv));
  const s = (performance.now() - t0) / 1000, c = minus(await cpu(), c0);
  return {
    s, cpu: c,
    result: {
      accuracy: report.train?.metrics?.accuracy,
      cv: report.cv ? { mean: report.cv.mean, std: report.cv.std, folds: report.cv.folds.map((f) => ({ fold: f.fold, accuracy: f.accuracy, train_rows: f.train_rows, test_rows: f.test_indices.length, first: f.test_indices[0], last: f.test_indices.at(-1) })) } : null,
    },
  };
}

/** The 50-trial random search: every trial a 5-fold cross-validation, after the fit and the
 *  spec's own cross-validation. */
async function search() {
  const c0 = await cpu(), t0 = performance.now();
  const report = await api.run({ ...spec(csv), search: { method: 'random', space: { C: { log: [0.001, 1000] } }, trials: settings.trials, metric: 'accuracy', seed: 0 } });
  return { s: (performance.now() - t0) / 1000, cpu: minus(await cpu(), c0), result: { best: report.search.best, trials: report.search.trials.length } };
}

/** startSpec, then step() until done, each step timed; progress() tells the fit's steps (the
 *  first `total - folds`) from the folds'. CPU time is read between the parts only (each read
 *  is a round trip to Node), not per step. */
async function stepped() {
  const c0 = await cpu(), t0 = performance.now();
  const run = core.startSpec(JSON.stringify(spec(csv)));
  const t1 = performance.now();
  try {
    const total = run.progress()[1], fitSteps = total - settings.folds, steps = [];
    let c1 = null;
    while (!run.done()) {
      if (steps.length === fitSteps) c1 = await cpu();
      const a = performance.now();
      run.step();
      steps.push((performance.now() - a) / 1000);
    }
    const c2 = await cpu(), t2 = performance.now();
    const report = JSON.parse(run.report());
    const t3 = performance.now(), c3 = await cpu();
    return {
      s: (t3 - t0) / 1000, cpu: minus(c3, c0),
      result: {
        start: (t1 - t0) / 1000, fit: steps.slice(0, fitSteps), folds: steps.slice(fitSteps), report: (t3 - t2) / 1000,
        cpuBeforeFolds: minus(c1, c0), cpuFolds: minus(c2, c1),
        mean: report.cv?.mean?.accuracy,
      },
    };
  } finally {
    run.free();
  }
}

/** The pool's spec: the data is the one its workers hold (no `data`). */
const poolSpec = (withSearch) => {
  const { data, ...rest } = spec('');
  return withSearch ? { ...rest, search: { method: 'random', space: { C: { log: [0.001, 1000] } }, trials: settings.trials, metric: 'accuracy', seed: 0 } } : rest;
};

async function pooled(workers, withSearch) {
  const c0 = await cpu(), t0 = performance.now();
  const result = withSearch
    ? await searchOnPool(poolSpec(true), { client, workers })
    : await crossValidate(poolSpec(false), { client, workers });
  const s = (performance.now() - t0) / 1000;
  return {
    s, cpu: minus(await cpu(), c0),
    result: withSearch
      ? { best: result.best, trials: result.trials.length }
      : { mean: result.mean, folds: result.folds.map((f) => ({ fold: f.fold, accuracy: f.accuracy })) },
  };
}

window.cv = {
  /** Starts the page's worker and 2 pool workers, each loading the CSV: seconds. */
  async poolStart() {
    const t0 = performance.now();
    client = new DataClient();
    await client.load(new TextEncoder().encode(csv), {});
    const t1 = performance.now();
    await poolFor(client).workers(2);
    return { client: (t1 - t0) / 1000, pool: (performance.now() - t1) / 1000 };
  },
  async setup({ csv: url, cv: s }) {
    settings = s;
    api = await load();
    csv = await (await fetch(url)).text();
    return { bytes: csv.length };
  },
  gc() { globalThis.gc?.(); },
  spec: () => spec('<the CSV>'),
  async run(what) {
    if (what === 'whole') return whole(true);
    if (what === 'nocv') return whole(false);
    if (what === 'stepped') return stepped();
    if (what === 'search') return search();
    const m = /^(pool|search)([12])$/.exec(what);
    if (m) return pooled(Number(m[2]), m[1] === 'search');
    throw new Error('unknown run ' + what);
  },
};
window.cvReady = true;
