// The worker pool (www/pool.js, www/parallel.js): the Validate page's cross-validation with a
// pool of 1 and of 2 workers (`?pool=N`) gives the same figures to the last bit (each cell's
// title holds the full number), and the pool really has that many workers; a search on the pool
// with 1 and 2 workers gives the same trials, and a cancelled one resolves to its finished trials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../helpers/browser.mjs';

async function open(t, pool) {
  const b = await launch();
  t.after(() => b.close());
  const page = await b.newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto(`${b.url}/?pool=${pool}`);
  await page.locator('.data-size').getByText(/×/).waitFor();
  t.after(() => {
    assert.deepEqual(page.consoleErrors, [], 'no console error');
    assert.deepEqual(page.offOrigin, [], 'no request off origin');
  });
  return { page, workers };
}

/** The folds' table of a 5-fold shuffled cross-validation of breast_cancer, every cell's full
 *  number (its title), and the workers the page started. */
async function crossValidated(t, pool) {
  const { page, workers } = await open(t, pool);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Valider/ }).click();
  await page.getByRole('heading', { name: '9. Valider' }).waitFor();
  await page.getByLabel('Mélanger avant de couper').check();
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  const table = page.getByRole('table', { name: 'Scores de chaque pli (validation croisée à 5 plis)' });
  await table.waitFor();
  const cells = await table.evaluate((tb) => [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.title || c.textContent)));
  return { page, cells, workers: workers.length };
}

test('the Validate page cross-validates on 1 or 2 pool workers with the same figures to the bit', async (t) => {
  const one = await crossValidated(t, 1);
  const two = await crossValidated(t, 2);
  assert.equal(one.cells.length, 6);
  assert.ok(one.cells.every((row) => row.length === 7 && row.slice(2).every((c) => Number(c) > 0.8)), JSON.stringify(one.cells));
  assert.deepEqual(two.cells, one.cells);
  // The page's own worker, plus the pool's.
  assert.equal(one.workers, 1 + 1);
  assert.equal(two.workers, 1 + 2);
});

/** searchOnPool of a 12-trial random search of C, in the page, on `workers` pool workers. */
const SEARCH = async ({ workers, cancelAfter }) => {
  const { searchOnPool } = await import('./parallel.js');
  const { DataClient } = await import('./client.js');
  if (!globalThis.testClient) { // a client of its own, holding breast_cancer
    const client = new DataClient();
    await client.load(new Uint8Array(await (await fetch('./data/breast_cancer.csv')).arrayBuffer()), {});
    globalThis.testClient = client;
  }
  const spec = {
    target: 'diagnosis', model: { kind: 'logistic_regression' }, cv: { folds: 3 },
    search: { method: 'random', space: { C: { log: [0.001, 100] } }, trials: 12, metric: 'roc_auc', seed: 5 },
  };
  const abort = new AbortController();
  const seen = [];
  const estimates = [];
  const report = await searchOnPool(spec, {
    client: globalThis.testClient, workers, signal: abort.signal,
    onProgress: (p) => { seen.push(p); if (seen.length === cancelAfter) abort.abort(); },
    onEstimate: (e) => estimates.push(e),
  });
  return { report, seen, estimates };
};

test('a search on the pool: the same trials on 1 or 2 workers, posted in trial order, its time estimated after the first fit; a cancel keeps the finished ones', async (t) => {
  const { page } = await open(t, 2);
  const one = await page.evaluate(SEARCH, { workers: 1 });
  const two = await page.evaluate(SEARCH, { workers: 2 });
  assert.equal(one.report.trials.length, 12);
  assert.deepEqual(two.report, one.report);
  assert.deepEqual(one.seen.map((p) => p.done), [...Array(12).keys()].map((i) => i + 1));
  const last = one.seen.at(-1);
  assert.deepEqual(Object.keys(last).sort(), ['done', 'index', 'total', 'trial']);
  assert.equal(last.total, 12);
  assert.deepEqual(one.report.trials[last.index], last.trial);
  // On 2 workers trials may end out of order; the page still gets them in trial order.
  assert.deepEqual(two.seen.map((p) => p.index), [...Array(12).keys()]);
  // One estimate, after the first fit: 12 trials × 3 folds shared by the workers.
  assert.equal(two.estimates.length, 1);
  const [e] = two.estimates;
  assert.deepEqual([e.fits, e.workers], [36, 2]);
  assert.ok(e.fit > 0 && Math.abs(e.seconds - (e.fit * 36) / 2) < 1e-9, JSON.stringify(e));

  const cut = await page.evaluate(SEARCH, { workers: 2, cancelAfter: 3 });
  assert.ok(cut.report.trials.length >= 3 && cut.report.trials.length < 12, `${cut.report.trials.length} trials kept`);
  const firsts = new Set(cut.seen.slice(0, 3).map((p) => p.index));
  for (const i of firsts) assert.deepEqual(cut.report.trials.find((tr) => tr.params.C === one.report.trials[i].params.C), one.report.trials[i]);
});
