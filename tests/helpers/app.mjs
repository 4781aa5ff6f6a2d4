// Opening Atelier for an end-to-end test: a fresh browser (empty storage), the page shown with
// its first data, and, once the test ends, the checks every test makes: no console error and no
// request off the page's origin.
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';

/** `options` go to launch() (e.g. `{ colorScheme: 'dark' }`). */
export async function openApp(t, options) {
  const b = await launch(options);
  t.after(() => b.close());
  const page = await b.newPage();
  await page.goto(b.url + '/');
  await page.locator('.data-size').getByText(/×/).waitFor();
  t.after(() => {
    assert.deepEqual(page.consoleErrors, [], 'no console error');
    assert.deepEqual(page.offOrigin, [], 'no request off origin');
  });
  return { b, page };
}

/** Types `value` into the number field labelled `label` and commits it (the page reads on
 *  `change`). A commit redraws the step, so the proof is a new field showing the value; a redraw
 *  that came between typing and Tab (the field replaced, the value lost) means typing again. */
export async function setNumber(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  const v = String(value);
  if ((await input.inputValue()) === v) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.evaluate((el) => { el.dataset.typed = ''; });
    await input.fill(v);
    await input.press('Tab');
    const committed = await page.waitForFunction(([l, v]) => [...document.querySelectorAll('label')].some((x) =>
      x.textContent.startsWith(l) && x.querySelector('input:not([data-typed])')?.value === v), [label, v], { timeout: 10_000 })
      .then(() => true, () => false);
    if (committed) return;
  }
  throw new Error(`${label} = ${v} was never committed`);
}

/** Runs `step` (an action or a wait on `page`); if it fails, the error says what the page's main
 *  region showed then: a failure seen once in many runs can be read afterwards. */
export async function explained(page, step) {
  try {
    return await step();
  } catch (err) {
    const shown = await page.getByRole('main').innerText({ timeout: 2_000 }).catch(() => '(no main region)');
    throw new Error(`${err.message}\nthe page showed:\n${shown.slice(0, 3_000)}`, { cause: err });
  }
}

/** Waits until the page's storage holds `want` under `key` (`field` of it, if given), and then
 *  for every write queued behind it: a read-only IndexedDB transaction runs after the writes
 *  begun before it. For a test about to reload, or to act once a load's last redraw is done. */
export function stored(page, key, want, field = null) {
  return page.evaluate(([key, want, field]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('atelier');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const until = performance.now() + 30_000;
      const get = (then) => {
        const r = db.transaction('state').objectStore('state').get(key);
        r.onsuccess = () => then(r.result);
        r.onerror = () => reject(r.error);
      };
      const poll = () => get((v) => {
        if ((field ? v?.[field] : v) === want) get(() => { db.close(); resolve(); });
        else if (performance.now() > until) { db.close(); reject(new Error(`storage: ${key} is not ${want}`)); }
        else requestAnimationFrame(poll);
      });
      poll();
    };
  }), [key, want, field]);
}

/** On sante, in the Clean step: drops the IMC column, then the row of ID 10 (age 120), each
 *  checked on the top bar's size. */
export async function dropImcAndAgedRow(page) {
  const size = (text) => page.locator('.data-size', { hasText: text }).waitFor();
  await page.getByRole('navigation').getByRole('button', { name: /Nettoyer/ }).click();
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel('IMC').check();
  await page.getByRole('button', { name: 'Retirer les colonnes cochées' }).click();
  await size('10 lignes × 5 colonnes');
  await page.getByRole('button', { name: 'Retirer la ligne ID 10' }).click();
  await size('9 lignes × 5 colonnes');
}
