// A run's warnings (leakage, small validation part, labels left out…), each in the page's
// language with the course's reason: the core writes both, the page picks one.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';

export function warningList(warnings) {
  if (!warnings?.length) return null;
  return h('div', { class: 'warnings' },
    h('h3', { text: t('run.warnings') }),
    h('ul', { class: 'flags', 'aria-label': t('run.warnings') },
      warnings.map((w) => h('li', { 'data-code': w.code, text: w[lang] ?? w.fr ?? w.en }))));
}
