// The learning part of `npm run bench` (issue 7): logistic regression and a random forest of 100
// trees on a seeded 100,000 × 20 two-class problem. Atelier (wasm) in Chromium, one fresh page
// per contestant (wasm memory never shrinks), side by side with TensorFlow.js (wasm backend),
// ml-logistic-regression and ml-random-forest in the same kind of page, then scikit-learn
// natively (bench/learn_bench.py). Called by bench/run.mjs; returns a markdown section and the
// raw times. Everything runs one after the other.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normals, rng } from './gen.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(BENCH);
const OUT = join(BENCH, 'out');
const ROWS = 100_000, FEATURES = 20, SMALL_ROWS = 1_000;

/** The two-class problem, seeded: z ~ N(0, 1) in 20 columns; the label is drawn from a
 *  logistic model, P(y = 1) = σ(0.2 + 1.5 z0 − z1 + 0.8 z2 + 0.5 z3 − 0.3 z4 + 0.7 z5·z6), so
 *  five features act linearly, two only through their product (which a forest can use and a
 *  linear model cannot), thirteen are noise, and the labels are noisy. Each column is written as
 *  3j + s_j·z_j with scales s_j = 0.1, 1, 10, 100 in turn, so standardising matters, to 8
 *  significant digits. Writes `learn-<rows>.csv` (header f0..f19,y) and `learn-<rows>.f64`
 *  (rows × 21 float64, row-major, y last: the very numbers the CSV spells), for the full data
 *  and for its first `small` rows; kept in bench/out/, made only when absent. */
export async function generate(rows = ROWS, small = SMALL_ROWS, seed = 2024) {
  const name = (n) => join(OUT, `learn-${n}`);
  const files = { csv: name(rows) + '.csv', f64: name(rows) + '.f64', smallCsv: name(small) + '.csv', smallF64: name(small) + '.f64' };
  if (Object.values(files).every((f) => existsSync(f))) return files;
  mkdirSync(OUT, { recursive: true });
  const r = rng(seed), z = normals(r), width = FEATURES + 1;
  const beta = [1.5, -1, 0.8, 0.5, -0.3];
  const data = new Float64Array(rows * width), text = [];
  for (let i = 0; i < rows; i++) {
    const zi = Array.from({ length: FEATURES }, z);
    let logit = 0.2 + 0.7 * zi[5] * zi[6];
    for (let j = 0; j < beta.length; j++) logit += beta[j] * zi[j];
    const cells = [];
    for (let j = 0; j < FEATURES; j++) {
      const v = Number((3 * j + 10 ** ((j % 4) - 1) * zi[j]).toPrecision(8));
      data[i * width + j] = v;
      cells.push(String(v));
    }
    const y = r() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    data[i * width + FEATURES] = y;
    cells.push(String(y));
    text.push(cells.join(','));
  }
  const header = [...Array.from({ length: FEATURES }, (_, j) => `f${j}`), 'y'].join(',');
  const write = async (file, n) => {
    const out = createWriteStream(file + '.tmp');
    out.write(header + '\n');
    for (let i = 0; i < n; i += 5000) if (!out.write(text.slice(i, Math.min(n, i + 5000)).join('\n') + '\n')) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    renameSync(file + '.tmp', file);
  };
  await write(files.csv, rows);
  await write(files.smallCsv, small);
  writeFileSync(files.f64, Buffer.from(data.buffer));
  writeFileSync(files.smallF64, Buffer.from(data.buffer, 0, small * width * 8));
  return files;
}

// ---- the JS peers' files ------------------------------------------------------------------------

/** The CommonJS peers for the page: every file reachable by require() from `entries`, each
 *  require resolved by Node's own rules (nested node_modules included), as URLs; and the mounts
 *  that serve those packages. No bundler: learn-page.js runs the files with a small require. */
function commonJs(entries) {
  const url = (file) => '/' + relative(REPO, file).split('\\').join('/');
  const files = {}, queue = [], mounts = {};
  const rootRequire = createRequire(join(REPO, 'package.json'));
  const manifest = { entries: {}, files };
  for (const name of entries) {
    const file = rootRequire.resolve(name);
    manifest.entries[name] = url(file);
    queue.push(file);
  }
  while (queue.length) {
    const file = queue.pop();
    if (files[url(file)]) continue;
    const deps = (files[url(file)] = {});
    const pkg = relative(REPO, file).match(/^(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\//);
    if (pkg) mounts[`/${pkg[1]}/`] = pkg[1];
    const req = createRequire(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      let target;
      try { target = req.resolve(spec); } catch { continue; } // a require in a string or a comment
      if (!target.startsWith('/')) continue; // a Node built-in: not reachable from these peers' browser paths
      deps[spec] = url(target);
      queue.push(target);
    }
  }
  return { manifest, mounts };
}

export const version = (pkg) => { try { return JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version; } catch { return '?'; } };

// ---- the renderer's resident memory (Linux) -----------------------------------------------------

/** Chromium renderer processes started under this Node process. */
function renderers() {
  const parent = new Map(), cmd = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch { /* gone */ }
  }
  const mine = (pid) => { for (let p = pid, i = 0; p > 1 && i < 64; p = parent.get(p), i++) if (p === process.pid) return true; return false; };
  return [...cmd].filter(([pid, c]) => c.includes('--type=renderer') && mine(pid)).map(([pid]) => pid);
}
/** `VmRSS` and `VmHWM` of a process, in bytes. */
function residentOf(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(s.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
/** Writing 5 to clear_refs resets a process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0). */
function resetPeak(pid) { writeFileSync(`/proc/${pid}/clear_refs`, '5'); }

/** What a page with TensorFlow.js and its wasm backend (UMD builds) needs served. */
export const TFJS_MOUNTS = {
  '/node_modules/@tensorflow/tfjs/': 'node_modules/@tensorflow/tfjs',
  '/node_modules/@tensorflow/tfjs-backend-wasm/': 'node_modules/@tensorflow/tfjs-backend-wasm',
};

// ---- the part -----------------------------------------------------------------------------------

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
export const sec = (x) => (x == null || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(3) + ' s' : x.toFixed(1) + ' s');
export const ratio = (a, b) => (a && b ? (a / b >= 10 ? (a / b).toFixed(0) : (a / b).toFixed(a / b < 1 ? 2 : 1)) + '×' : '—');
export const pct = (x) => (x == null ? '—' : (100 * x).toFixed(2) + ' %');
const mb = (x) => (x == null ? '—' : (x / 2 ** 20).toFixed(1) + ' MiB');

export async function benchLearn({ runs, slowRuns, log, failures, launch, mounts }) {
  const times = {}; // what → [seconds]
  log(`learning: generating ${ROWS.toLocaleString('en')} × ${FEATURES} (kept in bench/out/)`);
  const files = await generate();
  const at = (f) => '/bench/out/' + f.split('/').pop();

  // ---- Chromium: one fresh page per contestant ----------------------------------------------
  let peers;
  try { peers = commonJs(['ml-matrix', 'ml-logistic-regression', 'ml-random-forest']); } catch (e) {
    failures.push(`learning: the CommonJS peers: ${e.message.split('\n')[0]}`);
  }
  const pageMounts = {
    ...mounts, ...(peers?.mounts ?? {}), ...TFJS_MOUNTS,
  };
  const CONTESTANTS = [
    { key: 'atelier.logistic', what: 'atelier.logistic', csv: files.csv, f64: files.f64 },
    { key: 'tfjs.logistic', what: 'tfjs.logistic', f64: files.f64 },
    { key: 'ml-logistic-regression', what: 'ml.logistic', f64: files.f64 },
    { key: 'atelier.forest', what: 'atelier.forest', csv: files.csv, f64: files.f64 },
    { key: 'atelier.forest@1000', what: 'atelier.forest', csv: files.smallCsv, f64: files.smallF64 },
    { key: 'ml-random-forest@1000', what: 'ml.forest', f64: files.smallF64 },
  ];
  // BENCH_LEARN=atelier.forest,sklearn (contestant keys, comma-separated): only those, for trying out.
  const pick = process.env.BENCH_LEARN ? process.env.BENCH_LEARN.split(',') : null;
  const contestants = CONTESTANTS.filter((c) => !pick || pick.includes(c.key));
  const results = {}, memory = {}, info = {};
  let config = null, browserVersion = null;
  log('Chromium: Atelier, TF.js (wasm), ml-logistic-regression, ml-random-forest');
  const b = await launch({ mounts: pageMounts, args: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });
  try {
    browserVersion = b.context.browser()?.version() ?? null;
    for (const c of contestants) {
      let page, pid = null;
      try {
        page = await b.newPage();
        await page.goto(b.url + '/bench/learn.html');
        await page.waitForFunction(() => window.learnReady, null, { timeout: 60_000 });
        info[c.key] = await page.evaluate((a) => window.learn.setup(a),
          { what: c.what, csv: c.csv && at(c.csv), f64: at(c.f64), cjs: peers?.manifest });
        config ??= await page.evaluate(() => window.learn.config());
        // The page's renderer: the largest, now that it holds the data (Chromium keeps a spare
        // renderer ready and hands it to the next page, so "the newest" would be the wrong one).
        try { pid = renderers().map((p) => [p, residentOf(p).rss]).sort((x, y) => y[1] - x[1])[0]?.[0]; } catch { /* not Linux */ }
        const list = [];
        for (let i = 0; i < runs; i++) {
          await page.evaluate(() => window.learn.gc());
          let rss0 = null;
          if (i === 0 && pid) { try { resetPeak(pid); rss0 = residentOf(pid).rss; } catch { /* not Linux, or not allowed */ } }
          const m0 = i === 0 ? await page.evaluate(() => window.learn.memory()) : null;
          const { s, result } = await page.evaluate(() => window.learn.run());
          if (i === 0) {
            const m1 = await page.evaluate(() => window.learn.memory());
            memory[c.key] = {
              wasm: m0.wasm != null ? m1.wasm - m0.wasm : null, wasmAfter: m1.wasm,
              tfjs: m0.tfjs != null ? m1.tfjs - m0.tfjs : null, tfjsAfter: m1.tfjs,
              rss: rss0 != null ? residentOf(pid).hwm - rss0 : null,
            };
          }
          list.push(s);
          if (result?.parts) result.partsAll = [...(results[c.key]?.partsAll ?? []), result.parts];
          results[c.key] = result;
          if (s > 5 && list.length >= slowRuns) break;
          if (s > 60) break; // one very slow run is enough to make the point
        }
        log(`  ${c.key}: ${list.map((s) => s.toFixed(3)).join(' ')} s, accuracy ${results[c.key]?.accuracy}`);
        times[c.key] = list;
        if (page.consoleErrors.length) failures.push(`learning page (${c.key}) console: ${page.consoleErrors.join(' | ')}`);
        if (page.offOrigin.length) failures.push(`learning page (${c.key}) fetched off-origin: ${page.offOrigin.join(' ')}`);
      } catch (e) {
        failures.push(`learning, ${c.key}: ${e.message.split('\n')[0]}`);
        if (page?.consoleErrors.length) failures.push(`learning page (${c.key}) console: ${page.consoleErrors.join(' | ')}`);
      } finally {
        await page?.close().catch(() => {});
        // Let the closed page's renderer go, so the next page's is the largest.
        for (let i = 0; i < 50 && pid && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await b.close();
  }

  // ---- natively: scikit-learn --------------------------------------------------------------
  let py = null;
  if (!pick || pick.includes('sklearn')) {
    log('scikit-learn LogisticRegression / RandomForestClassifier');
    const r = spawnSync('python3', [join(BENCH, 'learn_bench.py'), files.f64, String(runs), String(slowRuns), files.smallF64],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status === 0) py = JSON.parse(r.stdout);
    else failures.push(`learn_bench.py: exit ${r.status}${r.error ? ' ' + r.error.message : ''} (its error is above in the log)`);
  }
  if (py) {
    times['sklearn.logistic'] = py.logistic.times;
    times['sklearn.logistic.fit'] = py.logistic.fit;
    times['sklearn.forest'] = py.forest.times;
    times['sklearn.forest.fit'] = py.forest.fit;
    times['sklearn.forest@1000'] = py.forest_small.times;
    log(`  scikit-learn: logistic ${py.logistic.times.map((s) => s.toFixed(3)).join(' ')} s, forest ${py.forest.times.map((s) => s.toFixed(3)).join(' ')} s`);
  }

  return { times, browserVersion, md: section({ times, results, memory, info, config, py }) };
}

// ---- the section ------------------------------------------------------------------------------

function section({ times, results: R, memory: M, info, config, py }) {
  const at = (w) => (times[w] ? median(times[w]) : null);
  const n = (w) => (times[w] ? ` (n=${times[w].length})` : '');
  const gap = (k) => (R[k]?.objective != null && py ? (R[k].objective - py.logistic.objective >= 0 ? '+' : '−') + Math.abs(R[k].objective - py.logistic.objective).toExponential(1) : '—');
  const coefDiff = (k) => {
    const r = R[k];
    if (!r?.coefficients || !py) return null;
    return Math.max(Math.abs(r.intercept - py.logistic.intercept), ...r.coefficients.map((w, j) => Math.abs(w - py.logistic.coef[j])));
  };
  const skL = at('sklearn.logistic'), skLfit = at('sklearn.logistic.fit');
  const skF = at('sklearn.forest'), skFfit = at('sklearn.forest.fit'), skF1k = at('sklearn.forest@1000');
  const aL = at('atelier.logistic'), aF = at('atelier.forest'), aF1k = at('atelier.forest@1000');
  const tfL = at('tfjs.logistic'), mlL = at('ml-logistic-regression'), mlF1k = at('ml-random-forest@1000');
  const rss = (k) => mb(M[k]?.rss), wasm = (k, f = 'wasm') => (M[k]?.[f] == null ? '—' : `${mb(M[k][f])} (to ${mb(M[k][f + 'After'])})`);
  const verdict = (a, ref, limit) => (a == null || ref == null ? 'not judged (a time is missing)' : a <= limit * ref ? `**met** (${ratio(a, ref)})` : `**not met** (${ratio(a, ref)})`);
  const tf = info['tfjs.logistic'], cfg = config ?? {};
  const skAccL = py?.logistic.accuracy, skAccF = py?.forest.accuracy;
  const dAtelier = coefDiff('atelier.logistic');
  // Atelier's time split into experiment() / step()s / report(), medians over its runs.
  const partOf = (k, f) => (R[k]?.partsAll?.length ? median(R[k].partsAll.map((x) => x[f])) : null);
  const parts = (k) => (partOf(k, 'fit') == null ? 'not measured'
    : `\`experiment()\` (encode, scale) ${sec(partOf(k, 'prepare'))}, the \`step()\`s (the fit) ${sec(partOf(k, 'fit'))}, \`report()\` (score the rows, curves) ${sec(partOf(k, 'report'))}`);

  return `## Learning (issue 7)

Data (seeded, bench/learn.mjs, in bench/out/): **${ROWS.toLocaleString('en')} × ${FEATURES}** numeric features and a 0/1 label
y (${py ? pct(py.positive_share) : '≈ 53 %'} ones) drawn from a logistic model,
P(y = 1) = σ(0.2 + 1.5 z0 − z1 + 0.8 z2 + 0.5 z3 − 0.3 z4 + 0.7 z5·z6): five features act
linearly, two only through their product (a forest can use it, a linear model cannot), thirteen
are noise; column j is 3j + s·z_j with s = 0.1, 1, 10, 100 in turn, so scaling matters. The same
numbers for everyone: a CSV for Atelier (header f0..f19,y; 20.4 MB) and a float64 file for the
peers, which take arrays. Each run fits on all rows and scores them: the accuracy is on the
training rows at a 0.5 threshold (so a fast but wrong contestant shows), not a test score.
Versions: scikit-learn ${py?.sklearn ?? '?'} (numpy ${py?.numpy ?? '?'}), TensorFlow.js ${version('@tensorflow/tfjs')} with
@tensorflow/tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}, ml-logistic-regression ${version('ml-logistic-regression')}, ml-random-forest ${version('ml-random-forest')} (ml-cart ${version('ml-cart')}).

### Logistic regression, ${ROWS.toLocaleString('en')} × ${FEATURES}, L2, C = 1, standardised

| contestant | time | / scikit-learn | training accuracy | objective − scikit-learn's | wasm memory growth | peak RSS growth |
|---|---|---|---|---|---|---|
| Atelier (wasm, Chromium): whole run | ${sec(aL)}${n('atelier.logistic')} | ${ratio(aL, skL)} | ${pct(R['atelier.logistic']?.accuracy)} | ${gap('atelier.logistic')} | ${wasm('atelier.logistic')} | ${rss('atelier.logistic')} |
| scikit-learn (native): scaler + fit + predict_proba | ${sec(skL)}${n('sklearn.logistic')} | 1× | ${pct(skAccL)} | 0 (${py ? py.logistic.objective.toFixed(6) : '—'}) | — | ${mb(py?.logistic.peak_rss)} |
| scikit-learn: \`fit\` alone | ${sec(skLfit)} | ${ratio(skLfit, skL)} | | | | |
| TensorFlow.js (wasm backend, Chromium) | ${sec(tfL)}${n('tfjs.logistic')} | ${ratio(tfL, skL)} | ${pct(R['tfjs.logistic']?.accuracy)} | ${gap('tfjs.logistic')} | ${wasm('tfjs.logistic', 'tfjs')} | ${rss('tfjs.logistic')} |
| ml-logistic-regression (Chromium), ${cfg.mlLogistic?.numSteps ?? '?'} steps | ${sec(mlL)}${n('ml-logistic-regression')} | ${ratio(mlL, skL)} | ${pct(R['ml-logistic-regression']?.accuracy)} | ${gap('ml-logistic-regression')} | — | ${rss('ml-logistic-regression')} |

- Atelier: the CSV read once with \`openDataset(bytes)\` (not timed), then timed:
  \`run = dataset.experiment(spec); while (!run.done()) run.step(); run.report(); run.free()\` with
  spec \`{ "target": "y", "positive": "1", "split": { "test": 0, "validation": 0 }, "scale": "standard", "model": { "kind": "logistic_regression", "C": 1 } }\`:
  encoding, scaling, the fit, and scoring every training row (metrics, ROC and PR curves).
  Atelier's time, medians of its runs: ${parts('atelier.logistic')}; its fit alone is
  ${ratio(partOf('atelier.logistic', 'fit'), skLfit)} scikit-learn's fit alone.
  Its coefficients vs scikit-learn's: ${dAtelier == null ? 'not compared (no coefficients in the report)' : `largest absolute difference ${dAtelier.toExponential(1)} (intercept included)`}.
- scikit-learn: \`StandardScaler().fit(X)\`, \`transform\`, \`LogisticRegression(C=1.0).fit\` (lbfgs,
  ${py ? py.logistic.n_iter + ' iterations' : '?'}), \`predict_proba\` on the same rows; the fit alone is timed within the same runs.
- TensorFlow.js: one \`dense\` unit with a sigmoid, \`kernelRegularizer: l2(1/(2Cn))\`, so its loss (mean
  cross-entropy + l2·‖w‖²) is scikit-learn's objective divided by C·n; Adam (learning rate
  ${cfg.tfjs?.learningRate ?? '?'}), batches of ${cfg.tfjs?.batchSize ?? '?'}, shuffled, stopped when an epoch lowers the loss by less than
  ${cfg.tfjs?.minDelta ?? '?'} (at most ${cfg.tfjs?.maxEpochs ?? '?'} epochs; it ran ${R['tfjs.logistic']?.epochs ?? '?'}). The timed run standardises the arrays, makes the
  tensors, fits and predicts every row. Backend ${tf?.backend ?? '?'}, SIMD ${tf?.simd ?? '?'}, threads ${tf?.threads ?? '?'}
  (the threaded build needs a cross-origin-isolated page; this one, like Atelier, runs on one
  thread). Its .wasm files are served from node_modules (\`tf.wasm.setWasmPaths\`); float32.
- ml-logistic-regression: batch gradient ascent on the summed log-likelihood, no penalty and no
  intercept (a column of ones added for one), one-vs-rest, so two fits for two classes; its
  default 50,000 steps capped at **${cfg.mlLogistic?.numSteps ?? '?'}**, and its default learning rate (5e-4, which overshoots
  on a gradient summed over 100,000 rows) set to ${cfg.mlLogistic?.learningRate ?? '?'}. Timed: standardising into an ml-matrix
  \`Matrix\`, \`train\`, \`predict\` on every row. The objective is scored on its class-1 weights.
- "objective − scikit-learn's": mean log-loss + ‖w‖²/(2Cn) on the standardised data, computed in
  float64 from each model's coefficients, minus the same for scikit-learn's fit (its default
  tolerance: a negative gap is a slightly tighter fit, not a better model).

### Random forest, 100 trees, ${ROWS.toLocaleString('en')} × ${FEATURES}

| contestant | time | / scikit-learn | training accuracy | wasm memory growth | peak RSS growth |
|---|---|---|---|---|---|
| Atelier (wasm, Chromium): whole run | ${sec(aF)}${n('atelier.forest')} | ${ratio(aF, skF)} | ${pct(R['atelier.forest']?.accuracy)} | ${wasm('atelier.forest')} | ${rss('atelier.forest')} |
| scikit-learn (native): fit + predict_proba | ${sec(skF)}${n('sklearn.forest')} | 1× | ${pct(skAccF)} | — | ${mb(py?.forest.peak_rss)} |
| scikit-learn: \`fit\` alone | ${sec(skFfit)} | ${ratio(skFfit, skF)} | | | |
| ml-random-forest | not run on 100,000 rows: see below | — | — | — | — |

- Atelier: as above with \`"scale": "none"\` and \`"model": { "kind": "random_forest", "n_estimators": 100, "seed": 0 }\`
  (one tree per \`step()\`): ${parts('atelier.forest')}; its fit alone is ${ratio(partOf('atelier.forest', 'fit'), skFfit)} scikit-learn's fit alone.
  scikit-learn: \`RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=0)\`
  (max_features='sqrt', bootstrap, fully grown), \`fit\` then \`predict_proba\` on the same rows.
  The training accuracy of a fully grown forest is close to 100 %: it says the forest was grown,
  not how well it generalises.

### Random forest, 100 trees, the first ${SMALL_ROWS.toLocaleString('en')} rows (for ml-random-forest)

ml-random-forest's trees (ml-cart) try every midpoint between consecutive sorted values with a
label change as a split and partition the whole node for each: O(n²) per node and feature. Tried
in Node while this part was written: 5 trees took 3.0 s on 1,000 rows and 8.8 s on 2,000 (a busy
machine), so 100 trees on 100,000 rows would take days; it runs here on the first ${SMALL_ROWS.toLocaleString('en')} rows, and so do the others for the comparison.

| contestant | time | / scikit-learn | training accuracy | wasm memory growth | peak RSS growth |
|---|---|---|---|---|---|
| Atelier (wasm, Chromium): whole run | ${sec(aF1k)}${n('atelier.forest@1000')} | ${ratio(aF1k, skF1k)} | ${pct(R['atelier.forest@1000']?.accuracy)} | ${wasm('atelier.forest@1000')} | ${rss('atelier.forest@1000')} |
| scikit-learn (native): fit + predict_proba | ${sec(skF1k)}${n('sklearn.forest@1000')} | 1× | ${pct(py?.forest_small?.accuracy)} | — | ${mb(py?.forest_small?.peak_rss)} |
| ml-random-forest (Chromium) | ${sec(mlF1k)}${n('ml-random-forest@1000')} | ${ratio(mlF1k, skF1k)} | ${pct(R['ml-random-forest@1000']?.accuracy)} | — | ${rss('ml-random-forest@1000')} |

- ml-random-forest: \`new RandomForestClassifier({ nEstimators: 100, maxFeatures: 4, replacement: false, useSampleBagging: true, noOOB: true, seed: 0, treeOptions: { gainFunction: 'gini', minNumSamples: 1, gainThreshold: 0 } })\`,
  \`train(rows, y)\`, \`predict(rows)\` on arrays of arrays. It draws its 4 features (√20, as
  scikit-learn's 'sqrt') once per tree, where scikit-learn and Atelier draw them at every split,
  and it votes (no probabilities); its defaults (features drawn with replacement, minNumSamples 3,
  gainThreshold 0.01, out-of-bag scoring) changed to match scikit-learn's forest.

### Targets (issue 7)

- Logistic regression within 2× of scikit-learn: ${verdict(aL, skL, 2)}, Atelier's whole run against
  scikit-learn's scaler + fit + predict_proba; fit against fit ${ratio(partOf('atelier.logistic', 'fit'), skLfit)}.
- Random forest within 3× of scikit-learn: ${verdict(aF, skF, 3)}, Atelier's whole run against
  scikit-learn's fit + predict_proba; fit against fit ${ratio(partOf('atelier.forest', 'fit'), skFfit)}.

### Memory: what each figure means

- **wasm memory growth**: \`memory.buffer.byteLength\` of the wasm instance before and after the
  first timed run, in a page of its own (Atelier: the core's memory, from the wasm-bindgen glue's
  init, which returns the instance's exports; TF.js: its backend's heap, \`tf.backend().wasm.HEAPU8\`).
  Wasm memory only grows, so this is how far the run pushed the high-water mark past what reading
  the data had already reserved: it can be less than what the fit allocated (freed space gets
  reused), never more. "to" is the memory's size after the run.
- **peak RSS growth**: the operating system's peak resident set of the process during the first
  timed run, minus its resident set just before (Linux: \`/proc/PID/clear_refs\` reset, then
  \`VmHWM\`): the page's renderer process for the browser contestants (wasm memory, JS heap and
  everything else the run touched), the Python process for scikit-learn. Pages that only grow
  their heap by reusing memory freed earlier show little.
`;
}
