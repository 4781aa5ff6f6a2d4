// The final test through the headless API in Node: run(spec) with evaluate_test scores the test
// rows ({ metrics, roc, pr }) and records the use; with the earlier uses handed back in
// spec.test_uses and another spec, report.test_uses lists both and a warning names the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();

const spec = (C) => ({ data: { builtin: 'breast_cancer' }, model: { kind: 'logistic_regression', C }, evaluate_test: true });

test('evaluate_test gives report.test { metrics, roc, pr } and one use', async () => {
  const r = await atelier.run(spec(1));
  const c = r.test.metrics;
  assert.equal(c.tp + c.fp + c.tn + c.fn, r.splits.test.rows);
  assert.equal(r.test.roc.thresholds[0], Infinity);
  assert.ok(r.test.roc.auc > 0.95 && r.test.pr.average_precision > 0.9);
  assert.deepEqual(r.test_uses, [{
    spec_hash: r.spec_hash, at: null, model: 'logistic_regression',
    metrics: { accuracy: c.accuracy, precision: c.precision, recall: c.recall, f1: c.f1, roc_auc: r.test.roc.auc, average_precision: r.test.pr.average_precision },
  }]);
});

test('a second use with another spec lists both uses and warns, naming the first', async () => {
  const first = await atelier.run(spec(1));
  const earlier = first.test_uses.map((u) => ({ ...u, at: '2025-03-04 10:12' }));
  const second = await atelier.run({ ...spec(0.01), test_uses: earlier }, { lang: 'en' });
  assert.deepEqual(second.test_uses.map((u) => u.spec_hash), [first.spec_hash, second.spec_hash]);
  const warning = second.warnings.find((w) => w.code === 'test_reused');
  assert.ok(warning, 'a test_reused warning');
  for (const text of [warning.en, warning.fr]) {
    assert.ok(text.includes(first.spec_hash) && text.includes('2025-03-04 10:12'), text);
  }
  assert.ok(warning.en.includes(`AUC ${first.test.roc.auc.toFixed(3)}`), warning.en);
  // The same spec again: the same use, no warning; the history leaves the hash alone.
  const same = await atelier.run({ ...spec(1), test_uses: earlier });
  assert.equal(same.spec_hash, first.spec_hash);
  assert.equal(same.test_uses.length, 1);
  assert.ok(!same.warnings.some((w) => w.code === 'test_reused'));
});
