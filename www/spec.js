// The page's pipeline state: one experiment spec (target, positive class, features, split,
// imputation, scaling, resampling, model, threshold, and how step 9 cross-validates), as the
// core reads it. app.js holds it in `state.spec` and persists it; steps 6, 7 and 9 read and
// change it, they keep nothing of their own.
// `null` means "the core's default": the guessed class column, the class 1 (else the rarest),
// every column but the target and the identifier, 0.5 (0 for the SVM's decision function).

export const SPLIT = { test: 0.2, validation: 0.2, stratify: true, seed: 42 };
export const RESAMPLE = { kind: 'none', k: 5, seed: 0 };
/** Step 9's cross-validation (the core's `spec.cv`, without `leaky_preparation`, which only the
 *  leak demonstration sets, for one run). */
export const CV = { folds: 5, stratified: true, shuffle: false, seed: 0 };
/** Step 9's hyperparameter search (the core's `spec.search`, sent by that step only). `space`
 *  is the one edited for a model of `kind`; null (or another model's): the core's default space. */
export const SEARCH = { method: 'random', trials: 20, seconds: null, metric: 'roc_auc', seed: 0, kind: null, space: null };
export const SEARCH_METHODS = ['grid', 'random', 'tpe'];
export const SEARCH_METRICS = ['roc_auc', 'average_precision', 'accuracy', 'f1', 'precision', 'recall'];

/** Each model's parameters, scikit-learn's names and defaults; `optional`: empty means None. */
export const MODELS = {
  logistic_regression: [{ key: 'C', type: 'number', min: 0, exclusive: true, fallback: 1 }],
  knn: [
    { key: 'n_neighbors', type: 'int', min: 1, fallback: 5 },
    { key: 'weights', choices: ['uniform', 'distance'], fallback: 'uniform' },
  ],
  gaussian_nb: [{ key: 'var_smoothing', type: 'number', min: 0, fallback: 1e-9 }],
  decision_tree: [
    { key: 'criterion', choices: ['gini', 'entropy'], fallback: 'gini' },
    { key: 'max_depth', type: 'int', min: 1, optional: true, fallback: null },
    { key: 'min_samples_split', type: 'int', min: 2, fallback: 2 },
    { key: 'min_samples_leaf', type: 'int', min: 1, fallback: 1 },
  ],
  random_forest: [
    { key: 'n_estimators', type: 'int', min: 1, fallback: 100 },
    { key: 'max_depth', type: 'int', min: 1, optional: true, fallback: null },
    { key: 'max_features', choices: ['sqrt', 'log2', 'all'], fallback: 'sqrt' },
    { key: 'seed', type: 'int', min: 0, fallback: 0 },
  ],
  linear_svm: [{ key: 'C', type: 'number', min: 0, exclusive: true, fallback: 1 }],
  logistic_regression_gd: [
    { key: 'C', type: 'number', min: 0, exclusive: true, fallback: 1 },
    { key: 'learning_rate', type: 'number', min: 0, exclusive: true, fallback: 0.1 },
    { key: 'batch_size', type: 'int', min: 1, optional: true, fallback: null },
    { key: 'max_iter', type: 'int', min: 1, fallback: 100 },
    { key: 'seed', type: 'int', min: 0, fallback: 0 },
  ],
  mlp: [
    { key: 'hidden_layer_sizes', type: 'ints', min: 1, fallback: [100] },
    { key: 'activation', choices: ['relu', 'tanh', 'logistic'], fallback: 'relu' },
    { key: 'solver', choices: ['adam', 'sgd'], fallback: 'adam' },
    { key: 'learning_rate_init', type: 'number', min: 0, exclusive: true, fallback: 0.001 },
    { key: 'momentum', type: 'number', min: 0, max: 1, fallback: 0.9 },
    { key: 'alpha', type: 'number', min: 0, fallback: 0.0001 },
    { key: 'batch_size', type: 'int', min: 1, optional: true, fallback: null },
    { key: 'max_iter', type: 'int', min: 1, fallback: 200 },
    { key: 'dropout', type: 'rates', min: 0, max: 1, fallback: [] },
    { key: 'early_stopping', type: 'bool', fallback: false },
    { key: 'n_iter_no_change', type: 'int', min: 1, fallback: 10 },
    { key: 'tol', type: 'number', min: 0, fallback: 0.0001 },
    { key: 'seed', type: 'int', min: 0, fallback: 0 },
  ],
  network: [
    { key: 'input_shape', type: 'shape', fallback: null },
    { key: 'layers', type: 'layers', fallback: [{ type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 2, activation: 'softmax' }] },
    { key: 'solver', choices: ['adam', 'sgd'], fallback: 'adam' },
    { key: 'learning_rate_init', type: 'number', min: 0, exclusive: true, fallback: 0.001 },
    { key: 'momentum', type: 'number', min: 0, max: 1, fallback: 0.9 },
    { key: 'batch_size', type: 'int', min: 1, optional: true, fallback: null },
    { key: 'max_iter', type: 'int', min: 1, fallback: 30 },
    { key: 'early_stopping', type: 'bool', fallback: false },
    { key: 'n_iter_no_change', type: 'int', min: 1, fallback: 10 },
    { key: 'tol', type: 'number', min: 0, fallback: 0.0001 },
    { key: 'seed', type: 'int', min: 0, fallback: 0 },
  ],
};

/** The models learnt by gradient descent, epoch by epoch (the live view follows them). */
export const DESCENT = ['logistic_regression_gd', 'mlp', 'network'];

/** A network's layer types, with each one's fields and defaults as a new layer takes them (the
 *  core's `learn::layers::LayerSpec`). */
export const LAYERS = {
  dense: { units: 16, activation: 'relu' },
  conv2d: { filters: 8, kernel: 3, stride: null, padding: 'same', activation: 'relu' },
  maxpool: { size: 2, stride: null },
  flatten: {},
  dropout: { rate: 0.2 },
  activation: { activation: 'relu' },
  embedding: { dim: 16 },
  lstm: { units: 16 },
  gru: { units: 16 },
};
export const LAYER_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'softmax', 'linear'];

/** `spec.text` when the Prepare step turns text columns on (the core's defaults). */
export const TEXT = { columns: [], max_words: 5000, lowercase: true, mode: 'counts', length: 100 };
export const TEXT_MODES = ['counts', 'tfidf', 'sequence'];

export const IMPUTE = ['median', 'mean', 'most_frequent', 'drop_rows'];
export const SCALE = ['standard', 'robust', 'minmax', 'none'];
export const RESAMPLERS = ['none', 'random_oversample', 'smote'];

/** A model of `kind` with its default parameters. */
export function defaultModel(kind) {
  const params = MODELS[kind] ?? MODELS.logistic_regression;
  const name = MODELS[kind] ? kind : 'logistic_regression';
  return { kind: name, ...Object.fromEntries(params.map((p) => [p.key, structuredClone(p.fallback)])) };
}

export function defaultSpec() {
  return {
    target: null,
    positive: null,
    features: null,
    text: null,
    split: { ...SPLIT },
    impute: 'median',
    scale: 'standard',
    resample: { ...RESAMPLE },
    model: defaultModel('logistic_regression'),
    threshold: null,
    cv: { ...CV },
    search: { ...SEARCH },
  };
}

const pick = (value, list, fallback) => (list.includes(value) ? value : fallback);
const numberOr = (x, fallback) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
const intFrom = (x, min, fallback) => (Number.isInteger(x) && x >= min ? x : fallback);

/** A parameter's stored value if it is of the right kind, else its default. */
function param(p, v) {
  if (p.choices) return pick(v, p.choices, p.fallback);
  if (p.type === 'bool') return typeof v === 'boolean' ? v : p.fallback;
  if (p.type === 'ints' || p.type === 'rates') {
    const ok = Array.isArray(v) && v.every((x) => Number.isFinite(x) && (p.type === 'rates' || Number.isInteger(x)));
    return ok ? [...v] : [...p.fallback];
  }
  if (p.type === 'shape') return Array.isArray(v) && v.length && v.every((x) => Number.isInteger(x) && x > 0) ? [...v] : p.fallback;
  if (p.type === 'layers') return Array.isArray(v) && v.every((l) => LAYERS[l?.type]) ? structuredClone(v) : structuredClone(p.fallback);
  if (p.optional && v == null) return null;
  return numberOr(v, p.fallback);
}

/** A stored (or shared) spec made whole: unknown fields dropped, every field of the right kind. */
export function normalise(saved) {
  const d = defaultSpec();
  if (!saved || typeof saved !== 'object') return d;
  const model = defaultModel(saved.model?.kind);
  for (const p of MODELS[model.kind]) model[p.key] = param(p, saved.model?.[p.key]);
  return {
    target: typeof saved.target === 'string' ? saved.target : null,
    positive: saved.positive == null ? null : String(saved.positive),
    features: Array.isArray(saved.features) ? saved.features.filter((f) => typeof f === 'string') : null,
    text: normaliseText(saved.text),
    split: {
      test: numberOr(saved.split?.test, d.split.test),
      validation: numberOr(saved.split?.validation, d.split.validation),
      stratify: typeof saved.split?.stratify === 'boolean' ? saved.split.stratify : d.split.stratify,
      seed: numberOr(saved.split?.seed, d.split.seed),
    },
    impute: pick(saved.impute, IMPUTE, d.impute),
    scale: pick(saved.scale, SCALE, d.scale),
    resample: {
      kind: pick(saved.resample?.kind, RESAMPLERS, d.resample.kind),
      k: numberOr(saved.resample?.k, d.resample.k),
      seed: numberOr(saved.resample?.seed, d.resample.seed),
    },
    model,
    threshold: numberOr(saved.threshold, null),
    cv: {
      folds: intFrom(saved.cv?.folds, 2, d.cv.folds),
      stratified: typeof saved.cv?.stratified === 'boolean' ? saved.cv.stratified : d.cv.stratified,
      shuffle: typeof saved.cv?.shuffle === 'boolean' ? saved.cv.shuffle : d.cv.shuffle,
      seed: intFrom(saved.cv?.seed, 0, d.cv.seed),
    },
    search: normaliseSearch(saved.search),
  };
}

const isObject = (x) => x != null && typeof x === 'object' && !Array.isArray(x);

/** `spec.text` made whole, or null (no column cut into words). */
function normaliseText(saved) {
  if (!isObject(saved) || !Array.isArray(saved.columns)) return null;
  const columns = saved.columns.filter((c) => typeof c === 'string');
  if (!columns.length) return null;
  return {
    columns,
    max_words: intFrom(saved.max_words, 1, TEXT.max_words),
    lowercase: typeof saved.lowercase === 'boolean' ? saved.lowercase : TEXT.lowercase,
    mode: pick(saved.mode, TEXT_MODES, TEXT.mode),
    length: intFrom(saved.length, 1, TEXT.length),
  };
}

/** Step 9's search settings made whole; a space whose ranges are not objects is dropped. */
function normaliseSearch(saved) {
  const s = isObject(saved) ? saved : {};
  const space = isObject(s.space) && Object.values(s.space).every(isObject) ? s.space : null;
  return {
    method: pick(s.method, SEARCH_METHODS, SEARCH.method),
    trials: intFrom(s.trials, 1, SEARCH.trials),
    seconds: typeof s.seconds === 'number' && s.seconds > 0 ? s.seconds : null,
    metric: pick(s.metric, SEARCH_METRICS, SEARCH.metric),
    seed: intFrom(s.seed, 0, SEARCH.seed),
    kind: space && typeof s.kind === 'string' ? s.kind : null,
    space: space && typeof s.kind === 'string' ? space : null,
  };
}

/** Other data: its columns differ, so the target, the positive class and the features go back to
 *  their defaults; the split, the preparation and the model stay as the student set them. */
export function forNewData(spec) {
  return { ...normalise(spec), target: null, positive: null, features: null, text: null, threshold: null };
}

/** Keys of the page's spec that are never sent as they are: `cv` (and `search`) would make every
 *  run (Train's included) cross-validate (and search) too, and a training's report and staleness
 *  must not depend on how step 9 validates. Step 9 adds them to what `sendable` gives:
 *  `{ ...ctx.fullSpec(), cv }`. */
const NOT_SENT = new Set(['cv', 'search']);

/** The spec as the worker takes it: the cleaning recipe's steps added, defaults (null) and the
 *  page-only `cv` left out, `max_depth: null` kept (None is a value of its own there). */
export function sendable(spec, steps) {
  const out = { clean: steps };
  for (const [key, value] of Object.entries(spec)) if (value != null && !NOT_SENT.has(key)) out[key] = value;
  return out;
}
