/**
 * Anonymised copies of images (PNG, JPEG, TIFF with every page, WebP, BMP): a solid black box is
 * burnt into the pixels over the OCR word boxes of every edit, and the image is written back in
 * its own format.
 *
 * OCR boxes are pixels of the image as decode.ts hands it to OCR: EXIF orientation applied, no
 * scaling (preprocess.ts upscales for tesseract, and recognisePage divides the boxes back). The
 * copy is decoded the same way, so the boxes fall where OCR read the words; the orientation is
 * then baked into the pixels of the copy.
 *
 * sharp re-encodes from raw pixels, so nothing of the original's metadata can survive (EXIF with
 * GPS, camera and author, XMP, IPTC, ICC profile, PNG text chunks), the resolution (dpi) neither:
 * sharp would write it back as an EXIF block. TIFF keeps its resolution, a baseline tag of its
 * own. BMP (which sharp cannot write) is patched in place instead: its pixel array is overwritten
 * inside the boxes and every other byte stays, at its own bit depth and palette.
 */
import type { Segment } from '../../document/types.js';
import { bmpHeader, MAX_IMAGE_PIXELS, sniffImage, type ImageFormat } from '../../extractors/image/decode.js';
import { IMAGE_FORMATS } from '../../extractors/image/index.js';
import { loadSharp } from '../../ocr/lazy.js';
import { splitEdits } from '../segment-edits.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { assertEveryPageRead, burnBoxes, editBoxes, pixelRect, type Box, type PageBox, type Raster } from './burn-boxes.js';

/** Pixels added on every side of a word box: tesseract's boxes hug the ink, anti-aliasing spills past it. */
export const PAD_PX = 3;
export const JPEG_QUALITY = 90;
export const WEBP_QUALITY = 90;
const METADATA_GONE = 'metadata removed (EXIF with GPS, camera and author, XMP, IPTC, ICC profile, text chunks, resolution)';

export async function writeImage({ bytes, doc, edits }: WriteInput): Promise<WriteOutput> {
  const format = doc.meta.format as ImageFormat;
  if (!IMAGE_FORMATS.has(format) || sniffImage(bytes) !== format) throw new Error('image bytes do not match the scanned format');
  assertEveryPageRead(doc);
  const boxes = editBoxes(splitEdits(doc, edits), (i) => ocrBox(doc.segments[i]!), () => ({ x: PAD_PX, y: PAD_PX }));
  const count = [...boxes.values()].reduce((n, list) => n + list.length, 0);
  const notes = [`${count} box${count === 1 ? '' : 'es'} burnt into the pixels`];
  if (format === 'bmp') {
    const out = burnBmp(bytes, boxes.get(1) ?? []);
    notes.push('BMP patched in place (same depth and palette); boxes are the darkest palette colour in palette images');
    return { bytes: out, notes };
  }
  const out = await reencode(bytes, format, doc.meta.pages ?? 1, boxes);
  notes.push(...out.notes);
  return { bytes: out.bytes, notes };
}

function ocrBox({ source, entry }: Segment): PageBox {
  if (source.kind !== 'ocr' || entry !== undefined) throw new Error('an edit falls on text with no box in the image');
  return { page: source.page, box: [...source.bbox] };
}

async function reencode(bytes: Uint8Array, format: Exclude<ImageFormat, 'bmp'>, pages: number, boxes: Map<number, Box[]>): Promise<{ bytes: Uint8Array; notes: string[] }> {
  const sharp = await loadSharp();
  const meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  // Grey stays grey (1 channel); grey with alpha is read as RGBA, because sharp's grey output
  // drops the alpha channel.
  const grey = (meta.channels ?? 3) === 1;
  const rasters: Raster[] = [];
  for (let page = 1; page <= pages; page++) {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, ...(format === 'tiff' ? { page: page - 1 } : {}) })
      .rotate() // as decode.ts: OCR boxes are in the upright image
      .toColourspace(grey ? 'b-w' : 'srgb') // 8 bits a channel (16-bit PNG, CMYK JPEG)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raster: Raster = { data, width: info.width, height: info.height, channels: info.channels };
    burnBoxes(raster, boxes.get(page) ?? []);
    rasters.push(raster);
  }
  const first = rasters[0]!;
  if (rasters.some((r) => r.width !== first.width || r.height !== first.height || r.channels !== first.channels)) {
    throw new Error('TIFF pages of different sizes cannot be written back');
  }
  // Pages stacked top to bottom with pageHeight: sharp writes them as the TIFF's pages.
  const data = rasters.length === 1 ? first.data : Buffer.concat(rasters.map((r) => r.data));
  const image = sharp(data, {
    raw: { width: first.width, height: first.height * rasters.length, channels: first.channels as 1 | 2 | 3 | 4, ...(rasters.length > 1 ? { pageHeight: first.height } : {}) },
  }).toColourspace(grey ? 'b-w' : 'srgb'); // raw input is "multiband": name it, or 1-bit TIFF output is refused
  const notes: string[] = [];
  if ((meta.orientation ?? 1) !== 1) notes.push('EXIF orientation applied to the pixels');
  let out: Buffer;
  switch (format) {
    case 'png':
      out = await image.png({ compressionLevel: 9, ...(meta.isPalette ? { palette: true } : {}) }).toBuffer();
      notes.push(METADATA_GONE);
      break;
    case 'jpeg':
      out = await image.jpeg({ quality: JPEG_QUALITY }).toBuffer();
      notes.push(METADATA_GONE, `re-encoded as JPEG quality ${JPEG_QUALITY}`);
      break;
    case 'webp':
      out = await image.webp({ quality: WEBP_QUALITY }).toBuffer();
      notes.push(METADATA_GONE, `re-encoded as lossy WebP quality ${WEBP_QUALITY}`);
      break;
    case 'tiff': {
      // Bilevel scans stay bilevel (CCITT G4, as fax-style scanners write them); others lossless.
      const bilevel = meta.bitsPerSample === 1 && first.channels === 1;
      // TIFF keeps its resolution in baseline tags of its own, not in EXIF.
      const density = meta.density && meta.density > 0 ? meta.density : undefined;
      const res = density ? { xres: density / 25.4, yres: density / 25.4 } : {};
      out = await image.tiff(bilevel ? { compression: 'ccittfax4', bitdepth: 1, ...res } : { compression: 'deflate', predictor: 'horizontal', ...res }).toBuffer();
      notes.push(`${METADATA_GONE.replace(', resolution', '')}; resolution kept`, `TIFF re-encoded (${bilevel ? 'CCITT G4, 1 bit' : 'deflate'}), ${rasters.length} page${rasters.length === 1 ? '' : 's'}`);
      break;
    }
  }
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), notes };
}

/**
 * The BMP with its pixel array overwritten inside `boxes`: black (the darkest palette entry for
 * 1/4/8-bit palette images; colour bits cleared and alpha bits kept for 16/32-bit masks).
 */
export function burnBmp(bytes: Uint8Array, boxes: readonly Box[]): Uint8Array {
  const h = bmpHeader(bytes);
  const out = bytes.slice();
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const rowSize = Math.ceil((h.width * h.bits) / 32) * 4;
  if (h.offset + rowSize * h.height > out.length) throw new Error('truncated BMP');
  const black = h.bits <= 8 ? darkestPaletteIndex(out, h.headerSize, h.colours, h.bits) : 0;
  // Colour bits to clear in 16/32-bit pixels; bits outside them (alpha, padding) are kept.
  let colourMask = h.bits === 16 ? 0x7fff : 0xffffff;
  if (h.compression === 3) colourMask = (v.getUint32(54, true) | v.getUint32(58, true) | v.getUint32(62, true)) >>> 0;
  for (const box of boxes) {
    const rect = pixelRect(box, h.width, h.height);
    if (!rect) continue;
    const [x0, y0, x1, y1] = rect;
    for (let y = y0; y < y1; y++) {
      const row = h.offset + (h.topDown ? y : h.height - 1 - y) * rowSize;
      for (let x = x0; x < x1; x++) {
        switch (h.bits) {
          case 1:
          case 4: {
            const perByte = 8 / h.bits;
            const at = row + Math.floor(x / perByte);
            const shift = 8 - h.bits * ((x % perByte) + 1);
            const mask = ((1 << h.bits) - 1) << shift;
            out[at] = (out[at]! & ~mask) | ((black << shift) & mask);
            break;
          }
          case 8:
            out[row + x] = black;
            break;
          case 16:
            v.setUint16(row + x * 2, v.getUint16(row + x * 2, true) & ~colourMask, true);
            break;
          case 24:
            out.fill(0, row + x * 3, row + x * 3 + 3);
            break;
          default:
            v.setUint32(row + x * 4, (v.getUint32(row + x * 4, true) & ~colourMask) >>> 0, true);
        }
      }
    }
  }
  return out;
}

function darkestPaletteIndex(b: Uint8Array, headerSize: number, colours: number, bits: number): number {
  const entry = headerSize === 12 ? 3 : 4;
  const count = Math.min(colours || 1 << bits, 1 << bits);
  const at = 14 + headerSize;
  let best = 0;
  let bestLuma = Infinity;
  for (let i = 0; i < count && at + i * entry + 2 < b.length; i++) {
    const p = at + i * entry;
    const luma = b[p + 2]! * 299 + b[p + 1]! * 587 + b[p]! * 114;
    if (luma < bestLuma) {
      bestLuma = luma;
      best = i;
    }
  }
  return best;
}

const writer: FormatWriter = {
  formats: ['png', 'jpeg', 'tiff', 'bmp', 'webp'],
  write: writeImage,
};

export default writer;
