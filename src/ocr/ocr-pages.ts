/**
 * The OCR step after extraction: pages of a document that have no text layer are recognised and
 * merged into it. It applies to images (every page: the image extractor only counts them), to
 * PDFs (the pages in `meta.pagesNeedingOcr` and pages whose text layer is garbled, or every page
 * with `--ocr always`), rendered at `dpi`, and to pictures embedded in office packages
 * (embedded.ts). A page that fails or times out stays in `pagesNeedingOcr` with a warning
 * ("page 3: OCR timed out after 120 s"); the rest of the file is kept.
 *
 * Pages are recognised one after another by this thread's recogniser (recognizer.ts): in a pool,
 * each thread OCRs its own files.
 */
import type { DocumentMeta, ScanDocument } from '../document/types.js';
import { IMAGE_FORMATS } from '../extractors/image/index.js';
import { decodeImagePage, ImageDecodeError, type ImageFormat } from '../extractors/image/decode.js';
import { mergePages, type RecognisedPage } from './document.js';
import { MEDIA_FOLDERS, ocrEmbeddedImages } from './embedded.js';
import { DEFAULT_OCR_LANG } from './languages.js';
import { openPdfRenderer, type PdfRenderer } from './pdf-render.js';
import { preprocess, type GreyImage, type PreprocessOptions } from './preprocess.js';
import { OcrPageError, ocrWorkers, recognize, type OcrLines } from './recognizer.js';

export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];
export const DEFAULT_OCR_DPI = 300;

export interface OcrOptions {
  /** auto: images and pages without a text layer; always: every PDF page too; never: none. */
  mode?: OcrMode;
  /** Tesseract languages joined with "+" (validated by the CLI). */
  lang?: string;
  /** Resolution PDF pages are rendered at. */
  dpi?: number;
  /** Per-page time limit. */
  pageTimeoutMs?: number;
  /** Recognise pictures embedded in DOCX/XLSX/ODT/ODS (default true). */
  embeddedImages?: boolean;
  preprocess?: PreprocessOptions;
}


function pagesToRecognise(doc: ScanDocument, options: OcrOptions): number[] {
  const mode = options.mode ?? 'auto';
  if (mode === 'never') return [];
  const format = doc.meta.format;
  if (format === 'pdf' && mode === 'always' && doc.meta.pages) return Array.from({ length: doc.meta.pages }, (_, i) => i + 1);
  if (format !== 'pdf' && !IMAGE_FORMATS.has(format)) return [];
  const pages = new Set(doc.meta.pagesNeedingOcr ?? []);
  if (format === 'pdf') for (const p of garbledPages(doc)) pages.add(p);
  return [...pages].sort((a, b) => a - b);
}

/** A text layer needs this many characters before it can be judged garbled. */
const GARBLED_MIN_CHARS = 20;

/**
 * PDF pages whose text layer is garbage: a font without a usable ToUnicode map gives replacement
 * characters, control or private-use characters, or Cyrillic read as Latin-1 ("Ïàñïîðò" for
 * "Паспорт"). Such a page is recognised from its render, like a page without a text layer.
 */
export function garbledPages(doc: ScanDocument): number[] {
  const stats = new Map<number, { chars: number; bad: number; letters: number; latin1: number }>();
  for (const seg of doc.segments) {
    if (seg.source.kind !== 'pdf' || seg.entry !== undefined) continue;
    let st = stats.get(seg.source.page);
    if (!st) stats.set(seg.source.page, (st = { chars: 0, bad: 0, letters: 0, latin1: 0 }));
    for (let i = seg.start; i < seg.end; i++) {
      const c = doc.text.charCodeAt(i);
      st.chars++;
      if (c === 0xfffd || c < 0x20 || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c < 0xa0)) st.bad++;
      else if (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) {
        st.letters++;
        st.latin1++;
      } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x400 && c <= 0x4ff)) st.letters++;
    }
  }
  const out: number[] = [];
  for (const [page, st] of stats) {
    if (st.chars < GARBLED_MIN_CHARS) continue;
    if (st.bad / st.chars > 0.2 || (st.letters >= GARBLED_MIN_CHARS && st.latin1 / st.letters > 0.5)) out.push(page);
  }
  return out;
}

/**
 * `doc` with its pages without a text layer recognised, or with its embedded pictures' text
 * appended (office packages); a new document, `doc` is not changed.
 */
export async function ocrPages(doc: ScanDocument, bytes: Uint8Array, options: OcrOptions = {}): Promise<ScanDocument> {
  const lang = options.lang ?? DEFAULT_OCR_LANG;
  if ((options.mode ?? 'auto') !== 'never' && options.embeddedImages !== false && MEDIA_FOLDERS[doc.meta.format] !== undefined) {
    return ocrEmbeddedImages(doc, bytes, (image, page) => recognisePage(image, page, { lang, options }));
  }
  const pages = pagesToRecognise(doc, options);
  if (pages.length === 0) return doc;
  const format = doc.meta.format;
  const dpi = options.dpi ?? DEFAULT_OCR_DPI;
  const recognised: RecognisedPage[] = [];
  /** Resolution each PDF page was rendered at: its OCR boxes are pixels at it (the PDF redactor maps them back). */
  const renderDpi: Record<number, number> = {};
  const failures = new Map<number, string>();
  let renderer: PdfRenderer | undefined;
  try {
    if (format === 'pdf') renderer = await openPdfRenderer(bytes);
    // Pages are rendered (or decoded) one by one and recognised by up to ocrWorkers() tesseract
    // workers at once: rendering the next page overlaps recognising the previous ones.
    const limit = ocrWorkers();
    const inFlight = new Set<Promise<void>>();
    for (const page of pages) {
      let image: GreyImage;
      let imageDpi: number | undefined;
      try {
        if (renderer) {
          const rendered = await renderer.render(page, dpi);
          image = rendered;
          imageDpi = rendered.dpi;
          renderDpi[page] = rendered.dpi;
        } else image = await decodeImagePage(bytes, format as ImageFormat, page);
      } catch (error) {
        failures.set(page, pageWarning(page, error));
        continue;
      }
      const task: Promise<void> = recognisePage(image, page, { lang, imageDpi, options }).then(
        (lines) => void recognised.push({ page, lines }),
        (error: unknown) => void failures.set(page, pageWarning(page, error)),
      );
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (error) {
    // The PDF cannot be opened for rendering (it was readable for text): no page is recognised.
    for (const page of pages) if (!recognised.some((r) => r.page === page) && !failures.has(page)) failures.set(page, '');
    failures.set(0, `OCR: ${error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'pages cannot be rendered'}`);
  } finally {
    await renderer?.close().catch(() => undefined);
  }
  recognised.sort((a, b) => a.page - b.page);
  const failed = [...failures.keys()].filter((p) => p > 0);
  const warnings = [...failures].sort(([a], [b]) => a - b).map(([, w]) => w).filter((w) => w !== '');
  const merged = mergePages(doc, recognised);
  const stillNeeding = (doc.meta.pagesNeedingOcr ?? []).filter((p) => !recognised.some((r) => r.page === p));
  const meta: DocumentMeta = { ...doc.meta, pagesNeedingOcr: [...new Set([...stillNeeding, ...failed])].sort((a, b) => a - b) };
  const dpiOfRecognised = Object.fromEntries(recognised.filter((r) => renderDpi[r.page] !== undefined).map((r) => [r.page, renderDpi[r.page]!]));
  if (Object.keys(dpiOfRecognised).length > 0) meta.ocrDpi = { ...doc.meta.ocrDpi, ...dpiOfRecognised };
  if (warnings.length > 0) meta.warnings = [...(doc.meta.warnings ?? []), ...warnings];
  return { ...merged, meta };
}

/** Preprocesses and recognises one page image; boxes come back in pixels of `image`. */
export async function recognisePage(
  image: GreyImage,
  page: number,
  { lang, imageDpi, options }: { lang: string; imageDpi?: number | undefined; options: OcrOptions },
): Promise<OcrLines> {
  const prepared = await preprocess(image, options.preprocess);
  const lines = await recognize(prepared.image, page, {
    lang,
    ...(options.pageTimeoutMs !== undefined ? { timeoutMs: options.pageTimeoutMs } : {}),
    ...(imageDpi !== undefined ? { dpi: imageDpi * prepared.scale } : {}),
  });
  const s = prepared.scale;
  const r = (x: number) => Math.round((x / s) * 10) / 10;
  return lines.map((line) => line.map((w) => ({ ...w, bbox: [r(w.bbox[0]), r(w.bbox[1]), r(w.bbox[2]), r(w.bbox[3])] })));
}

function pageWarning(page: number, error: unknown): string {
  if (error instanceof OcrPageError) return error.message;
  if (error instanceof ImageDecodeError) return `page ${page}: ${error.message}`;
  return `page ${page}: OCR failed (${error instanceof Error ? error.name : 'error'})`;
}
