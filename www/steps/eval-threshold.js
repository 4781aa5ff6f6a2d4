// The threshold bar: a keyboard-operable slider and a number input that move together, the four
// counts at the current threshold, and three helpers that pick a threshold (maximise F1,
// maximise Youden's J, reach a target recall). It asks nothing itself but the picks.
import { h, replace } from '../dom.js';
import { t, int, num, fixed, errorText } from '../i18n.js';

/** thresholdBar({ range: { min, max, step }, prefs, ask(op, args), onInput(x, from) }) → { element, pickers, show, update }:
 *  `element` is the bar (sticky on large screens), `pickers` the card of threshold helpers. */
export function thresholdBar({ range, prefs, ask, onInput }) {
  const bounds = { min: String(range.min), max: String(range.max), step: String(range.step) };
  const slider = h('input', { type: 'range', id: 'eval-threshold', ...bounds, value: String(prefs.threshold) });
  const shown = h('output', { for: 'eval-threshold', class: 'threshold-value', 'aria-hidden': 'true' });
  const exact = h('input', { type: 'number', id: 'eval-threshold-value', ...bounds, step: 'any', value: String(prefs.threshold) });
  const counts = h('p', { class: 'eval-live' }); // the slider's aria-valuetext says it too
  const status = h('p', { class: 'pick-status small', role: 'status' });

  const clamp = (x) => Math.min(range.max, Math.max(range.min, x));
  slider.addEventListener('input', () => onInput(Number(slider.value), 'slider'));
  exact.addEventListener('input', () => {
    const x = exact.valueAsNumber;
    if (Number.isFinite(x)) onInput(clamp(x), 'number');
  });
  exact.addEventListener('change', () => { if (!Number.isFinite(exact.valueAsNumber)) exact.value = String(prefs.threshold); });

  async function pick(rule) {
    let target = null;
    if (rule === 'recall') {
      target = targetInput.valueAsNumber;
      if (!(target > 0 && target <= 1)) { replace(status, h('span', { class: 'error-text', text: t('eval.targetRange') })); return; }
      prefs.target = target;
    }
    try {
      const picked = await ask('evalPick', { rule, target });
      if (!picked) { replace(status, t('eval.noPick')); return; }
      onInput(picked.threshold, 'pick');
      replace(status, t(`eval.picked.${rule}`, { threshold: num(picked.threshold), value: fixed(picked.value), target: fixed(target ?? 0, 2) }));
    } catch (err) {
      replace(status, h('span', { class: 'error-text', text: errorText(err) }));
    }
  }
  const targetInput = h('input', { type: 'number', id: 'eval-target', min: '0.01', max: '1', step: '0.01', value: String(prefs.target) });

  const element = h('section', { class: 'card threshold-bar', 'aria-labelledby': 'eval-threshold-title' },
    h('h2', { id: 'eval-threshold-title', class: 'visually-hidden', text: t('eval.thresholdTitle') }),
    h('div', { class: 'threshold-row' },
      h('label', { for: 'eval-threshold', class: 'threshold-label', text: t('eval.threshold') }),
      slider,
      shown,
      h('label', { class: 'field inline' }, h('span', { text: t('eval.thresholdValue') }), exact)),
    h('div', { class: 'threshold-row' }, counts, h('span', { class: 'muted small', text: t('eval.ruleShort') })));
  const pickers = h('section', { class: 'card pickers-card', 'aria-labelledby': 'eval-pickers-title' },
    h('div', { class: 'pickers' },
      h('h2', { id: 'eval-pickers-title', class: 'pickers-title', text: t('eval.pickers') }),
      h('button', { type: 'button', text: t('eval.pick.f1'), onclick: () => pick('f1') }),
      h('button', { type: 'button', text: t('eval.pick.youden'), onclick: () => pick('youden') }),
      h('span', { class: 'pick-recall' },
        h('label', { for: 'eval-target', class: 'small', text: t('eval.targetRecall') }), targetInput,
        h('button', { type: 'button', text: t('eval.pick.recall'), onclick: () => pick('recall') }))),
    status);

  /** Shows `x` in the controls that did not send it. */
  function show(x, from) {
    if (from !== 'slider') slider.value = String(x);
    if (from !== 'number') exact.value = String(x);
    shown.textContent = num(x);
    slider.setAttribute('aria-valuetext', num(x));
  }
  /** The four counts at the threshold, also read by screen readers on the slider. */
  function update(x, m) {
    const text = t('eval.live', { tp: int(m.tp), fp: int(m.fp), tn: int(m.tn), fn: int(m.fn) });
    counts.textContent = text;
    slider.setAttribute('aria-valuetext', `${num(x)} — ${text}`);
  }
  return { element, pickers, show, update };
}
