// Step 5, Project: PCA, t-SNE and UMAP of the chosen numeric columns (by default every numeric
// one but the identifier and the class), standardised or not, coloured by the class column.
import { h, card } from '../dom.js';
import { t } from '../i18n.js';
import { classSelect, numericColumns, featureColumns, checkbox } from './columns.js';
import { pcaCard } from './pca.js';
import { embeddingCard } from './embedding.js';

const prefs = { version: -1, columns: null, standardize: true };

export function render(root, ctx) {
  const { summary, version } = ctx.state;
  if (!summary) {
    root.append(card(t('step.project'), h('p', { text: t('look.needData') })));
    return;
  }
  const numeric = numericColumns(summary);
  if (prefs.version !== version || !prefs.columns) prefs.columns = featureColumns(ctx);
  prefs.columns = prefs.columns.filter((c) => numeric.includes(c));
  prefs.version = version;
  const chosen = { columns: [...prefs.columns], standardize: prefs.standardize };
  const toggle = (c, on) => {
    prefs.columns = on ? numeric.filter((x) => x === c || prefs.columns.includes(x)) : prefs.columns.filter((x) => x !== c);
    ctx.rerender();
  };
  root.append(
    card(t('project.input'),
      h('fieldset', { class: 'checks' }, h('legend', { text: t('project.columns') }),
        numeric.map((c, i) => checkbox({ label: c, id: `project-col-${i}`, checked: prefs.columns.includes(c), onchange: (on) => toggle(c, on) }))),
      h('div', { class: 'fields' },
        checkbox({ label: t('project.standardize'), id: 'project-standardize', checked: prefs.standardize, onchange: (on) => { prefs.standardize = on; ctx.rerender(); } }),
        classSelect(ctx, () => ctx.rerender())),
      h('p', { class: 'muted small', text: t('project.missingNote') })),
    pcaCard(ctx, chosen),
    embeddingCard(ctx, 'tsne', chosen),
    embeddingCard(ctx, 'umap', chosen));
}
