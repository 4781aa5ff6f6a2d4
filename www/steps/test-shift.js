// What step 10 says when the test falls below the validation (`result.test.shift`, decided by
// the core: `dropped`, `shortcut`): what happened, in plain words, and what the refitted model
// leans on — each feature's weight (coefficients of a linear model, importances of a tree or a
// forest) beside its link with the label on the learning rows and on the test rows, the
// shortcut's row marked in words as well as in colour.
import { h, card } from '../dom.js';
import { t, pct, fixed } from '../i18n.js';
import { table } from '../ui/table.js';

/** "Validation 96 % · test 56 %" with the AUCs when both parts have them. */
function figures(shift) {
  const auc = shift.validation_auc != null && shift.test_auc != null
    ? t('shift.auc', { validation: fixed(shift.validation_auc), test: fixed(shift.test_auc) }) : '';
  return t('shift.figures', { validation: pct(shift.validation_accuracy), test: pct(shift.test_accuracy), auc });
}

/** The features' table: name, weight, AUC alone on each part; the shortcut's row marked. */
function featureTable(shift) {
  const rows = shift.features.map((f) => {
    const mark = f.name === shift.shortcut;
    const cell = (x) => (x == null ? { text: '—', class: 'num muted' } : { text: fixed(x), title: String(x), class: mark ? 'num shortcut' : 'num' });
    const name = mark ? { text: t('shift.shortcutName', { name: f.name }), class: 'shortcut' } : f.name;
    return [name, cell(f.weight), cell(f.learn_auc), cell(f.test_auc)];
  });
  const weight = shift.weight === 'importance' ? 'shift.col.importance' : 'shift.col.coefficient';
  return table({
    caption: t('shift.caption'),
    columns: [t('shift.col.feature'), t(weight), t('shift.col.learnAuc'), t('shift.col.testAuc')],
    rows,
    className: 'data shift-features',
  });
}

/** The card under the test's result; null when there is nothing to compare (no validation). */
export function shiftCard(result) {
  const shift = result.test.shift;
  if (!shift) return null;
  if (!shift.dropped) {
    return card(t('shift.heldTitle'), h('p', { text: figures(shift) }), h('p', { class: 'muted small', text: t('shift.held') }));
  }
  return h('section', { class: 'card shift', 'aria-labelledby': 'shift-title' },
    h('h2', { id: 'shift-title', text: t('shift.title') }),
    h('p', { class: 'lead', text: figures(shift) }),
    h('p', { text: t('shift.what') }),
    shift.shortcut ? h('p', { class: 'note warn', text: t('shift.shortcut', { name: shift.shortcut }) }) : h('p', { class: 'note warn', text: t('shift.noShortcut') }),
    shift.weight ? featureTable(shift) : h('p', { class: 'muted small', text: t('shift.noWeights') }),
    shift.weight && h('p', { class: 'muted small', text: t(shift.weight === 'importance' ? 'shift.readImportance' : 'shift.readCoefficient') }),
    h('p', { class: 'muted small', text: t('shift.cure') }));
}
