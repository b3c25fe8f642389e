/**
 * A rendered, burnt PDF page → the image bytes put on the copy's page: grey when the page has no
 * colour, then the smaller of a lossless PNG and a JPEG.
 *
 * Measured on the fixtures at 200 dpi (A4 text page: PNG 53-73 KB, JPEG q85 107-141 KB; A6
 * scanned page: PNG 350 KB, JPEG q85 81 KB): text pages come out as PNG (exact, and smaller),
 * photographic scans as JPEG. pdfkit embeds both without decoding them again (PNG IDAT data as
 * FlateDecode, JPEG as DCTDecode).
 */
import { loadSharp } from '../../ocr/lazy.js';
import type { Raster } from './burn-boxes.js';

export const JPEG_QUALITY = 85;
/** Channels may differ this much and the page still counts as grey (pdf.js anti-aliasing noise). */
const GREY_TOLERANCE = 6;

export interface PageImage {
  bytes: Buffer;
  kind: 'png' | 'jpeg';
  grey: boolean;
}

export async function encodePageImage(rgb: Raster): Promise<PageImage> {
  if (rgb.channels !== 3) throw new Error('page image must be RGB');
  const sharp = await loadSharp();
  const grey = isGrey(rgb.data);
  const image = () => {
    const s = sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } });
    return grey ? s.toColourspace('b-w') : s;
  };
  const [png, jpeg] = await Promise.all([image().png({ compressionLevel: 9 }).toBuffer(), image().jpeg({ quality: JPEG_QUALITY }).toBuffer()]);
  return png.length <= jpeg.length ? { bytes: png, kind: 'png', grey } : { bytes: jpeg, kind: 'jpeg', grey };
}

function isGrey(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (Math.abs(r - g) > GREY_TOLERANCE || Math.abs(g - b) > GREY_TOLERANCE || Math.abs(r - b) > GREY_TOLERANCE) return false;
  }
  return true;
}
