// What survives a reload, in IndexedDB: the loaded file (bytes, name, parse options) and the step.
// Storage may be unavailable (private windows, file://): then nothing is remembered, nothing breaks.

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

/** The stored value for `key`, or undefined (also when storage fails). */
export async function get(key) {
  try { return await run('readonly', (s) => s.get(key)); } catch { return undefined; }
}

/** Stores `value` under `key`; returns false if storage failed (e.g. quota). */
export async function set(key, value) {
  try { await run('readwrite', (s) => s.put(value, key)); return true; } catch { return false; }
}
