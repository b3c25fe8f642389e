/**
 * OCR words → the shared document model. Words of a line are joined with " ", lines with "\n",
 * pages with "\n\f\n" (as the PDF extractor does); one segment per word,
 * `{kind: 'ocr', page, bbox, confidence}`, recorded here from tesseract's own boxes, with every
 * separator outside every segment (style.md, Synthesis (a)).
 *
 * `mergePages` puts recognised pages into a document that already has text-layer pages (a mixed
 * PDF): page order is kept, a recognised page replaces whatever its text layer held.
 */
import { segmentIndexAt } from '../document/locate.js';
import type { OcrSourceRef, ScanDocument, Segment } from '../document/types.js';
import type { OcrLines } from './recognizer.js';

export const PAGE_SEPARATOR = '\n\f\n';

/** A recognised page: its 1-based number and its words, boxes already in page-image pixels. */
export interface RecognisedPage {
  page: number;
  lines: OcrLines;
}

interface Piece {
  text: string;
  /** Segments with offsets relative to `text`. */
  segments: Segment[];
}

/** One page's text and word segments (offsets from 0). Empty lines are dropped. */
export function pageText(page: RecognisedPage): Piece {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  for (const line of page.lines) {
    if (line.length === 0) continue;
    if (length > 0) {
      parts.push('\n');
      length += 1;
    }
    line.forEach((word, i) => {
      if (i > 0) {
        parts.push(' ');
        length += 1;
      }
      const source: OcrSourceRef = { kind: 'ocr', page: page.page, bbox: word.bbox, confidence: word.confidence };
      segments.push({ start: length, end: length + word.text.length, source });
      parts.push(word.text);
      length += word.text.length;
    });
  }
  return { text: parts.join(''), segments };
}

/**
 * The document of `doc` with `pages` merged in, page by page in page order. Text-layer content of
 * a recognised page is dropped (the render shows it, OCR read it). Content of `doc` that belongs
 * to no page (no page-carrying segment) is kept in front.
 */
export function mergePages(doc: ScanDocument, pages: readonly RecognisedPage[]): ScanDocument {
  const recognised = new Map(pages.map((p) => [p.page, p]));
  const byPage = new Map<number, Piece>();
  for (const [page, piece] of textLayerPages(doc)) if (!recognised.has(page)) byPage.set(page, piece);
  for (const p of pages) {
    const piece = pageText(p);
    if (piece.text !== '') byPage.set(p.page, piece);
  }
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    const piece = byPage.get(page)!;
    if (length > 0) {
      parts.push(PAGE_SEPARATOR);
      length += PAGE_SEPARATOR.length;
    }
    for (const s of piece.segments) segments.push({ ...s, start: s.start + length, end: s.end + length });
    parts.push(piece.text);
    length += piece.text.length;
  }
  return { text: parts.join(''), segments, meta: doc.meta };
}

/**
 * A paged document's text cut into pages: each page runs from its first segment's start to its
 * last segment's end (the page separators lie outside). Only top-level segments with a page.
 */
function textLayerPages(doc: ScanDocument): Map<number, Piece> {
  const out = new Map<number, Piece>();
  let i = 0;
  const segs = doc.segments;
  while (i < segs.length) {
    const page = pageOf(segs[i]!);
    if (page === undefined) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < segs.length && pageOf(segs[j + 1]!) === page) j++;
    const start = segs[i]!.start;
    const end = segs[j]!.end;
    const prev = out.get(page);
    const piece: Piece = {
      text: doc.text.slice(start, end),
      segments: segs.slice(i, j + 1).map((s) => ({ ...s, start: s.start - start, end: s.end - start })),
    };
    if (prev) {
      // A page split in two runs (should not happen): keep both, one line apart.
      const shift = prev.text.length + 1;
      prev.text += `\n${piece.text}`;
      for (const s of piece.segments) prev.segments.push({ ...s, start: s.start + shift, end: s.end + shift });
    } else out.set(page, piece);
    i = j + 1;
  }
  return out;
}

function pageOf(s: Segment): number | undefined {
  if (s.entry !== undefined) return undefined;
  return s.source.kind === 'pdf' || s.source.kind === 'ocr' ? s.source.page : undefined;
}

/**
 * The lowest OCR confidence of the words [start, end) covers, or undefined when no OCR word is
 * covered (a finding on a text layer).
 */
export function ocrConfidenceOf(doc: ScanDocument, start: number, end: number): number | undefined {
  let min: number | undefined;
  for (let i = segmentIndexAt(doc.segments, start); i < doc.segments.length && doc.segments[i]!.start < end; i++) {
    const src = doc.segments[i]!.source;
    if (src.kind === 'ocr') min = min === undefined ? src.confidence : Math.min(min, src.confidence);
  }
  return min;
}

