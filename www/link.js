// A shareable link's bytes: the payload's JSON text (written and checked by the core, see
// src/experiment/link.rs) deflated with the platform's CompressionStream and written in
// base64url after `#spec=`. No DOM here: Node 20 has the same streams, so it tests there too.

export const HASH = '#spec=';
/** A file travels in the link when the whole payload compresses to at most this many bytes. */
export const MAX_CARRIED = 100 * 1024;
/** A payload that inflates beyond this is not one of ours (a deflate bomb): damaged. */
const MAX_INFLATED = 64 * 1024 * 1024;

async function collect(stream, limit = Infinity) {
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) { await reader.cancel(); throw new Error('too large'); }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

const through = (bytes, transform, limit) => collect(new Blob([bytes]).stream().pipeThrough(transform), limit);

/** Bytes in base64 (`url`: the URL-safe alphabet, no padding). */
export function toBase64(bytes, url = false) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b64 = btoa(binary);
  return url ? b64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '') : b64;
}

/** base64 or base64url text → bytes; null when it is not that. */
export function fromBase64(text) {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
  try {
    const binary = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch { return null; }
}

/** The payload's JSON text → the code that follows `#spec=`. */
export async function encodeLink(text) {
  return toBase64(await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')), true);
}

/** The code after `#spec=` → the payload's JSON text; '' when it does not decode (the core then
 *  says the link is damaged). */
export async function decodeLink(code) {
  const bytes = fromBase64(code);
  if (!bytes?.length) return '';
  try {
    const raw = await through(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED);
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch { return ''; }
}

/** The code of a `#spec=…` hash, or null when the hash is something else. */
export function codeOf(hash) {
  return hash.startsWith(HASH) ? hash.slice(HASH.length) : null;
}

/** A loaded file as the link carries it: its text when it is UTF-8, else its bytes in base64. */
export function carried({ name, bytes, options }) {
  const extra = options && Object.keys(options).length ? { options } : {};
  try {
    // ignoreBOM: a byte-order mark stays in the text, so the bytes (and their fingerprint) come back the same.
    return { name, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), ...extra };
  } catch {
    return { name, base64: toBase64(bytes), ...extra };
  }
}

/** The bytes of a carried file. */
export function carriedBytes(data) {
  return data.text != null ? new TextEncoder().encode(data.text) : fromBase64(data.base64);
}
