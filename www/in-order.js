// Results that arrive out of order, handed on in order: a search's trials finish on the pool's
// workers in any order (trial 1's folds may all end before trial 0's), and the page's list of
// trials must never have a hole.

/** Returns `arrived(index, value)`: calls `post(value, index)` for index 0, 1, 2… each as soon as
 *  it and every earlier one have arrived. */
export function inOrder(post) {
  const waiting = new Map(); // index → value, arrived before an earlier index
  let next = 0;
  return (index, value) => {
    waiting.set(index, value);
    for (; waiting.has(next); next++) {
      const v = waiting.get(next);
      waiting.delete(next);
      post(v, next);
    }
  };
}
