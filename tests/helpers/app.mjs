// Opening Atelier for an end-to-end test: a fresh browser (empty storage), the page shown with
// its first data, and, once the test ends, the checks every test makes: no console error and no
// request off the page's origin.
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';

export async function openApp(t) {
  const b = await launch();
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
