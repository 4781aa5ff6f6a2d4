// Talks to the worker: one request, one promise. Cancelling a load terminates the worker,
// starts a fresh one and reloads the last good data and its recipe into it, so nothing is lost.
// A worker that crashes (a wasm trap: out of memory, a bug) is replaced the same way, and its
// pending requests fail with a `worker_crashed` error that says so.
// Every worker first receives the first-look module the page compiled, then the whole core once
// the page has it (www/assets.js): each compiled once.
import { coreModule, startWorker, wholeCore, workerInit } from './assets.js';
import { inBoth, lang } from './i18n.js';

export class Cancelled extends Error {
  constructor() { super('cancelled'); this.code = 'cancelled'; }
}

export class DataClient {
  #worker = null;
  #pending = new Map(); // id → { resolve, reject, onProgress }
  #nextId = 1;
  #lastGood = null;     // { bytes, options } of the data the worker holds
  #steps = [];          // the cleaning recipe the worker holds

  constructor() { this.#start(); }

  #start() {
    const worker = startWorker();
    this.#worker = worker;
    // Requests posted meanwhile wait in the worker for this first message.
    workerInit().then((init) => worker.postMessage({ init }));
    // The whole core: as soon as the page has it, or when the worker asks for it first (a
    // request the first-look module cannot answer). In either order: the worker waits for init.
    wholeCore().then((core) => worker.postMessage({ core }));
    this.#worker.onmessage = ({ data }) => {
      if (data.wantCore) { coreModule().catch(() => null).then((core) => worker.postMessage({ core })); return; }
      const req = this.#pending.get(data.id);
      if (!req) return;
      if ('progress' in data) { req.onProgress?.(data.progress); return; }
      this.#pending.delete(data.id);
      if (data.ok) req.resolve(data.result);
      else if (data.error.crashed) this.#crashed(data.error.message, req);
      else req.reject(Object.assign(new Error(data.error.message), data.error));
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#crashed(event.message || 'worker failed');
    };
  }

  /** Asks the worker `op` with `args`; resolves with its plain-data answer. */
  request(op, args, onProgress, transfer = []) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, op, args }, transfer);
    });
  }

  /** Parses `bytes` (Uint8Array); on success the worker's data is replaced, else kept. */
  async load(bytes, options, onProgress) {
    const copy = bytes.slice(); // the copy moves to the worker, the caller keeps its bytes
    const summary = await this.request('load', { bytes: copy, options }, onProgress, [copy.buffer]);
    this.#lastGood = { bytes, options };
    this.#steps = [];
    return summary;
  }

  /** Replaces the cleaning recipe; resolves to `{ summary, recipe }`, or rejects and keeps the old one. */
  async setRecipe(steps) {
    const answer = await this.request('setRecipe', { steps });
    this.#steps = steps;
    return answer;
  }

  /** What the worker holds, for a pool of workers to load the same (www/pool.js): `{ data:
   *  { bytes, options } | null, steps }`; `data` is a new object after each load. */
  snapshot() {
    return { data: this.#lastGood, steps: this.#steps };
  }

  /** Ends the worker for good, failing its pending requests as cancelled (a pool's worker). */
  terminate() {
    this.#end(new Cancelled());
  }

  /** Stops whatever the worker is doing; the last good data is loaded again. */
  cancel() {
    this.#end(new Cancelled());
    return this.#restart();
  }

  /** The worker crashed (`reason`, what the browser said): every pending request (and `failed`,
   *  already taken off) fails with a `worker_crashed` error, and a fresh worker gets the data and
   *  recipe back. */
  #crashed(reason, failed = null) {
    const err = Object.assign(new Error(reason), { code: 'worker_crashed', reason }, inBoth('app.workerCrashed', { reason }));
    err.message = err[lang];
    failed?.reject(err);
    this.#end(err);
    this.#restart().catch(() => {}); // the data was readable before: it is again
  }

  /** Terminates the worker, failing its pending requests with `err`. */
  #end(err) {
    this.#worker.terminate();
    for (const req of this.#pending.values()) req.reject(err);
    this.#pending.clear();
  }

  /** A fresh worker holding the last good data and its recipe again. */
  #restart() {
    this.#start();
    if (this.#lastGood) {
      const { bytes, options } = this.#lastGood;
      const copy = bytes.slice();
      const steps = this.#steps;
      return this.request('load', { bytes: copy, options }, null, [copy.buffer])
        .then((summary) => (steps.length ? this.request('setRecipe', { steps }) : summary));
    }
    return Promise.resolve(null);
  }
}
