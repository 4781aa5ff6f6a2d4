// Steps 9 to 11 in one walk, as a student ends the course on breast_cancer: a random search
// scored by cross-validation, its best C taken to Train and trained, that spec cross-validated,
// the test set opened once (its figures beside the validation's and the cross-validation's), then
// the pipeline refitted on every row, a prediction from the form, and the Python script that
// reproduces it. No console error, no request off origin (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, setNumber } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
const number = (text) => Number(text.trim().replace(',', '.'));

/** The test step's comparison table, by metric: `{ validation, cv, test }` cells. */
async function comparison(page) {
  const table = page.getByRole('table', { name: /^Mesures au seuil/ });
  await table.waitFor();
  return table.evaluate((tb) => Object.fromEntries([...tb.tBodies[0].rows].map((tr) =>
    [tr.cells[0].textContent, { validation: tr.cells[1].textContent, cv: tr.cells[2].textContent, test: tr.cells[3].textContent }])));
}

test('breast_cancer: search, train the best, cross-validate, test once, refit and export', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();

  // Step 9: a random search of 4 trials, its best C to Train.
  await go(page, /Valider/);
  await page.getByRole('heading', { name: 'Recherche d’hyperparamètres' }).waitFor();
  await setNumber(page, 'Essais (au plus)', 4);
  await page.getByRole('button', { name: 'Lancer la recherche' }).click();
  await main(page).getByRole('status').filter({ hasText: /^Recherche terminée : 4 essais\.$/ }).waitFor({ timeout: 60_000 });
  const bestC = await page.getByRole('table', { name: /^Les 4 essais/ }).evaluate((tb) => Number(tb.tBodies[0].rows[0].cells[1].title));
  await page.getByRole('button', { name: 'Utiliser dans Entraîner' }).click();
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  const c = Number(await page.getByLabel(/^C \(inverse de la régularisation\)/).inputValue());
  assert.ok(Math.abs(c - bestC) <= 1e-9 * Math.max(1, bestC), `Train's C ${c} is the search's best ${bestC}`);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();

  // That spec cross-validated.
  await go(page, /Valider/);
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique, 5 plis' }).waitFor();

  // Step 10: the test set opened once, beside validation and cross-validation.
  await go(page, /Tester/);
  await page.getByRole('checkbox', { name: 'J’ai fini de choisir mon modèle' }).check();
  await page.getByRole('button', { name: 'Ouvrir le jeu de test' }).click();
  await main(page).getByRole('heading', { name: 'Résultat sur le jeu de test' }).waitFor();
  const auc = (await comparison(page))['AUC ROC'];
  assert.ok(number(auc.test) > 0.95, `test AUC ${auc.test}`);
  assert.ok(number(auc.validation) > 0.95, `validation AUC ${auc.validation}`);
  assert.match(auc.cv, /^\d,\d{3} ± \d,\d{3}$/, 'the cross-validation of the same spec is beside it');

  // Step 11: the pipeline refitted on every row, a prediction, the Python script.
  await go(page, /Produire/);
  await page.getByRole('button', { name: 'Réentraîner sur toutes les lignes' }).click();
  await main(page).getByText(/Modèle réentraîné sur toutes les lignes/).waitFor();
  await main(page).locator('.prod-probability', { hasText: /^Probabilité de « malignant » : \d,\d{3}$/ }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger le script Python' }).click(),
  ]);
  const script = await readFile(await download.path(), 'utf8');
  assert.match(script, /LogisticRegression\(/);
  assert.ok(script.includes(String(c).slice(0, 8)), `the script carries the searched C ${c}`);
});
