// A run served from the experiment journal (issue 10), shared by the steps that run a spec
// (Train, Validate): whether the spec already ran on this data, and the "already run on …"
// note with its "Run again anyway" button above the stored result.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';

/** The journal's entry of `spec` for `kind` when it already ran on this data (with the key the
 *  worker gives it), else null. */
export async function journaled(ctx, spec, kind) {
  await ctx.journal.ready;
  const { key } = await ctx.client.request('journalKey', { spec }).catch(() => ({}));
  const entry = key && ctx.journal.find(key, kind);
  return entry ? { ...entry, key } : null;
}

/** "Already run on {at}" (and `extra`, a line of what the stored result lacks) with the button
 *  `id` that runs the spec again. */
export function servedNote({ at, id, extra, onAgain }) {
  const when = new Date(at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return h('div', { class: 'served', role: 'status' },
    h('p', { text: t('journal.served', { at: when }) }),
    extra && h('p', { class: 'muted small', text: extra }),
    h('button', { type: 'button', id, text: t('journal.runAgain'), onclick: onAgain }));
}
