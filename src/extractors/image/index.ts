/**
 * Images (PNG, JPEG, TIFF with every page, BMP, WebP): text only OCR can read. The extractor
 * checks the file and counts its pages; the document it returns has no text and lists every page
 * in `meta.pagesNeedingOcr`, which the OCR step (src/ocr/ocr-pages.ts, run by the pipeline)
 * recognises. Page = 1-based image or TIFF page. `meta.format` names the real format, found by
 * magic bytes (a `.jpg` that is a PNG is read as PNG).
 *
 * Errors: bytes that are no image of these formats, or that the decoder cannot read →
 * ExtractionError('corrupt image: …'), with a fixed reason.
 */
import type { ScanDocument } from '../../document/types.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { ImageDecodeError, imagePageCount, sniffImage } from './decode.js';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.webp'] as const;

/** Report formats of image documents (`meta.format`). */
export const IMAGE_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg', 'tiff', 'bmp', 'webp']);

export async function extractImage({ bytes }: ExtractInput): Promise<ScanDocument> {
  const format = sniffImage(bytes);
  if (!format) throw new ExtractionError('corrupt image: not a PNG, JPEG, TIFF, BMP or WebP file');
  let pages: number;
  try {
    pages = await imagePageCount(bytes, format);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw new ExtractionError(`corrupt image: ${error.message}`);
    throw error;
  }
  return {
    text: '',
    segments: [],
    meta: { format, pages, pagesNeedingOcr: Array.from({ length: pages }, (_, i) => i + 1) },
  };
}

const imageExtractor: Extractor = {
  id: 'image',
  extensions: IMAGE_EXTENSIONS,
  extract: extractImage,
};

export default imageExtractor;
