// Helpers for the e2e tests (node:test + playwright-core on Debian's Chromium).
//
//   import { launch } from '../helpers/browser.mjs';
//   const b = await launch();            // serves dist/ on a free port, starts Chromium
//   const page = await b.newPage();      // a playwright Page, plus two arrays:
//     page.consoleErrors  — strings: console messages of type "error" and uncaught page errors
//                           (a dedicated worker's console and uncaught errors show up here too)
//     page.offOrigin      — URLs of every request whose origin is not the server's
//                           (the page's workers' requests included)
//                           (data:, blob:, about: and file: URLs are not network requests: ignored)
//                           b.close() fails if any page of the browser made one (issue 11:
//                           zero requests leave the origin, in every e2e test)
//   await page.goto(b.url + '/');
//   ...
//   await b.close();                     // closes Chromium, the server, removes the profile
//
// launch({ root, mounts, onRequest, args, headless, colorScheme, profile, port }) — root defaults
// to dist/; mounts and onRequest as in scripts/serve.mjs; args: extra Chromium flags (e.g.
// '--js-flags=--expose-gc'); colorScheme: 'light' (the default) or 'dark', what
// prefers-color-scheme answers; profile: a profile folder to use and keep (a test that reopens
// the same storage), instead of a fresh temporary one; port: the server's (storage is per
// origin: the same port reopens it).
// Note: Chromium asks for /favicon.ico; without <link rel="icon" href="data:,"> (or a real icon)
// that 404 shows in consoleErrors as "Failed to load resource: … 404".
// Every launch uses a fresh temporary profile, so storage (IndexedDB, localStorage) starts empty.
// `b.context` is the playwright BrowserContext, `b.server` the { url, port, close } of the server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch({ root, mounts, onRequest, args = [], headless = true, colorScheme = 'light', profile: kept = null, port = 0 } = {}) {
  const server = await startServer({ root, mounts, onRequest, port });
  const profile = kept ?? await mkdtemp(join(tmpdir(), 'atelier-chromium-'));
  const removeProfile = () => (kept ? null : rm(profile, { recursive: true, force: true }));
  let context;
  try {
    // launchPersistentContext passes --user-data-dir=profile itself; headless adds --headless.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless,
      args: [...CHROMIUM_ARGS, ...args],
      viewport: { width: 1280, height: 900 },
      colorScheme,
    });
  } catch (e) {
    await server.close();
    await removeProfile();
    throw e;
  }
  const origin = new URL(server.url).origin;
  const pages = [];

  async function newPage() {
    const page = await context.newPage();
    pages.push(page);
    page.consoleErrors = [];
    page.offOrigin = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') page.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => page.consoleErrors.push(String(err?.stack ?? err)));
    page.on('request', (req) => {
      const url = req.url();
      if (/^(data|blob|about|file):/.test(url)) return;
      if (new URL(url).origin !== origin) page.offOrigin.push(url);
    });
    return page;
  }

  async function close() {
    await context.close().catch(() => {});
    await server.close();
    await removeProfile();
    const off = pages.flatMap((p) => p.offOrigin);
    if (off.length) throw new Error(`requests left the origin: ${off.join(', ')}`);
  }

  return { url: server.url, server, context, newPage, close, profile };
}
