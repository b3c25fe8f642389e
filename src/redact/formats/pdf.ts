/**
 * Anonymised copies of PDFs, text layer and scanned pages alike, by rasterising: every page is
 * rendered (pdf.js, as OCR renders pages) at RENDER_DPI, a black box is burnt into the pixels over
 * each edited word, and a new PDF is built (pdfkit) whose pages are those images at the original
 * page size, each under an invisible text layer holding the page's words: the unedited ones as
 * they were read, the edited ones replaced by the substitute ("[СНИЛС]"), at the first word's box.
 *
 * Nothing of the original file is copied: its content streams, fonts, annotations, form fields,
 * attachments and metadata are all left behind, so text under a box cannot survive in the file
 * (the classic failure of drawing a box over text that is still there). Every page is rasterised,
 * edited or not, so that the copy is uniform and no page carries the original's objects.
 *
 * Boxes: text-layer words (`pdf` source) are in PDF points, origin top-left, in the viewport at
 * scale 1 (rotation and crop box applied), which is also how pages are rendered; OCR words are
 * pixels of the page rendered at the resolution recorded in `meta.ocrDpi`.
 */
import PDFDocument from 'pdfkit';
import type { ScanDocument, Segment } from '../../document/types.js';
import { openPdfRenderer, type ColourPage } from '../../ocr/pdf-render.js';
import { editedSegmentText, editsBySegment, splitEdits, type SegmentEdit } from '../segment-edits.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { assertEveryPageRead, burnBoxes, editBoxes, scaleBox, type Box, type PageBox } from './burn-boxes.js';
import { encodePageImage } from './pdf-page-image.js';
import { writeInvisibleWords, type PlacedWord } from './pdf-text-layer.js';

/** Resolution pages are rendered at: text stays crisp in print, an A4 text page is ~50-75 KB. */
export const RENDER_DPI = 200;

/** The copy's only document information. */
export const PRODUCER = 'pdnscan';

export async function writePdf({ bytes, doc, edits }: WriteInput): Promise<WriteOutput> {
  assertEveryPageRead(doc);
  const pages = doc.meta.pages;
  if (!pages || pages < 1) throw new Error('PDF page count unknown');
  const pieces = splitEdits(doc, edits);
  for (const piece of pieces) pageOf(doc.segments[piece.segment]!); // throws before any work for an unplaceable edit
  const bySegment = editsBySegment(doc, edits);
  const segmentsByPage = new Map<number, number[]>();
  doc.segments.forEach((seg, i) => {
    const page = placeable(seg);
    if (page === undefined) return;
    const list = segmentsByPage.get(page);
    if (list) list.push(i);
    else segmentsByPage.set(page, [i]);
  });

  const kit = new PDFDocument({ autoFirstPage: false, compress: true, info: { Producer: PRODUCER, Creator: PRODUCER } });
  const chunks: Buffer[] = [];
  kit.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    kit.on('end', resolve);
    kit.on('error', reject);
  });

  const renderer = await openPdfRenderer(bytes);
  const kinds = { png: 0, jpeg: 0 };
  let boxCount = 0;
  try {
    for (let page = 1; page <= pages; page++) {
      const rendered = await renderer.renderColour(page, RENDER_DPI);
      const segments = segmentsByPage.get(page) ?? [];
      const toPoints = pointMapper(doc, page);
      const boxOf = (i: number): PageBox => ({ page, box: toPoints(doc.segments[i]!) });
      for (const i of segments) assertOnPage(boxOf(i).box, rendered);

      const onPage = new Set(segments);
      const pagePieces = pieces.filter((p) => onPage.has(p.segment));
      const boxes = editBoxes(pagePieces, boxOf, padding).get(page) ?? [];
      boxCount += burnBoxes({ data: rendered.data, width: rendered.width, height: rendered.height, channels: 3 }, boxes.map((b) => scaleBox(b, rendered.dpi / 72)));
      const image = await encodePageImage({ data: rendered.data, width: rendered.width, height: rendered.height, channels: 3 });
      kinds[image.kind]++;

      kit.addPage({ size: [rendered.pageWidth, rendered.pageHeight], margin: 0 });
      kit.image(image.bytes, 0, 0, { width: rendered.pageWidth, height: rendered.pageHeight });
      writeInvisibleWords(kit, segments.map((i) => placedWord(doc, i, boxOf(i).box, bySegment.get(i))));
    }
  } finally {
    await renderer.close().catch(() => undefined);
  }
  kit.end();
  await ended;
  const out = Buffer.concat(chunks);
  return {
    bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
    notes: [
      `${pages} page${pages === 1 ? '' : 's'} rasterised at ${RENDER_DPI} dpi (${kinds.png} PNG, ${kinds.jpeg} JPEG); ${boxCount} box${boxCount === 1 ? '' : 'es'} burnt into the pixels`,
      'text layer rebuilt invisible: words kept where they were read, substitutes in place of the edited ones',
      'lost: vector text and fonts, links, form fields, annotations, bookmarks, attachments, tagged structure',
      `metadata replaced: only Producer and Creator "${PRODUCER}" and the creation date`,
    ],
  };
}

/** The page of a segment the writer can place, or undefined (content that is on no page). */
function placeable(seg: Segment): number | undefined {
  if (seg.entry !== undefined) return undefined;
  return seg.source.kind === 'pdf' || seg.source.kind === 'ocr' ? seg.source.page : undefined;
}

function pageOf(seg: Segment): number {
  const page = placeable(seg);
  if (page === undefined) throw new Error('an edit falls on text with no position on a PDF page');
  return page;
}

/** Segment → its word box in PDF points on `page`. */
function pointMapper(doc: ScanDocument, page: number): (seg: Segment) => Box {
  let ocrScale: number | undefined;
  return (seg) => {
    const src = seg.source;
    if (src.kind === 'pdf') return [...src.bbox];
    if (src.kind !== 'ocr') throw new Error('an edit falls on text with no position on a PDF page');
    if (ocrScale === undefined) {
      const dpi = doc.meta.ocrDpi?.[page];
      // A wrong guess would put every box beside its word: refuse instead.
      if (!dpi || !(dpi > 0)) throw new Error(`page ${page}: resolution of the OCR render unknown`);
      ocrScale = 72 / dpi;
    }
    return scaleBox(src.bbox, ocrScale);
  };
}

/** A word box off the page means the mapping is wrong (a different render, a different file). */
function assertOnPage(box: Box, page: ColourPage): void {
  const slack = 2; // points: boxes are rounded and may touch the edge
  if (box[0] < -slack || box[1] < -slack || box[2] > page.pageWidth + slack || box[3] > page.pageHeight + slack) {
    throw new Error('a word box lies outside its PDF page: the document does not match the file');
  }
}

/**
 * Points added around a word box: text-layer boxes come from shared-out advance widths and can
 * be a point or two off inside a long text item; OCR boxes hug the ink.
 */
function padding(box: Box): { x: number; y: number } {
  const height = box[3] - box[1];
  return { x: Math.max(2, 0.2 * height), y: Math.max(1, 0.1 * height) };
}

function placedWord(doc: ScanDocument, index: number, box: Box, pieces: SegmentEdit[] | undefined): PlacedWord {
  const seg = doc.segments[index]!;
  return { text: pieces ? editedSegmentText(doc, seg, pieces) : doc.text.slice(seg.start, seg.end), box };
}

const writer: FormatWriter = {
  formats: ['pdf'],
  write: writePdf,
};

export default writer;
