/**
 * The part of pdf-parse v2 and its bundled pdf.js that the PDF extractor uses, typed narrowly.
 *
 * pdf-parse's public API (`getText()`) returns each page as one plain string: no positions, and
 * items glued by its own rules. Word boxes need pdf.js's `getTextContent()` items (string, text
 * matrix, advance width), so the extractor opens the document through pdf-parse — which owns the
 * pdf.js instance, its Node set-up and its exception classes — and then reads pages through
 * pdf.js's own page objects. pdf-parse keeps that document behind its `load()` method; we reach it
 * through the narrow `PdfDocument` interface below instead of importing `pdfjs-dist` (a transitive
 * dependency that pdf-parse pins exactly), so the only declared dependency stays pdf-parse.
 */

export interface PdfTextItem {
  str: string;
  dir?: string;
  /** Advance width of the whole string, in user-space units. */
  width: number;
  height: number;
  /** Text rendering matrix [a, b, c, d, e, f] in PDF user space (origin bottom-left). */
  transform: number[];
  fontName: string;
  hasEOL?: boolean;
}

export interface PdfTextStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

export interface PdfTextContent {
  /** Text items, and marked-content markers (no `str`) when those are requested. */
  items: Array<PdfTextItem | { type: string }>;
  styles: Record<string, PdfTextStyle>;
}

export interface PdfViewport {
  width: number;
  height: number;
  /** PDF user space → viewport (top-left origin, y down) at the requested scale. */
  transform: number[];
}

export interface PdfPage {
  getViewport(params: { scale: number }): PdfViewport;
  getTextContent(params?: { includeMarkedContent?: boolean; disableNormalization?: boolean }): Promise<PdfTextContent>;
  getOperatorList(): Promise<{ fnArray: ArrayLike<number> }>;
  cleanup(): unknown;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
}

/**
 * pdf.js operator ids (`OPS` in pdfjs-dist 5.x) that paint an image. Copied because pdf-parse
 * does not re-export `OPS`; pdf.test.ts checks them against the installed pdf.js.
 */
export const IMAGE_OPS: ReadonlySet<number> = new Set([
  83, // paintImageMaskXObject
  84, // paintImageMaskXObjectGroup
  85, // paintImageXObject
  86, // paintInlineImageXObject
  87, // paintInlineImageXObjectGroup
  88, // paintImageXObjectRepeat
  89, // paintImageMaskXObjectRepeat
  90, // paintSolidColorImageMask
]);

export interface OpenPdf {
  doc: PdfDocument;
  /** Frees the document (fonts, images, worker-side objects). Always call it. */
  destroy(): Promise<void>;
}

/** Opens a PDF; throws pdf-parse's exceptions (PasswordException, InvalidPDFException, FormatError…). */
export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  // Loaded on first use: pdf.js is the largest module of the tool, and most runs meet no PDF.
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({
    // pdf.js may detach the buffer it is given: hand it a copy, never the caller's bytes.
    data: bytes.slice(),
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    // Cap decoded images (pixels): pages are only inspected, not rendered.
    maxImageSize: 64 * 1024 * 1024,
  });
  const loader = parser as unknown as { load(): Promise<PdfDocument> };
  try {
    const doc = await loader.load();
    return { doc, destroy: () => parser.destroy() };
  } catch (error) {
    await parser.destroy().catch(() => undefined);
    throw error;
  }
}
