// Shareable links and embedding, driven as a teacher and a student would: breast_cancer with a
// column dropped, C = 0.5 and 3 folds, on Validate; the share link read from the page opens in a
// fresh browser profile on the same step, data, recipe and settings, and cross-validates to the
// same figures. A damaged link says so and leaves the normal page. `?embed=1&step=evaluate&lang=en`
// in a sandboxed iframe of a course page: no rail, the step in English, no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../helpers/browser.mjs';
import { openApp, setNumber } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');
const size = (page, text) => page.locator('.data-size', { hasText: text }).waitFor();

/** Opens `path` in a fresh browser (empty storage, its own server) with openApp's checks: no
 *  console error, no request off origin. */
async function fresh(t, path) {
  const b = await launch();
  t.after(() => b.close());
  const page = await b.newPage();
  t.after(() => {
    assert.deepEqual(page.consoleErrors, [], 'no console error');
    assert.deepEqual(page.offOrigin, [], 'no request off origin');
  });
  await page.goto(b.url + path);
  return { b, page };
}

/** Cross-validates on Validate and reads the fold table at once. */
async function crossValidate(page) {
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  await main(page).getByRole('heading', { name: 'Résultats : Régression logistique, 3 plis' }).waitFor();
  return page.getByRole('table', { name: 'Scores de chaque pli (validation croisée à 3 plis)' })
    .evaluate((tb) => [...tb.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent)));
}

test('a share link opens in a fresh profile on the same step, data, recipe and settings, with the same figures', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await size(page, '569 lignes × 31 colonnes');
  await go(page, /Nettoyer/);
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('mean area').check();
  await page.getByRole('button', { name: 'Retirer les colonnes cochées' }).click();
  await size(page, '569 lignes × 30 colonnes');
  await go(page, /Entraîner/);
  await setNumber(page, 'C (inverse de la régularisation)', 0.5);
  await go(page, /Valider/);
  await setNumber(page, 'Nombre de plis (k)', 3);
  const figures = await crossValidate(page);

  await page.getByRole('button', { name: 'Partager' }).click();
  const field = page.getByLabel('Lien (étape, données, recette et réglages)');
  const link = await field.inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#spec=[A-Za-z0-9_-]+$/);
  assert.equal(await field.evaluate((f) => f === document.activeElement), true, 'the field has the focus, to copy by hand');
  await page.getByRole('button', { name: 'Fermer' }).click();

  // Another browser, empty storage: the link alone restores everything (its server has
  // another port: the link's hash on that server).
  const other = await fresh(t, `/${new URL(link).hash}`);
  const p = other.page;
  await p.getByRole('heading', { name: '9. Valider' }).waitFor();
  await size(p, '569 lignes × 30 colonnes');
  await p.getByRole('status').filter({ hasText: 'Lien ouvert : étape, données, recette et réglages rétablis.' }).waitFor();
  assert.equal(await p.locator('.data-name').textContent(), 'Cancer du sein (Wisconsin)');
  assert.equal(await p.getByLabel('Nombre de plis (k)').inputValue(), '3');
  assert.equal(new URL(p.url()).hash, '', 'the link leaves the address: a reload keeps later changes');
  assert.deepEqual(await crossValidate(p), figures, 'the same cross-validation, the same figures');
  await p.getByRole('complementary', { name: 'Recette de nettoyage' }).getByRole('button', { name: 'Recette (1)' }).waitFor();
  await go(p, /Entraîner/);
  assert.equal(await p.getByLabel('C (inverse de la régularisation)', { exact: true }).inputValue(), '0.5');
});

test('a damaged link says so and leaves the normal page', async (t) => {
  for (const hash of ['#spec=not-a-link', '#spec=%%%']) {
    const { page } = await fresh(t, `/${hash}`);
    await page.getByRole('alert').filter({ hasText: /^Ce lien ne s’ouvre pas : Ce lien est abîmé/ }).waitFor();
    await size(page, '10 lignes');
    await page.getByRole('heading', { name: '1. Données' }).waitFor();
    await page.getByRole('button', { name: 'Fermer le message' }).click();
    await page.getByRole('alert').filter({ hasText: /Ce lien/ }).waitFor({ state: 'detached' });
  }
});

test('?embed=1&step=evaluate&lang=en in a sandboxed iframe: no rail, the step in English', async (t) => {
  const b = await launch({ mounts: { '/course/': 'tests/fixtures/embed' } });
  t.after(() => b.close());
  const page = await b.newPage();
  await page.goto(`${b.url}/course/course.html`);
  const frame = page.frameLocator('iframe[title="Atelier"]');
  await frame.getByRole('heading', { name: '8. Evaluate' }).waitFor();
  await frame.locator('.data-size', { hasText: '10 rows' }).waitFor();
  assert.equal(await frame.locator('#rail').isVisible(), false, 'no rail');
  assert.equal(await frame.getByRole('button', { name: 'Share' }).isVisible(), false, 'no share buttons in a frame');
  assert.equal(await frame.getByRole('navigation').count(), 0, 'no navigation landmark shown');
  const lang = await frame.locator('html').getAttribute('lang');
  assert.equal(lang, 'en');
  assert.deepEqual(page.consoleErrors, [], 'no console error');
  assert.deepEqual(page.offOrigin, [], 'no request off origin');
});
