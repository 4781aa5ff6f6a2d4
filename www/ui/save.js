// Saving something the page made (a chart's PNG, the cleaned CSV) as a file the browser
// downloads: a temporary link to the blob, clicked, then released.
import { h } from '../dom.js';

/** Offers `blob` for download as `name`. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
