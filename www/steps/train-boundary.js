// The decision boundary of the model as it is now (step 7), for every kind: the predicted score
// as a coloured background on two chosen features (the others held at their training mean) or
// on the first two principal components, the threshold's contour, the training rows on top and
// the misclassified ones ringed. It follows a gradient-descent model while it learns (at most a
// few redraws a second). The worker holds the model; nothing here computes.
import { drawBoundary } from '../pkg/atelier.js';
import { h, card, replace } from '../dom.js';
import { t, int, num } from '../i18n.js';
import { chart } from '../ui/chart.js';
import { selectField } from '../ui/fields.js';

const RESOLUTION = 60;
const EVERY_MS = 300; // the live boundary's refresh: smooth, and the worker keeps learning

let choice = null; // the axes the student chose: { features: [i, j] } | 'components'
/** Features above which PC1 × PC2 is not offered: the PCA diagonalises a p × p covariance
 *  matrix, seconds at 1,000 features and minutes for a bag of 5,000 words. */
const PCA_MAX = 300;

function defaultAxes(features) {
  return features.length > 2 && features.length <= PCA_MAX ? 'components' : { features: [0, 1] };
}

function axisTitles(b, features) {
  if (b.axes === 'components') {
    const pct = (v) => num(Math.round(v * 1000) / 10);
    return [t('boundary.pc', { k: 1, pct: pct(b.explained[0]) }), t('boundary.pc', { k: 2, pct: pct(b.explained[1]) })];
  }
  return b.axes.features.map((i) => features[i]);
}

/** The boundary card. `features`: the prepared features' names; `positive`: the scored class.
 *  Returns `{ element, refresh(live) }`: `refresh(true)` during training is throttled. */
export function boundaryCard(ctx, { features, positive }) {
  const stale = choice === 'components' ? features.length > PCA_MAX : Math.max(...(choice?.features ?? [Infinity])) >= features.length;
  if (!choice || stale) choice = defaultAxes(features);
  if (features.length < 2) {
    return { element: card(t('boundary.title'), h('p', { class: 'muted', text: t('boundary.oneFeature') })), refresh() {} };
  }
  let data = null;
  const title = t('boundary.title');
  const c = chart({
    key: 'train-boundary',
    title,
    label: t('boundary.label'),
    height: (w) => Math.min(520, Math.round(w * 0.75)),
    maxWidth: 640,
    draw: (canvas, look) => {
      const [xTitle, yTitle] = axisTitles(data, features);
      return drawBoundary(canvas, {
        title, xTitle, yTitle,
        classNames: [positive, t('boundary.others')],
        scores: { nx: data.nx, ny: data.ny, xRange: data.x_range, yRange: data.y_range, values: data.scores },
        scoreRange: data.score_range, threshold: data.threshold,
        x: data.points_x, y: data.points_y, classes: data.positive.map((p) => (p ? 0 : 1)), misclassified: data.misclassified,
        misclassifiedLabel: t('boundary.misclassified'), thresholdLabel: t('boundary.threshold', { threshold: num(data.threshold) }),
        ...look,
      });
    },
  });
  const box = h('div', {}, h('p', { class: 'muted', text: t('look.loading') })); // the chart, once there is a boundary
  const note = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const gone = h('div');
  let last = 0;
  let asking = false;
  async function refresh(live = false) {
    if (!box.isConnected && data) return;
    if (live && (asking || Date.now() - last < EVERY_MS)) return;
    asking = true;
    last = Date.now();
    try {
      const b = await ctx.client.request('trainLook', { what: 'boundary', axes: choice, resolution: RESOLUTION });
      if (!b) { replace(gone, h('p', { class: 'note', text: t('boundary.gone') })); return; }
      replace(gone);
      const first = !data;
      data = b;
      if (first) replace(box, c.element);
      const wrong = b.misclassified.filter(Boolean).length;
      note.textContent = t('boundary.note', { wrong: int(wrong), shown: int(b.points_x.length), total: int(b.total_rows) });
      if (!first) c.redraw({ numbers: false });
    } catch (err) {
      replace(gone, h('p', { role: 'alert', class: 'error', text: err.message }));
    } finally {
      asking = false;
    }
  }
  const pairs = features.length <= PCA_MAX ? [['components', t('boundary.components')]] : [];
  for (let i = 0; i < features.length; i += 1) {
    for (let j = i + 1; j < features.length && pairs.length < 60; j += 1) pairs.push([`${i},${j}`, `${features[i]} × ${features[j]}`]);
  }
  const value = choice === 'components' ? 'components' : choice.features.join(',');
  const axesField = selectField({
    id: 'boundary-axes', label: t('boundary.axes'), value, choices: pairs, reason: t('boundary.axesWhy'),
    onchange: (v) => { choice = v === 'components' ? 'components' : { features: v.split(',').map(Number) }; refresh(); },
  });
  const element = card(title, h('p', { class: 'muted small', text: t('boundary.help') }), axesField, box, note, gone);
  refresh();
  return { element, refresh };
}
