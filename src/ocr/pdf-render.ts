/**
 * PDF pages → grey page images for OCR (and colour ones for the anonymised copy of a PDF):
 * pdf.js (through pdf-parse, as the PDF extractor opens documents) paints the page on an
 * @napi-rs/canvas canvas at the requested resolution, on white. One document is opened for all
 * the pages of a file.
 */
import { openPdf, type OpenPdf, type PdfPage, type PdfViewport } from '../extractors/pdf/pdfjs.js';
import { loadCanvas } from './lazy.js';
import type { GreyImage } from './preprocess.js';

/** A rendered page is capped at this many pixels (the resolution drops for huge pages). */
export const MAX_RENDER_PIXELS = 60_000_000;

interface RenderablePage extends PdfPage {
  render(params: { canvasContext: unknown; viewport: PdfViewport; canvas?: unknown }): { promise: Promise<unknown> };
}

interface CanvasLike {
  getContext(kind: '2d'): {
    fillStyle: string | unknown;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: CanvasLike; context: ReturnType<CanvasLike['getContext']> };
  destroy?(pair: unknown): void;
}

export interface PdfRenderer {
  /** Page `page` (1-based) at `dpi`; `dpi` is lowered for pages over MAX_RENDER_PIXELS. */
  render(page: number, dpi: number): Promise<GreyImage & { dpi: number }>;
  /** The same page in colour (RGB, 3 bytes a pixel), for the anonymised copy of a PDF. */
  renderColour(page: number, dpi: number): Promise<ColourPage>;
  close(): Promise<void>;
}

/** A page painted in RGB; `pageWidth`/`pageHeight`: its size in PDF points (viewport at scale 1). */
export interface ColourPage {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  pageWidth: number;
  pageHeight: number;
}

export async function openPdfRenderer(bytes: Uint8Array): Promise<PdfRenderer> {
  const pdf: OpenPdf = await openPdf(bytes);
  const factory = (pdf.doc as unknown as { canvasFactory?: CanvasFactory }).canvasFactory;
  /** Paints a page on white at `dpi` (capped by MAX_RENDER_PIXELS) and hands its RGBA pixels to `convert`. */
  async function paint<T>(pageNumber: number, dpi: number, convert: (rgba: Uint8ClampedArray, size: PaintedSize) => T): Promise<T> {
    const page = (await pdf.doc.getPage(pageNumber)) as RenderablePage;
    try {
      const base = page.getViewport({ scale: 1 });
      let scale = dpi / 72;
      const pixels = base.width * scale * base.height * scale;
      if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.round(viewport.width));
      const height = Math.max(1, Math.round(viewport.height));
      const pair = factory ? factory.create(width, height) : await fromNapi(width, height);
      try {
        pair.context.fillStyle = '#ffffff';
        pair.context.fillRect(0, 0, width, height);
        await page.render({ canvasContext: pair.context, viewport, canvas: pair.canvas }).promise;
        const rgba = pair.context.getImageData(0, 0, width, height).data;
        return convert(rgba, { width, height, dpi: scale * 72, pageWidth: base.width, pageHeight: base.height });
      } finally {
        factory?.destroy?.(pair);
      }
    } finally {
      page.cleanup();
    }
  }
  return {
    render: (pageNumber, dpi) =>
      paint(pageNumber, dpi, (rgba, { width, height, dpi: actual }) => {
        const grey = new Uint8Array(width * height);
        for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
          grey[i] = (rgba[j]! * 299 + rgba[j + 1]! * 587 + rgba[j + 2]! * 114 + 500) / 1000;
        }
        return { data: grey, width, height, dpi: actual };
      }),
    renderColour: (pageNumber, dpi) =>
      paint(pageNumber, dpi, (rgba, size) => {
        const rgb = new Uint8Array(size.width * size.height * 3);
        for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
          rgb[i] = rgba[j]!;
          rgb[i + 1] = rgba[j + 1]!;
          rgb[i + 2] = rgba[j + 2]!;
        }
        return { data: rgb, ...size };
      }),
    close: () => pdf.destroy(),
  };
}

type PaintedSize = Omit<ColourPage, 'data'>;

async function fromNapi(width: number, height: number): Promise<{ canvas: CanvasLike; context: ReturnType<CanvasLike['getContext']> }> {
  const { createCanvas } = await loadCanvas();
  const canvas = createCanvas(width, height);
  return { canvas: canvas as unknown as CanvasLike, context: canvas.getContext('2d') as unknown as ReturnType<CanvasLike['getContext']> };
}
