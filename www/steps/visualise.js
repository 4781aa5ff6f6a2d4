// Step 3, Visualise: histogram, box plot, scatter plot and correlation heat map of the cleaned
// table, coloured by the class column. The class balance is in step 2.
import { h, card } from '../dom.js';
import { t } from '../i18n.js';
import { classSelect } from './columns.js';
import { histogramCard } from './histogram.js';
import { boxPlotCard } from './boxplot.js';
import { scatterCard } from './scatter-card.js';
import { correlationCard } from './correlation.js';

export function render(root, ctx) {
  if (!ctx.state.summary) {
    root.append(card(t('step.visualise'), h('p', { text: t('look.needData') })));
    return;
  }
  root.append(
    h('div', { class: 'fields step-controls' }, classSelect(ctx, () => ctx.rerender())),
    h('div', { class: 'columns' }, histogramCard(ctx), boxPlotCard(ctx)),
    scatterCard(ctx),
    correlationCard(ctx));
}
