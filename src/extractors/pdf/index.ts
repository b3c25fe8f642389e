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
import { layoutPage, type Fragment } from './layout.js';
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
    throw toExtractionError(error);
  }
  const pagesNeedingOcr: number[] = [];
  let text = '';
  const segments: Segment[] = [];
  let failedPages = 0;
  const numPages = pdf.doc.numPages;
  try {
    for (let pageNumber = 1; pageNumber <= numPages; pageNumber++) {
      let page: PdfPage | undefined;
      try {
        page = await pdf.doc.getPage(pageNumber);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent({ includeMarkedContent: false });
        const fragments = fragmentsOf(content, viewport);
        const letters = countLetters(fragments);
        if (letters === 0 || (letters < MIN_TEXT_CHARS && (await hasImages(page)))) pagesNeedingOcr.push(pageNumber);
        if (fragments.length === 0) continue;
        if (text.length > 0) text += PAGE_SEPARATOR;
        text = appendPage(text, segments, pageNumber, fragments);
      } catch (error) {
        if (isPasswordError(error)) throw error;
        // One unreadable page (a broken content stream): keep the others, let OCR try this one.
        failedPages++;
        if (!pagesNeedingOcr.includes(pageNumber)) pagesNeedingOcr.push(pageNumber);
      } finally {
        page?.cleanup();
      }
    }
  } catch (error) {
    throw toExtractionError(error);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
  if (numPages > 0 && failedPages === numPages) throw new ExtractionError('corrupt pdf: no page could be read');
  return { text, segments, meta: { format: 'pdf', pages: numPages, pagesNeedingOcr } };
}

/** Appends one page's words in reading order, recording a segment per word. Returns the new text. */
function appendPage(text: string, segments: Segment[], page: number, fragments: Fragment[]): string {
  const parts: string[] = [text];
  let length = text.length;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  let firstLine = true;
  for (const block of layoutPage(fragments)) {
    let previous: string | undefined;
    for (const line of block) {
      if (line.length === 0) continue;
      if (!firstLine) {
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
  return parts.join('');
}

/** Text items → fragments (non-whitespace runs) with top-left-origin boxes in PDF points. */
export function fragmentsOf(content: PdfTextContent, viewport: PdfViewport): Fragment[] {
  const out: Fragment[] = [];
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

    const chars = Array.from(str);
    const weights = chars.map(charWeight);
    const total = weights.reduce((a, b) => a + b, 0);
    const width = item.width > 0 ? item.width : (total / 1000) * size;
    const scale = total > 0 ? width / total : 0;
    let advance = 0;
    let runStart = -1;
    let runFrom = 0;
    let run = '';
    const flush = (to: number) => {
      if (run) out.push(box(run, runFrom, to));
      run = '';
      runStart = -1;
    };
    const box = (s: string, from: number, to: number): Fragment => {
      // the four corners of the run's glyph box
      const xs: number[] = [];
      const ys: number[] = [];
      for (const d of [from, to]) {
        for (const h of [ascent, descent]) {
          xs.push(m[4] + ux * d + upx * h * size);
          ys.push(m[5] + uy * d + upy * h * size);
        }
      }
      return {
        str: s,
        x0: Math.min(...xs),
        y0: Math.min(...ys),
        x1: Math.max(...xs),
        y1: Math.max(...ys),
        base: m[5] + uy * from,
        size,
        item: index,
      };
    };
    chars.forEach((ch, i) => {
      const w = weights[i]! * scale;
      if (/\s/.test(ch)) {
        flush(advance);
      } else {
        if (runStart < 0) {
          runStart = i;
          runFrom = advance;
        }
        run += ch;
      }
      advance += w;
    });
    flush(advance);
  });
  return out;
}

function countLetters(fragments: readonly Fragment[]): number {
  let n = 0;
  for (const f of fragments) n += f.str.match(ALNUM)?.length ?? 0;
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
 * Relative advance width of a character (1/1000 em, Helvetica/DejaVu-like proportions). pdf.js
 * gives one advance width per text item, not per glyph; these weights share it out among the
 * item's characters, so words inside a long item get boxes within a point or two of the truth.
 */
export function charWeight(ch: string): number {
  const special = SPECIAL_WIDTHS.get(ch);
  if (special !== undefined) return special;
  const c = ch.codePointAt(0)!;
  if (c >= 0x30 && c <= 0x39) return 556; // digits: tabular in almost every font
  if (c >= 0x41 && c <= 0x5a) return 667; // A–Z
  if (c >= 0x61 && c <= 0x7a) return 520; // a–z
  if (c >= 0x410 && c <= 0x42f) return 700; // А–Я
  if (c >= 0x430 && c <= 0x44f) return 560; // а–я
  if (/\s/.test(ch)) return 278;
  if (c >= 0x2e80) return 1000; // CJK and other full-width scripts
  return 600;
}

const SPECIAL_WIDTHS: ReadonlyMap<string, number> = new Map([
  [' ', 278], ['.', 278], [',', 278], [':', 278], [';', 278], ['!', 278], ['|', 260], ["'", 191], ['"', 355],
  ['-', 333], ['‐', 333], ['–', 556], ['—', 1000], ['_', 556], ['(', 333], [')', 333], ['[', 278], [']', 278],
  ['/', 278], ['\\', 278], ['@', 1015], ['№', 1100], ['+', 584], ['=', 584], ['*', 389], ['#', 556], ['%', 889],
  ['«', 556], ['»', 556], ['i', 222], ['j', 222], ['l', 222], ['f', 278], ['t', 278], ['r', 333], ['m', 833],
  ['w', 722], ['I', 278], ['J', 500], ['M', 833], ['W', 944], ['Ж', 950], ['Ш', 920], ['Щ', 940], ['Ю', 960],
  ['Ы', 860], ['Г', 560], ['ж', 760], ['ш', 800], ['щ', 820], ['ю', 760], ['ы', 720], ['м', 660], ['г', 440],
  ['т', 520], ['ё', 560], ['Ё', 680],
]);

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/** pdf-parse / pdf.js exceptions → the per-file error; messages are ours, never the file's. */
function toExtractionError(error: unknown): Error {
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
    default:
      return new ExtractionError('corrupt pdf: unreadable');
  }
}

const pdfExtractor: Extractor = {
  id: 'pdf',
  extensions: PDF_EXTENSIONS,
  extract: extractPdf,
};

export default pdfExtractor;
