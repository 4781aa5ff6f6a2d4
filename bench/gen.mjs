// Seeded generator of the bench CSV: ROWS × 10 numeric columns, written like pandas' to_csv
// (floats in shortest round-trip form, "48.0" not "48", "1e-05" exponents), about 68 MB at 1M rows.
//   node bench/gen.mjs [rows]   → bench/out/numeric-<rows>.csv (kept; regenerated only if absent)
//   node bench/gen.mjs projections → bench/out/clusters-5000x64.csv (+ its first 500 rows) and
//                                    bench/out/correlated-100000x50.csv, for t-SNE, UMAP and PCA
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');

// mulberry32: small, fast, good enough for test data; fixed seed → same file everywhere.
export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Python's repr(float) for the values made here: JS's shortest round-trip digits, with
// Python's spelling of integral floats, negative zero and small exponents.
function pyFloat(v) {
  if (Object.is(v, -0)) return '-0.0';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v + '.0';
  if (v !== 0 && Math.abs(v) < 1e-4) {
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(v);
}

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

export const COLUMNS = ['grade', 'code', 'score', 'z', 'u6', 'lognorm', 'amount', 'delta', 'noise', 'u8'];

export async function generate(rows = 1_000_000, seed = 42) {
  const file = join(OUT, `numeric-${rows}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(OUT, { recursive: true });
  const r = rng(seed);
  let spare = null; // Box-Muller gives normals in pairs
  const normal = () => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    const u = 1 - r(), v = r(), m = Math.sqrt(-2 * Math.log(u));
    spare = m * Math.sin(2 * Math.PI * v);
    return m * Math.cos(2 * Math.PI * v);
  };
  const tmp = file + '.tmp';
  const out = createWriteStream(tmp);
  out.write(COLUMNS.join(',') + '\n');
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    chunk.push([
      Math.floor(r() * 100),                    // integer columns, as pandas writes int64
      Math.floor(r() * 100_000),
      pyFloat(round(50 + 10 * normal(), 2)),
      pyFloat(round(normal(), 4)),
      pyFloat(round(r(), 6)),
      pyFloat(round(Math.exp(normal()), 3)),
      pyFloat(round(1000 + 300 * normal(), 1)),
      Math.floor(r() * 1001) - 500,
      pyFloat(round(100 * normal(), 3)),
      pyFloat(round(r(), 8)),
    ].join(','));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  return file;
}

// Standard normals from a uniform generator (Box-Muller, pairs).
export function normals(r) {
  let spare = null;
  return () => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    const u = 1 - r(), v = r(), m = Math.sqrt(-2 * Math.log(u));
    spare = m * Math.sin(2 * Math.PI * v);
    return m * Math.cos(2 * Math.PI * v);
  };
}

async function writeMatrix(file, header, rows) {
  const tmp = file + '.tmp';
  const out = createWriteStream(tmp);
  out.write(header.join(',') + '\n');
  for (let i = 0; i < rows.length; i += 2000) {
    const text = rows.slice(i, i + 2000).map((row) => row.join(',')).join('\n') + '\n';
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
}

// For t-SNE / UMAP: ROWS × DIMS, a mixture of 10 Gaussian clusters of unequal sizes and spreads,
// each spread along its own random 6-D subspace (so there is structure inside a cluster, too),
// plus isotropic noise; rows shuffled; then every column standardised (mean 0, population std 1)
// so that Atelier's default standardisation leaves it as it is and every tool gets the same
// matrix. Values rounded to 6 decimals. Also writes the first `small` rows as a second file
// (tsne-js is too slow for the full set). Returns { file, smallFile, labels }.
export async function generateClusters(rows = 5000, dims = 64, small = 500, seed = 7) {
  const file = join(OUT, `clusters-${rows}x${dims}.csv`);
  const smallFile = join(OUT, `clusters-${small}x${dims}.csv`);
  if (existsSync(file) && existsSync(smallFile)) return { file, smallFile };
  mkdirSync(OUT, { recursive: true });
  const r = rng(seed), z = normals(r);
  const K = 10, LATENT = 6;
  const weights = Array.from({ length: K }, () => 0.5 + r());
  const wsum = weights.reduce((a, b) => a + b, 0);
  const clusters = weights.map(() => ({
    centre: Array.from({ length: dims }, () => 2.2 * z()),
    spread: 0.4 + 1.6 * r(), // 0.4 … 2.0
    basis: Array.from({ length: LATENT }, () => Array.from({ length: dims }, () => z() / Math.sqrt(dims / LATENT))),
  }));
  const data = [];
  for (let i = 0; i < rows; i++) {
    let u = r() * wsum, k = 0;
    while (k < K - 1 && u > weights[k]) u -= weights[k++];
    const c = clusters[k], row = c.centre.slice();
    for (let l = 0; l < LATENT; l++) {
      const a = c.spread * 1.5 * z(), b = c.basis[l];
      for (let j = 0; j < dims; j++) row[j] += a * b[j];
    }
    for (let j = 0; j < dims; j++) row[j] += 0.35 * c.spread * z();
    data.push(row);
  }
  for (let i = rows - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [data[i], data[j]] = [data[j], data[i]]; }
  for (let j = 0; j < dims; j++) {
    let m = 0; for (const row of data) m += row[j]; m /= rows;
    let v = 0; for (const row of data) v += (row[j] - m) ** 2; const s = Math.sqrt(v / rows);
    for (const row of data) row[j] = round((row[j] - m) / s, 6);
  }
  const header = Array.from({ length: dims }, (_, j) => `x${j}`);
  await writeMatrix(file, header, data);
  await writeMatrix(smallFile, header, data.slice(0, small));
  return { file, smallFile };
}

// For PCA: ROWS × COLS with correlated columns: 6 latent factors of decreasing variance mixed
// by a random loading matrix, plus independent noise, a different mean per column. 4 decimals.
export async function generateCorrelated(rows = 100_000, cols = 50, seed = 11) {
  const file = join(OUT, `correlated-${rows}x${cols}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(OUT, { recursive: true });
  const r = rng(seed), z = normals(r);
  const F = 6, scale = [5, 3.5, 2.5, 1.6, 1.1, 0.8];
  const load = Array.from({ length: F }, () => Array.from({ length: cols }, () => z()));
  const mean = Array.from({ length: cols }, () => 10 * z());
  const data = [];
  for (let i = 0; i < rows; i++) {
    const row = mean.slice();
    for (let f = 0; f < F; f++) {
      const a = scale[f] * z(), l = load[f];
      for (let j = 0; j < cols; j++) row[j] += a * l[j];
    }
    for (let j = 0; j < cols; j++) row[j] = round(row[j] + 0.5 * z(), 4);
    data.push(row);
  }
  await writeMatrix(file, Array.from({ length: cols }, (_, j) => `c${j}`), data);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'projections') {
    console.log(await generateClusters(), await generateCorrelated());
  } else {
    console.log(await generate(Number(process.argv[2] ?? 1_000_000)));
  }
}
