// ROC AUC + average precision on 1,000,000 tied scores (issue 4): Atelier in Chromium, side by
// side with ml-performance (same page) and scikit-learn natively. Returns a results section.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const OUT = join(BENCH, 'out');
export const MOUNTS = { '/node_modules/ml-performance/': 'node_modules/ml-performance' };

/** n labels then n scores (float64): scores on a grid of 1,000 values, so ties abound, and
 *  labels that follow the score loosely (AUC about 0.75). Seeded xorshift. */
function generate(n) {
  const data = new Float64Array(2 * n);
  let state = 0x2545f4914f6cdd1dn;
  const next = () => {
    state ^= (state << 13n) & 0xffffffffffffffffn;
    state ^= state >> 7n;
    state ^= (state << 17n) & 0xffffffffffffffffn;
    return Number(state & 0xffffffn) / 0x1000000;
  };
  for (let i = 0; i < n; i++) {
    const score = Math.floor(next() * 1000) / 1000;
    data[i] = next() < 0.2 + 0.6 * score ? 1 : 0;
    data[n + i] = score;
  }
  const file = join(OUT, `scores-${n}.f64`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(file, Buffer.from(data.buffer));
  return file;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const sec = (x) => (x == null ? '—' : x.toFixed(3) + ' s');

export async function benchEvaluate({ runs, log, failures, launch, mounts }) {
  const n = 1_000_000;
  log(`evaluation: generating ${n.toLocaleString('en')} tied scores`);
  const file = generate(n);
  const times = {};
  const results = {};
  log('scikit-learn roc_auc_score + average_precision_score');
  const py = spawnSync('python3', [join(BENCH, 'evaluate_bench.py'), file, String(runs)], { encoding: 'utf8' });
  if (py.status === 0) {
    const r = JSON.parse(py.stdout);
    times['sklearn.auc+ap'] = r.times;
    results.sklearn = r;
  } else failures.push(`scikit-learn evaluation: ${(py.stderr || '').trim().split('\n').pop()}`);

  log('Chromium: Atelier roc + pr, ml-performance AUC');
  const b = await launch({ mounts: { ...mounts, ...MOUNTS } });
  try {
    const page = await b.newPage();
    await page.goto(b.url + '/bench/evaluate.html');
    await page.waitForFunction(() => window.evalReady, null, { timeout: 60_000 });
    await page.evaluate((u) => window.evalBench.fetchData(u), `/bench/out/scores-${n}.f64`);
    for (const what of ['atelier', 'ml-performance']) {
      const list = [];
      for (let i = 0; i < runs; i++) {
        const { s, result } = await page.evaluate((w) => window.evalBench.run(w), what);
        list.push(s);
        results[what] = result;
      }
      log(`  ${what}: ${list.map((s) => s.toFixed(3)).join(' ')} s`);
      times[what === 'atelier' ? 'atelier.roc+pr' : 'ml-performance.auc'] = list;
    }
    if (page.consoleErrors.length) failures.push(`evaluation page console: ${page.consoleErrors.join(' | ')}`);
    if (page.offOrigin.length) failures.push(`evaluation page fetched off-origin: ${page.offOrigin.join(' ')}`);
  } catch (e) {
    failures.push(`evaluation in the browser: ${e.message.split('\n')[0]}`);
  } finally {
    await b.close();
  }

  const a = times['atelier.roc+pr'] && median(times['atelier.roc+pr']);
  const sk = times['sklearn.auc+ap'] && median(times['sklearn.auc+ap']);
  const ml = times['ml-performance.auc'] && median(times['ml-performance.auc']);
  const agree = results.sklearn && results.atelier
    ? `AUC ${results.atelier.auc.toFixed(12)} vs scikit-learn ${results.sklearn.auc.toFixed(12)}, AP ${results.atelier.ap.toFixed(12)} vs ${results.sklearn.ap.toFixed(12)}`
    : 'not compared (a side is missing)';
  const met = a && sk && ml ? (a < sk && a < ml ? 'met' : '**not met**') : 'not judged';
  const md = `## Evaluation: ROC AUC + average precision on ${n.toLocaleString('en')} tied scores

Scores on a grid of 1,000 values (so most are tied), labels following them loosely; bench/evaluate.mjs.

| tool | what | median |
|---|---|---|
| Atelier (wasm, Chromium) | \`api.roc\` + \`api.pr\` (curves and areas) | ${sec(a)} |
| ml-performance (same page) | \`getAURC()\` (ROC AUC) only: no average precision | ${sec(ml)} (${a && ml ? (ml / a).toFixed(1) + '× Atelier' : '—'}) |
| scikit-learn (native) | \`roc_auc_score\` + \`average_precision_score\` | ${sec(sk)} (${a && sk ? (sk / a).toFixed(1) + '× Atelier' : '—'}) |

- Agreement: ${agree}.
- Target (faster than both): ${met}. Reference earlier on this machine: scikit-learn 0.30 s, ml-performance 0.33 s.
`;
  return { times, md };
}
