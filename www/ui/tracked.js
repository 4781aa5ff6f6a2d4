// A step's run in the worker, followed: progress into the step's run record, and how it ended
// (done, cancelled, failed, or stale when other data arrived meanwhile). The step keeps its
// record (`{ token, status, done, total, error, version }`) and draws it; this only updates it.

/**
 * Asks the worker `op` with `args` for the run record `me` (its `token` goes with `args`), while
 * `current()` is still `me`. Resolves to the answer once it ended well; else to null, with
 * `me.status` 'stale' | 'cancelled' | 'error' (and `me.error`) and `view('end')` called. A
 * newer run (`current() !== me`) makes it resolve to null and touch nothing.
 */
export async function tracked(ctx, me, current, op, args, view) {
  try {
    const answer = await ctx.client.request(op, { ...args, token: me.token }, (p) => {
      if (current() !== me) return;
      me.done = p.done;
      me.total = p.total;
      view?.('progress');
    });
    if (current() !== me) return null;
    if (ctx.state.version !== me.version) { me.status = 'stale'; view?.('end'); return null; }
    return answer;
  } catch (err) {
    if (current() === me) {
      me.status = err?.code === 'cancelled' ? 'cancelled' : 'error';
      me.error = err;
      view?.('end');
    }
    return null;
  }
}
