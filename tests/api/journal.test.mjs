// The journal key through the headless API: specKey and canonicalSpec give, in Node, the very
// test vectors of tests/journal_key.rs (the key is stable across native and wasm builds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();

const IRIS = { data: { builtin: 'iris' }, target: 'species', positive: 'virginica', model: { kind: 'knn', n_neighbors: 7 }, split: { seed: 1 } };

test('specKey and canonicalSpec give the native test vectors', async () => {
  assert.equal(await atelier.specKey(IRIS), 'a4fe0bd183e250f5');
  assert.equal(await atelier.canonicalSpec({ model: { kind: 'knn', n_neighbors: 7 } }),
    '{"clean":[],"features":null,"impute":"median","model":{"kind":"knn","n_neighbors":7,"weights":"uniform"},"positive":null,'
    + '"resample":{"k":5,"kind":"none","seed":0},"scale":"standard","split":{"seed":42,"stratify":true,"test":0.2,"validation":0.2},'
    + '"target":null,"threshold":null}');
});

test('the key is the report\'s spec_hash, and ignores key order, implicit defaults and where the data came from', async () => {
  const key = await atelier.specKey(IRIS);
  assert.equal((await atelier.run(IRIS)).spec_hash, key);
  const reordered = { split: { seed: 1, test: 0.2 }, model: { n_neighbors: 7, kind: 'knn' }, positive: 'virginica', target: 'species', scale: 'standard', data: { builtin: 'iris' } };
  assert.equal(await atelier.specKey(reordered), key);
  const text = await readFile(new URL('www/data/iris.csv', root), 'utf8');
  assert.equal(await atelier.specKey({ ...IRIS, data: { text } }), key);
});

test('another seed, parameter or data byte gives another key', async () => {
  const key = await atelier.specKey(IRIS);
  assert.notEqual(await atelier.specKey({ ...IRIS, split: { seed: 2 } }), key);
  assert.notEqual(await atelier.specKey({ ...IRIS, model: { kind: 'knn', n_neighbors: 8 } }), key);
  const text = await readFile(new URL('www/data/iris.csv', root), 'utf8');
  assert.notEqual(await atelier.specKey({ ...IRIS, data: { text: text.replace('5.1', '5.2') } }), key);
});

test('a bad spec is a bilingual error', async () => {
  await assert.rejects(atelier.specKey({ modle: {} }, { lang: 'fr' }), (e) => e.code === 'bad_spec' && /modle/.test(e.message) && /Spécification/.test(e.message));
});
