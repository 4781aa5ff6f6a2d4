// The right-hand panel, on every step: the cleaning recipe so far (the journal sits below it:
// ui/journal-panel.js).
// Collapsible; the choice is remembered.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { recipeList } from './recipe-list.js';

const KEY = 'atelier.panel';

export function createRecipePanel({ recipe, onClean }) {
  const aside = document.getElementById('side');
  let open = true;
  try { open = localStorage.getItem(KEY) !== 'closed'; } catch { /* private mode */ }
  const toggle = h('button', { type: 'button', class: 'side-toggle', 'aria-controls': 'side-body' });
  const body = h('div', { id: 'side-body', class: 'side-body' });
  toggle.addEventListener('click', () => {
    open = !open;
    try { localStorage.setItem(KEY, open ? 'open' : 'closed'); } catch { /* not remembered */ }
    update(last);
  });
  aside.prepend(toggle, body);
  let last = {};

  function update({ idColumn } = {}) {
    last = { idColumn };
    const n = recipe.entries.length;
    aside.setAttribute('aria-label', t('recipe.panel'));
    aside.classList.toggle('closed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = `${t('recipe.title')} (${n})`;
    body.hidden = !open;
    if (open) {
      replace(body,
        recipeList(recipe, idColumn, t('recipe.title')),
        h('button', { type: 'button', class: 'link', text: t('recipe.edit'), onclick: onClean }));
    }
  }
  return { update };
}
