// The app shell, step 1 (Data) and step 2 (First look), driven as a student would: controls are
// found by role and accessible name. Every test also checks: no console error, no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, stored } from '../helpers/app.mjs';

const CSV = 'nom,taille,poids,espece\nA,1.5,10,chat\nB,2.5,20,chien\nC,3.5,30,chat\n';
const RAGGED = 'a,b\n1,2\n3,4,5\n';

/** A fresh browser (empty storage), the page opened and its first data shown. */
async function open(t) {
  const { b, page } = await openApp(t);
  return { b, page };
}

async function upload(page, name, text, label = /Choisir un fichier|Choose a file/) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

const topName = (page) => page.locator('.data-name').textContent();
const topSize = (page) => page.locator('.data-size').textContent();

test('first visit opens on sante, in French, at step 1', async (t) => {
  const { page } = await open(t);
  assert.match(await topName(page), /Santé/);
  assert.match(await topSize(page), /^10 lignes × 6 colonnes$/);
  const rail = page.getByRole('navigation', { name: /Étapes/ });
  assert.equal(await rail.getByRole('button').count(), 11);
  assert.equal(await rail.getByRole('button', { name: /Données/ }).getAttribute('aria-current'), 'step');
  await page.getByRole('heading', { name: '1. Données' }).waitFor();
  await page.getByRole('heading', { name: 'Rapport de lecture' }).waitFor();
  assert.equal(await page.getByLabel('Séparateur').inputValue(), ',');
});

test('language switch FR → EN → FR, remembered', async (t) => {
  const { page } = await open(t);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { name: '1. Data' }).waitFor();
  assert.match(await topSize(page), /^10 rows × 6 columns$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: '1. Data' }).waitFor();
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await page.getByRole('heading', { name: '1. Données' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'FR', exact: true }).getAttribute('aria-pressed'), 'true');
});

test('an uploaded CSV shows its columns and rows; first look shows them as tables', async (t) => {
  const { page } = await open(t);
  await upload(page, 'animaux.csv', CSV);
  await page.locator('.data-name', { hasText: 'animaux.csv' }).waitFor();
  assert.match(await topSize(page), /^3 lignes × 4 colonnes$/);
  const names = page.getByRole('list', { name: 'Noms des colonnes' });
  assert.deepEqual(await names.getByRole('listitem').allTextContents(), ['nom', 'taille', 'poids', 'espece']);

  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  const head = page.getByRole('region', { name: /Tableau des données/ });
  await head.getByRole('cell', { name: 'chien' }).waitFor();
  assert.equal(await head.getByRole('columnheader', { name: 'espece' }).count(), 1);
  await page.getByRole('cell', { name: '1,5' }).first().waitFor(); // French decimal comma
  assert.equal(await page.getByLabel('Colonne de classe').inputValue(), 'espece');
  await page.getByRole('img', { name: /espece/ }).waitFor();
  await page.getByRole('button', { name: 'Afficher les nombres' }).click();
  assert.equal(await page.getByRole('button', { name: 'Masquer les nombres' }).getAttribute('aria-expanded'), 'true');
  await page.getByRole('table', { name: /espece/ }).getByRole('cell', { name: '66,7 %' }).waitFor();
});

test('a broken file shows its error where it was dropped, and the previous data stays', async (t) => {
  const { page } = await open(t);
  await upload(page, 'casse.csv', RAGGED);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Ligne 3/);
  assert.match(await alert.textContent(), /restent chargées/);
  assert.match(await topName(page), /Santé/);
  assert.match(await topSize(page), /^10 lignes × 6 colonnes$/);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  assert.match(await page.getByRole('alert').textContent(), /Line 3/);
  // The data is still usable.
  await page.getByRole('navigation').getByRole('button', { name: /First look/ }).click();
  await page.getByRole('region', { name: /Data table/ }).getByRole('cell', { name: '242300' }).waitFor();
});

test('a reload restores the data and the step', async (t) => {
  const { page } = await open(t);
  await upload(page, 'animaux.csv', CSV);
  await page.locator('.data-name', { hasText: 'animaux.csv' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  await page.getByRole('cell', { name: 'chien' }).first().waitFor();
  await stored(page, 'file', 'animaux.csv', 'name');
  await stored(page, 'step', 'first-look');
  await page.reload();
  await page.locator('.data-name', { hasText: 'animaux.csv' }).waitFor();
  await page.getByRole('heading', { name: '2. Premier regard' }).waitFor();
  assert.equal(await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).getAttribute('aria-current'), 'step');
  await page.getByRole('cell', { name: 'chien' }).first().waitFor();
});

test('text from the data goes in as text, never as HTML', async (t) => {
  const { page } = await open(t);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const evil = '<img src=x onerror=alert(1)>';
  await upload(page, '<b>x</b>.csv', `"${evil}",y\n1,<script>alert(2)</script>\n2,b\n`);
  await page.getByRole('listitem').filter({ hasText: evil }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  await page.getByRole('columnheader', { name: evil }).first().waitFor();
  await page.getByRole('cell', { name: '<script>alert(2)</script>' }).first().waitFor();
  assert.equal(await page.locator('main img, main script, main b').count(), 0);
  assert.equal(dialogs, 0);
});

test('100 000 rows: only the visible rows are in the DOM, and scrolling fetches the rest', async (t) => {
  const { page } = await open(t);
  const lines = ['id,x,classe'];
  for (let i = 0; i < 100000; i++) lines.push(`${i + 1},${(i * 0.37) % 11},${i % 7 === 0 ? 'b' : 'a'}`);
  await upload(page, 'grand.csv', lines.join('\n') + '\n');
  await page.locator('.data-size', { hasText: '100 000 lignes' }).waitFor({ timeout: 30000 });
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  const head = page.getByRole('region', { name: /Tableau des données/ });
  await head.getByRole('cell', { name: '0,37' }).waitFor();
  assert.ok(await head.locator('tbody tr').count() < 200, 'virtualised');
  await head.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await head.getByRole('rowheader', { name: '99999', exact: true }).waitFor();
  await head.getByRole('cell', { name: '100000', exact: true }).waitFor();
});

test('a row table drawn again while its rows are on their way shows them when they arrive', async (t) => {
  // The first look is drawn again whenever the app re-renders (a big file's save ending, say);
  // the table that asked for a block may be gone by the time the block arrives.
  const { page } = await open(t);
  await page.evaluate(async () => {
    const { virtualTable } = await import('./ui/virtual-table.js');
    let answer;
    const options = {
      label: 'redrawn', columns: ['x'], rowCount: 3, blocks: new Map(), format: (v) => ({ text: String(v) }),
      fetchRows: () => new Promise((resolve) => { answer = resolve; }),
    };
    const box = document.createElement('div');
    document.body.append(box);
    box.replaceChildren(virtualTable(options)); // asks for the rows
    box.replaceChildren(virtualTable(options)); // drawn again before they arrive
    // The rows arrive once the new table has drawn its first frames without them.
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    answer({ rows: [[10], [20], [30]], labels: [0, 1, 2] });
  });
  await page.getByRole('region', { name: 'redrawn' }).getByRole('cell', { name: '30' }).waitFor();
});
