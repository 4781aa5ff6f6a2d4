// Presets that show the course's points at once, on built-in data: a large network with no
// regularisation overfits the moons (the curves part); the same network with dropout and early
// stopping (the gap closes); an imbalanced set where the loss keeps falling while the accuracy
// stays at the majority rate (cross-entropy rewards confidence; the decisions do not change).
// A preset loads its data set, sets the spec, and starts the training.
import { h, card } from '../dom.js';
import { t } from '../i18n.js';
import { defaultModel } from '../spec.js';

const MOONS_SPLIT = { test: 0.2, validation: 0.4, stratify: true, seed: 42 };
const BIG = { hidden_layer_sizes: [128, 128], activation: 'relu', solver: 'adam', learning_rate_init: 0.01, alpha: 0, batch_size: 32, max_iter: 300, seed: 0 };

export const PRESETS = {
  overfit: { data: 'moons', split: MOONS_SPLIT, model: { kind: 'mlp', ...BIG } },
  regularised: { data: 'moons', split: MOONS_SPLIT, model: { kind: 'mlp', ...BIG, dropout: [0.3, 0.3], early_stopping: true, n_iter_no_change: 20 } },
  imbalanced: { data: 'imbalanced', split: { test: 0.2, validation: 0.2, stratify: true, seed: 42 }, model: { kind: 'logistic_regression_gd', learning_rate: 0.05, max_iter: 150 } },
};

async function apply(ctx, id, start) {
  const preset = PRESETS[id];
  if (ctx.state.file?.datasetId !== preset.data) await ctx.load(await ctx.builtinBytes(preset.data));
  await ctx.setSpec((s) => {
    s.split = { ...preset.split };
    s.model = { ...defaultModel(preset.model.kind), ...preset.model };
  });
  start(ctx);
}

/** The presets card; `start(ctx)` starts the training. */
export function presetsCard(ctx, start) {
  return card(t('preset.title'),
    h('p', { class: 'muted small', text: t('preset.help') }),
    h('ul', { class: 'presets' }, Object.keys(PRESETS).map((id) => h('li', {},
      h('button', { type: 'button', id: `preset-${id}`, text: t(`preset.${id}`), onclick: () => apply(ctx, id, start) }),
      h('span', { class: 'muted small', text: ` ${t(`preset.${id}Why`)}` })))));
}
