/**
 * Images inside office packages — scans pasted into a DOCX, photos in an XLSX (`word/media/*`,
 * `xl/media/*`, ODF `Pictures/*`) — and inside .zip archives, recognised and appended to the document after its own text,
 * one page separator ("\n\f\n") before each image page. Their segments carry `entry` = the
 * image's part name and an OCR ref whose page is the image page (1, or the TIFF page), so a
 * finding reads `{page: 1, bbox, entry: 'word/media/image1.png'}`.
 *
 * Small pictures (logos, icons, signature stamps: under MIN_PIXELS or MIN_SIDE) are not
 * recognised; neither are vector formats (EMF/WMF/SVG). At most MAX_IMAGES images per document.
 */
import { ZipReader } from '../archive/zip.js';
import type { ScanDocument, Segment } from '../document/types.js';
import { decodeImagePage, imagePageCount, sniffImage } from '../extractors/image/decode.js';
import { PAGE_SEPARATOR, pageText } from './document.js';
import type { GreyImage } from './preprocess.js';
import type { OcrLines } from './recognizer.js';

/** Package formats (`meta.format`) → the folder their embedded pictures live in. */
export const MEDIA_FOLDERS: Readonly<Record<string, string>> = {
  docx: 'word/media/',
  xlsx: 'xl/media/',
  odt: 'Pictures/',
  ods: 'Pictures/',
  // A .zip archive: scans and photos anywhere in it (the archive's own entries, not nested ones).
  zip: '',
};

export const MIN_PIXELS = 120_000;
export const MIN_SIDE = 64;
export const MAX_IMAGES = 50;

const RASTER = /\.(png|jpe?g|tiff?|bmp|webp)$/i;

export type RecognisePage = (image: GreyImage, page: number) => Promise<OcrLines>;

/** `doc` with the text of its embedded pictures appended; `doc` itself when there is none. */
export async function ocrEmbeddedImages(doc: ScanDocument, bytes: Uint8Array, recognise: RecognisePage): Promise<ScanDocument> {
  const folder = MEDIA_FOLDERS[doc.meta.format];
  if (folder === undefined || !ZipReader.isZip(bytes)) return doc;
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes);
  } catch {
    return doc; // the extractor read it; a second reading that fails adds nothing
  }
  const entries = zip.entries
    .filter((e) => e.name.startsWith(folder) && RASTER.test(e.name) && !e.encrypted)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const warnings: string[] = [];
  const parts: string[] = [doc.text];
  const segments: Segment[] = [...doc.segments];
  let length = doc.text.length;
  let done = 0;
  for (const entry of entries) {
    if (done >= MAX_IMAGES) {
      warnings.push(`${entries.length - MAX_IMAGES} more embedded images not recognised (limit ${MAX_IMAGES})`);
      break;
    }
    let data: Uint8Array;
    try {
      data = zip.readEntry(entry);
    } catch {
      warnings.push(`${entry.name}: cannot be read`);
      continue;
    }
    const format = sniffImage(data);
    if (!format) continue;
    let pages: number;
    try {
      pages = await imagePageCount(data, format);
    } catch {
      warnings.push(`${entry.name}: corrupt image`);
      continue;
    }
    let counted = false;
    for (let page = 1; page <= pages; page++) {
      let lines: OcrLines;
      try {
        const image = await decodeImagePage(data, format, page);
        if (image.width * image.height < MIN_PIXELS || Math.min(image.width, image.height) < MIN_SIDE) continue;
        if (!counted) {
          done++;
          counted = true;
        }
        lines = await recognise(image, page);
      } catch (error) {
        warnings.push(`${entry.name}: ${error instanceof Error && /^page \d+: /.test(error.message) ? error.message : `page ${page}: OCR failed`}`);
        continue;
      }
      const piece = pageText({ page, lines });
      if (piece.text === '') continue;
      if (length > 0) {
        parts.push(PAGE_SEPARATOR);
        length += PAGE_SEPARATOR.length;
      }
      for (const s of piece.segments) segments.push({ ...s, start: s.start + length, end: s.end + length, entry: entry.name });
      parts.push(piece.text);
      length += piece.text.length;
    }
  }
  if (parts.length === 1 && warnings.length === 0) return doc;
  const meta = warnings.length > 0 ? { ...doc.meta, warnings: [...(doc.meta.warnings ?? []), ...warnings] } : doc.meta;
  return { text: parts.join(''), segments, meta };
}
