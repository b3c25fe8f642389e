/**
 * Boxes burnt into pixels, shared by the image and PDF writers: which boxes an edit covers (the
 * word boxes of its pieces, one bar per line), and solid black rectangles drawn into a raw raster
 * (sharp's `.raw()` output, or a rendered PDF page).
 *
 * A box covers whole words: an edit that covers part of a word ("123456," without the comma)
 * burns the whole word, because a word's box is all the position the source map has.
 */
import type { ScanDocument } from '../../document/types.js';
import type { SegmentEdit } from '../segment-edits.js';

/** [x0, y0, x1, y1], origin top-left, in the unit of whoever made it (pixels or PDF points). */
export type Box = [number, number, number, number];

/** Raw interleaved 8-bit pixels: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA channels. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** A box on a page of the source (1-based page). */
export interface PageBox {
  page: number;
  box: Box;
}

/**
 * Pages that were never read (no text layer and no OCR: `--ocr never`, or OCR failed) would be
 * copied with whatever they show and no box on it: refuse rather than write an unchecked copy.
 */
export function assertEveryPageRead(doc: ScanDocument): void {
  const unread = doc.meta.pagesNeedingOcr ?? [];
  if (unread.length > 0) {
    throw new Error(`page${unread.length > 1 ? 's' : ''} ${unread.join(', ')} not read (no text layer and not recognised): the copy cannot be checked`);
  }
}

/**
 * The boxes to burn for `pieces`, per page: each piece's word box from `boxOf` (which throws for a
 * segment it cannot place), boxes of one edit on one line joined into a single bar (the gaps
 * between the words of a number go too), then padded by `pad(box)` on each side.
 */
export function editBoxes(
  pieces: readonly SegmentEdit[],
  boxOf: (segment: number) => PageBox,
  pad: (box: Box) => { x: number; y: number },
): Map<number, Box[]> {
  const byEdit = new Map<SegmentEdit['edit'], PageBox[]>();
  for (const piece of pieces) {
    const list = byEdit.get(piece.edit) ?? [];
    list.push(boxOf(piece.segment));
    byEdit.set(piece.edit, list);
  }
  const out = new Map<number, Box[]>();
  for (const boxes of byEdit.values()) {
    for (const { page, box } of joinLines(boxes)) {
      const p = pad(box);
      const list = out.get(page) ?? [];
      list.push([box[0] - p.x, box[1] - p.y, box[2] + p.x, box[3] + p.y]);
      out.set(page, list);
    }
  }
  return out;
}

/** Boxes on one page whose vertical extents overlap by half the smaller height → one union box. */
export function joinLines(boxes: readonly PageBox[]): PageBox[] {
  const out: PageBox[] = [];
  for (const { page, box } of boxes) {
    const line = out.find((o) => o.page === page && sameLine(o.box, box));
    if (line) line.box = [Math.min(line.box[0], box[0]), Math.min(line.box[1], box[1]), Math.max(line.box[2], box[2]), Math.max(line.box[3], box[3])];
    else out.push({ page, box: [...box] });
  }
  return out;
}

function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return overlap > 0.5 * Math.min(a[3] - a[1], b[3] - b[1]);
}

/** `box` scaled by `factor` (points → pixels, pixels at one dpi → another). */
export function scaleBox(box: Box, factor: number): Box {
  return [box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor];
}

/**
 * The whole pixels `box` touches (rounded outwards), clipped to the raster, as [x0, y0, x1, y1)
 * integers; undefined when nothing of it is on the raster.
 */
export function pixelRect(box: Box, width: number, height: number): Box | undefined {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(width, Math.ceil(box[2]));
  const y1 = Math.min(height, Math.ceil(box[3]));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : undefined;
}

/**
 * Paints each box solid black (opaque where the raster has alpha) into `raster.data`, in place.
 * Returns how many boxes touched the raster.
 */
export function burnBoxes(raster: Raster, boxes: readonly Box[]): number {
  const { data, width, height, channels } = raster;
  const colours = channels >= 3 ? 3 : 1;
  const alpha = channels === 2 || channels === 4;
  let burnt = 0;
  for (const box of boxes) {
    const rect = pixelRect(box, width, height);
    if (!rect) continue;
    burnt++;
    const [x0, y0, x1, y1] = rect;
    for (let y = y0; y < y1; y++) {
      for (let i = (y * width + x0) * channels, end = (y * width + x1) * channels; i < end; i += channels) {
        data.fill(0, i, i + colours);
        if (alpha) data[i + colours] = 255;
      }
    }
  }
  return burnt;
}
