// The headless API's evaluation functions in Node, against scikit-learn (threshold.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();
const golden = JSON.parse(readFileSync(new URL('tests/fixtures/threshold.json', root), 'utf8'));
const y = [0, 0, 0, 1, 1, 1, 1, 1, 0];
const proba = [0.4, 0.35, 0.3, 0.9, 0.85, 0.7, 0.6, 0.55, 0.75];
const num = (v) => (v === 'inf' ? Infinity : v);

test('the course example at 0.9: TP 1, FP 0, TN 4, FN 4', async () => {
  const m = await atelier.confusion(y, proba, 0.9);
  assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [1, 0, 4, 4]);
  for (const g of golden.thresholds) {
    const at = await atelier.confusion(y, proba, g.threshold);
    for (const k of ['tp', 'fp', 'tn', 'fn', 'accuracy', 'precision', 'recall', 'f1', 'specificity', 'fpr']) {
      assert.ok(Math.abs(at[k] - g[k]) < 1e-12, `${k} at ${g.threshold}`);
    }
  }
});

test('roc matches scikit-learn, with and without intermediate points', async () => {
  const full = await atelier.roc(y, proba, { dropIntermediate: false });
  assert.deepEqual(full.thresholds, golden.roc_curve_drop_intermediate_false.thresholds.map(num));
  assert.deepEqual(full.tpr, golden.roc_curve_drop_intermediate_false.tpr);
  const dropped = await atelier.roc(y, proba);
  assert.deepEqual(dropped.fpr, golden.roc_curve_default_drop_intermediate_true.fpr);
  assert.equal(dropped.thresholds[0], Infinity);
  assert.ok(Math.abs(dropped.auc - golden.roc_auc_score) < 1e-12);
});

test('pr matches scikit-learn', async () => {
  const pr = await atelier.pr(y, proba);
  const g = golden.precision_recall_curve;
  assert.deepEqual(pr.thresholds, g.thresholds);
  pr.precision.forEach((p, i) => assert.ok(Math.abs(p - g.precision[i]) < 1e-12));
  assert.ok(Math.abs(pr.average_precision - golden.average_precision_score) < 1e-12);
});

test('zero division gives 0 and names the undefined ratio', async () => {
  const m = await atelier.confusion(y, proba, 2);
  assert.equal(m.precision, 0);
  assert.deepEqual(m.undefined, ['precision']);
});

test('bad inputs get clear errors', async () => {
  await assert.rejects(atelier.roc([1, 1], [0.2, 0.3]), { code: 'one_class' });
  await assert.rejects(atelier.roc([0, 1], [0.2, NaN]), { code: 'not_a_number', message: 'Row 2: the score is not a number.' });
  await assert.rejects(atelier.pr([0, 1, 1], [0.2, 0.3]), { code: 'length_mismatch' });
  await assert.rejects(atelier.confusion([0, 2], [0.2, 0.3], 0.5, { lang: 'fr' }), { code: 'not_binary' });
  // Scores outside [0, 1] are scores too.
  assert.equal((await atelier.roc([0, 1], [-3, 12])).auc, 1);
});
