// The experiment journal's store: every finished run, one entry per key and kind (`id` =
// `kind:key`), kept in IndexedDB (its own database, apart from the page state of store.js). When
// IndexedDB is unavailable (private mode, file://) or a write fails (quota), the journal keeps
// working in memory and `persistent` turns false, so the panel can say it will not persist.
// What an entry means (summary, import, export, compare) is the core's (src/experiment/journal.rs).

import { openDb, transact } from './idb.js';

const DB = 'atelier-journal';
const STORE = 'runs';

export const entryId = (e) => `${e.kind}:${e.key}`;

const tx = (db, mode, action) => transact(db, STORE, mode, action);

/** The journal: `runs()` newest first, `find(key, kind)`, `put(entry)`, `remove(id)`,
 *  `replaceAll(entries)`, `onChange(fn)`; `ready` resolves once the stored runs are read. Its
 *  database opens on the first use of `ready`, which the page makes once its first step shows:
 *  opening two databases at once delays the page state's, which the first step waits for. */
export function createJournal() {
  const runs = new Map();
  const listeners = new Set();
  let db = null;
  const journal = { persistent: true };
  const changed = () => listeners.forEach((fn) => fn());
  const lost = () => { db = null; journal.persistent = false; changed(); };

  async function write(action) {
    await journal.ready;
    if (!db) return;
    try { await tx(db, 'readwrite', action); } catch { lost(); }
  }

  let opening = null;
  const open = () => openDb(DB, STORE, { keyPath: 'id' })
    .then(async (opened) => {
      db = opened;
      for (const e of await tx(db, 'readonly', (s) => s.getAll())) runs.set(e.id, e);
    })
    .catch(() => { journal.persistent = false; })
    .then(changed);
  Object.defineProperty(journal, 'ready', { get: () => (opening ??= open()) });

  Object.assign(journal, {
    runs: () => [...runs.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
    find: (key, kind) => runs.get(`${kind}:${key}`),
    onChange: (fn) => listeners.add(fn),
    /** Adds or replaces the entry of its key and kind (a run again keeps the note and star). */
    async put(entry) {
      const before = runs.get(entryId(entry));
      const e = { ...entry, id: entryId(entry), note: entry.note ?? before?.note ?? '', starred: entry.starred ?? before?.starred ?? false };
      runs.set(e.id, e);
      changed();
      await write((s) => s.put(e));
      return e;
    },
    async update(id, change) {
      const e = runs.get(id);
      if (!e) return;
      const next = { ...e, ...change };
      runs.set(id, next);
      changed();
      await write((s) => s.put(next));
    },
    async remove(id) {
      runs.delete(id);
      changed();
      await write((s) => s.delete(id));
    },
    async replaceAll(entries) {
      runs.clear();
      for (const e of entries) runs.set(entryId(e), { ...e, id: entryId(e) });
      changed();
      await write((s) => { s.clear(); let last; for (const e of runs.values()) last = s.put(e); return last; });
    },
  });
  return journal;
}
