// What survives a reload, in IndexedDB: the loaded file (bytes, name, parse options) and the step.
// Storage may be unavailable (private windows, file://, a sandboxed frame): then values live in
// memory for the visit, nothing breaks. An embedded frame (embed.js) keeps to memory on purpose.

import { openDb, transact } from './idb.js';

const DB = 'atelier';
const STORE = 'state';

let opening = null;
const run = (mode, action) => (opening ??= openDb(DB, STORE)).then((db) => transact(db, STORE, mode, action));

const memory = new Map();
let memoryOnly = false;

/** From now on, nothing is read from or written to IndexedDB: values live in memory. */
export function useMemory() { memoryOnly = true; }

// A first visit has no database yet: `indexedDB.databases()` says so sooner than opening it
// (which creates it: 100–200 ms on a new profile, while the first step waits for the reads).
let present = null;
const hasDatabase = () => (present ??= Promise.resolve()
  .then(() => indexedDB.databases?.())
  .then((list) => !Array.isArray(list) || list.some((d) => d.name === DB), () => true));

/** The stored value for `key`, or undefined; when storage fails, what this visit stored. */
export async function get(key) {
  if (memoryOnly || !(await hasDatabase())) return memory.get(key);
  try { return await run('readonly', (s) => s.get(key)); } catch { return memory.get(key); }
}

/** Stores `value` under `key`; returns false if it is kept in memory only (storage refused,
 *  quota, or a frame). */
export async function set(key, value) {
  memory.set(key, value);
  if (memoryOnly) return false;
  try { await run('readwrite', (s) => s.put(value, key)); return true; } catch { return false; }
}
