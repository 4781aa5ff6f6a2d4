// A recipe step in words, in the UI language: "Retirer la colonne « IMC »".
import { t, raw } from '../i18n.js';

const value = (v) => (typeof v === 'number' ? raw(v) : t('quote', { v }));
const names = (list) => list.map((c) => t('quote', { v: c })).join(', ');

export function stepText(entry, idColumn) {
  const { step, ids } = entry;
  switch (step.op) {
    case 'drop_columns':
      return t(step.columns.length === 1 ? 'recipe.dropColumn' : 'recipe.dropColumns', { columns: names(step.columns) });
    case 'drop_rows': {
      const which = ids && idColumn ? t('flag.ids', { column: idColumn, ids: ids.map(value).join(', ') }) : t('recipe.index', { labels: step.rows.join(', ') });
      return t(step.rows.length === 1 ? 'recipe.dropRow' : 'recipe.dropRows', { rows: which });
    }
    case 'drop_where': {
      const c = step.condition;
      return t('recipe.dropWhere', { condition: `${c.column} ${c.op} ${typeof c.value === 'number' ? raw(c.value) : c.value}` });
    }
    case 'fill_missing': {
      const f = step.fill;
      const how = f.kind === 'constant' ? t('recipe.fill.constant', { value: value(f.value) }) : t(`recipe.fill.${f.kind}`);
      return t('recipe.fill', { column: step.column, how });
    }
    default:
      return step.op;
  }
}
