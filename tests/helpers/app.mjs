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
 *  `change`), then waits until the field shows it. */
export async function setNumber(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Tab');
  await page.waitForFunction(([l, v]) => [...document.querySelectorAll('label')].some((x) => x.textContent.startsWith(l) && x.querySelector('input')?.value === v), [label, String(value)]);
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
