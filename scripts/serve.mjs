// Tiny static file server for dist/ (no dependencies).
//   node scripts/serve.mjs            serves dist/ on http://127.0.0.1:$PORT (default 8080)
//   import { startServer } from ...   startServer({ port: 0, root, mounts }) → { url, port, close }
// `mounts` maps URL prefixes to other folders, e.g. { '/bench/': 'bench' } (used by the bench);
// `onRequest(path, status, { bytes, encoding })` is called for every request (the bench lists
// what a page load fetches and how many bytes went over the wire).
// Precompressed copies written by the build (file.br, file.gz) are sent with Content-Encoding
// when the client accepts them. Hashed names (app.1a2b3c4d5e.js: content-addressed, see
// scripts/bundle.mjs) are cached for a year; everything else, index.html included, is
// revalidated (no-cache, with an ETag: a 304 when unchanged).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(import.meta.url), '../..');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.woff2': 'font/woff2',
};

// The file for a URL path, or null: the longest matching mount wins, then root.
function locate(urlPath, root, mounts) {
  let base = root, rest = urlPath;
  for (const [prefix, dir] of Object.entries(mounts).sort((a, b) => b[0].length - a[0].length)) {
    if (urlPath.startsWith(prefix)) { base = dir; rest = urlPath.slice(prefix.length - 1); break; }
  }
  const file = normalize(join(base, rest));
  if (file !== base && !file.startsWith(base + sep)) return null; // no escaping the folder
  try {
    const st = statSync(file);
    if (st.isDirectory()) return locate(join(urlPath, 'index.html'), root, mounts);
    return st.isFile() ? file : null;
  } catch { return null; }
}

const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

/** The site's Content-Security-Policy (issue 11): nothing inline, nothing from another origin,
 *  wasm compiled; any page may frame it (course sites embed it). Sent with every file of the
 *  root (a worker's script gets it too), except dist/atelier.html, which carries its own with
 *  the hashes of its inline code. index.html repeats it in a <meta> for static hosts that send
 *  no header (where frame-ancestors cannot be set). */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors *";
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

/** The copy to send: a precompressed one the client accepts (br before gzip), else the file. */
function variant(file, acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((e) => e.trim().split(';')[0]);
  for (const [encoding, ext] of ENCODINGS) {
    if (!accepted.includes(encoding)) continue;
    try { return { path: file + ext, encoding, size: statSync(file + ext).size }; } catch { /* none */ }
  }
  return { path: file, encoding: null, size: statSync(file).size };
}

function headersFor(file, sent, etag, policed) {
  const headers = {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': sent.size,
    'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (sent.encoding) headers['Content-Encoding'] = sent.encoding;
  if (policed) headers['Content-Security-Policy'] = CSP;
  return headers;
}

export function startServer({ port = 0, root = join(REPO, 'dist'), mounts = {}, host = '127.0.0.1', onRequest } = {}) {
  root = resolve(root);
  mounts = Object.fromEntries(Object.entries(mounts).map(([p, d]) => [p, resolve(REPO, d)]));
  const server = createServer((req, res) => {
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { path = null; }
    const file = path && (req.method === 'GET' || req.method === 'HEAD') && locate(path, root, mounts);
    if (!file) {
      onRequest?.(path ?? req.url, 404, { bytes: 0, encoding: null });
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      return res.end('404 Not Found\n');
    }
    const sent = variant(file, req.headers['accept-encoding']);
    const st = statSync(file);
    const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}${sent.encoding ? `-${sent.encoding}` : ''}"`;
    if (req.headers['if-none-match'] === etag) {
      onRequest?.(path, 304, { bytes: 0, encoding: sent.encoding });
      res.writeHead(304, { ETag: etag, 'Cache-Control': headersFor(file, sent, etag)['Cache-Control'] });
      return res.end();
    }
    onRequest?.(path, 200, { bytes: sent.size, encoding: sent.encoding });
    const policed = file.startsWith(root + sep) && basename(file) !== 'atelier.html';
    res.writeHead(200, headersFor(file, sent, etag, policed));
    if (req.method === 'HEAD') return res.end();
    createReadStream(sent.path).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port } = server.address();
      ok({
        url: `http://${host}:${port}`,
        port,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({ port: Number(process.env.PORT ?? 8080) });
  console.log(`Atelier: ${url}`);
}
