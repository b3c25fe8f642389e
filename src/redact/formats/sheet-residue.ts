/**
 * The last check of a spreadsheet copy before it is written: no value that was edited may still
 * stand anywhere in the package's markup. A workbook keeps copies of cell values in places the
 * extractor does not read (a pivot cache, a chart's cached series, a table's column names, a
 * threaded comment, a sheet name): the writer does not know them all, so instead of trusting
 * its own list it searches every XML part of the copy for each original value (as written, and
 * as a bare digit run for identifiers) and refuses to write the copy when one is left.
 *
 * A value that the copy's text still shows on purpose is not searched for: the same characters
 * elsewhere in the document that the scan saw and did not edit (a detector judged them not
 * personal there), or a substitute (`shuffle` moves a column's values to other rows). Short
 * values are not searched for either: four letters occur everywhere.
 */
import { decodeXML } from 'entities';
import type { ScanDocument } from '../../document/types.js';
import type { Edit } from '../types.js';

/** Shortest value (letters and digits only) searched for as written. */
const MIN_TEXT = 5;
/** Shortest digit run searched for as a bare number. */
const MIN_DIGITS = 6;

const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const digitsOf = (s: string): string => s.replace(/\D/g, '');

/**
 * Throws (naming the part, never the value) when a part of `parts` still holds the original
 * text of one of `edits` (sorted, non-overlapping ranges of `doc.text`).
 */
export function assertNoResidue(format: string, parts: Iterable<{ name: string; text: string }>, doc: ScanDocument, edits: readonly Edit[]): void {
  // The document's text as the copy should read: what stays in it is expected there.
  let expected = '';
  let at = 0;
  for (const e of edits) {
    expected += doc.text.slice(at, e.start) + ' ' + e.text + ' ';
    at = e.end;
  }
  expected += doc.text.slice(at);
  const expectedRuns = new Set(expected.match(/\d+/g) ?? []);

  const candidates = new ValueIndex();
  for (const edit of edits) {
    const original = doc.text.slice(edit.start, edit.end).trim();
    if (compact(original).length >= MIN_TEXT) candidates.add(original);
  }
  const stillShown = new Set(candidates.find(expected, false));
  const texts = new ValueIndex();
  const digitRuns = new Set<string>();
  for (const original of candidates.values()) {
    if (stillShown.has(original)) continue;
    texts.add(original);
    const digits = digitsOf(original);
    // A value made mostly of digits is also looked for as a bare number: an 11-digit СНИЛС
    // cached as a number, a phone's digits in a formula's result.
    if (digits.length >= MIN_DIGITS && digits.length * 2 >= compact(original).length && !expectedRuns.has(digits)) digitRuns.add(digits);
  }
  if (texts.size === 0 && digitRuns.size === 0) return;
  for (const part of parts) {
    const decoded = decodeXML(part.text);
    if (texts.find(decoded, true).length > 0) throw leak(format, part.name);
    if (digitRuns.size > 0) {
      for (const m of decoded.matchAll(/\d+/g)) if (digitRuns.has(m[0])) throw leak(format, part.name);
    }
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Values looked up by their first word: a text is searched in one pass, each of its words
 * checked against the values that start with it (thousands of values, megabytes of markup).
 * Case is ignored. A value is found where it starts at a word of the text.
 */
class ValueIndex {
  private readonly byFirstWord = new Map<string, Set<string>>();
  size = 0;

  add(value: string): void {
    const lower = value.toLowerCase();
    WORD.lastIndex = 0;
    const first = WORD.exec(lower);
    if (!first) return;
    let set = this.byFirstWord.get(first[0]);
    if (!set) this.byFirstWord.set(first[0], (set = new Set()));
    const before = set.size;
    // Stored from the first word on: what precedes it (a "+" of a phone) is matched loosely.
    set.add(lower.slice(first.index));
    if (set.size > before) this.size++;
  }

  *values(): Generator<string> {
    for (const set of this.byFirstWord.values()) yield* set;
  }

  /** The values found in `text` (the first one only when `firstOnly`). */
  find(text: string, firstOnly: boolean): string[] {
    const found: string[] = [];
    if (this.size === 0) return found;
    const lower = text.toLowerCase();
    for (const m of lower.matchAll(WORD)) {
      const set = this.byFirstWord.get(m[0]);
      if (!set) continue;
      for (const value of set) {
        if (!lower.startsWith(value, m.index)) continue;
        found.push(value);
        if (firstOnly) return found;
      }
    }
    return found;
  }
}

function leak(format: string, part: string): Error {
  return new Error(`${format} writer: an anonymised value is still present in ${part} (a copy the writer cannot map); the copy was not written`);
}
