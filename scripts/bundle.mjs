// The production files of dist/, after scripts/build.sh has copied www/ and the wasm modules
// (pkg/) there. `node scripts/bundle.mjs` (build.sh runs it) writes:
//   dist/index.html        the hosted page: one minified bundle for the page (app.<hash>.js), one
//                          for its workers (worker.<hash>.js, the pool's too), style.<hash>.css,
//                          the wasm under hashed names (pkg/*.<hash>.wasm), the icon inlined;
//   dist/sw.js             the service worker (www/sw.js) with this build's hash and file list;
//   dist/atelier.html      the one-file version: the same code, the worker as a blob: URL, the
//                          wasm modules and the built-in data sets as base64 of gzip, no request;
//   *.gz, *.br             precompressed copies, which scripts/serve.mjs sends when accepted.
// The plain modules stay in dist/ beside them (dist/api.js is the headless API for Node and
// browsers; tests import some of them); the hosted page never fetches them.
// Paths are given from dist/, which `ATELIER_FILES` (www/assets.js) and `ATELIER_SW` receive.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants as zlib, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const REPO = resolve(fileURLToPath(import.meta.url), '../..');
const DIST = join(REPO, 'dist');
const TARGET = ['chrome110', 'firefox115', 'safari16.4'];
const say = (...a) => console.log('bundle:', ...a);

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);
const read = (path) => readFileSync(join(DIST, path));
const page = () => readFileSync(join(REPO, 'index.html'), 'utf8'); // the source: dist/index.html is rewritten

/** `dir/name.ext` → `dir/name.<hash>.ext`, written beside it; returns the new path. */
function hashed(path, bytes) {
  const name = path.replace(/(\.[a-z]+)$/, `.${hash(bytes)}$1`);
  writeFileSync(join(DIST, name), bytes);
  return name;
}

/** One minified ES module holding `entry` (a path in dist/) and all it imports, dynamic imports
 *  included (the workbook module's glue); `files` becomes ATELIER_FILES. */
async function bundle(entry, files, format = 'esm') {
  const out = await build({
    entryPoints: [join(DIST, entry)], bundle: true, format, minify: true, write: false,
    target: TARGET, platform: 'browser', legalComments: 'none',
    external: ['node:*'], // api.js reads files with node:fs in Node only
    define: { ATELIER_FILES: JSON.stringify(files) },
    // A classic script has no import.meta: only the fallbacks that load files use it, and the
    // one-file build hands every module over instead.
    logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' },
  });
  return out.outputFiles[0].contents;
}

async function css(entry) {
  const out = await build({ entryPoints: [join(DIST, entry)], bundle: true, minify: true, write: false, target: TARGET, logLevel: 'warning' });
  return out.outputFiles[0].contents;
}

const favicon = () => `data:image/svg+xml,${encodeURIComponent(read('favicon.svg').toString('utf8').trim())}`;

/** The hosted page: index.html pointing at the hashed files, the icon inlined. */
function hostedPage(names) {
  const html = page()
    .replace('href="./favicon.svg"', `href="${favicon()}"`)
    .replace('href="./style.css"', `href="./${names.css}"`)
    .replace('src="./app.js"', `src="./${names.app}"`)
    // The first-look module downloads while the page's bundle is parsed (same request:
    // compileStreaming reuses it); the whole core follows once the first step shows.
    .replace('</title>', `</title>\n  <link rel="preload" href="./${names.look}" as="fetch" type="application/wasm" crossorigin>`);
  for (const name of [names.css, names.app]) if (!html.includes(name)) throw new Error(`index.html: no place for ${name}`);
  return html;
}

/** Text to put inside a <script> element: no `</script` may close it early (in JS, `<\/` is
 *  `</` in strings, templates and regular expressions alike). */
const scriptSafe = (text) => text.replace(/<\/(script)/gi, '<\\/$1');
const b64gz = (bytes) => gzipSync(bytes, { level: 9 }).toString('base64');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** dist/atelier.html: everything inline. Its CSP allows only this page's own script and style
 *  (by hash), the worker from a blob: URL and wasm compilation: nothing can be fetched. */
function oneFile({ app, worker, style, data }) {
  const html = page();
  const body = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  const script = scriptSafe(app);
  const csp = [
    "default-src 'none'", `script-src ${sha256(script)} 'wasm-unsafe-eval'`, 'worker-src blob:',
    "img-src data: blob:", `style-src ${sha256(style)}`, "object-src 'none'", "base-uri 'none'",
  ].join('; ');
  const blockOf = (id, text) => `<script type="text/plain" id="${id}">${text}</script>`;
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <!-- Atelier in one file: opens from file:// with no network. -->
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="color-scheme" content="light dark">
  <title>Atelier</title>
  <link rel="icon" href="${favicon()}" type="image/svg+xml">
  <style>${style}</style>
</head>
<body>${body}${blockOf('atelier-worker', scriptSafe(worker))}
${blockOf('atelier-look', b64gz(read('pkg/atelier_look_bg.wasm')))}
${blockOf('atelier-core', b64gz(read('pkg/atelier_bg.wasm')))}
${blockOf('atelier-xlsx', b64gz(read('pkg/atelier_xlsx_bg.wasm')))}
${blockOf('atelier-data', JSON.stringify(data))}
<script type="module">${script}</script>
</body>
</html>
`;
}

/** The built-in data sets (dist/data/*.csv), as base64 of gzip. */
const csvFiles = () => readdirSync(join(DIST, 'data')).filter((f) => f.endsWith('.csv')).sort().map((f) => `data/${f}`);

function dataSets() {
  return Object.fromEntries(csvFiles()
    .map((f) => [f, b64gz(read(f))]));
}

/** `.gz` and `.br` beside each file a server sends with Content-Encoding (scripts/serve.mjs),
 *  compressed on libuv's threads side by side (brotli 11 on the core's 2.3 MB takes seconds). */
async function precompress(paths, { brotli = true } = {}) {
  const compress = async (path, ext, how, options) => writeFileSync(join(DIST, `${path}.${ext}`), await promisify(how)(read(path), options));
  await Promise.all(paths.flatMap((path) => [
    compress(path, 'gz', gzip, { level: 9 }),
    brotli && compress(path, 'br', brotliCompress, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: statSync(join(DIST, path)).size },
    }),
  ]));
}

const kb = (n) => `${(n / 1000).toFixed(0)} KB`;

async function main() {
  const started = performance.now();
  const names = {
    look: hashed('pkg/atelier_look_bg.wasm', read('pkg/atelier_look_bg.wasm')),
    core: hashed('pkg/atelier_bg.wasm', read('pkg/atelier_bg.wasm')),
    workbook: hashed('pkg/atelier_xlsx_bg.wasm', read('pkg/atelier_xlsx_bg.wasm')),
  };
  names.worker = hashed('worker.js', await bundle('worker.js', {})); // its code names no file
  const files = { worker: names.worker, look: names.look, core: names.core, workbook: names.workbook };
  names.app = hashed('app.js', await bundle('app.js', files));
  const style = await css('style.css');
  names.css = hashed('style.css', style);
  writeFileSync(join(DIST, 'index.html'), hostedPage(names));

  const data = csvFiles();
  const shell = ['./', names.app, names.worker, names.css, names.look, names.core, names.workbook, ...data];
  const version = hash(Buffer.concat(shell.slice(1).map(read)));
  const sw = await build({
    entryPoints: [join(DIST, 'sw.js')], bundle: true, minify: true, write: false, target: TARGET, logLevel: 'warning',
    define: { ATELIER_SW: JSON.stringify({ version, files: shell }) },
  });
  writeFileSync(join(DIST, 'sw.js'), sw.outputFiles[0].contents);

  const text = (bytes) => Buffer.from(bytes).toString('utf8');
  const one = oneFile({
    app: text(await bundle('app.js', { inline: true })),
    worker: text(await bundle('worker.js', { inline: true }, 'iife')),
    style: text(style), data: dataSets(),
  });
  writeFileSync(join(DIST, 'atelier.html'), one);

  await Promise.all([
    precompress(['index.html', 'sw.js', names.app, names.worker, names.css, names.look, names.core, names.workbook, ...data]),
    precompress(['atelier.html'], { brotli: false }), // a download: brotli 11 on 2 MB takes seconds
  ]);
  const gz = (p) => statSync(join(DIST, `${p}.gz`)).size;
  say(`hosted page: ${[names.app, names.worker, names.css, names.look, names.core].map((p) => `${p} ${kb(gz(p))} gz`).join(', ')}`);
  say(`dist/atelier.html: ${kb(Buffer.byteLength(one))} (${kb(gz('atelier.html'))} gzipped); version ${version}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (!existsSync(join(DIST, 'pkg/atelier_bg.wasm'))) {
  console.error('bundle: no dist/pkg/atelier_bg.wasm: run scripts/build.sh');
  process.exit(1);
}
await main();
