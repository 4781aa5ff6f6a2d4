// Steps 6 (Prepare) and 7 (Train), and step 8 on a run's validation scores, driven as a student
// would: breast_cancer prepared with SMOTE, a logistic regression then a tree, Evaluate on the
// validation part; sante after filling its missing labels in Clean; a forest cancelled mid-way;
// a reload that keeps the spec and the report. No console error, no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const size = (page, text) => page.locator('.data-size', { hasText: text }).waitFor();
const main = (page) => page.getByRole('main');

async function loadBuiltin(page, title, rows) {
  await page.getByRole('button', { name: new RegExp(`^Charger ${title}`) }).click();
  await size(page, `${rows} lignes`);
}

/** The Prepare step's counts table, as { part: [cell texts] }. */
async function countsTable(page) {
  const table = page.getByRole('table', { name: 'Effectifs par classe dans chaque partie' }).first();
  await table.waitFor();
  return table.evaluate((tb) => Object.fromEntries([...tb.querySelectorAll('tbody tr')].map((tr) => {
    const cells = [...tr.children].map((c) => c.textContent);
    return [cells[0], cells.slice(1)];
  })));
}

/** The leading count of a "127 (37,2 %)" cell. */
const lead = (text) => Number(text.split(' (')[0].replace(/\s/g, ''));

/** The report and the spec the page stored in IndexedDB. */
const storedRun = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('atelier');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('state').objectStore('state').get('report');
    req.onsuccess = () => resolve(req.result ? { spec: req.result.spec, validation: req.result.report.validation, kind: req.result.report.model.kind } : null);
    req.onerror = () => reject(req.error);
  };
}));

async function train(page, kind) {
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: kind });
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: `Résultats : ${kind}` }).waitFor();
}

/** The metrics table of the results, as { metric: [train, validation] }. */
async function metrics(page) {
  const table = page.getByRole('table', { name: /^Mesures au seuil/ });
  return table.evaluate((tb) => Object.fromEntries([...tb.querySelectorAll('tbody tr')].map((tr) => {
    const cells = [...tr.children].map((c) => c.textContent);
    return [cells[0], cells.slice(1)];
  })));
}

test('breast_cancer: SMOTE balances training only; a logistic regression, a tree; Evaluate opens on the validation scores', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Cancer du sein', 569);
  await go(page, /Préparer/);
  await page.getByRole('heading', { name: '6. Préparer' }).waitFor();
  assert.equal(await page.getByLabel('Colonne cible (y)').inputValue(), 'diagnosis');
  await page.getByRole('option', { name: 'diagnosis (devinée)' }).waitFor({ state: 'attached' });
  assert.ok(await page.getByLabel('Stratifié').isChecked());
  assert.equal(await page.getByLabel('Normalisation (scaler)').inputValue(), 'standard');
  // Each control says why, e.g. the scaler learnt on the training part only.
  await page.getByText('Ajustés sur la partie d’entraînement seulement : sinon la validation fuit dans l’entraînement.').waitFor();
  await page.getByLabel('Classe positive').locator('option', { hasText: 'malignant' }).waitFor({ state: 'attached' });
  assert.equal(await page.getByLabel('Classe positive').inputValue(), 'malignant');

  const before = await countsTable(page);
  assert.deepEqual(Object.keys(before), ['Entraînement', 'Validation', 'Test']);
  const sizes = Object.values(before).map((cells) => lead(cells.at(-1)));
  assert.equal(sizes.reduce((a, b) => a + b), 569);

  await page.getByLabel('Rééchantillonnage').selectOption('smote');
  await page.getByLabel('k (voisins de SMOTE)').waitFor();
  await page.getByRole('rowheader', { name: 'Après SMOTE' }).first().waitFor();
  const after = await countsTable(page);
  const [trainMalignant, trainBenign] = after['Entraînement'].slice(0, 2).map(lead);
  const [smoteMalignant, smoteBenign] = after['Après SMOTE'].slice(0, 2).map(lead);
  assert.ok(trainMalignant < trainBenign, `training part imbalanced: ${trainMalignant} / ${trainBenign}`);
  assert.equal(smoteMalignant, smoteBenign, 'balanced after SMOTE');
  assert.equal(smoteBenign, trainBenign);
  assert.deepEqual(after.Validation, before.Validation, 'validation untouched by SMOTE');
  // Stratified: the validation part keeps the training part's proportions (within a row).
  const share = (cells) => lead(cells[0]) / lead(cells.at(-1));
  assert.ok(Math.abs(share(after.Validation) - share(after['Entraînement'])) < 0.01);
  await page.getByRole('figure', { name: 'Les classes dans chaque partie' }).locator('canvas[data-frame]').waitFor();

  await go(page, /Entraîner/);
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  await train(page, 'Régression logistique');
  const lr = await metrics(page);
  assert.deepEqual(Object.keys(lr), ['Justesse (accuracy)', 'Précision', 'Rappel (sensibilité, TPR)', 'F1', 'AUC ROC']);
  assert.ok(Number(lr['AUC ROC'][1].replace(',', '.')) > 0.9, `validation AUC ${lr['AUC ROC'][1]}`);
  await page.getByRole('columnheader', { name: `Validation (${lead(after.Validation.at(-1))} lignes)` }).waitFor();
  await page.getByRole('figure', { name: /^Coefficients/ }).locator('canvas[data-frame]').waitFor();

  await train(page, 'Arbre de décision');
  const tree = page.locator('section', { has: page.getByRole('heading', { name: 'L’arbre de décision' }) });
  const [, nodes, leaves, depth] = (await tree.getByText(/nœuds, dont/).textContent()).match(/(\d+) nœuds, dont (\d+) feuilles ; profondeur (\d+)/).map(Number);
  assert.ok(nodes > 1 && nodes === 2 * leaves - 1 && depth >= 1, `a grown binary tree: ${nodes} nodes, ${leaves} leaves, depth ${depth}`);
  // The diagram, drawn by the core, with its nodes as a table behind a toggle.
  const diagram = tree.getByRole('figure', { name: /L’arbre jusqu’à la profondeur/ });
  await diagram.locator('canvas[data-frame]').waitFor();
  await diagram.getByRole('button', { name: 'Afficher les nombres' }).click();
  assert.equal(await diagram.getByRole('table').locator('tbody tr').count(), nodes);
  const bars = tree.getByRole('figure', { name: /variables les plus importantes/ });
  await bars.locator('canvas[data-frame]').waitFor();
  await bars.getByRole('button', { name: 'Afficher les nombres' }).click();
  const importances = await bars.getByRole('table').locator('tbody td.num').allTextContents();
  const top = importances.map((x) => Number(x.replace(',', '.')));
  assert.ok(top[0] > 0 && top.every((x, i) => i === 0 || x <= top[i - 1]), `importances sorted: ${top}`);
  assert.equal((await metrics(page))['Justesse (accuracy)'][0], '1,000', 'a tree with no maximum depth learns its training part by heart');

  const run = await storedRun(page);
  assert.equal(run.kind, 'decision_tree');
  assert.equal(run.spec.resample.kind, 'smote');
  const n = run.validation.scores.length;
  assert.equal(n, lead(after.Validation.at(-1)));

  await main(page).getByRole('button', { name: 'Évaluer', exact: true }).click();
  await page.getByRole('heading', { name: '8. Évaluer' }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Le dernier entraînement : Arbre de décision/ }).isChecked());
  assert.equal(await page.getByLabel('Colonne des vraies classes').count(), 0, 'no column to choose');
  await page.getByText(`${n} lignes évaluées`, { exact: false }).waitFor();
  const cells = page.locator('section', { has: page.getByRole('heading', { name: 'Matrice de confusion' }) });
  let sum = 0;
  for (const o of ['TP', 'FP', 'TN', 'FN']) {
    const name = await cells.getByRole('cell', { name: new RegExp(`^${o} = `) }).textContent();
    sum += Number(name.match(/= (\d+)/)[1]);
  }
  assert.equal(sum, n, 'the matrix sums to the validation size');
  const ranking = page.getByRole('region', { name: new RegExp(`Classement des ${n} lignes`) });
  await ranking.getByRole('cell', { name: /^(TP|FP|TN|FN)$/ }).first().waitFor();
  const ids = await ranking.locator('tbody tr:not(.spacer)').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
  const known = new Set(run.validation.ids.map(String));
  assert.ok(ids.length >= 5 && ids.every((id) => known.has(id)), `ranked IDs are validation rows: ${ids.slice(0, 8)}`);

  // The column source is still there, unchanged.
  await page.getByRole('radio', { name: 'Une colonne de scores du fichier' }).check();
  await page.getByLabel('Colonne des vraies classes').waitFor();
});

test('sante with its missing labels filled with 0: training works and the small validation part is flagged', async (t) => {
  const { page } = await openApp(t);
  await go(page, /Nettoyer/);
  await page.getByRole('combobox', { name: /^Colonne/ }).selectOption('malade');
  await page.getByLabel('Compléter par').selectOption('constant');
  await page.getByLabel('Valeur', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Compléter', exact: true }).click();
  await page.getByRole('list', { name: 'Étapes de la recette' }).getByText('df["malade"] = df["malade"].fillna(0)').waitFor();

  await go(page, /Préparer/);
  assert.equal(await page.getByLabel('Colonne cible (y)').inputValue(), 'malade');
  // The identifier is left out, and says why.
  assert.equal(await page.getByRole('checkbox', { name: 'ID', exact: true }).isChecked(), false);
  await page.getByText('identifiant : décoché, un numéro de ligne n’explique rien').waitFor();
  await page.getByText(/10 lignes utilisées/).waitFor();
  const warnings = page.getByRole('list', { name: 'Avertissements' });
  await warnings.getByText(/La partie de validation n’a que|La partie de validation n'a que/).waitFor();

  await go(page, /Entraîner/);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique' }).waitFor();
  await main(page).getByRole('list', { name: 'Avertissements' }).getByText(/La partie de validation n.a que/).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await main(page).getByRole('heading', { name: 'Results: Logistic regression' }).waitFor();
  await main(page).getByRole('list', { name: 'Warnings' }).getByText(/The validation part has only/).waitFor();
});

test('a forest of many trees cancelled mid-way: the page stays usable, the previous report stays', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Cancer du sein', 569);
  await go(page, /Entraîner/);
  await train(page, 'Régression logistique');

  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Forêt aléatoire' });
  const trees = page.getByLabel('n_estimators (nombre d’arbres)');
  await trees.fill('5000');
  await trees.press('Enter');
  await page.getByRole('status').filter({ hasText: /Les réglages ont changé/ }).waitFor();
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: /Progression de l’entraînement/ });
  await progress.waitFor();
  await page.locator('.run-count', { hasText: /Arbre [1-9]\d* \/ 5\s000/ }).waitFor();

  // While it grows, the other steps still answer.
  await go(page, /Préparer/);
  await page.getByLabel('Graine du découpage').fill('7');
  await page.getByLabel('Graine du découpage').press('Enter');
  await page.getByRole('table', { name: 'Effectifs par classe dans chaque partie' }).waitFor();
  await go(page, /Entraîner/);
  const count = await page.locator('.run-count').textContent();
  const grown = Number(count.match(/Arbre ([\d\s]+) \//)[1].replace(/\s/g, ''));
  assert.ok(grown >= 1 && grown < 5000, `mid-way: ${count}`);

  await page.getByRole('button', { name: 'Annuler l’entraînement' }).click();
  await page.getByRole('status').filter({ hasText: 'Entraînement annulé (Forêt aléatoire) : les résultats précédents restent.' }).waitFor();
  assert.equal(await progress.count(), 0);
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique' }).waitFor();
  assert.equal((await storedRun(page)).kind, 'logistic_regression');

  // A small forest grows to its end and its report replaces the previous one.
  await trees.fill('20');
  await trees.press('Enter');
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Forêt aléatoire' }).waitFor();
  await page.getByRole('heading', { name: 'Importance des variables' }).waitFor();
  assert.equal((await storedRun(page)).kind, 'random_forest');
});

test('a reload keeps the spec and the report; Evaluate keeps the run as its source', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Deux lunes', 400);
  await go(page, /Préparer/);
  await page.getByLabel('Test (%)').fill('0');
  await page.getByLabel('Test (%)').press('Enter');
  await page.getByLabel('Validation (%)').fill('30');
  await page.getByLabel('Validation (%)').press('Enter');
  await page.getByText(/Le reste, 70\s%, sert à l’entraînement\./).waitFor();
  await go(page, /Entraîner/);
  await train(page, 'Bayes naïf gaussien');
  await page.getByRole('heading', { name: 'Les probabilités a priori' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  await main(page).getByRole('heading', { name: 'Résultats : Bayes naïf gaussien' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: /^Modèle/ }).inputValue(), 'gaussian_nb');
  await go(page, /Préparer/);
  assert.equal(await page.getByLabel('Validation (%)').inputValue(), '30');
  assert.equal(await page.getByLabel('Test (%)').inputValue(), '0');
  await go(page, /Évaluer/);
  assert.ok(await page.getByRole('radio', { name: /Le dernier entraînement : Bayes naïf gaussien/ }).isChecked());
});

test('a value out of range is refused where it was typed; a run without validation part sends Evaluate to a score column', async (t) => {
  const { page } = await openApp(t);
  await loadBuiltin(page, 'Deux lunes', 400);
  await go(page, /Préparer/);
  const validation = page.getByLabel('Validation (%)');
  await validation.fill('150');
  await validation.press('Enter');
  await page.getByRole('alert').filter({ hasText: '« 150 » : il faut un nombre entre 0 et 90.' }).waitFor();
  assert.equal(await page.getByLabel('Validation (%)').inputValue(), '20', 'the spec kept its value');
  await page.getByLabel('Validation (%)').fill('0');
  await page.getByLabel('Validation (%)').press('Enter');
  await page.getByText(/Le reste, 80\s%, sert à l’entraînement\./).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);

  await go(page, /Entraîner/);
  await train(page, 'k plus proches voisins (k-NN)');
  await page.getByRole('columnheader', { name: 'Validation (aucune)' }).waitFor();
  await main(page).getByRole('button', { name: 'Évaluer', exact: true }).click();
  await page.getByRole('heading', { name: '8. Évaluer' }).waitFor();
  await page.getByText(/Ce modèle n’a pas de partie de validation/).waitFor();
  await page.getByRole('button', { name: 'Évaluer une colonne de scores' }).click();
  await page.getByLabel('Colonne des vraies classes').waitFor();
  assert.ok(await page.getByRole('radio', { name: 'Une colonne de scores du fichier' }).isChecked());
});
