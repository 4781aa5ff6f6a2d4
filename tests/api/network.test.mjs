// The network of layers through the headless API: the summary before training (shapes and
// parameters, the error naming a layer), a small CNN on digits run epoch by epoch with its
// class-by-class confusion matrix, and a model file that scores new rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();

const CNN = {
  kind: 'network', input_shape: [8, 8, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', activation: 'relu' },
    { type: 'maxpool', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' },
  ],
  learning_rate_init: 0.01, batch_size: 32, max_iter: 3, seed: 0,
};

test('networkSummary gives each layer’s output shape and parameters, as Keras’ summary', async () => {
  const layers = await atelier.networkSummary(CNN, 64);
  assert.deepEqual(layers, [
    { kind: 'conv2d', output: [8, 8, 4], parameters: 40 },
    { kind: 'maxpool', output: [4, 4, 4], parameters: 0 },
    { kind: 'flatten', output: [64], parameters: 0 },
    { kind: 'dense', output: [10], parameters: 650 },
  ]);
});

test('networkSummary rejects a layer that cannot take its input, naming it in both languages', async () => {
  const model = { ...CNN, layers: CNN.layers.filter((l) => l.type !== 'flatten') };
  await assert.rejects(atelier.networkSummary(model, 64), (e) => e.code === 'layer_input'
    && e.en === 'Layer 3 (dense): it receives shape [4, 4, 4] but needs a vector [features]: add a flatten layer before it.'
    && e.fr.startsWith('Couche 3 (dense) :'));
});

test('a CNN on digits runs epoch by epoch and reports the class-by-class confusion', async () => {
  const epochs = [];
  const r = await atelier.run({ data: { builtin: 'digits' }, model: CNN }, { onEpoch: (e) => epochs.push(e.epoch) });
  assert.deepEqual(epochs, [1, 2, 3]);
  const { labels, matrix, accuracy } = r.validation.confusion;
  assert.equal(labels.length, 10);
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  assert.equal(total, r.validation.ids.length);
  assert.ok(accuracy > 0.8, `accuracy after 3 epochs ${accuracy}`);
  assert.equal(r.model.network.length, 4);
});

test('a fitted network goes into a model file that predicts new rows', async () => {
  const model = await atelier.fit({ data: { builtin: 'digits' }, target: 'digit', positive: '3', model: { ...CNN, max_iter: 2 } });
  assert.equal(model.model.kind, 'layered');
  const header = Array.from({ length: 64 }, (_, i) => `p${i}`).join(',');
  const row = Array.from({ length: 64 }, () => 0).join(',');
  const p = await atelier.predict(model, `${header}\n${row}\n`);
  assert.equal(p.probabilities.length, 1);
  assert.ok(p.probabilities[0] >= 0 && p.probabilities[0] <= 1);
});
