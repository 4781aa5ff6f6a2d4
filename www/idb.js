// The two IndexedDB calls the page makes, as promises: open a database of one object store, and
// run one request in a transaction on it. The page state (store.js) and the journal
// (journal.js) each have their own database.

/** Opens database `name` (version 1) whose one object store is `store` (`options`: its
 *  keyPath, if any); rejects where IndexedDB is unavailable. */
export function openDb(name, store, options) {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') { reject(new Error('no IndexedDB')); return; }
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store, options);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Runs `action(objectStore)` in a `mode` transaction on `store`; resolves to its request's
 *  result once the transaction completes. */
export function transact(db, store, mode, action) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
