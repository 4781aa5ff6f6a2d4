// The page's frame: the rail of steps, the top bar (data set, help, language) and the help dialog.
// Built once; `update` refreshes its words and marks, so keyboard focus is never lost.
import { h, replace } from './dom.js';
import { t, lang, setLang, count } from './i18n.js';
import { STEPS } from './steps/index.js';

/** `tools`: more controls for the top bar, before the help (share.js's buttons). */
export function createShell({ onStep, tools = null }) {
  const railButtons = new Map();
  const list = h('ol', {}, STEPS.map((step, i) => {
    const button = h('button', { type: 'button', class: 'rail-step', onclick: () => onStep(step.id) },
      // The name is the visible text, number included (WCAG 2.5.3, label in name).
      h('span', { class: 'rail-num', text: String(i + 1) }),
      h('span', { class: 'rail-name' }));
    railButtons.set(step.id, button);
    return h('li', {}, button);
  }));
  const rail = document.getElementById('rail');
  rail.append(list);

  const dataName = h('span', { class: 'data-name' });
  const dataSize = h('span', { class: 'data-size' });
  const helpButton = h('button', { type: 'button', class: 'help-button', onclick: () => openHelp() });
  const langButtons = ['fr', 'en'].map((code) => h('button', {
    type: 'button', lang: code, title: code === 'fr' ? 'Français' : 'English',
    text: code.toUpperCase(), onclick: () => setLang(code),
  }));
  const langGroup = h('div', { class: 'lang', role: 'group' }, langButtons[0], h('span', { 'aria-hidden': 'true', text: '|' }), langButtons[1]);
  replace(document.getElementById('topbar'),
    h('span', { class: 'brand', text: 'Atelier' }),
    h('p', { class: 'data-summary', 'aria-live': 'polite' }, dataName, dataSize),
    tools, helpButton, langGroup);

  const dialog = document.getElementById('help');
  let current = STEPS[0].id;

  function openHelp() {
    const title = h('h2', { id: 'help-title', text: t('help.title', { step: t(`step.${current}`) }) });
    replace(dialog,
      title,
      ['what', 'look', 'pitfall'].map((part) => h('section', {},
        h('h3', { text: t(`help.${part}`) }),
        h('p', { text: t(`help.${current}.${part}`) }))),
      h('form', { method: 'dialog' }, h('button', { type: 'submit', text: t('help.close') })));
    dialog.setAttribute('aria-labelledby', 'help-title');
    dialog.showModal();
  }

  /** Marks `step` as current, names the data set, puts every word in the current language. */
  function update({ step, name, summary }) {
    current = step;
    rail.setAttribute('aria-label', t('rail.label'));
    for (const s of STEPS) {
      const button = railButtons.get(s.id);
      button.querySelector('.rail-name').textContent = t(`step.${s.id}`);
      if (s.id === step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    }
    dataName.textContent = name ?? t('top.none');
    dataSize.textContent = summary ? t('top.size', { rows: count(summary.rows, 'row'), cols: count(summary.columns, 'column') }) : '';
    helpButton.textContent = t('help.button');
    helpButton.title = t('help.title', { step: t(`step.${step}`) });
    langGroup.setAttribute('aria-label', t('lang.label'));
    for (const b of langButtons) b.setAttribute('aria-pressed', String(b.lang === lang));
    if (dialog.open) { dialog.close(); openHelp(); }
  }

  return { update };
}
