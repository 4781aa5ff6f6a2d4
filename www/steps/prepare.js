// Step 6, Prepare: the target and its positive class, the features, the three parts' sizes
// (stratified, seeded), imputation, scaling and oversampling, each control with the course's
// reason; a Text card when the data has free text (prepare-text.js). Every control edits the page's spec (app.js, `state.spec`) and nothing else; the
// worker's `prepare` (no fitting) then shows the parts, their classes and the run's warnings.
import { h, card, replace } from '../dom.js';
import { t, int, pct, count, errorText } from '../i18n.js';
import { IMPUTE, SCALE, RESAMPLERS } from '../spec.js';
import { selectField, checkField, numberField } from '../ui/fields.js';
import { columnNames } from './columns.js';
import { prepared, previous, isCurrent } from './prepare-ask.js';
import { splitResults, MAX_CLASSES } from './prepare-split.js';
import { textCard, vocabularyView, dropTextColumn } from './prepare-text.js';

/** The target column in use: the spec's, else the guessed one (null: none could be guessed). */
export function targetOf(ctx) {
  const { summary, spec } = ctx.state;
  const names = columnNames(summary);
  return names.includes(spec.target) ? spec.target : summary.target ?? null;
}

/** The features in use: the spec's, else every column but the target and the identifier. */
export function featuresOf(ctx) {
  const { summary, spec } = ctx.state;
  const target = targetOf(ctx);
  const names = columnNames(summary);
  if (spec.features) return spec.features.filter((f) => f !== target && names.includes(f));
  return names.filter((c) => c !== target && c !== summary.idColumn);
}

/** The positive class select: the target's classes once `answer` (for this target) is known. */
function positiveField(ctx, answer) {
  const target = targetOf(ctx);
  const classes = answer?.target === target ? answer.classes : null;
  const positive = ctx.state.spec.positive ?? (classes ? answer.positive : '');
  const choices = classes ? classes.map((c) => [c, c]) : [[positive, positive || '—']];
  return selectField({
    id: 'prep-positive', label: t('prep.positive'), value: positive, choices, disabled: !classes,
    reason: t('prep.positiveWhy'),
    onchange: (v) => ctx.setSpec((s) => { s.positive = v; }),
  });
}

function targetCard(ctx, positiveSlot) {
  const { summary } = ctx.state;
  const target = targetOf(ctx);
  const choices = summary.info.columns.map(({ name, unique }) => [name, name === summary.target ? t('prep.guessed', { column: name })
    : unique > MAX_CLASSES ? t('prep.manyValues', { column: name, n: int(unique) }) : name]);
  if (target == null) choices.unshift(['', t('eval.choosePositive')]);
  return card(t('prep.targetTitle'),
    selectField({
      id: 'prep-target', label: t('prep.target'), value: target ?? '', choices,
      reason: t('prep.targetWhy'),
      onchange: (v) => ctx.setSpec((s) => { s.target = v; s.positive = null; s.features = null; dropTextColumn(s, v); }),
    }),
    positiveSlot);
}

/** How many features the chosen columns become once encoded (a text column gives one per value). */
function encodedNote(ctx, answer) {
  if (!answer?.features) return null;
  return h('p', { class: 'muted small', text: t('prep.encoded', { chosen: count(featuresOf(ctx).length, 'column'), n: answer.features.length }) });
}

function featuresCard(ctx, noteSlot) {
  const { summary } = ctx.state;
  const target = targetOf(ctx);
  const chosen = featuresOf(ctx);
  const columns = summary.info.columns.filter((c) => c.name !== target);
  const toggle = (name, on) => ctx.setSpec((s) => {
    const now = featuresOf(ctx);
    s.features = columns.map((c) => c.name).filter((c) => (c === name ? on : now.includes(c)));
    if (!on) dropTextColumn(s, name);
  });
  const note = (c) => {
    if (c.name === summary.idColumn) return t('prep.idNote');
    if (c.dtype === 'text') return t(ctx.state.spec.text?.columns?.includes(c.name) ? 'prep.textWordsNote' : 'prep.textNote');
    return null;
  };
  return card(t('prep.featuresTitle'),
    h('fieldset', { class: 'checks feature-list' }, h('legend', { text: t('prep.features') }),
      columns.map((c, i) => h('div', { class: 'feature' },
        checkField({ id: `prep-feature-${i}`, label: c.name, checked: chosen.includes(c.name), onchange: (on) => toggle(c.name, on) }),
        note(c) && h('span', { class: 'muted small', text: note(c) })))),
    h('p', { class: 'reason', text: t('prep.featuresWhy') }),
    noteSlot);
}

function splitCard(ctx) {
  const { split } = ctx.state.spec;
  const set = (key) => (v) => ctx.setSpec((s) => { s.split[key] = v; });
  return card(t('prep.splitTitle'),
    h('div', { class: 'control-grid' },
      numberField({ id: 'prep-test', label: t('prep.test'), value: split.test, scale: 100, min: 0, max: 90, reason: t('prep.testWhy'), onchange: set('test') }),
      numberField({ id: 'prep-validation', label: t('prep.validation'), value: split.validation, scale: 100, min: 0, max: 90, reason: t('prep.validationWhy'), onchange: set('validation') }),
      checkField({ id: 'prep-stratify', label: t('prep.stratify'), checked: split.stratify, reason: t('prep.stratifyWhy'), onchange: set('stratify') }),
      numberField({ id: 'prep-seed', label: t('prep.seed'), value: split.seed, integer: true, min: 0, reason: t('prep.seedWhy'), onchange: set('seed') })),
    h('p', { class: 'muted small', text: t('prep.trainRest', { share: pct(Math.max(0, 1 - split.test - split.validation), 0) }) }));
}

function fitCard(ctx) {
  const { spec } = ctx.state;
  const { resample } = spec;
  return card(t('prep.fitTitle'),
    h('p', { class: 'reason lead-reason', text: t('prep.fitWhy') }),
    h('div', { class: 'control-grid' },
      selectField({
        id: 'prep-impute', label: t('prep.impute'), value: spec.impute, choices: IMPUTE.map((k) => [k, t(`prep.impute.${k}`)]),
        reason: t('prep.imputeWhy'), onchange: (v) => ctx.setSpec((s) => { s.impute = v; }),
      }),
      selectField({
        id: 'prep-scale', label: t('prep.scale'), value: spec.scale, choices: SCALE.map((k) => [k, t(`prep.scale.${k}`)]),
        reason: t('prep.scaleWhy'), onchange: (v) => ctx.setSpec((s) => { s.scale = v; }),
      }),
      selectField({
        id: 'prep-resample', label: t('prep.resample'), value: resample.kind, choices: RESAMPLERS.map((k) => [k, t(`prep.resample.${k}`)]),
        reason: t('prep.resampleWhy'), onchange: (v) => ctx.setSpec((s) => { s.resample.kind = v; }),
      }),
      resample.kind === 'smote' && numberField({
        id: 'prep-smote-k', label: t('prep.smoteK'), value: resample.k, integer: true, min: 1, reason: t('prep.smoteKWhy'),
        onchange: (v) => ctx.setSpec((s) => { s.resample.k = v; }),
      }),
      resample.kind !== 'none' && numberField({
        id: 'prep-resample-seed', label: t('prep.resampleSeed'), value: resample.seed, integer: true, min: 0, reason: t('prep.resampleSeedWhy'),
        onchange: (v) => ctx.setSpec((s) => { s.resample.seed = v; }),
      })));
}

export function render(root, ctx) {
  const { summary, version } = ctx.state;
  if (!summary) {
    root.append(card(t('step.prepare'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('prep.toData'), onclick: () => ctx.goTo('data') })));
    return;
  }
  const question = prepared(ctx);
  const before = previous();
  // While the answer is on its way, the last one for this data stands in (dimmed).
  const standIn = question.answer ?? (before?.key.startsWith(`${version}|`) ? before.answer : null);
  // The controls that depend on the answer: redrawn in place when it comes.
  const positiveSlot = h('div', {}, positiveField(ctx, standIn));
  const noteSlot = h('div', {}, encodedNote(ctx, standIn));
  const textSlot = h('div', {});
  const vocabularySlot = h('div', { 'aria-live': 'polite' }, vocabularyView(standIn));
  const results = h('section', { class: 'card', 'aria-labelledby': 'prep-results-title', 'aria-live': 'polite' });
  const controls = h('div', {},
    h('p', { class: 'muted lead-note', text: t('prep.intro') }),
    h('div', { class: 'columns' },
      h('div', {}, targetCard(ctx, positiveSlot), featuresCard(ctx, noteSlot)),
      h('div', {}, splitCard(ctx), fitCard(ctx))),
    textSlot);
  textCard(ctx, textSlot, featuresOf(ctx), vocabularySlot);
  root.append(controls, results,
    h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'primary', text: t('prep.next'), onclick: () => ctx.goTo('train') })));

  const show = () => {
    if (!results.isConnected || !isCurrent(question)) return;
    results.removeAttribute('aria-busy');
    if (question.answer && question.answer !== standIn) {
      const focused = positiveSlot.contains(document.activeElement) ? document.activeElement.id : null;
      replace(positiveSlot, positiveField(ctx, question.answer));
      replace(noteSlot, encodedNote(ctx, question.answer));
      replace(vocabularySlot, vocabularyView(question.answer));
      if (focused) document.getElementById(focused)?.focus();
    }
    replace(results, h('h2', { id: 'prep-results-title', text: t('prep.resultsTitle') }),
      question.error
        ? h('div', { role: 'alert', class: 'error' }, h('p', { text: t('prep.failed') }), h('p', { text: errorText(question.error) }),
          question.error.code === 'one_class_target' && h('button', { type: 'button', text: t('prep.toClean'), onclick: () => ctx.goTo('clean') }))
        : splitResults(ctx, question.answer));
  };
  if (question.answer || question.error) { show(); return; }
  results.setAttribute('aria-busy', 'true');
  replace(results, h('h2', { id: 'prep-results-title', text: t('prep.resultsTitle') }),
    standIn ? h('div', { class: 'stale' }, splitResults(ctx, standIn)) : h('p', { class: 'muted', text: t('look.loading') }));
  question.promise.then(show, show);
}

