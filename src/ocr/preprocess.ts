/**
 * Page images → what tesseract reads best, with sharp: grey, contrast stretched, and upscaled so
 * that a line of text is about TARGET_LINE_PX high (tesseract's LSTM models are trained on text
 * ~30 px high and lose accuracy quickly below ~20 px). The upscale factor is found from the
 * image itself (line heights from ink profiles of narrow vertical strips, which a slight
 * rotation barely widens), never from the file's declared dpi, which scanners often get wrong.
 *
 * Output is a binary PGM ("P5"): Leptonica decodes it with no work at all.
 * Measured on fixtures/documents/ocr (bench/ocr-throughput.mjs prints the numbers):
 * see README of the OCR part in the report for why binarisation is off by default.
 */
import { loadSharp } from './lazy.js';

/** An 8-bit grey page image. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface PreprocessOptions {
  /** Stretch contrast (sharp normalise). Default false: it did not help (bench/ocr-throughput.mjs). */
  normalise?: boolean;
  /** Upscale small text to ~TARGET_LINE_PX. Default true. */
  upscale?: boolean;
  /** Binarise at this grey level (0..255); undefined: no threshold. */
  threshold?: number;
  /** Line height (estimateLineHeight units) to upscale to; default TARGET_LINE_PX. */
  targetLine?: number;
  /** Upscale only below this line height; default MIN_LINE_PX. */
  minLine?: number;
}

export interface PreparedImage {
  /** PGM bytes for tesseract. */
  image: Uint8Array;
  width: number;
  height: number;
  /** Prepared pixels per page pixel: divide prepared coordinates by it to get page pixels. */
  scale: number;
}

/** Height of a text line (ink extent) the upscale aims at. */
export const TARGET_LINE_PX = 20;
/** Lines at least this high are left alone. */
export const MIN_LINE_PX = 14;
/** Never enlarge more than this, nor beyond MAX_PIXELS. */
const MAX_SCALE = 3;
const MAX_PIXELS = 40_000_000;

export async function preprocess(page: GreyImage, options: PreprocessOptions = {}): Promise<PreparedImage> {
  const normalise = options.normalise ?? false;
  const upscale = options.upscale ?? true;
  let scale = 1;
  if (upscale) {
    const line = estimateLineHeight(page);
    const target = options.targetLine ?? TARGET_LINE_PX;
    if (line !== undefined && line < (options.minLine ?? MIN_LINE_PX)) {
      scale = Math.min(MAX_SCALE, target / line, Math.sqrt(MAX_PIXELS / (page.width * page.height)));
      if (scale < 1.15) scale = 1;
    }
  }
  const sharp = await loadSharp();
  let img = sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } });
  if (normalise) img = img.normalise();
  const width = Math.round(page.width * scale);
  const height = Math.round(page.height * scale);
  if (scale !== 1) img = img.resize(width, height, { kernel: 'cubic' });
  if (options.threshold !== undefined) img = img.threshold(options.threshold);
  const data = await img.toColourspace('b-w').raw().toBuffer();
  return { image: pgm(data, width, height), width, height, scale: width / page.width };
}

/** Binary PGM: "P5 width height 255\n" and the pixels. */
export function pgm(data: Uint8Array, width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data.subarray(0, width * height), header.length);
  return out;
}

/**
 * Median height of text lines in pixels, or undefined when the page shows no lines. Rows of
 * narrow vertical strips are marked inked when they hold dark pixels; runs of inked rows between
 * blank ones are lines (or line fragments). Runs shorter than 4 px are specks or rules.
 */
export function estimateLineHeight(page: GreyImage): number | undefined {
  const { data, width, height } = page;
  if (width < 16 || height < 16) return undefined;
  // Ink: darker than the page's typical paper by a margin (sample the grey histogram).
  const hist = new Uint32Array(256);
  const step = Math.max(1, Math.floor((width * height) / 200_000));
  for (let i = 0; i < width * height; i += step) hist[data[i]!]!++;
  let total = 0;
  for (const n of hist) total += n;
  let acc = 0;
  let paper = 255;
  for (let g = 255; g >= 0; g--) {
    acc += hist[g]!;
    if (acc >= total * 0.5) {
      paper = g;
      break;
    }
  }
  const ink = Math.max(0, paper - 90);
  const strips = 12;
  const stripWidth = Math.max(8, Math.floor(width / (strips * 2)));
  const runs: number[] = [];
  for (let s = 0; s < strips; s++) {
    const x0 = Math.floor(((s + 0.5) * width) / strips - stripWidth / 2);
    const x1 = Math.min(width, x0 + stripWidth);
    let run = 0;
    for (let y = 0; y < height; y++) {
      let dark = 0;
      const row = y * width;
      for (let x = Math.max(0, x0); x < x1; x++) if (data[row + x]! <= ink) dark++;
      if (dark >= 1) run++;
      else {
        if (run >= 4) runs.push(run);
        run = 0;
      }
    }
    if (run >= 4) runs.push(run);
  }
  if (runs.length < 3) return undefined;
  runs.sort((a, b) => a - b);
  // Upper median: strips that cut only x-height letters give shorter runs than whole lines.
  return runs[Math.floor(runs.length * 0.6)];
}
