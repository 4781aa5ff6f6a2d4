// Step 8, Evaluate: the last training's validation scores (the report's labels, scores and row
// IDs), or a column of scores against a label column (a model's outputs, or the course's
// `seuil`): the student chooses the source, and for a column the label column, the positive
// class and the score column; the worker keeps one Evaluation per choice; eval-view.js shows it.
import { h, card, select, replace } from '../dom.js';
import { t, int, errorText } from '../i18n.js';
import { columnNames, numericColumns, valid } from './columns.js';
import { evaluationView } from './eval-view.js';
import * as store from '../store.js';

// The choices and the threshold survive re-renders (language, recipe), other steps and reloads.
// `run` holds the threshold of the run evaluated (`{ hash, threshold, target }`): a new run
// starts at its report's threshold.
const prefs = { label: undefined, score: undefined, positive: undefined, threshold: 0.5, target: 0.8, run: null };
let opened = { key: null, promise: null };
let restoring = null; // the stored choices, read once
let restored = false;

let saving = 0;
/** Remembers the choices and the threshold (a moving slider is saved once it rests). */
function save() {
  clearTimeout(saving);
  saving = setTimeout(() => store.set('evaluate', { ...prefs }), 300);
}

/** Puts back the stored choices once, then draws the step again. */
function restore(ctx) {
  restoring = store.get('evaluate').then((saved) => {
    if (saved && typeof saved === 'object') {
      for (const key of Object.keys(prefs)) if (saved[key] !== undefined) prefs[key] = saved[key];
    }
    restored = true;
    if (ctx.state.step === 'evaluate') ctx.rerender();
  });
}

/** `{ label, positive, score }` as the worker takes it; `positive` null: labels are 0/1. */
const choiceOf = () => ({ label: prefs.label, positive: prefs.positive?.value ?? null, score: prefs.score });

/** The guessed label column, and the last numeric column that is neither it nor the ID. */
function defaults(summary) {
  const names = columnNames(summary);
  const numeric = numericColumns(summary);
  const label = valid(prefs.label, names, summary.target ?? names.at(-1));
  if (label !== prefs.label) { prefs.label = label; prefs.positive = undefined; }
  const scores = numeric.filter((c) => c !== prefs.label && c !== summary.idColumn);
  prefs.score = valid(prefs.score, numeric, scores.at(-1) ?? numeric.at(-1) ?? null);
}

const valueName = (v) => String(v);

/** The select of the positive class, once the label's values are known. */
function positiveSelect(ctx, answer) {
  const { values } = answer;
  let current = prefs.positive ? valueName(prefs.positive.value) : answer.summary?.positive ?? '';
  const choices = values.map((v) => [valueName(v.value), t('eval.valueCount', { value: valueName(v.value), n: int(v.count) })]);
  if (!choices.some(([v]) => v === current)) {
    current = '';
    choices.unshift(['', t('eval.choosePositive')]);
  }
  return select({
    id: 'eval-positive', label: t('eval.positive'), value: current, choices,
    onchange: (name) => {
      const found = values.find((v) => valueName(v.value) === name);
      prefs.positive = found ? { value: found.value } : undefined;
      save();
      ctx.rerender();
    },
  });
}

/** An error of the core, in the student's language, with what to try. */
function showError(box, err, hint = 'eval.oneClassHint') {
  replace(box, h('div', { role: 'alert', class: 'error' },
    h('p', { text: errorText(err) }),
    err?.code === 'one_class' && h('p', { text: t(hint) })));
}

/** The scores to evaluate: the last run's validation part, or a column of the file. */
function sourceChoice(ctx, report, source) {
  const use = (value) => async () => { await ctx.setEvalSource(value); ctx.rerender(); };
  const radio = (value, text, disabled) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: 'eval-source', id: `eval-source-${value}`, value, checked: source === value, disabled, onchange: use(value) }),
    h('span', { text }));
  const validation = report?.validation;
  const runText = !report ? t('eval.sourceNoRun')
    : validation ? t('eval.sourceRun', { model: t(`train.kind.${report.model.kind}`), rows: int(validation.scores.length) })
      : t('eval.sourceRunEmpty', { model: t(`train.kind.${report.model.kind}`) });
  return h('fieldset', { class: 'radios source' }, h('legend', { text: t('eval.source') }),
    radio('run', runText, !report),
    radio('column', t('eval.sourceColumn')));
}

/** The last run's validation scores: no columns to choose; the threshold starts at the report's. */
function renderRun(root, ctx, report) {
  const v = report.validation;
  const message = h('div');
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('look.loading') }));
  const stale = JSON.stringify(ctx.fullSpec()) !== JSON.stringify(ctx.state.reportSpec);
  root.append(
    h('p', { class: 'muted lead-note', text: t('eval.introRun') }),
    card(t('eval.choice'),
      sourceChoice(ctx, report, 'run'),
      v && h('p', { class: 'run-source', text: t('eval.runIs', { model: t(`train.kind.${report.model.kind}`), target: report.target, positive: report.positive }) }),
      stale && h('p', { class: 'note warn', text: t('eval.runStale') }),
      h('p', { class: 'rule-note', text: t('eval.rule') }),
      message),
    body);
  if (!v) {
    replace(message, h('div', { role: 'status', class: 'note ask' },
      h('p', { text: t('eval.noValidation') }),
      h('div', { class: 'actions start' },
        h('button', { type: 'button', text: t('eval.useColumn'), onclick: async () => { await ctx.setEvalSource('column'); ctx.rerender(); } }),
        h('button', { type: 'button', text: t('eval.toPrepare'), onclick: () => ctx.goTo('prepare') }))));
    replace(body);
    return;
  }
  if (prefs.run?.hash !== report.spec_hash) {
    prefs.run = { hash: report.spec_hash, threshold: report.threshold, target: prefs.target };
    save();
  }
  const choice = { run: report.spec_hash };
  const key = `${ctx.state.version}|run|${report.spec_hash}`;
  if (opened.key !== key) {
    const validation = { labels: v.labels, scores: v.scores, ids: v.ids, positive: report.positive };
    opened = { key, promise: ctx.client.request('evalOpen', { choice, validation }) };
  }
  const mine = opened;
  mine.promise.then((answer) => {
    if (mine !== opened || !body.isConnected) return;
    body.removeAttribute('aria-busy');
    if (answer.error) { showError(message, answer.error, 'eval.oneClassRunHint'); replace(body); return; }
    // The classes of the run name the negative side ("benign", or "not virginica").
    const values = report.model.classes.map((c) => ({ value: c }));
    replace(body, evaluationView(ctx, { ...answer, values }, prefs.run, choice, save));
  }, (err) => {
    if (mine !== opened) return;
    opened = { key: null, promise: null };
    if (!body.isConnected) return;
    body.removeAttribute('aria-busy');
    showError(message, err, 'eval.oneClassRunHint');
    replace(body);
  });
}

export function render(root, ctx) {
  const { summary, version } = ctx.state;
  if (!summary) {
    root.append(card(t('step.evaluate'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('step.data'), onclick: () => ctx.goTo('data') })));
    return;
  }
  if (!restoring) restore(ctx);
  if (!restored) { root.append(h('p', { class: 'muted', text: t('look.loading') })); return; }
  const { report } = ctx.state;
  const source = report && ctx.state.evalSource === 'run' ? 'run' : 'column';
  if (source === 'run') { renderRun(root, ctx, report); return; }
  defaults(summary);
  const names = columnNames(summary);
  const numeric = numericColumns(summary);
  const positiveSlot = h('div', { class: 'field-slot' });
  const message = h('div');
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('look.loading') }));

  root.append(
    h('p', { class: 'muted lead-note', text: t('eval.intro') }),
    card(t('eval.choice'),
      sourceChoice(ctx, report, source),
      h('div', { class: 'fields' },
        select({ id: 'eval-label', label: t('eval.label'), value: prefs.label, choices: names.map((c) => [c, c]),
          onchange: (v) => { prefs.label = v; prefs.positive = undefined; save(); ctx.rerender(); } }),
        positiveSlot,
        numeric.length
          ? select({ id: 'eval-score', label: t('eval.score'), value: prefs.score, choices: numeric.map((c) => [c, c]),
            onchange: (v) => { prefs.score = v; save(); ctx.rerender(); } })
          : null),
      h('p', { class: 'rule-note', text: t('eval.rule') }),
      message),
    body);

  if (!prefs.score) {
    replace(message, h('p', { role: 'alert', class: 'error', text: t('eval.noNumeric') }));
    replace(body);
    return;
  }
  const choice = choiceOf();
  const key = `${version}|${JSON.stringify(choice)}`;
  if (opened.key !== key) opened = { key, promise: ctx.client.request('evalOpen', { choice }) };
  const mine = opened;
  mine.promise.then((answer) => {
    if (mine !== opened || !body.isConnected) return;
    replace(positiveSlot, positiveSelect(ctx, answer));
    body.removeAttribute('aria-busy');
    if (answer.error) {
      showError(message, answer.error);
      replace(body);
      return;
    }
    if (answer.needPositive) {
      replace(message, h('p', { role: 'status', class: 'note ask', text: t('eval.askPositive', { column: prefs.label, n: int(answer.valueCount) }) }));
      replace(body);
      return;
    }
    replace(body, evaluationView(ctx, answer, prefs, choice, save));
  }, (err) => {
    if (mine !== opened) return;
    opened = { key: null, promise: null }; // the next render asks again
    if (!body.isConnected) return;
    body.removeAttribute('aria-busy');
    showError(message, err);
    replace(body);
  });
}
