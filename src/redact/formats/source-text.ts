/**
 * Shared by the writers of textual formats (txt, CSV, HTML): splice substitutes into the decoded
 * source text, then encode it back in the original's encoding.
 */
import { encodable, encodeLike } from '../../text/encode.js';
import type { WriteInput } from '../types.js';

/** A replacement of source characters [start, end) by `text`. */
export interface SourceSplice {
  start: number;
  end: number;
  text: string;
}

/** `source` with the splices (any order, non-overlapping) applied. */
export function spliceSource(source: string, splices: readonly SourceSplice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('overlapping source edits');
    out += source.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + source.slice(at);
}

/**
 * The copy's bytes in the original's encoding. A substitute the encoding cannot hold (a `№` in a
 * Latin code page) would turn into `?`; the notes say so instead of hiding it.
 */
export function encodeCopy(text: string, input: WriteInput, notes: string[]): Uint8Array {
  const encoding = input.doc.meta.encoding ?? 'utf-8';
  if (!encodable(text, encoding)) notes.push(`some substitutes have characters ${encoding} cannot hold; they were written as "?"`);
  return encodeLike(text, encoding, input.bytes);
}
