// Replaces a box's content with the answer to a request, keeping the old content until it
// arrives (no flicker while a slider moves); a newer request wins over an older one.
import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';

export function swapper(box) {
  let latest = 0;
  return (promise, build) => {
    const mine = ++latest;
    if (!box.firstChild) replace(box, h('p', { class: 'muted', text: t('look.loading') }));
    box.setAttribute('aria-busy', 'true');
    promise.then(
      (value) => { if (mine === latest) { replace(box, build(value)); box.removeAttribute('aria-busy'); } },
      (err) => {
        if (mine !== latest) return;
        replace(box, h('p', { role: 'alert', class: 'error', text: errorText(err) }));
        box.removeAttribute('aria-busy');
      },
    );
  };
}
