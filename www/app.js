// Wires the page together: the wasm core, the worker, the shell, the current step, the cleaning
// recipe and its panel, the pipeline's spec and its last report, and what a reload must restore
// (the data, its recipe, the spec, the report and the step).
import * as core from './core.js';
import { h, replace } from './dom.js';
import { t, lang, onLang, errorText } from './i18n.js';
import { DataClient } from './client.js';
import { createShell } from './shell.js';
import { createRecipe } from './recipe.js';
import { createRecipePanel } from './ui/recipe-panel.js';
import { STEPS, stepById } from './steps/index.js';
import * as store from './store.js';
import { defaultSpec, normalise, forNewData, sendable } from './spec.js';
import { fileBytes, registerServiceWorker } from './assets.js';
// Links and embedding: `#spec=…` links, the share buttons, `?embed=1` frames.
import { createShare } from './share.js';
import { codeOf } from './link.js';
import { embedOptions, enterEmbed } from './embed.js';
// Journal (issue 10)
import { createJournal } from './journal.js';
import { createJournalPanel } from './ui/journal-panel.js';

const embed = embedOptions(location.search);
if (embed) enterEmbed(embed);

const main = document.getElementById('main');

const state = {
  step: 'data',
  file: null,     // { name, bytes, options, datasetId } of the loaded data
  summary: null,  // { rows, columns, dialect, target, info } from the worker
  version: 0,     // bumped at every successful load: answers for older data are stale
  datasets: [],
  classColumn: undefined, // the class column chosen in steps 3 and 5 (undefined: the guessed one)
  spec: defaultSpec(), // the pipeline: what steps 6 and 7 set (spec.js)
  report: null,        // the last training's report, and `reportSpec`, the spec it ran
  reportSpec: null,
  evalSource: 'column', // what step 8 evaluates: 'run' (the report's validation scores) or 'column'
  tests: {},            // step 10: the test set's uses on each data (steps/test.js), never reset
};

const client = new DataClient();
state.client = client;
const recipe = createRecipe(state, { onChange: () => render() });
const share = createShare({ state, recipe, load, setSpec, goTo, builtinBytes, render, embed });
const shell = createShell({ onStep: goTo, tools: share.tools });
const panel = createRecipePanel({ recipe, onClean: () => goTo('clean') });
// ---- Journal (issue 10): the store, its panel below the recipe, `ctx.record` ----
const journal = createJournal();
const journalPanel = createJournalPanel(journal, document.getElementById('side'));

/** Records a finished run of `spec` (as sent to the worker) on the loaded data in the journal,
 *  keyed as its report's spec_hash; returns the entry. */
async function record(kind, spec, report) {
  const { key, fingerprint } = await client.request('journalKey', { spec });
  return journal.put({ key, kind, spec, report, fingerprint, data: dataName() ?? '', at: new Date().toISOString() });
}
// ---- end Journal ----

/** What every step may use. */
const ctx = {
  state,
  client,
  goTo,
  // A file loaded by the student may be the one a link asked for (share.js).
  load: async (file, onProgress) => { await load(file, onProgress); await share.loaded(file); },
  cancel: () => client.cancel(),
  rerender: render,
  dataName,
  recipe,
  setSpec,
  fullSpec,
  setReport,
  setEvalSource,
  setTests,
  journal,
  record,
};

/** The spec as the worker takes it: the page's spec and the cleaning recipe's steps. Columns
 *  the recipe has dropped since they were chosen are left out (a dropped target: the guessed one). */
function fullSpec() {
  const spec = { ...state.spec };
  const names = state.summary?.info.columns.map((c) => c.name);
  if (names) {
    if (spec.target != null && !names.includes(spec.target)) { spec.target = null; spec.positive = null; }
    if (spec.features) spec.features = spec.features.filter((f) => names.includes(f));
  }
  return sendable(spec, recipe.entries.map((e) => e.step));
}

/** Changes the spec (`change` receives a copy to edit), remembers it, draws the step again. */
async function setSpec(change) {
  const next = normalise(state.spec);
  change(next);
  state.spec = normalise(next);
  render();
  await store.set('spec', state.spec);
}

/** Keeps a training's report and the spec it ran (null: none), across reloads. */
async function setReport(report, spec) {
  state.report = report;
  state.reportSpec = report ? spec : null;
  await store.set('report', report ? { report, spec } : null);
}

/** Step 10: records `uses` of the test set of the data `key`, across reloads and data changes
 *  (once seen, a test set stays seen). */
async function setTests(key, uses) {
  state.tests = { ...state.tests, [key]: uses };
  await store.set('tests', state.tests);
}

async function setEvalSource(source) {
  state.evalSource = source;
  await store.set('evalSource', source);
}

function dataName() {
  const d = state.datasets.find((x) => x.id === state.file?.datasetId);
  return d ? d.title[lang] ?? d.title.fr : state.file?.name;
}

/** Parses `file.bytes`; on success it becomes the data and is remembered; on error nothing changes.
 *  Other data resets the spec's columns and drops the report; `kept` (a reload) puts back the
 *  stored spec and report instead. */
async function load(file, onProgress, kept) {
  const summary = await client.load(file.bytes, file.options ?? {}, onProgress);
  state.file = file;
  state.summary = summary;
  state.loaded = { rows: summary.rows, columns: summary.columns }; // the file's size, before the recipe (a link names it)
  state.classColumn = undefined;
  state.version += 1;
  state.spec = kept ? normalise(kept.spec) : forNewData(state.spec);
  state.report = kept?.run?.report ?? null;
  state.reportSpec = state.report ? kept.run.spec : null;
  if (!state.report) state.evalSource = 'column';
  else if (kept.evalSource) state.evalSource = kept.evalSource;
  const cleared = recipe.reset(); // the table shows before the empty recipe is written down
  render();
  await cleared;
  await store.set('file', file);
  if (!kept) await Promise.all([store.set('spec', state.spec), store.set('report', null), store.set('evalSource', state.evalSource)]);
}

async function goTo(id) {
  if (!stepById(id) || id === state.step) return;
  await needCore(id);
  state.step = id;
  render();
  await store.set('step', id);
}

function render() {
  shell.update({ step: state.step, name: dataName(), summary: state.summary });
  share.update();
  panel.update({ idColumn: state.summary?.idColumn });
  journalPanel.update();
  const focused = main.contains(document.activeElement) ? document.activeElement.id : '';
  const index = STEPS.findIndex((s) => s.id === state.step);
  const root = h('div', { class: 'step' },
    h('h1', { text: `${index + 1}. ${t(`step.${state.step}`)}` }), share.banner());
  replace(main, root);
  stepById(state.step).view.render(root, ctx);
  // A redraw keeps the keyboard focus on the control that had it.
  if (focused) document.getElementById(focused)?.focus();
}

/** Steps 5 to 11 need the whole core (www/core.js): loaded before they show. */
async function needCore(step) {
  if (core.hasWhole() || core.FIRST_LOOK_STEPS.includes(step)) return;
  replace(main, h('p', { class: 'muted', role: 'status', text: t('app.loading') }));
  await core.whole();
}

async function builtinBytes(id) {
  const d = state.datasets.find((x) => x.id === id);
  const path = d.file.replace(/^\/+/, '');
  const bytes = await fileBytes(path.includes('/') ? path : `data/${path}`);
  return { name: path.split('/').pop(), bytes, options: {}, datasetId: id };
}
ctx.builtinBytes = builtinBytes;

const STORED = ['file', 'step', 'recipe', 'spec', 'report', 'evalSource', 'tests'];

/** What a reload restores, read from storage: `{ file, step, recipe, … }`. */
async function readStored() {
  const values = await Promise.all(STORED.map((k) => store.get(k)));
  return Object.fromEntries(STORED.map((k, i) => [k, values[i]]));
}

/** Restores the stored data, its recipe, the spec, the report and the step (`stored`, from
 *  `readStored`); a first visit opens on `sante`. */
async function restore({ file, step, recipe: saved, spec, report: run, evalSource, tests }) {
  if (step && stepById(step)) state.step = step;
  if (tests && typeof tests === 'object') state.tests = tests;
  if (file?.bytes) {
    let loaded = false;
    try { await load(file, undefined, { spec, run: run?.report ? run : null, evalSource }); loaded = true; } catch { /* unreadable now: fall back to sante */ }
    if (loaded) { await recipe.restore(saved); return; }
  }
  const first = state.datasets.find((d) => d.id === 'sante') ?? state.datasets[0];
  if (first) await load(await builtinBytes(first.id));
}

async function start() {
  document.documentElement.lang = lang;
  replace(main, h('p', { class: 'muted', text: t('app.loading') }));
  try {
    const stored = readStored(); // storage opens while the first-look module compiles
    await core.start(); // the first-look module, compiled once: the workers get it too
    state.datasets = core.pkg.datasets();
    onLang(render);
    // A file dropped beside the drop zone must not replace the page.
    for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
    // A `#spec=` link is read by the whole core: it downloads while the page restores.
    if (codeOf(location.hash) != null) core.whole();
    const saved = await stored;
    await needCore(saved.step && stepById(saved.step) ? saved.step : state.step);
    render();
    await restore(saved);
    // In the background, once the first step shows: the whole core (steps 5 to 11 await it)
    // and the journal's database.
    core.whole();
    void journal.ready; // its first use opens it
    await share.open(); // a `#spec=…` link, over what was restored
    if (embed?.step) await goTo(embed.step);
    registerServiceWorker(); // the hosted site, offline after a first visit (www/sw.js)
  } catch (err) {
    replace(main, h('p', { role: 'alert', class: 'error', text: t('app.failed', { message: errorText(err) }) }));
  }
}

start();
