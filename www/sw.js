// The service worker of the hosted site (registered by www/assets.js, registerServiceWorker):
// after a first visit, the site opens and works offline.
// - Install: caches the version's files (the page, its hashed bundles and wasm, the workbook
//   module, the built-in data sets) in a cache named after the build's hash.
// - The page itself (a navigation): network first, so a deployed version shows at once when
//   online; the cached page when the network fails.
// - Every other file of the list: cache first (hashed names never change content).
// - Update: a new deployment changes this file (its hash and list), so the browser installs the
//   new worker on the next navigation; it takes over at once (skipWaiting, clients.claim) and
//   deletes the other versions' caches. No reload prompt: the open page keeps running, the
//   next visit is the new version (and the page is fetched fresh anyway when online).
/* global ATELIER_SW */
// Set by scripts/bundle.mjs (esbuild's define): { version, files } (paths from this file).
const { version, files } = typeof ATELIER_SW === 'undefined' ? { version: 'dev', files: [] } : ATELIER_SW;
const CACHE = `atelier-${version}`;
const scope = new URL('./', self.location.href);
const urls = new Set(files.map((f) => new URL(f, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...urls])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('atelier-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** A page: from the network (a deployment shows at once), else its cached copy (the site's
 *  page for its own address, `./` or `./index.html`, whatever the query). */
async function page(request, url) {
  try {
    return await fetch(request);
  } catch (err) {
    const own = url.href === scope.href || url.href === new URL('index.html', scope).href;
    const cached = await caches.match(own ? scope.href : url.href, { cacheName: CACHE });
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  if (request.mode === 'navigate' && url.href.startsWith(scope.href)) {
    event.respondWith(page(request, url));
  } else if (urls.has(url.href)) {
    event.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
  }
});
