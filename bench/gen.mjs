// Seeded generator of the bench CSV: ROWS × 10 numeric columns, written like pandas' to_csv
// (floats in shortest round-trip form, "48.0" not "48", "1e-05" exponents), about 68 MB at 1M rows.
//   node bench/gen.mjs [rows]   → bench/out/numeric-<rows>.csv (kept; regenerated only if absent)
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');

// mulberry32: small, fast, good enough for test data; fixed seed → same file everywhere.
function rng(seed) {
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await generate(Number(process.argv[2] ?? 1_000_000)));
}
