// The MLP bench page: one contestant per page (bench/mlp.mjs opens a fresh one for each).
// window.mlp.setup(...) loads the contestant and the data (not timed), window.mlp.run() trains
// a fresh network for `mlp.epochs` epochs and returns each epoch's seconds, window.mlp.draw()
// times the learning-curve chart drawn after each epoch of a run on moons.
//
// Atelier gets the CSV's text (its API reads it), TF.js the same values from the float64 file.

import { load } from '/api.js';
import * as core from '/pkg/atelier.js'; // the module api.js instantiated, as the app imports it
import { atelierEpochs, tfEpoch, tfjsWasm, timedEpochs } from './epochs-page.js';

const FEATURES = 20, WIDTH = FEATURES + 1;
let contestant = null, mlp = null, look = null, api = null, csv = null, tensors = null;

// ---- the contestants -------------------------------------------------------------------------

/** The spec of Atelier's run on the bench's data; `text` is left out of what is reported. */
const atelierSpec = (text) => ({
  data: { text }, target: 'y', positive: '1', split: { test: 0, validation: 0 }, scale: 'standard',
  model: {
    kind: 'mlp', hidden_layer_sizes: mlp.hidden_layer_sizes, activation: 'relu', solver: 'adam',
    batch_size: mlp.batch_size, max_iter: mlp.epochs, alpha: mlp.alpha,
    learning_rate_init: mlp.learning_rate_init, seed: 0,
  },
});

/** Atelier: the headless API's run, each epoch's time as `onEpoch` reports it (epochs-page.js). */
async function atelier() {
  const { epochs, cpuEpochs, records, report, whole } = await atelierEpochs(api, atelierSpec(csv), mlp.epochs);
  return {
    epochs, cpuEpochs,
    result: { whole, loss: records.at(-1).train_loss, accuracy: report.train?.metrics?.accuracy, spec: atelierSpec('<the CSV>') },
  };
}

/** TF.js: the network (Glorot-uniform kernels, the default, as scikit-learn's initialisation),
 *  L2 α / (2 · batch) on the kernels (scikit-learn's penalty, per batch), Adam. */
function network() {
  const l2 = () => tf.regularizers.l2({ l2: mlp.alpha / (2 * mlp.batch_size) });
  const model = tf.sequential();
  mlp.hidden_layer_sizes.forEach((units, i) => model.add(tf.layers.dense({
    units, activation: 'relu', kernelRegularizer: l2(), ...(i === 0 ? { inputShape: [FEATURES] } : {}),
  })));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelRegularizer: l2() }));
  model.compile({ optimizer: tf.train.adam(mlp.learning_rate_init), loss: 'binaryCrossentropy' });
  return model;
}

/** One epoch of `model.fit` (epochs-page.js). */
const mlpEpoch = (model) => tfEpoch(model, tensors.x, tensors.y, mlp.batch_size);

async function tfjs() {
  const model = network();
  const { epochs, cpuEpochs, last: history } = await timedEpochs(mlp.epochs, () => mlpEpoch(model));
  const proba = tf.tidy(() => model.predict(tensors.x, { batchSize: 10_000 }).greaterEqual(0.5).equal(tensors.y.greaterEqual(0.5)).toFloat().mean());
  const accuracy = (await proba.data())[0];
  tf.dispose(proba);
  model.dispose();
  return { epochs, cpuEpochs, result: { loss: history.history.loss[0], accuracy } };
}

// ---- the live drawing --------------------------------------------------------------------------

/** The moons run whose epochs are drawn: validation held out, so both curves show; without
 *  early stopping it runs all `look.epochs` epochs. */
const moonsSpec = () => ({
  data: { builtin: 'moons' }, target: 'label', split: { test: 0.2, validation: 0.2 }, scale: 'standard',
  model: { kind: 'mlp', hidden_layer_sizes: mlp.hidden_layer_sizes, max_iter: look.epochs, seed: 0 },
});

/** An epoch record (snake_case, as the API gives it) as the chart reads it (camelCase). */
const point = (r) => ({ epoch: r.epoch, trainLoss: r.train_loss, trainAccuracy: r.train_accuracy, valLoss: r.val_loss, valAccuracy: r.val_accuracy });

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function draw() {
  const records = [], epochMs = [];
  const report = await api.run(moonsSpec(), { onEpoch(record, { ms }) { records.push(record); epochMs.push(ms); } });
  const spec = JSON.stringify(moonsSpec().model);
  const rows = report.splits?.train?.rows;
  if (typeof core.drawEpochs !== 'function') return { pending: 'dist/pkg/atelier.js has no `drawEpochs` export yet', epochMs, rows, spec };
  const canvas = document.createElement('canvas');
  canvas.style.width = `${look.width}px`;
  canvas.style.height = `${look.height}px`;
  document.body.append(canvas);
  /** One redraw with the first k epochs, timed: the canvas' size set (as ui/chart.js does,
   *  which clears it), then the chart. */
  let best = null;
  const redraw = (k) => {
    const t0 = performance.now();
    canvas.width = look.width * look.dpr;
    canvas.height = look.height * look.dpr;
    const frame = core.drawEpochs(canvas, {
      title: 'Learning curves', lossTitle: 'Loss', accuracyTitle: 'Accuracy', xTitle: 'Epoch',
      lossYTitle: 'cross-entropy', accuracyYTitle: 'accuracy', trainLabel: 'training', validationLabel: 'validation',
      epochs: records.slice(0, k).map(point), maxEpochs: look.epochs,
      best: best == null ? null : { epoch: best, label: 'best' }, earlyStop: null, overfitting: null,
      dpr: look.dpr, dark: false, lang: 'en',
    });
    canvas.dataset.frame = JSON.stringify(frame); // as ui/chart.js keeps it
    return performance.now() - t0;
  };
  // The card's first paint, before the first epoch (the app draws the empty chart when the card
  // appears): the first call pays for first use (the canvas' backing store, fonts).
  await nextFrame();
  const empty = redraw(0);
  // `look.passes` passes over the epochs: on a busy machine one pass' slowest frame can be
  // another process' doing; the median of the passes, frame by frame, is the drawing's.
  const draws = [];
  for (let pass = 0; pass < look.passes; pass++) {
    const times = [];
    best = null;
    for (let k = 1; k <= records.length; k++) {
      // The best epoch so far by validation loss, only so the chart draws its mark.
      const r = records[k - 1];
      if (r.val_loss != null && (best == null || r.val_loss < records[best - 1].val_loss)) best = r.epoch;
      await nextFrame();
      times.push(redraw(k));
    }
    draws.push(times);
  }
  return { empty, draws, epochMs, rows, spec };
}

// ---- driven by mlp.mjs --------------------------------------------------------------------------

window.mlp = {
  /** Loads `what` ('atelier', 'tfjs', 'draw') and the data; nothing here is timed. `mlp`: the
   *  network's settings; `draw`: the live-drawing check's. */
  async setup({ what, csv: csvUrl, f64, mlp: settings, draw: drawing }) {
    contestant = what;
    mlp = settings;
    look = drawing;
    if (what === 'atelier' || what === 'draw') {
      api = await load();
      if (csvUrl) csv = await (await fetch(csvUrl)).text();
      return {};
    }
    const backend = await tfjsWasm();
    const data = new Float64Array(await (await fetch(f64)).arrayBuffer()), n = data.length / WIDTH;
    const x = new Float32Array(n * FEATURES), y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < FEATURES; j++) x[i * FEATURES + j] = data[i * WIDTH + j];
      y[i] = data[i * WIDTH + FEATURES];
    }
    tensors = tf.tidy(() => {
      const raw = tf.tensor2d(x, [n, FEATURES]), { mean, variance } = tf.moments(raw, 0);
      return { x: raw.sub(mean).div(variance.sqrt()), y: tf.tensor2d(y, [n, 1]) };
    });
    const warmUp = network();
    await mlpEpoch(warmUp);
    warmUp.dispose();
    return { rows: n, ...backend };
  },

  gc() { globalThis.gc?.(); },

  async run() {
    if (contestant === 'atelier') return atelier();
    if (contestant === 'tfjs') return tfjs();
    throw new Error('unknown contestant ' + contestant);
  },

  draw,
};
window.mlpReady = true;
