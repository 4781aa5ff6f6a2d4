// Bias, shown (issue 12), driven as a student would: `sourire` loaded, the Test step offers its
// unbiased companion as the rows to test on (chosen by default, the held-out rows one arrow key
// away); the test falls below the validation and the page says what happened, with the features'
// coefficients and `smile` marked as the shortcut. axe checks the step before and after.
// No console error, no request off origin (openApp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';
import { assertAccessible } from '../helpers/axe.mjs';

const main = (page) => page.getByRole('main');

test('sourire: tested on the unbiased file, the fall explained and smile marked', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Sourire :/ }).click();
  await page.locator('.data-size', { hasText: /^1\s000 lignes/ }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Tester/ }).click();
  await page.getByRole('heading', { name: 'Jeu de test verrouillé' }).waitFor();

  // The choice: the companion file by default; the keyboard moves to the held-out rows and back.
  const choice = main(page).getByRole('group', { name: 'Tester sur' });
  const companion = choice.getByRole('radio', { name: 'le fichier « Sourire, sans le biais (test) »' });
  assert.ok(await companion.isChecked());
  await main(page).getByText(/noté une fois sur chaque ligne de « Sourire, sans le biais \(test\) »/).waitFor();
  await companion.focus();
  await page.keyboard.press('ArrowUp');
  assert.ok(await choice.getByRole('radio', { name: 'les lignes de test mises de côté dans ces données' }).isChecked());
  await main(page).getByText(/puis noté une fois sur 200 lignes de test/).waitFor();
  await page.keyboard.press('ArrowDown');
  await main(page).getByText(/chaque ligne de « Sourire, sans le biais \(test\) »/).waitFor();
  await assertAccessible(page, 'step 10, the choice of test rows');

  await page.getByRole('checkbox', { name: 'J’ai fini de choisir mon modèle' }).check();
  await page.getByRole('button', { name: 'Ouvrir le jeu de test' }).click();

  // What happened: validation well above the test, the shortcut named and its row marked.
  const shift = main(page).getByRole('region', { name: 'Ce qui s’est passé' });
  await shift.waitFor();
  await main(page).getByText('Testé sur « Sourire, sans le biais (test) » : 600 lignes notées.').waitFor();
  assert.match(await shift.textContent(), /Exactitude en validation 9\d(,\d)?\s%, en test [45]\d(,\d)?\s%/);
  await shift.getByText(/^« smile » était liée à l’étiquette/).waitFor();
  const table = shift.getByRole('table', { name: /^Ce sur quoi s’appuie le modèle réentraîné/ });
  const rows = await table.evaluate((tb) => [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['eye_openness', 'blink_rate', 'head_tilt', 'yawns', 'smile (le raccourci)']);
  const size = (r) => Math.abs(Number(r[1].replace(',', '.').replace('−', '-')));
  assert.ok(rows.slice(0, 4).every((r) => size(r) < size(rows[4])), JSON.stringify(rows));
  await assertAccessible(page, 'step 10, the fall explained');
});
