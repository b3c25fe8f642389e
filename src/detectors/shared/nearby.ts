/**
 * Negative context (ru-pd-reference §1.2): when two readings compete for one value ("полис" vs
 * "карта", "паспорт" vs "водительское удостоверение"), the word nearest before the value decides.
 */

/** Offset of the last match of a global regex in `text`, or -1. */
export function lastMatchIndex(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index;
  return last;
}

/**
 * True when a word of `other` stands closer before `start` (within `distance` characters) than
 * any word of `own`: the value then belongs to the other reading. Both regexes need the g flag.
 */
export function otherWordCloser(view: string, start: number, own: RegExp, other: RegExp, distance = 60): boolean {
  const before = view.slice(Math.max(0, start - distance), start);
  return lastMatchIndex(other, before) > lastMatchIndex(own, before);
}
