// What the epoch bench pages (bench/mlp-page.js, bench/cnn-page.js) share: the page's CPU
// clock, Atelier's epochs as its API reports them, TF.js' epochs timed the same way, and TF.js
// started on its wasm backend from this origin (bench/epochs.mjs is Node's side).

/** This page's main-thread CPU seconds so far (Chromium's ThreadTime, asked of Node through
 *  the DevTools protocol: bench/epochs.mjs' `epochPage`), or null. A busy machine inflates
 *  wall times, not it. */
export const cpu = async () => (window.threadTime ? window.threadTime() : null);

/** Atelier: the headless API's `api.run(spec)`, each epoch's seconds as `onEpoch` reports it
 *  (`ms`: the time of `run.step()`, one epoch); the CPU time between two `onEpoch` calls is the
 *  later epoch's (none for the first: no call precedes it). Throws unless `expected` epochs
 *  ran. Gives `{ epochs, cpuEpochs, records, report, whole }` (`whole`: the run's seconds). */
export async function atelierEpochs(api, spec, expected) {
  const epochs = [], cpuEpochs = [], records = [];
  let before = null;
  const t0 = performance.now();
  const report = await api.run(spec, {
    async onEpoch(record, { ms }) {
      epochs.push(ms / 1000);
      records.push(record);
      const now = await cpu();
      if (before != null && now != null) cpuEpochs.push(now - before);
      before = now;
    },
  });
  const whole = (performance.now() - t0) / 1000;
  if (epochs.length !== expected) throw new Error(`Atelier ran ${epochs.length} epochs, not ${expected}`);
  return { epochs, cpuEpochs, records, report, whole };
}

/** `count` calls of `epoch()` (one epoch each, a promise), each timed on the wall clock and
 *  the page's CPU clock. Gives `{ epochs, cpuEpochs, last }`, `last` what the last call gave. */
export async function timedEpochs(count, epoch) {
  const epochs = [], cpuEpochs = [];
  let last;
  for (let e = 0; e < count; e++) {
    const c0 = await cpu(), t0 = performance.now();
    last = await epoch();
    epochs.push((performance.now() - t0) / 1000);
    const c1 = await cpu();
    if (c0 != null && c1 != null) cpuEpochs.push(c1 - c0);
  }
  return { epochs, cpuEpochs, last };
}

/** Runs the classic script `src` (from this origin); resolves once it has run. */
const script = (src) => new Promise((resolve, reject) => {
  const element = Object.assign(document.createElement('script'), { src, onload: resolve });
  element.onerror = () => reject(new Error(`${src} did not load`));
  document.head.append(element);
});

/** Loads TF.js and its wasm backend (UMD builds: globals tf, tf.wasm; only in the TF.js
 *  contestant's page) from this origin and starts the backend `name` (its wasm one unless told);
 *  gives the backend and whether the wasm one has SIMD and threads. */
export async function tfjsWasm(name = 'wasm') {
  await script('/node_modules/@tensorflow/tfjs/dist/tf.min.js');
  await script('/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js');
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  if (!(await tf.setBackend(name))) throw new Error(`TF.js: the ${name} backend did not start`);
  await tf.ready();
  return {
    backend: tf.getBackend(),
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

/** One epoch of `model.fit` on `x`, `y`; `yieldEvery: 'never'`, else fit waits for an
 *  animation frame every 125 ms (time spent idle, not learning). `options`: more of fit's. */
export const tfEpoch = (model, x, y, batchSize, options = {}) => model.fit(x, y, {
  epochs: 1, batchSize, shuffle: true, verbose: 0, yieldEvery: 'never', ...options,
});
