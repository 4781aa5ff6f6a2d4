// npm run bench: Atelier (wasm in Chromium) vs papaparse (same page) vs pandas (native) on a
// seeded 1,000,000 × 10 numeric CSV, plus Atelier's first load (bench/load.mjs), plus the projections of
// issue 3 (t-SNE, UMAP, PCA vs tsne-js, umap-js, ml-pca, scikit-learn, umap-learn: see
// bench/projections.mjs), the evaluation of issue 4 (bench/evaluate.mjs) and the learning of
// issue 7 (logistic regression and a random forest vs scikit-learn, TF.js, ml-logistic-regression,
// ml-random-forest: bench/learn.mjs) and the neural network (an MLP's epoch vs scikit-learn and TF.js,
// the learning curves drawn live: bench/mlp.mjs), the digits CNN of issue 12 (an epoch vs TF.js:
// bench/cnn.mjs) and the cross-validation of issue 9 (5 folds of scaler + logistic regression,
// and a random search, vs scikit-learn: bench/cv.mjs). Writes bench/results.md.
//   BENCH_ROWS=100000 BENCH_RUNS=3 node bench/run.mjs   (smaller/faster, for trying it out)
//   BENCH_ONLY=parse|projections|evaluate|learn|mlp|cnn|cv|load node bench/run.mjs (one part only; writes
//                                                                bench/out/results-<part>.md instead)
//   BENCH_ONLY=learn BENCH_LEARN=atelier.forest,sklearn node bench/run.mjs (some contestants of
//                                                                the learning part only)
//   BENCH_ONLY=mlp BENCH_MLP=atelier.mlp,sklearn node bench/run.mjs (likewise for the MLP part:
//                                                     atelier.mlp, tfjs.mlp, atelier.draw, sklearn)
//   BENCH_ONLY=cnn BENCH_CNN=atelier.cnn node bench/run.mjs (likewise for the CNN part: atelier.cnn, tfjs.cnn, tfjs-cpu.cnn)
//   BENCH_ONLY=cv BENCH_CV=atelier node bench/run.mjs (likewise for the CV part: atelier, sklearn)
// Everything runs one after the other, never concurrently: a 2-core machine is noisy enough.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/helpers/browser.mjs';
import { generate } from './gen.mjs';
import { benchProjections, MOUNTS as PEER_MOUNTS } from './projections.mjs';
import { benchEvaluate } from './evaluate.mjs';
import { benchLearn } from './learn.mjs';
import { benchMlp } from './mlp.mjs';
import { benchCnn } from './cnn.mjs';
import { benchCv } from './cv.mjs';
import { benchLoad } from './load.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(BENCH);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SLOW_RUNS = Math.min(RUNS, 3); // for anything whose first run takes over 5 s
// The bench page loads every JS peer, so both parts serve all of them (same origin).
const MOUNTS = { '/bench/': 'bench', '/node_modules/papaparse/': 'node_modules/papaparse', ...PEER_MOUNTS };
const ONLY = process.env.BENCH_ONLY ?? '';
if (ONLY && !['parse', 'projections', 'evaluate', 'learn', 'mlp', 'cnn', 'cv', 'load'].includes(ONLY)) { console.error(`bench: BENCH_ONLY=${ONLY}? parse, projections, evaluate, learn, mlp, cnn, cv or load`); process.exit(2); }
const doParse = !ONLY || ONLY === 'parse', doProjections = !ONLY || ONLY === 'projections', doEvaluate = !ONLY || ONLY === 'evaluate';
const doLearn = !ONLY || ONLY === 'learn', doMlp = !ONLY || ONLY === 'mlp', doCnn = !ONLY || ONLY === 'cnn';
const doCv = !ONLY || ONLY === 'cv', doLoad = !ONLY || ONLY === 'load';

const log = (...a) => console.log('bench:', ...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const sec = (x) => (x == null || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(3) + ' s' : x.toFixed(1) + ' s');
const ratio = (a, b) => (a && b ? (a / b).toFixed(1) + '×' : '—');
const failures = [];

// ---- data -----------------------------------------------------------------------------------
let csvFile = null, csvBytes = 0;
if (doParse) {
  log(`generating ${ROWS} × 10 CSV (kept in bench/out/)`);
  csvFile = await generate(ROWS);
  csvBytes = statSync(csvFile).size;
}

// ---- pandas, natively -----------------------------------------------------------------------
let pandas = null;
if (doParse) {
  log('pandas read_csv + describe');
  const r = spawnSync('python3', [join(BENCH, 'pandas_bench.py'), csvFile, String(RUNS)],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status === 0) pandas = JSON.parse(r.stdout);
  else failures.push(`pandas: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
}

// ---- Atelier and papaparse in Chromium --------------------------------------------------------
const times = {}; // what → [seconds]
let describeResult = null, browserVersion = '?';
async function timeRuns(page, what) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { s, result } = await page.evaluate((w) => window.bench.run(w), what);
    runs.push(s);
    if (what === 'atelier.describe') describeResult = result;
    if (what === 'papaparse' && result.rows !== ROWS) throw new Error(`papaparse read ${result.rows} rows`);
    if (s > 5 && runs.length >= SLOW_RUNS) break;
  }
  log(`  ${what}: ${runs.map((s) => s.toFixed(3)).join(' ')} s`);
  times[what] = runs;
}

if (doParse) {
  log('Chromium: Atelier readTable / describe, papaparse');
  const b = await launch({ mounts: MOUNTS, args: ['--js-flags=--expose-gc'] });
  let page;
  try {
    browserVersion = b.context.browser()?.version() ?? browserVersion;
    page = await b.newPage();
    await page.goto(b.url + '/bench/page.html');
    await page.waitForFunction(() => window.benchReady || window.benchError, null, { timeout: 60_000 });
    const loadError = await page.evaluate(() => window.benchError);
    if (loadError) throw new Error(loadError);
    await page.evaluate((u) => window.bench.fetchData(u), '/bench/out/' + csvFile.split('/').pop());
    for (const what of ['atelier.readTable', 'atelier.describe', 'papaparse']) {
      try { await timeRuns(page, what); } catch (e) { failures.push(`${what}: ${e.message.split('\n')[0]}`); }
    }
    if (page.consoleErrors.length) failures.push(`bench page console: ${page.consoleErrors.join(' | ')}`);
    if (page.offOrigin.length) failures.push(`bench page fetched off-origin: ${page.offOrigin.join(' ')}`);
  } catch (e) {
    failures.push(`browser: ${e.message.split('\n')[0]}`);
    if (page?.consoleErrors.length) failures.push(`bench page console: ${page.consoleErrors.join(' | ')}`);
  } finally {
    await b.close();
  }
}

// ---- does Atelier's describe agree with pandas? ------------------------------------------------
// The describe result's exact shape is the API's business: look for the usual stat names.
const STAT_KEYS = {
  count: ['count'], mean: ['mean'], std: ['std'], min: ['min'], max: ['max'],
  '25%': ['25%', 'q25', 'p25', 'q1'], '50%': ['50%', 'median', 'q50', 'p50'], '75%': ['75%', 'q75', 'p75', 'q3'],
};
function checkDescribe() {
  if (!describeResult || !pandas) return 'not checked (a side is missing)';
  let n = 0, bad = [], worst = 0;
  for (const col of describeResult.columns ?? []) {
    const ref = pandas.describe_result[col.name];
    const st = col.stats ?? col.summary ?? col;
    if (!ref) continue;
    for (const [k, names] of Object.entries(STAT_KEYS)) {
      const v = names.map((x) => st[x]).find((x) => typeof x === 'number');
      if (v === undefined) continue;
      const rel = Math.abs(v - ref[k]) / Math.max(Math.abs(ref[k]), 1e-300);
      n++; worst = Math.max(worst, rel);
      if (rel > 1e-9) bad.push(`${col.name}.${k} ${v} vs ${ref[k]}`);
    }
  }
  if (!n) return 'not checked (no stats recognised in the describe result)';
  return bad.length
    ? `**${bad.length} of ${n} values differ from pandas** beyond 1e-9 relative: ${bad.slice(0, 5).join('; ')}`
    : `all ${n} values match pandas (largest relative difference ${worst.toExponential(1)})`;
}
const describeCheck = checkDescribe();

// ---- first load (issue 10): bench/load.mjs, a part of its own --------------------------------
let firstLoad = null;
if (doLoad) {
  firstLoad = await benchLoad({ runs: RUNS, log, failures, launch });
  Object.assign(times, firstLoad.times);
  if (browserVersion === '?') browserVersion = firstLoad.browserVersion ?? browserVersion;
}

// ---- projections: t-SNE, UMAP, PCA (issue 3) --------------------------------------------------
let projections = null;
if (doProjections) {
  projections = await benchProjections({ runs: RUNS, slowRuns: SLOW_RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, projections.times);
  if (browserVersion === '?') browserVersion = projections.browserVersion ?? browserVersion;
}

// ---- evaluation: ROC AUC + average precision (issue 4) -----------------------------------------
let evaluation = null;
if (doEvaluate) {
  evaluation = await benchEvaluate({ runs: RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, evaluation.times);
}

// ---- learning: logistic regression and random forest (issue 7) ---------------------------------
let learning = null;
if (doLearn) {
  learning = await benchLearn({ runs: RUNS, slowRuns: SLOW_RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, learning.times);
  if (browserVersion === '?') browserVersion = learning.browserVersion ?? browserVersion;
}

// ---- neural network: an MLP's epoch, the learning curves drawn live ---------------------------
let mlp = null;
if (doMlp) {
  mlp = await benchMlp({ runs: RUNS, slowRuns: SLOW_RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, mlp.times);
  if (browserVersion === '?') browserVersion = mlp.browserVersion ?? browserVersion;
}

// ---- the digits CNN: an epoch vs TF.js (issue 12) ---------------------------------------------
let cnn = null;
if (doCnn) {
  cnn = await benchCnn({ runs: RUNS, slowRuns: SLOW_RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, cnn.times);
  if (browserVersion === '?') browserVersion = cnn.browserVersion ?? browserVersion;
}

// ---- cross-validation: 5 folds, and a random search (issue 9) ---------------------------------
let cv = null;
if (doCv) {
  cv = await benchCv({ runs: RUNS, slowRuns: SLOW_RUNS, log, failures, launch, mounts: MOUNTS });
  Object.assign(times, cv.times);
  if (browserVersion === '?') browserVersion = cv.browserVersion ?? browserVersion;
}

// ---- results.md -------------------------------------------------------------------------------
const at = (w) => (times[w] ? median(times[w]) : null);
const n = (w) => (times[w] ? ` (n=${times[w].length})` : '');
const aParse = at('atelier.readTable'), aDesc = at('atelier.describe'), pp = at('papaparse');
const pdRead = pandas && median(pandas.read_csv), pdDesc = pandas && median(pandas.describe);
const pdBoth = pandas && median(pandas.read_csv.map((r, i) => r + pandas.describe[i]));
const pyVersion = spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim();
const ppVersion = doParse && JSON.parse(readFileSync(join(REPO, 'node_modules/papaparse/package.json'), 'utf8')).version;

const parseMd = !doParse ? '' : `## Parse and describe: ${ROWS.toLocaleString('en')} × 10 numeric CSV (${(csvBytes / 1e6).toFixed(1)} MB)

Seeded by bench/gen.mjs: 3 integer and 7 float columns written exactly as pandas' \`to_csv\` would.

| task | Atelier (wasm, Chromium) | papaparse (same page) | pandas (native) | Atelier / pandas | papaparse / Atelier |
|---|---|---|---|---|---|
| parse | ${sec(aParse)}${n('atelier.readTable')} | ${sec(pp)}${n('papaparse')} | ${sec(pdRead)} | ${ratio(aParse, pdRead)} | ${ratio(pp, aParse)} |
| parse + describe | ${sec(aDesc)}${n('atelier.describe')} | — (no describe) | ${sec(pdBoth)} | ${ratio(aDesc, pdBoth)} | — |
| describe alone | ${sec(aDesc != null && aParse != null ? aDesc - aParse : null)} (difference of the medians) | — | ${sec(pdDesc)} | ${ratio(aDesc - aParse, pdDesc)} | — |

- Atelier: \`(await import('/api.js')).load()\`, then \`api.readTable(bytes)\` and \`api.describe(bytes)\`
  on the file's bytes (a \`Uint8Array\`), so UTF-8 decoding is inside its times.
- papaparse: \`Papa.parse(text, { header: true, dynamicTyping: true, skipEmptyLines: true })\` on a
  string decoded beforehand (decoding not counted); it has no describe.
- pandas: \`pd.read_csv(path)\` (file in the page cache), then \`df.describe()\`, timed separately.
- Atelier's describe vs pandas': ${describeCheck}.
`;

const md = `# Atelier benchmarks

Written by \`npm run bench\` (bench/run.mjs${ONLY ? `, BENCH_ONLY=${ONLY}` : ''}); medians of up to ${RUNS} runs (${SLOW_RUNS} for slow ones, 1 when a run takes over 60 s).
Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Chromium ${browserVersion} (headless), Node ${process.version}, ${pyVersion}${doParse ? `, pandas ${pandas?.pandas ?? '?'}, papaparse ${ppVersion}` : ''}.
Only ratios within one run mean much: on a shared machine absolute times move.

${parseMd}${projections ? `\n${projections.md}` : ''}${evaluation ? `\n${evaluation.md}` : ''}${learning ? `\n${learning.md}` : ''}${mlp ? `\n${mlp.md}` : ''}${cnn ? `\n${cnn.md}` : ''}${cv ? `\n${cv.md}` : ''}${firstLoad ? `\n${firstLoad.md}` : ''}${failures.length ? `\n## Problems in this run\n\n${failures.map((f) => `- ${f}`).join('\n')}\n` : ''}
## Raw times (s)

${Object.entries({ ...times, ...(pandas ? { 'pandas.read_csv': pandas.read_csv, 'pandas.describe': pandas.describe } : {}) })
  .map(([k, v]) => `- ${k}: ${v.map((x) => x.toFixed(3)).join(', ')}`).join('\n')}
`;
const resultsFile = ONLY ? join(BENCH, 'out', `results-${ONLY}.md`) : join(BENCH, 'results.md');
mkdirSync(dirname(resultsFile), { recursive: true }); // bench/out/: a part without generated data may be the first
writeFileSync(resultsFile, md);
log(`wrote ${relative(REPO, resultsFile)}`);
if (failures.length) { console.error('bench: problems:\n  ' + failures.join('\n  ')); process.exit(1); }
