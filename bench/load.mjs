// The first-load part of `npm run bench` (issue 10): dist/index.html opened in headless Chromium
// on a cold profile (a fresh browser and profile per run, so no HTTP cache, no code cache, no
// service worker), served by scripts/serve.mjs (precompressed files, cache headers) on this
// machine. Ready = the first step shows its data (`.data-size` holds "×", what the e2e tests
// wait for), timed by the page's own clock from navigation (a MutationObserver added before any
// script). Counted up to that moment, from the server's log (workers' requests included):
// requests, bytes sent, and the gzip -9 size of the files. A TensorFlow.js page (tf.min.js and
// its wasm backend, ready once a first tensor is computed) for comparison.
//   BENCH_ONLY=load node bench/run.mjs               (writes bench/out/results-load.md)
//   BENCH_LOAD_ROOT=/path/to/dist BENCH_ONLY=load …  (another build, e.g. before bundling)
// Called by bench/run.mjs; returns a markdown section and the raw times.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGET = { seconds: 0.4, kb: 400, requests: 6 };
export const MOUNTS = {
  '/node_modules/@tensorflow/tfjs/': 'node_modules/@tensorflow/tfjs',
  '/node_modules/@tensorflow/tfjs-backend-wasm/': 'node_modules/@tensorflow/tfjs-backend-wasm',
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (x) => (x / 1000).toFixed(1);

/** Before any script of the page: records when `ready()` first holds, in `window.__readyAt`. */
const WATCH = (condition) => `(() => {
  const ready = ${condition};
  const check = () => { if (window.__readyAt == null && ready()) { window.__readyAt = performance.now(); observer.disconnect(); } };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;
const ATELIER_READY = "() => /×/.test(document.querySelector('.data-size')?.textContent ?? '')";
const TFJS_READY = '() => document.documentElement.dataset.ready != null';

/** The file a served path came from (dist/ or a mount). */
function fileOf(root, path, mounts) {
  for (const [prefix, dir] of Object.entries(mounts)) if (path.startsWith(prefix)) return join(REPO, dir, path.slice(prefix.length));
  return join(root, path.endsWith('/') ? `${path}index.html` : path);
}

const gzSize = (file) => {
  if (!existsSync(file) || !statSync(file).isFile()) return 0;
  return existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file), { level: 9 }).length;
};

/** One cold load of `url` (a fresh browser): `{ seconds, requests: [{ path, bytes, gz, encoding }] }`. */
async function coldLoad({ launch, root, mounts, path, condition }) {
  const log = [];
  const b = await launch({ root, mounts, onRequest: (p, status, info) => log.push({ p, status, at: Date.now(), ...info }) });
  try {
    const page = await b.newPage();
    await page.addInitScript(WATCH(condition));
    await page.goto(b.url + path);
    await page.waitForFunction(() => window.__readyAt != null, null, { timeout: 30_000 });
    const { readyAt, origin } = await page.evaluate(() => ({ readyAt: window.__readyAt, origin: performance.timeOrigin }));
    const until = origin + readyAt;
    const requests = log.filter((r) => r.at <= until && r.p !== '/favicon.ico')
      .map((r) => ({ path: r.p, status: r.status, bytes: r.bytes ?? 0, encoding: r.encoding ?? null, gz: r.status === 200 ? gzSize(fileOf(root, r.p, mounts)) : 0 }));
    return { seconds: readyAt / 1000, requests, errors: [...page.consoleErrors], browserVersion: b.context.browser()?.version() ?? null };
  } finally { await b.close(); }
}

async function series({ runs, launch, log, failures, name, ...load }) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await coldLoad({ launch, ...load });
    if (r.errors.length) failures.push(`${name}: console: ${r.errors.join(' | ')}`);
    all.push(r);
  }
  const times = all.map((r) => r.seconds);
  const last = all.at(-1);
  log(`  ${name}: ready in ${median(times).toFixed(3)} s (median of ${runs}), ${last.requests.length} requests, ${kb(last.requests.reduce((s, r) => s + r.gz, 0))} KB gz`);
  return { times, last, browserVersion: last.browserVersion };
}

const table = (requests) => `| request | status | sent (encoding) | gzip -9 |
|---|---|---:|---:|
${requests.map((r) => `| ${r.path.length > 60 ? `…${r.path.slice(-58)}` : r.path} | ${r.status} | ${r.bytes.toLocaleString('en')}${r.encoding ? ` (${r.encoding})` : ''} | ${r.gz.toLocaleString('en')} |`).join('\n')}
| **${requests.length} requests** | | ${requests.reduce((s, r) => s + r.bytes, 0).toLocaleString('en')} | **${requests.reduce((s, r) => s + r.gz, 0).toLocaleString('en')}** |`;

export async function benchLoad({ runs, log, failures, launch }) {
  const root = process.env.BENCH_LOAD_ROOT ?? join(REPO, 'dist');
  log(`first load: ${root}/index.html and a TF.js page, ${runs} cold loads each`);
  const atelier = await series({ runs, launch, log, failures, name: 'Atelier', root, mounts: {}, path: '/', condition: ATELIER_READY });
  const tfjs = await series({ runs, launch, log, failures, name: 'TF.js', root, mounts: { '/bench/': 'bench', ...MOUNTS }, path: '/bench/load-tfjs.html', condition: TFJS_READY });
  const a = atelier.last.requests, s = median(atelier.times);
  const gz = a.reduce((t, r) => t + r.gz, 0);
  const verdict = (ok) => (ok ? 'met' : '**not met**');
  const md = `## First load (cold profile)

Each run a fresh Chromium and profile (no HTTP cache, no code cache, no service worker) opens the page
served by scripts/serve.mjs on this machine (no network latency). Ready = the first step shows its data
(\`.data-size\` holds "×"), by the page's clock from navigation; requests and bytes up to that moment
from the server's log (the workers' included). Medians of ${runs} runs.

| page | ready | requests | gzip -9 | sent |
|---|---:|---:|---:|---:|
| Atelier (${root === join(REPO, 'dist') ? 'dist/index.html' : root}) | ${s.toFixed(3)} s | ${a.length} | ${kb(gz)} KB | ${kb(a.reduce((t, r) => t + r.bytes, 0))} KB |
| TensorFlow.js + wasm backend (bench/load-tfjs.html) | ${median(tfjs.times).toFixed(3)} s | ${tfjs.last.requests.length} | ${kb(tfjs.last.requests.reduce((t, r) => t + r.gz, 0))} KB | ${kb(tfjs.last.requests.reduce((t, r) => t + r.bytes, 0))} KB |

Targets (issue 10): ready under ${TARGET.seconds} s — ${verdict(s < TARGET.seconds)}; under ${TARGET.kb} KB gzipped — ${verdict(gz < TARGET.kb * 1000)};
at most ${TARGET.requests} requests — ${verdict(a.length <= TARGET.requests)}.

Atelier's requests (last run):

${table(a)}
`;
  return { md, times: { 'load.atelier': atelier.times, 'load.tfjs': tfjs.times }, browserVersion: atelier.browserVersion };
}
