// Step 9 (Validate), driven as a student would: breast_cancer cross-validated in 5 folds (every
// fold's scores and their mean ± std in one table, the chart), then the leak shown on purpose
// beside the honest figures; a slow cross-validation (a forest, many folds) cancelled mid-way,
// after which the page still cross-validates. No console error, no request off origin (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');

async function loadBuiltin(page, title, rows) {
  await page.getByRole('button', { name: new RegExp(`^Charger ${title}`) }).click();
  await page.locator('.data-size', { hasText: `${rows} lignes` }).waitFor();
}

async function openValidate(page) {
  await go(page, /Valider/);
  await page.getByRole('heading', { name: '9. Valider' }).waitFor();
}

/** A table's header and body cells, read at once (one evaluate: never half a redraw). */
async function readTable(page, caption) {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table.evaluate((tb) => ({
    head: [...tb.tHead.rows[0].cells].map((c) => c.textContent),
    rows: [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent)),
  }));
}

const number = (text) => Number(text.trim().replace(',', '.'));
/** "0,953 ± 0,012" → [0.953, 0.012] (NaN when it is not that). */
const meanStd = (text) => {
  const m = /^(\d+,\d{3}) ± (\d+,\d{3})$/.exec(text.trim());
  return m ? [number(m[1]), number(m[2])] : [NaN, NaN];
};
const inUnit = (x) => x > 0 && x <= 1;

const METRICS = ['Justesse (accuracy)', 'Précision', 'Rappel', 'F1', 'AUC ROC', 'Précision moyenne (AP)'];

test('breast_cancer: 5-fold cross-validation in a table and a chart, then the leak beside it', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Cancer du sein', 569);
  await openValidate(page);

  // What is cross-validated, and what stays out.
  await main(page).getByText(/Validation croisée de « Régression logistique », avec la préparation de l’étape 6/).waitFor();
  await main(page).getByText(/Les \d+ lignes de test restent à l’écart/).waitFor();
  assert.equal(await page.getByLabel('Nombre de plis (k)').inputValue(), '5');
  assert.ok(await page.getByLabel('Plis stratifiés').isChecked());
  assert.ok(!(await page.getByLabel('Mélanger avant de couper').isChecked()));
  assert.ok(await page.getByLabel('Graine du mélange').isDisabled(), 'no shuffle: the seed is unused');
  const leak = page.getByRole('button', { name: 'Montrer la fuite' });
  assert.ok(await leak.isDisabled(), 'the leak compares with a cross-validation run first');

  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique, 5 plis' }).waitFor();
  const { head, rows } = await readTable(page, 'Scores de chaque pli (validation croisée à 5 plis)');
  assert.deepEqual(head, ['Mesure', 'Moyenne ± écart-type', 'Pli 1', 'Pli 2', 'Pli 3', 'Pli 4', 'Pli 5']);
  assert.deepEqual(rows.map((r) => r[0]), METRICS);
  for (const [name, cell, ...folds] of rows) {
    const [mean, std] = meanStd(cell);
    assert.ok(inUnit(mean) && std >= 0 && std < 0.5, `${name}: mean ± std ${cell}`);
    const values = folds.map(number);
    assert.ok(values.length === 5 && values.every(inUnit), `${name}: folds ${folds}`);
    const average = values.reduce((a, b) => a + b) / values.length;
    assert.ok(Math.abs(average - mean) < 0.002, `${name}: the mean ${mean} is the folds' average ${average}`);
  }
  assert.ok(meanStd(rows[4][1])[0] > 0.95, `a logistic regression ranks breast_cancer well: AUC ${rows[4][1]}`);
  await main(page).getByRole('figure', { name: 'Les scores des 5 plis' }).locator('canvas[data-frame]').waitFor();
  await main(page).getByText(/^F1 = \d,\d{3} ± \d,\d{3} :/).waitFor();

  // The leak: the same folds with the preparation learnt on every row, beside the honest one.
  assert.ok(await leak.isEnabled());
  await leak.click();
  const compared = await readTable(page, 'Moyenne ± écart-type, sans et avec fuite');
  assert.deepEqual(compared.head, ['Mesure', 'préparation par pli', 'préparation sur toutes les lignes (fuite)', 'Écart (fuite − par pli)']);
  assert.deepEqual(compared.rows.map((r) => r[0]), METRICS);
  for (const [name, honest, leaky] of compared.rows) {
    assert.ok(inUnit(meanStd(honest)[0]) && inUnit(meanStd(leaky)[0]), `${name}: ${honest} / ${leaky}`);
  }
  assert.deepEqual(compared.rows.map((r) => r[1]), rows.map((r) => r[1]), 'the honest column is the table above');
  await main(page).getByText('Le chiffre honnête est celui de la préparation par pli : c’est lui qu’on rapporte.').waitFor();
  // The chart draws both series; its numbers are the comparison.
  const figure = main(page).getByRole('figure', { name: 'Les scores des 5 plis' });
  await figure.locator('canvas[data-frame]').waitFor();
  await figure.getByRole('button', { name: 'Afficher les nombres' }).click();
  await figure.getByRole('columnheader', { name: 'préparation sur toutes les lignes (fuite) : moyenne ± écart-type' }).waitFor();

  // A refused number says why and changes nothing; other settings: the results stay, said to
  // be of the previous settings, until the next run.
  const folds = page.getByLabel('Nombre de plis (k)');
  await folds.fill('1');
  await folds.press('Enter');
  await main(page).getByRole('alert').filter({ hasText: 'au moins égal à 2' }).waitFor();
  assert.equal(await folds.inputValue(), '5');
  await page.getByRole('table', { name: 'Scores de chaque pli (validation croisée à 5 plis)' }).waitFor();
  await folds.fill('3');
  await folds.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'au moins égal à 2' }).waitFor({ state: 'detached' });
  await main(page).getByRole('status').filter({ hasText: /Les réglages ont changé depuis/ }).waitFor();
  assert.ok(await leak.isDisabled());
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique, 3 plis' }).waitFor();
  assert.equal((await readTable(page, 'Scores de chaque pli (validation croisée à 3 plis)')).head.length, 2 + 3);

  // In English too.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await main(page).getByRole('heading', { name: 'Results: Logistic regression, 3 folds' }).waitFor();
  await page.getByRole('table', { name: 'Scores of each fold (3-fold cross-validation)' }).waitFor();

  // More folds than the rarest class has rows: the core's error, in English, and nothing lost.
  await page.getByLabel('Number of folds (k)').fill('1000');
  await page.getByLabel('Number of folds (k)').press('Enter');
  await page.getByRole('button', { name: 'Cross-validate' }).click();
  const error = main(page).getByRole('alert').filter({ hasText: 'The cross-validation failed:' });
  await error.waitFor();
  assert.match(await error.textContent(), /cv\.folds.*1000/);
  await main(page).getByRole('heading', { name: 'Results: Logistic regression, 3 folds' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Cross-validate' }).isEnabled());
});

test('a slow cross-validation cancelled mid-way: the page stays usable and cross-validates again', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Cancer du sein', 569);
  await go(page, /Entraîner/);
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Forêt aléatoire' });
  const trees = page.getByLabel('n_estimators (nombre d’arbres)');
  await trees.fill('300');
  await trees.press('Enter');

  await openValidate(page);
  await main(page).getByText(/Validation croisée de « Forêt aléatoire »/).waitFor();
  await page.getByLabel('Nombre de plis (k)').fill('20');
  await page.getByLabel('Nombre de plis (k)').press('Enter');
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  const progress = page.getByRole('progressbar', { name: 'Progression de la validation croisée' });
  await progress.waitFor();
  assert.ok(await page.getByRole('button', { name: 'Lancer la validation croisée' }).isDisabled());
  await page.locator('.run-count', { hasText: /Plis terminés : [1-9]\d* \/ 20/ }).waitFor({ timeout: 60_000 });

  // While it runs, another step answers, and coming back shows the run where it is.
  await go(page, /Préparer/);
  await page.getByRole('table', { name: 'Effectifs par classe dans chaque partie' }).waitFor();
  await openValidate(page);
  await progress.waitFor();
  const count = await page.locator('.run-count').textContent();
  const done = Number(count.match(/Plis terminés : (\d+) \//)[1]);
  assert.ok(done >= 1 && done < 20, `mid-way: ${count}`);

  await page.getByRole('button', { name: 'Annuler la validation croisée' }).click();
  await main(page).getByRole('status').filter({ hasText: 'Annulée (validation croisée) : les résultats précédents restent.' }).waitFor();
  assert.equal(await progress.count(), 0);
  assert.equal(await page.getByRole('table', { name: /^Scores de chaque pli/ }).count(), 0, 'no results from a cancelled run');

  // A small forest in a few folds runs to its end.
  await go(page, /Entraîner/);
  await trees.fill('10');
  await trees.press('Enter');
  await openValidate(page);
  await page.getByLabel('Nombre de plis (k)').fill('3');
  await page.getByLabel('Nombre de plis (k)').press('Enter');
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Forêt aléatoire, 3 plis' }).waitFor();
  const { head, rows } = await readTable(page, 'Scores de chaque pli (validation croisée à 3 plis)');
  assert.equal(head.length, 5);
  assert.ok(rows.every((r) => inUnit(meanStd(r[1])[0])), rows.map((r) => r[1]).join(' | '));
});

test('spec.cv: kept by the page with its defaults, never sent with the other steps\' runs', async (t) => {
  const { page } = await openApp(t);
  const seen = await page.evaluate(async () => {
    const { defaultSpec, normalise, sendable } = await import('./spec.js');
    return {
      defaults: defaultSpec().cv,
      bad: normalise({ cv: { folds: 1.5, stratified: 'yes', shuffle: true, seed: -1 } }).cv,
      old: normalise({ model: { kind: 'knn' } }).cv, // a spec stored before step 9 existed
      kept: normalise({ cv: { folds: 10, stratified: false, shuffle: true, seed: 7, leaky_preparation: true } }).cv,
      sent: 'cv' in sendable(normalise({ cv: { folds: 10 } }), []),
    };
  });
  const defaults = { folds: 5, stratified: true, shuffle: false, seed: 0 };
  assert.deepEqual(seen.defaults, defaults);
  assert.deepEqual(seen.bad, { ...defaults, shuffle: true });
  assert.deepEqual(seen.old, defaults);
  assert.deepEqual(seen.kept, { folds: 10, stratified: false, shuffle: true, seed: 7 }, 'the leak is never stored');
  assert.equal(seen.sent, false);
});
