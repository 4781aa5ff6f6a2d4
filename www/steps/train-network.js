// The network of layers (step 7, model "network"): the builder (input shape, the layers one by
// one, presets), the core's summary of each layer's output shape and parameters (or the error
// naming the layer that cannot take what it receives), then while and after it learns: the
// first convolution's filters, one example's forward pass layer by layer, and the classes it
// confuses. Nothing here computes: the core gives every shape, count and value.
import { drawImages, networkSummary } from '../pkg/atelier.js';
import { h, card, replace } from '../dom.js';
import { t, int, pct, errorText, lang } from '../i18n.js';
import { LAYERS, LAYER_ACTIVATIONS } from '../spec.js';
import { selectField, numberField, listField } from '../ui/fields.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';

/** Presets: layers the course builds, each with the training that suits it. `classes` is the
 *  number of classes of the target (the output layer's units). */
const PRESETS = {
  mlp: (classes) => ({ input_shape: null, layers: [{ type: 'dense', units: 32, activation: 'relu' }, output(classes)] }),
  cnn: (classes) => ({
    input_shape: [8, 8, 1],
    layers: [
      { type: 'conv2d', filters: 32, kernel: 3, stride: null, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2, stride: null }, { type: 'flatten' }, { type: 'dropout', rate: 0.3 }, output(classes),
    ],
    learning_rate_init: 0.003, batch_size: 32, max_iter: 20, early_stopping: true, n_iter_no_change: 5,
  }),
  lstm: (classes) => ({ input_shape: null, layers: [{ type: 'embedding', dim: 16 }, { type: 'lstm', units: 16 }, output(classes)], learning_rate_init: 0.005, batch_size: 32, max_iter: 10 }),
  gru: (classes) => ({ input_shape: null, layers: [{ type: 'embedding', dim: 16 }, { type: 'gru', units: 16 }, output(classes)], learning_rate_init: 0.005, batch_size: 32, max_iter: 10 }),
};

/** Presets that read word sequences. */
const RECURRENT = ['lstm', 'gru'];

const output = (classes) => ({ type: 'dense', units: Math.max(2, classes), activation: 'softmax' });

/** The fields of one layer, as the spec names them: [key, kind] (kind: int, rate, optional int,
 *  padding, activation). */
const FIELDS = {
  units: 'int', filters: 'int', kernel: 'int', size: 'int', dim: 'int', stride: 'optional', rate: 'rate', padding: 'padding', activation: 'activation',
};

function layerField(ctx, i, layer, key) {
  const id = `net-${i}-${key}`;
  const label = t('net.fieldOf', { field: t(`net.field.${key}`), k: int(i + 1) });
  const set = (v) => ctx.setSpec((s) => { s.model.layers[i][key] = v; });
  const kind = FIELDS[key];
  if (kind === 'padding') return selectField({ id, label, value: layer[key], choices: ['same', 'valid'].map((c) => [c, c]), onchange: set });
  if (kind === 'activation') return selectField({ id, label, value: layer[key], choices: LAYER_ACTIVATIONS.map((c) => [c, c]), onchange: set });
  if (kind === 'rate') return numberField({ id, label, value: layer[key], min: 0, max: 1, exclusive: true, onchange: set });
  return numberField({ id, label, value: layer[key], min: 1, integer: true, optional: kind === 'optional', placeholder: kind === 'optional' ? t('net.default') : null, onchange: set });
}

/** Moves layer `i` by `by` (−1 up, +1 down), removes it (`by` null). */
function move(ctx, i, by) {
  ctx.setSpec((s) => {
    const layers = s.model.layers;
    if (by == null) { layers.splice(i, 1); return; }
    const j = i + by;
    if (j < 0 || j >= layers.length) return;
    [layers[i], layers[j]] = [layers[j], layers[i]];
  });
}

function layerRow(ctx, layer, i, n) {
  const k = int(i + 1);
  const fields = Object.keys(LAYERS[layer.type] ?? {}).filter((key) => FIELDS[key]);
  return h('li', { class: 'net-layer' },
    h('div', { class: 'control-grid' },
      selectField({
        id: `net-${i}-type`, label: t('net.typeOf', { k }), value: layer.type,
        choices: Object.keys(LAYERS).map((type) => [type, t(`net.type.${type}`)]),
        onchange: (type) => ctx.setSpec((s) => { s.model.layers[i] = { type, ...structuredClone(LAYERS[type]) }; }),
      }),
      fields.map((key) => layerField(ctx, i, layer, key))),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', text: '↑', 'aria-label': t('net.up', { k }), disabled: i === 0, onclick: () => move(ctx, i, -1) }),
      h('button', { type: 'button', text: '↓', 'aria-label': t('net.down', { k }), disabled: i === n - 1, onclick: () => move(ctx, i, 1) }),
      h('button', { type: 'button', text: t('net.remove'), 'aria-label': t('net.removeOf', { k }), disabled: n === 1, onclick: () => move(ctx, i, null) })));
}

/** The core's summary of `model` on `features` features, or its error. */
function summary(model, features, vocabulary) {
  try {
    return { layers: networkSummary(model, features, vocabulary, lang) };
  } catch (error) {
    return { error };
  }
}

/** The summary as a table: each layer's type, output shape and parameters, and the total. */
function summaryTable(layers, inputShape) {
  const shape = (s) => `(${s.join(', ')})`;
  const total = layers.reduce((s, l) => s + l.parameters, 0);
  return h('div', {},
    table({
      caption: t('net.summaryTitle'),
      columns: [t('live.layer'), t('net.outputShape'), t('live.parameters')],
      rows: [
        [t('live.inputLayer'), shape(inputShape), { text: '0', class: 'num' }],
        ...layers.map((l, i) => [`${int(i + 1)}. ${t(`net.type.${l.kind}`)}`, shape(l.output), { text: int(l.parameters), class: 'num' }]),
      ],
    }),
    h('p', { class: 'note', text: t('net.total', { total: int(total) }) }));
}

/** The builder: presets, input shape, layers, the summary. `answer` is step 6's prepared data
 *  (features, classes, text vocabulary); null while it is prepared. */
export function builderCard(ctx, answer) {
  const { model } = ctx.state.spec;
  const features = answer?.features?.length ?? 0;
  const classes = answer?.classes?.length ?? 2;
  const { text } = ctx.state.spec;
  const sequences = text?.mode === 'sequence' && text.columns.length > 0;
  // An embedding takes the sequences' max_words + 2 indices (0 padding, 1 unknown), as the core.
  const vocabulary = sequences ? text.max_words + 2 : 0;
  const n = model.layers.length;
  const preset = (id) => ctx.setSpec((s) => {
    Object.assign(s.model, PRESETS[id](classes));
    // A recurrent network reads the text columns as word sequences, and nothing else.
    if (RECURRENT.includes(id) && s.text?.columns.length) {
      s.text = { ...s.text, mode: 'sequence', max_words: 2000, length: 60 };
      s.features = [...s.text.columns];
    }
  });
  const recurrent = model.layers.some((l) => l.type === 'embedding');
  const shaped = summary(model, features, vocabulary);
  const inputShape = model.input_shape ?? [features];
  return card(t('net.title'),
    h('p', { class: 'muted small', text: t('net.help') }),
    h('div', { class: 'actions start net-presets' },
      h('span', { class: 'muted small', text: t('net.presets') }),
      // A preset's output layer takes the target's classes: it waits for step 6's answer.
      Object.keys(PRESETS).map((id) => h('button', { type: 'button', id: `net-preset-${id}`, text: t(`net.preset.${id}`), disabled: !answer, onclick: () => preset(id) }))),
    listField({
      id: 'net-input-shape', label: t('net.inputShape'), value: model.input_shape ?? [], min: 1, integer: true, allowEmpty: true,
      placeholder: String(features || 64), reason: t('net.inputShapeWhy', { features: int(features) }),
      onchange: (v) => ctx.setSpec((s) => { s.model.input_shape = v.length ? v : null; }),
    }),
    h('ol', { class: 'net-layers', 'aria-label': t('net.layers') }, model.layers.map((l, i) => layerRow(ctx, l, i, n))),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', id: 'net-add', text: t('net.add'), onclick: () => ctx.setSpec((s) => { s.model.layers.splice(Math.max(0, s.model.layers.length - 1), 0, { type: 'dense', ...structuredClone(LAYERS.dense) }); }) })),
    recurrent && !sequences ? h('p', { class: 'note', id: 'net-needs-text', text: t('net.needsSequences') }) : null,
    answer == null ? null
      : shaped.error ? h('p', { role: 'alert', class: 'error', id: 'net-error', text: errorText(shaped.error) })
        : summaryTable(shaped.layers, inputShape));
}

/** Small images drawn by the core (`images`: `[{ label, height, width, values }]`). */
function imagesChart(key, title, label, get, note) {
  return chart({
    key, title, label, height: 220,
    draw: (canvas, look) => drawImages(canvas, { title, images: get(), note, ...look }),
  });
}

/** `values` of one activation of `shape`: an image's channels as panels (at most `most`), a
 *  vector as one row. */
function panels(values, shape, name, most = 8) {
  if (shape.length === 3) {
    const [height, width, channels] = shape;
    return Array.from({ length: Math.min(channels, most) }, (_, c) => ({
      label: t('net.map', { k: int(c + 1) }), height, width,
      values: Array.from({ length: height * width }, (_, p) => values[p * channels + c]),
    }));
  }
  return [{ label: name, height: 1, width: values.length, values }];
}

/** While and after a network of layers learns: its summary, the first convolution's filters,
 *  and one validation row's forward pass layer by layer (asked of the worker, which holds the
 *  weights as they are now). */
export function layeredCard(ctx, layers, validationRows) {
  const state = { filters: [], forward: null };
  const filters = imagesChart('net-filters', t('net.filtersTitle'), t('net.filtersLabel'), () => state.filters, t('net.signedNote'));
  const maps = h('div', { class: 'net-maps' });
  const out = h('div', { 'aria-live': 'polite' });
  let index = 0;
  const input = h('input', {
    type: 'number', id: 'net-forward-row', min: '0', max: String(Math.max(0, validationRows - 1)), step: '1', value: '0',
    onchange: (e) => { index = Math.max(0, Math.min(validationRows - 1, Math.round(Number(e.target.value) || 0))); },
  });
  let asked = 0;
  const refreshFilters = async () => {
    const at = Date.now();
    if (at - asked < 500) return; // at most twice a second, however fast epochs arrive
    asked = at;
    const f = await ctx.client.request('trainLook', { what: 'filters' }).catch(() => null);
    if (!f?.length) return;
    const k = Math.round(Math.sqrt(f[0].length));
    state.filters = f.map((values, i) => ({ label: int(i + 1), height: k, width: k, values }));
    if (filters.element.isConnected) filters.redraw({ numbers: false });
  };
  const show = async () => {
    try {
      const f = await ctx.client.request('trainLook', { what: 'forward', index });
      if (!f?.shapes) { replace(out, h('p', { class: 'note', text: t('live.forwardGone') })); return; }
      state.forward = f;
      const charts = f.activations.map((values, l) => {
        const name = l === 0 ? t('live.inputLayer') : `${int(l)}. ${t(`net.type.${f.kinds[l]}`)}`;
        const images = panels(l === 0 ? f.raw : values, f.shapes[l], name);
        return imagesChart(`net-forward-${l}`, t('net.forwardLayer', { name, shape: f.shapes[l].join(' × ') }), t('net.forwardLabel', { name }), () => images, t('net.mapNote')).element;
      });
      replace(maps, ...charts);
      const probs = f.activations.at(-1);
      replace(out, h('p', { text: t('net.forwardNote', { id: String(f.id), cls: f.class, best: pct(Math.max(...probs)) }) }));
    } catch (err) {
      replace(out, h('p', { role: 'alert', class: 'error', text: errorText(err) }));
    }
  };
  const total = (layers ?? []).reduce((s, l) => s + l.parameters, 0);
  const hasConv = (layers ?? []).some((l) => l.kind === 'conv2d');
  const element = card(t('live.networkCard'),
    h('p', { class: 'muted small', text: t('net.liveHelp', { total: int(total) }) }),
    hasConv ? filters.element : null,
    validationRows > 0 && h('div', { class: 'actions start' },
      h('label', { class: 'field inline' }, h('span', { text: t('live.forwardRow') }), input),
      h('button', { type: 'button', id: 'net-forward', text: t('live.forward'), onclick: show })),
    out, maps);
  if (hasConv) refreshFilters();
  return { element, refresh: hasConv ? refreshFilters : () => {} };
}

/** The class-by-class confusion matrix of the validation part, its accuracy, and the pairs the
 *  model confuses most; with the rows' images when the input is an image and the fitted model
 *  is still in the worker (`live`). */
export function confusionCard(ctx, confusion, { inputShape, live }) {
  const { labels, matrix, accuracy, confused } = confusion;
  const rows = matrix.map((r, a) => [labels[a], ...r.map((n, p) => ({ text: int(n), class: a === p ? 'num diagonal' : (n ? 'num off' : 'num muted') }))]);
  const pairs = h('div', { class: 'net-pairs' });
  const element = card(t('net.confusionTitle'),
    h('p', { text: t('net.confusionAccuracy', { accuracy: pct(accuracy), classes: int(labels.length) }) }),
    table({ caption: t('net.confusionCaption'), columns: [t('net.actualPredicted'), ...labels], rows }),
    confused.length ? h('ul', { class: 'net-confused' }, confused.map((c) => h('li', { text: t('net.confusedPair', { actual: labels[c.actual], predicted: labels[c.predicted], n: int(c.count) }) }))) : h('p', { text: t('net.noConfusion') }),
    pairs);
  const image = inputShape?.length === 3 && live && confused.length;
  if (image) {
    (async () => {
      const wanted = confused.slice(0, 4).flatMap((c) => c.rows.slice(0, 2).map((row) => ({ c, row })));
      const images = [];
      for (const { c, row } of wanted) {
        const f = await ctx.client.request('trainLook', { what: 'forward', index: row }).catch(() => null);
        if (!f) return;
        const [height, width] = inputShape;
        images.push({ label: t('net.pairImage', { actual: labels[c.actual], predicted: labels[c.predicted] }), height, width, values: f.raw.slice(0, height * width) });
      }
      if (!pairs.isConnected && !element.isConnected) return;
      replace(pairs, imagesChart('net-pairs', t('net.pairsTitle'), t('net.pairsLabel'), () => images, t('net.mapNote')).element);
    })();
  }
  return element;
}
