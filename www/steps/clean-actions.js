// What the Clean step's cards share: adding a step to the recipe, with its error shown where
// the action was (kept across a language switch). The app keeps the focus on the control used.
import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';

const errors = {};   // where → the error of the last failed action started there
let errorsFile = null; // the loaded file those errors are about

/** Forgets the errors once other data is loaded. */
export function forData(file) {
  if (file === errorsFile) return;
  errorsFile = file;
  for (const k of Object.keys(errors)) delete errors[k];
}

/** The status area of the action at `where`. */
export function statusSlot(where) {
  const slot = h('div', { class: 'status', 'data-where': where });
  const err = errors[where];
  if (err) replace(slot, h('p', { role: 'alert', class: 'error', text: err.key ? t(err.key, err.params) : errorText(err) }));
  return slot;
}

/** Runs `action` (which adds recipe steps); an error stays at `where`, the recipe unchanged. */
export async function act(where, action) {
  try {
    await action();
    for (const k of Object.keys(errors)) delete errors[k]; // the recipe moved on
  } catch (err) {
    errors[where] = err;
  }
  for (const slot of document.querySelectorAll('.status[data-where]')) slot.replaceWith(statusSlot(slot.dataset.where));
}

/** An error made by the UI itself, from a message key. */
export const uiError = (key, params) => Object.assign(new Error(key), { key, params });
