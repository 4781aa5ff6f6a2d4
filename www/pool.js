// The worker pool: N workers (one per core, navigator.hardwareConcurrency, at least 1), each its
// own wasm instance, loaded with the same data and cleaning recipe as the page's main worker
// (its DataClient). Made on first use, kept while the data and the recipe stay the same,
// terminated when they change or a run is cancelled. `?pool=N` in the page's address (or
// `setPoolSize(n)`) sets N, for tests and benches.
import { DataClient } from './client.js';

let sizeOverride = null;
{
  const asked = Number(new URLSearchParams(globalThis.location?.search ?? '').get('pool'));
  if (Number.isInteger(asked) && asked >= 1) sizeOverride = asked;
}

/** Workers in a pool unless told otherwise: one per core, at least one. */
export function poolSize() {
  return sizeOverride ?? Math.max(1, globalThis.navigator?.hardwareConcurrency || 1);
}

/** Sets the pool size (null: one per core again). */
export function setPoolSize(n) {
  sizeOverride = n == null ? null : Math.max(1, Math.floor(n));
}

export class Pool {
  #source;
  #workers = []; // DataClients, each loading or loaded: { client, ready }
  #holds = null; // the source's snapshot the workers were loaded from

  /** `source`: the page's DataClient, whose data and recipe the workers load. */
  constructor(source) {
    this.#source = source;
  }

  get source() { return this.#source; }

  /** `n` workers holding the source's current data and recipe (made, or reloaded, if needed). */
  async workers(n = poolSize()) {
    const now = this.#source.snapshot();
    if (!now.data) throw new Error('no data loaded');
    const same = this.#holds && this.#holds.data === now.data && JSON.stringify(this.#holds.steps) === JSON.stringify(now.steps);
    if (!same) this.terminate();
    this.#holds = now;
    while (this.#workers.length < n) this.#workers.push(this.#start(now));
    try {
      return await Promise.all(this.#workers.slice(0, n).map((w) => w.ready));
    } catch (err) {
      this.terminate(); // a worker that failed to load is not kept
      throw err;
    }
  }

  #start({ data, steps }) {
    const client = new DataClient();
    const ready = client.load(data.bytes, data.options)
      .then(() => (steps.length ? client.setRecipe(steps) : null))
      .then(() => client);
    return { client, ready };
  }

  /** Stops every worker at once (a cancel); the next `workers()` makes fresh ones. */
  terminate() {
    for (const w of this.#workers) w.client.terminate();
    this.#workers = [];
    this.#holds = null;
  }

  get size() { return this.#workers.length; }
}

const pools = new WeakMap(); // source DataClient → its Pool

/** The pool of the page's `client` (one per client). */
export function poolFor(client) {
  if (!pools.has(client)) pools.set(client, new Pool(client));
  return pools.get(client);
}
