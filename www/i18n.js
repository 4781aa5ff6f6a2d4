// The UI's words in French and English, and numbers formatted for the current language.
import { fr } from './lang/fr.js';
import { en } from './lang/en.js';

const DICTS = { fr, en };
const KEY = 'atelier.lang';
const listeners = new Set();

function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }
}

export let lang = DICTS[stored()] ? stored() : 'fr';

/** Switches language, remembers the choice (unless `remember` is false: an embedded frame's
 *  `?lang=`), tells every listener. */
export function setLang(next, { remember = true } = {}) {
  if (!DICTS[next] || next === lang) return;
  lang = next;
  if (remember) try { localStorage.setItem(KEY, next); } catch { /* private mode: not remembered */ }
  document.documentElement.lang = next;
  for (const fn of listeners) fn(next);
}

export function onLang(fn) { listeners.add(fn); }

/** `text` with each `{name}` replaced by `params[name]`. */
const fillIn = (text, params) => text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));

/** t('rows', { n: 3 }) → the text for the current language with {n} filled in. */
export function t(key, params = {}) {
  return fillIn(DICTS[lang][key] ?? DICTS.fr[key] ?? key, params);
}

/** `{ fr, en }`: the text of `key` in both languages, for an error that must read well after a
 *  language switch (as the core's errors do). */
export function inBoth(key, params = {}) {
  return { fr: fillIn(fr[key] ?? key, params), en: fillIn(en[key] ?? fr[key] ?? key, params) };
}

/** The text of a wasm error in the current language (it carries both). */
export function errorText(err) {
  if (!err) return '';
  return err[lang] ?? err.message ?? String(err);
}

const cache = new Map();
function formatter(options) {
  const key = lang + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(lang, options));
  return cache.get(key);
}

/** A statistic, rounded sensibly: 0,857 in French, 0.857 in English. */
export function num(x) {
  if (x == null || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) x = 0; // no "-0"
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e15 || a < 1e-4)) {
    return formatter({ notation: 'scientific', maximumSignificantDigits: 4 }).format(x);
  }
  const intDigits = a < 1 ? 1 : Math.floor(Math.log10(a)) + 1;
  return formatter({ maximumSignificantDigits: Math.min(21, Math.max(4, intDigits)) }).format(x);
}

/** A count: 100 000 in French, 100,000 in English. */
export function int(n) {
  return n == null ? '—' : formatter({ maximumFractionDigits: 0 }).format(n);
}

/** A raw cell value as read from the file (no grouping, full precision). */
export function raw(x) {
  const text = String(x); // shortest text that reads back to the same number
  return lang === 'fr' ? text.replace('.', ',') : text;
}

/** A count with its noun, singular or plural: count(1, 'row') → "1 ligne" / "1 row". */
export function count(n, noun) {
  const form = new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other';
  return `${int(n)} ${t(`noun.${noun}.${form}`)}`;
}

/** A share: 0.054 → 5,4 %; `digits` decimals at most (pct(0.72962, 2) → 72,96 %). */
export function pct(x, digits = 1) {
  if (x == null || Number.isNaN(x)) return '—';
  return formatter({ style: 'percent', maximumFractionDigits: digits }).format(x);
}

/** A size in bytes: 1 234 → 1,2 ko / 1.2 kB. */
export function bytes(n) {
  if (n == null) return '—';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i += 1; }
  return formatter({ style: 'unit', unit: units[i], unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(n);
}

/** A duration said roughly, as an estimate is: 1.23 → 1,2 s, 40 → 40 s, 200 → 3 min, 9000 → 2,5 h. */
export function duration(seconds) {
  const unit = (value, u) => formatter({ style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  if (seconds < 10) return unit(Math.max(0.1, Math.round(seconds * 10) / 10), 'second');
  if (seconds < 90) return unit(Math.round(seconds), 'second');
  if (seconds < 90 * 60) return unit(Math.round(seconds / 60), 'minute');
  return unit(Math.round(seconds / 360) / 10, 'hour');
}

/** A rate with a fixed number of decimals, for values read side by side: fixed(0.85) → 0,850. */
export function fixed(x, digits = 3) {
  if (x == null || Number.isNaN(x)) return '—';
  if (x === 0) x = 0; // no "-0"
  return formatter({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}
