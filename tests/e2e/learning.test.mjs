// Step 7 with the gradient-descent models, driven as a student would: an MLP on the two moons
// whose epochs stream in (the counter and the curves grow), paused, one more epoch, resumed,
// cancelled; the loss-surface card, where a too-large step diverges and is said so; the decision
// boundary of a trained model; a preset that shows overfitting. No console error, no request off
// origin (openApp checks both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
/** The card headed `title`. */
const cardOf = (page, title) => page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });

async function openTrainOnMoons(page) {
  await page.getByRole('button', { name: /^Charger Deux lunes/ }).click();
  await page.locator('.data-size', { hasText: '400 lignes' }).waitFor();
  await go(page, /Entraîner/);
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
}

/** The epoch the status line shows ("Époque 12 / 5 000 · …"). */
async function shownEpoch(page) {
  const text = await page.locator('.run-count').textContent();
  return Number(/Époque(\d+)/.exec(text.replace(/\s/g, ''))?.[1] ?? NaN);
}

/** Waits until the status line shows an epoch above `n`; returns it. */
async function epochAbove(page, n) {
  try {
    await page.waitForFunction((k) => {
      const m = /Époque(\d+)/.exec(document.querySelector('.run-count')?.textContent.replace(/\s/g, '') ?? '');
      return m && Number(m[1]) > k;
    }, n);
  } catch (err) {
    throw new Error(`no epoch above ${n}: the status reads ${await page.locator('.run-status').textContent()}`, { cause: err });
  }
  return shownEpoch(page);
}

test('an MLP on moons: the epochs stream in, pause, one more epoch, resume, cancel', async (t) => {
  const { page } = await openApp(t);
  await openTrainOnMoons(page);
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Réseau de neurones (MLP)' });
  const epochs = page.getByLabel(/^max_iter/);
  await epochs.fill('5000');
  await epochs.press('Tab');
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();

  // The curves and the network appear; the epochs count up.
  await main(page).getByRole('figure', { name: 'Courbes d’apprentissage' }).waitFor();
  await main(page).getByRole('figure', { name: 'Couches du réseau' }).waitFor();
  const first = await epochAbove(page, 1);
  const later = await epochAbove(page, first);
  assert.ok(later > first);

  // Paused, it stays; one more epoch moves it by exactly one.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.locator('.run-count', { hasText: 'en pause' }).waitFor();
  const paused = await shownEpoch(page);
  await page.getByRole('button', { name: 'Une époque de plus' }).click();
  assert.equal(await epochAbove(page, paused), paused + 1);
  assert.equal(await shownEpoch(page), paused + 1);

  // The curves' numbers hold one row per epoch so far.
  await page.getByRole('figure', { name: 'Courbes d’apprentissage' }).getByRole('button', { name: 'Afficher les nombres' }).click();
  const rows = page.getByRole('table', { name: 'Courbes d’apprentissage' }).locator('tbody tr');
  await page.waitForFunction((n) => document.querySelectorAll('table caption').length && [...document.querySelectorAll('table')]
    .some((tb) => tb.caption?.textContent === 'Courbes d’apprentissage' && tb.tBodies[0]?.rows.length === n), paused + 1);
  assert.equal(await rows.count(), paused + 1);

  // Resumed, it goes on; cancelled, it says so and the page stays usable.
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await epochAbove(page, paused + 2);
  await page.getByRole('button', { name: 'Annuler l’entraînement' }).click();
  await main(page).getByRole('status').filter({ hasText: /annulé/i }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Entraîner', exact: true }).isEnabled());
});

test('the loss surface: three learning rates, the too-large one diverges and is named', async (t) => {
  const { page } = await openApp(t);
  await openTrainOnMoons(page);
  const card = cardOf(page, 'La descente de gradient, visible');
  await card.getByRole('figure', { name: 'Surface de perte et chemins de descente' }).waitFor();
  await card.getByText(/trop grand · η = 600 : diverge au pas \d+/).waitFor();
  await card.getByText(/bon · η = 1 : perte/).waitFor();
  await card.getByLabel('Comparer').selectOption('optimiser');
  await card.getByText(/Adam · η = 0,3 : perte/).waitFor();
  assert.equal(await card.getByText(/diverge/).count(), 0);
});

test('a k-NN on moons draws its decision boundary with the misclassified rows counted', async (t) => {
  const { page } = await openApp(t);
  await openTrainOnMoons(page);
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'k plus proches voisins (k-NN)' });
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  const card = cardOf(page, 'Frontière de décision');
  await card.getByRole('figure', { name: 'Frontière de décision' }).waitFor();
  const note = await card.getByText(/des 240 lignes dessinées sont mal classées/).textContent();
  const wrong = Number(note.split(' ')[0]);
  assert.ok(wrong >= 0 && wrong < 40, note);
});

test('the overfitting preset: the validation loss turns up while the training loss falls, and the page says where', async (t) => {
  const { page } = await openApp(t);
  await go(page, /Entraîner/);
  await page.getByRole('button', { name: 'Surapprentissage (lunes, un grand réseau)' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Réseau de neurones (MLP)' }).waitFor({ timeout: 120_000 });
  await main(page).getByText(/Surapprentissage à partir de l’époque \d+/).first().waitFor();
  await main(page).getByText(/Perte de validation la plus basse à l’époque \d+/).first().waitFor();
});
