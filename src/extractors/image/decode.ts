/**
 * Image files → 8-bit grey page images for OCR. sharp (libvips) reads PNG, JPEG, TIFF (every
 * page: `page`), and WebP; it cannot read BMP, so BMP is decoded here: uncompressed 1/4/8-bit
 * (palette), 24-bit and 32-bit, and BI_BITFIELDS 16/32-bit masks, bottom-up or top-down.
 */
import { loadSharp } from '../../ocr/lazy.js';
import type { GreyImage } from '../../ocr/preprocess.js';

export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'bmp' | 'webp';

/** Bigger images than this many pixels are refused (a decompression bomb, or not a document). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** The format by magic bytes, or undefined. */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  const b = bytes;
  if (b.length < 12) return undefined;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a)) return 'tiff';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return undefined;
}

export class ImageDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

/** Number of pages (TIFF directories; 1 for every other format). Throws ImageDecodeError. */
export async function imagePageCount(bytes: Uint8Array, format: ImageFormat): Promise<number> {
  if (format === 'bmp') {
    bmpHeader(bytes);
    return 1;
  }
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new ImageDecodeError('no image size');
    return format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  } catch (error) {
    throw error instanceof ImageDecodeError ? error : new ImageDecodeError('unreadable image data');
  }
}

/** Page `page` (1-based) as 8-bit grey pixels, alpha flattened onto white. Throws ImageDecodeError. */
export async function decodeImagePage(bytes: Uint8Array, format: ImageFormat, page: number): Promise<GreyImage> {
  if (format === 'bmp') return decodeBmp(bytes);
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, ...(format === 'tiff' ? { page: page - 1 } : {}) })
      .rotate() // EXIF orientation: phone photos are stored sideways
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new ImageDecodeError('unexpected channel count');
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw error instanceof ImageDecodeError ? error : new ImageDecodeError('unreadable image data');
  }
}

export interface BmpHeader {
  offset: number;
  width: number;
  height: number;
  topDown: boolean;
  bits: number;
  compression: number;
  headerSize: number;
  colours: number;
}

/** The header fields of an uncompressed BMP (the image redactor patches its pixel array in place). Throws ImageDecodeError. */
export function bmpHeader(b: Uint8Array): BmpHeader {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) throw new ImageDecodeError('not a BMP file');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const offset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  let width: number;
  let height: number;
  let bits: number;
  let compression = 0;
  let colours = 0;
  if (headerSize === 12) {
    width = v.getUint16(18, true);
    height = v.getInt16(20, true);
    bits = v.getUint16(24, true);
  } else if (headerSize >= 40 && b.length >= 14 + 40) {
    width = v.getInt32(18, true);
    height = v.getInt32(22, true);
    bits = v.getUint16(28, true);
    compression = v.getUint32(30, true);
    colours = v.getUint32(46, true);
  } else throw new ImageDecodeError('unsupported BMP header');
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height <= 0 || width * height > MAX_IMAGE_PIXELS) throw new ImageDecodeError('bad BMP size');
  if (![1, 4, 8, 16, 24, 32].includes(bits)) throw new ImageDecodeError(`unsupported BMP depth (${bits} bits)`);
  // 0 = BI_RGB, 3 = BI_BITFIELDS (16/32-bit masks); RLE and embedded JPEG/PNG are not read.
  if (compression !== 0 && !(compression === 3 && (bits === 16 || bits === 32))) throw new ImageDecodeError('compressed BMP is not supported');
  return { offset, width, height, topDown, bits, compression, headerSize, colours };
}

/** An uncompressed BMP → grey (ITU-R BT.601 luma). */
export function decodeBmp(b: Uint8Array): GreyImage {
  const h = bmpHeader(b);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const rowSize = Math.ceil((h.width * h.bits) / 32) * 4;
  if (h.offset + rowSize * h.height > b.length) throw new ImageDecodeError('truncated BMP');
  const out = new Uint8Array(h.width * h.height);
  const luma = (r: number, g: number, bl: number) => ((r * 299 + g * 587 + bl * 114 + 500) / 1000) | 0;

  let palette: Uint8Array | undefined;
  if (h.bits <= 8) {
    const entry = h.headerSize === 12 ? 3 : 4;
    const count = h.colours || 1 << h.bits;
    const at = 14 + h.headerSize;
    palette = new Uint8Array(256).fill(255);
    for (let i = 0; i < Math.min(count, 256); i++) {
      const p = at + i * entry;
      if (p + 2 >= b.length) break;
      palette[i] = luma(b[p + 2]!, b[p + 1]!, b[p]!);
    }
  }
  // BI_BITFIELDS: the red, green and blue masks follow the 40-byte header fields (also in V4/V5 headers).
  let masks: [number, number, number] | undefined;
  if (h.compression === 3) {
    if (14 + 40 + 12 > b.length) throw new ImageDecodeError('truncated BMP');
    masks = [v.getUint32(54, true), v.getUint32(58, true), v.getUint32(62, true)];
  } else if (h.bits === 16) masks = [0x7c00, 0x03e0, 0x001f];
  const channel = (value: number, mask: number) => {
    let m = mask >>> 0;
    if (m === 0) return 0;
    let shift = 0;
    while ((m & 1) === 0) {
      m >>>= 1;
      shift++;
    }
    return (((value >>> shift) & m) * 255) / m;
  };

  for (let y = 0; y < h.height; y++) {
    const src = h.offset + (h.topDown ? y : h.height - 1 - y) * rowSize;
    const dst = y * h.width;
    for (let x = 0; x < h.width; x++) {
      let g: number;
      switch (h.bits) {
        case 1:
          g = palette![(b[src + (x >> 3)]! >> (7 - (x & 7))) & 1]!;
          break;
        case 4:
          g = palette![(b[src + (x >> 1)]! >> (x & 1 ? 0 : 4)) & 15]!;
          break;
        case 8:
          g = palette![b[src + x]!]!;
          break;
        case 16: {
          const px = v.getUint16(src + x * 2, true);
          g = luma(channel(px, masks![0]), channel(px, masks![1]), channel(px, masks![2]));
          break;
        }
        case 24:
          g = luma(b[src + x * 3 + 2]!, b[src + x * 3 + 1]!, b[src + x * 3]!);
          break;
        default: {
          if (masks) {
            const px = v.getUint32(src + x * 4, true);
            g = luma(channel(px, masks[0]), channel(px, masks[1]), channel(px, masks[2]));
          } else g = luma(b[src + x * 4 + 2]!, b[src + x * 4 + 1]!, b[src + x * 4]!);
        }
      }
      out[dst + x] = g;
    }
  }
  return { data: out, width: h.width, height: h.height };
}
