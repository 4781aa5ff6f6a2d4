// The Prepare view of the current spec (target, classes, the parts' sizes and class counts,
// encoded features, warnings), asked of the worker once per (data, spec). A change waits a
// moment before asking, so a run of clicks asks once; an answer to an older spec is never shown.
// Steps 6 and 7 both read it.

const DELAY = 150; // ms

let last = null;    // { key, promise, answer?, error? }: the newest question
let settled = null; // the newest question that has an answer (or an error)
let timer = 0;

const keyOf = (ctx) => `${ctx.state.version}|${JSON.stringify(ctx.fullSpec())}`;

/** The question for the current spec: `{ key, promise, answer, error }` (`answer`/`error` once
 *  it has settled). Asked again only when the data or the spec changed. */
export function prepared(ctx) {
  const key = keyOf(ctx);
  if (last?.key === key) return last;
  const spec = ctx.fullSpec();
  const entry = { key, promise: null, answer: null, error: null };
  const wait = settled ? DELAY : 0; // the first question goes at once
  clearTimeout(timer);
  const ask = () => ctx.client.request('prepare', { spec });
  entry.promise = new Promise((resolve) => { timer = setTimeout(resolve, wait); })
    // A worker restarted meanwhile (a cancelled read, a crash) fails what it was asked: the new
    // one holds the data again, so ask it once more rather than show "cancelled".
    .then(ask).catch((err) => (err?.code === 'cancelled' ? ask() : Promise.reject(err)))
    .then((answer) => { entry.answer = answer; return answer; }, (err) => {
      entry.error = err;
      if (err?.code === 'cancelled' && last === entry) last = null; // the worker restarted: ask again next time
      throw err;
    })
    .finally(() => { if (last === entry) settled = entry; });
  entry.promise.catch(() => {}); // the views show the error; nothing is unhandled
  last = entry;
  return entry;
}

/** The newest settled question, if any: shown (dimmed) while a newer one is on its way. */
export const previous = () => settled;

/** True while `entry` is still the newest question (its answer may be shown). */
export const isCurrent = (entry) => entry === last;
