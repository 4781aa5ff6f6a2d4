// Step 3, Visualise, on sante: each chart is drawn, its numbers table shows the right numbers,
// the readout names what is under the pointer. No console error, no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

async function open(t) {
  const { page } = await openApp(t);
  await page.getByRole('navigation').getByRole('button', { name: /Visualiser/ }).click();
  return page;
}

/** The chart's canvas has been drawn: a frame, and more than a handful of colours. */
async function drawn(figure) {
  const canvas = figure.getByRole('img');
  await canvas.and(figure.locator('canvas[data-frame]')).waitFor();
  const colours = await canvas.evaluate((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
  assert.ok(colours > 5, `canvas drawn (${colours} colours)`);
}

/** Rows of the figure's numbers table, each as an array of cell texts. */
async function numbers(figure) {
  const show = figure.getByRole('button', { name: 'Afficher les nombres' });
  if (await show.count()) await show.click();
  const table = figure.getByRole('table');
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
}

/** Moves the pointer over the data point (x, y) of the figure's chart. */
async function hover(page, figure, x, y) {
  const canvas = figure.locator('canvas');
  const { frame, scale } = await canvas.evaluate((c) => ({ frame: JSON.parse(c.dataset.frame), scale: c.width / c.clientWidth }));
  const px = frame.left + ((x - frame.x_min) / (frame.x_max - frame.x_min)) * frame.width;
  const py = frame.top + frame.height - ((y - frame.y_min) / (frame.y_max - frame.y_min)) * frame.height;
  await canvas.hover({ position: { x: px / scale, y: py / scale } });
}

test('histogram: automatic bins named, a chosen number of bins, back to automatic', async (t) => {
  const page = await open(t);
  const figure = page.getByRole('figure', { name: 'Histogramme de « Age »' });
  await drawn(figure);
  assert.match(await page.locator('.rule').textContent(), /Freedman–Diaconis \(6 intervalles\)/);
  assert.deepEqual(await numbers(figure), [
    ['[25 ; 40,83[', '4'], ['[40,83 ; 56,67[', '5'], ['[56,67 ; 72,5[', '0'],
    ['[72,5 ; 88,33[', '0'], ['[88,33 ; 104,2[', '0'], ['[104,2 ; 120]', '1'],
  ]);
  const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Télécharger l’image (PNG)' }).click()]);
  assert.equal(download.suggestedFilename(), 'histogramme-de-age.png');
  await hover(page, figure, 30, 1);
  await page.locator('.readout', { hasText: '[25 ; 40,83[ → 4' }).waitFor();

  await page.getByLabel('Nombre d’intervalles (bins)').fill('2');
  await page.locator('.rule', { hasText: 'Vous avez choisi 2 intervalles' }).waitFor();
  await figure.getByRole('rowheader', { name: '[72,5 ; 120]' }).waitFor(); // the table stays open
  await page.getByRole('button', { name: 'Revenir au choix automatique' }).click();
  await page.locator('.rule', { hasText: 'Freedman–Diaconis' }).waitFor();

  // Coloured by class: one series per class.
  await page.getByLabel('Colorer par classe (malade)').check();
  const byClass = page.getByRole('figure', { name: 'Histogramme de « Age »' });
  // The figure keeps its name: wait for the per-class numbers, which only the new one has,
  // before looking at its canvas (the old one's would pass for it).
  await byClass.getByRole('columnheader', { name: '1', exact: true }).waitFor();
  await drawn(byClass);
});

test('box plot: quartiles, whiskers at 1.5 IQR and the age-120 outlier, per class', async (t) => {
  const page = await open(t);
  const figure = page.getByRole('figure', { name: 'Boîtes à moustaches de « Age » par classe' });
  await drawn(figure);
  assert.deepEqual(await numbers(figure), [['1', '6', '45', '47,5', '49,5', '51,5', '52', '120']]);
  await page.getByLabel('Une boîte par classe (malade)').uncheck();
  const one = page.getByRole('figure', { name: 'Boîte à moustaches de « Age »' });
  await drawn(one);
  const rows = await numbers(one);
  assert.equal(rows[0][1], '10');
  assert.equal(rows[0].at(-1), '120');
});

test('scatter plot: two columns, coloured by class; hovering a point names its row', async (t) => {
  const page = await open(t);
  await page.getByLabel('Axe vertical (y)').selectOption('poids');
  const figure = page.getByRole('figure', { name: '« poids » selon « Age »' });
  await drawn(figure);
  const rows = await numbers(figure);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[9], ['9', '120', '150', '1']);
  assert.deepEqual(rows[0], ['0', '25', '68', '(manquant)']);
  await hover(page, figure, 120, 150);
  await figure.locator('.readout', { hasText: /^ID 10 · Age 120 · IMC 60 · cholesterol 800 · poids 150 · malade 1/ }).waitFor();
});

test('correlation: heat map with values, Spearman, strong pairs, one click adds a drop to the recipe', async (t) => {
  const page = await open(t);
  const figure = page.getByRole('figure', { name: 'Corrélations (Pearson)' });
  await drawn(figure);
  const rows = await numbers(figure);
  assert.deepEqual(rows.map((r) => r[0]), ['Age', 'IMC', 'cholesterol', 'poids']);
  assert.deepEqual(rows[1], ['IMC', '0,985', '1', '-0,026', '0,997']);
  await page.getByText('« IMC » et « poids » : r = 0,997. Colonne redondante suggérée : « IMC ».').waitFor();

  await page.getByLabel('Spearman').check();
  await drawn(page.getByRole('figure', { name: 'Corrélations (Spearman)' }));

  await page.getByLabel('Seuil |r|').fill('0.995');
  await page.getByLabel('Seuil |r|').press('Enter');
  await page.getByRole('heading', { name: 'Paires avec |r| ≥ 0,995' }).waitFor();

  await page.getByLabel('Pearson').check();
  await page.getByRole('button', { name: 'Retirer « IMC » (recette)' }).click();
  await page.locator('.data-size', { hasText: '10 lignes × 5 colonnes' }).waitFor();
  const side = page.getByRole('complementary', { name: 'Recette de nettoyage' });
  await side.getByText('Retirer la colonne « IMC »').waitFor();
  await side.getByText('df = df.drop(columns=["IMC"])').waitFor();
});
