/**
 * The compliance check every extractor passes (textlint's ast-tester, in spirit): segments are in
 * bounds, sorted and non-overlapping; the document survives a JSON round trip; and every segment's
 * text is what the source holds at the place the segment points to.
 *
 * The source comparison re-implements each format's rule independently of the extractor, so a
 * bug in an extractor's bookkeeping cannot hide behind the same bug here.
 */
import { isDeepStrictEqual } from 'node:util';
import { decodeHTML } from 'entities';
import { lineStarts, offsetOfLineColumn } from './locate.js';
import type { ScanDocument, Segment } from './types.js';

export class DocumentAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentAssertionError';
  }
}

/**
 * Throws a DocumentAssertionError describing the first violation found.
 *
 * @param sourceText the decoded source file. Defaults to `doc.meta.sourceText` and, for text
 *   segments, to `doc.text` (a plain-text document's text is its decoded source).
 */
export function assertDocument(doc: ScanDocument, sourceText?: string): void {
  if (typeof doc.text !== 'string') fail('document text is not a string');
  if (!Array.isArray(doc.segments)) fail('document segments is not an array');
  if (!doc.meta || typeof doc.meta.format !== 'string') fail('document meta.format is missing');

  let prevEnd = 0;
  doc.segments.forEach((seg, i) => {
    const where = `segment #${i} [${seg.start}, ${seg.end})`;
    if (!Number.isInteger(seg.start) || !Number.isInteger(seg.end)) fail(`${where}: offsets are not integers`);
    if (seg.start < 0 || seg.end > doc.text.length) fail(`${where}: out of bounds of text (length ${doc.text.length})`);
    if (seg.end <= seg.start) fail(`${where}: empty or inverted range`);
    if (seg.start < prevEnd) fail(`${where}: not sorted or overlaps the previous segment (ending at ${prevEnd})`);
    prevEnd = seg.end;
  });

  let roundTrip: unknown;
  try {
    roundTrip = JSON.parse(JSON.stringify(doc));
  } catch (e) {
    fail(`document is not JSON-serializable: ${(e as Error).message}`);
  }
  if (!isDeepStrictEqual(roundTrip, doc)) {
    fail('document does not survive a JSON round trip (undefined fields, class instances, NaN or non-plain values?)');
  }

  const source = sourceText ?? doc.meta.sourceText;
  let textStarts: number[] | undefined;
  const pdfPages = new Map<string, number>();
  /** Per entry and sheet: the last cell seen ([row, col]); cells come sheet by sheet, row by row. */
  const cellAt = new Map<string, [number, number]>();
  let lastSheet: string | undefined;
  doc.segments.forEach((seg, i) => {
    const actual = doc.text.slice(seg.start, seg.end);
    const where = `segment #${i} [${seg.start}, ${seg.end}) ${seg.source.kind}`;
    const src = seg.source;
    checkEntry(seg, where);
    // Inside an archive a text/CSV/HTML ref points into the entry's own source, which this check does not hold.
    if (seg.entry !== undefined && (src.kind === 'text' || src.kind === 'csv' || src.kind === 'html')) {
      checkLabel(seg, where);
      return;
    }
    switch (src.kind) {
      case 'text': {
        const full = sourceText ?? doc.text;
        textStarts ??= lineStarts(full);
        const at = offsetOfLineColumn(textStarts, src.line, src.column);
        if (at === undefined) fail(`${where}: line ${src.line} does not exist in the source`);
        const expected = full.slice(at, at + actual.length);
        if (expected !== actual) mismatch(where, `line ${src.line}, column ${src.column}`, expected, actual);
        break;
      }
      case 'csv': {
        if (src.row < 1 || src.col < 1) fail(`${where}: row/col are 1-based`);
        const raw = rawSlice(source, src.rawRange, where);
        if (raw === undefined) break;
        const expected = unquoteCsvCell(raw);
        if (expected !== actual) mismatch(where, `raw ${JSON.stringify(raw)}`, expected, actual);
        break;
      }
      case 'html': {
        const raw = rawSlice(source, src.rawRange, where);
        if (raw === undefined) break;
        const expected = src.decoded ? decodeHTML(raw) : raw;
        if (expected !== actual) mismatch(where, `raw ${JSON.stringify(raw)}${src.decoded ? ' (decoded)' : ''}`, expected, actual);
        if (src.decoded && expected === raw) fail(`${where}: flagged decoded but its source ${JSON.stringify(raw)} decodes to itself`);
        break;
      }
      case 'docx':
        // No source text to compare (a binary part): the ref must name a place that can exist.
        checkPart(src.part, where);
        if (!isCount(src.paragraph) || !isCount(src.run)) fail(`${where}: paragraph and run are 1-based integers`);
        if (!Number.isInteger(src.offset) || src.offset < 0) fail(`${where}: offset is not a non-negative integer`);
        break;
      case 'paragraph':
        checkPart(src.part, where);
        if (!isCount(src.paragraph)) fail(`${where}: paragraph is a 1-based integer`);
        break;
      case 'pdf': {
        // A word of a text layer: no source text to compare; page, box and word shape must hold.
        if (!isCount(src.page)) fail(`${where}: page is a 1-based integer`);
        if (seg.entry === undefined && doc.meta.pages !== undefined && src.page > doc.meta.pages) fail(`${where}: page ${src.page} is past the last page (${doc.meta.pages})`);
        const key = seg.entry ?? '';
        if (src.page < (pdfPages.get(key) ?? 1)) fail(`${where}: page ${src.page} comes after page ${pdfPages.get(key)}`);
        pdfPages.set(key, src.page);
        const b = src.bbox;
        if (!Array.isArray(b) || b.length !== 4 || !b.every(Number.isFinite)) fail(`${where}: bbox is not four finite numbers`);
        if (b[0] > b[2] || b[1] > b[3]) fail(`${where}: bbox [${b.join(', ')}] is inverted`);
        if (/\s/.test(actual)) fail(`${where}: a PDF segment is one word; separators stay outside it`);
        break;
      }
      case 'ocr': {
        // An OCR word: page in order, a box, a confidence in 0..1, one word.
        if (!isCount(src.page)) fail(`${where}: page is a 1-based integer`);
        const key = `ocr\u0000${seg.entry ?? ''}`;
        if (src.page < (pdfPages.get(key) ?? 1)) fail(`${where}: page ${src.page} comes after page ${pdfPages.get(key)}`);
        pdfPages.set(key, src.page);
        const b = src.bbox;
        if (!Array.isArray(b) || b.length !== 4 || !b.every(Number.isFinite)) fail(`${where}: bbox is not four finite numbers`);
        if (b[0] > b[2] || b[1] > b[3]) fail(`${where}: bbox [${b.join(', ')}] is inverted`);
        if (!(src.confidence >= 0 && src.confidence <= 1)) fail(`${where}: confidence is not in 0..1`);
        if (/\s/.test(actual)) fail(`${where}: an OCR segment is one word; separators stay outside it`);
        break;
      }
      case 'cell': {
        // A spreadsheet cell: no source text to compare; the ref must be a real cell, in order.
        if (typeof src.sheet !== 'string' || src.sheet === '') fail(`${where}: sheet is not a name`);
        if (typeof src.cell !== 'string' || src.cell === '') fail(`${where}: cell is not a reference`);
        const key = `${seg.entry ?? ''}\u0000${src.sheet}`;
        if (key !== lastSheet && cellAt.has(key)) fail(`${where}: the cells of sheet ${show(src.sheet)} are not contiguous`);
        lastSheet = key;
        const at = a1(src.cell);
        if (!at) {
          // Document properties: a pseudo-sheet whose cells are property names.
          if (src.sheet !== PROPERTIES_SHEET || !/^[A-Za-z][\w.-]*$/.test(src.cell)) fail(`${where}: cell ${show(src.cell)} is not an A1 reference`);
          cellAt.set(key, [0, 0]);
          break;
        }
        const prev = cellAt.get(key);
        if (prev && (at[0] < prev[0] || (at[0] === prev[0] && at[1] < prev[1]))) fail(`${where}: cell ${src.cell} comes after a later cell of its sheet`);
        cellAt.set(key, at);
        break;
      }
      default:
        // A kind added by a later format: its extractor's tests check it.
        break;
    }
    checkLabel(seg, where);
  });
}

/** The pseudo-sheet of spreadsheet document properties (`creator`, `lastModifiedBy`…). */
const PROPERTIES_SHEET = '(properties)';

/** [row, col] of an A1 reference within Excel's grid (XFD1048576), or undefined. */
function a1(ref: string): [number, number] | undefined {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return col <= 16_384 && row <= 1_048_576 ? [row, col] : undefined;
}

function checkEntry(seg: Segment, where: string): void {
  if (seg.entry !== undefined && (typeof seg.entry !== 'string' || seg.entry === '')) fail(`${where}: entry is not a path`);
}

function checkPart(part: unknown, where: string): void {
  if (typeof part !== 'string' || part === '') fail(`${where}: part is not a name`);
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

function checkLabel(seg: Segment, where: string): void {
  if (seg.label !== undefined && typeof seg.label !== 'string') fail(`${where}: label is not a string`);
}

function rawSlice(source: string | undefined, range: readonly [number, number], where: string): string | undefined {
  if (!Array.isArray(range) || range.length !== 2) fail(`${where}: rawRange is not a [start, end) pair`);
  const [a, b] = range;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a) fail(`${where}: invalid rawRange [${a}, ${b})`);
  if (source === undefined) return undefined;
  if (b > source.length) fail(`${where}: rawRange [${a}, ${b}) is out of bounds of the source (length ${source.length})`);
  return source.slice(a, b);
}

/**
 * A CSV cell's content: unquoted cells are literal; a quoted cell loses its surrounding quotes and
 * `""` becomes `"`. Characters after the closing quote (malformed input) are kept literally.
 */
export function unquoteCsvCell(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  let out = '';
  let i = 1;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '"') {
      if (raw[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      return out + raw.slice(i + 1);
    }
    out += c;
    i++;
  }
  return out; // unterminated quote: runs to the end of the file
}

function mismatch(where: string, at: string, expected: string, actual: string): never {
  fail(`${where}: text ${show(actual)} differs from the source at ${at}: ${show(expected)}`);
}

function show(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

function fail(message: string): never {
  throw new DocumentAssertionError(message);
}
