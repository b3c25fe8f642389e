import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { decodeBmp, decodeImagePage, ImageDecodeError, sniffImage } from './decode.js';
import { extractImage } from './index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(ROOT, 'fixtures/documents/ocr', name)));

/** A BMP of `bits` (8 with a grey palette, 24, 32) with rows given top to bottom as grey levels. */
function bmp(rows: number[][], bits: 8 | 24 | 32, topDown = false): Uint8Array {
  const width = rows[0]!.length;
  const height = rows.length;
  const palette = bits === 8 ? 1024 : 0;
  const rowSize = Math.ceil((width * bits) / 32) * 4;
  const offset = 54 + palette;
  const out = Buffer.alloc(offset + rowSize * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(topDown ? -height : height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bits, 28);
  for (let i = 0; i < palette / 4; i++) out.fill(i, 54 + i * 4, 54 + i * 4 + 3);
  rows.forEach((row, y) => {
    const at = offset + (topDown ? y : height - 1 - y) * rowSize;
    row.forEach((g, x) => out.fill(g, at + (x * bits) / 8, at + ((x + 1) * bits) / 8));
  });
  return new Uint8Array(out);
}

const ROWS = [
  [0, 50, 100],
  [150, 200, 255],
];

describe('image decoding', () => {
  it('sniffs the formats by their magic bytes', () => {
    expect(sniffImage(fixture('consent-form.png'))).toBe('png');
    expect(sniffImage(fixture('employee-card.jpg'))).toBe('jpeg');
    expect(sniffImage(fixture('scans.tif'))).toBe('tiff');
    expect(sniffImage(fixture('visitor-pass.bmp'))).toBe('bmp');
    expect(sniffImage(fixture('application.webp'))).toBe('webp');
    expect(sniffImage(new TextEncoder().encode('just some text here'))).toBeUndefined();
  });

  it.each([8, 24, 32] as const)('decodes %i-bit BMPs, bottom-up and top-down', (bits) => {
    for (const topDown of [false, true]) {
      const img = decodeBmp(bmp(ROWS, bits, topDown));
      expect([img.width, img.height]).toEqual([3, 2]);
      expect([...img.data]).toEqual(ROWS.flat());
    }
  });

  it('refuses compressed, truncated and malformed BMPs', () => {
    const rle = bmp(ROWS, 8);
    new DataView(rle.buffer).setUint32(30, 1, true); // BI_RLE8
    expect(() => decodeBmp(rle)).toThrow(ImageDecodeError);
    expect(() => decodeBmp(bmp(ROWS, 24).subarray(0, 60))).toThrow(/truncated/);
    expect(() => decodeBmp(new Uint8Array([0x42, 0x4d, 1, 2]))).toThrow(ImageDecodeError);
  });

  it('reads the fixture BMP as sharp reads the same pixels', async () => {
    const img = decodeBmp(fixture('visitor-pass.bmp'));
    const png = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).png().toBuffer();
    expect((await sharp(png).metadata()).width).toBe(img.width);
    expect(img.width).toBe(620);
  });

  it('decodes each TIFF page on its own', async () => {
    const p1 = await decodeImagePage(fixture('scans.tif'), 'tiff', 1);
    const p2 = await decodeImagePage(fixture('scans.tif'), 'tiff', 2);
    expect([p1.width, p1.height]).toEqual([p2.width, p2.height]);
    expect(Buffer.from(p1.data).equals(Buffer.from(p2.data))).toBe(false);
  });
});

describe('image extractor', () => {
  it.each([
    ['consent-form.png', 'png', 1],
    ['employee-card.jpg', 'jpeg', 1],
    ['scans.tif', 'tiff', 2],
    ['visitor-pass.bmp', 'bmp', 1],
    ['application.webp', 'webp', 1],
  ])('%s: format %s, %i page(s), all needing OCR, no text yet', async (name, format, pages) => {
    const bytes = fixture(name);
    const ex = extractorFor(name, bytes);
    expect('skip' in ex ? ex : ex.id).toBe('image');
    const doc = await extractImage({ bytes, path: name });
    assertDocument(doc);
    expect(doc).toEqual({ text: '', segments: [], meta: { format, pages, pagesNeedingOcr: Array.from({ length: pages }, (_, i) => i + 1) } });
  });

  it('reports a file that is no image as a corrupt image', async () => {
    await expect(extractImage({ bytes: new TextEncoder().encode('not an image at all'), path: 'x.png' })).rejects.toThrow(ExtractionError);
    const png = fixture('consent-form.png').subarray(0, 200);
    await expect(extractImage({ bytes: png, path: 'cut.png' })).rejects.toThrow(/^corrupt image: /);
  });
});
