// Text columns (issue 12), driven as a student would: sotu loaded, its `text` column cut into
// words in the Prepare step's Text card (the vocabulary learnt on the training part and the
// one-hot rows of a first sentence shown), `year` and `president` unticked, the default
// logistic regression trained: validation accuracy above 72 % and the most telling words of each
// party. axe on the Text card and on the results. No console error, no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';
import { assertAccessible } from '../helpers/axe.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');

test('sotu: text cut into words, a logistic regression above 72 %, its most telling words', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Discours sur l'état de l'Union/ }).click();
  await page.locator('.data-size', { hasText: /2\s000 lignes/ }).waitFor();
  await go(page, /Préparer/);
  await page.getByRole('heading', { name: 'Texte', exact: true }).waitFor();

  const features = page.getByRole('group', { name: 'Variables utilisées' });
  await features.getByLabel('year', { exact: true }).uncheck();
  await features.getByLabel('president', { exact: true }).uncheck();
  await page.getByLabel('Découper « text » en mots').check();
  assert.equal(await page.getByLabel('Encodage des mots').inputValue(), 'counts');
  await main(page).getByText(/^« text » : 5\s000 mots dans le vocabulaire/).waitFor();
  const oneHot = page.getByRole('table', { name: /^Une ligne par mot/ });
  await oneHot.waitFor();
  // The first sentence of sotu: "I will shortly send this Congress a message describing this program."
  const words = await oneHot.locator('tbody th').allTextContents();
  assert.deepEqual(words.slice(0, 3), ['will', 'shortly', 'send']);
  await assertAccessible(page, 'step 6, the Text card on sotu');

  await go(page, /Entraîner/);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique' }).waitFor();
  const accuracy = await page.getByRole('table', { name: /^Mesures au seuil/ }).evaluate((tb) => {
    const row = [...tb.querySelectorAll('tbody tr')].find((tr) => tr.children[0].textContent.startsWith('Justesse'));
    return row.children[2].getAttribute('title');
  });
  assert.ok(Number(accuracy) > 0.72, `validation accuracy ${accuracy}`);
  await main(page).getByRole('heading', { name: 'Les mots les plus parlants' }).waitFor();
  for (const party of ['Democratic', 'Republican']) {
    const rows = page.getByRole('table', { name: `Vers « ${party} »` }).locator('tbody tr');
    assert.equal(await rows.count(), 15, party);
  }
  await assertAccessible(page, 'step 7, the telling words of sotu');
});
