// Accessibility checks for the e2e tests: axe-core (node_modules/axe-core) run in a Playwright
// page against WCAG 2.1 A and AA, its violations written so that a failed assertion says what
// to fix (rule, impact, the elements, axe's summary).
//
//   import { axeViolations, assertAccessible } from '../helpers/axe.mjs';
//   await assertAccessible(page, 'step 1, data loaded');   // throws, listing every violation
//   const found = await axeViolations(page);               // [] when the page passes
//
// The page runs under a CSP without inline scripts (index.html), so axe goes in as the text of
// axe.min.js evaluated through the DevTools protocol, which the page's CSP does not govern.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let source; // axe.min.js, read once per test process

/** Puts axe in `page` unless a previous call already did (a navigation clears it). */
async function inject(page) {
  if (await page.evaluate(() => typeof window.axe?.run === 'function')) return;
  source ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(source);
}

/** One violation as lines: rule, impact, help and its link, then each element with axe's
 *  summary of what fails there. */
function describe(v) {
  const nodes = v.nodes.map((n) => `    on ${n.target.join(' > ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
  return [`  ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...nodes].join('\n');
}

/** The WCAG 2.1 A/AA violations on `page` (the whole document, or `include`, a selector),
 *  each `{ id, impact, help, helpUrl, nodes: [{ target, failureSummary }] }`. */
export async function axeViolations(page, { include } = {}) {
  await inject(page);
  return page.evaluate(async ({ tags, include }) => {
    const result = await window.axe.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary ?? '' })),
    }));
  }, { tags: TAGS, include });
}

/** Fails, naming `where` and every violation, unless `page` has none. */
export async function assertAccessible(page, where, options) {
  const violations = await axeViolations(page, options);
  assert.equal(violations.length, 0,
    `${where}: ${violations.length} WCAG 2.1 A/AA violation(s)\n${violations.map(describe).join('\n')}`);
}
