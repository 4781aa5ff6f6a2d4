// Hostile names and content (issue 11): column names, category values and a file name made to
// run script if they ever reached the page as HTML — `<img onerror>`, `<svg onload>`,
// `javascript:` links, `<script>`, a right-to-left override, a 10 KB name, emoji, a CSV formula —
// loaded through the page and walked from the first look to a trained model and the journal.
// No dialog opens, no element the names describe exists, and the names show as text. Under the
// page's Content-Security-Policy (no inline script or style): openApp fails on any console
// error, which is where the browser reports a refused script or style; the last test checks the
// policy itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from '../helpers/app.mjs';

const go = (page, name) => page.getByRole('navigation').getByRole('button', { name }).click();
const main = (page) => page.getByRole('main');

const IMG = '<img src=x onerror=alert(1)>';
const LINK = 'javascript:alert(2)';
const RTL = '\u202Egnp.exe';
const LONG = `long${'x'.repeat(10_000)}`;
const EMOJI = '😀 "guillemets" \\ émoji';
const SCRIPT = '<script>alert(4)</script>';
const VALUES = ['<b>gras</b>', 'javascript:alert(5)', "=cmd|' /C calc'!A0"];

/** A CSV field, quoted the RFC 4180 way. */
const field = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function hostileCsv(rows = 60) {
  const head = ['id', IMG, LINK, RTL, LONG, EMOJI, SCRIPT, 'cible'];
  const lines = [head.map(field).join(',')];
  for (let i = 0; i < rows; i++) {
    const y = i % 2;
    const x = (k) => ((i * 37 + k * 11) % 17) / 4 + y * 2;
    lines.push([i + 1, x(1), x(2), x(3), x(4), x(5), VALUES[i % 3], y].map((v) => field(String(v))).join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('hostile names and values stay text from the first look to a trained model and the journal', async (t) => {
  const { page } = await openApp(t);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.getByLabel(/Choisir un fichier/).setInputFiles({ name: '<svg onload=alert(3)>.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileCsv()) });
  await page.locator('.data-size', { hasText: '60 lignes × 8 colonnes' }).waitFor();
  assert.equal(await page.locator('.data-name').textContent(), '<svg onload=alert(3)>.csv');

  await go(page, /Premier regard/);
  const head = page.getByRole('region', { name: /^Tableau des données/ });
  await head.locator('tbody tr').first().locator('td').first().waitFor();
  const headers = await head.locator('thead th').allTextContents();
  for (const name of [IMG, LINK, RTL, EMOJI, SCRIPT]) assert.ok(headers.includes(name), `${name} is a header, as text`);
  assert.ok(headers.some((h) => h.startsWith('longxxx')), 'the 10 KB name too');
  await main(page).getByText('<b>gras</b>', { exact: true }).first().waitFor();

  await go(page, /Visualiser/);
  await main(page).locator('canvas[data-frame]').first().waitFor();
  await go(page, /Nettoyer/);
  await page.getByRole('group', { name: 'Colonnes à retirer' }).getByLabel(IMG, { exact: true }).waitFor();

  await go(page, /Entraîner/);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();
  await page.getByRole('list', { name: 'Journal des expériences' }).getByRole('listitem').first().waitFor();
  await go(page, /Évaluer/);
  await main(page).locator('canvas[data-frame]').first().waitFor();

  // Nothing the names describe was ever built, no script ran.
  const built = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    scripts: [...document.scripts].filter((s) => /alert/.test(s.textContent)).length,
    links: [...document.querySelectorAll('a[href]')].filter((a) => a.href.startsWith('javascript:')).length,
  }));
  assert.deepEqual(built, { img: 0, handlers: 0, scripts: 0, links: 0 });
  assert.deepEqual(dialogs, [], 'no alert ran');
});

test('the page is served under a strict Content-Security-Policy and draws its charts with no violation', async (t) => {
  const { b, page } = await openApp(t);
  const response = await page.request.get(b.url + '/');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
  assert.match(csp, /frame-ancestors \*/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.getByRole('button', { name: /^Charger Cancer du sein/ }).click();
  await page.locator('.data-size', { hasText: '569 lignes' }).waitFor();
  await go(page, /Visualiser/);
  await main(page).locator('canvas[data-frame]').first().waitFor();
  await go(page, /Entraîner/);
  await page.getByRole('button', { name: 'Entraîner', exact: true }).click();
  await main(page).getByRole('heading', { name: /^Résultats : Régression logistique/ }).waitFor();
  await main(page).locator('canvas[data-frame]').first().waitFor();
  assert.deepEqual(await page.evaluate(() => window.violations), []);
});
