// The headless API (dist/api.js) in Node, on the built wasm: the contract of the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();
const file = (path) => new Uint8Array(readFileSync(new URL(path, root)));
const sante = readFileSync(new URL('www/data/sante.csv', root), 'utf8');

test('readTable gives rows, typed columns and the guessed dialect', async () => {
  const t = await atelier.readTable(sante);
  assert.equal(t.rows, 10);
  assert.deepEqual(t.columns.map((c) => `${c.name}:${c.dtype}`),
    ['ID:integer', 'Age:integer', 'IMC:float', 'cholesterol:integer', 'poids:integer', 'malade:float']);
  assert.equal(t.dialect.delimiter, ',');
  assert.equal(t.dialect.decimal, '.');
  assert.equal(t.dialect.encoding, 'utf-8');
});

test('a French spreadsheet export is sniffed and reads like the plain file', async () => {
  const fr = await atelier.readTable(file('www/data/sante_fr.csv'));
  assert.deepEqual([fr.dialect.delimiter, fr.dialect.decimal], [';', ',']);
  assert.deepEqual(await atelier.describe(file('www/data/sante_fr.csv')), await atelier.describe(sante));
});

test('head returns rows of numbers, strings and null for missing', async () => {
  const rows = await atelier.head(sante, 2);
  assert.deepEqual(rows, [[1, 25, 22.5, 180, 68, null], [2, 30, 24, 190, 72, null]]);
  assert.deepEqual(await atelier.head('a,b\nx,NA\n'), [['x', null]]);
});

test('describe matches pandas to 1e-9 on the golden data sets', async () => {
  const golden = JSON.parse(readFileSync(new URL('tests/fixtures/describe.json', root), 'utf8'));
  for (const [name, g] of Object.entries(golden.datasets)) {
    const d = await atelier.describe(file(`www/data/${g.file}`));
    assert.equal(d.rows, g.n_rows);
    for (const col of g.describe_columns) {
      const got = d.columns.find((c) => c.name === col);
      const want = g.describe[col];
      assert.equal(got.count, want.count, `${name}.${col}.count`);
      for (const [key, stat] of [['mean', 'mean'], ['std', 'std'], ['min', 'min'], ['q25', '25%'], ['q50', '50%'], ['q75', '75%'], ['max', 'max']]) {
        const tol = 1e-9 * Math.max(Math.abs(want[stat]), 1e-300); // the contract for closed forms
        assert.ok(Math.abs(got[key] - want[stat]) <= tol, `${name}.${col}.${stat}: ${got[key]} vs ${want[stat]}`);
      }
    }
  }
});

test('describe gives count, unique, top and freq for text columns, numeric fields null', async () => {
  const d = await atelier.describe(file('www/data/iris.csv'));
  const species = d.columns.find((c) => c.name === 'species');
  assert.deepEqual([species.dtype, species.count, species.unique, species.top, species.freq, species.mean],
    ['text', 150, 3, 'setosa', 50, null]);
});

test('valueCounts sorts by count with ties in order of first appearance', async () => {
  assert.deepEqual(await atelier.valueCounts(file('www/data/wine.csv'), 'class'),
    [{ value: 'class_1', count: 71 }, { value: 'class_0', count: 59 }, { value: 'class_2', count: 48 }]);
  assert.deepEqual(await atelier.valueCounts(sante, 'malade', { dropna: false }),
    [{ value: 1, count: 6 }, { value: null, count: 4 }]);
});

test('an xlsx workbook is read through the lazily loaded workbook module', async () => {
  const bytes = file('tests/fixtures/sante.xlsx');
  const t = await atelier.readTable(bytes);
  assert.equal(t.rows, 10);
  assert.deepEqual([t.dialect.format, t.dialect.sheet, t.dialect.sheets], ['xlsx', 'patients', ['patients', 'autre']]);
  assert.deepEqual(await atelier.head(bytes, 1, { sheet: 'autre' }), [['a', '2024-03-01']]);
});

test('lowered limits hold for a workbook as for a CSV: its size, its columns, its table', async () => {
  const bytes = file('tests/fixtures/sante.xlsx');
  await assert.rejects(atelier.readTable(bytes, { max_bytes: 100 }), { code: 'too_large' });
  await assert.rejects(atelier.readTable(bytes, { max_columns: 3 }), { code: 'too_many_columns' });
  await assert.rejects(atelier.readTable(bytes, { max_memory: 200 }), { code: 'too_much_memory' });
  assert.equal((await atelier.readTable(bytes, { max_columns: 6 })).columns.length, 6);
});

test('a failure rejects with an Error that says what and where, in the asked language', async () => {
  const ragged = 'a,b\n1,2\n3,4,5\n';
  await assert.rejects(atelier.readTable(ragged), (e) => e instanceof Error && /^Line 3: 3 fields instead of 2/.test(e.message) && e.code === 'ragged_row');
  await assert.rejects(atelier.readTable(ragged, { lang: 'fr' }), (e) => /^Ligne 3 : 3 champs au lieu de 2/.test(e.message) && /Line 3/.test(e.en));
  await assert.rejects(atelier.readTable(''), { code: 'empty_file' });
  await assert.rejects(atelier.readTable('a,b\n'), { code: 'header_only' });
  await assert.rejects(atelier.readTable('[1, 2]'), { code: 'not_a_table' });
  await assert.rejects(atelier.readTable(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1])), { code: 'binary' });
  await assert.rejects(atelier.valueCounts(sante, 'nope'), { code: 'unknown_column', message: "No column 'nope'." });
  await assert.rejects(atelier.readTable(file('tests/fixtures/sante.xlsx'), { sheet: 'x' }), { code: 'no_sheet' });
  await assert.rejects(atelier.readTable(42), TypeError);
});

test('the API stays usable after an error', async () => {
  await assert.rejects(atelier.readTable('a,b\n1\n'));
  assert.equal((await atelier.readTable(sante)).rows, 10);
});

test('flags name the rows they concern by identifier', async () => {
  const flags = await atelier.flags(sante);
  const implausible = flags.find((f) => f.kind === 'implausible');
  assert.deepEqual([implausible.column, implausible.ids], ['cholesterol', [5]]);
});

test('datasets lists every built-in file with both languages', async () => {
  const list = await atelier.datasets();
  assert.equal(list.length, 13);
  assert.ok(list.every((d) => d.title.fr && d.title.en && d.about.fr && d.about.en && d.licence));
});

test('oneHot gives a sentence\'s words, their columns, the one-hot rows and why', async () => {
  const e = await atelier.oneHot('The jobs, the economy and the taxes. Then more.');
  assert.equal(e.sentence, 'The jobs, the economy and the taxes.');
  assert.deepEqual(e.tokens, ['the', 'jobs', 'the', 'economy', 'and', 'the', 'taxes']);
  assert.deepEqual(e.vocabulary, ['and', 'economy', 'jobs', 'taxes', 'the']);
  assert.deepEqual(e.indices, [4, 2, 4, 1, 0, 4, 3]);
  assert.deepEqual(e.rows[0], [0, 0, 0, 0, 1]);
  assert.deepEqual(e.bag, [1, 1, 1, 1, 3]);
  assert.match(e.note.en, /invent an order/);
  assert.deepEqual((await atelier.oneHot('Keep The Case', { lowercase: false })).tokens, ['Keep', 'The', 'Case']);
});

test('run with spec.text reports the vocabulary and a linear model\'s telling words', async () => {
  const r = await atelier.run({ data: { builtin: 'sotu' }, features: ['text'], text: { columns: ['text'], max_words: 2000 } });
  assert.equal(r.text.columns[0].words, 2000);
  assert.equal(r.text.vocabulary_size, 2002);
  assert.equal(r.text.telling.for_positive.length, 15);
  assert.ok(r.features.every((f) => f.startsWith('text:')));
  await assert.rejects(atelier.run({ data: { builtin: 'sotu' }, text: { columns: ['year'] } }),
    (e) => e.code === 'bad_param' && e.en.includes("'text.columns' = year"));
});
