// A place in the page for an answer still on its way: "Computing…", then the answer or its error.
import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';

export function later(promise, build) {
  const box = h('div', { class: 'later', 'aria-busy': 'true' }, h('p', { class: 'muted', text: t('look.loading') }));
  promise.then(
    (value) => { replace(box, build(value)); box.removeAttribute('aria-busy'); },
    (err) => { replace(box, h('p', { role: 'alert', class: 'error', text: errorText(err) })); box.removeAttribute('aria-busy'); },
  );
  return box;
}
