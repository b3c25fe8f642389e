/**
 * Text offset → human location in the source file ("line 4, column 10", "row 3, column 2").
 *
 * Lines are 1-based, columns 0-based, counted in UTF-16 code units of the decoded source text.
 * Line breaks are `\n`, `\r\n` and a lone `\r` (as editors count them).
 */
import type { CsvSourceRef, HtmlSourceRef, ScanDocument, Segment, TextSourceRef } from './types.js';

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** Plain text and HTML: the line and column in the decoded source file. */
export type TextLocation = LineColumn;
export type HtmlLocation = LineColumn;

/** A CSV/TSV cell: where the character is in the file, and the cell's row and column. */
export interface CsvLocation extends LineColumn {
  /** 1-based record number. */
  row: number;
  /** 1-based field number. */
  col: number;
  /** The column's header when the file has a header row. */
  header?: string;
}

/** Structurally the report's `Location` (src/report/types.ts). */
/** Locations of formats without lines: a DOCX run, a spreadsheet cell, a PDF box, a paragraph. */
export interface DocxLocation {
  part: string;
  paragraph: number;
  run: number;
}
export interface CellLocation {
  sheet: string;
  cell: string;
  header?: string;
}
export interface PdfLocation {
  page: number;
  bbox: [number, number, number, number];
}
export interface ParagraphLocation {
  part: string;
  paragraph: number;
}

/** `entry`: the archive entry the location is inside, when the document came from an archive. */
export type SourceLocation = (LineColumn | CsvLocation | DocxLocation | CellLocation | PdfLocation | ParagraphLocation) & {
  entry?: string;
};

/** The segment containing `offset` (binary search; `segments` sorted and non-overlapping). */
export function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Offsets at which lines start; entry 0 is always 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The first segment starting at or after `offset`. */
function segmentAfter(segments: readonly Segment[], offset: number): Segment | undefined {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return segments[lo];
}

/** Line and column of `offset` given a line-start table (binary search). */
export function lineColumnAt(starts: readonly number[], offset: number): LineColumn {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

/** Offset of a 1-based line and 0-based column, or undefined when the line does not exist. */
export function offsetOfLineColumn(starts: readonly number[], line: number, column: number): number | undefined {
  const start = starts[line - 1];
  return start === undefined ? undefined : start + column;
}

const textLines = new WeakMap<ScanDocument, number[]>();
const sourceLines = new WeakMap<ScanDocument, { source: string; starts: number[] }>();

/** The (cached) line-start table of `doc.text`. */
export function textLineStarts(doc: ScanDocument): number[] {
  let starts = textLines.get(doc);
  if (!starts) {
    starts = lineStarts(doc.text);
    textLines.set(doc, starts);
  }
  return starts;
}

/** The (cached) line-start table of `doc.meta.sourceText`. */
function sourceLineStarts(doc: ScanDocument, source: string): number[] {
  const cached = sourceLines.get(doc);
  if (cached && cached.source === source) return cached.starts;
  const starts = lineStarts(source);
  sourceLines.set(doc, { source, starts });
  return starts;
}

/**
 * Where the character at `offset` of `doc.text` lives in the source file.
 *
 * An offset outside every segment (a separator: the tab between two CSV cells, the line break
 * after an HTML paragraph) is located at the start of the next segment, or at the last character
 * of the last one. Undefined only for segment kinds without lines (later binary formats) and for
 * CSV/HTML documents that lack `meta.sourceText`.
 */
export function locateOffset(doc: ScanDocument, offset: number): SourceLocation | undefined {
  let seg = segmentAt(doc.segments, offset);
  if (!seg) {
    if (doc.segments.every((s) => s.source.kind === 'text')) {
      return lineColumnAt(textLineStarts(doc), clamp(offset, doc.text.length));
    }
    seg = segmentAfter(doc.segments, offset);
    if (seg) offset = seg.start;
    else {
      seg = doc.segments[doc.segments.length - 1]!;
      offset = seg.end - 1;
    }
  }
  switch (seg.source.kind) {
    case 'text':
      return locateText(doc, seg, seg.source, offset);
    case 'csv':
      return locateCsv(doc, seg, seg.source, offset);
    case 'html':
      return locateHtml(doc, seg, seg.source, offset);
    case 'docx':
      return { part: seg.source.part, paragraph: seg.source.paragraph, run: seg.source.run };
    case 'cell':
      return { sheet: seg.source.sheet, cell: seg.source.cell, ...(seg.label !== undefined ? { header: seg.label } : {}) };
    case 'pdf':
    case 'ocr':
      return { page: seg.source.page, bbox: seg.source.bbox };
    case 'paragraph':
      return { part: seg.source.part, paragraph: seg.source.paragraph };
    default:
      return undefined;
  }
}

/**
 * Where a whole range lives: the location of its first character, except that a range over
 * several PDF or OCR words gets the union of their boxes (what a reader, or a redaction box, needs).
 */
export function locateRange(doc: ScanDocument, start: number, end: number): SourceLocation | undefined {
  const entry = segmentAt(doc.segments, start)?.entry;
  const located = locateRangeInEntry(doc, start, end);
  return located && entry !== undefined ? { ...located, entry } : located;
}

function locateRangeInEntry(doc: ScanDocument, start: number, end: number): SourceLocation | undefined {
  const first = locateOffset(doc, start);
  if (!first || !('bbox' in first)) return first;
  let [x0, y0, x1, y1] = first.bbox;
  let i = segmentIndexAt(doc.segments, start);
  for (; i < doc.segments.length && doc.segments[i]!.start < end; i++) {
    const src = doc.segments[i]!.source;
    if ((src.kind !== 'pdf' && src.kind !== 'ocr') || src.page !== first.page) continue;
    x0 = Math.min(x0, src.bbox[0]);
    y0 = Math.min(y0, src.bbox[1]);
    x1 = Math.max(x1, src.bbox[2]);
    y1 = Math.max(y1, src.bbox[3]);
  }
  return { page: first.page, bbox: [x0, y0, x1, y1] };
}

/** Index of the first segment that ends after `offset`. */
export function segmentIndexAt(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function locateText(doc: ScanDocument, seg: Segment, src: TextSourceRef, offset: number): TextLocation {
  const starts = textLineStarts(doc);
  const at = lineColumnAt(starts, offset);
  const segStart = lineColumnAt(starts, seg.start);
  if (at.line === segStart.line) return { line: src.line, column: src.column + (offset - seg.start) };
  return { line: src.line + (at.line - segStart.line), column: at.column };
}

function locateCsv(doc: ScanDocument, seg: Segment, src: CsvSourceRef, offset: number): CsvLocation | undefined {
  const source = doc.meta.sourceText;
  if (source === undefined) return undefined;
  const raw = csvRawOffset(source, src.rawRange, offset - seg.start);
  return {
    ...lineColumnAt(sourceLineStarts(doc, source), raw),
    row: src.row,
    col: src.col,
    ...(seg.label !== undefined ? { header: seg.label } : {}),
  };
}

/** Source offset of the `k`-th unquoted character of a CSV cell (quotes and `""` escapes skipped). */
export function csvRawOffset(source: string, [start, end]: readonly [number, number], k: number): number {
  if (source[start] !== '"') return Math.min(start + k, end);
  let i = start + 1;
  let seen = 0;
  let closed = false;
  while (i < end) {
    if (!closed && source[i] === '"') {
      if (source[i + 1] === '"' && i + 1 < end) {
        if (seen === k) return i;
        seen++;
        i += 2;
        continue;
      }
      closed = true;
      i++;
      continue;
    }
    if (seen === k) return i;
    seen++;
    i++;
  }
  return end;
}

function locateHtml(doc: ScanDocument, seg: Segment, src: HtmlSourceRef, offset: number): HtmlLocation | undefined {
  const source = doc.meta.sourceText;
  if (source === undefined) return undefined;
  const raw = src.decoded ? src.rawRange[0] : Math.min(src.rawRange[0] + (offset - seg.start), src.rawRange[1]);
  return lineColumnAt(sourceLineStarts(doc, source), raw);
}

function clamp(offset: number, max: number): number {
  return Math.max(0, Math.min(offset, max));
}
