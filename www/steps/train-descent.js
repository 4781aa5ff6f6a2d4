// Gradient descent you can see (step 7): the loss of logistic regression on one prepared
// feature, as a contour map over its weight w and bias b, and the path of each optimiser step
// from a chosen start. Three comparisons: the learning rate (too small, right, too large), the
// optimiser (plain, momentum, Adam) and the batch (every row, 16 rows, one row). The worker
// computes the surface and the paths; a path that leaves the window is marked, never a NaN.
import { drawDescent } from '../pkg/atelier.js';
import { h, card, replace } from '../dom.js';
import { t, num, fixed } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { selectField, numberField } from '../ui/fields.js';

/** Each comparison's paths: `[label key, path settings]`. */
export const COMPARISONS = {
  rate: [
    ['descent.small', { solver: 'sgd', learning_rate: 0.05 }],
    ['descent.right', { solver: 'sgd', learning_rate: 1 }],
    ['descent.large', { solver: 'sgd', learning_rate: 600 }],
  ],
  optimiser: [
    ['descent.plain', { solver: 'sgd', learning_rate: 0.3 }],
    ['descent.momentum', { solver: 'sgd', learning_rate: 0.3, momentum: 0.9 }],
    ['descent.adam', { solver: 'adam', learning_rate: 0.3 }],
  ],
  batch: [
    ['descent.full', { solver: 'sgd', learning_rate: 0.5 }],
    ['descent.mini', { solver: 'sgd', learning_rate: 0.5, batch_size: 16 }],
    ['descent.one', { solver: 'sgd', learning_rate: 0.5, batch_size: 1 }],
  ],
};

// The card's settings, kept across redraws of the step (UI state, not part of the spec).
const settings = { feature: null, comparison: 'rate', start: [-4, 3], steps: 60 };

function label(key, p) {
  const parts = [t(key), `η = ${num(p.learning_rate)}`];
  if (p.momentum) parts.push(`β = ${num(p.momentum)}`);
  if (p.batch_size) parts.push(t('descent.batchOf', { n: p.batch_size }));
  return parts.join(' · ');
}

/** The card; `features`: the prepared features' names (numeric ones first make sense). */
export function descentCard(ctx, features) {
  if (!features.includes(settings.feature)) settings.feature = features[0];
  let view = null;
  const paths = () => COMPARISONS[settings.comparison];
  const title = t('descent.chartTitle');
  const c = chart({
    key: 'train-descent',
    title,
    label: t('descent.label'),
    height: (w) => Math.min(520, Math.round(w * 0.75)),
    maxWidth: 640,
    draw: (canvas, look) => {
      const s = view.surface;
      return drawDescent(canvas, {
        title, xTitle: t('descent.w', { feature: settings.feature }), yTitle: t('descent.b'),
        loss: { nx: s.w.length, ny: s.b.length, xRange: [s.w[0], s.w[s.w.length - 1]], yRange: [s.b[0], s.b[s.b.length - 1]], values: s.loss },
        paths: view.paths.map((p, i) => ({ label: label(paths()[i][0], paths()[i][1]), points: p.points, diverged: p.diverged != null })),
        divergedLabel: t('descent.diverged'),
        minimum: s.minimum, minimumLabel: t('descent.minimum'),
        ...look,
      });
    },
  });
  const box = h('div');
  const out = h('div', { 'aria-live': 'polite' });
  async function draw() {
    const ask = {
      feature: settings.feature, C: 1, resolution: 60,
      paths: paths().map(([, p]) => ({ ...p, start: settings.start, steps: settings.steps, seed: 0 })),
    };
    try {
      view = await ctx.client.request('descent', { spec: ctx.fullSpec(), ask });
      if (!box.firstChild) replace(box, c.element); else c.redraw();
      replace(out, ...view.paths.map((p, i) => h('p', { class: 'small', text: t(p.diverged != null ? 'descent.pathDiverged' : 'descent.pathEnd', {
        name: label(...paths()[i]), step: p.diverged, loss: fixed(p.losses[p.losses.length - 1]), best: fixed(view.surface.minimum_loss),
      }) })));
    } catch (err) {
      replace(out, h('p', { role: 'alert', class: 'error', text: err.message }));
    }
  }
  const set = (key) => (v) => { settings[key] = v; draw(); };
  const element = card(t('descent.title'),
    h('p', { class: 'muted small', text: t('descent.help') }),
    h('div', { class: 'control-grid' },
      selectField({ id: 'descent-feature', label: t('descent.feature'), value: settings.feature, choices: features.map((f) => [f, f]), onchange: set('feature') }),
      selectField({
        id: 'descent-comparison', label: t('descent.comparison'), value: settings.comparison,
        choices: Object.keys(COMPARISONS).map((k) => [k, t(`descent.compare.${k}`)]), onchange: set('comparison'),
      }),
      numberField({ id: 'descent-w0', label: t('descent.startW'), value: settings.start[0], min: -50, max: 50, onchange: (v) => { settings.start = [v, settings.start[1]]; draw(); } }),
      numberField({ id: 'descent-b0', label: t('descent.startB'), value: settings.start[1], min: -50, max: 50, onchange: (v) => { settings.start = [settings.start[0], v]; draw(); } }),
      numberField({ id: 'descent-steps', label: t('descent.steps'), value: settings.steps, min: 1, max: 5000, integer: true, onchange: set('steps') })),
    box, out);
  draw();
  return element;
}
