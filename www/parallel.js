// Cross-validation and search on the worker pool (www/pool.js). The folds (and a search's
// trials' folds) are shared out to the pool's workers as they come free; the core puts them back
// in order, so the report is the one a single worker gives, bit for bit, whatever the number of
// workers. Cancel: the pool's workers are terminated at once (a fold is one call into the core);
// a cross-validation then rejects with `code: 'cancelled'`, a search resolves to the report of
// the trials told so far.
import { Cancelled } from './client.js';
import { inOrder } from './in-order.js';
import { poolFor, poolSize } from './pool.js';

const aborted = (signal) => signal?.aborted;

/** Rejects once `signal` aborts (never without one). */
function whenAborted(signal) {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(new Cancelled());
    signal.addEventListener('abort', () => reject(new Cancelled()), { once: true });
  });
}

/** Waits for the pool's workers (`ready`), or terminates them if `signal` aborts meanwhile. */
async function starting(pool, ready, signal) {
  try {
    return await Promise.race([ready, whenAborted(signal)]);
  } catch (err) {
    if (aborted(signal)) pool.terminate();
    throw err;
  }
}

/** Runs `work(client)` on each worker until it answers false; the first error stops them all;
 *  an abort terminates the pool. */
async function onWorkers(pool, clients, signal, work) {
  const stop = () => pool.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  let failed = false;
  const loop = async (c) => {
    try {
      while (!failed && await work(c));
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  try {
    await Promise.race([Promise.all(clients.map(loop)), whenAborted(signal)]);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** Cross-validates `spec` (its `cv` says how) with the page's `client`'s data on `workers` pool
 *  workers (default: one per core), posting `{ done, total }` after each fold. Resolves to
 *  `report.cv`: `{ folds, mean, std }`. */
export async function crossValidate(spec, { client, workers = poolSize(), onProgress, signal } = {}) {
  const pool = poolFor(client);
  const clients = await starting(pool, pool.workers(workers), signal);
  const total = spec.cv?.folds ?? 5;
  const folds = [];
  let next = 0;
  onProgress?.({ done: 0, total });
  await onWorkers(pool, clients, signal, async (c) => {
    if (next >= total) return false;
    const fold = next++;
    folds.push(await c.request('cvFold', { spec, fold }));
    onProgress?.({ done: folds.length, total });
    return true;
  });
  if (aborted(signal)) throw new Cancelled();
  return clients[0].request('cvSummary', { folds });
}

/** Runs `spec.search` with the page's `client`'s data: the client's worker coordinates (asks
 *  and tells), the pool's workers run the trials' folds. Posts `{ done, total, trial: { params,
 *  score, std }, index }` after each trial, in trial order. Without a time limit, `onEstimate({
 *  seconds, fit, fits, workers })` follows the first fit: the whole search's time if every fit
 *  takes as long as that one (measured here: the core has no clock).
 *  Past `spec.search.seconds` it asks no more trials and
 *  finishes those under way; once `signal` aborts it stops at once. Resolves to `report.search`
 *  (the trials told, in trial order, and the best). */
export async function searchOnPool(spec, { client, workers = poolSize(), onProgress, onEstimate, signal } = {}) {
  const pool = poolFor(client);
  const started = performance.now();
  let clients, plan;
  try {
    [clients, plan] = await starting(pool, Promise.all([pool.workers(workers), client.request('searchStart', { spec })]), signal);
  } catch (err) {
    if (err?.code !== 'cancelled') throw err;
    return { method: spec.search?.method ?? 'random', metric: spec.search?.metric ?? 'roc_auc', trials: [], best: null };
  }
  const budget = spec.search?.seconds;
  let tasks = []; // folds to run: { trial, params, fold }
  const out = new Map(); // trial → { params, folds: [] }
  let stopped = false, estimated = false;
  let wake = null; // resolves when a trial is told (TPE may then ask again)
  const told = () => { const w = wake; wake = null; w?.(); };
  const overBudget = () => budget != null && (performance.now() - started) / 1000 >= budget;

  /** Fills `tasks` with the next trial's folds; false when none can be asked now. */
  async function ask() {
    if (!stopped && overBudget()) { stopped = true; await client.request('searchStop'); }
    if (stopped) return false;
    const a = await client.request('searchAsk');
    if (!a) return false;
    out.set(a.trial, { params: a.params, folds: [] });
    for (let fold = 0; fold < plan.folds; fold++) tasks.push({ trial: a.trial, params: a.params, fold });
    return true;
  }

  // Told to the core as each trial ends, posted in trial order (www/in-order.js).
  const post = inOrder((trial, index) => onProgress?.({ done: index + 1, total: plan.total, trial, index }));
  async function finish(trial) {
    const t = out.get(trial);
    out.delete(trial);
    post(trial, await client.request('searchTell', { trial, folds: t.folds }));
    told();
  }

  await onWorkers(pool, clients, signal, async (c) => {
    if (!tasks.length && !(await ask())) {
      if (!out.size && !tasks.length) return false; // nothing left to run
      if (!tasks.length) await new Promise((resolve) => { const w = wake; wake = () => { w?.(); resolve(); }; });
      return true;
    }
    const task = tasks.shift();
    if (!task) return true;
    const began = performance.now();
    const record = await c.request('searchFold', { spec, params: task.params, fold: task.fold });
    if (!estimated && budget == null) {
      estimated = true;
      const fit = (performance.now() - began) / 1000, fits = plan.total * plan.folds;
      onEstimate?.({ seconds: (fit * fits) / clients.length, fit, fits, workers: clients.length });
    }
    const t = out.get(task.trial);
    t.folds.push(record);
    if (t.folds.length === plan.folds) await finish(task.trial);
    return true;
  }).catch((err) => { if (err?.code !== 'cancelled') throw err; });
  if (aborted(signal)) await client.request('searchStop');
  return client.request('searchReport');
}
