// The network of layers in step 7, driven as a student would: on the built-in digits, the
// builder's summary (shapes and parameters per layer), a shape mistake named by its layer, the
// CNN preset trained to at least 97 % validation accuracy with its filters, a forward pass as
// feature maps and the classes it confuses, axe on the builder and on the results; on sotu, the
// text cut into words and the LSTM preset learning from word sequences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setNumber } from '../helpers/app.mjs';
import { assertAccessible } from '../helpers/axe.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');

test('digits: build a CNN, see each layer’s shape, train it past 97 %, see its filters, maps and confusions', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Chiffres manuscrits/ }).click();
  await page.locator('.data-size', { hasText: '1 797 lignes' }).waitFor();
  await go(page, /Entraîner/);
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Réseau de couches (apprentissage profond)' });

  // The default network on 64 features: the summary gives each layer's output and parameters.
  const summary = page.getByRole('table', { name: 'Résumé : la forme après chaque couche' });
  await summary.getByRole('cell', { name: '2 080' }).waitFor(); // dense 32 on 64 inputs: 64 × 32 + 32
  // The CNN preset: conv 32 × 3 × 3 on 8 × 8 × 1, then pooling.
  await page.getByRole('button', { name: 'CNN pour images 8 × 8' }).click();
  await summary.getByRole('cell', { name: '(8, 8, 32)' }).waitFor();
  await summary.getByRole('cell', { name: '(4, 4, 32)' }).waitFor();
  await summary.getByRole('cell', { name: '5 130' }).waitFor(); // dense 10 on 512 inputs
  await assertAccessible(page, 'step 7, the network builder');

  // A dense layer straight after the convolution: the core names the layer and the fix.
  await page.getByRole('button', { name: 'Retirer la couche 3' }).click(); // flatten
  await main(page).getByRole('alert').filter({ hasText: /^Couche 4 \(dense\) : elle reçoit la forme \[4, 4, 32\]/ }).waitFor();
  await page.getByRole('button', { name: 'CNN pour images 8 × 8' }).click();
  await summary.getByRole('cell', { name: '(512)' }).first().waitFor();

  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('figure', { name: 'Courbes d’apprentissage' }).waitFor();
  await main(page).getByRole('figure', { name: 'Filtres de la première convolution' }).locator('canvas[data-frame]').waitFor();

  // Trained: the class-by-class accuracy and confusion matrix.
  const line = main(page).getByText(/^Exactitude de validation sur les 10 classes/);
  await line.waitFor({ timeout: 120_000 });
  const accuracy = Number(/([\d,]+)\s*%/.exec(await line.textContent())[1].replace(',', '.'));
  assert.ok(accuracy >= 97, `validation accuracy ${accuracy} %`);
  const matrix = page.getByRole('table', { name: /^Matrice de confusion de la partie de validation/ });
  assert.equal(await matrix.locator('tbody tr').count(), 10);

  // The fitted model's filters, one row's forward pass as feature maps, the confused digits.
  await main(page).getByRole('figure', { name: 'Filtres de la première convolution' }).locator('canvas[data-frame]').waitFor();
  await page.getByRole('button', { name: 'Propagation avant' }).click();
  await main(page).getByRole('figure', { name: /^1\. convolution 2D : 8 × 8 × 32/ }).locator('canvas[data-frame]').waitFor();
  await main(page).getByText(/^Ligne \d+ \(classe \d\) : la plus grande probabilité/).waitFor();
  await main(page).getByRole('figure', { name: 'Des lignes où il se trompe' }).locator('canvas[data-frame]').waitFor();
  await assertAccessible(page, 'step 7, a CNN trained');
});

test('sotu: the LSTM preset reads the text as word sequences and learns, epoch by epoch', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Discours sur l'état de l'Union/ }).click();
  await page.locator('.data-size', { hasText: '2 000 lignes' }).waitFor();
  await go(page, /Préparer/);
  await page.getByLabel('Découper « text » en mots').check();
  await go(page, /Entraîner/);
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Réseau de couches (apprentissage profond)' });
  const lstm = page.getByRole('button', { name: 'Embedding + LSTM (texte)' });
  await page.waitForFunction(() => !document.querySelector('#net-preset-lstm')?.disabled);
  await lstm.click();
  // 2,000 words + padding + unknown, 16 numbers each; an LSTM of 16 on 16: 4 × 16 × (16 + 16 + 1).
  const summary = page.getByRole('table', { name: 'Résumé : la forme après chaque couche' });
  await summary.getByRole('cell', { name: '32 032' }).waitFor();
  await summary.getByRole('cell', { name: '(60, 16)' }).waitFor();
  await summary.getByRole('cell', { name: '2 112' }).waitFor();
  await setNumber(page, 'max_iter (époques)', 2);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('figure', { name: 'Courbes d’apprentissage' }).waitFor();
  // Trained: the results, then the fitted network's card (the live one is gone by then), and a
  // passage's trip through it.
  await main(page).getByRole('heading', { name: 'Résultats : Réseau de couches (apprentissage profond)' }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Propagation avant' }).click();
  await main(page).getByRole('figure', { name: /^1\. embedding : 60 × 16/ }).locator('canvas[data-frame]').waitFor();
  await main(page).getByRole('figure', { name: /^2\. LSTM : 16/ }).locator('canvas[data-frame]').waitFor();
});
