// Step 4, Clean: drop columns, drop rows, fill missing values. Each action appends a step to
// the recipe (shown with its pandas line, undoable); every summary then reads the cleaned table.
import { h, card } from '../dom.js';
import { t, count } from '../i18n.js';
import { recipeList } from '../ui/recipe-list.js';
import { save } from '../ui/save.js';
import { infoTable } from './summaries.js';
import { dropColumnsCard } from './clean-columns.js';
import { dropRowsCard } from './clean-rows.js';
import { fillCard } from './clean-fill.js';
import { act, statusSlot, forData } from './clean-actions.js';

function recipeCard(ctx) {
  const { recipe } = ctx;
  const { summary } = ctx.state;
  return card(t('recipe.title'),
    h('p', { text: t('clean.now', { rows: count(summary.rows, 'row'), cols: count(summary.columns, 'column') }) }),
    recipeList(recipe, summary.idColumn, t('recipe.steps')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'recipe-undo', text: t('recipe.undo'), disabled: !recipe.canUndo, onclick: () => act('recipe', () => recipe.undo()) }),
      h('button', { type: 'button', id: 'recipe-redo', text: t('recipe.redo'), disabled: !recipe.canRedo, onclick: () => act('recipe', () => recipe.redo()) }),
      h('button', { type: 'button', id: 'clean-download', text: t('clean.download'), onclick: () => act('recipe', () => downloadCleaned(ctx)) })),
    statusSlot('recipe'));
}

/** The table after the recipe, as the CSV the worker writes, named after the loaded file. */
async function downloadCleaned(ctx) {
  const text = await ctx.client.request('toCsv');
  const base = (ctx.state.file?.name ?? 'data').replace(/\.[^.]*$/, '');
  save(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${base}-${t('clean.cleanedSuffix')}.csv`);
}

export function render(root, ctx) {
  if (!ctx.state.summary) {
    root.append(card(t('step.clean'), h('p', { text: t('look.needData') })));
    return;
  }
  forData(ctx.state.file);
  root.append(
    h('div', { class: 'columns' },
      h('div', {}, recipeCard(ctx), dropColumnsCard(ctx), fillCard(ctx)),
      dropRowsCard(ctx)),
    card(t('look.info'), infoTable(ctx.state.summary)));
}
