// Step 10, Test: the final test. Locked until the student says the model is chosen (the test
// set is used once, at the end); then the page's spec is refitted on train + validation in the
// worker (`finalTest`, with progress and Cancel) and scored once on the test rows. Each use is
// recorded per data in the page's state (app.js `state.tests`, persisted), so a reload shows
// the result and never a fresh lock. The same spec again shows its record; another spec first
// asks, naming the earlier use, then runs with `test_uses` = the earlier ones, and the core's
// report lists both (`report.test_uses`) with a `test_reused` warning. The test runs on the
// held-out rows or on another file (`spec.test_data`): the data set's unbiased companion (the
// default when it has one: `sourire` → `sourire_test`) or a file of the student's.
import { h, card, replace } from '../dom.js';
import { t, lang, count, errorText } from '../i18n.js';
import { tracked } from '../ui/tracked.js';
import { prepared } from './prepare-ask.js';
import { specText, useText, usesCard, resultView } from './test-view.js';

let nextToken = 1;
/** The final test under way, or how the last one that did not end well ended:
 *  `{ token, status: 'running' | 'cancelled' | 'error' | 'stale', done, total, error, version }`. */
let run = null;
let confirmed = false; // "I have finished choosing my model" (asked again after a reload while nothing was used)
let asking = false;    // the warning before a second use is open
let view = null;       // redraws the run's status where the step shows it
let testOn = null;     // 'held_out', a built-in file's id, or 'own'; null: the data's companion if any
let ownFile = null;    // { name, text } of the student's own test file

/** The data the test set belongs to: a built-in set by its id, a file by its name and size. */
const dataKey = (file) => (file.datasetId ? `builtin:${file.datasetId}` : `file:${file.name}:${file.bytes?.length ?? 0}`);
const recordsOf = (ctx) => ctx.state.tests[dataKey(ctx.state.file)] ?? [];
const sameSpec = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The built-in file drawn without the bias of the loaded data set (`datasets()[].test_data`). */
function companion(ctx) {
  const id = ctx.state.datasets.find((d) => d.id === ctx.state.file?.datasetId)?.test_data;
  return id ? ctx.state.datasets.find((d) => d.id === id) ?? null : null;
}

/** What the test runs on: `{ on, spec, name }`, the page's spec with `test_data` for another
 *  file and that file's name; `spec` is null while the student's own file is not chosen. */
function chosen(ctx) {
  const spec = ctx.fullSpec();
  const other = companion(ctx);
  const on = testOn && ['held_out', 'own', other?.id].includes(testOn) ? testOn : other?.id ?? 'held_out';
  if (on === 'own') return { on, spec: ownFile && { ...spec, test_data: { text: ownFile.text } }, name: ownFile?.name };
  if (on === 'held_out') return { on, spec, name: null };
  return { on, spec: { ...spec, test_data: { builtin: on } }, name: other.title[lang] ?? other.title.fr };
}

/** The choice of rows to test on, as radio buttons; the student's file picked below them. */
function choiceField(ctx) {
  const { on, name } = chosen(ctx);
  const other = companion(ctx);
  const pick = (value) => () => { testOn = value; ctx.rerender(); };
  const radio = (value, text) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: 'test-on', id: `test-on-${value}`, value, checked: on === value, onchange: pick(value) }),
    h('span', { text }));
  const readOwn = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    ownFile = { name: file.name, text: await file.text() };
    ctx.rerender();
  };
  return h('fieldset', { class: 'radios source' }, h('legend', { text: t('test.on') }),
    radio('held_out', t('test.onHeldOut')),
    other && radio(other.id, t('test.onBuiltin', { title: other.title[lang] ?? other.title.fr })),
    radio('own', t('test.onOwn')),
    on === 'own' && h('label', { class: 'field' }, h('span', { text: t('test.ownPick') }),
      h('input', { type: 'file', id: 'test-own-file', accept: '.csv,.tsv,.txt,text/csv', onchange: readOwn })),
    on === 'own' && h('p', { class: 'muted small', role: 'status', text: name ?? t('test.ownNeeded') }));
}

/** "2025-03-04 10:12", local time: what the record and the core's warning show. */
function stamp(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function start(ctx) {
  const { spec, name } = chosen(ctx);
  if (!spec) return;
  const key = dataKey(ctx.state.file);
  const earlier = recordsOf(ctx);
  const sent = earlier.length ? { ...spec, test_uses: earlier.map((r) => r.use) } : spec;
  const me = { token: `test-${nextToken++}`, status: 'running', done: 0, total: 0, error: null, version: ctx.state.version };
  run = me;
  asking = false;
  ctx.rerender();
  const builtin = spec.test_data?.builtin;
  let testBytes;
  try {
    testBytes = builtin ? (await ctx.builtinBytes(builtin)).bytes : undefined;
  } catch (err) {
    Object.assign(me, { status: 'error', error: err });
    view?.('end');
    return;
  }
  const result = await tracked(ctx, me, () => run, 'finalTest', { spec: sent, testBytes }, (what) => view?.(what));
  if (!result) return;
  run = null;
  const use = { ...result.test_uses.at(-1), at: stamp(new Date()) };
  await ctx.setTests(key, [...earlier, { use, spec, result, testName: name }]);
  await ctx.record('test', spec, result).catch(() => {}); // the journal (issue 10): a use stays there
  ctx.rerender();
}

function statusParts(ctx) {
  if (!run) return [];
  if (run.status === 'running') {
    return [h('div', { class: 'progress' },
      h('span', { class: 'run-count', text: t('test.running') }),
      h('progress', { max: String(run.total || 1), value: String(run.done), 'aria-label': t('test.progressLabel') }),
      h('button', { type: 'button', id: 'test-cancel', text: t('test.cancel'), onclick: () => ctx.client.request('cancelRun', { token: run.token }) }))];
  }
  if (run.status === 'cancelled') return [h('p', { role: 'status', class: 'note', text: t('test.cancelled') })];
  if (run.status === 'stale') return [h('p', { role: 'status', class: 'note', text: t('train.staleData') })];
  return [h('div', { role: 'alert', class: 'error' }, h('p', { text: t('test.failed') }), h('p', { text: errorText(run.error) }))];
}

/** What will be evaluated, on which rows; or why it cannot be (the Prepare step's error, no
 *  test part). `blocked(true)` disables what starts a run. */
function whatLine(ctx, question, blocked) {
  const { spec, name } = chosen(ctx);
  const box = h('div', { class: 'train-data' }, h('p', { text: t('test.what', { spec: specText(ctx.fullSpec()) }) }), choiceField(ctx));
  const show = (later) => {
    if (later && !box.isConnected) return;
    const a = question.answer;
    const noTest = a && a.splits.test.rows === 0 && !spec?.test_data;
    blocked(Boolean(question.error || noTest || !spec));
    if (question.error || noTest) {
      box.append(h('div', { role: 'alert', class: 'error' },
        h('p', { text: question.error ? t('test.cannot') : t('test.noTest') }), question.error && h('p', { text: errorText(question.error) }),
        h('button', { type: 'button', text: t('train.toPrepare'), onclick: () => ctx.goTo('prepare') })));
      return;
    }
    const { train, validation, test } = a.splits;
    const learn = count(train.rows + validation.rows, 'row');
    box.append(h('p', { class: 'muted small', text: spec?.test_data ? t('test.rowsOther', { learn, file: t('test.fileName', { name }) })
      : t('test.rows', { learn, test: count(test.rows, 'row') }) }));
  };
  if (question.answer || question.error) show(false); else question.promise.then(() => show(true), () => show(true));
  return box;
}

/** A closed padlock drawn in the text colour (an emoji would need a font the page may lack). */
function padlock() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ class: 'padlock', viewBox: '0 0 16 16', width: '18', height: '18', 'aria-hidden': 'true' })) svg.setAttribute(k, v);
  for (const [tag, attrs] of [['rect', { x: 3, y: 7, width: 10, height: 8, rx: 1.5, fill: 'currentColor' }],
    ['path', { d: 'M5 7V5a3 3 0 0 1 6 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8 }]]) {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.append(el);
  }
  return svg;
}

/** The fresh lock: why the test set waits, what will be evaluated, the confirmation. */
function lockCard(ctx, status) {
  const button = h('button', { type: 'button', id: 'test-open', class: 'primary', text: t('test.open'), onclick: () => start(ctx) });
  let blocked = false;
  const sync = () => { button.disabled = !confirmed || blocked || run?.status === 'running'; };
  const box = h('input', { type: 'checkbox', id: 'test-confirm', checked: confirmed, onchange: (e) => { confirmed = e.target.checked; sync(); } });
  sync();
  return {
    button,
    sync,
    element: h('section', { class: 'card test-lock' },
      h('h2', {}, padlock(), t('test.lockTitle')),
      h('p', { text: t('test.why') }),
      h('p', { class: 'muted small', text: t('test.whyLater') }),
      whatLine(ctx, prepared(ctx), (b) => { blocked = b; sync(); }),
      h('label', { class: 'check' }, box, h('span', { text: t('test.confirm') })),
      h('div', { class: 'actions start' }, button),
      status),
  };
}

/** The page's spec differs from every use: a second use, after a warning naming the earlier ones. */
function againCard(ctx, records, status) {
  const button = h('button', { type: 'button', id: 'test-again', text: t('test.again'), onclick: () => { asking = true; ctx.rerender(); } });
  let blocked = false;
  const sync = () => { button.disabled = blocked || asking || run?.status === 'running'; };
  sync();
  const parts = [
    h('p', { text: t('test.changed') }),
    whatLine(ctx, prepared(ctx), (b) => { blocked = b; sync(); }),
    h('div', { class: 'actions start' }, button),
    asking && warningDialog(ctx, records),
    status,
  ];
  return { button, sync, element: card(t('test.againTitle'), ...parts) };
}

/** The warning before a second use, inline and keyboard-usable: it names every earlier use;
 *  Escape or Cancel closes it, Evaluate anyway runs. */
function warningDialog(ctx, records) {
  const close = () => { asking = false; ctx.rerender(); document.getElementById('test-again')?.focus(); };
  const dialog = h('div', {
    role: 'alertdialog', class: 'confirm note warn', 'aria-modal': 'false', 'aria-labelledby': 'test-warn-title', 'aria-describedby': 'test-warn-text',
    onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } },
  },
  h('h3', { id: 'test-warn-title', text: t('test.warnTitle') }),
  h('div', { id: 'test-warn-text' },
    h('p', { text: t('test.warnUsed') }),
    h('ul', {}, records.map((r) => h('li', { text: useText(r) }))),
    h('p', { text: t('test.warnWhy') })),
  h('div', { class: 'actions start' },
    h('button', { type: 'button', id: 'test-warn-accept', class: 'primary', text: t('test.warnAccept'), onclick: () => start(ctx) }),
    h('button', { type: 'button', id: 'test-warn-cancel', text: t('test.warnCancel'), onclick: close })));
  queueMicrotask(() => dialog.querySelector('#test-warn-cancel')?.focus());
  return dialog;
}

export function render(root, ctx) {
  const { summary } = ctx.state;
  if (!summary) {
    root.append(card(t('step.test'), h('p', { text: t('look.needData') }),
      h('button', { type: 'button', text: t('prep.toData'), onclick: () => ctx.goTo('data') })));
    return;
  }
  const records = recordsOf(ctx);
  const current = records.find((r) => sameSpec(r.spec, chosen(ctx).spec));
  const status = h('div', { class: 'run-status' });
  root.append(h('p', { class: 'muted lead-note', text: t('test.intro') }));
  let starter = null;
  if (!records.length) {
    starter = lockCard(ctx, status);
    root.append(starter.element);
  } else {
    root.append(usesCard(records, current ?? records.at(-1)));
    if (!current) {
      starter = againCard(ctx, records, status);
      root.append(starter.element);
    } else {
      root.append(h('p', { role: 'status', class: 'note', text: t('test.sameSpec') }), choiceField(ctx));
    }
    root.append(resultView(ctx, current ?? records.at(-1), Boolean(current)));
  }

  view = (what) => {
    if (!status.isConnected) return;
    const running = run?.status === 'running';
    starter?.sync();
    if (what === 'progress' && running) {
      const bar = status.querySelector('progress');
      if (bar) { bar.max = run.total || 1; bar.value = run.done; return; }
    }
    const hadFocus = status.contains(document.activeElement) || document.activeElement === starter?.button;
    replace(status, ...statusParts(ctx));
    if (running && (hadFocus || what === 'start')) status.querySelector('#test-cancel')?.focus();
    else if (hadFocus) starter?.button.focus();
  };
  view(run?.status === 'running' ? 'start' : null);
}
