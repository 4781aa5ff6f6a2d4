// The cross-validation part of `npm run bench` (issue 9): 5-fold cross-validation of a standard
// scaler + logistic regression (C = 1) on the learning bench's seeded 100,000 × 20 problem
// (bench/learn.mjs's generator), and a 50-trial random search of C. Atelier (wasm) in Chromium
// through its headless API (dist/api.js), one page; then scikit-learn natively (bench/cv_bench.py):
// cross_validate with n_jobs=1 and 2, RandomizedSearchCV with n_jobs=1 and 2. Atelier's folds
// and trials also run on its worker pool (www/parallel.js) with 1 and 2 workers: the 1 → 2
// speed-up is reported beside scikit-learn's.
// Called by bench/run.mjs; returns a markdown section and the raw times. One thing at a time.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, median, ratio, sec } from './learn.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROWS = 100_000, FEATURES = 20;
/** The cross-validation, the same on both sides: KFold without shuffling, C = 1. */
const TRIALS = 50;
const CV = { folds: 5, C: 1, trials: TRIALS };

export async function benchCv({ runs, slowRuns, log, failures, launch, mounts }) {
  const times = {}; // what → [seconds]
  log(`cross-validation: generating ${ROWS.toLocaleString('en')} × ${FEATURES} (kept in bench/out/)`);
  const files = await generate(ROWS);
  // BENCH_CV=atelier,sklearn: one side only, for trying out.
  const pick = process.env.BENCH_CV ? process.env.BENCH_CV.split(',') : null;
  const load = { browser: null, native: null }; // 1-minute load average as each side starts
  const R = {}; // Atelier's last result of each kind
  let browserVersion = null, spec = null;

  // ---- Chromium: Atelier ----------------------------------------------------------------------
  if (!pick || pick.includes('atelier')) {
    log('Chromium: Atelier api.run with and without cv, and stepped');
    load.browser = os.loadavg()[0];
    const b = await launch({ mounts, args: ['--js-flags=--expose-gc'] });
    let page;
    try {
      browserVersion = b.context.browser()?.version() ?? null;
      page = await b.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await page.exposeFunction('threadTime', async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? null);
      await page.goto(b.url + '/bench/cv.html');
      await page.waitForFunction(() => window.cvReady, null, { timeout: 60_000 });
      await page.evaluate((a) => window.cv.setup(a), { csv: '/bench/out/' + files.csv.split('/').pop(), cv: CV });
      spec = await page.evaluate(() => window.cv.spec());
      const started = await page.evaluate(() => window.cv.poolStart());
      times['atelier.pool.start'] = [started.pool];
      log(`  the page's worker loaded the CSV in ${started.client.toFixed(2)} s, 2 pool workers in ${started.pool.toFixed(2)} s`);
      // Interleaved, so a change of load on the machine falls on all alike (the CV alone
      // is a difference of two of them).
      const kinds = ['whole', 'nocv', 'stepped', 'pool1', 'pool2'];
      for (let i = 0; i < runs; i++) {
        for (const what of kinds) {
          await page.evaluate(() => window.cv.gc());
          const { s, cpu, result } = await page.evaluate((w) => window.cv.run(w), what);
          (times[`atelier.cv.${what}`] ??= []).push(s);
          if (cpu != null) (times[`atelier.cv.${what}.cpu`] ??= []).push(cpu);
          if (what === 'stepped') {
            (times['atelier.cv.folds'] ??= []).push(result.folds.reduce((a, x) => a + x, 0));
            (times['atelier.cv.each-fold'] ??= []).push(...result.folds);
            (times['atelier.cv.fit-steps'] ??= []).push(result.fit.reduce((a, x) => a + x, 0));
            if (result.cpuFolds != null) (times['atelier.cv.folds.cpu'] ??= []).push(result.cpuFolds);
          }
          R[what] = result;
        }
        if (times['atelier.cv.whole'].at(-1) > 60) break; // one very slow run makes the point
      }
      for (const what of kinds) log(`  atelier.cv.${what}: ${times[`atelier.cv.${what}`].map((s) => s.toFixed(3)).join(' ')} s`);
      // The search on the pool, with 1 then 2 workers, once each: 50 cross-validations.
      for (const what of ['search1', 'search2']) {
        await page.evaluate(() => window.cv.gc());
        const found = await page.evaluate((w) => window.cv.run(w), what);
        times[`atelier.${what}`] = [found.s];
        R[what] = found.result;
        log(`  atelier.${what}: ${found.s.toFixed(2)} s, best C ${found.result.best?.params?.C}`);
      }
      R.search = R.search1;
      log(`  atelier.cv.folds (stepped, 5 folds): ${times['atelier.cv.folds'].map((s) => s.toFixed(3)).join(' ')} s; mean accuracy ${R.whole?.cv?.mean?.accuracy}`);
      if (page.consoleErrors.length) failures.push(`CV page console: ${page.consoleErrors.join(' | ')}`);
      if (page.offOrigin.length) failures.push(`CV page fetched off-origin: ${page.offOrigin.join(' ')}`);
    } catch (e) {
      failures.push(`cross-validation, Atelier: ${e.message.split('\n')[0]}`);
      if (page?.consoleErrors.length) failures.push(`CV page console: ${page.consoleErrors.join(' | ')}`);
    } finally {
      await b.close();
    }
  }

  // ---- natively: scikit-learn ----------------------------------------------------------------
  let py = null;
  if (!pick || pick.includes('sklearn')) {
    log('scikit-learn cross_validate / RandomizedSearchCV');
    load.native = os.loadavg()[0];
    const r = spawnSync('python3', [join(BENCH, 'cv_bench.py'), files.f64, String(runs), String(Math.min(runs, slowRuns))],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status === 0) py = JSON.parse(r.stdout);
    else failures.push(`cv_bench.py: exit ${r.status}${r.error ? ' ' + r.error.message : ''} (its error is above in the log)`);
  }
  if (py) {
    for (const [k, v] of Object.entries(py.cv)) { times[`sklearn.cv.${k}`] = v.times; times[`sklearn.cv.${k}.cpu`] = v.cpu; }
    for (const [k, v] of Object.entries(py.search)) { times[`sklearn.search.${k}`] = v.times; times[`sklearn.search.${k}.cpu`] = v.cpu; }
    log(`  scikit-learn CV: ${Object.entries(py.cv).map(([k, v]) => `${k} ${v.times.map((s) => s.toFixed(3)).join(' ')}`).join('; ')} s`);
    log(`  scikit-learn search: ${Object.entries(py.search).map(([k, v]) => `${k} ${v.times.map((s) => s.toFixed(2)).join(' ')}`).join('; ')} s`);
  }

  return { times, browserVersion, md: section({ times, R, py, load, spec }) };
}

// ---- the section ------------------------------------------------------------------------------

function section({ times, R, py, load, spec }) {
  const at = (w) => (times[w] ? median(times[w]) : null);
  const n = (w) => (times[w] ? ` (n=${times[w].length})` : '');
  const spread = (w) => (times[w] ? `${sec(Math.min(...times[w]))} – ${sec(Math.max(...times[w]))}` : '—');
  const verdict = (ok, text) => (ok == null ? 'not judged (a figure is missing)' : `${ok ? '**met**' : '**not met**'} (${text})`);
  const blas = py?.blas?.length ? py.blas.map((p) => `${p.internal_api} ${p.version ?? ''} (${p.num_threads} threads)`).join(', ') : '?';

  const whole = at('atelier.cv.whole'), nocv = at('atelier.cv.nocv'), folds = at('atelier.cv.folds');
  const diff = whole != null && nocv != null ? whole - nocv : null;
  const wholeCpu = at('atelier.cv.whole.cpu'), nocvCpu = at('atelier.cv.nocv.cpu'), foldsCpu = at('atelier.cv.folds.cpu');
  const diffCpu = wholeCpu != null && nocvCpu != null ? wholeCpu - nocvCpu : null;
  const sk1 = at('sklearn.cv.n_jobs=1'), sk1t = at('sklearn.cv.n_jobs=1@1thread'), sk2 = at('sklearn.cv.n_jobs=2');
  const sk1Cpu = at('sklearn.cv.n_jobs=1.cpu'), sk1tCpu = at('sklearn.cv.n_jobs=1@1thread.cpu'), sk2Cpu = at('sklearn.cv.n_jobs=2.cpu');
  // scikit-learn with one job: the faster of its default BLAS threads and one (on a busy machine
  // OpenBLAS' threads wait for each other), as the MLP part does.
  const skOne = sk1 == null || sk1t == null ? sk1 ?? sk1t : Math.min(sk1, sk1t);
  const ss1 = at('sklearn.search.n_jobs=1@1thread'), ss2 = at('sklearn.search.n_jobs=2');
  const ss1Cpu = at('sklearn.search.n_jobs=1@1thread.cpu'), ss2Cpu = at('sklearn.search.n_jobs=2.cpu');
  const as1 = at('atelier.search1'), as2 = at('atelier.search2');
  const p1 = at('atelier.cv.pool1'), p2 = at('atelier.cv.pool2');
  const speedup = (a, b) => (a != null && b != null ? `${(a / b).toFixed(2)}×` : '—');
  const row = (label, key, s, cpu) => `| ${label} | ${sec(s)}${key ? n(key) : ''} | ${key ? spread(key) : '—'} | ${ratio(s, sk2)} | ${ratio(s, skOne)} | ${sec(cpu)} | ${ratio(cpu, sk1tCpu)} |`;

  const aMean = R.whole?.cv?.mean?.accuracy, skMean = py?.mean_accuracy;
  const dMean = aMean != null && skMean != null ? Math.abs(aMean - skMean) : null;
  const foldAcc = R.whole?.cv?.folds ?? [];
  const dFold = py && foldAcc.length === py.fold_accuracy.length ? Math.max(...foldAcc.map((f, i) => Math.abs(f.accuracy - py.fold_accuracy[i]))) : null;
  const contiguous = foldAcc.length && foldAcc.every((f, i) => f.first === i * (ROWS / CV.folds) && f.last === (i + 1) * (ROWS / CV.folds) - 1 && f.test_rows === ROWS / CV.folds);
  const f6 = (x) => (x == null ? '—' : x.toFixed(6));
  const eachFold = times['atelier.cv.each-fold'];
  const best = py?.search_best;
  const busy = Math.max(load.browser ?? 0, load.native ?? 0) > os.cpus().length;

  return `## Cross-validation: 5 folds of scaler + logistic regression, ${ROWS.toLocaleString('en')} × ${FEATURES}

Data: the learning bench's problem (bench/learn.mjs, same seed; ${py ? (100 * py.positive_share).toFixed(2) + ' %' : '≈ 53 %'} ones), a CSV for
Atelier, the float64 file with the very same numbers for scikit-learn. Both sides: KFold(${CV.folds}) without
shuffling (the folds are the rows in file order, cut in five), and on each fold a standard scaler
and an L2 logistic regression (C = ${CV.C}) learnt on the other four, scored on it. Load average (1 minute,
${os.cpus().length} cores) as Atelier's side started: ${load.browser?.toFixed(2) ?? '—'}, as scikit-learn's: ${load.native?.toFixed(2) ?? '—'}. Versions: scikit-learn
${py?.sklearn ?? '?'} (numpy ${py?.numpy ?? '?'}, scipy ${py?.scipy ?? '?'}; BLAS: ${blas}).${busy ? `
**The machine was busy** (load average above its ${os.cpus().length} cores): a second job or BLAS thread found no
free core, so n_jobs=2 shows no true speed-up here and every wall time is inflated; the CPU
seconds are the figures to trust, and the wall-time verdicts below want a quiet machine.` : ''}

| contestant | seconds | fastest – slowest | / scikit-learn, 2 jobs | / scikit-learn, 1 job | CPU seconds | CPU / scikit-learn's (1 job, 1 thread) |
|---|---|---|---|---|---|---|
${row('Atelier: `api.run(spec)` with `cv` (read the CSV, fit on all rows, 5 folds, report)', 'atelier.cv.whole', whole, wholeCpu)}
${row('Atelier: the same spec without `cv` (read, fit, report)', 'atelier.cv.nocv', nocv, nocvCpu)}
${row('Atelier: **CV alone**, the 5 fold steps of a stepped run (summed)', 'atelier.cv.folds', folds, foldsCpu)}
${row('Atelier: CV alone, difference of the two medians above', null, diff, diffCpu)}
${row('Atelier: **CV on the worker pool, 1 worker** (`crossValidate`, warm)', 'atelier.cv.pool1', p1, null)}
${row('Atelier: **CV on the worker pool, 2 workers** (`crossValidate`, warm)', 'atelier.cv.pool2', p2, null)}
${row('scikit-learn `cross_validate`, n_jobs=1 (default BLAS threads)', 'sklearn.cv.n_jobs=1', sk1, sk1Cpu)}
${row('scikit-learn `cross_validate`, n_jobs=1, one BLAS thread', 'sklearn.cv.n_jobs=1@1thread', sk1t, sk1tCpu)}
${row('scikit-learn `cross_validate`, **n_jobs=2** (the target)', 'sklearn.cv.n_jobs=2', sk2, sk2Cpu)}

- Atelier: \`const api = await load()\` from dist/api.js, then \`api.run(spec)\` with spec
  \`${JSON.stringify(spec ?? '?')}\`, the CSV's text
  fetched beforehand (not timed). With \`cv\`, the run fits the model once on every row (the
  report's model and training scores), then the ${CV.folds} folds, one \`step()\` each; "without \`cv\`"
  is the same run but the folds. "Stepped": the same spec through the core's \`startSpec\` (the
  module api.js instantiated), \`step()\` until \`done()\`, each step timed: \`progress()\` tells
  the fit's step${R.stepped?.fit?.length === 1 ? '' : 's'} (${R.stepped?.fit?.length ?? '?'}) from the folds'; each fold took ${eachFold ? `${sec(median(eachFold))} (median of ${eachFold.length}, ${sec(Math.min(...eachFold))} – ${sec(Math.max(...eachFold))})` : '—'}, the
  start (reading the CSV, the preparation) ${sec(R.stepped?.start)}, the whole fit ${sec(at('atelier.cv.fit-steps'))} and the report ${sec(R.stepped?.report)} (last run / medians).
  A fold step learns the scaler and the model on 80,000 rows and scores the other 20,000
  (accuracy, precision, recall, F1, ROC AUC and average precision), on the page's main thread.
  "Worker pool": \`crossValidate(spec, { client, workers })\` of www/parallel.js, the spec without
  its data (the workers hold it): the folds shared out to 1 or 2 Web Workers, each its own wasm
  instance that loaded the CSV beforehand (the pool is made once and kept: ${sec(at('atelier.pool.start'))} to start 2 workers,
  not timed), the report put together by the core; no fit on every row first. The kinds of run alternate.
  The pool's CPU is in its workers, which \`ThreadTime\` does not see: no CPU figure for it.
- scikit-learn: \`cross_validate(make_pipeline(StandardScaler(), LogisticRegression(C=${CV.C})), X, y, cv=KFold(${CV.folds}), n_jobs=…)\`
  (lbfgs; its default scoring, accuracy only). "One BLAS thread": under \`threadpool_limits(1)\`.
  n_jobs=2: two loky worker processes (each given one BLAS thread by loky), started by an
  untimed first call (${sec(py?.pool_start)}, pool start included) and kept warm, so the figures are a warm pool's.
  "/ scikit-learn, 1 job" divides by the faster of its two n_jobs=1 rows.
- CPU seconds: Atelier's, the page's main thread (Chromium's \`ThreadTime\` through the DevTools
  protocol, read before and after; for the stepped run, before and after the fold steps);
  scikit-learn's, the process's \`time.process_time()\` plus its descendants' (the loky
  workers') user + system time from /proc. What the work cost, which other load on the machine
  inflates less than the wall clock.

**Agreement.** Atelier's \`report.cv.mean.accuracy\` ${f6(aMean)}; scikit-learn's
\`cross_val_score(Pipeline([StandardScaler(), LogisticRegression(C=${CV.C})]), X, y, cv=KFold(${CV.folds})).mean()\` ${f6(skMean)}:
${dMean == null ? 'not checked (a side is missing)' : `difference ${dMean.toExponential(1)} (${dMean <= 1e-4 ? 'within' : '**beyond**'} 1e-4)`}; fold by fold, the largest difference ${dFold == null ? '—' : dFold.toExponential(1)}
(Atelier ${foldAcc.map((f) => f6(f.accuracy)).join(', ') || '—'}; scikit-learn ${py?.fold_accuracy.map(f6).join(', ') ?? '—'}).
On the worker pool: mean accuracy ${f6(R.pool1?.mean?.accuracy)} with 1 worker, ${f6(R.pool2?.mean?.accuracy)} with 2
(${R.pool1 && R.pool2 && R.whole?.cv && R.pool1.mean.accuracy === R.whole.cv.mean.accuracy && R.pool2.mean.accuracy === R.whole.cv.mean.accuracy ? 'both the very same number as `api.run`\'s' : '**not** the same number as `api.run`\'s'}); the search's best trial ${R.search1?.best && R.search2?.best && R.search1.best.score === R.search2.best.score && R.search1.best.params.C === R.search2.best.params.C ? 'the same on 1 and 2 workers' : '**differs** between 1 and 2 workers'}.
Atelier's folds are ${contiguous ? '' : '**not** '}rows 0–19,999, 20,000–39,999, … in order, as KFold's.

### ${TRIALS} random-search trials of it

| contestant | seconds | fastest – slowest | / scikit-learn, 2 jobs | CPU seconds | best C | its mean CV accuracy |
|---|---|---|---|---|---|---|
| Atelier, worker pool, 1 worker | ${sec(as1)} (n=1) | — | ${ratio(as1, ss2)} | — | ${R.search1?.best ? Number(R.search1.best.params.C).toPrecision(4) : '—'} | ${f6(R.search1?.best?.score)} |
| Atelier, worker pool, **2 workers** | ${sec(as2)} (n=1) | — | ${ratio(as2, ss2)} | — | ${R.search2?.best ? Number(R.search2.best.params.C).toPrecision(4) : '—'} | ${f6(R.search2?.best?.score)} |
| scikit-learn, n_jobs=1, one BLAS thread | ${sec(ss1)}${n('sklearn.search.n_jobs=1@1thread')} | ${spread('sklearn.search.n_jobs=1@1thread')} | ${ratio(ss1, ss2)} | ${sec(ss1Cpu)} | ${best?.[0]?.C.toPrecision(4) ?? '—'} | ${f6(best?.[0]?.score)} |
| scikit-learn, **n_jobs=2** | ${sec(ss2)}${n('sklearn.search.n_jobs=2')} | ${spread('sklearn.search.n_jobs=2')} | 1× | ${sec(ss2Cpu)} | ${best?.[1]?.C.toPrecision(4) ?? '—'} | ${f6(best?.[1]?.score)} |

- scikit-learn: \`RandomizedSearchCV(pipeline, {'logisticregression__C': loguniform(1e-3, 1e3)}, n_iter=${TRIALS}, cv=KFold(${CV.folds}), random_state=0, n_jobs=…).fit(X, y)\`:
  ${TRIALS} × ${CV.folds} fits, then the best C refitted on every row (refit=True, the default). n_jobs=1 on one BLAS
  thread only (default threads slow it on this machine, see above); n_jobs=2 with the pool warm.
- Atelier: \`searchOnPool(spec, { client, workers })\` of www/parallel.js, the CV spec plus \`search: { method: 'random', space: { C: { log: [0.001, 1000] } }, trials: ${TRIALS}, metric: 'accuracy', seed: 0 }\`:
  the page's worker asks and tells (the core's \`Search\`), the pool's workers run the ${TRIALS} × 5 folds, each fold's
  preparation (the scaler on its training part) made once per worker and kept for the next trials; no refit of the best
  (the production step's). Same trials on 1 and 2 workers (same seed). Its random draws are not numpy's: the best C differs, the scale of the work does not.

### Targets

- 5-fold CV at or below scikit-learn with two jobs: ${verdict(folds != null && sk2 != null ? folds <= sk2 : null, `Atelier's CV alone ${sec(folds)}, ${ratio(folds, sk2)} scikit-learn's ${sec(sk2)}; its whole \`api.run\` with \`cv\` ${ratio(whole, sk2)}; against one job ${ratio(folds, skOne)}; in CPU time, against scikit-learn on one job and one thread, ${ratio(foldsCpu, sk1tCpu)}`)}.
- 5-fold CV on the worker pool, 2 workers, at or below scikit-learn with two jobs: ${verdict(p2 != null && sk2 != null ? p2 <= sk2 : null, `Atelier ${sec(p2)}, ${ratio(p2, sk2)} scikit-learn's ${sec(sk2)}`)}.
- ${TRIALS} random-search trials at or below scikit-learn with two jobs: ${verdict(as2 != null && ss2 != null ? as2 <= ss2 : null, `Atelier on 2 pool workers ${sec(as2)}, ${ratio(as2, ss2)} scikit-learn's ${sec(ss2)}`)}.
- Speed-up from 1 to 2 workers (wall time of one over that of two, above 1× a gain): Atelier's pool
  ${speedup(p1, p2)} on the CV, ${speedup(as1, as2)} on the search; scikit-learn's, from n_jobs=1 to 2: ${speedup(skOne, sk2)} on the CV (against its faster one-job row; ${speedup(sk1t, sk2)} against one job
  on one BLAS thread), ${speedup(ss1, ss2)} on the search${busy ? ' (on a busy machine: see above)' : ''}.
`;
}
