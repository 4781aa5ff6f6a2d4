// The headless API's experiments in Node: run(spec) → report, the same bytes as natively
// (tests/fixtures/report_*.json, written by the native test of the same spec), bad specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const { runSpec } = await import(new URL('dist/pkg/atelier.js', root));
const atelier = await load();
const fixture = (name) => readFileSync(new URL(`tests/fixtures/${name}`, root), 'utf8');
const specs = JSON.parse(fixture('report_specs.json'));

test('a run gives the same report bytes in wasm as natively', () => {
  for (const { name, spec } of specs) {
    const file = spec.data.builtin;
    const bytes = new Uint8Array(readFileSync(new URL(`dist/data/${file}.csv`, root)));
    assert.equal(runSpec(JSON.stringify(spec), bytes, 'en'), fixture(`report_${name}.json`).trimEnd(), name);
  }
});

test('run reads a built-in data set by its id and reports splits, model and validation', async () => {
  const r = await atelier.run({ data: { builtin: 'breast_cancer' }, split: { test: 0.3, validation: 0 } });
  assert.deepEqual(r.splits.train.class_counts, { benign: 250, malignant: 148 }); // shared/golden/split.json
  assert.equal(r.positive, 'malignant');
  assert.equal(r.model.coefficients.length, r.features.length);
  assert.equal(r.train.roc.thresholds[0], Infinity);
  assert.equal(r.validation, null);
});

test('run reads CSV text and one-hot encodes text features', async () => {
  let csv = 'couleur,taille,y\n';
  for (let i = 0; i < 40; i++) csv += `${['rouge', 'vert', 'bleu'][i % 3]},${i % 7},${i % 2}\n`;
  const r = await atelier.run({ data: { text: csv }, model: { kind: 'gaussian_nb' } });
  assert.deepEqual(r.features, ['couleur=bleu', 'couleur=rouge', 'couleur=vert', 'taille']);
  assert.equal(r.validation.scores.length, r.splits.validation.rows);
});

test('a bad spec rejects in the asked language, naming the field', async () => {
  await assert.rejects(atelier.run({ data: { builtin: 'iris' }, model: { kind: 'logistic_regression', C: -1 } }, { lang: 'fr' }),
    (e) => e.code === 'bad_param' && /model\.C/.test(e.message) && /il faut/.test(e.message) && /must be/.test(e.en));
  await assert.rejects(atelier.run({ data: { builtin: 'iris' }, target: 'nope' }), { code: 'unknown_column' });
  await assert.rejects(atelier.run({ data: { builtin: 'iris' }, modle: {} }), { code: 'bad_spec' });
  await assert.rejects(atelier.run({}), { code: 'bad_spec' });
});
