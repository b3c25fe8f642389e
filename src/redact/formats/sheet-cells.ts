/**
 * Edits → spreadsheet cells, for the XLSX and ODS writers.
 *
 * The sheet extractors give each non-empty cell one segment for its text and one more for each
 * extra piece (a `mailto:` target its text does not show, a note), all with the same source
 * `{kind: 'cell', sheet, cell}` (src/extractors/xlsx/sheet-document.ts). Document properties
 * are segments of the pseudo-sheet `(properties)`. A writer re-reads each edited cell from the
 * file, lists the pieces it expects in the extractor's order, and {@link matchPieces} checks
 * them against the document's segments: when they differ, the cell cannot be mapped exactly
 * and the writer refuses the copy rather than guess.
 */
import { PROPERTIES_SHEET, parseCellRef } from '../../extractors/xlsx/sheet-document.js';
import type { ScanDocument } from '../../document/types.js';
import { applyPieces, editsBySegment, type SegmentEdit } from '../segment-edits.js';
import type { Edit } from '../types.js';

export interface SegmentPlan {
  /** Index into `doc.segments`. */
  index: number;
  /** The segment's original text. */
  text: string;
  /** Its edit pieces (relative to the segment; empty when the segment is not edited). */
  pieces: SegmentEdit[];
}

export interface CellPlan {
  /** 1-based row and column of the A1 reference. */
  row: number;
  col: number;
  ref: string;
  /** Every segment of the cell, in document order. */
  segments: SegmentPlan[];
}

export interface SheetPlans {
  /** Sheet name → A1 reference → cells with at least one edited segment. */
  cells: Map<string, Map<string, CellPlan>>;
  /** Property name (`creator`, `title`…) → its segments, when edited. */
  properties: Map<string, SegmentPlan>;
}

/** The cells and properties that `edits` touch. */
export function planSheetEdits(doc: ScanDocument, edits: readonly Edit[]): SheetPlans {
  const pieces = editsBySegment(doc, edits);
  const touched = new Set<string>();
  for (const index of pieces.keys()) {
    const src = doc.segments[index]!.source;
    if (src.kind !== 'cell') throw new Error(`sheet writer: an edit on a segment of kind ${src.kind}`);
    touched.add(cellKey(src.sheet, src.cell));
  }
  const cells = new Map<string, Map<string, CellPlan>>();
  const properties = new Map<string, SegmentPlan>();
  doc.segments.forEach((seg, index) => {
    const src = seg.source;
    if (src.kind !== 'cell' || !touched.has(cellKey(src.sheet, src.cell))) return;
    const plan: SegmentPlan = { index, text: doc.text.slice(seg.start, seg.end), pieces: pieces.get(index) ?? [] };
    const at = parseCellRef(src.cell);
    if (src.sheet === PROPERTIES_SHEET && !at) {
      properties.set(src.cell, plan);
      return;
    }
    if (!at) throw new Error('sheet writer: a cell segment without an A1 reference');
    let sheet = cells.get(src.sheet);
    if (!sheet) cells.set(src.sheet, (sheet = new Map()));
    const ref = src.cell.replace(/\$/g, '').toUpperCase();
    let cell = sheet.get(ref);
    if (!cell) sheet.set(ref, (cell = { row: at.row, col: at.col, ref, segments: [] }));
    cell.segments.push(plan);
  });
  return { cells, properties };
}

const cellKey = (sheet: string, cell: string) => `${sheet}\u0000${cell}`;

export function isEdited(plan: SegmentPlan | undefined): plan is SegmentPlan {
  return plan !== undefined && plan.pieces.length > 0;
}

/** A segment's text with its edits applied. */
export function editedText(plan: SegmentPlan): string {
  return applyPieces(plan.text, plan.pieces);
}

/**
 * The segments of a cell matched to the pieces the writer read from the file, or undefined when
 * they differ. `expected` lists the cell's pieces in the extractor's order; empty ones are left
 * out (the extractor makes no segment for them).
 */
export function matchPieces<R extends string>(cell: CellPlan, expected: readonly [R, string | undefined][]): Map<R, SegmentPlan> | undefined {
  const present = expected.filter((e): e is [R, string] => e[1] !== undefined && e[1].length > 0);
  if (present.length !== cell.segments.length) return undefined;
  const out = new Map<R, SegmentPlan>();
  for (let i = 0; i < present.length; i++) {
    const [role, text] = present[i]!;
    const seg = cell.segments[i]!;
    if (seg.text !== text || out.has(role)) return undefined;
    out.set(role, seg);
  }
  return out;
}

/**
 * `text` (the part of a cell's text at `[at, at + text.length)`) with the pieces that overlap it
 * applied: how a hyperlink target shown inside the cell's text follows the text's edits. A
 * piece that only partly overlaps puts its whole substitute in.
 */
export function editSlice(text: string, at: number, pieces: readonly SegmentEdit[]): string {
  const end = at + text.length;
  const local = pieces
    .filter((p) => p.from < end && p.to > at)
    .map((p) => ({ from: Math.max(p.from, at) - at, to: Math.min(p.to, end) - at, text: p.text }));
  return applyPieces(text, local);
}

/** A1 reference and sheet position, for error messages that must not quote content. */
export function where(sheetIndex: number, ref: string): string {
  return `sheet ${sheetIndex + 1}, cell ${ref}`;
}

/**
 * Whether a formula spells an edited value in its constants: its letters and digits contain
 * those of an edited piece's original (`="+7 (916) "&"555-12-34"` holds 79165551234). Such a
 * formula cannot stay: it would compute the value again.
 */
export function formulaHoldsValue(formula: string, seg: SegmentPlan): boolean {
  const f = lettersAndDigits(formula);
  return seg.pieces.some((p) => {
    const original = lettersAndDigits(seg.text.slice(p.from, p.to));
    return original.length >= 3 && f.includes(original);
  });
}

const lettersAndDigits = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
