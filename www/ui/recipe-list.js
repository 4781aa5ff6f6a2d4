// The recipe as an ordered list: each step in words with its pandas line.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { stepText } from './recipe-text.js';

export function recipeList(recipe, idColumn, label) {
  if (!recipe.entries.length) return h('p', { class: 'muted', text: t('recipe.empty') });
  return h('ol', { class: 'recipe', 'aria-label': label },
    recipe.entries.map((entry, i) => h('li', {},
      h('span', { text: stepText(entry, idColumn) }),
      h('code', { text: recipe.pandas[i] ?? '' }))));
}
