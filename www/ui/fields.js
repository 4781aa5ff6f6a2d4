// Labelled controls with a one-line reason under each (the course's "why", also read to screen
// readers through aria-describedby). Values are committed on `change`, not at each keystroke,
// so a redraw never interrupts typing. A number the control refuses is not committed: its
// error stays beside it (across redraws) until a valid value replaces it.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const refused = new Map(); // control id → { text, key, params } of its last refused value

function block(id, label, control, reason) {
  const error = refused.get(id);
  if (reason) control.setAttribute('aria-describedby', `${id}-why`);
  return h('div', { class: 'control' },
    h('label', { class: 'field' }, h('span', { text: label }), control),
    reason && h('p', { id: `${id}-why`, class: 'reason', text: reason }),
    error && h('p', { role: 'alert', class: 'field-error', text: t(error.key, { value: error.text, ...error.params }) }));
}

/** A labelled <select>; `choices` is [[value, text], …]. */
export function selectField({ id, label, value, choices, reason, onchange, disabled }) {
  const control = h('select', { id, disabled, onchange: (e) => onchange(e.target.value) },
    choices.map(([v, text]) => h('option', { value: v, selected: v === value, text })));
  return block(id, label, control, reason);
}

/** A labelled checkbox, its reason below. */
export function checkField({ id, label, checked, reason, onchange }) {
  const input = h('input', { type: 'checkbox', id, checked, onchange: (e) => onchange(e.target.checked) });
  if (reason) input.setAttribute('aria-describedby', `${id}-why`);
  return h('div', { class: 'control' },
    h('label', { class: 'check' }, input, h('span', { text: label })),
    reason && h('p', { id: `${id}-why`, class: 'reason', text: reason }));
}

/**
 * A labelled number input. `min`/`max` bound it (`exclusive`: the bounds themselves are refused),
 * `integer` refuses fractions, `optional` lets it be empty (→ null). `scale` shows value × scale
 * (a fraction as a percentage). `onchange(value)` gets the committed value, in the spec's unit.
 */
export function numberField({ id, label, value, min, max, exclusive, integer, optional, scale = 1, step, reason, placeholder, onchange }) {
  const shown = value == null ? '' : String(Math.round(value * scale * 1e9) / 1e9);
  const input = h('input', {
    type: 'number', id, value: shown, step: step ?? (integer ? '1' : 'any'), placeholder,
    min: min == null ? null : String(min), max: max == null ? null : String(max),
    onchange: (e) => {
      const text = e.target.value.trim();
      const fail = (key, params) => { refused.set(id, { text, key, params }); onchange(value); };
      if (text === '') {
        if (optional) { refused.delete(id); onchange(null); return; }
        fail('field.empty');
        return;
      }
      const x = Number(text);
      const below = min != null && (exclusive ? x <= min : x < min);
      const above = max != null && (exclusive ? x >= max : x > max);
      if (!Number.isFinite(x)) return fail('field.notNumber');
      if (integer && !Number.isInteger(x)) return fail('field.notInteger');
      if (below || above) {
        const bounds = { min: String(min), max: String(max) };
        if (max == null) return fail(exclusive ? 'field.above' : 'field.atLeast', bounds);
        return fail(exclusive ? 'field.between' : 'field.from', bounds);
      }
      refused.delete(id);
      onchange(x / scale);
    },
  });
  return block(id, label, input, reason);
}

/**
 * A labelled text input holding a list of numbers, written "64, 32": `integer` refuses
 * fractions, each item is at least `min` and below `max` (a rate: 0 allowed, 1 refused),
 * `allowEmpty` lets the list be empty. `onchange(list)` gets the committed array.
 */
export function listField({ id, label, value, min, max, integer, allowEmpty, reason, placeholder, onchange }) {
  const input = h('input', {
    type: 'text', id, value: (value ?? []).join(', '), placeholder, inputmode: 'decimal', spellcheck: 'false',
    onchange: (e) => {
      const text = e.target.value.trim();
      const fail = (key, params) => { refused.set(id, { text, key, params }); onchange(value); };
      const items = text === '' ? [] : text.split(/[\s;,]+/).filter(Boolean).map(Number);
      if (!items.length && !allowEmpty) return fail('field.empty');
      for (const x of items) {
        if (!Number.isFinite(x)) return fail('field.notNumber');
        if (integer && !Number.isInteger(x)) return fail('field.notInteger');
        if ((min != null && x < min) || (max != null && x >= max)) {
          return fail(max == null ? 'field.atLeast' : 'field.fromBelow', { min: String(min), max: String(max) });
        }
      }
      refused.delete(id);
      onchange(items);
    },
  });
  return block(id, label, input, reason);
}
