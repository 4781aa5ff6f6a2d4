// A box that scrolls (a wide table, the numbers behind a chart) must be reachable from the
// keyboard, or its hidden part is out of reach without a mouse (WCAG 2.1.1): while its content
// overflows it is a named region in the tab order; otherwise it is a plain box, no extra stop.
const boxes = new WeakMap(); // box → its label
const watcher = new ResizeObserver((entries) => { for (const e of entries) mark(e.target); });

/** Puts `box` in the tab order, as a region named by its label, while it scrolls. */
function mark(box) {
  const label = boxes.get(box);
  const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
  if (scrolls && label) {
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', label);
  } else {
    for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
  }
}

/** Watches `box` so that it is keyboard-scrollable, a region named `label`, whenever it
 *  overflows (its size changes when it is shown, laid out, or its content grows); returns `box`. */
export function scrollRegion(box, label) {
  boxes.set(box, label);
  watcher.observe(box);
  return box;
}
