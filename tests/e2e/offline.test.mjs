// The offline builds (scripts/bundle.mjs): dist/atelier.html opened from file:// with every
// other request refused — a workbook read by the inlined workbook module, a built-in data set
// trained on, a cross-validation on a pool of blob: workers; the hosted page's first step usable
// after 6 requests at most; its service worker serving the site again with the network gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from '../helpers/browser.mjs';
import { dropImcAndAgedRow, explained } from '../helpers/app.mjs';

const ONE_FILE = new URL('../../dist/atelier.html', import.meta.url);
const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const size = (page, text) => page.locator('.data-size', { hasText: text }).waitFor();

/** A fresh browser where only file:, data: and blob: URLs load; `refused` lists the others. */
async function offlineBrowser(t) {
  const b = await launch();
  t.after(() => b.close());
  const refused = [];
  await b.context.route(/^(?!file:|data:|blob:)/, (route) => { refused.push(route.request().url()); return route.abort(); });
  const page = await b.newPage();
  t.after(() => {
    assert.deepEqual(page.consoleErrors, [], 'no console error');
    assert.deepEqual(refused, [], 'no request but file:');
  });
  return page;
}

test('dist/atelier.html from file://, no network: a workbook, then breast_cancer trained and cross-validated on 2 workers', async (t) => {
  const page = await offlineBrowser(t);
  await page.goto(`${ONE_FILE.href}?pool=2`);
  await page.locator('.data-size').getByText(/×/).waitFor();

  const xlsx = readFileSync(new URL('../fixtures/sante.xlsx', import.meta.url));
  await page.getByLabel(/Choisir un fichier/).setInputFiles({ name: 'sante.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  await size(page, /^10 lignes × 6 colonnes$/);

  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await size(page, '569 lignes');
  await go(page, /Entraîner/);
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Régression logistique' });
  await explained(page, () => page.getByRole('button', { name: 'Entraîner', exact: true }).click());
  await page.getByRole('main').getByRole('heading', { name: 'Résultats : Régression logistique' }).waitFor();
  const auc = await page.getByRole('table', { name: /^Mesures au seuil/ }).getByRole('row', { name: /AUC ROC/ }).locator('td').last().textContent();
  assert.ok(Number(auc.replace(',', '.')) > 0.9, `validation AUC ${auc}`);

  await go(page, /Valider/);
  await page.getByRole('button', { name: 'Lancer la validation croisée' }).click();
  const folds = page.getByRole('table', { name: 'Scores de chaque pli (validation croisée à 5 plis)' });
  await folds.waitFor();
  assert.equal(await folds.locator('tbody tr').count(), 6, '5 folds and their mean');
  assert.equal(page.workers().length, 1 + 2, 'the page\'s worker and 2 pool workers, all from blob: URLs');
});

test('the hosted page: the first step usable after at most 6 requests, none of them a plain module nor the whole core', async (t) => {
  const log = [];
  const b = await launch({ onRequest: (path, status) => log.push({ line: `${status} ${path}`, at: Date.now() }) });
  t.after(() => b.close());
  const page = await b.newPage();
  // The moment the first step shows its data, by the page's clock (the whole core is asked for
  // right after: its request must come later).
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (/×/.test(document.querySelector('.data-size')?.textContent ?? '')) { window.readyAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(b.url + '/');
  await page.locator('.data-size').getByText(/×/).waitFor();
  const readyAt = await page.evaluate(() => window.readyAt);
  const paths = log.filter((r) => r.at <= readyAt).map((r) => r.line);
  assert.ok(paths.length <= 6, paths.join(', '));
  assert.ok(paths.every((p) => p.startsWith('200 ')), paths.join(', '));
  assert.ok(!paths.some((p) => /\/(app|worker|client)\.js$|\/pkg\/atelier\.js$/.test(p)), `bundles only: ${paths.join(', ')}`);
  assert.ok(paths.some((p) => /\/pkg\/atelier_look_bg\.\w+\.wasm$/.test(p)), `the first-look module: ${paths.join(', ')}`);
  assert.ok(!paths.some((p) => /\/pkg\/atelier_bg\./.test(p)), `not the whole core yet: ${paths.join(', ')}`);
  await page.getByRole('navigation').getByRole('button', { name: /Préparer/ }).click();
  await page.getByRole('heading', { name: '6. Préparer' }).waitFor();
  assert.ok(log.some((r) => /\/pkg\/atelier_bg\.\w+\.wasm$/.test(r.line)), 'the whole core, for step 6');
  assert.deepEqual(page.consoleErrors, []);
});

test('what the first-look module read and cleaned carries over to the whole core, which arrives later', async (t) => {
  const b = await launch();
  t.after(() => b.close());
  // The whole core is held back until the recipe is set on the first-look module's table.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await b.context.route(/\/pkg\/atelier_bg\.(\w+\.)?wasm$/, async (route) => { await held; await route.continue(); });
  const page = await b.newPage();
  await page.goto(b.url + '/');
  await size(page, '10 lignes × 6 colonnes');
  await dropImcAndAgedRow(page);
  release();
  await go(page, /Préparer/);
  await page.getByRole('heading', { name: '6. Préparer' }).waitFor();
  await go(page, /Premier regard/);
  const head = page.getByRole('region', { name: /^Tableau des données : 9 lignes/ });
  const firstRow = head.locator('tbody tr').first();
  // A row drawn before its block arrives shows '…' in every cell (td.pending): wait for the data.
  await firstRow.locator('td:not(.pending)').first().waitFor();
  const cells = await firstRow.locator('td').allTextContents();
  assert.deepEqual(cells.map((c) => c.trim()), ['1', '25', '180', '68', 'NaN'], 'the recipe replayed on the re-read data: IMC gone');
  assert.equal(await head.locator('tbody tr').filter({ hasText: '120' }).count(), 0, 'the row ID 10 gone');
  assert.deepEqual(page.consoleErrors, []);
});

test('with its service worker (?sw=1), the hosted page opens again with the network gone', async (t) => {
  const b = await launch();
  t.after(() => b.close());
  const page = await b.newPage();
  await page.goto(b.url + '/?sw=1');
  await page.locator('.data-size').getByText(/×/).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller != null);
  await b.context.setOffline(true);
  await page.reload();
  await page.locator('.data-size').getByText(/×/).waitFor();
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await size(page, '569 lignes');
  assert.deepEqual(page.consoleErrors, []);
});
