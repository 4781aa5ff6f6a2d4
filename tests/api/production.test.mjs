// The headless API's production: fit(spec) → the model file as an object, predict(model, input)
// → probabilities, the same bits after a JSON round trip; edited files and missing columns
// refused with the core's bilingual errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const { load } = await import(new URL('dist/api.js', root));
const atelier = await load();
const breastCancer = readFileSync(new URL('dist/data/breast_cancer.csv', root), 'utf8');
const bits = (xs) => Array.from(new Float64Array(xs), (x) => new BigUint64Array(new Float64Array([x]).buffer)[0]);

test('fit then predict in Node equals predict after a JSON round trip, bit for bit', async () => {
  for (const model of [{ kind: 'logistic_regression' }, { kind: 'random_forest', n_estimators: 5 }, { kind: 'mlp', hidden_layer_sizes: [4], max_iter: 20 }]) {
    const fitted = await atelier.fit({ data: { builtin: 'breast_cancer' }, model });
    assert.equal(fitted.format, 'atelier-model');
    assert.equal(fitted.version, 1);
    assert.equal(fitted.inputs.length, 30);
    const direct = await atelier.predict(fitted, breastCancer);
    const text = JSON.stringify(fitted);
    const back = await atelier.predict(JSON.parse(text), new TextEncoder().encode(breastCancer));
    assert.deepEqual(direct.classes, ['benign', 'malignant']);
    assert.equal(direct.probabilities.length, 569);
    assert.deepEqual(bits(back.probabilities), bits(direct.probabilities), model.kind);
    assert.deepEqual(back.predicted, direct.predicted);
    assert.deepEqual(bits((await atelier.predict(text, breastCancer)).probabilities), bits(direct.probabilities));
  }
});

test('a hand-edited model is refused, in the asked language', async () => {
  const fitted = await atelier.fit({ data: { builtin: 'iris' } });
  const edited = { ...fitted, threshold: 0.2 };
  await assert.rejects(atelier.predict(edited, 'a\n1\n', { lang: 'fr' }), (e) => {
    assert.equal(e.code, 'model_modified');
    assert.match(e.message, /a été modifié/);
    assert.match(e.en, /model file was modified/);
    return true;
  });
  await assert.rejects(atelier.predict({ ...fitted, version: 7 }, 'a\n1\n'), (e) => e.code === 'model_version' && /version 7/.test(e.message));
  await assert.rejects(atelier.predict('{"rows": 3}', 'a\n1\n'), (e) => e.code === 'not_a_model');
});

test('an input without a feature column is an error naming it', async () => {
  const fitted = await atelier.fit({ data: { builtin: 'iris' } });
  const csv = 'sepal length (cm),sepal width (cm),petal width (cm)\n5.1,3.5,0.2\n';
  await assert.rejects(atelier.predict(fitted, csv), (e) => e.code === 'unknown_column' && e.message.includes('petal length (cm)'));
});
