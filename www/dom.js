// Building DOM nodes from data, safely: text always goes in as text, never as HTML.

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'colSpan', 'open']);

/** h('button', { class: 'x', onclick: f, 'aria-label': '…' }, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends strings (as text nodes) and nodes, skipping null/false, flattening arrays. */
export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces every child of `node`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A card: one idea, with a heading. */
export function card(title, ...children) {
  return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

/** A labelled <select>; `choices` is [[value, text], …]. */
export function select({ label, value, choices, onchange, disabled, id }) {
  const sel = h('select', { id, disabled, onchange: (e) => onchange(e.target.value) },
    choices.map(([v, text]) => h('option', { value: v, selected: v === value, text })));
  return h('label', { class: 'field' }, h('span', { text: label }), sel);
}
