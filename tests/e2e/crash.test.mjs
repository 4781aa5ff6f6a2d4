// A crash in the worker (issue 11): the page's worker dies with an uncaught wasm trap in the
// middle of an MLP's training, as it would on running out of memory. The page says what failed
// in the student's language, starts a fresh worker holding the same data and cleaning recipe,
// and keeps the step, the journal and the data; training again works. The browser killed
// during a storage write reopens on an intact state.
import { test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { launch } from '../helpers/browser.mjs';
import { setNumber, stored } from '../helpers/app.mjs';

const main = (page) => page.getByRole('main');
const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const journalRuns = (page) => page.getByRole('list', { name: 'Journal des expériences' }).getByRole('listitem');

async function train(page) {
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
}

test('a wasm trap in the worker mid-training: a clear message, a fresh worker, nothing lost', async (t) => {
  const b = await launch();
  t.after(() => b.close());
  const page = await b.newPage();
  await page.goto(b.url + '/');
  await page.locator('.data-size').getByText(/×/).waitFor();
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes × 31 colonnes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Nettoyer/ }).click();
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('mean radius', { exact: true }).check();
  await page.getByRole('button', { name: 'Retirer les colonnes cochées' }).click();
  await page.locator('.data-size', { hasText: '569 lignes × 30 colonnes' }).waitFor();
  await go(page, /Entraîner/);
  await train(page); // a first run, for the journal
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();
  await journalRuns(page).first().waitFor();

  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Réseau de neurones (MLP)' });
  const epochs = page.getByLabel(/^max_iter/);
  await epochs.fill('50000');
  await epochs.press('Tab');
  await train(page);
  await page.locator('.run-count', { hasText: /Époque/ }).waitFor();
  // The page's own worker (the first it started) traps, as a wasm module does out of memory.
  const worker = page.workers()[0];
  await worker.evaluate(() => { setTimeout(() => { throw new WebAssembly.RuntimeError('memory access out of bounds'); }); });

  const alert = main(page).getByRole('alert').filter({ hasText: 'L’entraînement (Réseau de neurones (MLP)) a échoué' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Le calcul a échoué dans le moteur de l’atelier \(.*memory access out of bounds\)/);
  assert.match(await alert.textContent(), /rien n’est perdu/);
  await page.getByRole('heading', { name: '7. Entraîner' }).waitFor();
  assert.match(await page.locator('.data-size').textContent(), /569 lignes × 30 colonnes/);
  assert.equal(await journalRuns(page).count(), 1, 'the journal kept its run');

  // The fresh worker holds the cleaned data: another logistic regression trains.
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption({ label: 'Régression logistique' });
  await setNumber(page, 'C (inverse de la régularisation)', 0.5);
  await train(page);
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();
  await journalRuns(page).nth(1).waitFor();
  assert.match(await journalRuns(page).first().textContent(), /C = 0,5/);
  const unexpected = page.consoleErrors.filter((e) => !/memory access out of bounds/.test(e));
  assert.deepEqual(unexpected, [], 'no other console error');
});

/** The Chromium processes using `profile` (read from /proc), killed at once (SIGKILL: no
 *  shutdown, no flush). */
function killBrowser(profile) {
  const flag = `--user-data-dir=${profile}`;
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(flag); } catch { return false; }
  });
  for (const pid of pids) try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone already */ }
  return pids.length;
}

test('the browser killed during a storage write: reopened, the page restores an intact state', async (t) => {
  const profile = await mkdtemp(join(tmpdir(), 'atelier-crash-'));
  let again = null;
  // One hook, in this order: hooks run in the order they were added, and a profile removed
  // while the second Chromium still writes to it fails with ENOTEMPTY.
  t.after(async () => {
    await again?.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  });
  const first = await launch({ profile });
  const { port } = first.server;
  const page = await first.newPage();
  await page.goto(first.url + '/');
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes × 31 colonnes' }).waitFor();
  await stored(page, 'file', 'breast_cancer.csv', 'name');
  await page.reload(); // stored: a reload restores it
  await page.locator('.data-size', { hasText: '569 lignes × 31 colonnes' }).waitFor();
  // A recipe step is written to storage as the browser dies.
  await page.getByRole('navigation').getByRole('button', { name: /Nettoyer/ }).click();
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('mean radius', { exact: true }).check();
  await page.getByRole('button', { name: 'Retirer les colonnes cochées' }).click();
  assert.ok(killBrowser(profile) > 0, 'Chromium was running');
  await first.close();

  again = await launch({ profile, port });
  const reopened = await again.newPage();
  await reopened.goto(again.url + '/');
  // The state before the write or after it, whole: never a broken page or sante instead.
  await reopened.locator('.data-size', { hasText: /^569 lignes × 3[01] colonnes$/ }).waitFor();
  assert.match(await reopened.locator('.data-name').textContent(), /Cancer du sein/);
  assert.deepEqual(reopened.consoleErrors, []);
});
