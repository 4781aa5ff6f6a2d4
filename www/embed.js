// `?embed=1&step=…&lang=…`: a minimal frame for course sites (no rail, no side panel, no share
// buttons; one step). A frame keeps its state in memory: a course page may hold several frames,
// and none of them should overwrite the student's own workshop (nor fail where storage is refused).
import { setLang } from './i18n.js';
import { useMemory } from './store.js';
import { stepById } from './steps/index.js';

/** The embed options of an address's query (`location.search`), or null when not embedded. */
export function embedOptions(search) {
  const query = new URLSearchParams(search);
  if (query.get('embed') !== '1') return null;
  const step = query.get('step');
  return { step: stepById(step) ? step : null, lang: query.get('lang') };
}

/** Puts the page in its frame mode: the body's `embed` class (style.css hides the rest), the
 *  asked language (not remembered), storage in memory. */
export function enterEmbed(options) {
  document.body.classList.add('embed');
  if (options.lang) setLang(options.lang, { remember: false });
  useMemory();
}
