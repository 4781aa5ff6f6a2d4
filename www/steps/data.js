// Step 1, Data: the built-in data sets, a file by drag-and-drop, picker or paste, and the parse
// report. A failed read shows its error here and leaves the loaded data as it was.
import { h, card, replace } from '../dom.js';
import { t, lang, errorText } from '../i18n.js';
import { Cancelled } from '../client.js';
import { pkg } from '../core.js';
import { reportCard } from './data-report.js';

// What this step shows between renders (a language switch re-renders it).
let status = null;   // { kind: 'loading', name, fraction, cancelled } | { kind: 'error', err, where } | { kind: 'cancelled', where }
let pasted = '';
const slots = {};    // where → the element showing the status of an action started there

/** Reads `file` through the app; progress, cancel and errors are shown at `where`. A file the
 *  student picked comes as `{ name, blob }`: its size is checked before its bytes are read. */
export async function read(ctx, file, where) {
  const token = {};
  status = { kind: 'waiting', token, where, name: file.name, fraction: 0 };
  // Small files load at once: show the progress bar only if reading takes a moment.
  setTimeout(() => { if (status?.token === token) { status.kind = 'loading'; showStatus(ctx); } }, 150);
  try {
    if (file.blob) {
      pkg.checkFileSize(file.blob.size, lang);
      file = { name: file.name, bytes: new Uint8Array(await file.blob.arrayBuffer()), options: file.options };
      // Cancelled while the browser read the file, before the worker had it: nothing to stop.
      if (status?.token === token && status.cancelled) throw new Cancelled();
    }
    await ctx.load(file, (fraction) => {
      if (status?.token !== token) return;
      status.fraction = fraction;
      slots[where]?.querySelector('progress')?.setAttribute('value', String(fraction));
    });
    // The load drew the page with the new data already: only the status goes (a second full
    // draw would come after the storage writes, and wipe what the student began in the meantime).
    if (status?.token === token) status = null;
    showStatus(ctx);
  } catch (err) {
    if (status?.token !== token) return;
    status = err instanceof Cancelled ? { kind: 'cancelled', where } : { kind: 'error', err, where };
    // A failed change of a setting: redraw so the selects show what the data was read with.
    if (where === 'report') ctx.rerender(); else showStatus(ctx);
  }
}

/** The status area for the action started at `where`, filled from `status`. */
export function statusSlot(ctx, where) {
  slots[where] = h('div', { class: 'status' });
  showStatus(ctx);
  return slots[where];
}

function showStatus(ctx) {
  for (const [where, slot] of Object.entries(slots)) {
    if (!status || status.where !== where || status.kind === 'waiting') { replace(slot); continue; }
    if (status.kind === 'loading') {
      replace(slot, h('div', { class: 'progress' },
        h('span', { text: t('data.reading', { name: status.name }) }),
        h('progress', { max: '1', value: String(status.fraction), 'aria-label': t('data.progress') }),
        h('button', { type: 'button', text: t('data.cancel'), onclick: () => { status.cancelled = true; ctx.cancel(); } })));
    } else if (status.kind === 'cancelled') {
      replace(slot, h('p', { role: 'status', class: 'note', text: t('data.cancelled') }));
    } else {
      replace(slot, h('div', { role: 'alert', class: 'error' },
        h('p', { text: status.err.key ? t(status.err.key) : errorText(status.err) }),
        ctx.state.summary && h('p', { text: t('data.kept') })));
    }
  }
}

function builtinCard(ctx) {
  const current = ctx.state.file?.datasetId;
  return card(t('data.builtin'), h('div', { class: 'datasets' }, ctx.state.datasets.map((d) => {
    const title = d.title[lang] ?? d.title.fr;
    return h('article', { class: 'dataset', 'aria-current': d.id === current ? 'true' : null },
      h('h3', { text: title }),
      h('p', { text: d.about[lang] ?? d.about.fr }),
      h('p', { class: 'muted small', text: t('data.licence', { licence: d.licence }) }),
      d.id === current
        ? h('p', { class: 'badge', text: t('data.loaded') })
        : h('button', {
          type: 'button', text: t('data.load'), 'aria-label': t('data.loadName', { title }),
          onclick: async () => {
            try { await read(ctx, await ctx.builtinBytes(d.id), 'source'); } catch (err) {
              status = { kind: 'error', err, where: 'source' }; showStatus(ctx);
            }
          },
        }));
  })));
}

function sourcesCard(ctx) {
  const readFile = (f) => read(ctx, { name: f.name, blob: f, options: {} }, 'source');
  const input = h('input', {
    type: 'file', id: 'file-input', class: 'visually-hidden',
    accept: '.csv,.tsv,.txt,.json,.xlsx,text/csv,application/json',
    onchange: (e) => { const f = e.target.files[0]; e.target.value = ''; if (f) readFile(f); },
  });
  const zone = h('div', { class: 'drop' },
    h('p', { text: t('data.drop') }),
    input, h('label', { for: 'file-input', class: 'button', text: t('data.choose') }));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault(); zone.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) readFile(f);
  });

  const area = h('textarea', { id: 'paste', rows: '5', spellcheck: 'false', oninput: (e) => { pasted = e.target.value; } });
  area.value = pasted;
  const readPasted = () => {
    if (!pasted.trim()) { status = { kind: 'error', err: { key: 'data.pasteEmpty' }, where: 'source' }; showStatus(ctx); return; }
    read(ctx, { name: t('data.pasteName'), bytes: new TextEncoder().encode(pasted), options: {} }, 'source');
  };
  return card(t('data.yours'), zone,
    h('div', { class: 'paste' },
      h('label', { for: 'paste', text: t('data.paste') }), area,
      h('button', { type: 'button', text: t('data.pasteButton'), onclick: readPasted })),
    statusSlot(ctx, 'source'));
}

export function render(root, ctx) {
  for (const key of Object.keys(slots)) delete slots[key];
  root.append(h('div', { class: 'columns' }, sourcesCard(ctx), reportCard(ctx, { read, statusSlot })), builtinCard(ctx));
}
