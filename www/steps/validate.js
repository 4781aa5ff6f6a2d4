// Step 9, Validate: k-fold cross-validation of the whole pipeline of steps 6 and 7 (preparation
// and model, learnt again on each fold's other folds) over the training + validation rows; the
// test part stays out. How it cuts the folds is the spec's `cv` (app.js keeps it; spec.js does
// not send it with the other steps' runs, so this step adds it). A run in the worker with
// progress and Cancel; its results (every fold, mean ± std) as a table and a chart; and the
// course's leak shown on purpose: the same cross-validation with the preparation learnt on every
// row before the folds, side by side with the honest one.
import { drawCv } from '../pkg/atelier.js';
import { h, card, replace } from '../dom.js';
import { t, int, count, fixed, errorText } from '../i18n.js';
import { numberField, checkField } from '../ui/fields.js';
import { table } from '../ui/table.js';
import { chart } from '../ui/chart.js';
import { prepared } from './prepare-ask.js';
import { searchCard } from './validate-search.js';
import { crossValidate } from '../parallel.js';
import { journaled, servedNote } from '../ui/served.js';

/** `report.cv`'s figures, in the order of the table and the chart. */
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision'];
const KEEP = 8; // results kept for other specs (switching back shows them again)

let nextToken = 1;
/** The cross-validation under way, or how the last one that did not end well ended:
 *  `{ token, leaky, status: 'running' | 'done' | 'cancelled' | 'error' | 'stale', done, total, folds, error, version }`. */
let run = null;
/** Finished cross-validations, newest last: `{ key, version, leaky, pair, kind, cv, servedAt }`,
 *  `key` the data version and the spec sent, `pair` (a leaky one) the key of its honest twin,
 *  `servedAt` when it came from the journal (issue 10): the date it ran. */
const results = [];
let view = null; // redraws the run's status where the step shows it

/** The spec the worker cross-validates: the page's full spec with `cv`, leaky if asked. */
function specFor(ctx, leaky) {
  const cv = { ...ctx.state.spec.cv };
  if (leaky) cv.leaky_preparation = true;
  return { ...ctx.fullSpec(), cv };
}

const keyOf = (version, spec) => `${version}|${JSON.stringify(spec)}`;
const find = (key) => results.find((r) => r.key === key) ?? null;

function remember(entry) {
  const old = results.findIndex((r) => r.key === entry.key);
  if (old >= 0) results.splice(old, 1);
  results.push(entry);
  if (results.length > KEEP) results.shift();
}

/** Shows the journal's cross-validation of `spec` when it already ran on this data: true if
 *  it did. */
async function serve(ctx, spec, leaky, pair) {
  const version = ctx.state.version;
  const entry = await journaled(ctx, spec, 'cv');
  if (!entry?.report?.cv || ctx.state.version !== version) return false;
  run = null;
  remember({ key: keyOf(version, spec), version, leaky, pair, kind: spec.model?.kind, cv: entry.report.cv, servedAt: entry.at });
  if (ctx.state.step === 'validate') ctx.rerender();
  return true;
}

/** The note above a cross-validation served from the journal, its button running it again. */
const servedPart = (ctx, entry, leaky) => entry?.servedAt && servedNote({
  at: entry.servedAt, id: leaky ? 'cv-leak-again' : 'cv-again', onAgain: () => start(ctx, leaky, true),
});

async function start(ctx, leaky, force = false) {
  const spec = specFor(ctx, leaky);
  const pair = leaky ? keyOf(ctx.state.version, specFor(ctx, false)) : null; // its honest twin
  if (!force && await serve(ctx, spec, leaky, pair)) return;
  const version = ctx.state.version;
  const me = { token: `cv-${nextToken++}`, leaky, status: 'running', done: 0, total: 0, folds: spec.cv.folds, error: null, version, abort: new AbortController() };
  run = me;
  view?.('start');
  try {
    // The folds on the worker pool (www/parallel.js): one worker per core.
    const cv = await crossValidate(spec, { client: ctx.client, signal: me.abort.signal, onProgress: (p) => {
      if (run !== me) return;
      me.done = p.done;
      me.total = p.total;
      view?.('progress');
    } });
    if (run !== me) return;
    if (ctx.state.version !== me.version) { me.status = 'stale'; view?.('end'); return; } // other data meanwhile
    remember({ key: keyOf(version, spec), version, leaky, pair, kind: spec.model?.kind, cv });
    ctx.record('cv', spec, { cv }).catch(() => {}); // the journal (issue 10)
    me.status = 'done';
    view?.('end'); // the keyboard focus goes back from Cancel to the button that started it
    if (ctx.state.step === 'validate') ctx.rerender();
  } catch (err) {
    if (run !== me) return;
    me.status = err?.code === 'cancelled' ? 'cancelled' : 'error';
    me.error = err;
    view?.('end');
  }
}

/** "Fitting the model…", then "Fold 2 / 5" (the worker fits on the training part first). */
function progressText(r) {
  const fitting = r.total - r.folds;
  if (!r.total) return t('cv.starting');
  if (r.done < fitting) return t('cv.fitting');
  return t('cv.foldsDone', { done: int(r.done - fitting), total: int(r.folds) });
}

function statusParts(ctx, leaky) {
  if (!run || run.leaky !== leaky || run.status === 'done') return [];
  const name = t(leaky ? 'cv.leakRunName' : 'cv.runName');
  if (run.status === 'running') {
    return [h('div', { class: 'progress' },
      h('span', { class: 'run-count', text: progressText(run) }),
      h('progress', { max: String(run.total || 1), value: String(run.done), 'aria-label': t('cv.progressLabel', { name }) }),
      h('button', { type: 'button', id: 'cv-cancel', text: t('cv.cancel'), onclick: () => run.abort.abort() }))];
  }
  if (run.status === 'cancelled') return [h('p', { role: 'status', class: 'note', text: t('cv.cancelled', { name }) })];
  if (run.status === 'stale') return [h('p', { role: 'status', class: 'note', text: t('cv.staleData') })];
  return [h('div', { role: 'alert', class: 'error' }, h('p', { text: t('cv.failed', { name }) }), h('p', { text: errorText(run.error) }))];
}

/** What is cross-validated: the model and preparation of steps 6–7 on the training and
 *  validation rows; the test rows stay out. Or why it cannot start. */
function dataLine(ctx, question, buttons) {
  const box = h('div', { class: 'train-data' }, h('p', { class: 'muted', text: t('look.loading') }));
  const show = (later) => {
    if (later && !box.isConnected) return;
    if (question.error) {
      for (const b of buttons) b.disabled = true;
      replace(box, h('div', { role: 'alert', class: 'error' },
        h('p', { text: t('cv.cannot') }), h('p', { text: errorText(question.error) }),
        h('button', { type: 'button', text: t('train.toPrepare'), onclick: () => ctx.goTo('prepare') })));
      return;
    }
    const { train, validation, test } = question.answer.splits;
    const kind = ctx.state.spec.model.kind;
    replace(box,
      h('p', {}, t('cv.data', {
        model: t(`train.kind.${kind}`), rows: count(train.rows + validation.rows, 'row'),
        train: int(train.rows), validation: int(validation.rows),
      }), ' ', h('button', { type: 'button', class: 'link', text: t('cv.changeModel'), onclick: () => ctx.goTo('train') }),
      ' ', h('button', { type: 'button', class: 'link', text: t('train.change'), onclick: () => ctx.goTo('prepare') })),
      h('p', { class: 'muted small', text: test.rows ? t('cv.testOut', { test: count(test.rows, 'row') }) : t('cv.noTest') }));
  };
  if (question.answer || question.error) show(false); else question.promise.then(() => show(true), () => show(true));
  return box;
}

function settingsCard(ctx, status, button) {
  const { cv } = ctx.state.spec;
  const set = (key) => (v) => ctx.setSpec((s) => { s.cv[key] = v; });
  const seed = numberField({
    id: 'cv-seed', label: t('cv.seed'), value: cv.seed, min: 0, integer: true, onchange: set('seed'),
    reason: t(cv.shuffle ? 'cv.why.seed' : 'cv.why.seedUnused'),
  });
  if (!cv.shuffle) seed.querySelector('input').disabled = true;
  return card(t('cv.settingsTitle'),
    h('div', { class: 'control-grid' },
      numberField({ id: 'cv-folds', label: t('cv.folds'), value: cv.folds, min: 2, integer: true, onchange: set('folds'), reason: t('cv.why.folds') }),
      checkField({ id: 'cv-stratified', label: t('cv.stratified'), checked: cv.stratified, onchange: set('stratified'), reason: t('cv.why.stratified') }),
      checkField({ id: 'cv-shuffle', label: t('cv.shuffle'), checked: cv.shuffle, onchange: set('shuffle'), reason: t('cv.why.shuffle') }),
      seed),
    h('div', { class: 'actions start train-actions' }, button),
    status);
}

const metricName = (key) => t(`cv.metric.${key}`);
/** The chart's row names: short, as the axis cuts names past 14 characters. */
const shortName = (key) => t(`cv.short.${key}`);

/** A fold's figure as a cell: a missing one (AUC on a fold holding one class) says so. */
function figure(x) {
  if (x == null) return { text: t('train.noCurve'), title: t('cv.noCurveWhy'), class: 'num muted' };
  return { text: fixed(x), title: String(x), class: 'num' };
}

/** "0,953 ± 0,012" */
function meanStd(cv, key) {
  const m = cv.mean[key];
  const s = cv.std[key];
  if (m == null) return { text: '—', class: 'num muted' };
  return { text: `${fixed(m)} ± ${fixed(s)}`, title: `${m} ± ${s}`, class: 'num' };
}

function foldsTable(cv) {
  return table({
    caption: t('cv.tableCaption', { k: cv.folds.length }),
    columns: [t('eval.metric'), t('cv.meanStd'), ...cv.folds.map((f) => t('cv.fold', { n: f.fold }))],
    rows: METRICS.map((key) => [metricName(key), meanStd(cv, key), ...cv.folds.map((f) => figure(f[key]))]),
    className: 'data cv-folds',
  });
}

/** Honest and leaky side by side: each one's mean ± std and the difference of the means. */
function compareTable(honest, leaky) {
  return table({
    caption: t('cv.compareCaption'),
    columns: [t('eval.metric'), t('cv.series.honest'), t('cv.series.leaky'), t('cv.difference')],
    rows: METRICS.map((key) => {
      const a = honest.mean[key];
      const b = leaky.mean[key];
      const d = a == null || b == null ? null : b - a;
      const sign = d == null ? '—' : `${d > 0 ? '+' : d < 0 ? '−' : ''}${fixed(Math.abs(d))}`;
      return [metricName(key), meanStd(honest, key), meanStd(leaky, key), { text: sign, title: d == null ? null : String(d), class: 'num' }];
    }),
    className: 'data cv-compare',
  });
}

/** The folds as dots, the mean ± std as a bar, per metric; the leaky run as a second series. */
function cvChart(honest, leaky) {
  const title = t('cv.chartTitle', { k: honest.folds.length });
  const series = [[t('cv.series.honest'), honest], ...(leaky ? [[t('cv.series.leaky'), leaky]] : [])];
  const data = (name, cv) => ({
    name,
    folds: METRICS.map((key) => cv.folds.map((f) => f[key] ?? null)),
    mean: METRICS.map((key) => cv.mean[key] ?? null),
    std: METRICS.map((key) => cv.std[key] ?? null),
  });
  return chart({
    key: 'cv-chart',
    title,
    label: t('cv.chartLabel', { title }),
    height: 90 + METRICS.length * (leaky ? 64 : 44),
    draw: (canvas, look) => drawCv(canvas, {
      title, xTitle: t('cv.score'), metrics: METRICS.map(shortName), series: series.map(([name, cv]) => data(name, cv)), ...look,
    }),
    readout: ({ y }) => {
      const key = METRICS[Math.floor(y)];
      if (!key) return null;
      return series.map(([name, cv]) => `${metricName(key)} (${name}) : ${meanStd(cv, key).text}`).join(' · ');
    },
    // Its own caption: the folds' table and the comparison are in the cards already.
    numbers: () => table({
      caption: title,
      columns: [t('eval.metric'), ...series.map(([name]) => t('cv.meanStdOf', { name }))],
      rows: METRICS.map((key) => [metricName(key), ...series.map(([, cv]) => meanStd(cv, key))]),
    }),
  }).element;
}

function resultsCard(ctx, entry, leaky, stale) {
  const { cv } = entry;
  return card(t('cv.resultsTitle', { name: t(`train.kind.${entry.kind}`), k: cv.folds.length }),
    stale && h('p', { role: 'status', class: 'note warn', text: t('cv.stale') }),
    !stale && servedPart(ctx, entry, false),
    h('p', { class: 'muted small', text: t('cv.reading') }),
    foldsTable(cv),
    spreadNote(cv),
    cvChart(cv, leaky?.cv));
}

/** The course's reading of the spread: F1's std against its mean. */
function spreadNote(cv) {
  const m = cv.mean.f1;
  const s = cv.std.f1;
  if (m == null || s == null) return null;
  return h('p', { class: 'note', text: t(s >= 0.05 ? 'cv.spreadWide' : 'cv.spreadNarrow', { mean: fixed(m), std: fixed(s) }) });
}

function leakCard(ctx, honest, leaky, status, button) {
  let reading = null;
  if (honest && leaky) {
    const gaps = METRICS.map((k) => (honest.cv.mean[k] == null || leaky.cv.mean[k] == null ? 0 : leaky.cv.mean[k] - honest.cv.mean[k]));
    const widest = Math.max(...gaps.map(Math.abs));
    reading = h('p', { class: 'note warn', text: t(widest < 0.005 ? 'cv.leakSmall' : 'cv.leakSeen', { gap: fixed(widest) }) });
  }
  return card(t('cv.leakTitle'),
    h('p', { text: t('cv.leakIntro') }),
    h('div', { class: 'actions start' }, button,
      !honest && h('span', { class: 'muted small', text: t('cv.leakFirst') })),
    status,
    servedPart(ctx, leaky, true),
    honest && leaky && compareTable(honest.cv, leaky.cv),
    reading,
    honest && leaky && h('p', { class: 'muted small', text: t('cv.leakHonest') }));
}

export function render(root, ctx) {
  const { summary, version } = ctx.state;
  if (!summary) {
    root.append(card(t('step.validate'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('prep.toData'), onclick: () => ctx.goTo('data') })));
    return;
  }
  const question = prepared(ctx);
  const honestKey = keyOf(version, specFor(ctx, false));
  let honest = find(honestKey);
  let leaky = find(keyOf(version, specFor(ctx, true)));
  const stale = !honest;
  if (!honest) {
    // Results of other settings on this data, shown as such until the next run.
    honest = results.findLast((r) => !r.leaky && r.version === version) ?? null;
    leaky = honest && results.find((r) => r.leaky && r.pair === honest.key);
  }
  const status = h('div', { class: 'run-status' });
  const leakStatus = h('div', { class: 'run-status' });
  const button = h('button', { type: 'button', id: 'cv-run', class: 'primary', text: t('cv.run'), onclick: () => start(ctx, false) });
  const leakButton = h('button', { type: 'button', id: 'cv-leak', text: t('cv.leakRun'), onclick: () => start(ctx, true) });
  root.append(
    h('p', { class: 'muted lead-note', text: t('cv.intro') }),
    dataLine(ctx, question, [button, leakButton]),
    settingsCard(ctx, status, button));
  if (honest) root.append(resultsCard(ctx, honest, leaky, stale));
  root.append(leakCard(ctx, stale ? null : honest, stale ? null : leaky, leakStatus, leakButton));
  root.append(searchCard(ctx, question)); // the hyperparameter search (validate-search.js)

  view = (what) => {
    if (!status.isConnected) return;
    const running = run?.status === 'running';
    const blocked = Boolean(question.error);
    button.disabled = running || blocked;
    leakButton.disabled = running || blocked || stale;
    const box = run?.leaky ? leakStatus : status;
    const other = run?.leaky ? status : leakStatus;
    const starter = run?.leaky ? leakButton : button;
    if (what === 'progress' && running) {
      const bar = box.querySelector('progress');
      if (bar) {
        bar.max = run.total || 1;
        bar.value = run.done;
        box.querySelector('.run-count').textContent = progressText(run);
        return;
      }
    }
    const hadFocus = box.contains(document.activeElement) || document.activeElement === starter;
    replace(other);
    replace(box, ...statusParts(ctx, Boolean(run?.leaky)));
    if (!hadFocus) return;
    if (running) box.querySelector('#cv-cancel')?.focus();
    else starter.focus();
  };
  view();
}

/** Step 10 reads it: the honest cross-validation of `spec` (as `ctx.fullSpec()` gives it) on
 *  the current data, with the page's `cv` settings, if this step ran it; else null. */
export function crossValidated(ctx, spec) {
  return find(keyOf(ctx.state.version, { ...spec, cv: { ...ctx.state.spec.cv } }))?.cv ?? null;
}
