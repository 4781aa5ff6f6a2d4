// Cross-validation through the headless API in Node: run(spec) with spec.cv gives scikit-learn's
// per-fold figures (shared/golden/cv.json) in wasm too, and bad fold counts reject clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();
const golden = JSON.parse(readFileSync(new URL('tests/fixtures/cv.json', root), 'utf8'));

const spec = (stratified) => ({
  data: { builtin: 'breast_cancer' }, target: 'diagnosis', positive: 'malignant', split: { test: 0, validation: 0 },
  model: { kind: 'logistic_regression', C: 1 }, cv: { folds: 5, stratified },
});

test('run with spec.cv gives scikit-learn\'s fold figures, mean and std', async () => {
  for (const [name, stratified] of [['KFold', false], ['StratifiedKFold', true]]) {
    const { cv } = await atelier.run(spec(stratified));
    const want = golden[name];
    assert.equal(cv.folds.length, 5);
    cv.folds.forEach((fold, i) => {
      assert.ok(Math.abs(fold.accuracy - want.folds[i].accuracy) < 1e-9, `${name} fold ${i + 1}`);
      assert.ok(Math.abs(fold.roc_auc - want.folds[i].roc_auc) < 1e-6, `${name} fold ${i + 1}`);
      assert.equal(fold.test_indices.length, want.folds[i].n_test);
    });
    assert.ok(Math.abs(cv.mean.accuracy - want.accuracy_mean) < 1e-9);
    assert.ok(Math.abs(cv.std.accuracy - want.accuracy_std_ddof0) < 1e-9);
  }
});

test('a single fold rejects with a message naming cv.folds', async () => {
  await assert.rejects(atelier.run({ ...spec(true), cv: { folds: 1 } }, { lang: 'en' }),
    (err) => err.code === 'bad_param' && /cv\.folds/.test(err.message));
});

test('a search runs its trials, seeded, and names the best', async () => {
  const s = { ...spec(true), cv: { folds: 3 }, search: { method: 'random', space: { C: { log: [0.001, 1000] } }, trials: 4, seed: 5 } };
  const a = (await atelier.run(s)).search;
  const b = (await atelier.run(s)).search;
  assert.deepEqual(a, b);
  assert.equal(a.trials.length, 4);
  assert.equal(a.best.score, Math.max(...a.trials.map((t) => t.score)));
});

test('a search with a time budget stops after it and keeps its trials', async () => {
  const s = { ...spec(true), cv: { folds: 3 }, search: { space: { C: { log: [0.001, 1000] } }, trials: 10000, seconds: 0.3 } };
  const { search } = await atelier.run(s);
  assert.ok(search.trials.length >= 1 && search.trials.length < 10000, `${search.trials.length} trials`);
  assert.ok(search.best);
});
