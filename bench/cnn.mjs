// The CNN part of `npm run bench` (issue 12): epochs of the page's digits CNN (conv2d 32 3×3
// same relu → maxpool 2 → flatten → dropout 0.3 → dense 10 softmax; Adam 0.003, batches of 32)
// on the built-in digits (1,797 × 8 × 8, the default 60/20/20 split, standardised). Atelier
// (wasm) in Chromium through its headless API, the same network in TensorFlow.js (wasm backend)
// on the very same training and validation rows, in the same kind of page, one fresh page each.
// No native peer: scikit-learn has no convolution. Called by bench/run.mjs; returns a markdown
// section and the raw times. Everything runs one after the other.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachPage, epochRuns } from './epochs.mjs';
import { median, pct, ratio, sec, TFJS_MOUNTS, version } from './learn.mjs';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
/** The network and its training, the same for both contestants (Atelier's spec's names). */
const CNN = {
  layers: [
    { type: 'conv2d', filters: 32, kernel: 3, padding: 'same', activation: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  learning_rate_init: 0.003, batch_size: 32, epochs: 10,
};

/** The rows of Atelier's default split of digits (file rows, 0-based), from its own core in
 *  Node: the validation rows are the report's; the test rows are the validation rows of the same
 *  split asked with no test part (each class's rows are shuffled by the same seeded stream
 *  whatever the sizes, the test part takes the first ones, then the validation part, with the
 *  same counts for the same size); the training rows are the rest. Checked against the report's
 *  counts, class by class. A cheap model (k-NN): only the split matters. */
async function splitRows() {
  const { load } = await import(join(REPO, 'dist/api.js'));
  const api = await load();
  const spec = { data: { builtin: 'digits' }, target: 'digit', model: { kind: 'knn' } };
  const whole = await api.run(spec);
  const noTest = await api.run({ ...spec, split: { test: 0, validation: 0.2 } });
  const validation = whole.validation.rows, test = noTest.validation.rows;
  const held = new Set([...validation, ...test]);
  const digit = readFileSync(join(REPO, 'dist/data/digits.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').at(-1));
  const train = digit.map((_, r) => r).filter((r) => !held.has(r));
  const counts = (rows) => { const c = {}; for (const r of rows) c[digit[r]] = (c[digit[r]] ?? 0) + 1; return c; };
  const same = (a, b) => Object.keys({ ...a, ...b }).every((k) => a[k] === b[k]);
  const s = whole.splits;
  if (held.size !== validation.length + test.length || train.length !== s.train.rows
    || !same(counts(train), s.train.class_counts) || !same(counts(test), s.test.class_counts)
    || !same(counts(validation), s.validation.class_counts)) {
    throw new Error(`the split worked out (${train.length} / ${validation.length} / ${test.length}) is not Atelier's (${s.train.rows} / ${s.validation.rows} / ${s.test.rows})`);
  }
  return { train, validation, test: test.length };
}

export async function benchCnn({ runs, slowRuns, log, failures, launch, mounts }) {
  const times = {}; // what → [seconds per epoch]
  runs = Math.min(runs, slowRuns); // each run is CNN.epochs epochs
  log('CNN: Atelier\'s split of digits, from its core in Node');
  let rows = null;
  try {
    rows = await splitRows();
    log(`  ${rows.train.length} training rows, ${rows.validation.length} validation rows (${rows.test} test rows left out)`);
  } catch (e) {
    failures.push(`CNN, the split: ${e.message.split('\n')[0]}`);
  }

  // ---- Chromium: one fresh page per contestant ----------------------------------------------
  const CONTESTANTS = [
    { key: 'atelier.cnn', what: 'atelier' }, { key: 'tfjs.cnn', what: 'tfjs' }, { key: 'tfjs-cpu.cnn', what: 'tfjs-cpu', runs: 1 }, // a reference, 5 s an epoch
  ];
  // BENCH_CNN=atelier.cnn,tfjs.cnn (contestant keys, comma-separated: atelier.cnn, tfjs.cnn,
  // tfjs-cpu.cnn): only those, for trying out.
  const pick = process.env.BENCH_CNN ? process.env.BENCH_CNN.split(',') : null;
  const results = {}, info = {};
  const load = os.loadavg()[0]; // 1-minute load average as the browser side starts
  log('Chromium: Atelier, TF.js (wasm): the digits CNN');
  const contestants = CONTESTANTS.filter((c) => (!pick || pick.includes(c.key)) && (c.what === 'atelier' || rows));
  const browserVersion = await eachPage({
    launch, mounts: { ...mounts, ...TFJS_MOUNTS }, path: '/bench/cnn.html', ready: 'cnnReady', label: 'CNN', contestants, failures,
  }, async (page, c) => {
    info[c.key] = await page.evaluate((a) => window.cnn.setup(a), { what: c.what, cnn: CNN, rows });
    const done = await epochRuns(page, 'cnn', c.runs ?? runs);
    results[c.key] = done.result;
    // A run's first epoch apart (a fresh network's first pass), the later ones together;
    // Atelier's CPU times start at the second epoch already.
    times[c.key + '.first'] = done.runs.map((r) => r.epochs[0]);
    times[c.key] = done.runs.flatMap((r) => r.epochs.slice(1));
    const cpu = done.runs.flatMap((r) => r.cpuEpochs.slice(r.cpuEpochs.length - (r.epochs.length - 1)));
    if (cpu.length) times[c.key + '.cpu'] = cpu;
    if (info[c.key].patched) times[c.key + '.filter'] = done.runs.flatMap((r) => r.filter.slice(1));
    log(`  ${c.key}: ${done.epochs.map((s) => (1000 * s).toFixed(0)).join(' ')} ms per epoch, validation accuracy ${done.result?.valAccuracy}`);
  });
  return { times, browserVersion, md: section({ times, results, info, rows, runs, load }) };
}

// ---- the section ------------------------------------------------------------------------------

function section({ times, results: R, info, rows, runs, load }) {
  const at = (w) => (times[w] ? median(times[w]) : null);
  const n = (w) => (times[w] ? ` (n=${times[w].length})` : '');
  const ms = (x) => (x == null ? '—' : (1000 * x).toFixed(1) + ' ms');
  const spread = (w) => (times[w] ? `${ms(Math.min(...times[w]))} – ${ms(Math.max(...times[w]))}` : '—');
  const loss = (x) => (x == null ? '—' : x.toFixed(4));
  const a = at('atelier.cnn'), tf = at('tfjs.cnn'), aFirst = at('atelier.cnn.first'), tfFirst = at('tfjs.cnn.first');
  const aCpu = at('atelier.cnn.cpu'), tfCpu = at('tfjs.cnn.cpu');
  // TF.js' later epochs less the time of the kernel gradient it lacks in wasm (filled in JS by
  // cnn-page.js), epoch by epoch: a bound on what a wasm kernel could bring it down to.
  const bare = times['tfjs.cnn.filter'] && times['tfjs.cnn'].map((t, i) => t - times['tfjs.cnn.filter'][i]);
  const tfBare = bare ? median(bare) : null, tfFilter = at('tfjs.cnn.filter');
  const row = (k, name) => `| ${name} | ${ms(at(k + '.first'))}${n(k + '.first')} | ${ms(at(k))}${n(k)} | ${spread(k)} | ${ms(at(k + '.cpu'))}${n(k + '.cpu')} | ${loss(R[k]?.loss)} | ${pct(R[k]?.accuracy)} | ${loss(R[k]?.valLoss)} | ${pct(R[k]?.valAccuracy)} |`;
  const verdict = (x, y) => (x == null || y == null ? 'not judged (a figure is missing)' : `${x <= y ? '**met**' : '**not met**'} (${ratio(x, y)})`);
  const tfInfo = info['tfjs.cnn'];
  const layers = CNN.layers.map((l) => JSON.stringify(l)).join(', ');
  return `## Neural network (issue 12): the digits CNN, one epoch

Data: the built-in digits (www/data/digits.csv: 1,797 images of 8 × 8 pixels, 10 classes), Atelier's
default split (stratified, seed 42: ${rows ? `${rows.train.length} training rows, ${rows.validation.length} validation rows, ${rows.test} test rows left out` : 'not worked out'}),
standardised on the training rows. Both contestants train the page's CNN: conv2d 32 filters 3 × 3,
padding same, ReLU → max-pool 2 × 2 → flatten (512) → dropout 0.3 → dense 10 softmax (5,450
parameters), categorical cross-entropy, Adam (learning rate ${CNN.learning_rate_init}), batches of ${CNN.batch_size}, rows shuffled
every epoch; float64 for Atelier, float32 for TF.js. An epoch is every training batch, then the
validation rows scored (loss and accuracy), on both sides. Each run trains a fresh network for
${CNN.epochs} epochs and times each epoch alone, ${runs} runs per contestant (1 for TF.js' JS backend), after one untimed epoch of a throwaway
network in the same page (the first use of every code path); "first epoch" is each run's first,
"later epochs" the median of all the others. Load average (1 minute, ${os.cpus().length} cores) as the browser
side started: ${load.toFixed(2)}. TensorFlow.js ${version('@tensorflow/tfjs')} with @tensorflow/tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}.

| contestant | first epoch | later epochs | fastest – slowest (later) | CPU per later epoch | training loss after ${CNN.epochs} epochs | training accuracy | validation loss | validation accuracy |
|---|---|---|---|---|---|---|---|---|
${row('atelier.cnn', 'Atelier (wasm, Chromium)')}
${row('tfjs.cnn', 'TensorFlow.js (wasm backend, Chromium)')}
${row('tfjs-cpu.cnn', 'TensorFlow.js (its JS "cpu" backend, same page)')}
| **Atelier / TF.js** | ${ratio(aFirst, tfFirst)} | **${ratio(a, tf)}** | | ${ratio(aCpu, tfCpu)} | | | | |
| TF.js without its kernel gradient (in JS, see below) | — | ${ms(tfBare)} | | | | | | |
| Atelier / that | — | ${ratio(a, tfBare)} | | | | | | |
| Atelier / TF.js' JS backend | ${ratio(aFirst, at('tfjs-cpu.cnn.first'))} | ${ratio(a, at('tfjs-cpu.cnn'))} | | ${ratio(aCpu, at('tfjs-cpu.cnn.cpu'))} | | | | |

- Atelier: \`const api = await load()\` from dist/api.js, then \`api.run(spec, { onEpoch(record, { ms }) })\`
  with spec \`${JSON.stringify(R['atelier.cnn']?.spec ?? '?')}\`
  (layers: ${layers}); the figure is \`ms\`, the time of \`run.step()\` (one epoch: every batch, then the
  epoch's record: the training loss and accuracy its batches measured, the validation loss and
  accuracy of an inference pass). Reading the CSV, the split and the scaling happen before the
  first epoch and are not in it; the whole \`api.run\` took ${sec(R['atelier.cnn']?.whole)} (last run). Its report's validation
  accuracy (the confusion matrix's): ${pct(R['atelier.cnn']?.reportValAccuracy)}.
- TensorFlow.js: \`tf.sequential()\` of \`conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu',
  kernelInitializer: 'heUniform' })\` (He uniform, as Atelier starts a kernel before a ReLU; Keras' default
  is Glorot), \`maxPooling2d({ poolSize: 2 })\`, \`flatten()\`, \`dropout({ rate: 0.3 })\`, \`dense({ units: 10,
  activation: 'softmax' })\`, \`adam(${CNN.learning_rate_init})\`, \`categoricalCrossentropy\`, metric accuracy; each epoch one
  \`model.fit(x, y, { epochs: 1, batchSize: ${CNN.batch_size}, shuffle: true, yieldEvery: 'never', validationData })\` on
  tensors made beforehand from the same CSV: Atelier's training rows (${tfInfo?.rows?.train ?? '?'}) and validation rows
  (${tfInfo?.rows?.validation ?? '?'}), worked out by bench/cnn.mjs from Atelier's own reports (and checked against its class
  counts), standardised with the training rows' mean and population standard deviation as
  Atelier's scaler. Backend ${tfInfo?.backend ?? '?'}, SIMD ${tfInfo?.simd ?? '?'}, threads ${tfInfo?.threads ?? '?'} (no cross-origin isolation here).
- **TF.js 4.22's wasm backend cannot train a conv2d**: it has no kernel for the gradient of a
  convolution's kernel (\`Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'\`, tensorflow/tfjs#8474,
  open since 2024-12). ${tfInfo?.patched ? `The page registers one (cnn-page.js' \`filterGradient\`): the CPU backend's algorithm in JS,
  on the wasm backend's tensors (read out with \`readSync\`, the result written to its heap), so every other
  kernel of the epoch is TF.js' wasm one. It took ${ms(tfFilter)} of each later epoch (median): "TF.js without its
  kernel gradient" subtracts it epoch by epoch, a bound on what a wasm kernel could bring TF.js down to.` : 'This version has one.'}
- TF.js' JS backend (\`tf.setBackend('cpu')\`): the same network, data and code on the backend that
  has every kernel, for reference; its own \`Conv2DBackpropFilter\` is the algorithm registered above for wasm.
- CPU: the page's main thread (Chromium's \`ThreadTime\` through the DevTools protocol), read
  between epochs; what an epoch cost the thread that ran it, which other work on the machine
  inflates less than the wall clock.
- Losses and accuracies: the last epoch's of the last run; the training figures are those the
  epoch's batches measured (dropout on), as Keras reports them. Both sides draw their own
  starts, shuffles and dropout masks: the figures are a sanity check, not a match.

Target: Atelier at least as fast as TF.js per epoch (Atelier / TF.js ≤ 1): ${verdict(a, tf)} on the later
epochs' wall time, ${verdict(aCpu, tfCpu)} in CPU time; the first epoch ${aFirst != null && tfFirst != null ? ratio(aFirst, tfFirst) : '—'}${tfBare != null ? `;
against TF.js without the kernel gradient it lacks (the bound above): ${verdict(a, tfBare)}` : ''}.
`;
}
