// The cleaning recipe: an ordered list of steps the worker replays on the loaded table, with undo
// and redo. Each entry is `{ step, ids? }`: the step as the core reads it, and the identifiers of
// the rows it drops (to name them). Persisted with the data; a step that cannot apply is an
// error for the caller to show, and the recipe stays as it was.
import * as store from './store.js';

export function createRecipe(state, { onChange }) {
  let entries = [];
  let pandas = [];
  let undone = []; // entries undone, the last one first to redo

  // One change at a time: a second click waits for the first, and builds on its result.
  let busy = Promise.resolve();
  const serial = (fn) => { const run = busy.then(fn); busy = run.catch(() => {}); return run; };

  const save = () => store.set('recipe', { entries, redo: undone });

  /** Replays `next` in the worker; only once it applied do the entries (and redo list) change. */
  async function apply(next, nextUndone) {
    const answer = await state.client.setRecipe(next.map((e) => e.step));
    entries = next;
    undone = nextUndone;
    pandas = answer.recipe.pandas;
    state.summary = answer.summary;
    state.version += 1;
    onChange();
    await save();
  }

  return {
    get entries() { return entries; },
    get pandas() { return pandas; },
    get canUndo() { return entries.length > 0; },
    get canRedo() { return undone.length > 0; },

    /** Appends a step (`ids`: the identifiers of the rows it drops, to show). */
    add: (step, ids) => serial(() => apply([...entries, ids ? { step, ids } : { step }], [])),
    undo: () => serial(() => entries.length && apply(entries.slice(0, -1), [...undone, entries.at(-1)])),
    redo: () => serial(() => undone.length && apply([...entries, undone.at(-1)], undone.slice(0, -1))),
    /** A new file: an empty recipe. */
    async reset() {
      entries = [];
      pandas = [];
      undone = [];
      await save();
    },
    /** Replays a stored recipe on the data just loaded; one that no longer applies is dropped. */
    async restore(saved) {
      if (!saved?.entries?.length) { undone = saved?.redo ?? []; onChange(); return; }
      try { await apply(saved.entries, saved.redo ?? []); } catch { await this.reset(); onChange(); }
    },
  };
}
