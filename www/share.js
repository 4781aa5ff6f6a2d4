// Shareable links on the page: the top bar's "share" and "embed code" buttons, opening a
// `#spec=…` link, and the message above the step that says how it went. A link is restored
// through the page's own paths (load the data → set the recipe → set the spec → go to the
// step), so what a link restores is what a reload restores; the core checks the payload.
import { readLink, writeLink } from './pkg/atelier.js';
import { whole } from './core.js';
import { h, replace } from './dom.js';
import { t, lang, errorText } from './i18n.js';
import { HASH, MAX_CARRIED, encodeLink, decodeLink, codeOf, carried, carriedBytes } from './link.js';

/** The iframe snippet's size, as the README documents it. */
export const FRAME = { width: '100%', height: '720' };
export const SANDBOX = 'allow-scripts allow-same-origin allow-downloads';

/** `app`: { state, recipe, load, setSpec, goTo, builtinBytes, render, embed } from app.js. */
export function createShare(app) {
  const { state, recipe } = app;
  let message = null; // { alert, text: () => string } shown above the step
  let pending = null; // a link whose file the student must load first

  const say = (alert, text) => { message = { alert, text }; app.render(); };

  // ---- Writing a link ----

  const payload = (data) => writeLink(JSON.stringify({ step: state.step, spec: state.spec, recipe: recipe.entries, data }), lang);

  /** The page's link: the data carried when built in or small, else named with its size. */
  async function shareUrl() {
    await whole(); // the links are written by the whole core
    const file = state.file;
    let code;
    if (file.datasetId) code = await encodeLink(payload({ builtin: file.datasetId }));
    else {
      code = await encodeLink(payload(carried(file)));
      if (code.length * 0.75 > MAX_CARRIED) {
        const { rows, columns } = state.loaded ?? state.summary;
        code = await encodeLink(payload({ name: file.name, missing: true, rows, columns }));
      }
    }
    return `${location.origin}${location.pathname}${HASH}${code}`;
  }

  function embedCode(url) {
    const src = new URL(url);
    src.search = `?embed=1&step=${encodeURIComponent(state.step)}&lang=${lang}`;
    return `<iframe src="${src.href}" title="Atelier" width="${FRAME.width}" height="${FRAME.height}" style="border:0" sandbox="${SANDBOX}" loading="lazy"></iframe>`;
  }

  // ---- The top bar's buttons and what they show ----

  const dialog = h('dialog', { class: 'help share-dialog', 'aria-labelledby': 'share-title' });
  document.body.append(dialog);
  // Emptied once closed: the next link is written asynchronously, and until it is, the page
  // must hold no earlier link a screen reader or a test could read as the new one.
  dialog.addEventListener('close', () => replace(dialog));

  /** Shows the link (or the iframe code) selected in a labelled field, and copies it; the
   *  clipboard may be refused (an iframe, a permission): the field is there to copy by hand. */
  async function offer(kind) {
    let text;
    try {
      const url = await shareUrl();
      text = kind === 'link' ? url : embedCode(url);
    } catch (err) {
      say(true, () => t('share.failed', { message: errorText(err) }));
      return;
    }
    const field = kind === 'link'
      ? h('input', { id: 'share-text', readonly: true, value: text })
      : h('textarea', { id: 'share-text', readonly: true, rows: '5', value: text });
    const status = h('p', { role: 'status', class: 'note' });
    replace(dialog,
      h('h2', { id: 'share-title', text: t(`share.${kind}Title`) }),
      h('label', { for: 'share-text', text: t(`share.${kind}Label`) }), field, status,
      h('form', { method: 'dialog' }, h('button', { type: 'submit', text: t('help.close') })));
    dialog.showModal();
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = t('share.copied');
    } catch {
      status.textContent = t('share.copyByHand');
      field.select();
    }
  }

  const linkButton = h('button', { type: 'button', class: 'share-button', onclick: () => offer('link') });
  const embedButton = h('button', { type: 'button', class: 'share-button', onclick: () => offer('embed') });
  const tools = h('div', { class: 'share-tools', role: 'group' }, linkButton, embedButton);

  /** Words in the current language; nothing to share before data is loaded. */
  function update() {
    linkButton.textContent = t('share.link');
    embedButton.textContent = t('share.embed');
    tools.setAttribute('aria-label', t('share.tools'));
    for (const b of [linkButton, embedButton]) b.disabled = !state.file;
  }

  function banner() {
    if (!message) return null;
    return h('div', { class: `link-banner ${message.alert ? 'error' : 'note'}`, role: message.alert ? 'alert' : 'status' },
      h('p', { text: message.text() }),
      h('button', { type: 'button', text: t('link.dismiss'), onclick: () => { message = null; app.render(); } }));
  }

  // ---- Opening a link ----

  /** After the link's data is loaded: its recipe, its spec, its step (the embed's step first). */
  async function applyRest(link) {
    await recipe.restore({ entries: link.recipe });
    const dropped = recipe.entries.length !== link.recipe.length;
    await app.setSpec((spec) => Object.assign(spec, link.spec));
    await app.goTo(app.embed?.step ?? link.step);
    return dropped;
  }

  /** A file in the link, or a built-in data set, as the page's loader takes it. */
  async function linkFile(data) {
    if (data.builtin) return app.builtinBytes(data.builtin);
    return { name: data.name, bytes: carriedBytes(data), options: data.options ?? {} };
  }

  /** Opens the `#spec=…` of the address, if any, over what the page holds: nothing changes
   *  until its data is read, and an error keeps what the student had. */
  async function open() {
    const code = codeOf(location.hash);
    if (code == null) return;
    // In a frame the address is the course page's to keep; elsewhere a reload must not open
    // the link again over what the student did since (the page remembers it).
    if (!app.embed) history.replaceState(null, '', location.pathname + location.search);
    let link;
    try {
      await whole();
      link = readLink(await decodeLink(code), lang);
    } catch (err) {
      say(true, () => t('link.failed', { message: errorText(err) }));
      return;
    }
    pending = null;
    if (link.note) {
      pending = link;
      await app.goTo('data');
      say(false, () => errorText(link.note));
      return;
    }
    try {
      await app.load(await linkFile(link.data));
    } catch (err) {
      say(true, () => t('link.dataFailed', { message: errorText(err) }));
      return;
    }
    const dropped = await applyRest(link);
    say(dropped, () => t(dropped ? 'link.recipeDropped' : 'link.opened'));
  }

  /** A file loaded from the Data step: a link waiting for its file applies now (with a warning
   *  when the file is not the one it named). */
  async function loaded(file) {
    if (!pending) return;
    const link = pending;
    pending = null;
    const dropped = await applyRest(link);
    const expected = link.data.name;
    if (file.name !== expected) say(true, () => t('link.otherFile', { expected, name: file.name }));
    else say(dropped, () => t(dropped ? 'link.recipeDropped' : 'link.opened'));
  }

  window.addEventListener('hashchange', () => open());
  return { tools, update, banner, open, loaded };
}
