// A step that is not built yet: says so plainly, and what it will do.
import { h, card } from '../dom.js';
import { t } from '../i18n.js';

export function soon(id) {
  return {
    render(root) {
      root.append(card(t('soon.title'),
        h('p', { text: t(`soon.${id}`) }),
        h('p', { class: 'muted', text: t('soon.meanwhile') })));
    },
  };
}
