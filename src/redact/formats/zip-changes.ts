/**
 * The edits of a packaged document (DOCX, ODT) as changes to its segments, sorted by where they
 * live: text in an XML part, or a word box in an embedded picture.
 */
import type { ScanDocument, Segment } from '../../document/types.js';
import { applyPieces, editsBySegment, type SegmentEdit } from '../segment-edits.js';
import type { Edit } from '../types.js';

export interface SegmentChange {
  segment: Segment;
  /** The segment's text as scanned. */
  original: string;
  /** The segment's text with its pieces applied. */
  edited: string;
  pieces: SegmentEdit[];
}

/** Every segment an edit touches, in document order. */
export function segmentChanges(doc: ScanDocument, edits: readonly Edit[]): SegmentChange[] {
  const out: SegmentChange[] = [];
  for (const [index, pieces] of [...editsBySegment(doc, edits)].sort(([a], [b]) => a - b)) {
    const segment = doc.segments[index]!;
    const original = doc.text.slice(segment.start, segment.end);
    out.push({ segment, original, edited: applyPieces(original, pieces), pieces });
  }
  return out;
}

/**
 * A part's text as read before and after the rewrite must agree with the plan: `before` with the
 * planned segment texts in place equals `after`. White space is compared loosely (an emptied run
 * or a re-encoded space may move a separator), characters exactly. Throws a value-free error.
 */
export function assertReadsBack(
  before: { text: string; segments: readonly Segment[] },
  planned: ReadonlyMap<number, string>,
  after: string,
  what: string,
): void {
  const pieces = [...planned].map(([i, text]) => ({ from: before.segments[i]!.start, to: before.segments[i]!.end, text }));
  const expected = applyPieces(before.text, pieces.sort((a, b) => a.from - b.from));
  const loose = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (loose(expected) !== loose(after)) throw new Error(`${what} does not read back as planned; the copy is not written`);
}
