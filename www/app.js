// Wires the page together: the wasm core, the worker, the shell, the current step, and what a
// reload must restore (the data and the step).
import init, { datasets } from './pkg/atelier.js';
import { h, replace } from './dom.js';
import { t, lang, onLang, errorText } from './i18n.js';
import { DataClient } from './client.js';
import { createShell } from './shell.js';
import { STEPS, stepById } from './steps/index.js';
import * as store from './store.js';

const main = document.getElementById('main');

const state = {
  step: 'data',
  file: null,     // { name, bytes, options, datasetId } of the loaded data
  summary: null,  // { rows, columns, dialect, target, info } from the worker
  version: 0,     // bumped at every successful load: answers for older data are stale
  datasets: [],
};

const client = new DataClient();
const shell = createShell({ onStep: goTo });

/** What every step may use. */
const ctx = {
  state,
  client,
  goTo,
  load,
  cancel: () => client.cancel(),
  rerender: render,
  dataName,
};

function dataName() {
  const d = state.datasets.find((x) => x.id === state.file?.datasetId);
  return d ? d.title[lang] ?? d.title.fr : state.file?.name;
}

/** Parses `file.bytes`; on success it becomes the data and is remembered; on error nothing changes. */
async function load(file, onProgress) {
  const summary = await client.load(file.bytes, file.options ?? {}, onProgress);
  state.file = file;
  state.summary = summary;
  state.version += 1;
  render();
  await store.set('file', file);
}

async function goTo(id) {
  if (!stepById(id) || id === state.step) return;
  state.step = id;
  render();
  await store.set('step', id);
}

function render() {
  shell.update({ step: state.step, name: dataName(), summary: state.summary });
  const index = STEPS.findIndex((s) => s.id === state.step);
  const root = h('div', { class: 'step' },
    h('h1', { text: `${index + 1}. ${t(`step.${state.step}`)}` }));
  replace(main, root);
  stepById(state.step).view.render(root, ctx);
}

async function builtinBytes(id) {
  const d = state.datasets.find((x) => x.id === id);
  const path = d.file.replace(/^\/+/, '');
  const url = new URL(path.includes('/') ? path : `data/${path}`, document.baseURI);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return { name: path.split('/').pop(), bytes: new Uint8Array(await response.arrayBuffer()), options: {}, datasetId: id };
}
ctx.builtinBytes = builtinBytes;

/** Restores the stored data and step; a first visit opens on `sante`. */
async function restore() {
  const [file, step] = await Promise.all([store.get('file'), store.get('step')]);
  if (step && stepById(step)) state.step = step;
  if (file?.bytes) {
    try { await load(file); return; } catch { /* unreadable now: fall back to sante */ }
  }
  const first = state.datasets.find((d) => d.id === 'sante') ?? state.datasets[0];
  if (first) await load(await builtinBytes(first.id));
}

async function start() {
  document.documentElement.lang = lang;
  replace(main, h('p', { class: 'muted', text: t('app.loading') }));
  try {
    await init();
    state.datasets = datasets();
    onLang(render);
    // A file dropped beside the drop zone must not replace the page.
    for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
    render();
    await restore();
  } catch (err) {
    replace(main, h('p', { role: 'alert', class: 'error', text: t('app.failed', { message: errorText(err) }) }));
  }
}

start();
