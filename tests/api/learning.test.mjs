// The headless API's gradient-descent runs in Node: run(spec, { onEpoch }) calls back after each
// epoch with its record and time, and the report is the same with or without the callback.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();

const MOONS = {
  data: { builtin: 'moons' },
  model: { kind: 'mlp', hidden_layer_sizes: [16], learning_rate_init: 0.01, max_iter: 12, seed: 3 },
};

test('run calls onEpoch after every epoch with its record and time', async () => {
  const seen = [];
  const r = await atelier.run(MOONS, { onEpoch: (record, { ms }) => seen.push({ record, ms }) });
  assert.equal(seen.length, 12);
  assert.deepEqual(seen.map((s) => s.record.epoch), Array.from({ length: 12 }, (_, i) => i + 1));
  assert.ok(seen.every((s) => Number.isFinite(s.ms) && s.ms >= 0));
  assert.deepEqual(seen.map((s) => s.record), r.epochs);
  assert.ok(r.epochs.at(-1).train_loss < r.epochs[0].train_loss);
  assert.equal(r.stopped_at, null);
});

test('the report is the same with or without onEpoch: timings stay beside it', async () => {
  const plain = await atelier.run(MOONS);
  const watched = await atelier.run(MOONS, { onEpoch: () => {} });
  assert.equal(JSON.stringify(watched), JSON.stringify(plain));
  assert.ok(!JSON.stringify(plain).includes('"ms"'));
});

test('onEpoch is not called for a model without epochs', async () => {
  let calls = 0;
  const r = await atelier.run({ data: { builtin: 'moons' }, model: { kind: 'knn' } }, { onEpoch: () => { calls += 1; } });
  assert.equal(calls, 0);
  assert.equal(r.epochs, undefined);
});

test('a diverging descent rejects with a bilingual error naming the learning rate', async () => {
  const spec = { data: { builtin: 'breast_cancer' }, scale: 'none', model: { kind: 'logistic_regression_gd', learning_rate: 1e6, max_iter: 200 } };
  await assert.rejects(atelier.run(spec, { lang: 'fr' }), (err) => err.code === 'diverged' && /taux d'apprentissage/.test(err.message));
});
