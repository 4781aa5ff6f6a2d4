// Step 6's Text card, shown when the data has columns of free text: which are cut into words
// (`spec.text`) and how (word counts, tf-idf, word sequences), the vocabulary the training part
// gave (from the Prepare answer), and the one-hot encoding of a first sentence (worked out by
// the core, shown here as a table).
import { h, card, replace } from '../dom.js';
import { t, int, lang } from '../i18n.js';
import { TEXT, TEXT_MODES } from '../spec.js';
import { selectField, checkField, numberField } from '../ui/fields.js';
import { table } from '../ui/table.js';

let known = null; // { version, columns, promise }: the data's free-text columns
const examples = new Map(); // `${version}|${column}|${lowercase}` → { example, promise }

/** The data's free-text columns (asked of the worker once per data version). */
function freeText(ctx) {
  const { version } = ctx.state;
  if (known?.version !== version) {
    const entry = { version, columns: null, promise: null };
    entry.promise = ctx.client.request('textColumns', {}).then((c) => { entry.columns = c; }, () => { entry.columns = []; });
    known = entry;
    examples.clear();
  }
  return known;
}

/** The one-hot illustration of `column`'s first text (asked once per data, column and case). */
function exampleOf(ctx, column, lowercase) {
  const key = `${ctx.state.version}|${column}|${lowercase}`;
  if (!examples.has(key)) {
    const entry = { example: undefined, promise: null };
    entry.promise = ctx.client.request('textExample', { column, lowercase })
      .then((e) => { entry.example = e; }, () => { entry.example = null; });
    examples.set(key, entry);
  }
  return examples.get(key);
}

/** `spec` without `name` among the columns cut into words (a feature unticked, a new target). */
export function dropTextColumn(spec, name) {
  if (!spec.text) return;
  const columns = spec.text.columns.filter((c) => c !== name);
  spec.text = columns.length ? { ...spec.text, columns } : null;
}

function controls(ctx, free) {
  const text = ctx.state.spec.text;
  const on = text?.columns ?? [];
  const set = (key) => (v) => ctx.setSpec((s) => { s.text = { ...(s.text ?? TEXT), [key]: v }; });
  const toggle = (name, yes) => ctx.setSpec((s) => {
    if (yes) s.text = { ...TEXT, ...(s.text ?? {}), columns: [...(s.text?.columns ?? []), name] };
    else dropTextColumn(s, name);
  });
  return h('div', {},
    free.map((name, i) => checkField({
      id: `prep-text-column-${i}`, label: t('prep.textCut', { column: name }), checked: on.includes(name),
      onchange: (yes) => toggle(name, yes),
    })),
    text && h('div', { class: 'control-grid' },
      selectField({
        id: 'prep-text-mode', label: t('prep.textMode'), value: text.mode, choices: TEXT_MODES.map((m) => [m, t(`prep.textMode.${m}`)]),
        reason: t(`prep.textModeWhy.${text.mode}`), onchange: set('mode'),
      }),
      numberField({
        id: 'prep-text-words', label: t('prep.textWords'), value: text.max_words, integer: true, min: 1,
        reason: t('prep.textWordsWhy'), onchange: set('max_words'),
      }),
      text.mode === 'sequence' && numberField({
        id: 'prep-text-length', label: t('prep.textLength'), value: text.length, integer: true, min: 1,
        reason: t('prep.textLengthWhy'), onchange: set('length'),
      }),
      checkField({ id: 'prep-text-lowercase', label: t('prep.textLowercase'), checked: text.lowercase, reason: t('prep.textLowercaseWhy'), onchange: set('lowercase') })));
}

/** What the training part gave: each column's vocabulary (from the Prepare answer). */
export function vocabularyView(answer) {
  const columns = answer?.text?.columns ?? [];
  return columns.map((c) => h('div', { class: 'text-vocabulary' },
    h('p', { text: t('prep.textVocabulary', { column: c.column, words: int(c.words), size: int(c.vocabulary_size) }) }),
    h('p', { class: 'muted small', text: t('prep.textFirstWords', { words: c.first_words.join(', ') }) }),
    c.length != null && h('p', { class: 'muted small', text: t('prep.textSequence', { length: int(c.length), size: int(c.vocabulary_size) }) })));
}

/** The one-hot rows of a sentence: one row per word, one column per distinct word. */
function exampleView(example) {
  if (!example) return null;
  const rows = example.tokens.map((word, i) => [word, String(example.indices[i]), ...example.rows[i].map(String)]);
  rows.push([{ text: t('prep.oneHotBag') }, '', ...example.bag.map((n) => ({ text: int(n), class: 'num' }))]);
  return h('div', { class: 'one-hot' },
    h('h3', { text: t('prep.oneHotTitle') }),
    h('p', { class: 'muted small', text: t('prep.oneHotSentence', { sentence: example.sentence }) }),
    table({
      caption: t('prep.oneHotCaption'),
      columns: [t('prep.oneHotWord'), t('prep.oneHotColumn'), ...example.vocabulary],
      rows,
    }),
    example.truncated && h('p', { class: 'muted small', text: t('prep.oneHotTruncated', { n: example.tokens.length }) }),
    h('p', { class: 'reason', text: example.note[lang] ?? example.note.en }));
}

/**
 * The Text card into `slot` once the data's free-text columns are known (nothing when it has
 * none among `features`); `vocabularySlot` is filled by the Prepare step with `vocabularyView`.
 */
export function textCard(ctx, slot, features, vocabularySlot) {
  const k = freeText(ctx);
  const draw = () => {
    const free = (k.columns ?? []).filter((c) => features.includes(c));
    if (!free.length) { replace(slot); return; }
    const text = ctx.state.spec.text;
    const shown = text?.columns?.find((c) => free.includes(c)) ?? free[0];
    const lowercase = text?.lowercase ?? TEXT.lowercase;
    const exampleSlot = h('div', {});
    replace(slot, card(t('prep.textTitle'),
      h('p', { class: 'reason lead-reason', text: t('prep.textWhy') }),
      controls(ctx, free),
      vocabularySlot,
      exampleSlot));
    const e = exampleOf(ctx, shown, lowercase);
    if (e.example !== undefined) replace(exampleSlot, exampleView(e.example));
    else e.promise.then(() => { if (exampleSlot.isConnected) replace(exampleSlot, exampleView(e.example)); });
  };
  if (k.columns) draw(); else k.promise.then(() => { if (slot.isConnected) draw(); });
}
