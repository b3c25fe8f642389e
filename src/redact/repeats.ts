/**
 * A value found once is personal data wherever it stands: "Иванов Сергей" found after "ФИО:"
 * and written again in a sentence the detectors did not judge, a СНИЛС repeated in a footer. Every
 * other occurrence of a replaced value in the same document (whole words, same characters) is
 * replaced too, so the copy does not keep what it took out elsewhere.
 */
import type { Finding } from '../detectors/types.js';

/** Shorter values (a house number, "Ан") would match too much that is not them. */
const MIN_LENGTH = 4;

const WORD_CHAR = /[\p{L}\d]/u;

export function withRepeats(text: string, findings: readonly Finding[]): Finding[] {
  const taken = findings.map((f) => [f.start, f.end] as const).sort((a, b) => a[0] - b[0]);
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && s < end);
  const extra: Finding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const value = f.value;
    if (value.length < MIN_LENGTH || seen.has(value)) continue;
    seen.add(value);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      const end = at + value.length;
      if (WORD_CHAR.test(text[at - 1] ?? '') || WORD_CHAR.test(text[end] ?? '')) continue;
      if (overlaps(at, end)) continue;
      extra.push({ ...f, start: at, end, explanation: { ...f.explanation, note: 'the same value as a finding elsewhere in the file' } });
      taken.push([at, end]);
    }
  }
  return extra.length ? [...findings, ...extra].sort((a, b) => a.start - b.start) : [...findings];
}
