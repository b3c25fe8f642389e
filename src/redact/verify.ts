/**
 * Leak check independent of the detectors: is any replaced original value still in the copy's
 * text? Numbers are compared by their digits (a SNILS re-typed without dashes still counts),
 * everything else case-insensitively with spaces normalised.
 */
import type { Edit } from './types.js';

/** Values shorter than this many digits (a masked tail, a house number) are not searched by digits. */
const MIN_DIGITS = 6;

export function leakedValues(copyText: string, edits: readonly Edit[]): Edit[] {
  const digits = copyText.replace(/\D+/g, ' ');
  const words = normalise(copyText);
  const substitutes = edits.map((e) => e.text);
  const leaked: Edit[] = [];
  const seen = new Set<string>();
  for (const e of edits) {
    const value = e.finding.value;
    if (seen.has(value)) continue;
    seen.add(value);
    // A substitute that happens to contain the value (keep, a generalised year) is not a leak.
    if (substitutes.some((s) => s.includes(value))) continue;
    const valueDigits = value.replace(/\D/g, '');
    if (valueDigits.length >= MIN_DIGITS && /^[\d\s()+\-./№N]+$/u.test(value)) {
      if (containsDigitRun(digits, valueDigits)) leaked.push(e);
    } else if (containsWord(words, normalise(value))) leaked.push(e);
  }
  return leaked;
}

/** `digits` holds runs of digits separated by spaces; the value may span runs (it had separators). */
function containsDigitRun(digits: string, value: string): boolean {
  return digits.replace(/ /g, '').includes(value) && spacedRegex(value).test(digits);
}

/** The value's digits with optional separators between them, bounded by non-digits. */
function spacedRegex(value: string): RegExp {
  return new RegExp(`(?:^|[^\\d])${[...value].join(' ?')}(?![\\d])`);
}

/** `needle` in `text` as whole words: "Нина" is not in "Анина". */
function containsWord(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? '') && !WORD_CHAR.test(text[at + needle.length] ?? '')) return true;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\d]/u;

function normalise(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}
