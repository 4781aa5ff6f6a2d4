// Accessibility (issue 11): axe-core checks the page against WCAG 2.1 A and AA on every step,
// with data loaded and after each step's main action, and fails on any violation, naming the
// rule and the elements (tests/helpers/axe.mjs). Steps 1 to 5 on `sante` (dropping a column,
// a PCA) and step 8 on the course's `seuil` (its curves, F1 maximised); steps 6 to 11 on
// breast_cancer (SMOTE, a training, its evaluation, a cross-validation, a search of 3 trials,
// the test set opened once, the production refit); the help, compare and share dialogs and the
// English page; then the same walks in the dark colour scheme.
// Each test in a fresh browser; no console error, no request off origin (openApp).
import { test } from 'node:test';
import { openApp, setNumber } from '../helpers/app.mjs';
import { assertAccessible } from '../helpers/axe.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
const heading = (page, name) => page.getByRole('heading', { name, exact: true }).waitFor();

/** Step 1 to 5 on sante, each checked as it opens and after its action. */
async function firstSteps(page, scheme) {
  const check = (where) => assertAccessible(page, `${where} (${scheme})`);
  await heading(page, '1. Données');
  await main(page).getByText('Chargé', { exact: true }).waitFor();
  await check('step 1, sante loaded');

  await go(page, /Premier regard/);
  await page.getByRole('region', { name: /Tableau des données/ }).getByRole('rowheader').first().waitFor();
  await page.getByRole('table', { name: 'Colonnes numériques' }).waitFor();
  await check('step 2');

  await go(page, /Visualiser/);
  const histogram = page.getByRole('figure', { name: 'Histogramme de « Age »' });
  await histogram.locator('canvas[data-frame]').waitFor();
  await check('step 3');
  await histogram.getByRole('button', { name: 'Afficher les nombres' }).click();
  await histogram.getByRole('table').waitFor();
  await check('step 3, the histogram’s numbers shown');

  await go(page, /Nettoyer/);
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('IMC').waitFor();
  await check('step 4');
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('IMC').check();
  await page.getByRole('button', { name: 'Retirer les colonnes cochées' }).click();
  await page.locator('.data-size', { hasText: '10 lignes × 5 colonnes' }).waitFor();
  await check('step 4, a column dropped');

  await go(page, /Projeter/);
  await page.getByRole('figure', { name: 'Les données sur PC1 et PC2' }).locator('canvas[data-frame]').waitFor();
  await check('step 5, the PCA shown');

  // Step 8 on a column of scores: sante asks for them; the course's `seuil` has them.
  await go(page, /Évaluer/);
  await page.getByLabel('Colonne des scores').waitFor();
  await check('step 8, sante');
  await go(page, /Données/);
  await page.getByRole('button', { name: /^Charger Seuil/ }).click();
  await page.locator('.data-size', { hasText: '9 lignes' }).waitFor();
  await go(page, /Évaluer/);
  await page.getByRole('region', { name: /Classement des 9 lignes/ }).getByRole('cell', { name: 'TP' }).first().waitFor();
  const roc = page.getByRole('figure', { name: 'Courbe ROC' });
  await roc.locator('canvas[data-frame]').waitFor();
  await check('step 8, seuil evaluated');
  await page.getByRole('button', { name: 'Maximiser F1' }).click();
  await page.getByRole('status').filter({ hasText: /F1 maximal/ }).waitFor();
  await roc.getByRole('button', { name: 'Afficher les nombres' }).click();
  await roc.getByRole('table').waitFor();
  await check('step 8, F1 maximised, the ROC curve’s numbers shown');
}

/** Steps 6 to 11 on breast_cancer, each checked as it opens and after its main action. */
async function lastSteps(page, scheme) {
  const check = (where) => assertAccessible(page, `${where} (${scheme})`);
  await go(page, /Données/);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();

  await go(page, /Préparer/);
  await page.getByRole('table', { name: 'Effectifs par classe dans chaque partie' }).first().waitFor();
  await check('step 6');
  await page.getByLabel('Rééchantillonnage').selectOption('smote');
  await page.getByRole('rowheader', { name: 'Après SMOTE' }).first().waitFor();
  await check('step 6, SMOTE chosen');

  await go(page, /Entraîner/);
  await heading(page, '7. Entraîner');
  await check('step 7');
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();
  await check('step 7, a model trained');

  await main(page).getByRole('button', { name: 'Évaluer', exact: true }).click();
  await heading(page, '8. Évaluer');
  await page.getByRole('figure', { name: /ROC/ }).first().locator('canvas[data-frame]').waitFor();
  await check('step 8, the training evaluated');

  await go(page, /Valider/);
  await page.getByRole('heading', { name: 'Recherche d’hyperparamètres' }).waitFor();
  await check('step 9');
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique, 5 plis' }).waitFor();
  await check('step 9, a cross-validation');
  await setNumber(page, 'Essais (au plus)', 3);
  await page.getByRole('button', { name: 'Lancer la recherche' }).click();
  await main(page).getByRole('status').filter({ hasText: /^Recherche terminée : 3 essais\.$/ }).waitFor({ timeout: 60_000 });
  await check('step 9, a search of 3 trials');

  await go(page, /Tester/);
  await page.getByRole('checkbox', { name: 'J’ai fini de choisir mon modèle' }).waitFor();
  await check('step 10, locked');
  await page.getByRole('checkbox', { name: 'J’ai fini de choisir mon modèle' }).check();
  await page.getByRole('button', { name: 'Ouvrir le jeu de test' }).click();
  await main(page).getByRole('heading', { name: 'Résultat sur le jeu de test' }).waitFor();
  await check('step 10, the test set opened');

  await go(page, /Produire/);
  await page.getByRole('button', { name: 'Réentraîner sur toutes les lignes' }).waitFor();
  await check('step 11');
  await page.getByRole('button', { name: 'Réentraîner sur toutes les lignes' }).click();
  await main(page).locator('.prod-probability', { hasText: /^Probabilité de « malignant » : \d,\d{3}$/ }).waitFor();
  await check('step 11, the model refitted');
}

test('steps 1 to 5 on sante and 8 on seuil, light: no WCAG 2.1 A/AA violation, before and after each action', async (t) => {
  const { page } = await openApp(t);
  await firstSteps(page, 'light');
});

test('steps 6 to 11 on breast_cancer, light: no WCAG 2.1 A/AA violation, before and after each action', async (t) => {
  const { page } = await openApp(t);
  await lastSteps(page, 'light');
});

test('the journal’s compare dialog, the share dialog and the English page: no WCAG 2.1 A/AA violation', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await go(page, /Entraîner/);
  const runs = page.getByRole('list', { name: 'Journal des expériences' }).getByRole('listitem');
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await runs.first().waitFor();
  // setNumber types again if the training's last redraw wipes what it typed.
  await setNumber(page, 'C (inverse de la régularisation)', 0.01);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await runs.nth(1).waitFor();
  await assertAccessible(page, 'step 7, two runs in the journal');
  for (const box of await page.getByRole('checkbox', { name: /^Choisir Entraînement/ }).all()) await box.check();
  await page.getByRole('button', { name: 'Comparer (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Comparaison de 2 exécutions' });
  await dialog.getByRole('figure', { name: 'Courbes ROC de validation' }).locator('canvas[data-frame]').waitFor();
  await assertAccessible(page, 'the compare dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Aide', exact: true }).click();
  await page.getByRole('dialog', { name: /^Aide/ }).waitFor();
  await assertAccessible(page, 'the help dialog');
  await page.getByRole('dialog', { name: /^Aide/ }).getByRole('button', { name: 'Fermer' }).click();

  await page.getByRole('button', { name: 'Partager' }).click();
  await page.getByLabel('Lien (étape, données, recette et réglages)').waitFor();
  await assertAccessible(page, 'the share dialog');
  await page.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: 'Code d’intégration' }).click();
  await page.getByLabel('Code HTML de l’iframe').waitFor();
  await assertAccessible(page, 'the embed dialog');
  await page.getByRole('button', { name: 'Fermer' }).click();

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, '7. Train');
  await assertAccessible(page, 'step 7 in English');
  await page.getByRole('navigation').getByRole('button', { name: /First look/ }).click();
  await page.getByRole('table', { name: 'Numeric columns' }).waitFor();
  await assertAccessible(page, 'step 2 in English');
});

test('steps 1 to 11, dark colour scheme: no WCAG 2.1 A/AA violation', async (t) => {
  const { page } = await openApp(t, { colorScheme: 'dark' });
  await firstSteps(page, 'dark');
  await lastSteps(page, 'dark');
});
