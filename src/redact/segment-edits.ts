/**
 * Edits on the document text → edits on segments, which writers map to their own source
 * (a DOCX run, a CSV cell, a PDF word box).
 *
 * An edit that spans several segments (a SNILS typed in two formatted runs, a name across two
 * OCR words) puts its whole substitute into the first piece and empties the others, so the
 * formatting of the first run carries the substitute and no character of the original is left.
 * Separators between segments (a tab between cells, the space between OCR words) are outside
 * every segment and stay as they are.
 */
import { segmentIndexAt } from '../document/locate.js';
import type { ScanDocument, Segment } from '../document/types.js';
import type { Edit } from './types.js';

export interface SegmentEdit {
  /** Index into `doc.segments`. */
  segment: number;
  /** Range inside the segment's text, relative to `segment.start`. */
  from: number;
  to: number;
  /** The substitute for this piece ('' for the second and later pieces of an edit). */
  text: string;
  /** The edit this piece belongs to. */
  edit: Edit;
  /** 0 for the first piece of the edit, 1… for the rest. */
  piece: number;
}

/** Every piece of every edit, in document order. Edits must be sorted and non-overlapping. */
export function splitEdits(doc: ScanDocument, edits: readonly Edit[]): SegmentEdit[] {
  const out: SegmentEdit[] = [];
  for (const edit of edits) {
    let piece = 0;
    for (let i = segmentIndexAt(doc.segments, edit.start); i < doc.segments.length; i++) {
      const seg = doc.segments[i]!;
      if (seg.start >= edit.end) break;
      const from = Math.max(edit.start, seg.start) - seg.start;
      const to = Math.min(edit.end, seg.end) - seg.start;
      if (to <= from) continue;
      out.push({ segment: i, from, to, text: piece === 0 ? edit.text : '', edit, piece });
      piece++;
    }
  }
  return out;
}

/** The pieces grouped by segment index, each group in document order. */
export function editsBySegment(doc: ScanDocument, edits: readonly Edit[]): Map<number, SegmentEdit[]> {
  const groups = new Map<number, SegmentEdit[]>();
  for (const e of splitEdits(doc, edits)) {
    const list = groups.get(e.segment);
    if (list) list.push(e);
    else groups.set(e.segment, [e]);
  }
  return groups;
}

/** `text` with the pieces (relative ranges, sorted, non-overlapping) replaced. */
export function applyPieces(text: string, pieces: readonly { from: number; to: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const p of pieces) {
    out += text.slice(at, p.from) + p.text;
    at = p.to;
  }
  return out + text.slice(at);
}

/** The text of a segment with its pieces applied. */
export function editedSegmentText(doc: ScanDocument, seg: Segment, pieces: readonly SegmentEdit[]): string {
  return applyPieces(doc.text.slice(seg.start, seg.end), pieces);
}
