// Step 10 (Test), driven as a student would, on breast_cancer: the test set locked until the
// student confirms; opened, it shows the test figures beside the validation's, with the AUC; a
// reload keeps it used (the result, no fresh lock); another model asks first, naming the earlier
// use (Escape closes the question), and once accepted both uses are listed and the core's
// warning names the first. No console error, no request off origin (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setNumber } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
const number = (text) => Number(text.trim().replace(',', '.'));

async function openTest(page) {
  await go(page, /Tester/);
  await page.getByRole('heading', { name: '10. Tester' }).waitFor();
}

/** The comparison table's test column, by metric (one evaluate: never half a redraw). */
async function testColumn(page) {
  const table = page.getByRole('table', { name: 'Mesures au seuil 0,5, de la même spécification' });
  await table.waitFor();
  return table.evaluate((tb) => ({
    head: [...tb.tHead.rows[0].cells].map((c) => c.textContent),
    test: Object.fromEntries([...tb.tBodies[0].rows].map((tr) => [tr.cells[0].textContent, tr.cells[3].textContent])),
  }));
}

const uses = (page) => main(page).getByRole('list', { name: 'Utilisations du jeu de test' }).getByRole('listitem');

test('breast_cancer: locked, opened once, kept used across a reload, a second model only after a warning', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await openTest(page);

  // Locked: why, what will be evaluated, and the button waits for the confirmation.
  await main(page).getByRole('heading', { name: 'Jeu de test verrouillé' }).waitFor();
  await main(page).getByText('Sera évalué : Régression logistique — C = 1 · seuil 0,5.').waitFor();
  await main(page).getByText(/réappris sur l’entraînement \+ la validation \(455 lignes\), puis noté une fois sur 114 lignes de test/).waitFor();
  const open = page.getByRole('button', { name: 'Ouvrir le jeu de test' });
  assert.ok(await open.isDisabled(), 'locked until the student confirms');
  await page.getByRole('checkbox', { name: 'J’ai fini de choisir mon modèle' }).check();
  assert.ok(await open.isEnabled());
  await open.click();

  // The result: the test beside the validation and the cross-validation, the matrix, the curves.
  await main(page).getByRole('heading', { name: 'Résultat sur le jeu de test' }).waitFor();
  const first = await testColumn(page);
  assert.deepEqual(first.head, ['Mesure', 'Validation', 'Validation croisée (moyenne ± écart-type)', 'Test']);
  assert.ok(number(first.test['AUC ROC']) > 0.95, `AUC ${first.test['AUC ROC']}`);
  assert.ok(number(first.test['Justesse (accuracy)']) > 0.9, `accuracy ${first.test['Justesse (accuracy)']}`);
  await main(page).getByRole('table', { name: /^Au seuil 0,5/ }).waitFor();
  await main(page).getByText(`AUC = ${first.test['AUC ROC']}`).waitFor();
  assert.equal(await uses(page).count(), 1);
  await main(page).getByText(/^Jeu de test utilisé le \d{4}-\d\d-\d\d \d\d:\d\d avec Régression logistique — C = 1/).waitFor();
  assert.equal(await main(page).getByRole('heading', { name: 'Jeu de test verrouillé' }).count(), 0);

  // A reload: still used, the same result, no fresh lock.
  await page.reload();
  await page.getByRole('heading', { name: '10. Tester' }).waitFor();
  await main(page).getByRole('heading', { name: 'Résultat sur le jeu de test' }).waitFor();
  assert.deepEqual((await testColumn(page)).test, first.test);
  assert.equal(await main(page).getByRole('heading', { name: 'Jeu de test verrouillé' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Ouvrir le jeu de test' }).count(), 0);
  await main(page).getByText(/^C’est la spécification déjà évaluée/).waitFor();

  // Another model: a second evaluation only after a warning that names the first use.
  await go(page, /Entraîner/);
  await setNumber(page, 'C (inverse de la régularisation)', 0.01);
  await openTest(page);
  const again = page.getByRole('button', { name: 'Évaluer le test avec cette spécification…' });
  await again.click();
  const dialog = page.getByRole('alertdialog', { name: 'Le jeu de test a déjà servi' });
  await dialog.waitFor();
  const named = await dialog.textContent();
  assert.match(named, /le \d{4}-\d\d-\d\d \d\d:\d\d : Régression logistique — C = 1 · seuil 0,5 \(AUC \d,\d{3}\)/);
  assert.ok(named.includes(`AUC ${first.test['AUC ROC']}`), named);
  // The keyboard: the safe choice has the focus, Escape closes the question.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Ne pas évaluer');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await uses(page).count(), 1, 'nothing evaluated');
  await again.click();
  await dialog.getByRole('button', { name: 'Évaluer quand même' }).click();

  await main(page).getByText('C’est la spécification déjà évaluée : voici son résultat enregistré (le test n’est pas relancé).').waitFor();
  assert.equal(await uses(page).count(), 2);
  const listed = await uses(page).allTextContents();
  assert.match(listed[0], /C = 1 ·/);
  assert.match(listed[1], /C = 0,01 ·/);
  await main(page).getByText('Le jeu de test a servi 2 fois', { exact: false }).waitFor();
  const warning = await main(page).locator('li[data-code="test_reused"]').textContent();
  assert.match(warning, /^Le jeu de test a déjà servi : le \d{4}-\d\d-\d\d \d\d:\d\d, spécification [0-9a-f]{16}, logistic_regression, AUC \d,\d{3}/);
});
