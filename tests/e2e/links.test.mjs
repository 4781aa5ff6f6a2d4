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
  await page.getByRole('button', { name: 'Code d’intégration' }).click();
  const snippet = await page.getByLabel('Code HTML de l’iframe').inputValue();
  assert.equal(snippet, `<iframe src="${link.replace('/#spec=', '/?embed=1&step=validate&lang=fr#spec=')}" title="Atelier" width="100%" height="720" style="border:0" sandbox="allow-scripts allow-same-origin allow-downloads" loading="lazy"></iframe>`);
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

/** A CSV of `rows` random rows (seeded): 8 numeric columns and a 0/1 class. */
function csv(rows) {
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const lines = ['a,b,c,d,e,f,g,h,classe'];
  for (let i = 0; i < rows; i++) lines.push([...Array.from({ length: 8 }, () => next().toFixed(6)), next() < 0.4 ? 1 : 0].join(','));
  return Buffer.from(lines.join('\n') + '\n');
}

/** Loads `buffer` as the file `name` through the Data step's picker. */
async function pick(page, name, buffer) {
  await page.locator('#file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.locator('.data-name', { hasText: name }).waitFor();
}

/** Sets C on Train, takes the share link from the page. */
async function shareFromTrain(page, c) {
  await go(page, /Entraîner/);
  await setNumber(page, 'C (inverse de la régularisation)', c);
  await page.getByRole('button', { name: 'Partager' }).click();
  // The link is read from the open dialog (the page writes it asynchronously).
  const dialog = page.getByRole('dialog', { name: 'Lien vers cette page' });
  const link = await dialog.getByLabel('Lien (étape, données, recette et réglages)').inputValue();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return new URL(link).hash;
}

test('a small file travels in the link; a big one is named, and applies once the student loads it', async (t) => {
  const { page } = await openApp(t);
  const small = csv(40);
  await pick(page, 'petit.csv', small);
  const smallHash = await shareFromTrain(page, 0.25);
  const big = csv(6000);
  await go(page, /Données/);
  await pick(page, 'grand.csv', big);
  const bigHash = await shareFromTrain(page, 2);
  assert.ok(bigHash.length < 10_000, `the big file is named, not carried (${bigHash.length} characters)`);

  const one = (await fresh(t, `/${smallHash}`)).page;
  await one.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  await one.locator('.data-name', { hasText: 'petit.csv' }).waitFor();
  await size(one, '40 lignes × 9 colonnes');
  assert.equal(await one.getByLabel('C (inverse de la régularisation)', { exact: true }).inputValue(), '0.25');
  // The pages done with close first: the next one compiles the whole core, alone.
  await one.close();
  await page.close();

  const two = (await fresh(t, `/${bigHash}`)).page;
  await two.getByRole('heading', { name: '1. Données' }).waitFor();
  // If the note never comes, the failure says what the page showed instead.
  const note = two.getByRole('status').filter({ hasText: 'Chargez le fichier « grand.csv » (6000 lignes × 9 colonnes) pour continuer' });
  await note.waitFor({ timeout: 60_000 }).catch(async (err) => {
    const shown = await two.locator('body').innerText().catch(() => '(page closed)');
    throw new Error(`no note naming grand.csv; the page shows:\n${shown.slice(0, 2000)}`, { cause: err });
  });
  await pick(two, 'grand.csv', big);
  await two.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  assert.equal(await two.getByLabel('C (inverse de la régularisation)', { exact: true }).inputValue(), '2');
  await two.getByRole('status').filter({ hasText: 'Lien ouvert' }).waitFor();
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
