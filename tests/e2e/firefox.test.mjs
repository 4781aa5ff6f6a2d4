// The page in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core:
// Playwright drives only its own patched Firefox builds): under the same Content-Security-Policy
// the first-look module, the worker, the whole core and the pool's workers load, a model trains
// and cross-validates, with no policy violation, no console error and no request off origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../scripts/serve.mjs';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Clicks the enabled button under `root` whose accessible name matches `name`, once there. */
const click = (page, root, name) => page.waitForFunction((root, source) => {
  const re = new RegExp(source);
  const button = [...document.querySelectorAll(`${root} button`)]
    .find((b) => !b.disabled && re.test(b.getAttribute('aria-label') ?? b.textContent.trim()));
  button?.click();
  return Boolean(button);
}, { timeout: 60_000 }, root, name.source);

/** Waits until an element matching `selector` has text matching `text`. */
const shown = (page, selector, text) => page.waitForFunction((selector, source) =>
  [...document.querySelectorAll(selector)].some((e) => new RegExp(source).test(e.textContent)), { timeout: 60_000 }, selector, text.source);

test('Firefox: the page loads under the CSP, reads, trains and cross-validates on the pool', async (t) => {
  const server = await startServer({});
  const profile = await mkdtemp(join(tmpdir(), 'atelier-firefox-'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile });
  t.after(async () => {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  const errors = [];
  const offOrigin = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (/^https?:/.test(r.url()) && new URL(r.url()).origin !== new URL(server.url).origin) offOrigin.push(r.url()); });

  const response = await page.goto(server.url + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await shown(page, '.data-size', /10 lignes × 6 colonnes/);

  await click(page, '', /^Charger Cancer du sein/);
  await shown(page, '.data-size', /569 lignes/);
  await click(page, 'nav', /Entraîner/);
  await click(page, 'main', /^Entraîner$/);
  await shown(page, 'main h2, main h3', /^Résultats : Régression logistique/);
  await click(page, 'nav', /Valider/);
  await click(page, 'main', /^Lancer la validation croisée$/);
  await shown(page, 'main h2, main h3', /^Résultats : Régression logistique, 5 plis$/);

  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation');
  assert.deepEqual(errors, [], 'no console error');
  assert.deepEqual(offOrigin, [], 'no request off origin');
});
