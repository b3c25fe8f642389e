/**
 * Pictures inside office packages. A scan pasted into a document was read by OCR (segments with
 * `entry` = the picture's part and an `ocr` source whose box is in pixels of the picture, upright
 * after its EXIF orientation): each edited word gets a black box burnt into the pixels, and the
 * picture is written back in its format and size. The package thumbnail (a small render of the
 * first page) is blanked, since it shows whatever the first page shows.
 *
 * Pictures go through sharp, which drops their metadata (EXIF: camera, place, author).
 */
import type { Metadata, OverlayOptions, Sharp } from 'sharp';
import { MAX_IMAGE_PIXELS, sniffImage } from '../../extractors/image/decode.js';
import { loadSharp } from '../../ocr/lazy.js';
import type { SegmentChange } from './zip-changes.js';
import type { OfficePackage } from './zip-package.js';

type Box = [number, number, number, number];

/** Pixels added around each box: OCR word boxes hug the ink, anti-aliased edges spill past them. */
const PAD = 3;

/**
 * Burns the boxes of the OCR changes into their pictures. Returns how many pictures changed.
 * Throws (value-free) for a change it cannot place: not an OCR word of a picture in the package,
 * a page of a multi-page picture, or a picture format sharp cannot write.
 */
export async function burnPictureChanges(pkg: OfficePackage, changes: readonly SegmentChange[], format: string): Promise<number> {
  const byEntry = new Map<string, Map<unknown, Box[]>>();
  for (const c of changes) {
    const { source, entry } = c.segment;
    if (source.kind !== 'ocr' || entry === undefined || !pkg.has(entry)) {
      throw new Error(`${format} writer: an edit lies in a part of the package the writer cannot place`);
    }
    if (source.page !== 1) throw new Error(`${format} writer: values on a later page of a multi-page picture cannot be boxed`);
    // Boxes of one edit are kept together: words of one value on one line become one bar.
    const byEdit = byEntry.get(entry) ?? new Map<unknown, Box[]>();
    byEntry.set(entry, byEdit);
    for (const p of c.pieces) {
      const list = byEdit.get(p.edit) ?? [];
      list.push(source.bbox);
      byEdit.set(p.edit, list);
    }
  }
  for (const [entry, byEdit] of byEntry) {
    const boxes = [...byEdit.values()].flatMap(joinLines);
    pkg.replace(entry, await burnBoxes(pkg.read(entry)!, boxes, format));
  }
  return byEntry.size;
}

/** Boxes on one line (vertical overlap over half the smaller height) joined into one bar. */
function joinLines(boxes: readonly Box[]): Box[] {
  const out: Box[] = [];
  for (const b of [...boxes].sort((x, y) => x[0] - y[0])) {
    const line = out.find((o) => {
      const overlap = Math.min(o[3], b[3]) - Math.max(o[1], b[1]);
      return overlap > 0.5 * Math.min(o[3] - o[1], b[3] - b[1]);
    });
    if (line) {
      line[0] = Math.min(line[0], b[0]);
      line[1] = Math.min(line[1], b[1]);
      line[2] = Math.max(line[2], b[2]);
      line[3] = Math.max(line[3], b[3]);
    } else out.push([...b]);
  }
  return out;
}

/** The picture with solid black boxes over `boxes` (pixels of the upright picture), same format and size. */
export async function burnBoxes(data: Uint8Array, boxes: readonly Box[], format: string): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const { image, width, height, kind } = await uprightImage(sharp, data, format);
  const overlays: OverlayOptions[] = [];
  for (const [x0, y0, x1, y1] of boxes) {
    const left = Math.max(0, Math.floor(x0) - PAD);
    const top = Math.max(0, Math.floor(y0) - PAD);
    const right = Math.min(width, Math.ceil(x1) + PAD);
    const bottom = Math.min(height, Math.ceil(y1) + PAD);
    if (right <= left || bottom <= top) continue;
    overlays.push({
      input: { create: { width: right - left, height: bottom - top, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } },
      left,
      top,
    });
  }
  return encodeAs(image.composite(overlays), kind);
}

/** A picture of the same format and size, all white (a thumbnail's replacement). */
export async function blankPicture(data: Uint8Array, format: string): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const { width, height, kind } = await uprightImage(sharp, data, format);
  const white = sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } });
  return encodeAs(white, kind);
}

type Writable = 'png' | 'jpeg' | 'webp' | 'tiff';

async function uprightImage(
  sharp: Awaited<ReturnType<typeof loadSharp>>,
  data: Uint8Array,
  format: string,
): Promise<{ image: Sharp; width: number; height: number; kind: Writable }> {
  const kind = sniffImage(data);
  if (kind === undefined || kind === 'bmp') throw new Error(`${format} writer: a picture in a format that cannot be rewritten`);
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch {
    throw new Error(`${format} writer: a picture cannot be read`);
  }
  if ((meta.pages ?? 1) > 1) throw new Error(`${format} writer: a multi-page picture cannot be rewritten`);
  if (!meta.width || !meta.height) throw new Error(`${format} writer: a picture has no size`);
  // OCR read the picture upright (EXIF orientation applied); boxes are in that frame.
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    image: sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate(),
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    kind,
  };
}

async function encodeAs(image: Sharp, kind: Writable): Promise<Uint8Array> {
  const encoded =
    kind === 'jpeg'
      ? image.jpeg({ quality: 92 })
      : kind === 'png'
        ? image.png()
        : kind === 'webp'
          ? image.webp({ quality: 92 })
          : image.tiff({ compression: 'lzw' });
  return new Uint8Array(await encoded.toBuffer());
}
