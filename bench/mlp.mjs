// The MLP part of `npm run bench`: one epoch of a multi-layer perceptron 20-64-64-1 (ReLU, Adam,
// batches of 200) on a seeded 50,000 × 20 two-class problem (bench/learn.mjs's generator).
// Atelier (wasm) in Chromium through its headless API, TensorFlow.js (wasm backend) in the same
// kind of page, one fresh page each, then scikit-learn's MLPClassifier natively
// (bench/mlp_bench.py); and the main-thread time of drawing the learning curves after each of
// 100 epochs on moons. Called by bench/run.mjs; returns a markdown section and the raw times.
// Everything runs one after the other.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachPage, epochRuns } from './epochs.mjs';
import { generate, median, pct, ratio, sec, TFJS_MOUNTS, version } from './learn.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROWS = 50_000, FEATURES = 20;
/** The network and its training, the same for every contestant (scikit-learn's names). */
const MLP = { hidden_layer_sizes: [64, 64], batch_size: 200, alpha: 1e-4, learning_rate_init: 1e-3, epochs: 5 };
/** The live-drawing check: epochs on moons, the chart's size in CSS pixels, the frame budget. */
const DRAW = { epochs: 100, width: 760, height: 420, dpr: 2, budgetMs: 16, passes: 3 };

export async function benchMlp({ runs, slowRuns, log, failures, launch, mounts }) {
  const times = {}; // what → [seconds per epoch]
  log(`MLP: generating ${ROWS.toLocaleString('en')} × ${FEATURES} (kept in bench/out/)`);
  const files = await generate(ROWS);
  const at = (f) => '/bench/out/' + f.split('/').pop();
  runs = Math.min(runs, slowRuns); // each run is MLP.epochs epochs

  // ---- Chromium: one fresh page per contestant ----------------------------------------------
  const CONTESTANTS = [
    { key: 'atelier.mlp', what: 'atelier', csv: files.csv },
    { key: 'tfjs.mlp', what: 'tfjs', f64: files.f64 },
    { key: 'atelier.draw', what: 'draw' },
  ];
  // BENCH_MLP=atelier.mlp,sklearn (contestant keys, comma-separated): only those, for trying out.
  const pick = process.env.BENCH_MLP ? process.env.BENCH_MLP.split(',') : null;
  const results = {}, info = {};
  const load = { browser: os.loadavg()[0] }; // 1-minute load average as each side starts
  let drawing = null;
  log('Chromium: Atelier, TF.js (wasm), the learning-curve chart');
  const browserVersion = await eachPage({
    launch, mounts: { ...mounts, ...TFJS_MOUNTS }, path: '/bench/mlp.html', ready: 'mlpReady', label: 'MLP',
    contestants: CONTESTANTS.filter((c) => !pick || pick.includes(c.key)), failures,
  }, async (page, c) => {
    info[c.key] = await page.evaluate((a) => window.mlp.setup(a),
      { what: c.what, csv: c.csv && at(c.csv), f64: c.f64 && at(c.f64), mlp: MLP, draw: DRAW });
    if (c.what === 'draw') {
      drawing = await page.evaluate(() => window.mlp.draw());
      if (drawing.draws) {
        times[c.key] = drawing.draws.flat().map((ms) => ms / 1000);
        drawing.perFrame = drawing.draws[0].map((_, k) => median(drawing.draws.map((pass) => pass[k])));
      }
      log(`  ${c.key}: ${drawing.pending ?? `${drawing.draws.length} × ${drawing.perFrame.length} draws, median ${median(drawing.perFrame).toFixed(1)} ms, slowest frame ${Math.max(...drawing.perFrame).toFixed(1)} ms (median of the passes), slowest draw ${Math.max(...drawing.draws.flat()).toFixed(1)} ms`}`);
    } else {
      const { epochs: list, cpuEpochs: cpuList, result } = await epochRuns(page, 'mlp', runs);
      results[c.key] = result;
      times[c.key] = list;
      if (cpuList.length) times[c.key + '.cpu'] = cpuList;
      log(`  ${c.key}: ${list.map((s) => s.toFixed(3)).join(' ')} s per epoch, training accuracy ${results[c.key]?.accuracy}`);
    }
  });

  // ---- natively: scikit-learn --------------------------------------------------------------
  let py = null;
  if (!pick || pick.includes('sklearn')) {
    log('scikit-learn MLPClassifier');
    load.native = os.loadavg()[0];
    const r = spawnSync('python3', [join(BENCH, 'mlp_bench.py'), files.f64, String(runs), JSON.stringify(MLP)],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status === 0) py = JSON.parse(r.stdout);
    else failures.push(`mlp_bench.py: exit ${r.status}${r.error ? ' ' + r.error.message : ''} (its error is above in the log)`);
  }
  if (py) {
    times['sklearn.mlp'] = py.epochs;
    times['sklearn.mlp@1thread'] = py.epochs_one_thread;
    times['sklearn.mlp@1thread.cpu'] = py.cpu_one_thread;
    log(`  scikit-learn: ${py.epochs.map((s) => s.toFixed(3)).join(' ')} s per epoch; one BLAS thread ${py.epochs_one_thread.map((s) => s.toFixed(3)).join(' ')} s`);
  }

  return { times, browserVersion, md: section({ times, results, info, drawing, py, load }) };
}

// ---- the section ------------------------------------------------------------------------------

function section({ times, results: R, info, drawing: D, py, load }) {
  const at = (w) => (times[w] ? median(times[w]) : null);
  const n = (w) => (times[w] ? ` (n=${times[w].length})` : '');
  const spread = (w) => (times[w] ? `${sec(Math.min(...times[w]))} – ${sec(Math.max(...times[w]))}` : '—');
  const skAll = at('sklearn.mlp'), sk1 = at('sklearn.mlp@1thread'), a = at('atelier.mlp'), tf = at('tfjs.mlp');
  // The reference: scikit-learn at its faster, default BLAS threads or one. On a busy machine
  // OpenBLAS' threads wait for each other and its default can be several times slower.
  const sk = skAll == null || sk1 == null ? skAll ?? sk1 : Math.min(skAll, sk1);
  const ref = (x) => (x === sk ? ' (the reference)' : '');
  const aCpu = at('atelier.mlp.cpu'), tfCpu = at('tfjs.mlp.cpu'), skCpu = at('sklearn.mlp@1thread.cpu');
  const loss = (x) => (x == null ? '—' : x.toFixed(4));
  const verdict = (ok, text) => (ok == null ? 'not judged (a figure is missing)' : `${ok ? '**met**' : '**not met**'} (${text})`);
  const tfInfo = info['tfjs.mlp'];
  const blas = py?.blas?.length ? py.blas.map((p) => `${p.internal_api} ${p.version ?? ''} (${p.num_threads} threads)`).join(', ') : '?';
  const arch = `${FEATURES}-${MLP.hidden_layer_sizes.join('-')}-1`;
  const ms = (x) => (x == null ? '—' : x.toFixed(1) + ' ms');
  const draws = D?.perFrame, raw = D?.draws?.flat(), over = draws?.filter((x) => x > DRAW.budgetMs).length;
  const p95 = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(0.95 * (xs.length - 1))];
  const drawMd = !D ? 'Not run.'
    : D.pending ? `**Pending**: ${D.pending}.${D.epochMs?.length ? ` The ${D.epochMs.length} epochs on moons took ${ms(median(D.epochMs))} each (median; in the app they run in the worker, off the main thread).` : ''}`
      : `| draws | median | 95th percentile | max | over ${DRAW.budgetMs} ms |
|---|---|---|---|---|
| each frame k = 1 … ${draws.length}, the median of ${D.draws.length} passes | ${ms(median(draws))} | ${ms(p95(draws))} | ${ms(Math.max(...draws))} | ${over} |
| every draw of the ${D.draws.length} passes | ${ms(median(raw))} | ${ms(p95(raw))} | ${ms(Math.max(...raw))} | ${raw.filter((x) => x > DRAW.budgetMs).length} |
| the first paint, no epoch yet | ${ms(D.empty)} | | | ${D.empty > DRAW.budgetMs ? 1 : 0} |

- What is timed: setting the canvas' size (as ui/chart.js does on a redraw, which clears it) and
  \`drawEpochs(canvas, spec)\` from dist/pkg/atelier.js with the first k epoch records, k = 1 … ${draws.length},
  on a ${DRAW.width}×${DRAW.height} CSS-pixel canvas at dpr ${DRAW.dpr} (${DRAW.width * DRAW.dpr}×${DRAW.height * DRAW.dpr} device pixels), one draw per
  animation frame, ${D.draws.length} passes (on a busy machine a pass' slowest draw can be another process'
  doing: the median of the passes, frame by frame, is the drawing's own cost), after a first
  paint with no epoch (the app draws the empty chart when the card appears; that first call
  pays for first use), as ui/chart.js redraws (the frame kept as JSON on the canvas too); the spec has the fields of src/plot/epochs.rs' \`LearningCurves\` (titles,
  labels, the epochs' records turned camelCase, \`maxEpochs\` ${DRAW.epochs}, the best epoch so far by validation loss). Chromium runs with
  --disable-gpu (software canvas), as in the e2e tests.
- The records: a real run of Atelier's MLP on the built-in moons (${D.rows ?? '?'} rows; ${D.spec ?? ''}),
  ${D.epochMs.length} epochs of ${ms(median(D.epochMs))} each (median, max ${ms(Math.max(...D.epochMs))}); in the app
  the epochs run in the worker and only the drawing is on the main thread.
- Every frame under ${DRAW.budgetMs} ms of main-thread work: ${verdict(draws.length ? over === 0 : null, `slowest frame ${ms(Math.max(...draws))}, median of the passes; slowest single draw ${ms(Math.max(...raw))}`)}.`;

  return `## Neural network: MLP ${arch}, one epoch

Data: the first ${ROWS.toLocaleString('en')} rows of the learning bench's problem (bench/learn.mjs, same seed:
${FEATURES} numeric features on scales 0.1 to 100, a 0/1 label drawn from a logistic model with an
interaction; ${py ? pct(py.positive_share) : '≈ 53 %'} ones); a CSV for Atelier, a float64 file for the others. Every contestant
standardises the features first (not timed) and trains the same network: ${arch}, ReLU, a
sigmoid output, binary cross-entropy, Adam (learning rate ${MLP.learning_rate_init}), batches of ${MLP.batch_size}, rows
shuffled every epoch, L2 α = ${MLP.alpha}, float64 for Atelier and scikit-learn, float32 for TF.js.
Each run trains a fresh network for ${MLP.epochs} epochs and times each epoch alone; the figure is the
median epoch over all runs. Load average (1 minute, ${os.cpus().length} cores) as the browser side started: ${load.browser.toFixed(2)},
as scikit-learn's started: ${load.native?.toFixed(2) ?? '—'}: other work on the machine slows everyone, multithreaded BLAS most. Versions: scikit-learn ${py?.sklearn ?? '?'} (numpy ${py?.numpy ?? '?'}; BLAS: ${blas}),
TensorFlow.js ${version('@tensorflow/tfjs')} with @tensorflow/tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}.

| contestant | seconds per epoch | fastest – slowest | / scikit-learn | CPU seconds per epoch | CPU / scikit-learn's | training loss after ${MLP.epochs} epochs | training accuracy |
|---|---|---|---|---|---|---|---|
| Atelier (wasm, Chromium) | ${sec(a)}${n('atelier.mlp')} | ${spread('atelier.mlp')} | ${ratio(a, sk)} | ${sec(aCpu)}${n('atelier.mlp.cpu')} | ${ratio(aCpu, skCpu)} | ${loss(R['atelier.mlp']?.loss)} | ${pct(R['atelier.mlp']?.accuracy)} |
| scikit-learn (native)${ref(skAll)} | ${sec(skAll)}${n('sklearn.mlp')} | ${spread('sklearn.mlp')} | ${ratio(skAll, sk)} | — | | ${loss(py?.loss)} | ${pct(py?.accuracy)} |
| scikit-learn, one BLAS thread${ref(sk1)} | ${sec(sk1)}${n('sklearn.mlp@1thread')} | ${spread('sklearn.mlp@1thread')} | ${ratio(sk1, sk)} | ${sec(skCpu)}${n('sklearn.mlp@1thread.cpu')} | 1× | | |
| TensorFlow.js (wasm backend, Chromium) | ${sec(tf)}${n('tfjs.mlp')} | ${spread('tfjs.mlp')} | ${ratio(tf, sk)} | ${sec(tfCpu)}${n('tfjs.mlp.cpu')} | ${ratio(tfCpu, skCpu)} | ${loss(R['tfjs.mlp']?.loss)} | ${pct(R['tfjs.mlp']?.accuracy)} |

CPU seconds: what the epoch cost the thread that ran it, which other work on the machine does
not inflate as it does the wall clock (the figure to trust when the load average is high): the
page's main thread (Chromium's \`ThreadTime\` through the DevTools protocol, read between epochs;
Atelier's first epoch of each run has none), the Python thread (\`time.thread_time()\`) on one BLAS thread.

- Atelier: \`const api = await load()\` from dist/api.js, then \`api.run(spec, { onEpoch(record, { ms }) })\`
  with spec \`${JSON.stringify(R['atelier.mlp']?.spec ?? '?')}\`; the
  figure is \`ms\`, the time of \`run.step()\` (one epoch: every batch, then the epoch's record:
  training loss and accuracy${R['atelier.mlp']?.spec?.split?.validation ? ', validation loss and accuracy' : ''}). Reading the CSV, encoding and scaling happen
  before the first epoch and are not in it; the whole \`api.run\` took ${sec(R['atelier.mlp']?.whole)} (last run).
- scikit-learn: \`MLPClassifier(hidden_layer_sizes=(${MLP.hidden_layer_sizes.join(', ')}), activation='relu', solver='adam', batch_size=${MLP.batch_size}, alpha=${MLP.alpha}, learning_rate_init=${MLP.learning_rate_init}, random_state=0)\`
  on \`StandardScaler\`-ed data, each epoch one \`partial_fit\` call (one shuffled pass over the
  rows, as an iteration of \`fit\`). Check: \`fit\` with max_iter=${MLP.epochs} took ${sec(py?.fit_per_epoch)} per epoch
  (${py?.fit_iterations ?? '?'} iterations). "One BLAS thread": the same under \`threadpool_limits(1)\`, as
  Atelier's wasm and TF.js here run on one thread. "/ scikit-learn" divides by the faster of
  the two (the reference): with other work on the machine, OpenBLAS' threads wait for each other.
  The loss and accuracy are those of the default run's last network.
- TensorFlow.js: \`tf.sequential()\` of dense ${MLP.hidden_layer_sizes.join(' relu → dense ')} relu → dense 1 sigmoid (Glorot uniform,
  as scikit-learn's initialisation), L2 ${(MLP.alpha / (2 * MLP.batch_size)).toExponential(2)} on the kernels (scikit-learn's α / (2 · batch)),
  \`adam(${MLP.learning_rate_init})\`, \`binaryCrossentropy\`; each epoch one
  \`model.fit(x, y, { epochs: 1, batchSize: ${MLP.batch_size}, shuffle: true, yieldEvery: 'never' })\` on tensors made
  beforehand (standardised with \`tf.moments\`), after one warm-up epoch on a throwaway model.
  \`yieldEvery: 'never'\`: by default fit waits for an animation frame every 125 ms, time spent
  idle, not learning. Backend ${tfInfo?.backend ?? '?'}, SIMD ${tfInfo?.simd ?? '?'}, threads ${tfInfo?.threads ?? '?'} (no cross-origin isolation here).
- Loss: the last epoch's mean cross-entropy over its batches as each reports it (scikit-learn's
  \`loss_\` and TF.js' \`history.loss\` with their L2 term, Atelier's record's \`train_loss\` without
  it: a difference of the order of 1e-4 here). Training accuracy: every row at 0.5 after the last
  epoch (Atelier: its report's training metrics).

### Live drawing: the learning curves after each of ${DRAW.epochs} epochs on moons

${drawMd}

### Targets

- Within 1.5× of scikit-learn: ${verdict(a != null && sk != null ? a <= 1.5 * sk : null, `${ratio(a, sk)} the faster scikit-learn; ${ratio(a, skAll)} its default, ${ratio(a, sk1)} one BLAS thread`)};
  in CPU time, against scikit-learn on one BLAS thread: ${verdict(aCpu != null && skCpu != null ? aCpu <= 1.5 * skCpu : null, ratio(aCpu, skCpu))}.
- Well ahead of TensorFlow.js: ${a != null && tf != null ? `TF.js takes ${ratio(tf, a)} Atelier's time per epoch${tfCpu != null && aCpu != null ? `, ${ratio(tfCpu, aCpu)} its CPU time` : ''}` : 'not judged (a figure is missing)'}.
- Every frame of live drawing under ${DRAW.budgetMs} ms: ${draws ? verdict(over === 0, `slowest of the ${draws.length} epochs' frames ${ms(Math.max(...draws))} (median of ${D.draws.length} passes), slowest single draw ${ms(Math.max(...raw))}; the first paint, before training, ${ms(D.empty)}`) : D?.pending ? 'pending (see above)' : 'not judged'}.
`;
}
