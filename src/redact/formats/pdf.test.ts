import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ScanDocument } from '../../document/types.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import type { ScanOptions } from '../../pipeline/task.js';
import { holdsValue, ocrText, pdfInfo, pdfPages, pdfText } from '../../testing/independent-readers.js';
import { planEdits } from '../operators/index.js';
import { splitEdits } from '../segment-edits.js';
import type { Edit, WriteOutput } from '../types.js';
import { joinLines, type Box, type PageBox } from './burn-boxes.js';
import writer from './pdf.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DOCS = path.join(ROOT, 'fixtures/documents');
const KEY = Buffer.alloc(32, 7);
const OCR_TIMEOUT = 120_000;

interface TruthValue {
  type: string;
  value: string;
  page: number;
  bbox: Box;
  source?: 'pdf' | 'ocr';
}
interface TruthFile {
  values: TruthValue[];
  text?: (string | null)[];
}
const truth = (name: string) => JSON.parse(readFileSync(path.join(DOCS, name), 'utf8')) as { files: Record<string, TruthFile> };
const PDF_TRUTH = truth('pdf.truth.json');
const OCR_TRUTH = truth('ocr.truth.json');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Redacted {
  file: string;
  bytes: Uint8Array;
  hashBefore: string;
  doc: ScanDocument;
  edits: Edit[];
  out: WriteOutput;
}

/** Analysed, planned (replace) and written once per fixture and options: OCR is the slow part. */
const runs = new Map<string, Promise<Redacted>>();
function redacted(file: string, options: Partial<ScanOptions> = {}): Promise<Redacted> {
  const key = `${file} ${JSON.stringify(options)}`;
  let run = runs.get(key);
  if (!run) runs.set(key, (run = redact(file, options)));
  return run;
}

async function redact(file: string, options: Partial<ScanOptions>): Promise<Redacted> {
  const bytes = new Uint8Array(readFileSync(path.join(DOCS, file)));
  const hashBefore = sha(bytes);
  const { doc, all } = await analyzeBytes(bytes, file, { reveal: false, ...options });
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
  const out = await writer.write({ bytes, path: file, doc, edits });
  return { file, bytes, hashBefore, doc, edits, out };
}

/** Truth boxes in PDF points (OCR truth boxes are pixels of the page at the truth's dpi). */
function pointBox(v: TruthValue, dpi: number): Box {
  const k = v.source === 'ocr' ? 72 / dpi : 1;
  return [v.bbox[0] * k, v.bbox[1] * k, v.bbox[2] * k, v.bbox[3] * k];
}

/** The word boxes (points) of the edited segments, per page: what the writer had to burn. */
function editedBoxes(r: Redacted): Map<number, Box[]> {
  const out = new Map<number, Box[]>();
  for (const { page, box } of editedWords(r)) out.set(page, [...(out.get(page) ?? []), box]);
  return out;
}

function editedWords(r: Redacted): (PageBox & { edit: Edit })[] {
  return splitEdits(r.doc, r.edits).map((piece) => {
    const src = r.doc.segments[piece.segment]!.source;
    if (src.kind !== 'pdf' && src.kind !== 'ocr') throw new Error('unexpected segment kind');
    const k = src.kind === 'ocr' ? 72 / r.doc.meta.ocrDpi![src.page]! : 1;
    return { page: src.page, box: [src.bbox[0] * k, src.bbox[1] * k, src.bbox[2] * k, src.bbox[3] * k], edit: piece.edit };
  });
}

/** The bars the writer burns (an edit's words on one line joined), per page, unpadded. */
function bars(r: Redacted): Map<number, Box[]> {
  const byEdit = new Map<Edit, PageBox[]>();
  for (const w of editedWords(r)) byEdit.set(w.edit, [...(byEdit.get(w.edit) ?? []), w]);
  const out = new Map<number, Box[]>();
  for (const words of byEdit.values()) for (const { page, box } of joinLines(words)) out.set(page, [...(out.get(page) ?? []), box]);
  return out;
}

const centre = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const inside = ([x, y]: [number, number], b: Box) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

/** Planted values whose box centre lies in an edited word's box: the ones the scan found. */
function coveredValues(r: Redacted, values: readonly TruthValue[], dpi: number): TruthValue[] {
  const boxes = editedBoxes(r);
  return values.filter((v) => {
    const c = centre(pointBox(v, dpi));
    return (boxes.get(v.page) ?? []).some((b) => inside(c, [b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1]));
  });
}

/** Words of four letters or more. */
const words = (text: string) => new Set(text.match(/\p{L}{4,}/gu) ?? []);

const RENDER_DPI = 100;

/** The checks every copy must pass; returns the copy's pdftotext text. */
async function checkCopy(r: Redacted, values: readonly TruthValue[], labels: readonly string[], dpi = 300): Promise<string> {
  const copy = r.out.bytes;
  // (5) the original is untouched
  expect(sha(r.bytes)).toBe(r.hashBefore);
  expect(sha(readFileSync(path.join(DOCS, r.file)))).toBe(r.hashBefore);

  // (1) no planted value in the copy's text, by any independent reader
  const text = await pdfText(copy);
  for (const v of values) expect(holdsValue(text, v.value), `${v.type} in the copy's text`).toBe(false);

  // (2) the copy opens, with the original's page count
  const [infoCopy, infoOriginal] = await Promise.all([pdfInfo(copy), pdfInfo(r.bytes)]);
  expect(infoCopy.pages).toBe(infoOriginal.pages);

  // (3) non-personal text kept, through the invisible text layer
  const copyWords = words(text);
  const missing = labels.filter((w) => !copyWords.has(w));
  expect(labels.length).toBeGreaterThan(5);
  expect(missing.length, `labels lost: ${missing.join(' ')}`).toBeLessThanOrEqual(labels.length * 0.1);

  // (6) metadata of the original gone
  expect(infoCopy.info.Author).toBeUndefined();
  expect(infoCopy.info.Title).toBeUndefined();
  expect(infoCopy.info.Producer).toBe('pdnscan');

  // (4) black over every value, the rest of the page as it was
  const [pagesCopy, pagesOriginal] = await Promise.all([pdfPages(copy, RENDER_DPI), pdfPages(r.bytes, RENDER_DPI)]);
  const px = RENDER_DPI / 72;
  const grey = (page: number, point: [number, number]) => {
    const p = pagesCopy[page - 1]!;
    return p.data[Math.round(point[1] * px) * p.width + Math.round(point[0] * px)]!;
  };
  // The centre of each planted value's box (one line: a box over two lines has its centre between them)…
  for (const v of values) {
    const box = pointBox(v, dpi);
    if (box[3] - box[1] < 20) expect(grey(v.page, centre(box)), `${v.type} box centre`).toBeLessThan(40);
  }
  // …and of every word the edits cover.
  for (const [page, boxes] of editedBoxes(r)) for (const box of boxes) expect(grey(page, centre(box)), 'edited word centre').toBeLessThan(40);
  const burnt = bars(r);
  for (let p = 0; p < pagesCopy.length; p++) {
    const a = pagesCopy[p]!;
    const b = pagesOriginal[p]!;
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    // Outside the bars over the edited words (and a margin for the padding) the page is as it
    // was. Compared in cells of CELL pixels: two renderers (pdf.js for the copy's image, poppler
    // here) anti-alias glyph edges differently, a removed or blackened word changes whole cells.
    const mask = (burnt.get(p + 1) ?? []).map((e) => [(e[0] - 8) * px, (e[1] - 4) * px, (e[2] + 8) * px, (e[3] + 4) * px] as Box);
    const worst = cellDifference(a, b, mask);
    expect(worst, `page ${p + 1}: largest cell difference outside the boxes`).toBeLessThan(40);
  }
  return text;
}

const CELL = 6;

/**
 * The largest difference of mean grey between `a` and `b` over CELL×CELL cells clear of `mask`,
 * each cell of `b` allowed a shift of one pixel (renderers place glyph edges a pixel apart).
 */
function cellDifference(a: { data: Buffer; width: number; height: number }, b: { data: Buffer; width: number; height: number }, mask: readonly Box[]): number {
  const mean = (img: typeof a, x0: number, y0: number) => {
    let sum = 0;
    for (let y = y0; y < y0 + CELL; y++) for (let x = x0; x < x0 + CELL; x++) sum += img.data[y * img.width + x]!;
    return sum / (CELL * CELL);
  };
  let worst = 0;
  for (let y0 = 1; y0 + CELL + 1 <= a.height; y0 += CELL) {
    for (let x0 = 1; x0 + CELL + 1 <= a.width; x0 += CELL) {
      const cell: Box = [x0, y0, x0 + CELL, y0 + CELL];
      if (mask.some((m) => cell[0] < m[2] && cell[2] > m[0] && cell[1] < m[3] && cell[3] > m[1])) continue;
      const here = mean(a, x0, y0);
      let best = Infinity;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) best = Math.min(best, Math.abs(here - mean(b, x0 + dx, y0 + dy)));
      worst = Math.max(worst, best);
    }
  }
  return worst;
}

/** Label words of the original text: every word of four letters or more that no edit covers. */
function labelsOf(originalText: string, r: Redacted): string[] {
  const edited = new Set(r.edits.flatMap((e) => [...words(r.doc.text.slice(e.start, e.end))]));
  return [...words(originalText)].filter((w) => !edited.has(w));
}

describe('PDF writer: text layer', () => {
  it.each(['letter.pdf', 'two-columns.pdf', 'three-pages.pdf'])('%s: values gone from text and pixels, labels kept', async (name) => {
    const r = await redacted(`pdf/${name}`);
    const values = PDF_TRUTH.files[name]!.values;
    expect(values.length).toBeGreaterThan(0);
    const originalText = await pdfText(r.bytes);
    // The readers find the values in the original: their absence from the copy means something.
    for (const v of values) expect(holdsValue(originalText, v.value)).toBe(true);
    expect((await pdfInfo(r.bytes)).info.Author).toBe('pdnscan fixtures');

    const text = await checkCopy(r, values, labelsOf(originalText, r));
    // The substitutes stand where the values were, so the copy stays searchable.
    for (const e of r.edits) expect(text).toContain(e.text);
    expect(r.out.notes.join('\n')).toMatch(/rasterised at 200 dpi/);
  });

  it('letter.pdf: tesseract reads none of the values off the rasterised copy', async () => {
    const r = await redacted('pdf/letter.pdf');
    const pages = await pdfPages(r.out.bytes, 200);
    const png = await sharp(pages[0]!.data, { raw: { width: pages[0]!.width, height: pages[0]!.height, channels: 1 } }).png().toBuffer();
    const read = await ocrText(png, 'page.png');
    expect(read).toMatch(/ЗАЯВЛЕНИЕ/);
    for (const v of PDF_TRUTH.files['letter.pdf']!.values) expect(holdsValue(read, v.value), v.type).toBe(false);
  }, OCR_TIMEOUT);
});

describe('PDF writer: scanned pages', () => {
  it('scan-only.pdf: boxes burnt over the OCR words, text layer from OCR', async () => {
    const r = await redacted('ocr/scan-only.pdf');
    const t = OCR_TRUTH.files['scan-only.pdf']!;
    expect(r.doc.meta.ocrDpi).toEqual({ 1: 300, 2: 300 });
    const covered = coveredValues(r, t.values, 300);
    expect(covered.length).toBeGreaterThanOrEqual(t.values.length - 1);
    // The original has no text layer: the labels come from the generator's text.
    const text = await checkCopy(r, covered, labelsOf(t.text!.filter((x): x is string => typeof x === 'string').join('\n'), r));
    expect(text).toMatch(/ДОГОВОР ПОДРЯДА/);

    // Pixels: tesseract on the copy's pages finds none of the values it found in the original.
    const [copyPages, originalPages] = await Promise.all([pdfPages(r.out.bytes, 200), pdfPages(r.bytes, 200)]);
    const png = (p: (typeof copyPages)[number]) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: 1 } }).png().toBuffer();
    for (const page of [1, 2]) {
      const readCopy = await ocrText(await png(copyPages[page - 1]!), 'copy.png');
      const readOriginal = await ocrText(await png(originalPages[page - 1]!), 'original.png');
      const onPage = covered.filter((v) => v.page === page);
      const readable = onPage.filter((v) => holdsValue(readOriginal, v.value));
      expect(readable.length).toBeGreaterThanOrEqual(onPage.length - 2);
      for (const v of readable) expect(holdsValue(readCopy, v.value), `${v.type} on page ${page}`).toBe(false);
    }
  }, OCR_TIMEOUT);

  it('mixed.pdf recognised at 200 dpi: OCR boxes mapped through the recorded resolution, text page too', async () => {
    const r = await redacted('ocr/mixed.pdf', { ocrDpi: 200 });
    const t = OCR_TRUTH.files['mixed.pdf']!;
    expect(r.doc.meta.ocrDpi).toEqual({ 2: 200, 3: 200 });
    // Truth OCR boxes are pixels at 300 dpi; pointBox maps them with the truth's dpi.
    const covered = coveredValues(r, t.values, 300);
    expect(covered.length).toBeGreaterThanOrEqual(t.values.length - 2);
    expect(covered.some((v) => v.source === 'pdf')).toBe(true);
    // Page 3's own text layer is mojibake (cp1251 read as Latin-1, values included): OCR read the
    // page instead, and the copy keeps none of that layer. Labels: the generator's page texts.
    const text = await checkCopy(r, covered, labelsOf(t.text!.filter((x): x is string => typeof x === 'string').join('\n'), r));
    expect(text).toMatch(/Сопроводительное письмо/);
    expect(text).not.toMatch(/Ïàñïîðò/);
  }, OCR_TIMEOUT);
});

describe('PDF writer: refusals', () => {
  it('refuses a PDF whose scanned pages were never read', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(DOCS, 'ocr/scan-only.pdf')));
    const { doc } = await analyzeBytes(bytes, 'scan-only.pdf', { reveal: false, ocr: 'never' });
    await expect(writer.write({ bytes, path: 'scan-only.pdf', doc, edits: [] })).rejects.toThrow(/pages 1, 2 not read/);
  });

  it('refuses an edit it cannot place, with a message free of the value', async () => {
    const r = await redacted('pdf/letter.pdf');
    const piece = splitEdits(r.doc, r.edits).find((p) => p.edit.type === 'RU_SNILS')!;
    const segments = r.doc.segments.map((s, i) => (i === piece.segment ? { ...s, source: { kind: 'text' as const, line: 1, column: 0 } } : s));
    const error = await writer.write({ bytes: r.bytes, path: r.file, doc: { ...r.doc, segments }, edits: r.edits }).then(
      () => new Error('written'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/no position on a PDF page/);
    expect(holdsValue(error.message, piece.edit.finding.value)).toBe(false);
  });

  it('refuses OCR boxes whose render resolution is unknown', async () => {
    const r = await redacted('ocr/scan-only.pdf');
    const meta = { ...r.doc.meta };
    delete meta.ocrDpi;
    await expect(writer.write({ bytes: r.bytes, path: r.file, doc: { ...r.doc, meta }, edits: r.edits })).rejects.toThrow(/resolution of the OCR render unknown/);
  }, OCR_TIMEOUT);
});
