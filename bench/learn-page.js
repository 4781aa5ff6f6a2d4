// The learning bench page: one contestant per page (bench/learn.mjs opens a fresh one for each,
// since wasm memory never shrinks). window.learn.setup(...) loads the contestant and the data
// (not timed), window.learn.run() times one fit, window.learn.memory() reads what can be read.
//
// Every contestant gets the same numbers: Atelier the CSV's bytes (parsed once, untimed, with
// openDataset), the peers the same values from the float64 file (they take arrays, not CSV).
// Each timed run goes from those inputs to a probability for every training row: scaling
// (where the model wants it), the fit, and scoring the training rows, as Atelier's run does.

import { openDataset } from '/api.js';
import initCore from '/pkg/atelier.js'; // the module api.js instantiated: init returns its exports

const FEATURES = 20, WIDTH = FEATURES + 1, C = 1;
let contestant = null, data = null, dataset = null, core = null, lib = {};

/** `manifest`: { entries: { name: url }, files: { url: { spec: url } } } from learn.mjs, which
 *  resolved every require() with Node's own resolution; here each file is fetched once and run
 *  with a require that follows the manifest. CommonJS without a bundler. */
async function loadCommonJs(manifest) {
  const urls = Object.keys(manifest.files);
  const sources = Object.fromEntries(await Promise.all(urls.map(async (u) => {
    const response = await fetch(u);
    if (!response.ok) throw new Error(`${u}: HTTP ${response.status}`);
    return [u, await response.text()];
  })));
  const cache = {};
  const load = (url) => {
    if (cache[url]) return cache[url].exports;
    const module = { exports: {} };
    cache[url] = module;
    const deps = manifest.files[url];
    const require = (spec) => {
      if (!(spec in deps)) throw new Error(`${url}: require('${spec}') is not in the manifest`);
      return load(deps[spec]);
    };
    new Function('module', 'exports', 'require', `${sources[url]}\n//# sourceURL=${url}`)(module, module.exports, require);
    return module.exports;
  };
  return Object.fromEntries(Object.entries(manifest.entries).map(([name, url]) => [name, load(url)]));
}

/** The rows' features standardised as StandardScaler does (population std), row-major, and the
 *  labels. */
function standardise() {
  const n = data.length / WIDTH, mean = new Float64Array(FEATURES), sd = new Float64Array(FEATURES);
  for (let i = 0; i < n; i++) for (let j = 0; j < FEATURES; j++) mean[j] += data[i * WIDTH + j];
  for (let j = 0; j < FEATURES; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < FEATURES; j++) sd[j] += (data[i * WIDTH + j] - mean[j]) ** 2;
  for (let j = 0; j < FEATURES; j++) sd[j] = Math.sqrt(sd[j] / n) || 1;
  const x = new Float64Array(n * FEATURES), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < FEATURES; j++) x[i * FEATURES + j] = (data[i * WIDTH + j] - mean[j]) / sd[j];
    y[i] = data[i * WIDTH + FEATURES];
  }
  return { n, x, y };
}

/** scikit-learn's objective divided by C·n, for coefficients on the standardised features:
 *  mean log-loss + ‖w‖² / (2Cn). Computed in float64 whatever the model computed in. */
function objective(w, b) {
  const { n, x, y } = standardise();
  let loss = 0, w2 = 0;
  for (let j = 0; j < FEATURES; j++) w2 += w[j] * w[j];
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < FEATURES; j++) z += w[j] * x[i * FEATURES + j];
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
  }
  return loss / n + w2 / (2 * C * n);
}

const accuracy = (predicted, y) => {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += predicted[i] === (y[i] === 1);
  return ok / y.length;
};

// ---- the contestants -------------------------------------------------------------------------

const SPECS = {
  logistic: { scale: 'standard', model: { kind: 'logistic_regression', C } },
  forest: { scale: 'none', model: { kind: 'random_forest', n_estimators: 100, seed: 0 } },
};

/** Atelier: the brief's loop on the dataset read at setup. */
function atelier(model) {
  const spec = { target: 'y', positive: '1', split: { test: 0, validation: 0 }, ...SPECS[model] };
  const t0 = performance.now();
  const run = dataset.experiment(JSON.stringify(spec));
  const t1 = performance.now();
  while (!run.done()) run.step();
  const t2 = performance.now();
  const json = run.report();
  run.free();
  const t3 = performance.now();
  const s = (t3 - t0) / 1000;
  const report = JSON.parse(json);
  const result = {
    accuracy: report.train?.metrics?.accuracy, rows: report.splits?.train?.rows,
    // Where the time went: prepare (encode, scale), the fit's steps, report (score the rows).
    parts: { prepare: (t1 - t0) / 1000, fit: (t2 - t1) / 1000, report: (t3 - t2) / 1000 },
  };
  if (report.model?.coefficients) {
    result.coefficients = report.model.coefficients;
    result.intercept = report.model.intercept;
    result.objective = objective(report.model.coefficients, report.model.intercept);
  }
  return { s, result };
}

/** TensorFlow.js: one Dense unit with a sigmoid (logistic regression), L2 on the kernel with
 *  l2 = 1/(2Cn), so Keras' loss (mean cross-entropy + l2·‖w‖²) is scikit-learn's objective
 *  divided by C·n; Adam (learning rate 0.01), batches of 1,000, shuffled, until an epoch lowers
 *  the loss by less than 1e-4 (at most 30 epochs). float32, as TF.js computes. */
const TFJS = { learningRate: 0.01, batchSize: 1000, maxEpochs: 30, minDelta: 1e-4, predictBatchSize: 10_000 };
async function tfjs() {
  const t0 = performance.now();
  const { n, x, y } = standardise();
  const xs = tf.tensor2d(Float32Array.from(x), [n, FEATURES]), ys = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const model = tf.sequential();
  model.add(tf.layers.dense({
    units: 1, inputShape: [FEATURES], activation: 'sigmoid',
    kernelRegularizer: tf.regularizers.l2({ l2: 1 / (2 * C * n) }),
  }));
  model.compile({ optimizer: tf.train.adam(TFJS.learningRate), loss: 'binaryCrossentropy' });
  const history = await model.fit(xs, ys, {
    epochs: TFJS.maxEpochs, batchSize: TFJS.batchSize, shuffle: true, verbose: 0,
    callbacks: [tf.callbacks.earlyStopping({ monitor: 'loss', minDelta: TFJS.minDelta, patience: 1 })],
  });
  const out = model.predict(xs, { batchSize: TFJS.predictBatchSize });
  const proba = await out.data();
  const s = (performance.now() - t0) / 1000;
  const [kernel, bias] = model.getWeights().map((t) => Array.from(t.dataSync()));
  tf.dispose([xs, ys, out]);
  model.dispose();
  return {
    s,
    result: {
      accuracy: accuracy(Array.from(proba, (p) => p >= 0.5), y), epochs: history.epoch.length,
      coefficients: kernel, intercept: bias[0], objective: objective(kernel, bias[0]),
    },
  };
}

/** ml-logistic-regression: batch gradient ascent on the summed log-likelihood, no penalty, no
 *  intercept (a column of ones stands in for one), one-vs-rest for each class (two fits here).
 *  Its default learning rate, 5e-4, is for a gradient summed over few rows: 2e-5 (≈ 2/n) here,
 *  and its 50,000 default steps capped at 25. */
const ML_LOGISTIC = { numSteps: 25, learningRate: 2e-5 };
function mlLogistic() {
  const { Matrix } = lib['ml-matrix'], LogisticRegression = lib['ml-logistic-regression'];
  const t0 = performance.now();
  const { n, x, y } = standardise();
  const X = new Matrix(n, FEATURES + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < FEATURES; j++) X.set(i, j, x[i * FEATURES + j]);
    X.set(i, FEATURES, 1);
  }
  const model = new LogisticRegression(ML_LOGISTIC);
  model.train(X, Matrix.columnVector(Array.from(y)));
  const predicted = model.predict(X);
  const s = (performance.now() - t0) / 1000;
  // Its classifier for class 1 learns P(not 1) (labels flipped for one-vs-rest): negate it.
  const weights = model.classifiers[1].weights.to1DArray().map((v) => -v);
  return {
    s,
    result: {
      accuracy: accuracy(predicted.map((c) => c === 1), y),
      coefficients: weights.slice(0, FEATURES), intercept: weights[FEATURES],
      objective: objective(weights.slice(0, FEATURES), weights[FEATURES]),
    },
  };
}

/** ml-random-forest: 100 CART trees (ml-cart, Gini), each on a bootstrap sample of the rows and
 *  on 4 features drawn without replacement per tree (ml-random-forest draws features per tree,
 *  scikit-learn per split: max_features='sqrt' is 4 of 20), grown fully (minNumSamples 1,
 *  gainThreshold 0, no depth limit, as scikit-learn's defaults), no out-of-bag scoring; class
 *  votes (it gives no probabilities), seed 0. */
const ML_FOREST = {
  nEstimators: 100, maxFeatures: 4, replacement: false, useSampleBagging: true, noOOB: true, seed: 0,
  treeOptions: { gainFunction: 'gini', minNumSamples: 1, gainThreshold: 0, maxDepth: Infinity },
};
function mlForest() {
  const { RandomForestClassifier } = lib['ml-random-forest'];
  const t0 = performance.now();
  const n = data.length / WIDTH, rows = new Array(n), y = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = Array.from(data.subarray(i * WIDTH, i * WIDTH + FEATURES));
    y[i] = data[i * WIDTH + FEATURES];
  }
  const model = new RandomForestClassifier(ML_FOREST);
  model.train(rows, y);
  const predicted = model.predict(rows);
  const s = (performance.now() - t0) / 1000;
  return { s, result: { accuracy: accuracy(predicted.map((c) => c === 1), y) } };
}

// ---- driven by learn.mjs ------------------------------------------------------------------------

window.learn = {
  /** Loads `what` ('atelier.logistic', 'tfjs.logistic', 'ml.logistic', 'atelier.forest',
   *  'ml.forest') and the data; nothing here is timed. */
  async setup({ what, csv, f64, cjs }) {
    contestant = what;
    data = new Float64Array(await (await fetch(f64)).arrayBuffer());
    if (what.startsWith('atelier.')) {
      const bytes = new Uint8Array(await (await fetch(csv)).arrayBuffer());
      ({ dataset } = await openDataset(bytes));
      core = await initCore(); // already instantiated by openDataset: returns the same exports
      if (!(core?.memory instanceof WebAssembly.Memory)) throw new Error('no wasm memory in the core\'s exports');
      return { rows: dataset.numRows() };
    }
    if (what.startsWith('tfjs.')) {
      tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
      if (!(await tf.setBackend('wasm'))) throw new Error('TF.js: the wasm backend did not start');
      await tf.ready();
      return {
        rows: data.length / WIDTH, version: tf.version.tfjs, backend: tf.getBackend(),
        simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
        threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
      };
    }
    lib = await loadCommonJs(cjs);
    return { rows: data.length / WIDTH };
  },

  /** Bytes: the core's wasm memory, TF.js' wasm heap, the JS heap (Chromium's
   *  performance.memory, coarse unless --enable-precise-memory-info). */
  memory() {
    return {
      wasm: core?.memory.buffer.byteLength ?? null,
      tfjs: contestant?.startsWith('tfjs.') ? tf.backend().wasm?.HEAPU8?.buffer.byteLength ?? null : null,
      jsHeap: performance.memory?.usedJSHeapSize ?? null,
    };
  },

  gc() { globalThis.gc?.(); },

  /** The peers' settings, for the results' notes. */
  config: () => ({ tfjs: TFJS, mlLogistic: ML_LOGISTIC, mlForest: { ...ML_FOREST, treeOptions: { ...ML_FOREST.treeOptions, maxDepth: 'Infinity' } } }),

  async run() {
    switch (contestant) {
      case 'atelier.logistic': return atelier('logistic');
      case 'atelier.forest': return atelier('forest');
      case 'tfjs.logistic': return tfjs();
      case 'ml.logistic': return mlLogistic();
      case 'ml.forest': return mlForest();
    }
    throw new Error('unknown contestant ' + contestant);
  },
};
window.learnReady = true;
