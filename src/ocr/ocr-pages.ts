/**
 * The OCR step after extraction: pages of a document that have no text layer are recognised and
 * merged into it. It applies to images (every page: the image extractor only counts them), to
 * PDFs (the pages in `meta.pagesNeedingOcr`, or every page with `--ocr always`), rendered at
 * `dpi`, and to pictures embedded in office packages (embedded.ts). A page that fails or times out stays in `pagesNeedingOcr` with a warning
 * ("page 3: OCR timed out after 120 s"); the rest of the file is kept.
 *
 * Pages are recognised one after another by this thread's recogniser (recognizer.ts): in a pool,
 * each thread OCRs its own files.
 */
import type { ScanDocument } from '../document/types.js';
import { IMAGE_FORMATS } from '../extractors/image/index.js';
import { decodeImagePage, ImageDecodeError, type ImageFormat } from '../extractors/image/decode.js';
import { mergePages, type RecognisedPage } from './document.js';
import { MEDIA_FOLDERS, ocrEmbeddedImages } from './embedded.js';
import { DEFAULT_OCR_LANG } from './languages.js';
import { openPdfRenderer, type PdfRenderer } from './pdf-render.js';
import { preprocess, type GreyImage, type PreprocessOptions } from './preprocess.js';
import { OcrPageError, recognize, type OcrLines } from './recognizer.js';

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
  return [...(doc.meta.pagesNeedingOcr ?? [])];
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
  const failed: number[] = [];
  const warnings: string[] = [];
  let renderer: PdfRenderer | undefined;
  try {
    if (format === 'pdf') renderer = await openPdfRenderer(bytes);
    for (const page of pages) {
      try {
        let image: GreyImage;
        let imageDpi: number | undefined;
        if (renderer) {
          const rendered = await renderer.render(page, dpi);
          image = rendered;
          imageDpi = rendered.dpi;
        } else image = await decodeImagePage(bytes, format as ImageFormat, page);
        const lines = await recognisePage(image, page, { lang, imageDpi, options });
        recognised.push({ page, lines });
      } catch (error) {
        failed.push(page);
        warnings.push(pageWarning(page, error));
      }
    }
  } catch (error) {
    // The PDF cannot be opened for rendering (it was readable for text): no page is recognised.
    for (const page of pages) if (!failed.includes(page)) failed.push(page);
    warnings.push(`OCR: ${error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'pages cannot be rendered'}`);
  } finally {
    await renderer?.close().catch(() => undefined);
  }
  const merged = mergePages(doc, recognised);
  const stillNeeding = (doc.meta.pagesNeedingOcr ?? []).filter((p) => !recognised.some((r) => r.page === p));
  const meta = { ...doc.meta, pagesNeedingOcr: [...new Set([...stillNeeding, ...failed])].sort((a, b) => a - b) };
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
