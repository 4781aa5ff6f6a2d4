// The exported Python script (pandas + scikit-learn), run for real: its probabilities equal
// Atelier's production probabilities (the pipeline refitted on every labelled row) to 1e-6 for
// logistic regression, k-NN, naive Bayes, a full pipeline with gaps and a text column, and one
// over names with quotes, backslashes and newlines (the script still runs); a
// random forest, whose fit differs across libraries, agrees on accuracy. Needs python3 with
// pandas and scikit-learn (`bash scripts/setup.sh --python`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const { refitScores } = await import(new URL('dist/pkg/atelier.js', root));
const atelier = await load();
const csvOf = (file) => readFileSync(new URL(`dist/data/${file}`, root), 'utf8');

/** Atelier's production score of each row of `csv` (the pipeline refitted on every labelled
 *  row, then every row scored), as `[row, score]`. */
async function atelierScores(spec, csv) {
  const data = { data: { text: csv } };
  const { probabilities } = await atelier.predict(await atelier.fit({ ...spec, ...data }), csv);
  return probabilities.map((p, row) => [row, p]);
}

/** Writes the exported script and the CSV to a temporary folder, runs `python3 model.py
 *  data.csv` and reads what it prints: its header and one score per row of the file. */
async function pythonScores(spec, csv) {
  const script = await atelier.exportPython({ ...spec, data: { text: csv } });
  const dir = await mkdtemp(join(tmpdir(), 'atelier-python-'));
  try {
    await writeFile(join(dir, 'model.py'), script);
    await writeFile(join(dir, 'data.csv'), csv);
    const { stdout } = await promisify(execFile)('python3', ['model.py', 'data.csv'], { cwd: dir, timeout: 60_000 });
    const [header, ...lines] = stdout.trimEnd().split('\n');
    return { header, scores: lines.map(Number) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Both sides of a case, the Python one started at once: the scripts run side by side. */
function compare(spec, csv) {
  const python = pythonScores(spec, csv);
  python.catch(() => {}); // awaited by its test
  return { python, atelier: atelierScores(spec, csv) };
}

// sante.csv labels 6 rows `1` and leaves the healthy ones NULL: the recipe says they are 0.
const healthy = { op: 'fill_missing', column: 'malade', fill: { kind: 'constant', value: 0 } };
const sante = csvOf('sante_fr.csv'); // ';', decimal commas, a BOM, CRLF: the dialect matters
// sante with a text column and gaps in the numbers (an unseen-in-training value is impossible
// here: the script predicts its own training file).
const santeMixed = csvOf('sante.csv').trimEnd().split('\n').map((line, i) => {
  const cells = line.split(',');
  if (i === 3) cells[2] = '';
  if (i === 7) cells[3] = '?';
  const sexe = i === 0 ? 'sexe' : ['F', 'H', 'F', '', 'H', 'F', 'H', 'X', 'F', 'H'][i - 1];
  return [...cells.slice(0, 5), sexe, cells[5]].join(',');
}).join('\n') + '\n';
const breast = csvOf('breast_cancer.csv');
const sotu = csvOf('sotu.csv');
// Names a script must quote (issue 11): quotes, a backslash, a newline, markup; text values too.
const hostileNames = ['a"b', 'back\\slash', 'new\nline', '<img src=x>', "cat'é"];
const hostileCsv = [
  [...hostileNames, 'y'].map((n) => `"${n.replaceAll('"', '""')}"`).join(','),
  ...Array.from({ length: 40 }, (_, i) => {
    const y = i % 2;
    const gap = i % 7 === 3 ? '' : String((i % 5) + y);
    return [(i % 9) / 3 + y, (i * 7) % 11, gap, (i % 4) - y, ['"it\'s"', 'x\\y', '""""'][i % 3], y].join(',');
  }),
].join('\n') + '\n';

const exact = {
  'logistic regression on breast_cancer': [{ model: { kind: 'logistic_regression', C: 0.5 } }, breast],
  'k-NN on breast_cancer': [{ model: { kind: 'knn', n_neighbors: 7, weights: 'distance' } }, breast],
  'naive Bayes on breast_cancer': [{ model: { kind: 'gaussian_nb' } }, breast],
  'logistic regression on sante': [{ clean: [healthy], model: { kind: 'logistic_regression' } }, sante],
  'k-NN on sante': [{ clean: [healthy], model: { kind: 'knn', n_neighbors: 3 } }, sante],
  'naive Bayes on sante': [{ clean: [healthy], model: { kind: 'gaussian_nb', var_smoothing: 1e-6 } }, sante],
  'median imputer, one-hot, standard scaler and logistic regression on sante with gaps and text': [
    { clean: [healthy, { op: 'drop_rows', rows: [9] }], impute: 'median', scale: 'standard', model: { kind: 'logistic_regression' } },
    santeMixed,
  ],
  // Every word kept (no tie at the max_features cut): CountVectorizer's vocabulary is Atelier's.
  'a bag of words (CountVectorizer) and logistic regression on sotu': [
    { features: ['text'], text: { columns: ['text'], max_words: 100000 }, model: { kind: 'logistic_regression' } },
    sotu,
  ],
  'a pipeline over hostile column names and values (quotes, a backslash, a newline, markup)': [
    { target: 'y', clean: [{ op: 'fill_missing', column: 'new\nline', fill: { kind: 'constant', value: 0 } }], impute: 'median', scale: 'standard', model: { kind: 'logistic_regression' } },
    hostileCsv,
  ],
};
const forestSpec = { model: { kind: 'random_forest', n_estimators: 50, seed: 1 } };
const runs = Object.fromEntries(Object.entries(exact).map(([name, [spec, csv]]) => [name, compare(spec, csv)]));
const forest = compare(forestSpec, breast);

for (const name of Object.keys(exact)) {
  test(`the exported script reproduces Atelier's probabilities: ${name}`, async (t) => {
    const [python, want] = await Promise.all([runs[name].python, runs[name].atelier]);
    assert.equal(python.header, 'probability');
    assert.equal(python.scores.length, want.length, 'one score per row of the file, as Atelier\'s predict gives');
    assert.ok(want.length >= 6, `${want.length} labelled rows`);
    let worst = 0;
    for (const [row, p] of want) {
      assert.ok(Number.isFinite(python.scores[row]), `row ${row}: ${python.scores[row]}`);
      worst = Math.max(worst, Math.abs(python.scores[row] - p));
    }
    t.diagnostic(`max |python − atelier| = ${worst}`);
    assert.ok(worst <= 1e-6, `max difference ${worst}`);
  });
}

test('a random forest, not bit-identical across libraries, agrees on accuracy', async (t) => {
  const [python, want] = await Promise.all([forest.python, forest.atelier]);
  const labels = breast.trimEnd().split('\n').slice(1).map((line) => line.endsWith(',malignant'));
  const accuracy = (pairs) => pairs.filter(([row, p]) => (p >= 0.5) === labels[row]).length / pairs.length;
  const [ours, theirs] = [accuracy(want), accuracy(python.scores.map((p, row) => [row, p]))];
  t.diagnostic(`training accuracy: Atelier ${ours}, scikit-learn ${theirs}`);
  assert.ok(Math.abs(ours - theirs) <= 0.05, `${ours} vs ${theirs}`);
});

test('exportPython reads a built-in data set by its id and says what it cannot export', async () => {
  const script = await atelier.exportPython({ data: { builtin: 'breast_cancer' }, model: { kind: 'linear_svm' } });
  assert.match(script, /^TARGET = "diagnosis"\nPOSITIVE = "malignant"/m);
  assert.match(script, /print\("decision_function"\)/);
  await assert.rejects(atelier.exportPython({ data: { builtin: 'breast_cancer' }, target: 'nope' }), (e) => e.code === 'unknown_column');
  // Word sequences have no scikit-learn equivalent: refused, naming the field, in both languages.
  const sequence = { data: { builtin: 'sotu' }, features: ['text'], text: { columns: ['text'], mode: 'sequence' } };
  await assert.rejects(atelier.exportPython(sequence), (e) => e.code === 'bad_param' && e.en.includes("'text.mode' = sequence") && e.fr.includes('« text.mode » = sequence'));
  const tfidf = await atelier.exportPython({ ...sequence, text: { columns: ['text'], mode: 'tfidf', max_words: 300 } });
  assert.match(tfidf, /return TfidfVectorizer\(max_features=300, lowercase=True\)/);
});
