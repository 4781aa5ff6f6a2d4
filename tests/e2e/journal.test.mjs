// The experiment journal (issue 10) driven as a student would, each test in a fresh browser:
// a training appears in the panel; the same spec again is served from the journal ("already
// run"), "run again anyway" runs it; another C makes a second run, and comparing the two
// highlights C and overlays their validation ROC curves; a cross-validation run twice is
// served the same way (the leak still compared); export → a new browser (empty storage) →
// import gives the runs back; a file that is not a journal gets an inline error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, setNumber, explained } from '../helpers/app.mjs';

const RESULTS = 'Résultats : Régression logistique';

async function toTrain(page) {
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Entraîner/ }).click();
}

const runs = (page) => page.getByRole('list', { name: 'Journal des expériences' }).getByRole('listitem');

async function train(page, count) {
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await page.getByRole('main').getByRole('heading', { name: RESULTS }).waitFor();
  // Earlier results carry the same heading, marked stale until the new ones replace them.
  await page.getByRole('main').getByText(/^Les réglages ont changé depuis cet entraînement/).waitFor({ state: 'detached' });
  await assert.doesNotReject(runs(page).nth(count - 1).waitFor());
  assert.equal(await runs(page).count(), count);
}

test('a training is journaled; the same spec again is served from the journal; two runs compare with C highlighted', async (t) => {
  const { page } = await openApp(t);
  await toTrain(page);
  await train(page, 1);
  assert.match(await runs(page).first().textContent(), /Entraînement · Régression logistique.*AUC ROC 0,9/s);

  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  const served = page.getByRole('status').filter({ hasText: 'Déjà exécutée le' });
  await served.waitFor();
  assert.equal(await runs(page).count(), 1);
  await page.getByRole('button', { name: 'Relancer quand même' }).click();
  await served.waitFor({ state: 'detached' });
  await page.getByRole('main').getByRole('heading', { name: RESULTS }).waitFor();
  assert.equal(await runs(page).count(), 1, 'the same key and kind: replaced, not duplicated');

  await setNumber(page, 'C (inverse de la régularisation)', 0.01);
  await train(page, 2);
  for (const box of await page.getByRole('checkbox', { name: /^Choisir Entraînement/ }).all()) await box.check();
  await page.getByRole('button', { name: 'Comparer (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Comparaison de 2 exécutions' });
  await dialog.waitFor();
  const differs = await dialog.locator('tr.differs th').allTextContents();
  assert.ok(differs.some((text) => text.startsWith('model.C')), differs.join(' | '));
  assert.ok(!differs.some((text) => text.startsWith('split.seed')), differs.join(' | '));
  await dialog.getByRole('img').first().waitFor();
  // The validation ROC curves overlaid, one per run, named by the C that differs.
  const roc = dialog.getByRole('figure', { name: 'Courbes ROC de validation' });
  await roc.getByRole('img').waitFor();
  await roc.getByRole('button', { name: 'Afficher les nombres' }).click();
  const rows = await roc.getByRole('table', { name: 'Courbes ROC de validation' }).locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.equal(rows.length, 2, rows.join(' | '));
  assert.match(rows[0], /^#1 Régression logistique, C = 1$/);
  assert.match(rows[1], /^#2 Régression logistique, C = 0,01$/);
});

test('a cross-validation run twice is served from the journal; run again recomputes it; the leak still compares', async (t) => {
  const { page } = await openApp(t);
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Valider/ }).click();
  const run = page.getByRole('button', { name: 'Lancer la validation croisée' });
  const results = page.getByRole('main').getByRole('heading', { name: 'Résultats : Régression logistique, 5 plis' });
  const served = page.getByRole('main').getByRole('status').filter({ hasText: 'Déjà exécutée le' });
  await run.click();
  await results.waitFor();
  await runs(page).first().waitFor();
  assert.match(await runs(page).first().textContent(), /Validation croisée · Régression logistique/);
  assert.equal(await served.count(), 0, 'a fresh run is not served');

  await explained(page, () => run.click());
  await served.waitFor();
  await results.waitFor();
  assert.equal(await runs(page).count(), 1);
  await page.getByRole('button', { name: 'Relancer quand même' }).click();
  await served.waitFor({ state: 'detached' });
  await results.waitFor();
  await assert.doesNotReject(page.waitForFunction(() => !document.getElementById('cv-run')?.disabled));
  assert.equal(await runs(page).count(), 1, 'the same key and kind: replaced, not duplicated');

  // The leak beside it, then served again from the journal, still compared.
  const leak = page.getByRole('button', { name: 'Montrer la fuite' });
  const compare = page.getByRole('table', { name: 'Moyenne ± écart-type, sans et avec fuite' });
  await leak.click();
  await compare.waitFor();
  await runs(page).nth(1).waitFor();
  await leak.click();
  await served.waitFor();
  await compare.waitFor();
  assert.equal(await runs(page).count(), 2);
});

test('export, then import into a fresh browser, gives the runs back; a non-journal file is an inline error', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-journal-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { page } = await openApp(t);
  await toTrain(page);
  await train(page, 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le journal' }).click()]);
  const file = join(dir, 'journal.json');
  await download.saveAs(file);

  const { page: fresh } = await openApp(t);
  await fresh.getByText('Aucune exécution pour l’instant', { exact: false }).waitFor();
  await fresh.getByLabel('Importer un journal').setInputFiles(file);
  await fresh.getByRole('status').filter({ hasText: 'Journal importé : 1 nouvelle(s) exécution(s)' }).waitFor();
  assert.equal(await runs(fresh).count(), 1);
  assert.match(await runs(fresh).first().textContent(), /Régression logistique/);

  const bad = join(dir, 'data.json');
  await writeFile(bad, JSON.stringify({ rows: [1, 2] }));
  await fresh.getByLabel('Importer un journal').setInputFiles(bad);
  const alert = fresh.locator('#journal').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /n'est pas un journal d'Atelier/);
  assert.equal(await runs(fresh).count(), 1, 'the journal is left as it was');
});
