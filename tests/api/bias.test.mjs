// Bias, shown, through the headless API in Node: the generator writes the committed files byte
// for byte; run(spec) on `sourire` with `test_data: { builtin: 'sourire_test' }` validates well
// and falls on the unbiased file, and `report.test.shift` says so, naming `smile`; a test file
// without a feature is refused with an error naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();

test('scripts/gen-bias.mjs writes the committed files byte for byte', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'gen-bias-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  execFileSync(process.execPath, [new URL('scripts/gen-bias.mjs', root).pathname, out]);
  for (const name of ['sourire.csv', 'sourire_test.csv']) {
    assert.ok(readFileSync(join(out, name)).equals(readFileSync(new URL(`www/data/${name}`, root))), name);
  }
});

test('datasets() names sourire_test as the test file of sourire', async () => {
  const list = await atelier.datasets();
  const biased = list.find((d) => d.id === 'sourire');
  assert.equal(biased.test_data, 'sourire_test');
  assert.deepEqual([biased.rows, biased.columns, biased.target], [1000, 6, 'drowsy']);
  assert.equal(list.find((d) => d.id === 'sourire_test').rows, 600);
});

const biased = { data: { builtin: 'sourire' }, model: { kind: 'logistic_regression' }, evaluate_test: true };

test('on the unbiased file the test falls and the shift names smile', async () => {
  const r = await atelier.run({ ...biased, test_data: { builtin: 'sourire_test' } });
  const { shift } = r.test;
  assert.deepEqual([r.test.data, r.test.rows, r.test.left_out], [{ kind: 'builtin', id: 'sourire_test' }, 600, 0]);
  const c = r.test.metrics;
  assert.equal(c.tp + c.fp + c.tn + c.fn, 600);
  assert.equal(r.test.roc.thresholds[0], Infinity);
  assert.equal(shift.validation_accuracy, r.validation.metrics.accuracy);
  assert.equal(shift.test_accuracy, c.accuracy);
  assert.ok(shift.validation_accuracy >= 0.9 && shift.validation_accuracy - shift.test_accuracy >= 0.15, JSON.stringify(shift));
  assert.equal(shift.dropped, true);
  assert.equal(shift.shortcut, 'smile');
  assert.equal(shift.weight, 'coefficient');
  assert.deepEqual(shift.features.map((f) => f.name), r.features);
  // The held-out rows share the bias: no fall there.
  const held = await atelier.run(biased);
  assert.deepEqual([held.test.data, held.test.shift.dropped, held.test.shift.shortcut], [{ kind: 'held_out' }, false, null]);
});

test('a test file without a feature is refused, naming it in both languages', async () => {
  const text = readFileSync(new URL('www/data/sourire_test.csv', root), 'utf8')
    .split('\n').map((line) => line.split(',').filter((_, j) => j !== 4).join(',')).join('\n');
  await assert.rejects(atelier.run({ ...biased, test_data: { text } }, { lang: 'fr' }), (err) => {
    assert.equal(err.code, 'unknown_column');
    assert.equal(err.en, "Test file: No column 'smile'.");
    assert.equal(err.message, 'Fichier de test : Pas de colonne « smile ».');
    return true;
  });
});
