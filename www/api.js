// Atelier's headless API: the same Rust core as the page, without the page. An ES module that
// works in browsers and in Node 20+. Every function takes and returns plain JSON-like values;
// `input` is a string or a Uint8Array of a file's bytes (CSV, TSV, JSON, XLSX).
//
//   import { load } from './api.js';
//   const atelier = await load();
//   const { rows, columns, dialect } = await atelier.readTable('a;b\n1,5;x\n');
//
// A failure rejects with an Error whose message says what and where, in `options.lang`
// ('fr' or 'en', English by default); the error also carries `fr`, `en` and `code`.
// Workbooks are read by a second wasm module, fetched only when one arrives.

import initCore, {
  initSync as initCoreSync, Parser, datasets as coreDatasets, confusion, rocCurve, prCurve, runSpec, startSpec,
  exportPython,
  fitSpec, ProductionModel,
  specKey, canonicalSpec, networkSummary, oneHotExample,
} from './pkg/atelier.js';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** A file beside this module (`pkg/…`, `data/…`): read from disk in Node, fetched in browsers. */
async function fileBytes(path) {
  const url = new URL(`./${path}`, import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A report from its JSON text. JSON has no infinity, so the core writes the ROC curve's first
 *  threshold (+∞: no row predicted positive) as null; it is put back here, as `roc()` gives it. */
export function parseReport(json) {
  const report = JSON.parse(json);
  for (const part of [report.train, report.validation, report.test]) {
    if (part?.roc?.thresholds?.[0] === null) part.roc.thresholds[0] = Infinity;
  }
  return report;
}

/** Instantiates a wasm-bindgen module: from the file system in Node, by fetch in browsers. */
async function instantiate(init, initSync, file) {
  const url = new URL(`./pkg/${file}`, import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    initSync({ module: await readFile(url) });
  } else {
    await init({ module_or_path: url });
  }
}

let core;
let workbook;
let workbookSource = null; // set by provide(): what the workbook module's init takes

function loadCore() {
  core ??= instantiate(initCore, initCoreSync, 'atelier_bg.wasm');
  return core;
}

/**
 * Hands over wasm modules found elsewhere, before `load()`: `core`, a compiled
 * WebAssembly.Module (a page compiles it once and posts it to its workers, www/worker.js);
 * `workbook`, a function resolving to what the workbook module's init takes (a URL, bytes or a
 * Module), called on the first workbook only. Without them the files beside this module are read.
 */
export function provide({ core: module = null, workbook: source = null } = {}) {
  if (module) core ??= initCore({ module_or_path: module });
  if (source) workbookSource = source;
}

/** The workbook reader (calamine, ~320 KB gzipped), loaded on first use only. */
function loadWorkbook() {
  workbook ??= import('./pkg/atelier_xlsx.js').then(async (m) => {
    if (workbookSource) await m.default({ module_or_path: await workbookSource() });
    else await instantiate(m.default, m.initSync, 'atelier_xlsx_bg.wasm');
    return m;
  });
  return workbook;
}

const WORKBOOK_FORMATS = ['xlsx', 'xls', 'ods'];

/** Zip (xlsx, ods) or OLE (xls) magic bytes. */
function isWorkbook(bytes) {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

function toBytes(input) {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new TypeError('input must be a string or a Uint8Array of the file\'s bytes');
}

/**
 * A file as the core reads it: a workbook becomes the JSON of its sheet (read by the workbook
 * module). Returns `{ bytes, options, sheet }`, which `parse` takes.
 */
export async function readable(input, options = {}) {
  const bytes = toBytes(input);
  if (!WORKBOOK_FORMATS.includes(options.format) && (options.format || !isWorkbook(bytes))) return { bytes, options: { ...options }, sheet: null };
  const { readSheet } = await loadWorkbook();
  // Lowered limits hold for the workbook (its size, each part inflated) and for the table.
  const { max_bytes, max_memory, max_columns } = options;
  const sheet = readSheet(bytes, options.sheet ?? undefined, options.lang ?? 'en', max_bytes, max_memory, max_columns);
  return { bytes: new TextEncoder().encode(sheet.json), options: { format: 'json', sheet: sheet.sheet, lang: options.lang, max_memory, max_columns }, sheet };
}

/**
 * Parses what `readable` gave into a core `Dataset` (free it with `.free()`), calling
 * `onProgress(fraction)` between steps of about `stepRows` records. Returns `{ dataset, dialect }`.
 * `core`: the exports of the core module to read with (the page's worker reads with its
 * first-look module until the whole core arrives, www/worker.js); by default the whole core,
 * which must be loaded.
 */
export function parse({ bytes, options, sheet }, onProgress = () => {}, stepRows = 50000, core = { Parser }) {
  const parser = new core.Parser(bytes, options);
  try {
    while (!parser.done()) onProgress(parser.step(stepRows));
    const dataset = parser.finish();
    const dialect = dataset.dialect();
    if (sheet) Object.assign(dialect, { format: 'xlsx', encoding: null, sheet: sheet.sheet, sheets: sheet.sheets });
    return { dataset, dialect };
  } finally {
    parser.free();
  }
}

/** Reads a file into a whole-core `Dataset`: `readable`, then `parse`. Used by every function below. */
export async function openDataset(input, options = {}, onProgress = () => {}, stepRows = 50000) {
  await loadCore();
  return parse(await readable(input, options), onProgress, stepRows);
}

/** A flat row-major array as rows of `k` numbers: `[1, 2, 3, 4]`, 2 → `[[1, 2], [3, 4]]`. */
export function pairs(flat, k) {
  const rows = new Array(flat.length / k);
  for (let i = 0; i < rows.length; i++) {
    const row = new Array(k);
    for (let j = 0; j < k; j++) row[j] = flat[i * k + j];
    rows[i] = row;
  }
  return rows;
}

/** Numbers (or booleans) as a Float64Array for the core: a Float64Array goes as it is, any
 *  other array is converted (a mapping function would be several times slower on 1M values). */
function f64(values) {
  if (values instanceof Float64Array) return values;
  if (!values || typeof values.length !== 'number') throw new TypeError('expected an array of numbers');
  return ArrayBuffer.isView(values) ? new Float64Array(values) : Float64Array.from(values);
}

/** Runs a stepped projection to the end; returns its layout as `[x, y]` pairs. */
function finish(run, chunk) {
  try {
    while (!run.done()) run.step(chunk);
    const flat = run.embedding();
    const embedding = [];
    for (let i = 0; i < flat.length; i += 2) embedding.push([flat[i], flat[i + 1]]);
    return { embedding, rows: Array.from(run.rows()), dropped: run.dropped() };
  } finally {
    run.free();
  }
}

/** Runs `fn(dataset, dialect)` on a freshly read input, then frees the dataset. */
async function withDataset(input, options, fn) {
  const { dataset, dialect } = await openDataset(input, options);
  try {
    return fn(dataset, dialect);
  } finally {
    dataset.free();
  }
}

/** The bytes of the built-in data set `spec.data.builtin` names (undefined otherwise); with
 *  `field` 'test_data', of the one the final test runs on instead of the held-out rows. */
export async function builtinBytes(spec, field = 'data') {
  const builtin = spec?.[field]?.builtin;
  const known = builtin == null ? null : coreDatasets().find((d) => d.id === builtin);
  return known ? fileBytes(`data/${known.file}`) : undefined;
}

const api = {
  /** `{ rows, columns: [{ name, dtype }], dialect: { format, delimiter, decimal, encoding, sheet, sheets } }` */
  readTable: (input, options = {}) =>
    withDataset(input, options, (ds, dialect) => ({ rows: ds.numRows(), columns: ds.columns(), dialect })),

  /** The first `n` rows (default 5), each an array of numbers, strings and nulls (missing). */
  head: (input, n = 5, options = {}) => withDataset(input, options, (ds) => ds.head(0, n)),

  /** pandas' describe: `{ rows, columns: [{ name, dtype, missing, count, mean, std, min, q25, q50, q75, max, unique, top, freq }] }` */
  describe: (input, options = {}) => withDataset(input, options, (ds) => ds.describe()),

  /** pandas' info: `{ rows, memory, columns: [{ name, dtype, non_null, missing, unique, memory }] }` */
  info: (input, options = {}) => withDataset(input, options, (ds) => ds.info()),

  /** `[{ value, count }]`, most frequent first, ties in order of first appearance; missing values
   *  are left out unless `options.dropna` is false (then counted with value null). */
  valueCounts: (input, column, options = {}) =>
    withDataset(input, options, (ds) => ds.valueCounts(column, options.dropna ?? true)),

  /** Flags on the data (missing, outliers, implausible, constant, duplicate_rows, imbalance);
   *  `options.classColumn` names the class column (default: the guessed one). */
  flags: (input, options = {}) =>
    withDataset(input, options, (ds) => ds.flags(options.classColumn ?? ds.guessTarget() ?? null)),

  /** `{ columns, matrix }` (null where undefined): `options.method` is 'pearson' (default) or
   *  'spearman', `options.columns` the columns (default: every numeric one). Also `pairs`: the
   *  pairs with |r| ≥ `options.threshold` (default 0.9), each with a column to drop. */
  correlation: (input, options = {}) =>
    withDataset(input, options, (ds) => ds.correlation(options.method ?? 'pearson', options.columns ?? null, options.threshold ?? 0.9)),

  /** `{ explained_variance, explained_variance_ratio, components, projection, … }`; options
   *  `components` (2), `standardize` (true), `columns` (every numeric one). Rows with a missing
   *  value are left out: `rows` lists the rows kept, `dropped` counts the others. */
  pca: (input, options = {}) => withDataset(input, options, (ds) => {
    const report = ds.pca(options);
    return { ...report, projection: pairs(report.projection, report.k), rows: Array.from(report.rows) };
  }),

  /** `{ embedding: [[x, y], …], rows, dropped }`; options `columns`, `standardize` (true),
   *  `perplexity` (30), `iterations` (1000), `seed` (0), `init` ('random' | 'pca'), `theta` (0.5). */
  tsne: (input, options = {}) => withDataset(input, options, (ds) => finish(ds.tsne(options), 50)),

  /** `{ embedding: [[x, y], …], rows, dropped }`; options `columns`, `standardize` (true),
   *  `neighbors` (15), `minDist` (0.1), `epochs`, `seed` (0). */
  umap: (input, options = {}) => withDataset(input, options, (ds) => finish(ds.umap(options), 50)),

  /** `{ seconds, rows, columns }`: how long `tsne` or `umap` (`kind`) with these options is
   *  estimated to take, before it starts (the page warns from 20 s). */
  projectionEstimate: (input, kind, options = {}) => withDataset(input, options, (ds) => ds.projectionEstimate(kind, options)),

  /** The table after the cleaning `steps` (see README), as CSV text. */
  applyRecipe: (input, steps, options = {}) =>
    withDataset(input, options, (ds) => {
      ds.setRecipe(steps);
      return ds.toCsv();
    }),

  /** The confusion matrix at `threshold` (positive iff score ≥ threshold) and its rates:
   *  `{ tp, fp, tn, fn, accuracy, precision, recall, f1, specificity, fpr, balanced_accuracy, mcc }`.
   *  `yTrue`: 0/1 (1 = positive); `scores`: numbers. A ratio with a zero denominator is 0
   *  (scikit-learn's zero_division=0) and is named in `undefined`. */
  confusion: async (yTrue, scores, threshold, options = {}) =>
    confusion(f64(yTrue), f64(scores), threshold, options.lang),

  /** `{ fpr, tpr, thresholds, auc }` as scikit-learn's roc_curve (thresholds decreasing, the
   *  first Infinity) and roc_auc_score. */
  roc: async (yTrue, scores, options = {}) =>
    rocCurve(f64(yTrue), f64(scores), options.dropIntermediate ?? true, options.lang),

  /** `{ precision, recall, thresholds, average_precision }` as scikit-learn's
   *  precision_recall_curve and average_precision_score. */
  pr: async (yTrue, scores, options = {}) => prCurve(f64(yTrue), f64(scores), options.lang),

  /** Runs an experiment `spec` (see README) to its report: split, imputer, encoder, scaler and
   *  resampler fitted on the training part, the model, its training and validation scores.
   *  `spec.data` is `{ text: '<csv>' }` or `{ builtin: 'iris' }`; with `evaluate_test`,
   *  `spec.test_data` (the same forms) runs the final test on that file instead of the held-out
   *  rows (`report.test.data` says which, `report.test.shift` compares it with the validation
   *  part). `options.onEpoch(record,
   *  { ms })`, for a gradient-descent model, is called after each epoch with its record
   *  (`{ epoch, train_loss, train_accuracy, val_loss, val_accuracy }`) and the epoch's time in
   *  milliseconds; timings stay out of the report, so a spec always gives the same report.
   *  `spec.search.seconds` is a time budget: the search stops after the trial under way once it
   *  is spent, and reports the trials it ran. */
  run: async (spec, options = {}) => {
    const bytes = await builtinBytes(spec);
    const testBytes = spec?.evaluate_test ? await builtinBytes(spec, 'test_data') : undefined;
    const text = JSON.stringify(spec ?? {});
    const budget = spec?.search?.seconds;
    if (!options.onEpoch && budget == null) return parseReport(runSpec(text, bytes, options.lang, testBytes));
    const run = startSpec(text, bytes, options.lang, testBytes);
    const began = performance.now();
    try {
      let seen = 0;
      while (!run.done()) {
        const start = performance.now();
        run.step();
        const record = run.lastEpoch();
        if (record && record.epoch > seen && options.onEpoch) {
          seen = record.epoch;
          await options.onEpoch(record, { ms: performance.now() - start });
        }
        if (budget != null && performance.now() - began > budget * 1000) run.stopSearch();
      }
      return parseReport(run.report());
    } finally {
      run.free();
    }
  },

  /** The Python script (pandas + scikit-learn) that reproduces `spec`'s pipeline: run as
   *  `python3 model.py TRAIN.csv [NEW.csv]`, it fits on every labelled row of TRAIN.csv (read
   *  with the dialect Atelier found) and prints `probability` (`decision_function` for the
   *  linear SVM), then the positive class's score of each row of NEW.csv (default TRAIN.csv). */
  exportPython: async (spec, options = {}) =>
    exportPython(JSON.stringify(spec ?? {}), await builtinBytes(spec), options.lang),
  /** The whole pipeline of `spec` refitted on every labelled row (the split is ignored): the
   *  model file as an object `{ format: 'atelier-model', version: 1, spec, target, classes,
   *  positive, threshold, inputs, fills, rest, preparation, model, checksum }`. */
  fit: async (spec, options = {}) =>
    JSON.parse(fitSpec(JSON.stringify(spec ?? {}), await builtinBytes(spec), options.lang)),

  /** Scores `input` (CSV or JSON text or bytes holding the model's input columns) with `model`
   *  (the object `fit` gave, or the file's text): `{ classes, positive, probabilities,
   *  predicted }`, the positive class's probability per row (the SVM's decision function) and
   *  the class at the model's threshold. A model file edited by hand is refused. */
  predict: async (model, input, options = {}) => {
    const text = typeof model === 'string' ? model : JSON.stringify(model);
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const production = ProductionModel.fromJson(text, options.lang);
    try {
      return production.predictBytes(bytes);
    } finally {
      production.free();
    }
  },

  /** The journal key of `spec` (16 hex digits): FNV-1a of `canonicalSpec(spec)`, a newline,
   *  and the fingerprint of `spec.data` (its bytes and the dialect they read with) in 16 hex
   *  digits. It is the `spec_hash` of the spec's report: key your own records with it. */
  specKey: async (spec, options = {}) =>
    specKey(JSON.stringify(spec ?? {}), await builtinBytes(spec), options.lang),

  /** The canonical JSON text of `spec`: every default written out, keys sorted at every level,
   *  whole numbers as integers, without `data` (it enters the key by its fingerprint) and
   *  without `test_uses` (history, not the experiment). */
  canonicalSpec: async (spec, options = {}) => canonicalSpec(JSON.stringify(spec ?? {}), options.lang),

  /** A network's summary before it trains, as Keras' `model.summary()`: `[{ kind, output,
   *  parameters }]` for `model` (the spec's `{ kind: 'network', input_shape, layers }`) on
   *  `features` prepared features; an embedding without `vocabulary` takes
   *  `options.vocabulary`. Rejects with the error naming the first layer that cannot take what
   *  it receives. */
  networkSummary: async (model, features, options = {}) => networkSummary(model, features, options.vocabulary ?? 0, options.lang),

  /** The one-hot encoding of `text`'s first sentence, for teaching: `{ sentence, tokens,
   *  truncated, vocabulary, indices, rows, bag, note: { fr, en } }`. `tokens` are its words as
   *  `spec.text` cuts them (scikit-learn's CountVectorizer rules), at most `options.maxTokens`
   *  (12); `vocabulary` the distinct ones, sorted; `indices` each token's column in it; `rows`
   *  the one-hot rows (one 1 each); `bag` their sum; `note` why words are not numbered 1, 2, 3.
   *  `options.lowercase`: default true. */
  oneHot: async (text, options = {}) => oneHotExample(String(text ?? ''), options.lowercase ?? true, options.maxTokens ?? undefined),

  /** The built-in data sets, with origin, licence and what each teaches, in French and English. */
  datasets: async () => coreDatasets(),
};

/** Resolves to the API once the core's wasm is instantiated. */
export async function load() {
  await loadCore();
  return api;
}
