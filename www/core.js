// The wasm core as the page sees it. It comes in two modules (scripts/build.sh): the page starts
// with the first-look module (steps 1 to 4: reading, exploring and cleaning, and their charts;
// a third of the size) and asks for the whole core once its first step shows. The views of
// steps 1 to 4 call the core through `pkg`, which becomes the whole core once it is here; the
// views of steps 5 to 11, the journal and the links import the whole core directly, and the
// page shows them only once `whole()` has resolved.
import initLook, * as look from './pkg/atelier_look.js';
import initWhole, * as wholeCore from './pkg/atelier.js';
import { coreModule, lookModule } from './assets.js';

/** The exports of the core module the views of steps 1 to 4 call (a live binding: the whole
 *  core replaces the first-look module). */
export let pkg = look;

/** The steps the first-look module serves. */
export const FIRST_LOOK_STEPS = ['data', 'first-look', 'visualise', 'clean'];

let arrived;
/** Resolves once the whole core is loaded (the journal panel redraws then). */
export const wholeReady = new Promise((resolve) => { arrived = resolve; });

let loading = null;

/** Loads the whole core, once; resolves when `pkg` is it. */
export function whole() {
  loading ??= coreModule()
    .then((module) => initWhole({ module_or_path: module }))
    .then(() => { pkg = wholeCore; arrived(); });
  return loading;
}

export const hasWhole = () => pkg === wholeCore;

/** Loads the first-look module (the whole core if it cannot be compiled). */
export async function start() {
  try {
    await initLook({ module_or_path: await lookModule() });
  } catch {
    await whole();
  }
}
