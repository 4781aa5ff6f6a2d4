// The projection estimates (src/experiment/estimate.rs) against measured runs: t-SNE and UMAP
// through the headless API (V8's wasm, as in Chromium's workers) on n × 64 rows of 10 noisy
// clusters, each run once. Prints, per run, the measured and the estimated seconds and their
// ratio: the constants in estimate.rs come from these lines on the 2-core reference machine.
// Usage: node bench/estimate.mjs [n:iterations …] (after `npm run build`); about 2 minutes.
const { load } = await import(new URL('../dist/api.js', import.meta.url));
const atelier = await load();

/** `n` rows of `d` columns around 10 centres, deterministic. */
function clusters(n, d = 64) {
  let s = 1;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const lines = [Array.from({ length: d }, (_, j) => `x${j}`).join(',')];
  for (let i = 0; i < n; i++) lines.push(Array.from({ length: d }, (_, j) => ((i % 10) * ((j % 7) + 1) + 3 * (rnd() - 0.5)).toFixed(3)).join(','));
  return lines.join('\n');
}

const runs = process.argv.slice(2).length ? process.argv.slice(2) : ['tsne:1000:250', 'tsne:1000:1000', 'tsne:4000:250', 'tsne:4000:1000', 'umap:1000:200', 'umap:4000:200', 'umap:4000:500'];
console.log('| projection | rows | iterations / epochs | measured | estimated | estimated / measured |');
console.log('|---|---|---|---|---|---|');
for (const run of runs) {
  const [kind, n, steps] = run.split(':');
  const csv = clusters(Number(n));
  const options = kind === 'tsne' ? { iterations: Number(steps) } : { epochs: Number(steps) };
  const { seconds } = await atelier.projectionEstimate(csv, kind, options);
  const began = performance.now();
  await atelier[kind](csv, options);
  const measured = (performance.now() - began) / 1000;
  console.log(`| ${kind} | ${n} | ${steps} | ${measured.toFixed(2)} s | ${seconds.toFixed(2)} s | ${(seconds / measured).toFixed(2)} |`);
}
