/**
 * A value found once is personal data wherever it stands: "Иванов Сергей" found after "ФИО:"
 * and written again in a sentence the detectors did not judge, a СНИЛС repeated in a footer. Every
 * other occurrence of a replaced value in the same document (whole words, same characters) is
 * replaced too, so the copy does not keep what it took out elsewhere.
 *
 * One pass over the text: at each place a value can start (after a non-word character) the
 * text is looked up in a map of the values, once per distinct value length that ends on a word
 * boundary there, so a log with 100,000 findings is not searched 100,000 times.
 */
import type { Finding } from '../detectors/types.js';

/** Shorter values (a house number, "Ан") would match too much that is not them. */
const MIN_LENGTH = 4;

const WORD_CHAR = /[\p{L}\d]/u;

export function withRepeats(text: string, findings: readonly Finding[]): Finding[] {
  const byValue = new Map<string, Finding>();
  for (const f of findings) if (f.value.length >= MIN_LENGTH && !byValue.has(f.value)) byValue.set(f.value, f);
  if (byValue.size === 0) return [...findings];
  // Longest first: at one place the longest value wins.
  const lengths = [...new Set([...byValue.keys()].map((v) => v.length))].sort((a, b) => b - a);

  const found = [...findings].sort((a, b) => a.start - b.start);
  const extra: Finding[] = [];
  let next = 0; // first finding not ending before the current position
  let lastEnd = 0; // end of the last repeat added
  for (let at = 0; at <= text.length - MIN_LENGTH; at++) {
    if (at < lastEnd || (at > 0 && WORD_CHAR.test(text[at - 1]!))) continue;
    for (const length of lengths) {
      const end = at + length;
      if (end > text.length || WORD_CHAR.test(text[end] ?? '')) continue;
      const f = byValue.get(text.slice(at, end));
      if (!f) continue;
      while (next < found.length && found[next]!.end <= at) next++;
      // Overlapping a finding (the original place, or another value there): not a repeat.
      if (next < found.length && found[next]!.start < end) break;
      extra.push({ ...f, start: at, end, explanation: { ...f.explanation, note: 'the same value as a finding elsewhere in the file' } });
      lastEnd = end;
      break;
    }
  }
  return extra.length ? [...findings, ...extra].sort((a, b) => a.start - b.start) : [...findings];
}
