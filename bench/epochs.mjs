// What the epoch benches (bench/mlp.mjs, bench/cnn.mjs) share on Node's side: Chromium with a
// fresh page per contestant that can read its own main-thread CPU time, and the timed runs of the
// page's `run()`. Their pages share bench/epochs-page.js.

/** Launches Chromium (`launch`: tests/helpers/browser.mjs') serving `mounts`, and for each of
 *  `contestants` (`{ key, … }`) opens `path` in a fresh page (`epochPage`) and awaits
 *  `fn(page, contestant)`. A contestant's failure, or its page's console errors and off-origin
 *  requests, go to `failures` under `label` and the next one goes on. Gives the browser's version. */
export async function eachPage({ launch, mounts, path, ready, label, contestants, failures }, fn) {
  const b = await launch({ mounts, args: ['--js-flags=--expose-gc'] });
  try {
    const version = b.context.browser()?.version() ?? null;
    for (const c of contestants) {
      let page;
      try {
        page = await epochPage(b, path, ready);
        await fn(page, c);
        pageProblems(page, `${label} page (${c.key})`, failures);
      } catch (e) {
        failures.push(`${label}, ${c.key}: ${e.message.split('\n')[0]}`);
        pageProblems(page, `${label} page (${c.key})`, failures);
      } finally {
        await page?.close().catch(() => {});
      }
    }
    return version;
  } finally {
    await b.close();
  }
}

/** Opens `path` in a fresh page of the browser `b` (tests/helpers/browser.mjs' `launch`), with
 *  `window.threadTime()`: the page's main-thread CPU seconds so far (Chromium's `ThreadTime`
 *  through the DevTools protocol; a busy machine inflates wall times, not it). Waits for the
 *  page's script to set `window[ready]`. */
async function epochPage(b, path, ready) {
  const page = await b.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.exposeFunction('threadTime', async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? null);
  await page.goto(b.url + path);
  await page.waitForFunction((flag) => window[flag], ready, { timeout: 60_000 });
  return page;
}

/** `runs` calls of `window[name].run()` in `page`, each after a garbage collection
 *  (`window[name].gc()`); each run trains a fresh network and gives `{ epochs, cpuEpochs,
 *  result }` (seconds). Returns every run's, in order, and the last run's `result`. */
export async function epochRuns(page, name, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate((n) => window[n].gc(), name);
    all.push(await page.evaluate((n) => window[n].run(), name));
  }
  return {
    runs: all,
    epochs: all.flatMap((r) => r.epochs),
    cpuEpochs: all.flatMap((r) => r.cpuEpochs),
    result: all.at(-1)?.result,
  };
}

/** The page's console errors and off-origin requests, pushed to `failures` under `label`. */
function pageProblems(page, label, failures) {
  if (page?.consoleErrors.length) failures.push(`${label} console: ${page.consoleErrors.join(' | ')}`);
  if (page?.offOrigin.length) failures.push(`${label} fetched off-origin: ${page.offOrigin.join(' ')}`);
}
