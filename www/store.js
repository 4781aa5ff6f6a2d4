// What survives a reload, in IndexedDB: the loaded file (bytes, name, parse options) and the step.
// Storage may be unavailable (private windows, file://, a sandboxed frame): then values live in
// memory for the visit, nothing breaks. An embedded frame (embed.js) keeps to memory on purpose.

const DB = 'atelier';
const STORE = 'state';

let opening = null;
function open() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

function run(mode, action) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = action(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
}

const memory = new Map();
let memoryOnly = false;

/** From now on, nothing is read from or written to IndexedDB: values live in memory. */
export function useMemory() { memoryOnly = true; }

/** The stored value for `key`, or undefined; when storage fails, what this visit stored. */
export async function get(key) {
  if (memoryOnly) return memory.get(key);
  try { return await run('readonly', (s) => s.get(key)); } catch { return memory.get(key); }
}

/** Stores `value` under `key`; returns false if it is kept in memory only (storage refused,
 *  quota, or a frame). */
export async function set(key, value) {
  memory.set(key, value);
  if (memoryOnly) return false;
  try { await run('readwrite', (s) => s.put(value, key)); return true; } catch { return false; }
}
