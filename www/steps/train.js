// Step 7, Train: the model and its parameters (scikit-learn's names and defaults), part of the
// page's spec like everything step 6 sets; a training run in the worker with progress and
// Cancel (the page stays usable); the last report's results (train-results.js). The report
// replaces the previous one only when a training ends well.
import { h, card, replace } from '../dom.js';
import { t, int, count, fixed, errorText } from '../i18n.js';
import { MODELS, DESCENT, defaultModel } from '../spec.js';
import { selectField, numberField, checkField, listField } from '../ui/fields.js';
import { prepared } from './prepare-ask.js';
import { resultsView } from './train-results.js';
import { presetsCard } from './train-presets.js';
import { journaled, servedNote } from '../ui/served.js';
import { boundaryCard } from './train-boundary.js';
import { descentCard } from './train-descent.js';
import { curvesChart, learningNotes, loaderChart, networkCard } from './train-live.js';
import { builderCard, layeredCard, confusionCard } from './train-network.js';

const KINDS = Object.keys(MODELS);
/** Parameters the network builder sets, not the model card. */
const BUILT = ['layers', 'shape'];
let nextToken = 1;
/** The training under way, or how the last one that did not end well ended:
 *  `{ token, kind, status: 'running' | 'cancelled' | 'error' | 'stale', done, total, error, version }`. */
let run = null;
let view = null; // redraws the run's status where the step shows it

/** Shows the journal's report of `spec` when it already ran on this data (issue 10): true if
 *  it did. The live views need a fitted model in the worker, so they wait for a re-run. */
async function serve(ctx, spec) {
  const entry = await journaled(ctx, spec, 'train');
  if (!entry) return false;
  run = null;
  ctx.state.served = { key: entry.key, at: entry.at };
  await Promise.all([ctx.setReport(entry.report, spec), ctx.setEvalSource('run')]);
  ctx.rerender();
  return true;
}

async function start(ctx, force = false) {
  const spec = ctx.fullSpec();
  if (!force && await serve(ctx, spec)) return;
  const forest = spec.model.kind === 'random_forest';
  const descent = DESCENT.includes(spec.model.kind);
  const me = {
    token: `train-${nextToken++}`, kind: spec.model.kind, status: 'running', done: 0, total: forest ? spec.model.n_estimators : 1, error: null, version: ctx.state.version,
    descent, paused: false, learning: null, layers: null, ms: null, maxEpochs: spec.model.max_iter ?? 1,
  };
  run = me;
  view?.('start');
  try {
    const report = await ctx.client.request('train', { spec, token: me.token }, (p) => {
      if (run !== me) return;
      me.done = p.done;
      me.total = p.total;
      if (p.layers) me.layers = p.layers;
      if (p.marks) {
        me.learning ??= { epochs: [] };
        const last = me.learning.epochs.at(-1)?.epoch ?? 0;
        if (p.epoch && p.epoch.epoch > last) { me.learning.epochs.push(p.epoch); me.ms = p.ms; } // a batch alone closes no epoch
        Object.assign(me.learning, p.marks);
      }
      view?.('progress', p.action);
    });
    if (run !== me) return;
    if (ctx.state.version !== me.version) { me.status = 'stale'; view?.('end'); return; } // other data meanwhile
    run = null;
    view?.('end'); // the keyboard focus goes back from Cancel to Train
    ctx.state.served = null;
    await Promise.all([ctx.setReport(report, spec), ctx.setEvalSource('run'), ctx.record('train', spec, report).catch(() => {})]);
    ctx.rerender();
  } catch (err) {
    if (run !== me) return;
    me.status = err?.code === 'cancelled' ? 'cancelled' : 'error';
    me.error = err;
    view?.('end');
  }
}

function paramField(ctx, kind, p, value) {
  const id = `train-${kind}-${p.key}`;
  const label = t(`train.param.${p.key}`);
  const reason = t(`train.why.${kind}.${p.key}`);
  const set = (v) => ctx.setSpec((s) => { s.model[p.key] = v; });
  if (p.choices) {
    return selectField({ id, label, value, reason, onchange: set, choices: p.choices.map((c) => [c, t(`train.choice.${p.key}.${c}`)]) });
  }
  if (p.type === 'bool') return checkField({ id, label, checked: value, reason, onchange: set });
  if (p.type === 'ints' || p.type === 'rates') {
    return listField({
      id, label, value, reason, onchange: set, min: p.min, max: p.max, integer: p.type === 'ints', allowEmpty: p.type === 'rates',
      placeholder: p.type === 'ints' ? '64, 64' : '0.2, 0.2',
    });
  }
  return numberField({
    id, label, value, reason, onchange: set, min: p.min, exclusive: p.exclusive, integer: p.type === 'int', optional: p.optional,
    placeholder: p.optional ? 'None' : null,
  });
}

function modelCard(ctx, status, button) {
  const { model } = ctx.state.spec;
  return card(t('train.modelTitle'),
    selectField({
      id: 'train-kind', label: t('train.kind'), value: model.kind, choices: KINDS.map((k) => [k, t(`train.kind.${k}`)]),
      onchange: (v) => ctx.setSpec((s) => { s.model = defaultModel(v); }),
    }),
    h('p', { class: 'model-about', text: t(`train.about.${model.kind}`) }),
    h('div', { class: 'control-grid' }, MODELS[model.kind].filter((p) => !BUILT.includes(p.type)).map((p) => paramField(ctx, model.kind, p, model[p.key]))),
    h('div', { class: 'actions start train-actions' }, button),
    status);
}

/** What the model will learn from, as step 6 prepared it; or why it cannot start. */
function dataLine(ctx, question, button) {
  const box = h('div', { class: 'train-data' }, h('p', { class: 'muted', text: t('look.loading') }));
  const show = (later) => {
    if (later && !box.isConnected) return;
    if (question.error) {
      button.disabled = true;
      replace(box, h('div', { role: 'alert', class: 'error' },
        h('p', { text: t('train.cannot') }), h('p', { text: errorText(question.error) }),
        h('button', { type: 'button', text: t('train.toPrepare'), onclick: () => ctx.goTo('prepare') })));
      return;
    }
    const a = question.answer;
    const { train, validation } = a.splits;
    const after = train.resampled_class_counts && Object.values(train.resampled_class_counts).reduce((x, y) => x + y, 0);
    replace(box,
      h('p', {}, t('train.data', {
        target: a.target, positive: a.positive, features: int(a.features.length),
        train: count(train.rows, 'row'), validation: count(validation.rows, 'row'),
      }), after != null ? ` ${t('train.dataResampled', { rows: count(after, 'row') })}` : '',
      ' ', h('button', { type: 'button', class: 'link', text: t('train.change'), onclick: () => ctx.goTo('prepare') })));
  };
  if (question.answer || question.error) show(false); else question.promise.then(() => show(true), () => show(true));
  return box;
}

/** Pause / resume, and while paused one more epoch or one batch. "Paused" shows once the worker
 *  has answered: every epoch it learnt before has reached the page by then, none comes after. */
async function control(ctx, action) {
  const me = run;
  if (!me || me.status !== 'running') return;
  if (action === 'resume') { me.paused = false; view?.('paused'); }
  await ctx.client.request('trainControl', { token: me.token, action });
  if (action === 'pause' && run === me) { me.paused = true; view?.('paused'); }
}

function descentControls(ctx) {
  const paused = run.paused;
  return h('div', { class: 'actions start live-controls' },
    h('button', { type: 'button', id: 'train-pause', text: t(paused ? 'live.resume' : 'live.pause'), onclick: () => control(ctx, paused ? 'resume' : 'pause') }),
    h('button', { type: 'button', id: 'train-epoch', text: t('live.oneEpoch'), disabled: !paused, onclick: () => control(ctx, 'epoch') }),
    h('button', { type: 'button', id: 'train-batch', text: t('live.oneBatch'), disabled: !paused, onclick: () => control(ctx, 'batch') }));
}

function statusParts(ctx) {
  if (!run) return [];
  const name = t(`train.kind.${run.kind}`);
  if (run.status === 'running') {
    return [h('div', { class: 'progress' },
      h('span', { class: 'run-count', text: progressText(run) }),
      h('progress', { max: String(run.total || 1), value: String(run.done), 'aria-label': t('train.progressLabel', { name }) }),
      h('button', { type: 'button', id: 'train-cancel', text: t('train.cancel'), onclick: () => ctx.client.request('cancelRun', { token: run.token }) })),
    run.descent && descentControls(ctx)];
  }
  if (run.status === 'cancelled') return [h('p', { role: 'status', class: 'note', text: t('train.cancelled', { name }) })];
  if (run.status === 'stale') return [h('p', { role: 'status', class: 'note', text: t('train.staleData') })];
  return [h('div', { role: 'alert', class: 'error' }, h('p', { text: t('train.failed', { name }) }), h('p', { text: errorText(run.error) }))];
}

function progressText(r) {
  if (r.kind === 'random_forest') return t('train.trees', { done: int(r.done), total: int(r.total) });
  if (r.descent) {
    const epoch = t('live.epochs', { done: int(r.done), total: int(r.total) });
    return r.ms == null ? epoch : `${epoch} · ${t('live.ms', { ms: fixed(r.ms, 1) })}${r.paused ? ` · ${t('live.paused')}` : ''}`;
  }
  return t('train.running');
}

export function render(root, ctx) {
  const { summary, report, reportSpec } = ctx.state;
  if (!summary) {
    root.append(card(t('step.train'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('prep.toData'), onclick: () => ctx.goTo('data') })));
    return;
  }
  const question = prepared(ctx);
  const status = h('div', { class: 'run-status' });
  const button = h('button', { type: 'button', id: 'train-run', class: 'primary', text: t('train.run'), onclick: () => start(ctx) });
  root.append(
    h('p', { class: 'muted lead-note', text: t('train.intro') }),
    dataLine(ctx, question, button),
    modelCard(ctx, status, button));
  if (ctx.state.spec.model.kind === 'network') {
    const builder = h('div', {}, builderCard(ctx, question.answer));
    root.append(builder);
    if (!question.answer) question.promise.then(() => { if (builder.isConnected) replace(builder, builderCard(ctx, question.answer)); }, () => {});
  }
  const live = run?.descent && run.status !== 'stale' ? liveSection(ctx, run, question) : null;
  if (live) root.append(live.element);
  const served = report && ctx.state.served?.key === report.spec_hash;
  if (served) root.append(servedNote({ at: ctx.state.served.at, id: 'train-again', extra: t('journal.servedLive'), onAgain: () => start(ctx, true) }));
  if (report) {
    const stale = JSON.stringify(ctx.fullSpec()) !== JSON.stringify(reportSpec);
    root.append(resultsView(ctx, report, { stale }));
    const confusion = report.validation?.confusion;
    // The worker still holds the model this report comes from (not one served from the journal).
    const fitted = !served && !run;
    if (report.model.network && fitted) root.append(layeredCard(ctx, report.model.network, report.validation?.ids.length ?? 0).element);
    if (confusion) root.append(confusionCard(ctx, confusion, { inputShape: reportSpec?.model?.input_shape, live: fitted }));
  }
  // The boundary of the model as it is now: the one learning live, else the last one trained
  // (none for a report served from the journal: no model was fitted).
  const running = run?.status === 'running';
  const boundary = (running && run.descent && question.answer) || (!running && report && !served)
    ? boundaryCard(ctx, running ? question.answer : report) : null;
  if (boundary) root.append(boundary.element);
  if (live) live.boundary = boundary;
  root.append(presetsCard(ctx, start));
  const descent = h('div');
  root.append(descent);
  if (question.answer) replace(descent, descentCard(ctx, question.answer.features));
  else question.promise.then(() => { if (question.answer && descent.isConnected) replace(descent, descentCard(ctx, question.answer.features)); }, () => {});

  view = (what, arg) => {
    if (!status.isConnected) return;
    const running = run?.status === 'running';
    button.disabled = running || Boolean(question.error);
    // The live cards appear with the run, the network card with its first message.
    if ((what === 'start' && run?.descent && !live) || (run?.layers && live && !live.hasNetwork)) { ctx.rerender(); return; }
    live?.update(arg);
    if (what === 'progress' && running) {
      const bar = status.querySelector('progress');
      if (bar) {
        bar.max = run.total || 1;
        bar.value = run.done;
        status.querySelector('.run-count').textContent = progressText(run);
        return;
      }
    }
    const hadFocus = status.contains(document.activeElement) || document.activeElement === button;
    const focusedId = status.contains(document.activeElement) ? document.activeElement.id : '';
    replace(status, ...statusParts(ctx));
    if (!hadFocus) return;
    const same = focusedId && status.querySelector(`#${focusedId}`);
    if (same && !same.disabled) same.focus(); // Pause ↔ Resume keep the keyboard where it was
    else if (running) status.querySelector('#train-cancel')?.focus();
    else button.focus();
  };
  view();
}

/** The live cards of a gradient-descent run: curves, data loader, network. `update(action)`
 *  after each progress message (a batch moves the loader strip at once; epochs redraw it at
 *  most four times a second, asking the worker for the loader's state). */
function liveSection(ctx, r, question) {
  const curves = curvesChart(() => ({ learning: r.learning, maxEpochs: r.maxEpochs }));
  const notes = h('div', { 'aria-live': 'polite' }, learningNotes(r.learning));
  let said = notes.textContent;
  let look = null;
  const loader = loaderChart(() => look, () => question.answer?.classes ?? []);
  let asked = 0;
  const refreshLoader = async (now) => {
    const at = Date.now();
    if (!now && at - asked < 250) return;
    asked = at;
    look = await ctx.client.request('trainLook', { what: 'loader' }).catch(() => null);
    if (look) loader.update();
  };
  const validationRows = question.answer?.splits.validation.rows ?? 0;
  // An MLP's layers are `{ units, activation }`, a network of layers' `{ kind, output }`.
  let layered = null;
  const networkView = () => {
    if (!r.layers[0]?.kind) return networkCard(ctx, r.layers, validationRows);
    layered = layeredCard(ctx, r.layers, validationRows);
    return layered.element;
  };
  const element = h('div', { class: 'live' },
    card(t('live.title'), h('p', { class: 'muted small', text: t('live.help') }), curves.element, notes),
    card(t('live.loaderCard'), h('p', { class: 'muted small', text: t('live.loaderHelp') }), loader.element),
    r.layers ? networkView() : null);
  refreshLoader(true);
  return {
    element,
    hasNetwork: Boolean(r.layers),
    update(action) {
      if (action !== 'batch') layered?.refresh();
      curves.update();
      const now = learningNotes(r.learning);
      // A live region speaks when its text changes: replace it only then, not at every epoch.
      const text = now.map((p) => p.textContent).join('\n');
      if (text !== said) { said = text; replace(notes, ...now); }
      if (r.status === 'running') refreshLoader(action === 'batch');
      this.boundary?.refresh(true);
    },
  };
}
