// The journal's panel, below the recipe in the right-hand panel: the runs newest first (model,
// key parameters, main metrics), sortable, filtered by data set, each with a note, a star and a
// box to pick it; two or more picked runs open side by side (differing parameters highlighted)
// with a chart of a chosen metric across them; export and import of the journal file.
// Test-set uses (kind 'test') have no delete button: they stay, as issue 10 asks.
import { journalSummary, journalCompare, journalExport, journalImport, drawJournal, drawJournalRoc } from '../pkg/atelier.js';
import { hasWhole, wholeReady } from '../core.js';
import { h, replace } from '../dom.js';
import { t, lang, num, fixed, errorText } from '../i18n.js';
import { save } from './save.js';
import { chart } from './chart.js';
import { table } from './table.js';

const KEY = 'atelier.journalPanel';
const MAIN = ['accuracy', 'roc_auc'];
const SORTS = ['newest', 'oldest', 'accuracy', 'roc_auc'];

const when = (at) => new Date(at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
const metricName = (m) => t(`cv.metric.${m}`);

/** A parameter's value as the panel writes it: numbers rounded in the page's language
 *  (`C = 0,6245`, not all 17 digits), lists and objects as JSON. */
const valueText = (v) => (v == null ? '—' : typeof v === 'number' ? num(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** "C = 1, penalty = l2": the first few parameters of a summary. */
function paramsText(params) {
  return Object.entries(params).slice(0, 3).map(([k, v]) => `${k} = ${valueText(v)}`).join(', ');
}

export function createJournalPanel(journal, parent) {
  const section = h('section', { class: 'journal', id: 'journal' });
  parent.append(section);
  let open = true;
  try { open = localStorage.getItem(KEY) !== 'closed'; } catch { /* private mode */ }
  const view = { sort: 'newest', data: '', picked: new Set(), error: null, said: '' };
  const dialog = h('dialog', { class: 'journal-compare' });
  document.body.append(dialog);

  function summaries() {
    return journal.runs().map((e) => {
      let s = { model: '?', params: {}, metrics: {} };
      try { s = journalSummary(e); } catch { /* an entry the core cannot read: shown bare */ }
      return { e, s };
    });
  }

  function sorted(items) {
    const shown = items.filter(({ e }) => !view.data || e.data === view.data);
    if (view.sort === 'oldest') shown.reverse();
    else if (view.sort !== 'newest') shown.sort((a, b) => (b.s.metrics[view.sort] ?? -Infinity) - (a.s.metrics[view.sort] ?? -Infinity));
    return shown;
  }

  function row({ e, s }) {
    const metrics = MAIN.filter((m) => s.metrics[m] != null).map((m) => `${metricName(m)} ${fixed(s.metrics[m], 3)}`).join(' · ');
    const name = `${t(`journal.kind.${e.kind}`)} · ${t(`train.kind.${s.model}`)}`;
    const pick = h('input', {
      type: 'checkbox', checked: view.picked.has(e.id), 'aria-label': t('journal.pick', { name, at: when(e.at) }),
      onchange: (ev) => { if (ev.target.checked) view.picked.add(e.id); else view.picked.delete(e.id); update(); },
    });
    const star = h('button', {
      type: 'button', class: 'link journal-star', 'aria-pressed': String(Boolean(e.starred)), text: e.starred ? '★' : '☆',
      'aria-label': t('journal.star', { name }), onclick: () => journal.update(e.id, { starred: !e.starred }),
    });
    const note = h('input', {
      type: 'text', class: 'journal-note', value: e.note ?? '', 'aria-label': t('journal.note', { name }), placeholder: t('journal.notePlaceholder'),
      onchange: (ev) => journal.update(e.id, { note: ev.target.value }),
    });
    const remove = e.kind === 'test' ? h('span', { class: 'muted small', text: t('journal.testKept') })
      : h('button', { type: 'button', class: 'link', text: t('journal.delete'), 'aria-label': t('journal.deleteRun', { name }), onclick: () => journal.remove(e.id) });
    return h('li', { class: 'journal-run', 'data-key': e.key, 'data-kind': e.kind },
      h('div', { class: 'journal-head' }, pick, h('strong', { text: name }), star),
      h('div', { class: 'muted small', text: `${when(e.at)} · ${e.data}` }),
      paramsText(s.params) && h('div', { class: 'small', text: paramsText(s.params) }),
      metrics && h('div', { class: 'small journal-metrics', text: metrics }),
      note, remove);
  }

  function controls(items) {
    const names = [...new Set(items.map(({ e }) => e.data))];
    const filter = h('select', { id: 'journal-data', onchange: (ev) => { view.data = ev.target.value; update(); } },
      h('option', { value: '', text: t('journal.allData') }),
      names.map((n) => h('option', { value: n, text: n, selected: n === view.data })));
    const sort = h('select', { id: 'journal-sort', onchange: (ev) => { view.sort = ev.target.value; update(); } },
      SORTS.map((k) => h('option', { value: k, text: t(`journal.sort.${k}`), selected: k === view.sort })));
    return h('div', { class: 'journal-controls' },
      h('label', { for: 'journal-data', text: t('journal.filter') }), filter,
      h('label', { for: 'journal-sort', text: t('journal.sortBy') }), sort);
  }

  function fileTools() {
    const input = h('input', { type: 'file', id: 'journal-import', accept: '.json,application/json', onchange: (ev) => importFile(ev.target) });
    return h('div', { class: 'journal-files' },
      h('button', { type: 'button', text: t('journal.export'), onclick: exportFile }),
      h('label', { for: 'journal-import', text: t('journal.import') }), input);
  }

  function exportFile() {
    const text = journalExport(journal.runs().map(({ id, ...e }) => e));
    save(new Blob([text], { type: 'application/json' }), `atelier-journal-${new Date().toISOString().slice(0, 10)}.json`);
  }

  async function importFile(input) {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const { runs, added, merged } = journalImport(journal.runs().map(({ id, ...e }) => e), await file.text(), lang);
      view.error = null;
      view.said = t('journal.imported', { added, merged });
      await journal.replaceAll(runs);
    } catch (err) {
      view.error = errorText(err);
      view.said = '';
      update();
    }
    input.value = '';
  }

  /** The picked runs' validation ROC curves on one chart (null when fewer than one has a
   *  curve): each named by its number, model and the parameters that differ between runs. */
  function rocFigure(entries, c) {
    const differing = c.params.filter((p) => p.differs && p.name !== 'model.kind');
    const curves = entries.map((e, i) => {
      const roc = e.report?.validation?.roc;
      if (!roc) return null;
      const params = differing.map((p) => `${p.name.replace(/^model\./, '')} = ${valueText(p.values[i])}`).join(', ');
      return { name: `#${i + 1} ${t(`train.kind.${c.runs[i].model}`)}${params ? `, ${params}` : ''}`, fpr: roc.fpr, tpr: roc.tpr, auc: roc.auc };
    }).filter(Boolean);
    if (!curves.length) return null;
    const title = t('journal.rocTitle');
    return chart({
      key: 'journal-roc', title, height: 420, maxWidth: 560,
      draw: (canvas, look) => drawJournalRoc(canvas, {
        title, xTitle: t('eval.fprAxis'), yTitle: t('eval.tprAxis'), chanceLabel: t('eval.chance'),
        curves: curves.map(({ name, fpr, tpr }) => ({ name, fpr, tpr })), ...look,
      }),
      numbers: () => table({ caption: title, columns: [t('journal.run'), metricName('roc_auc')], rows: curves.map((r) => [r.name, { text: fixed(r.auc, 4), class: 'num' }]) }),
    });
  }

  function compareView() {
    const entries = journal.runs().filter((e) => view.picked.has(e.id)).reverse(); // oldest first
    const c = journalCompare(entries);
    const heads = c.runs.map((r, i) => h('th', { scope: 'col', text: `#${i + 1} ${t(`train.kind.${r.model}`)}` }));
    const params = c.params.map((p) => h('tr', { class: p.differs ? 'differs' : null },
      h('th', { scope: 'row', text: p.name }, p.differs ? h('span', { class: 'visually-hidden', text: ` (${t('journal.differs')})` }) : null),
      p.values.map((v) => h('td', { text: valueText(v) }))));
    const metrics = c.metrics.map((m) => h('tr', {},
      h('th', { scope: 'row', text: metricName(m.name) }),
      m.values.map((v, i) => h('td', { class: i === m.best ? 'best' : null, text: v == null ? '—' : fixed(v, 4) }))));
    let metric = c.metrics.find((m) => m.name === 'roc_auc')?.name ?? c.metrics[0]?.name;
    const names = c.runs.map((r, i) => `#${i + 1} ${r.model}`);
    const figure = metric && chart({
      title: t('journal.chartTitle'), height: 280,
      draw: (canvas, look) => drawJournal(canvas, {
        title: t('journal.chartTitle'), xTitle: t('journal.run'), yTitle: metricName(metric), runs: names,
        values: c.metrics.find((m) => m.name === metric).values, ...look,
      }),
    });
    const roc = rocFigure(entries, c);
    const pickMetric = metric && h('select', { id: 'journal-metric', onchange: (ev) => { metric = ev.target.value; figure.redraw(); } },
      c.metrics.map((m) => h('option', { value: m.name, text: metricName(m.name), selected: m.name === metric })));
    replace(dialog,
      h('h2', { id: 'journal-compare-title', text: t('journal.compareTitle', { n: entries.length }) }),
      h('table', { class: 'journal-table' },
        h('caption', { class: 'muted small', text: t('journal.compareHelp') }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('journal.setting') }), heads)),
        h('tbody', {}, params, metrics)),
      metric && h('p', {}, h('label', { for: 'journal-metric', text: t('journal.metric') }), ' ', pickMetric),
      figure?.element,
      roc?.element,
      h('form', { method: 'dialog' }, h('button', { type: 'submit', text: t('help.close') })));
    dialog.setAttribute('aria-labelledby', 'journal-compare-title');
    dialog.showModal();
    figure?.redraw();
    roc?.redraw();
  }

  function update() {
    // The journal's summaries, comparisons and files are the whole core's, which arrives
    // just after the first step shows (www/core.js).
    if (!hasWhole()) { replace(section, h('p', { class: 'muted small', text: t('app.loading') })); return; }
    const items = summaries();
    const toggle = h('button', {
      type: 'button', class: 'side-toggle', 'aria-expanded': String(open), 'aria-controls': 'journal-body',
      text: `${t('journal.title')} (${items.length})`,
      onclick: () => { open = !open; try { localStorage.setItem(KEY, open ? 'open' : 'closed'); } catch { /* not remembered */ } update(); },
    });
    const focused = section.contains(document.activeElement) ? document.activeElement.id : '';
    if (!open) { replace(section, toggle); return; }
    for (const id of view.picked) if (!journal.runs().some((e) => e.id === id)) view.picked.delete(id);
    const compare = h('button', { type: 'button', id: 'journal-compare', text: t('journal.compare', { n: view.picked.size }), disabled: view.picked.size < 2, onclick: compareView });
    replace(section, toggle, h('div', { id: 'journal-body', class: 'side-body journal-body' },
      !journal.persistent && h('p', { role: 'status', class: 'note small', text: t('journal.noPersist') }),
      h('p', { role: 'status', class: 'small', text: view.said }),
      view.error && h('p', { role: 'alert', class: 'error small', text: view.error }),
      items.length ? controls(items) : h('p', { class: 'muted small', text: t('journal.empty') }),
      h('ol', { class: 'journal-runs', 'aria-label': t('journal.title') }, sorted(items).map(row)),
      h('div', { class: 'actions start' }, compare),
      fileTools()));
    if (focused) document.getElementById(focused)?.focus();
  }

  journal.onChange(update);
  wholeReady.then(update);
  return { update };
}
