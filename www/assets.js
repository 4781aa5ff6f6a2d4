// Where the page's files come from. One code path for three builds (scripts/bundle.mjs):
// - development: the plain modules of www/ (copied to dist/), every file beside this module;
// - the hosted bundle (dist/index.html): the hashed file names the build passes in ATELIER_FILES;
// - the one-file build (dist/atelier.html): no file at all; the wasm modules and the data sets
//   are base64 of gzip in `<script type="text/plain" id="…">` blocks of the page, the worker's
//   code (a classic script) in another, started from a blob: URL.
// The core comes in two wasm modules (scripts/build.sh): the first-look module (steps 1 to 4,
// a third of the size), which the page loads first, and the whole core, which the page asks
// for once the first step shows (www/core.js). Each is compiled once, on the page; workers
// receive the WebAssembly.Module by postMessage (www/client.js, www/worker.js) instead of
// fetching and compiling it again.

/* global ATELIER_FILES */
// Set by esbuild's `define` in a bundle: { worker, look, core, workbook } (paths from this file) or { inline: true }.
const FILES = typeof ATELIER_FILES === 'undefined' ? null : ATELIER_FILES;
const INLINE = !!FILES?.inline;

const here = (path) => new URL(path, import.meta.url);

/** The text of the page's block `id` (the one-file build). */
function block(id) {
  const el = globalThis.document?.getElementById(id);
  if (!el) throw new Error(`atelier.html: no #${id} block`);
  return el.textContent.trim();
}

/** Bytes from base64 of gzip (the one-file build's blocks). */
export async function inflate(base64) {
  const packed = Uint8Array.fromBase64 ? Uint8Array.fromBase64(base64) : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let workerBlob = null;

/** A new worker: the bundle's hashed module, or (one file) a classic worker from a blob: URL of
 *  the page's copy — Chromium refuses module workers from blob: URLs on a file:// page. */
export function startWorker() {
  if (INLINE) {
    workerBlob ??= URL.createObjectURL(new Blob([block('atelier-worker')], { type: 'text/javascript' }));
    return new Worker(workerBlob);
  }
  return new Worker(here(FILES?.worker ?? './worker.js'), { type: 'module' });
}

/** The two core modules: the block of the one-file build, the file in development. */
const CORES = { look: './pkg/atelier_look_bg.wasm', core: './pkg/atelier_bg.wasm' };
const compiled = {};

/** A core's WebAssembly.Module (`look` or `core`), compiled once per page (streaming while it downloads). */
function compiledCore(name) {
  compiled[name] ??= INLINE
    ? inflate(block(`atelier-${name}`)).then((bytes) => WebAssembly.compile(bytes))
    : WebAssembly.compileStreaming(fetch(here(FILES?.[name] ?? CORES[name])));
  return compiled[name];
}

/** The first-look module (steps 1 to 4), which the page starts with. */
export const lookModule = () => compiledCore('look');

let asked;
const wholeAsked = new Promise((resolve) => { asked = resolve; });

/** The whole core's Module: the page asks for it once its first step shows, or at once when it
 *  opens on a later step (www/core.js). */
export function coreModule() {
  asked();
  return compiledCore('core');
}

/** Resolves once the page has asked for the whole core: its Module, or null if it failed to
 *  compile (the worker then fetches it itself). For the workers (www/client.js). */
export const wholeCore = () => wholeAsked.then(() => compiledCore('core')).catch(() => null);

/** What a worker needs to start (its first message): the first-look Module, and where the
 *  workbook module comes from (a URL; base64 of gzip in the one-file build; nothing in
 *  development: api.js finds it beside itself). A failed compilation sends `look: null`: the
 *  worker then loads the whole core itself, and reports the failure if it fails again. */
export async function workerInit() {
  const look = await lookModule().catch(() => null);
  if (INLINE) return { look, workbook: { base64: block('atelier-xlsx') } };
  return { look, workbook: FILES?.workbook ? here(FILES.workbook).href : null };
}

/** In the worker: a function giving what the workbook module's init takes, from `workerInit`'s
 *  `workbook` (null: api.js's own default). Decoded on first use only. */
export function workbookSource(given) {
  if (!given) return null;
  if (typeof given === 'string') return async () => given;
  return () => inflate(given.base64);
}

/** The bytes of a file of the site (`data/iris.csv`): fetched, or decoded from the page (one file). */
export async function fileBytes(path) {
  if (INLINE) {
    const packed = JSON.parse(block('atelier-data'))[path];
    if (packed == null) throw new Error(`${path}: not in atelier.html`);
    return inflate(packed);
  }
  const url = here(path);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The hosted bundle only (http or https, not under test automation, where the e2e tests want
 *  no background requests and a fresh page each time): registers the service worker (www/sw.js)
 *  that keeps the site usable offline. `?sw=1` registers it even under automation (its test). */
export function registerServiceWorker() {
  const forced = new URLSearchParams(location.search).get('sw') === '1';
  if (!FILES || INLINE || !/^https?:$/.test(location.protocol) || !('serviceWorker' in navigator)) return null;
  if (navigator.webdriver && !forced) return null;
  return navigator.serviceWorker.register(here('./sw.js'), { scope: './' }).catch(() => null);
}
