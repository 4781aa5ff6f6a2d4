// Step 11, Production: the whole pipeline of steps 4–7 (recipe, preparation, model, threshold)
// refitted on every labelled row, then used as it would be in production: a form with one input
// per feature predicting as the student types, a file scored in batch, the model downloaded as
// JSON (and loaded back), the pipeline as a Python script. The worker keeps the model
// (`productionFit` / `productionLoad`); this module keeps what the form shows across redraws.
import { h, card, replace } from '../dom.js';
import { t, fixed, int, errorText } from '../i18n.js';
import { save } from '../ui/save.js';

const DEBOUNCE = 250; // ms between the last keystroke and the prediction

/** The model in use: `{ text, inputs, classes, positive, threshold, target, from: 'fit' | 'file' }`. */
let model = null;
let busy = false;   // a refit under way
let failure = null; // the last refit's or load's error
const values = new Map(); // feature → what the student typed (text), kept across redraws
let answer = null;  // { probability, predicted } or { error }
let batch = null;   // { status: 'running' | 'done' | 'error', rows, error }
let timer = 0;
let asked = 0;      // the newest prediction asked; older answers are dropped

/** The spec the pipeline is refitted with: the page's, without what only measures it. */
function productionSpec(ctx) {
  const { cv, search, evaluate_test: test, ...spec } = ctx.fullSpec();
  return spec;
}

function keep(result, from) {
  const { model: text, ...rest } = result;
  model = { text, ...rest, from };
  failure = null;
  for (const name of values.keys()) if (!rest.inputs.some((i) => i.name === name)) values.delete(name);
  answer = null;
}

async function refit(ctx) {
  busy = true;
  failure = null;
  ctx.rerender();
  try {
    const spec = productionSpec(ctx);
    const fitted = await ctx.client.request('productionFit', { spec });
    keep(fitted, 'fit');
    const { model: _file, ...report } = fitted; // the journal (issue 10) keeps what was fitted, not the file
    ctx.record('production', spec, report).catch(() => {});
  } catch (err) {
    failure = err;
  }
  busy = false;
  if (ctx.state.step === 'production') ctx.rerender();
  if (model) predict(ctx);
}

async function loadFile(ctx, file) {
  try {
    keep(await ctx.client.request('productionLoad', { text: await file.text() }), 'file');
  } catch (err) {
    failure = err;
  }
  if (ctx.state.step === 'production') ctx.rerender();
  if (model) predict(ctx);
}

/** The worker lost its model (it restarted): hand it the text again, then ask once more. */
async function request(ctx, op, args) {
  try {
    return await ctx.client.request(op, args);
  } catch (err) {
    if (!model || !/no production model/.test(err?.message ?? '')) throw err;
    await ctx.client.request('productionLoad', { text: model.text });
    return ctx.client.request(op, args);
  }
}

/** The row as the core reads it: numbers as numbers, an empty field as missing. */
function row() {
  const out = {};
  for (const input of model.inputs) {
    const text = (values.get(input.name) ?? '').trim();
    if (text === '') out[input.name] = null;
    else if (input.kind === 'number') out[input.name] = Number.isFinite(Number(text)) ? Number(text) : text;
    else out[input.name] = text;
  }
  return out;
}

async function predict(ctx) {
  const me = ++asked;
  let next;
  try {
    next = await request(ctx, 'productionPredict', { values: row() });
  } catch (err) {
    next = { error: err };
  }
  if (me !== asked) return;
  answer = next;
  showAnswer();
}

let showAnswer = () => {};

function answerNodes() {
  if (!answer) return [h('p', { class: 'muted', text: t('prod.predicting') })];
  if (answer.error) return [h('p', { class: 'error', text: errorText(answer.error) })];
  const score = model.threshold === 0 ? 'prod.decision' : 'prod.probability';
  return [
    h('p', { class: 'prod-predicted' }, t('prod.predicted'), ' ', h('strong', { text: answer.predicted })),
    h('p', { class: 'prod-probability', text: t(score, { positive: model.positive, value: answer.probability == null ? '—' : fixed(answer.probability, 3) }) }),
  ];
}

function field(ctx, input, index) {
  const id = `prod-input-${index}`;
  const onInput = (e) => {
    values.set(input.name, e.target.value);
    clearTimeout(timer);
    timer = setTimeout(() => predict(ctx), DEBOUNCE);
  };
  const control = input.kind === 'number'
    ? h('input', { id, type: 'text', inputmode: 'decimal', value: values.get(input.name) ?? '', placeholder: t('prod.missing'), oninput: onInput })
    : input.kind === 'text'
    ? h('textarea', { id, rows: 3, value: values.get(input.name) ?? '', placeholder: t('prod.missing'), oninput: onInput })
    : h('select', { id, onchange: onInput },
      h('option', { value: '', text: t('prod.missing'), selected: !values.get(input.name) }),
      (input.categories ?? []).map((c) => h('option', { value: c, text: c, selected: values.get(input.name) === c })));
  return h('div', { class: 'control' }, h('label', { class: 'field', for: id }, h('span', { text: input.name }), control));
}

function fileButton({ id, label, accept, onfile }) {
  const input = h('input', { id, type: 'file', accept, onchange: (e) => { const f = e.target.files?.[0]; if (f) onfile(f); e.target.value = ''; } });
  return h('div', { class: 'control' }, h('label', { class: 'field', for: id }, h('span', { text: label }), input));
}

async function scoreFile(ctx, file) {
  batch = { status: 'running' };
  ctx.rerender();
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { csv, rows } = await request(ctx, 'productionBatch', { bytes });
    batch = { status: 'done', rows };
    save(new Blob([csv], { type: 'text/csv' }), `${file.name.replace(/\.[^.]*$/, '')}-${t('prod.scoredSuffix')}.csv`);
  } catch (err) {
    batch = { status: 'error', error: err };
  }
  if (ctx.state.step === 'production') ctx.rerender();
}

async function exportPython(ctx, status) {
  replace(status);
  try {
    const result = await ctx.client.request('exportPython', { spec: productionSpec(ctx) });
    const text = typeof result === 'string' ? result : result?.script ?? result?.text ?? result?.python ?? '';
    save(new Blob([text], { type: 'text/x-python' }), 'atelier_pipeline.py');
  } catch (err) {
    replace(status, h('p', { role: 'alert', class: 'error', text: t('prod.pythonFailed', { error: errorText(err) }) }));
  }
}

function refitCard(ctx) {
  const status = h('div', { role: 'status' },
    busy && h('p', { class: 'muted', text: t('prod.fitting') }),
    model && !busy && h('p', { text: t(model.from === 'fit' ? 'prod.fitted' : 'prod.loaded', { target: model.target, count: int(model.inputs.length) }) }));
  const pythonStatus = h('div');
  return card(t('prod.title'),
    h('p', { text: t('prod.intro1') }),
    h('p', { class: 'muted', text: t('prod.intro2') }),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', disabled: busy || !ctx.state.summary, text: t('prod.refit'), onclick: () => refit(ctx) }),
      h('button', { type: 'button', disabled: !model, text: t('prod.downloadModel'), onclick: () => save(new Blob([model.text], { type: 'application/json' }), 'atelier-model.json') }),
      h('button', { type: 'button', disabled: !ctx.state.summary, text: t('prod.python'), onclick: () => exportPython(ctx, pythonStatus) })),
    fileButton({ id: 'prod-load', label: t('prod.load'), accept: '.json,application/json', onfile: (f) => loadFile(ctx, f) }),
    status,
    failure && h('div', { role: 'alert', class: 'error' }, h('p', { text: errorText(failure) })),
    pythonStatus);
}

function formCard(ctx) {
  const out = h('div', { class: 'prod-answer', 'aria-live': 'polite' });
  showAnswer = () => { if (out.isConnected) replace(out, ...answerNodes()); };
  replace(out, ...answerNodes());
  return card(t('prod.formTitle'),
    h('p', { class: 'muted', text: t('prod.formIntro', { positive: model.positive, threshold: fixed(model.threshold, 2) }) }),
    h('form', { class: 'control-grid', 'aria-label': t('prod.formTitle'), onsubmit: (e) => { e.preventDefault(); predict(ctx); } },
      model.inputs.map((input, i) => field(ctx, input, i))),
    out);
}

function batchCard(ctx) {
  const status = !batch ? null
    : batch.status === 'running' ? h('p', { role: 'status', class: 'muted', text: t('prod.batchRunning') })
      : batch.status === 'done' ? h('p', { role: 'status', text: t('prod.batchDone', { rows: int(batch.rows) }) })
        : h('p', { role: 'alert', class: 'error', text: errorText(batch.error) });
  return card(t('prod.batchTitle'),
    h('p', { class: 'muted', text: t('prod.batchIntro') }),
    fileButton({ id: 'prod-batch', label: t('prod.batchFile'), accept: '.csv,.tsv,.txt,.json', onfile: (f) => scoreFile(ctx, f) }),
    status);
}

export function render(root, ctx) {
  root.append(refitCard(ctx));
  if (!model) return;
  root.append(formCard(ctx), batchCard(ctx));
  if (!answer) predict(ctx);
}
