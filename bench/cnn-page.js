// The CNN bench page: one contestant per page (bench/cnn.mjs opens a fresh one for each).
// window.cnn.setup(...) loads the contestant and the data and trains a throwaway network for one
// epoch (not timed), window.cnn.run() trains a fresh network for `cnn.epochs` epochs and returns
// each epoch's seconds and the last epoch's figures.
//
// Atelier reads the built-in digits itself (its page's spec); TF.js gets the same CSV, the very
// training and validation rows of Atelier's split (worked out by bench/cnn.mjs), standardised
// as Atelier's scaler does, on the training rows.

import { load } from '/api.js';
import { atelierEpochs, tfEpoch, tfjsWasm, timedEpochs } from './epochs-page.js';

const SIDE = 8, PIXELS = SIDE * SIDE, CLASSES = 10;
let contestant = null, cnn = null, api = null, tensors = null;

// ---- the contestants -------------------------------------------------------------------------

/** The page's digits CNN (bench/cnn.mjs' CNN), on the built-in digits, the default split. */
const atelierSpec = (epochs) => ({
  data: { builtin: 'digits' }, target: 'digit', scale: 'standard',
  model: {
    kind: 'network', input_shape: [SIDE, SIDE, 1], layers: cnn.layers,
    learning_rate_init: cnn.learning_rate_init, batch_size: cnn.batch_size, max_iter: epochs, seed: 0,
  },
});

/** Atelier: the headless API's run, each epoch's time as `onEpoch` reports it (epochs-page.js). */
async function atelier() {
  const { epochs, cpuEpochs, records, report, whole } = await atelierEpochs(api, atelierSpec(cnn.epochs), cnn.epochs);
  const last = records.at(-1);
  return {
    epochs, cpuEpochs,
    result: {
      whole, loss: last.train_loss, accuracy: last.train_accuracy, valLoss: last.val_loss, valAccuracy: last.val_accuracy,
      reportValAccuracy: report.validation?.confusion?.accuracy, spec: atelierSpec(cnn.epochs),
      rows: { train: report.splits?.train?.rows, validation: report.splits?.validation?.rows },
    },
  };
}

/** TF.js: the same layers (He-uniform conv kernel, as Atelier starts a kernel before a ReLU;
 *  Glorot uniform for the dense one, both sides' default), Adam, categorical cross-entropy. */
function network() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({
    inputShape: [SIDE, SIDE, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heUniform',
  }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(cnn.learning_rate_init), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** One epoch of `model.fit` on the training rows (epochs-page.js), then the validation rows
 *  scored, as Atelier's epoch ends with its validation loss and accuracy. */
const cnnEpoch = (model) => tfEpoch(model, tensors.x, tensors.y, cnn.batch_size, { validationData: [tensors.xv, tensors.yv] });

async function tfjs() {
  const model = network(), filter = [];
  const { epochs, cpuEpochs, last } = await timedEpochs(cnn.epochs, async () => {
    filterMs = 0;
    const history = await cnnEpoch(model);
    filter.push(filterMs / 1000);
    return history;
  });
  const h = last.history;
  model.dispose();
  const accuracy = (h.acc ?? h.accuracy)[0], valAccuracy = (h.val_acc ?? h.val_accuracy)[0];
  return { epochs, cpuEpochs, filter, result: { loss: h.loss[0], accuracy, valLoss: h.val_loss[0], valAccuracy } };
}

/** Milliseconds spent in `filterGradient` since the last reset. */
let filterMs = 0;

/** The gradient of a convolution's kernel, which TF.js 4.22's wasm backend lacks, so that no
 *  conv2d trains on it ("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'",
 *  tensorflow/tfjs#8474, open): registered here in JS, the CPU backend's algorithm
 *  (tfjs-backend-cpu's conv2DBackpropFilter, channels last), on the wasm backend's tensors.
 *  Its time is counted in `filterMs`. */
function filterGradient({ inputs: { x, dy }, backend, attrs }) {
  const t0 = performance.now();
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(dataFormat));
  if (info.dataFormat !== 'channelsLast') throw new Error('bench filterGradient: channels last only');
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inHeight: ih, inWidth: iw, inChannels: ic } = info;
  const { outHeight: oh, outWidth: ow, outChannels: oc, batchSize: n, padInfo: { top, left } } = info;
  const xs = backend.readSync(x.dataId), dys = backend.readSync(dy.dataId);
  const out = backend.makeOutput(filterShape, 'float32'), dw = backend.typedArrayFromHeap(out);
  for (let wr = 0; wr < fh; wr++) {
    const yr0 = Math.max(0, Math.ceil((top - wr) / sh)), yr1 = Math.min(oh, (ih + top - wr) / sh);
    for (let wc = 0; wc < fw; wc++) {
      const yc0 = Math.max(0, Math.ceil((left - wc) / sw)), yc1 = Math.min(ow, (iw + left - wc) / sw);
      for (let d1 = 0; d1 < ic; d1++) {
        for (let d2 = 0; d2 < oc; d2++) {
          let sum = 0;
          for (let b = 0; b < n; b++) {
            for (let yr = yr0; yr < yr1; yr++) {
              const xr = wr + yr * sh - top;
              for (let yc = yc0; yc < yc1; yc++) {
                const xc = wc + yc * sw - left;
                sum += xs[((b * ih + xr) * iw + xc) * ic + d1] * dys[((b * oh + yr) * ow + yc) * oc + d2];
              }
            }
          }
          dw[((wr * fw + wc) * ic + d1) * oc + d2] = sum;
        }
      }
    }
  }
  filterMs += performance.now() - t0;
  return out;
}

// ---- the data for TF.js -------------------------------------------------------------------------

/** digits.csv (64 pixel columns p0..p63 in row-major order, then `digit`) as rows of numbers. */
async function digits() {
  const [header, ...lines] = (await (await fetch('/data/digits.csv')).text()).trim().split('\n');
  const names = header.split(','), target = names.indexOf('digit');
  if (names.length !== PIXELS + 1 || target !== PIXELS) throw new Error(`digits.csv: unexpected columns ${header}`);
  return lines.map((line) => line.split(',').map(Number));
}

/** The rows `which` of `data` as a [n, 8, 8, 1] tensor scaled by `center` and `scale`, and
 *  their one-hot classes. */
function part(data, which, center, scale) {
  const x = new Float32Array(which.length * PIXELS), y = new Int32Array(which.length);
  which.forEach((r, i) => {
    for (let j = 0; j < PIXELS; j++) x[i * PIXELS + j] = (data[r][j] - center[j]) / scale[j];
    y[i] = data[r][PIXELS];
  });
  return tf.tidy(() => [tf.tensor4d(x, [which.length, SIDE, SIDE, 1]), tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES).toFloat()]);
}

/** scikit-learn's StandardScaler on the training rows: the mean, the population standard
 *  deviation, 1 for a constant column. */
function standard(data, train) {
  const center = new Float64Array(PIXELS), scale = new Float64Array(PIXELS);
  for (let j = 0; j < PIXELS; j++) {
    let sum = 0;
    for (const r of train) sum += data[r][j];
    center[j] = sum / train.length;
    let ss = 0;
    for (const r of train) ss += (data[r][j] - center[j]) ** 2;
    const sd = Math.sqrt(ss / train.length);
    scale[j] = sd > 0 ? sd : 1;
  }
  return { center, scale };
}

// ---- driven by cnn.mjs --------------------------------------------------------------------------

window.cnn = {
  /** Loads `what` ('atelier', 'tfjs' on its wasm backend, 'tfjs-cpu' on its JS one) and the data, and trains a throwaway network for one
   *  epoch (the first use of every code path); nothing here is timed. `cnn`: the network's
   *  settings (bench/cnn.mjs' CNN); `rows`: Atelier's training and validation rows, for TF.js. */
  async setup({ what, cnn: settings, rows }) {
    contestant = what;
    cnn = settings;
    if (what === 'atelier') {
      api = await load();
      await atelierEpochs(api, atelierSpec(1), 1);
      return {};
    }
    const backend = await tfjsWasm(what === 'tfjs-cpu' ? 'cpu' : 'wasm');
    const patched = what === 'tfjs' && !tf.getKernel('Conv2DBackpropFilter', 'wasm');
    if (patched) tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: filterGradient });
    const data = await digits(), { center, scale } = standard(data, rows.train);
    const [x, y] = part(data, rows.train, center, scale), [xv, yv] = part(data, rows.validation, center, scale);
    tensors = { x, y, xv, yv };
    const warmUp = network();
    await cnnEpoch(warmUp);
    warmUp.dispose();
    return { rows: { train: rows.train.length, validation: rows.validation.length }, patched, ...backend };
  },

  gc() { globalThis.gc?.(); },

  async run() {
    if (contestant === 'atelier') return atelier();
    if (contestant === 'tfjs' || contestant === 'tfjs-cpu') return tfjs();
    throw new Error('unknown contestant ' + contestant);
  },
};
window.cnnReady = true;
