// Step 9's hyperparameter search, driven as a student would on breast_cancer: a random search of
// 6 trials (seed 0) fills a table best first and draws its chart; the same spec again is served
// from the journal, and run again anyway gives the same best score; the table sorts from its headers; "Use in Train" takes the best C to step 7.
// A long search cancelled after its first trial keeps the finished trials. No console error, no
// request off origin (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setNumber } from '../helpers/app.mjs';

const main = (page) => page.getByRole('main');

async function openSearch(page) {
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Valider/ }).click();
  await page.getByRole('heading', { name: 'Recherche d’hyperparamètres' }).waitFor();
}

/** The trials table's header and rows, read at once. */
async function readTrials(page) {
  const table = page.getByRole('table', { name: /^Les \d+ essais/ });
  await table.waitFor();
  return table.evaluate((tb) => ({
    head: [...tb.tHead.rows[0].cells].map((c) => ({ text: c.textContent, sort: c.getAttribute('aria-sort') })),
    rows: [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent)),
    titles: [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.title)),
  }));
}

/** Runs the search and waits for its end (the Run click replaces the last status at once). */
async function runAndWait(page) {
  await page.getByRole('button', { name: 'Lancer la recherche' }).click();
  await main(page).getByRole('status').filter({ hasText: /^Recherche terminée : \d+ essais\.$/ }).waitFor({ timeout: 60_000 });
}

test('breast_cancer: a random search of 6 trials, best first, same seed same scores, best C to Train', async (t) => {
  const { page } = await openApp(t);
  await openSearch(page);
  // The default space of a logistic regression: C on a log scale, 0.001 to 1000.
  assert.equal(await page.getByLabel('Début de la plage de C').inputValue(), '0.001');
  assert.equal(await page.getByLabel('Fin de la plage de C').inputValue(), '1000');
  assert.equal(await page.getByLabel('Méthode').inputValue(), 'random');
  await setNumber(page, 'Essais (au plus)', 6);

  await runAndWait(page);
  const first = await readTrials(page);
  assert.equal(first.rows.length, 6);
  assert.deepEqual(first.head.map((c) => c.text), ['#', 'C', 'AUC ROC ▼', 'Écart-type']);
  assert.equal(first.head[2].sort, 'descending', 'best first by default');
  assert.match(first.rows[0][0], /★ meilleur$/);
  const scores = first.titles.map((r) => Number(r[2]));
  assert.ok(scores.every((s, i) => i === 0 || s <= scores[i - 1]), `sorted by score: ${scores}`);
  assert.ok(scores[0] > 0.95, `a logistic regression ranks breast_cancer well: ${scores[0]}`);
  await main(page).getByRole('figure', { name: 'Score de chaque essai' }).locator('canvas[data-frame]').waitFor();

  // Sorting by trial number, from the keyboard.
  await page.getByRole('button', { name: '#' }).focus();
  await page.keyboard.press('Enter');
  const byTrial = await readTrials(page);
  assert.equal(byTrial.head[0].sort, 'ascending');
  assert.deepEqual(byTrial.rows.map((r) => r[0].split(' ')[0]), ['1', '2', '3', '4', '5', '6']);
  await page.getByRole('button', { name: /^AUC ROC/ }).click(); // back to best first

  // The same spec again is served from the journal (issue 10); run again anyway, the same seed
  // gives the same trials, so the same best score.
  await page.getByRole('button', { name: 'Lancer la recherche' }).click();
  const served = main(page).getByRole('status').filter({ hasText: 'Déjà exécutée le' });
  await served.waitFor();
  assert.equal((await readTrials(page)).rows.length, 6, 'the stored trials');
  await page.getByRole('button', { name: 'Relancer quand même' }).click();
  await main(page).getByRole('status').filter({ hasText: /^Recherche terminée : \d+ essais\.$/ }).waitFor({ timeout: 60_000 });
  assert.equal(await served.count(), 0, 'a fresh search, not the stored one');
  const again = await readTrials(page);
  assert.equal(again.titles[0][2], first.titles[0][2], 'same seed, same best score');
  assert.equal(again.titles[0][1], first.titles[0][1], 'same seed, same best C');

  // The best C goes to the Train step's model.
  await page.getByRole('button', { name: 'Utiliser dans Entraîner' }).click();
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  const c = Number(await page.getByLabel(/^C \(inverse de la régularisation\)/).inputValue());
  const best = Number(first.titles[0][1]);
  assert.ok(Math.abs(c - best) <= 1e-9 * Math.max(1, best), `Train's C ${c} is the best trial's ${best}`);
});

test('a long search cancelled after its first trial keeps the finished trials', async (t) => {
  const { page } = await openApp(t);
  await openSearch(page);
  await setNumber(page, 'Essais (au plus)', 500);
  await page.getByRole('button', { name: 'Lancer la recherche' }).click();
  await main(page).getByText(/^Essai \d+ \/ 500$/).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Annuler la recherche' }).click();
  const kept = main(page).getByRole('status').filter({ hasText: /^Recherche annulée : les \d+ essais finis sont gardés\.$/ });
  await kept.waitFor({ timeout: 30_000 });
  const n = Number(/les (\d+) essais/.exec(await kept.textContent())[1]);
  const { rows } = await readTrials(page);
  assert.ok(n >= 1 && n < 500, `cancelled mid-way after ${n} trials`);
  assert.equal(rows.length, n, 'every finished trial in the table');
  assert.ok(await page.getByRole('button', { name: 'Utiliser dans Entraîner' }).isVisible(), 'the kept trials can be used');
  assert.ok(await page.getByRole('button', { name: 'Lancer la recherche' }).isEnabled(), 'the page searches again');
});

test('spec.search: kept by the page with its defaults, never sent with the other steps\' runs', async (t) => {
  const { page } = await openApp(t);
  const seen = await page.evaluate(async () => {
    const { defaultSpec, normalise, sendable } = await import('./spec.js');
    const space = { C: { log: [0.01, 10] } };
    return {
      defaults: defaultSpec().search,
      bad: normalise({ search: { method: 'annealing', trials: 0, seconds: -3, metric: 'loss', seed: 1.5, kind: 'knn', space: { k: 3 } } }).search,
      old: normalise({ model: { kind: 'knn' } }).search, // a spec stored before the search existed
      kept: normalise({ search: { method: 'tpe', trials: 50, seconds: 30, metric: 'f1', seed: 7, kind: 'logistic_regression', space } }).search,
      sent: 'search' in sendable(normalise({ search: { trials: 5 } }), []),
    };
  });
  const defaults = { method: 'random', trials: 20, seconds: null, metric: 'roc_auc', seed: 0, kind: null, space: null };
  assert.deepEqual(seen.defaults, defaults);
  assert.deepEqual(seen.bad, defaults, 'what is not a search setting falls back to the default');
  assert.deepEqual(seen.old, defaults);
  assert.deepEqual(seen.kept, { method: 'tpe', trials: 50, seconds: 30, metric: 'f1', seed: 7, kind: 'logistic_regression', space: { C: { log: [0.01, 10] } } });
  assert.equal(seen.sent, false);
});

test('a bad space shows the core\'s error on its row: an unknown name at once, ends out of order at Run', async (t) => {
  const { page } = await openApp(t);
  await openSearch(page);
  const run = page.getByRole('button', { name: 'Lancer la recherche' });
  const name = page.getByLabel('Nom du paramètre 1');
  await name.fill('Cee');
  await name.press('Tab');
  await main(page).locator('.search-space-table').getByRole('alert').filter({ hasText: /search\.space\.Cee/ }).waitFor();
  assert.ok(await run.isDisabled(), 'no run with a space the model refuses');
  await page.getByRole('button', { name: 'Espace par défaut' }).click();
  await page.getByLabel('Fin de la plage de C').fill('0.0001');
  await page.getByLabel('Fin de la plage de C').press('Tab');
  assert.ok(await run.isEnabled());
  await run.click();
  await main(page).locator('.search-space-table').getByRole('alert').filter({ hasText: /search\.space\.C/ }).waitFor();
});
