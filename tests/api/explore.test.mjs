// The headless API's exploration and cleaning functions in Node, on the built wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();
const text = (name) => readFileSync(new URL(`www/data/${name}`, root), 'utf8');
const sante = text('sante.csv');
const iris = text('iris.csv');
const golden = JSON.parse(readFileSync(new URL('tests/fixtures/correlation.json', root), 'utf8'));
const FEATURES = ['Age', 'IMC', 'cholesterol', 'poids'];

test('correlation matches pandas, with undefined cells as null', async () => {
  const all = await atelier.correlation(sante);
  const want = golden.pearson.sante_all_numeric;
  assert.deepEqual(all.columns, want.columns);
  all.matrix.forEach((row, i) => row.forEach((r, j) => {
    const w = want.matrix[i][j];
    if (w === null) assert.equal(r, null, `[${i}][${j}]`);
    else assert.ok(Math.abs(r - w) <= 1e-9 * Math.max(Math.abs(w), 1e-3), `[${i}][${j}] ${r} vs ${w}`);
  }));
  const spearman = await atelier.correlation(sante, { method: 'spearman', columns: FEATURES });
  assert.ok(Math.abs(spearman.matrix[0][1] - golden.spearman.sante_features.matrix[0][1]) < 1e-9);
});

test('correlation lists the redundant pairs with a column to drop', async () => {
  const { pairs } = await atelier.correlation(sante, { columns: FEATURES, threshold: 0.98 });
  assert.deepEqual(pairs.map((p) => [p.a, p.b]), [['IMC', 'poids'], ['Age', 'poids'], ['Age', 'IMC']]);
  assert.ok(['IMC', 'poids', 'Age'].includes(pairs[0].drop));
});

test('pca matches scikit-learn on standardised iris', async () => {
  const want = JSON.parse(readFileSync(new URL('tests/fixtures/pca.json', root), 'utf8')).iris;
  const p = await atelier.pca(iris, { components: 2 });
  want.explained_variance_ratio_.forEach((w, i) => assert.ok(Math.abs(p.explained_variance_ratio[i] - w) < 1e-9 * w));
  assert.equal(p.projection.length, 150);
  assert.ok(Math.abs(p.projection[0][0] - want.projected_first5[0][0]) < 1e-9 * 3);
});

test('projections leave out rows with a missing value and say how many', async () => {
  const p = await atelier.pca(sante, { components: 2 });
  assert.equal(p.dropped, 4);
  assert.equal(p.projection.length, 6);
});

test('tsne and umap give one point per row, and the seed moves a random start', async () => {
  const options = { perplexity: 10, iterations: 250 };
  const a = await atelier.tsne(iris, { ...options, seed: 1 });
  const b = await atelier.tsne(iris, { ...options, seed: 2 });
  assert.equal(a.embedding.length, 150);
  assert.ok(a.embedding.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  assert.notDeepEqual(a.embedding, b.embedding);
  assert.deepEqual(await atelier.tsne(iris, { ...options, seed: 1 }), a, 'same seed, same layout');
  const u = await atelier.umap(iris, { neighbors: 10, seed: 0, epochs: 100 });
  assert.equal(u.embedding.length, 150);
});

test('applyRecipe replays the course cleaning and returns CSV', async () => {
  const csv = await atelier.applyRecipe(sante, [
    { op: 'drop_columns', columns: ['IMC'] },
    { op: 'drop_where', condition: { column: 'Age', op: '>', value: 100 } },
    { op: 'fill_missing', column: 'malade', fill: { kind: 'constant', value: 0 } },
  ]);
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'ID,Age,cholesterol,poids,malade');
  assert.equal(lines.length, 10);
  assert.equal(lines[1], '1,25,180,68,0.0');
});

test('bad projections and recipes get clear errors', async () => {
  await assert.rejects(atelier.pca('a,b\n1,2\n3,4\n'), { code: 'too_few_rows' });
  await assert.rejects(atelier.pca(iris, { columns: ['species'] }), { code: 'not_numeric', message: "Column 'species' holds text: choose numeric columns." });
  await assert.rejects(atelier.tsne(sante), { code: 'out_of_range' });
  await assert.rejects(atelier.correlation(sante, { method: 'kendall' }), { code: 'bad_option' });
  await assert.rejects(atelier.applyRecipe(sante, [{ op: 'drop_columns', columns: ['nope'] }], { lang: 'fr' }),
    { message: 'Étape 1 de la recette : Pas de colonne « nope ».' });
});

test('a correlation with a constant column is null, not NaN', async () => {
  const c = await atelier.correlation('a,b\n1,5\n2,5\n3,5\n');
  assert.deepEqual(c.matrix, [[1, null], [null, null]]);
});
