// Step 5, Project: PCA on iris (explained variance as scikit-learn gives it), t-SNE with progress,
// to its end and cancelled, UMAP, and the errors a student meets on a small table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

async function open(t, dataset, rows = '150 lignes') {
  const { page } = await openApp(t);
  if (dataset) {
    await page.getByRole('button', { name: new RegExp(`^Charger ${dataset}`) }).click();
    await page.locator('.data-size', { hasText: rows }).waitFor();
  }
  await page.getByRole('navigation').getByRole('button', { name: /Projeter/ }).click();
  return page;
}

/** Records, in the page, whether a progress bar named `name` ever appeared. */
const watchProgress = (page, name) => page.evaluate((label) => {
  window.sawProgress = false;
  new MutationObserver(() => {
    if (document.querySelector(`progress[aria-label="${label}"]`)) window.sawProgress = true;
  }).observe(document.body, { childList: true, subtree: true });
}, name);

test('PCA on iris: explained variance, loadings, the projection coloured by species', async (t) => {
  const page = await open(t, 'Iris');
  await page.getByText('PC1 explique 72,96 % de la variance ; PC1 et PC2 ensemble, 95,81 %.').waitFor();
  const variance = page.getByRole('figure', { name: 'Variance expliquée par composante' });
  await variance.locator('canvas[data-frame]').waitFor();
  await variance.getByRole('button', { name: 'Afficher les nombres' }).click();
  await variance.getByRole('row', { name: /PC1 72,96 % 72,96 %/ }).waitFor();
  await page.getByRole('table', { name: /loadings/ }).getByRole('cell', { name: '0,5211' }).waitFor();
  const scatter = page.getByRole('figure', { name: 'Les données sur PC1 et PC2' });
  await scatter.locator('canvas[data-frame]').waitFor();

  // Without standardisation, the variance is that of the raw columns.
  await page.getByLabel('Standardiser').uncheck();
  await page.getByText(/PC1 explique 92,46\s%/).waitFor();
});

test('t-SNE on iris runs with progress and finishes', async (t) => {
  const page = await open(t, 'Iris');
  await page.getByLabel('Itérations').fill('250');
  await watchProgress(page, 'Progression de t-SNE');
  await page.getByRole('button', { name: 'Lancer t-SNE' }).click();
  await page.getByRole('status').filter({ hasText: /t-SNE terminé \(250 itérations, divergence KL/ }).waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => window.sawProgress), true, 'a progress bar was shown');
  const figure = page.getByRole('figure', { name: 'Projection t-SNE' });
  await figure.locator('canvas[data-frame]').waitFor();
  await figure.getByRole('button', { name: 'Afficher les nombres' }).click();
  assert.equal(await figure.locator('tbody tr').count(), 150);
  await page.getByText(/une autre graine déplace les points/).waitFor();

});

test('a long t-SNE (digits) can be cancelled; the worker answers again at once', async (t) => {
  const page = await open(t, 'Chiffres', '1 797 lignes');
  await page.getByRole('button', { name: 'Lancer t-SNE' }).click();
  const bar = page.getByRole('progressbar', { name: 'Progression de t-SNE' });
  await bar.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('progress')?.value) > 0);
  await page.getByRole('button', { name: 'Annuler t-SNE' }).click();
  await page.getByRole('status').filter({ hasText: 't-SNE annulé.' }).waitFor();
  assert.equal(await bar.count(), 0);
  // The worker is free again: PCA still answers.
  await page.getByLabel('Nombre de composantes').fill('3');
  await page.getByLabel('Nombre de composantes').press('Enter');
  await page.getByRole('table', { name: /loadings/ }).getByRole('columnheader', { name: 'PC3' }).waitFor();
});

test('a t-SNE estimated long says its time before it starts; a short one says nothing', async (t) => {
  const page = await open(t, 'Chiffres', '1 797 lignes');
  const tsne = page.locator('section.card').filter({ has: page.getByRole('button', { name: 'Lancer t-SNE' }) });
  await page.getByRole('button', { name: 'Lancer t-SNE' }).waitFor();
  await page.getByLabel('Itérations').fill('100000');
  await page.getByLabel('Itérations').press('Tab');
  const warning = tsne.locator('.note.warn', { hasText: /^t-SNE : environ \d+(,\d)?\s(min|h) de calcul estimé pour 1\s797 lignes × 64 colonnes/ });
  await warning.waitFor();
  assert.equal(await page.getByRole('progressbar').count(), 0, 'said before anything runs');
  await page.getByLabel('Itérations').fill('250');
  await page.getByLabel('Itérations').press('Tab');
  await warning.waitFor({ state: 'detached' });
  assert.equal(await tsne.locator('.note.warn').count(), 0);
});

test('sante: ID and class left out by default, perplexity too large is explained, UMAP runs', async (t) => {
  const page = await open(t);
  const columns = page.getByRole('group', { name: 'Colonnes numériques utilisées' });
  assert.equal(await columns.getByLabel('ID', { exact: true }).isChecked(), false);
  assert.equal(await columns.getByLabel('malade').isChecked(), false);
  assert.equal(await columns.getByLabel('Age').isChecked(), true);
  assert.equal(await page.getByLabel('Perplexité').inputValue(), '3');
  await page.getByLabel('Perplexité').fill('30');
  await page.getByRole('button', { name: 'Lancer t-SNE' }).click();
  await page.getByRole('alert').filter({ hasText: /perplexity/ }).waitFor();

  await page.getByRole('button', { name: 'Lancer UMAP' }).click();
  await page.getByRole('status').filter({ hasText: /UMAP terminé/ }).waitFor({ timeout: 20000 });
  await page.getByRole('figure', { name: 'Projection UMAP' }).locator('canvas[data-frame]').waitFor();

  // With the class column, rows with a missing label are left out, and said so.
  await columns.getByLabel('malade').check();
  await page.getByText('4 lignes ignorée(s) (valeur manquante).').first().waitFor();
});
