// Step 8, Evaluate, on the course's `seuil` (ID, y, proba): the threshold slider moved with the
// keyboard gives the course's matrix at 0.9 (TP 1, FP 0, TN 4, FN 4), the ranked table, the
// areas (AUC 0,850, AP 0,877), and "maximise F1" picks 0.55. A label column that is not binary
// asks for the positive class. No console error, no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

async function open(t, dataset, rows) {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: new RegExp(`^Charger ${dataset}`) }).click();
  await page.locator('.data-size', { hasText: `${rows} lignes` }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Évaluer/ }).click();
  await page.getByRole('heading', { name: '8. Évaluer' }).waitFor();
  return page;
}

/** Resolves once the step has saved `threshold` (store.js keeps it in IndexedDB, key 'evaluate').
 *  Polls at each frame in the page, as waitForFunction would if it could wait for IndexedDB. */
function savedThreshold(page, threshold) {
  return page.evaluate(async (want) => {
    const read = () => new Promise((resolve, reject) => {
      const open = indexedDB.open('atelier');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('state').objectStore('state').get('evaluate');
        get.onsuccess = () => { open.result.close(); resolve(get.result?.threshold); };
      };
    });
    const deadline = performance.now() + 30000;
    while (!(Math.abs((await read()) - want) < 1e-9)) {
      if (performance.now() > deadline) throw new Error(`threshold ${want} not saved within 30 s`);
      await new Promise(requestAnimationFrame);
    }
  }, threshold);
}

const matrix = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Matrice de confusion' }) });
const metrics = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Les mesures au seuil' }) });

/** The four counts as the matrix shows them, read at once (one at a time, a redraw between two
 *  reads would mix two thresholds). */
async function counts(page) {
  return matrix(page).evaluate((m) => Object.fromEntries(['TP', 'FP', 'TN', 'FN'].map((o) => {
    const cell = [...m.querySelectorAll('td, th')].find((c) => c.textContent.startsWith(`${o} = `));
    return [o, Number(cell?.textContent.match(/= (\d+)/)?.[1])];
  })));
}

/** The value cell of a metric row. */
const metric = (page, name) => metrics(page).getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').last();

test('seuil: the threshold moved by keyboard, the course matrix at 0.9, ranking, areas, maximise F1', async (t) => {
  const page = await open(t, 'Seuil', 9);
  assert.equal(await page.getByLabel('Colonne des vraies classes').inputValue(), 'y');
  assert.equal(await page.getByLabel('Colonne des scores').inputValue(), 'proba');
  assert.equal(await page.getByLabel('Classe positive').inputValue(), '1');
  await page.getByText('Règle : une ligne est prédite positive si et seulement si son score est supérieur ou égal au seuil').waitFor();

  const slider = page.getByRole('slider', { name: 'Seuil', exact: true });
  await page.locator('.threshold-value', { hasText: '0,5' }).waitFor();
  await page.getByText('TP 5 · FP 1 · TN 3 · FN 0').waitFor();

  // At the top, nothing is predicted positive: precision is undefined, not 0.
  await slider.focus();
  await page.keyboard.press('End');
  await page.locator('.threshold-value', { hasText: /^1$/ }).waitFor();
  await page.getByText('TP 0 · FP 0 · TN 4 · FN 5').waitFor();
  assert.equal(await metric(page, 'Précision').textContent(), 'indéfini');

  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await slider.inputValue(), '0.9');
  await page.locator('.threshold-value', { hasText: '0,9' }).waitFor();
  await page.getByText('TP 1 · FP 0 · TN 4 · FN 4').waitFor();
  await matrix(page).getByText('Au seuil 0,9').waitFor();
  assert.deepEqual(await counts(page), { TP: 1, FP: 0, TN: 4, FN: 4 });
  assert.equal(await metric(page, 'Précision').textContent(), '1,000');
  assert.equal(await metric(page, 'Rappel').textContent(), '0,200');
  assert.equal(await metric(page, 'F1').textContent(), '0,333');
  assert.equal(await metric(page, 'Justesse \\(').textContent(), '0,556');
  assert.equal(await page.getByLabel('Valeur exacte du seuil').inputValue(), '0.9');

  // The ranked table: 9 rows by decreasing score, the outcome at 0.9.
  const ranking = page.getByRole('region', { name: /Classement des 9 lignes/ });
  await ranking.getByRole('cell', { name: 'TP' }).first().waitFor();
  const rows = await ranking.locator('tbody tr:not(.spacer)').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 9);
  assert.deepEqual(rows[0], ['1', '4', '1', '0,9', 'TP']);
  assert.deepEqual(rows[1], ['2', '5', '1', '0,85', 'FN']);
  assert.deepEqual(rows[8], ['9', '3', '0', '0,3', 'TN']);

  // The areas, and the curves drawn with their marker.
  await page.getByText('AUC = 0,850', { exact: true }).waitFor();
  await page.getByText('AP (précision moyenne) = 0,877', { exact: true }).waitFor();
  for (const name of ['Courbe ROC', 'Courbe précision-rappel', 'Scores par classe']) {
    await page.getByRole('figure', { name }).locator('canvas[data-frame]').waitFor();
  }

  // Typing in the number input moves the slider too.
  await page.getByLabel('Valeur exacte du seuil').fill('0.75');
  await page.getByText('TP 2 · FP 1 · TN 3 · FN 3').waitFor();
  assert.equal(await slider.inputValue(), '0.75');

  await page.getByRole('button', { name: 'Maximiser F1' }).click();
  await page.getByRole('status').filter({ hasText: 'Seuil 0,55 : F1 maximal = 0,909.' }).waitFor();
  await page.locator('.threshold-value', { hasText: '0,55' }).waitFor();
  await page.getByText('TP 5 · FP 1 · TN 3 · FN 0').waitFor();
  await matrix(page).getByText('Au seuil 0,55').waitFor();
  assert.deepEqual(await counts(page), { TP: 5, FP: 1, TN: 3, FN: 0 });
  // The ranked table follows on its own request: wait for the sixth row to turn TP.
  await ranking.locator('tbody tr:not(.spacer)').nth(5).locator('td').last().filter({ hasText: /^TP$/ }).waitFor();

  // A reload restores the step, the choices and the threshold, once they are saved.
  await savedThreshold(page, 0.55);
  await page.reload();
  await page.getByRole('heading', { name: '8. Évaluer' }).waitFor();
  await page.locator('.threshold-value', { hasText: '0,55' }).waitFor();
  await page.getByText('TP 5 · FP 1 · TN 3 · FN 0').waitFor();

  // English numbers and words.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByText('AUC = 0.850', { exact: true }).waitFor();
  await page.getByRole('slider', { name: 'Threshold', exact: true }).waitFor();
  await page.getByText('TP 5 · FP 1 · TN 3 · FN 0').waitFor();
});

test('a label column that is not binary asks for the positive class', async (t) => {
  const page = await open(t, 'Iris', 150);
  await page.getByRole('status').filter({ hasText: /ne sont pas 0\/1/ }).waitFor();
  const positive = page.getByLabel('Classe positive');
  assert.equal(await positive.inputValue(), '');
  assert.equal(await page.getByRole('slider', { name: 'Seuil', exact: true }).count(), 0);
  const values = await positive.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(values.slice(1).sort(), ['setosa', 'versicolor', 'virginica']);
  await positive.selectOption('virginica');
  await page.getByText(/150 lignes évaluées, dont 50 positives/).waitFor();
  await page.getByRole('slider', { name: 'Seuil', exact: true }).waitFor();
  await matrix(page).getByRole('cell', { name: /^TP = / }).waitFor();
  await page.getByRole('columnheader', { name: 'Prédit autre que virginica (négatif)' }).waitFor();
  // Scores outside [0, 1] are allowed, and said so.
  await page.getByText(/Des scores sortent de \[0, 1\]/).waitFor();
});

test('rows missing a label or a score are left out and counted; an undefined precision says so', async (t) => {
  const { page } = await openApp(t);
  const csv = 'classe,score\n0,0.1\n1,\n,0.3\n1,0.9\n0,0.4\n1,0.35\n';
  await page.getByLabel(/Choisir un fichier/).setInputFiles({ name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.data-size', { hasText: '6 lignes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Évaluer/ }).click();
  await page.getByText('Laissées de côté (sans étiquette ou sans score) : 2 lignes.').waitFor();
  await page.getByText(/4 lignes évaluées, dont 2 positives/).waitFor();
  await page.getByLabel('Valeur exacte du seuil').fill('0.95');
  await page.getByText('TP 0 · FP 0 · TN 2 · FN 2').waitFor();
  const row = page.getByRole('row', { name: /^Précision/ });
  assert.equal(await row.locator('td').last().textContent(), 'indéfini');
  assert.match(await row.locator('td').last().getAttribute('title'), /zero_division=0/);
});
