// Step 11 (Production) on breast_cancer, as a student would: refit on all rows, type a value and
// see the probability change, download the model and load it back (same probability), score a
// small CSV in batch (the download has a probability column). No console error (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
const probability = (page) => main(page).locator('.prod-probability');

/** Waits until the shown probability differs from `before` (or equals `want`), and returns it. */
async function probabilityWhen(page, { before, want }) {
  await page.waitForFunction(([b, w]) => {
    const text = document.querySelector('.prod-probability')?.textContent;
    return text != null && (w != null ? text === w : text !== b);
  }, [before ?? null, want ?? null]);
  return probability(page).textContent();
}

test('breast_cancer: refit, predict as one types, the model file round trip, a file scored in batch', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await go(page, /Produire/);
  await page.getByRole('button', { name: 'Réentraîner sur toutes les lignes' }).click();
  await main(page).getByText(/Modèle réentraîné sur toutes les lignes : il prédit « diagnosis » à partir de 30 variables/).waitFor();

  const first = await probabilityWhen(page, { before: null });
  assert.match(first, /^Probabilité de « malignant » : \d,\d{3}$/);
  await page.getByLabel('worst area', { exact: true }).fill('2500');
  await page.getByLabel('worst concave points', { exact: true }).fill('0.25');
  // The form predicts 250 ms after the last keystroke: on a slow machine one may come with the
  // first value alone. Ask for both values at once; the page drops any older answer.
  await main(page).locator('form.control-grid').evaluate((form) => {
    document.querySelector('.prod-probability').dataset.before = '';
    form.requestSubmit();
  });
  await main(page).locator('.prod-probability:not([data-before])').waitFor();
  const typed = await probability(page).textContent();
  assert.notEqual(typed, first);
  assert.equal(await main(page).locator('.prod-predicted strong').textContent(), 'malignant');

  const [model] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger le modèle (JSON)' }).click(),
  ]);
  const text = await readFile(await model.path(), 'utf8');
  assert.equal(JSON.parse(text).format, 'atelier-model');
  await page.getByLabel('Charger un modèle (JSON)').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await main(page).getByText(/Modèle chargé depuis un fichier/).waitFor();
  assert.equal(await page.getByLabel('worst area', { exact: true }).inputValue(), '2500', 'what was typed stays');
  assert.equal(await probabilityWhen(page, { want: typed }), typed);

  const csv = (await readFile(new URL('../../dist/data/breast_cancer.csv', import.meta.url), 'utf8')).split('\n').slice(0, 4).join('\n');
  const [scored] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Fichier à prédire').setInputFiles({ name: 'nouveaux.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }),
  ]);
  assert.equal(scored.suggestedFilename(), 'nouveaux-predit.csv');
  const lines = (await readFile(await scored.path(), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 4);
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(-2), ['probability', 'predicted']);
  for (const line of lines.slice(1)) {
    const p = Number(line.split(',').at(-2));
    assert.ok(p >= 0 && p <= 1, line);
  }
  await main(page).getByText('3 lignes prédites : le fichier noté est téléchargé.').waitFor();
});

test('a file that is not a model is refused where it was loaded', async (t) => {
  const { page } = await openApp(t);
  await go(page, /Produire/);
  await page.getByLabel('Charger un modèle (JSON)').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') });
  await main(page).getByRole('alert').getByText(/n'est pas un modèle Atelier/).waitFor();
});
