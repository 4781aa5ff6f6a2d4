// The bad-input corpus through the page (tests/bad/, expected.json): a sample of files uploaded
// through the Data step's file input each shows its error in French, with where, and the data
// loaded before (Santé) stays loaded; a 300 MB file is refused from its size before it is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../helpers/app.mjs';

const bad = (name) => fileURLToPath(new URL(`../bad/${name}`, import.meta.url));

// [file, what the French message must say]: one per kind of failure (binary, encoding, quote,
// structure, JSON, workbook, limits).
const SAMPLE = [
  ['png_renamed.csv', /n'est pas du texte \(octet 8\)/],
  ['truncated_utf8.csv', /s'arrête au milieu d'un caractère UTF-8 \(octet 38\)/],
  ['unclosed_quote_at_end.csv', /^Ligne 3 : un guillemet s'ouvre et n'est jamais fermé/],
  ['ragged_more.csv', /^Ligne 3 : 3 champs au lieu de 2/],
  ['header_only.csv', /qu'une ligne d'en-tête et aucune ligne de données/],
  ['json_nested_value.json', /^Ligne 2, colonne « b » : la valeur est un objet ou une liste/],
  ['json_1e999.json', /^JSON invalide ligne 1, colonne 22/],
  ['xlsx_far_cell.xlsx', /16384 colonnes ; la limite est de 2000/],
  ['zip_without_workbook.xlsx', /^Classeur illisible/],
];

async function upload(page, file) {
  await page.getByLabel('Choisir un fichier').setInputFiles(file);
}

/** The error shown where the file was dropped, once it is there. */
async function shownError(page, message) {
  const alert = page.getByRole('alert').filter({ hasText: message });
  await alert.waitFor();
  return alert.textContent();
}

test('bad files show their error in French and the previous data stays loaded', async (t) => {
  const { page } = await openApp(t);
  const before = await page.locator('.data-size').textContent();
  for (const [file, message] of SAMPLE) {
    await upload(page, bad(file));
    const text = await shownError(page, message);
    assert.match(text, /Les données précédentes restent chargées/, file);
    assert.match(await page.locator('.data-name').textContent(), /Santé/, file);
    assert.equal(await page.locator('.data-size').textContent(), before, file);
  }
  // The data is still there to explore.
  await page.getByRole('navigation').getByRole('button', { name: /Premier regard/ }).click();
  await page.getByRole('cell', { name: '242300' }).waitFor();
});

test('a JSON nested 100,000 deep and a header of 100,000 columns are refused with where', async (t) => {
  const { page } = await openApp(t);
  const dir = await mkdtemp(join(tmpdir(), 'atelier-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const deep = join(dir, 'profond.json');
  await writeFile(deep, '['.repeat(100_000) + ']'.repeat(100_000));
  await upload(page, deep);
  await shownError(page, /JSON invalide ligne 1, colonne 128 : recursion limit exceeded/);
  const wide = join(dir, 'large.csv');
  const names = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
  await writeFile(wide, `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
  await upload(page, wide);
  await shownError(page, /Ligne 1 : 100000 colonnes ; la limite est de 2000/);
  assert.match(await page.locator('.data-name').textContent(), /Santé/);
});

test('a 300 MB file is refused from its size, before the page reads it, and the data stays', async (t) => {
  const { page } = await openApp(t);
  const dir = await mkdtemp(join(tmpdir(), 'atelier-big-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const big = join(dir, 'enorme.csv');
  await writeFile(big, 'a,b\n');
  await truncate(big, 300 * 1024 * 1024); // sparse: 300 MB, written at once
  const before = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  await upload(page, big);
  const text = await shownError(page, /Le fichier fait 300,0 Mo ; la limite est de 256,0 Mo/);
  assert.match(text, /Les données précédentes restent chargées/);
  assert.match(await page.locator('.data-name').textContent(), /Santé/);
  const after = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  assert.ok(after - before < 100 * 1024 * 1024, `the bytes were never read into the page: +${after - before} bytes`);
});
