// A gradient-descent model learning in front of the student (step 7): the loss and accuracy
// curves of the training and validation parts, epoch by epoch, with the best epoch, the early
// stop and the start of overfitting marked; the data loader (this epoch's shuffled rows cut in
// batches, the validation part apart); the network's layers and one example's forward pass.
// The same cards show a finished run from its report. Nothing here computes: the worker and the
// core give every figure, these functions lay them out.
import { drawEpochs, drawLoader, drawNetwork } from '../pkg/atelier.js';
import { h, card, replace } from '../dom.js';
import { t, int, num, fixed } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { table } from '../ui/table.js';

/** Redraws at most once per animation frame, however fast epochs arrive. */
function throttled(redraw) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; redraw(); });
  };
}

const fig = (v) => (Number.isFinite(v) ? { text: fixed(v), title: String(v), class: 'num' } : { text: '—', class: 'num muted' });

/** The curves of `get()` (`{ learning, maxEpochs }`), redrawn by `update()`. */
export function curvesChart(get) {
  const title = t('live.curvesTitle');
  const c = chart({
    key: 'train-curves',
    title,
    label: t('live.curvesLabel'),
    height: 420,
    draw: (canvas, look) => {
      const { learning, maxEpochs } = get();
      const mark = (epoch, key) => (epoch == null ? null : { epoch, label: t(key) });
      return drawEpochs(canvas, {
        title, lossTitle: t('live.lossPanel'), accuracyTitle: t('live.accuracyPanel'), xTitle: t('live.epoch'),
        lossYTitle: t('live.loss'), accuracyYTitle: t('live.accuracy'),
        trainLabel: t('live.train'), validationLabel: t('live.validation'),
        epochs: (learning?.epochs ?? []).map((r) => ({
          epoch: r.epoch, trainLoss: r.train_loss, trainAccuracy: r.train_accuracy, valLoss: r.val_loss, valAccuracy: r.val_accuracy,
        })),
        maxEpochs,
        best: mark(learning?.best_epoch, 'live.best'),
        earlyStop: mark(learning?.stopped_at, 'live.stopped'),
        overfitting: mark(learning?.overfitting_from, 'live.overfitting'),
        ...look,
      });
    },
    readout: ({ x }) => {
      const r = get().learning?.epochs?.[Math.round(x) - 1];
      return r ? t('live.readout', { epoch: int(r.epoch), train: fixed(r.train_loss), validation: r.val_loss == null ? '—' : fixed(r.val_loss) }) : null;
    },
    numbers: () => table({
      caption: title,
      columns: [t('live.epoch'), t('live.trainLoss'), t('live.valLoss'), t('live.trainAccuracy'), t('live.valAccuracy')],
      rows: (get().learning?.epochs ?? []).map((r) => [int(r.epoch), fig(r.train_loss), fig(r.val_loss), fig(r.train_accuracy), fig(r.val_accuracy)]),
    }),
  });
  return { element: c.element, update: throttled(() => { if (c.element.isConnected) c.redraw({ numbers: false }); }) };
}

/** What the curves say, in words: best epoch, early stop, overfitting. */
export function learningNotes(learning) {
  if (!learning?.epochs?.length) return [];
  const notes = [];
  if (learning.best_epoch != null) notes.push(t('live.bestNote', { epoch: int(learning.best_epoch) }));
  if (learning.stopped_at != null) notes.push(t('live.stoppedNote', { epoch: int(learning.stopped_at), best: int(learning.best_epoch ?? 0) }));
  if (learning.overfitting_from != null) notes.push(t('live.overfittingNote', { epoch: int(learning.overfitting_from) }));
  return notes.map((text) => h('p', { class: 'note', text }));
}

/** The data loader strip of `get()` (the worker's `trainLook('loader')` answer); `classNames()`
 *  names the classes (the prepared run's, which may arrive after the strip). */
export function loaderChart(get, classNames) {
  const title = t('live.loaderTitle');
  const c = chart({
    key: 'train-loader',
    title,
    label: t('live.loaderLabel'),
    height: 170,
    draw: (canvas, look) => {
      const l = get();
      const over = !l || l.next_batch >= l.batches;
      return drawLoader(canvas, {
        title,
        classes: Array.from(l?.classes ?? []), classNames: classNames(),
        batchSize: l?.batch_size ?? 1, batch: over ? null : l.next_batch,
        trainLabel: t('live.trainRows'),
        progressLabel: l ? t('live.loaderStatus', { epoch: int(l.epoch + 1), batch: int(Math.min(l.next_batch + 1, l.batches)), batches: int(l.batches) }) : '',
        endLabel: t('live.epochEnd'),
        validationRows: l?.validation?.length ?? 0, validationLabel: t('live.validationApart'),
        ...look,
      });
    },
  });
  return { element: c.element, update: throttled(() => { if (c.element.isConnected) c.redraw({ numbers: false }); }) };
}

/** The network's layers (`[{ units, activation, parameters }]`) and, when given, one
 *  example's activations. */
export function networkChart(get) {
  const title = t('live.networkTitle');
  const c = chart({
    key: 'train-network',
    title,
    label: t('live.networkLabel'),
    height: 320,
    draw: (canvas, look) => {
      const { layers, forward } = get();
      return drawNetwork(canvas, {
        title,
        layers: (layers ?? []).map((l, i) => ({ ...l, name: layerName(l, i, layers.length) })),
        activations: forward?.activations ?? null,
        unitsLabel: t('live.unitsShort'), parametersLabel: t('live.parameters'), valueTitle: t('live.activationValue'),
        ...look,
      });
    },
    numbers: () => {
      const { layers } = get();
      return table({
        caption: title,
        columns: [t('live.layer'), t('live.units'), t('live.activation'), t('live.parameters')],
        rows: (layers ?? []).map((l, i) => [layerName(l, i, layers.length), int(l.units), l.activation, int(l.parameters)]),
      });
    },
  });
  return { element: c.element, update: throttled(() => { if (c.element.isConnected) c.redraw(); }) };
}

function layerName(layer, i, n) {
  if (i === 0) return t('live.inputLayer');
  if (i === n - 1) return t('live.outputLayer');
  return t('live.hiddenLayer', { k: int(i) });
}

/** The network card: its layers and parameter count, and a forward pass on demand (asked of the
 *  worker, which holds the weights as they are now). */
export function networkCard(ctx, layers, validationRows) {
  const state = { layers, forward: null };
  const net = networkChart(() => state);
  const total = (layers ?? []).reduce((s, l) => s + l.parameters, 0);
  const out = h('div', { 'aria-live': 'polite' });
  let index = 0;
  const input = h('input', {
    type: 'number', id: 'live-forward-row', min: '0', max: String(Math.max(0, validationRows - 1)), step: '1', value: '0',
    onchange: (e) => { index = Math.max(0, Math.min(validationRows - 1, Math.round(Number(e.target.value) || 0))); },
  });
  const show = async () => {
    try {
      const f = await ctx.client.request('trainLook', { what: 'forward', index });
      if (!f) { replace(out, h('p', { class: 'note', text: t('live.forwardGone') })); return; }
      state.forward = f;
      net.update();
      const output = f.activations[f.activations.length - 1];
      replace(out, h('p', { text: t('live.forwardNote', { id: String(f.id), cls: f.class, output: output.map((v) => num(v)).join(' · ') }) }));
    } catch (err) {
      replace(out, h('p', { role: 'alert', class: 'error', text: err.message }));
    }
  };
  return card(t('live.networkCard'),
    h('p', { class: 'muted small', text: t('live.networkHelp', { total: int(total) }) }),
    net.element,
    validationRows > 0 && h('div', { class: 'actions start' },
      h('label', { class: 'field inline' }, h('span', { text: t('live.forwardRow') }), input),
      h('button', { type: 'button', id: 'live-forward', text: t('live.forward'), onclick: show })),
    out);
}
