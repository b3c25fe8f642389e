import type { FoundCandidate } from '../../types.js';

/** Local part: letters, digits and _ % + - in dot-separated atoms (no leading, trailing or double dot). */
const LOCAL = '[\\p{L}\\d_%+\\-]+(?:\\.[\\p{L}\\d_%+\\-]+)*';
/** Domain: labels of letters, digits and inner hyphens; a letter TLD (or punycode). No trailing dot. */
const DOMAIN = '(?:[\\p{L}\\d](?:[\\p{L}\\d\\-]{0,61}[\\p{L}\\d])?\\.)+(?:\\p{L}{2,24}|xn--[a-z\\d\\-]{2,59})';
/** Sticky: tried only where an address can start. */
const ADDRESS = new RegExp(`${LOCAL}@${DOMAIN}(?![\\p{L}\\d\\-@])(?!\\.[\\p{L}\\d])`, 'uy');
const LOCAL_CHAR = /[\p{L}\d._%+\-]/u;

/**
 * Addresses found from their "@": a regex scanning the whole text for a Unicode local part is
 * slow on large files, while "@" is rare. The local part is extended back from each "@" to its
 * start, and the address regex is tried there once.
 */
export function findEmails(view: string): FoundCandidate[] {
  const found: FoundCandidate[] = [];
  let searchFrom = 0;
  for (let at = view.indexOf('@'); at >= 0; at = view.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > 0 && LOCAL_CHAR.test(view[start - 1]!)) start--;
    if (start === at || view[start - 1] === '@') continue;
    ADDRESS.lastIndex = start;
    const m = ADDRESS.exec(view);
    if (!m) continue;
    found.push({ start, end: start + m[0].length, score: 0.9, pattern: 'address' });
    searchFrom = start + m[0].length;
  }
  return found;
}
