/**
 * PDF with a text layer: one segment per word, `{kind: 'pdf', page, bbox}`, bbox in PDF points
 * with the origin at the top-left of the page (pdf.js viewport space at scale 1, so /Rotate and
 * crop boxes are already applied).
 *
 * Per page, pdf.js text items (string + text matrix + advance width, see pdfjs.ts for why we go
 * below pdf-parse's `getText()`) are cut at whitespace into fragments with boxes, and layout.ts
 * puts them in reading order: lines by baseline, words by x, a left column before a right one,
 * pieces of one number joined. Words are joined with " ", lines with "\n", pages with "\n\f\n";
 * separators are outside every segment. One exception: a line that ends in "<digit>-" followed by
 * a line that starts with a digit is joined with no separator, so "112-233-" / "445 95" reads as
 * "112-233-445 95" (a number broken at its hyphen by line wrapping).
 *
 * A page without a text layer (fewer than MIN_TEXT_CHARS letters or digits: none at all, or a
 * few stray characters next to an image) is listed in `meta.pagesNeedingOcr`; OCR (issue 4) fills
 * those. A page whose text layer cannot be read is listed there too; the other pages are kept.
 *
 * Errors: a password-protected PDF → ExtractionError('encrypted'); anything pdf.js cannot open →
 * ExtractionError('corrupt pdf: …') with a fixed, content-free reason.
 */
import type { ScanDocument, Segment } from '../../document/types.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { layoutPage, type PageFragment } from './layout.js';
import { IMAGE_OPS, openPdf, type PdfPage, type PdfTextContent, type PdfTextItem, type PdfViewport } from './pdfjs.js';

export const PDF_EXTENSIONS = ['.pdf'] as const;

/** A page with fewer letters/digits than this in its text layer (and an image) needs OCR. */
const MIN_TEXT_CHARS = 5;
const PAGE_SEPARATOR = '\n\f\n';
const ALNUM = /[\p{L}\p{N}]/gu;
const HYPHEN_END = /\d-$/;
const DIGIT_START = /^\d/;

export async function extractPdf({ bytes }: ExtractInput): Promise<ScanDocument> {
  let pdf;
  try {
    pdf = await openPdf(bytes);
  } catch (error) {
    throw toExtractionError(error, true);
  }
  const pagesNeedingOcr: number[] = [];
  const out: TextOut = { parts: [], length: 0, segments: [] };
  let failedPages = 0;
  const numPages = pdf.doc.numPages;
  try {
    for (let pageNumber = 1; pageNumber <= numPages; pageNumber++) {
      let page: PdfPage | undefined;
      try {
        let content: PdfTextContent;
        let viewport: PdfViewport;
        try {
          page = await pdf.doc.getPage(pageNumber);
          viewport = page.getViewport({ scale: 1 });
          content = await page.getTextContent({ includeMarkedContent: false });
        } catch (error) {
          if (isPasswordError(error)) throw error;
          // One unreadable page (a broken content stream): keep the others, let OCR try this one.
          failedPages++;
          pagesNeedingOcr.push(pageNumber);
          continue;
        }
        const fragments = fragmentsOf(content, viewport);
        const letters = countLetters(fragments, MIN_TEXT_CHARS);
        if (letters === 0 || (letters < MIN_TEXT_CHARS && (await hasImages(page)))) pagesNeedingOcr.push(pageNumber);
        if (fragments.length > 0) appendPage(out, pageNumber, fragments);
      } finally {
        page?.cleanup();
      }
    }
  } catch (error) {
    // pdf.js's own exceptions become per-file errors; anything else is a bug and stays itself.
    throw toExtractionError(error, false);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
  if (numPages > 0 && failedPages === numPages) throw new ExtractionError('corrupt pdf: no page could be read');
  return { text: out.parts.join(''), segments: out.segments, meta: { format: 'pdf', pages: numPages, pagesNeedingOcr } };
}

/** The document text as it grows: pieces joined once at the end (no quadratic re-copying). */
interface TextOut {
  parts: string[];
  length: number;
  segments: Segment[];
}

/** Appends one page's words in reading order, a segment per word; all or nothing. */
function appendPage(out: TextOut, page: number, fragments: PageFragment[]): void {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = out.length;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  let firstLine = true;
  for (const block of layoutPage(fragments)) {
    let previous: string | undefined;
    for (const line of block) {
      if (line.length === 0) continue;
      if (firstLine) {
        if (out.length > 0) push(PAGE_SEPARATOR);
      } else {
        const glued = previous !== undefined && HYPHEN_END.test(previous) && DIGIT_START.test(line[0]!.text);
        if (!glued) push('\n');
      }
      firstLine = false;
      line.forEach((word, i) => {
        if (i > 0) push(' ');
        segments.push({ start: length, end: length + word.text.length, source: { kind: 'pdf', page, bbox: word.bbox.map(round2) as [number, number, number, number] } });
        push(word.text);
      });
      previous = line[line.length - 1]!.text;
    }
  }
  for (const part of parts) out.parts.push(part);
  for (const segment of segments) out.segments.push(segment);
  out.length = length;
}

/** Text items → fragments (non-whitespace runs) with top-left-origin boxes in PDF points. */
export function fragmentsOf(content: PdfTextContent, viewport: PdfViewport): PageFragment[] {
  const out: PageFragment[] = [];
  const v = viewport.transform;
  content.items.forEach((raw, index) => {
    if (!('str' in raw)) return;
    const item = raw as PdfTextItem;
    const str = item.str;
    if (!str || !/\S/.test(str)) return;
    const t = item.transform;
    if (!t || t.length < 6 || !t.every(Number.isFinite)) return;
    // m = viewport × text matrix: text space → top-left page space.
    const m = [
      v[0]! * t[0]! + v[2]! * t[1]!,
      v[1]! * t[0]! + v[3]! * t[1]!,
      v[0]! * t[2]! + v[2]! * t[3]!,
      v[1]! * t[2]! + v[3]! * t[3]!,
      v[0]! * t[4]! + v[2]! * t[5]! + v[4]!,
      v[1]! * t[4]! + v[3]! * t[5]! + v[5]!,
    ] as const;
    const along = Math.hypot(m[0], m[1]);
    const size = Math.hypot(m[2], m[3]) || item.height || along;
    if (!(size > 0)) return;
    // Unit vectors: along the baseline, and "up" (towards the glyph tops, negative y on a page).
    const ux = along > 0 ? m[0] / along : 1;
    const uy = along > 0 ? m[1] / along : 0;
    const upx = m[2] / (Math.hypot(m[2], m[3]) || 1);
    const upy = Math.hypot(m[2], m[3]) > 0 ? m[3] / Math.hypot(m[2], m[3]) : -1;
    const style = content.styles[item.fontName];
    const ascent = clamp(style?.ascent && style.ascent > 0 ? style.ascent : 0.8, 0.5, 1.2);
    const descent = clamp(style?.descent && style.descent < 0 ? style.descent : -0.2, -0.5, 0);

    // Share the item's advance width out among its characters, cutting at whitespace.
    let total = 0;
    for (let i = 0; i < str.length; i++) total += charWeight(str[i]!);
    const width = item.width > 0 ? item.width : (total / 1000) * size;
    const scale = total > 0 ? width / total : 0;
    // Exactly 0 for unrotated text, so that horizontal lines keep page coordinates.
    const angle = uy === 0 && ux > 0 ? 0 : Math.atan2(uy, ux);
    const hiX = upx * ascent * size;
    const hiY = upy * ascent * size;
    const loX = upx * descent * size;
    const loY = upy * descent * size;
    const push = (from: number, to: number, a: number, b: number) => {
      // the four corners of the run's glyph box
      const ax = m[4] + ux * a;
      const ay = m[5] + uy * a;
      const bx = m[4] + ux * b;
      const by = m[5] + uy * b;
      out.push({
        str: str.slice(from, to),
        box: [
          Math.min(ax + hiX, ax + loX, bx + hiX, bx + loX),
          Math.min(ay + hiY, ay + loY, by + hiY, by + loY),
          Math.max(ax + hiX, ax + loX, bx + hiX, bx + loX),
          Math.max(ay + hiY, ay + loY, by + hiY, by + loY),
        ],
        ox: ax,
        oy: ay,
        len: b - a,
        angle,
        size,
        ascent: ascent * size,
        descent: -descent * size,
        item: index,
      });
    };
    let advance = 0;
    let runStart = -1;
    let runFrom = 0;
    for (let i = 0; i < str.length; i++) {
      const ch = str[i]!;
      if (isSpace(ch.charCodeAt(0))) {
        if (runStart >= 0) push(runStart, i, runFrom, advance);
        runStart = -1;
      } else if (runStart < 0) {
        runStart = i;
        runFrom = advance;
      }
      advance += charWeight(ch) * scale;
    }
    if (runStart >= 0) push(runStart, str.length, runFrom, advance);
  });
  return out;
}

/** `/\s/` as a char-code test. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Letters and digits of the page's text, counted up to `enough`. */
function countLetters(fragments: readonly PageFragment[], enough: number): number {
  let n = 0;
  for (const f of fragments) {
    n += f.str.match(ALNUM)?.length ?? 0;
    if (n >= enough) break;
  }
  return n;
}

async function hasImages(page: PdfPage): Promise<boolean> {
  try {
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) if (IMAGE_OPS.has(ops.fnArray[i]!)) return true;
    return false;
  } catch {
    return true;
  }
}

/**
 * Relative advance width of a character (1/1000 em). pdf.js gives one advance width per text
 * item, not per glyph; these weights share it out among the item's characters. They are the
 * widths of DejaVu Sans for Latin, Cyrillic, digits and punctuation: other fonts (Arial, Times)
 * differ by a few percent in proportion, so a word far into a long item may be a point or two
 * off; the first and last word of an item are always exact at their outer edges.
 */
export function charWeight(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < BY_CODE.length) {
    const w = BY_CODE[c]!;
    if (w > 0) return w;
  } else {
    const known = WIDTHS.get(ch);
    if (known !== undefined) return known;
  }
  if (isSpace(c)) return 318;
  if (c >= 0x2e80) return 1000; // CJK and other full-width scripts
  return 620;
}

const WIDTH_CHARS = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁё№«»—–…“”„’‘°§₽";
const WIDTH_VALUES = [
  401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603,
  787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634,
  278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 684, 686,
  686, 610, 781, 632, 1077, 641, 748, 748, 710, 752, 863, 752, 787, 752, 603, 698, 611, 609, 861, 685, 776, 686, 1069, 1094,
  833, 882, 686, 698, 1080, 695, 613, 617, 589, 525, 691, 615, 901, 532, 650, 650, 604, 639, 754, 654, 612, 654, 635, 550,
  583, 592, 855, 592, 681, 591, 915, 942, 707, 790, 589, 549, 842, 602, 632, 615, 1040, 612, 612, 1000, 500, 1000, 518, 518,
  518, 318, 318, 500, 500, 636,
];

const WIDTHS: ReadonlyMap<string, number> = new Map(Array.from(WIDTH_CHARS, (ch, i) => [ch, WIDTH_VALUES[i]!]));
/** The same widths by char code, for Latin and Cyrillic (0 = not in the table). */
const BY_CODE = new Uint16Array(0x460);
for (const [ch, w] of WIDTHS) if (ch.charCodeAt(0) < BY_CODE.length) BY_CODE[ch.charCodeAt(0)] = w;
BY_CODE[32] = 318;

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/**
 * pdf-parse / pdf.js exceptions → the per-file error; messages are ours, never the file's. While
 * opening (`opening`), any failure means pdf.js could not parse the file; later, an error that is
 * not one of pdf.js's is returned as it is.
 */
function toExtractionError(error: unknown, opening: boolean): Error {
  if (error instanceof ExtractionError) return error;
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'PasswordException':
      return new ExtractionError('encrypted');
    case 'InvalidPDFException':
      return new ExtractionError('corrupt pdf: not a valid PDF structure');
    case 'FormatError':
      return new ExtractionError('corrupt pdf: malformed PDF data');
    case 'MissingPDFException':
      return new ExtractionError('corrupt pdf: empty or missing data');
    case 'AbortException':
      return new ExtractionError('corrupt pdf: reading was aborted');
    case 'UnknownErrorException':
    case 'UnexpectedResponseException':
    case 'ResponseException':
      return new ExtractionError('corrupt pdf: unreadable');
    default:
      return opening || !(error instanceof Error) ? new ExtractionError('corrupt pdf: unreadable') : error;
  }
}

const pdfExtractor: Extractor = {
  id: 'pdf',
  extensions: PDF_EXTENSIONS,
  extract: extractPdf,
};

export default pdfExtractor;
