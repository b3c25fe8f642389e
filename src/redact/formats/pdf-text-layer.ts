/**
 * The invisible text layer of a rasterised PDF page: each word drawn at its box in text render
 * mode 3 (neither filled nor stroked), as OCR tools lay text over a scan, so the copy can still be
 * searched, selected and extracted (pdftotext, pdf.js) while only the page image is seen.
 *
 * pdfkit has no option for mode 3, but the mode is part of the graphics state and survives its
 * BT/ET blocks: "3 Tr" is set once inside a save/restore around the page's words, and pdfkit's
 * own text drawing only writes a Tr when asked to fill and stroke. Words are set in DejaVu Sans
 * (Cyrillic), sized to the box height and stretched (Tz) to the box width.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import type { Box } from './burn-boxes.js';

export interface PlacedWord {
  text: string;
  /** PDF points, origin top-left. */
  box: Box;
}

const FONT_NAME = 'pdnscan-text-layer';
let fontBytes: Buffer | undefined;

function font(): Buffer {
  return (fontBytes ??= readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
}

/** pdfkit's text options, with the horizontal scaling its type declarations lack. */
type TextOptions = PDFKit.Mixins.TextOptions & { horizontalScaling?: number };

export function writeInvisibleWords(kit: typeof PDFDocument.prototype, words: readonly PlacedWord[]): void {
  const placed = words.filter((w) => w.text.trim() !== '' && w.box[3] > w.box[1] && w.box[2] > w.box[0]);
  if (placed.length === 0) return;
  kit.registerFont(FONT_NAME, font());
  kit.font(FONT_NAME);
  kit.save();
  kit.addContent('3 Tr');
  for (const { text, box } of placed) {
    const size = box[3] - box[1];
    kit.fontSize(size);
    const natural = kit.widthOfString(text);
    const stretch = natural > 0 ? Math.min(1000, Math.max(5, ((box[2] - box[0]) / natural) * 100)) : 100;
    const options: TextOptions = { lineBreak: false, baseline: 'top', horizontalScaling: Math.round(stretch * 100) / 100 };
    kit.text(text, box[0], box[1], options);
  }
  kit.restore();
}
