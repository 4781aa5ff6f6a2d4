// Shareable links in Node (the same CompressionStream as the browser): a payload written by the
// core survives compression, base64url and back; a file's bytes survive being carried (a UTF-8
// text with its byte-order mark, a binary file); garbage decodes to nothing and the core calls
// it a damaged link, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { encodeLink, decodeLink, codeOf, carried, carriedBytes, HASH } = await import(new URL('www/link.js', root));
const wasm = await import(new URL('dist/pkg/atelier.js', root));
wasm.initSync({ module: readFileSync(new URL('dist/pkg/atelier_bg.wasm', root)) });

test('a written link round-trips through the URL code to the same parts', async () => {
  const parts = { step: 'validate', spec: { model: { kind: 'knn', n_neighbors: 9 }, target: 'é <b>' }, recipe: [{ step: { op: 'drop_columns', columns: ['id'] } }], data: { builtin: 'breast_cancer' } };
  const text = wasm.writeLink(JSON.stringify(parts), 'en');
  const code = await encodeLink(text);
  assert.match(code, /^[A-Za-z0-9_-]+$/, 'base64url: nothing to escape in a URL');
  assert.equal(codeOf(`${HASH}${code}`), code);
  assert.equal(codeOf('#other'), null);
  const link = wasm.readLink(await decodeLink(code), 'en');
  assert.equal(link.v, 1);
  assert.equal(link.step, 'validate');
  assert.deepEqual(link.spec, parts.spec);
  assert.deepEqual(link.recipe, parts.recipe);
  assert.deepEqual(link.data, parts.data);
  assert.equal(link.note, null);
});

test('a carried file comes back byte for byte: UTF-8 text with its BOM, and binary bytes', () => {
  const text = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a;b\nété;2\n')]);
  const asText = carried({ name: 'x.csv', bytes: text, options: { delimiter: ';' } });
  assert.ok('text' in asText && !('base64' in asText));
  assert.deepEqual(asText.options, { delimiter: ';' });
  assert.deepEqual(carriedBytes(asText), text);
  const binary = new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0, 0xfe]);
  const asBytes = carried({ name: 'b.xlsx', bytes: binary, options: {} });
  assert.ok('base64' in asBytes && !('options' in asBytes));
  assert.deepEqual(carriedBytes(asBytes), binary);
});

test('garbage after #spec= decodes to nothing, which the core calls a damaged link', async () => {
  for (const code of ['', '!!!', 'AAAA', 'bm90IGRlZmxhdGU']) assert.equal(await decodeLink(code), '', code);
  assert.throws(() => wasm.readLink('', 'fr'), (err) => err.code === 'link_damaged' && /abîmé/.test(err.message) && /damaged/.test(err.en));
  const newer = wasm.writeLink(JSON.stringify({ step: 'data', spec: {}, data: { builtin: 'iris' } }), 'en').replace('"v":1', '"v":2');
  assert.throws(() => wasm.readLink(newer, 'en'), (err) => err.code === 'link_newer' && /newer version/.test(err.message));
});

test('a link naming a file too big to carry reads with a note saying which file to load', () => {
  const text = wasm.writeLink(JSON.stringify({ step: 'train', spec: {}, recipe: [], data: { name: 'big.csv', missing: true, rows: 5000, columns: 40 } }), 'en');
  const link = wasm.readLink(text, 'en');
  assert.equal(link.note.code, 'link_needs_file');
  assert.match(link.note.en, /Load the file 'big\.csv' \(5000 rows × 40 columns\)/);
  assert.match(link.note.fr, /Chargez le fichier « big\.csv »/);
});
