// Step 1 in more detail: paste, overriding a guess, help, keyboard, cancelling a long read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../helpers/app.mjs';

async function open(t) {
  const { page } = await openApp(t);
  return page;
}

test('pasted French CSV is guessed; changing the delimiter re-reads it', async (t) => {
  const page = await open(t);
  await page.getByLabel('Coller des données').fill('a;b;c\n1,5;2;x\n3,5;4;y\n');
  await page.getByRole('button', { name: 'Lire le texte collé' }).click();
  await page.locator('.data-size', { hasText: '2 lignes × 3 colonnes' }).waitFor();
  assert.equal(await page.getByLabel('Séparateur').inputValue(), ';');
  assert.equal(await page.getByLabel('Marque décimale').inputValue(), ',');
  // With ',' the rows have more fields than the header: the error shows in the report, data kept.
  await page.getByLabel('Séparateur').selectOption(',');
  const report = page.locator('section', { has: page.getByRole('heading', { name: 'Rapport de lecture' }) });
  await report.getByRole('alert').waitFor();
  assert.match(await page.locator('.data-size').textContent(), /2 lignes × 3 colonnes/);
  await page.getByLabel('Séparateur').selectOption('|');
  await page.locator('.data-size', { hasText: '2 lignes × 1 colonne' }).waitFor();
  assert.equal(await page.getByLabel('Séparateur').inputValue(), '|');
  await page.getByRole('button', { name: 'Tout deviner à nouveau' }).click();
  await page.locator('.data-size', { hasText: '2 lignes × 3 colonnes' }).waitFor();
});

test('a built-in data set loads from its card', async (t) => {
  const page = await open(t);
  await page.getByRole('button', { name: /^Charger Iris/ }).click();
  await page.locator('.data-size', { hasText: '150 lignes × 5 colonnes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  assert.equal(await page.getByLabel('Colonne de classe').inputValue(), 'species');
});

test('help explains the current step; the rail works from the keyboard', async (t) => {
  const page = await open(t);
  await page.getByRole('button', { name: 'Aide' }).click();
  const dialog = page.getByRole('dialog', { name: 'Aide : Données' });
  await dialog.getByRole('heading', { name: 'Le piège' }).waitFor();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('navigation').getByRole('button', { name: /Données/ }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '3. Visualiser' }).waitFor();
  await page.getByRole('heading', { name: 'Histogramme', exact: true }).waitFor();
});

test('a long read shows progress and can be cancelled; the previous data stays', async (t) => {
  const page = await open(t);
  const row = '1.25,2.5,3.75,4,abc,6.125,7,8.5\n';
  // 48 MB from a file on disk: Chromium reads it itself (as a buffer, the protocol carries it
  // in base64, which takes 20 s of the test on a loaded machine).
  const dir = await mkdtemp(join(tmpdir(), 'atelier-e2e-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'enorme.csv');
  await writeFile(file, 'a,b,c,d,e,f,g,h\n' + row.repeat(1_500_000));
  await page.getByLabel('Choisir un fichier').setInputFiles(file);
  const bar = page.getByRole('progressbar', { name: 'Progression de la lecture' });
  await bar.waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Annuler la lecture' }).click();
  await page.getByRole('status').filter({ hasText: 'Lecture annulée' }).waitFor();
  assert.match(await page.locator('.data-name').textContent(), /Santé/);
  // The new worker holds the previous data again.
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  await page.getByRole('cell', { name: '242300' }).waitFor();
});

test('an xlsx workbook loads through the workbook module, and its sheet can be chosen', async (t) => {
  const { page } = await openApp(t);
  const xlsx = readFileSync(new URL('../fixtures/sante.xlsx', import.meta.url));
  await page.getByLabel(/Choisir un fichier/).setInputFiles({ name: 'sante.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  await page.locator('.data-name', { hasText: 'sante.xlsx' }).waitFor();
  assert.match(await page.locator('.data-size').textContent(), /^10 lignes × 6 colonnes$/);
  assert.equal(await page.getByLabel('Format').inputValue(), 'xlsx');
  await page.getByLabel('Feuille').selectOption('autre');
  await page.locator('.data-size', { hasText: /^2 lignes × 2 colonnes$/ }).waitFor();
});
