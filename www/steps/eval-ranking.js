// The course's ranked table: every scored row by decreasing score, with its rank, ID, true
// class, score and outcome (TP, FP, TN, FN) at the threshold. Virtualised: rows are fetched by
// window once; the outcome is recomputed from class and score when the threshold moves, so the
// slider fetches nothing here.
import { h } from '../dom.js';
import { t, int, raw } from '../i18n.js';
import { virtualTable } from '../ui/virtual-table.js';

const ROW_HEIGHT = 28; // px, as the CSS sets it

export function rankingCard(ctx, { ask, summary, names, prefs }) {
  let redraw = () => {};
  let above = 0; // rows predicted positive at the threshold
  const outcomeOf = (r) => (r.score >= prefs.threshold ? (r.positive ? 'TP' : 'FP') : (r.positive ? 'FN' : 'TN'));
  const idColumn = ctx.state.summary.idColumn;
  const scroller = virtualTable({
    label: t('eval.rankingLabel', { rows: int(summary.rows) }),
    indexLabel: t('eval.rank'),
    columns: [idColumn ?? t('eval.rowNumber'), t('eval.trueClass'), t('eval.scoreCol'), t('eval.outcome')],
    rowCount: summary.rows,
    // The threshold passed does not matter: the outcome shown is computed at draw time.
    fetchRows: (start, n) => ask('evalRanking', { threshold: prefs.threshold, start, n }).then((rows) => ({
      rows: rows.map((r) => [{ text: typeof r.id === 'number' ? raw(r.id) : String(r.id ?? '') }, { r, kind: 'class' }, { text: raw(r.score), title: String(r.score), class: 'num' }, { r, kind: 'outcome' }]),
      labels: rows.map((r) => String(r.rank)),
    })),
    format: (cell) => {
      if (cell.kind === 'class') return { text: cell.r.positive ? names.positive : names.negative };
      if (cell.kind === 'outcome') {
        const o = outcomeOf(cell.r);
        return { text: o, title: t(`eval.outcome.${o}`), class: `outcome ${o.toLowerCase()}` };
      }
      return cell;
    },
    rowClass: (row) => {
      const r = row[1].r;
      return r.score >= prefs.threshold ? 'predicted-pos' : 'predicted-neg';
    },
    redrawOn: (fn) => { redraw = fn; },
  });
  const element = h('section', { class: 'card' },
    h('h2', { text: t('eval.ranking') }),
    h('p', { class: 'muted small', text: t('eval.rankingHelp') }),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', text: t('eval.toThreshold'), onclick: () => { scroller.scrollTop = Math.max(0, (above - 4) * ROW_HEIGHT); } })),
    scroller);
  return {
    element,
    update(x, m) { above = m.tp + m.fp; redraw(); },
  };
}
