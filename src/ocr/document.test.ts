/**
 * OCR words → document: word segments with boxes and confidences, pages merged into a
 * text-layer PDF in page order, locations and the confidence of a range; and the OCR step on
 * the mixed PDF fixture (a text page and a scanned page).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertDocument } from '../document/assert-document.js';
import { locateRange } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import { extractPdf } from '../extractors/pdf/index.js';
import { buildMatchView } from '../text/match-view.js';
import { extractDocx } from '../extractors/docx/index.js';
import { mergePages, ocrConfidenceOf, pageText, type RecognisedPage } from './document.js';
import { ocrEmbeddedImages } from './embedded.js';
import { garbledPages, ocrPages } from './ocr-pages.js';
import { shutdownOcr } from './recognizer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

afterAll(() => shutdownOcr());

const w = (text: string, x: number, y: number, confidence = 0.9) => ({ text, bbox: [x, y, x + 10 * text.length, y + 20] as [number, number, number, number], confidence });

const PAGE2: RecognisedPage = {
  page: 2,
  lines: [[w('СНИЛС:', 10, 10), w('112-233-445', 80, 10, 0.8), w('95', 200, 12, 0.6)], [], [w('ИНН', 10, 40)]],
};

describe('pageText', () => {
  it('joins words with spaces and lines with newlines, a segment per word, separators outside', () => {
    const p = pageText(PAGE2);
    expect(p.text).toBe('СНИЛС: 112-233-445 95\nИНН');
    expect(p.segments.map((s) => p.text.slice(s.start, s.end))).toEqual(['СНИЛС:', '112-233-445', '95', 'ИНН']);
    expect(p.segments[1]!.source).toEqual({ kind: 'ocr', page: 2, bbox: [80, 10, 190, 30], confidence: 0.8 });
  });
});

describe('mergePages', () => {
  const textLayer: ScanDocument = {
    text: 'Письмо\nСНИЛС 112-233-445 95\n\f\nстр 3',
    segments: [
      { start: 0, end: 6, source: { kind: 'pdf', page: 1, bbox: [1, 1, 5, 2] } },
      { start: 7, end: 12, source: { kind: 'pdf', page: 1, bbox: [1, 3, 5, 4] } },
      { start: 13, end: 24, source: { kind: 'pdf', page: 1, bbox: [6, 3, 9, 4] } },
      { start: 25, end: 27, source: { kind: 'pdf', page: 1, bbox: [10, 3, 12, 4] } },
      { start: 27 + 3, end: 27 + 6, source: { kind: 'pdf', page: 3, bbox: [1, 1, 2, 2] } },
      { start: 27 + 7, end: 27 + 8, source: { kind: 'pdf', page: 3, bbox: [3, 1, 4, 2] } },
    ],
    meta: { format: 'pdf', pages: 3, pagesNeedingOcr: [2, 3] },
  };

  it('keeps page order, keeps text-layer pages and replaces recognised ones', () => {
    assertDocument(textLayer);
    const page3: RecognisedPage = { page: 3, lines: [[w('Страница', 5, 5), w('3', 100, 5)]] };
    const doc = mergePages(textLayer, [page3, PAGE2]);
    assertDocument(doc);
    expect(doc.text).toBe('Письмо\nСНИЛС 112-233-445 95\n\f\nСНИЛС: 112-233-445 95\nИНН\n\f\nСтраница 3');
    expect(doc.segments.map((s) => [s.source.kind, 'page' in s.source ? s.source.page : 0])).toEqual([
      ['pdf', 1], ['pdf', 1], ['pdf', 1], ['pdf', 1],
      ['ocr', 2], ['ocr', 2], ['ocr', 2], ['ocr', 2],
      ['ocr', 3], ['ocr', 3],
    ]);
  });

  it('locates a range over several OCR words as the union of their boxes, with the lowest confidence', () => {
    const doc = mergePages(textLayer, [PAGE2]);
    const start = doc.text.indexOf('112-233-445 95', 20);
    const end = start + '112-233-445 95'.length;
    expect(locateRange(doc, start, end)).toEqual({ page: 2, bbox: [80, 10, 220, 32] });
    expect(ocrConfidenceOf(doc, start, end)).toBe(0.6);
    expect(ocrConfidenceOf(doc, start, start + 3)).toBe(0.8);
    // On the text layer: no OCR confidence.
    expect(ocrConfidenceOf(doc, 13, 27)).toBeUndefined();
  });

  it('folds a lone "Ne" read for "№" before a number', () => {
    expect(buildMatchView('серия 45 05 Ne 723113').text).toBe('серия 45 05 № 723113');
    expect(buildMatchView('One 5').text).toBe('One 5');
  });
});

describe('ocrPages on a mixed PDF', () => {
  it('recognises the scanned page and the garbled one, and keeps the text page', async () => {
    const bytes = readFileSync(path.join(ROOT, 'fixtures/documents/ocr/mixed.pdf'));
    const extracted = await extractPdf({ bytes, path: 'mixed.pdf' });
    expect(extracted.meta.pagesNeedingOcr).toEqual([2]);
    expect(garbledPages(extracted)).toEqual([3]);
    const doc = await ocrPages(extracted, bytes, { dpi: 200 });
    assertDocument(doc);
    expect(doc.meta.pagesNeedingOcr).toEqual([]);
    const page1 = extracted.text.slice(0, extracted.text.indexOf('\n\f\n'));
    expect(doc.text.slice(0, page1.length + 3)).toBe(`${page1}\n\f\n`);
    expect(doc.text).not.toMatch(/Ñ/); // the garbled layer is gone
    const ocr = doc.segments.filter((s) => s.source.kind === 'ocr');
    expect(ocr.length).toBeGreaterThan(60);
    expect(doc.text.match(/СНИЛС/g)).toHaveLength(3);
    // A6 pages at 200 dpi: boxes within 827 x 1165 pixels.
    for (const s of ocr) {
      const src = s.source as { page: number; bbox: number[] };
      expect([2, 3]).toContain(src.page);
      expect(src.bbox[2]).toBeLessThanOrEqual(828);
      expect(src.bbox[3]).toBeLessThanOrEqual(1166);
    }
    // Nothing to do with --ocr never.
    expect(await ocrPages(extracted, bytes, { mode: 'never' })).toBe(extracted);
  });

  it('takes a readable text layer for what it is', async () => {
    const letter = await extractPdf({ bytes: readFileSync(path.join(ROOT, 'fixtures/documents/pdf/letter.pdf')), path: 'letter.pdf' });
    expect(garbledPages(letter)).toEqual([]);
    const french: ScanDocument = {
      text: 'Numéro de sécurité sociale: élève à Genève, été',
      segments: [{ start: 0, end: 47, source: { kind: 'pdf', page: 1, bbox: [0, 0, 1, 1] } }],
      meta: { format: 'pdf', pages: 1 },
    };
    expect(garbledPages(french)).toEqual([]);
    const mojibake = { ...french, text: 'Ïàñïîðò: ñåðèÿ 45 10 ¹ 123456, âûäàí ÎÂÄ ã. Ìîñêâû' };
    mojibake.segments = [{ start: 0, end: mojibake.text.length, source: { kind: 'pdf', page: 1, bbox: [0, 0, 1, 1] } }];
    expect(garbledPages(mojibake)).toEqual([1]);
  });

  it('keeps a page that times out in pagesNeedingOcr, with a warning', async () => {
    const bytes = readFileSync(path.join(ROOT, 'fixtures/documents/ocr/scan-only.pdf'));
    const extracted = await extractPdf({ bytes, path: 'scan-only.pdf' });
    const doc = await ocrPages(extracted, bytes, { dpi: 100, pageTimeoutMs: 1 });
    expect(doc.meta.pagesNeedingOcr).toEqual([1, 2]);
    expect(doc.meta.warnings).toEqual(['page 1: OCR timed out after 1 ms', 'page 2: OCR timed out after 1 ms']);
    expect(doc.text).toBe('');
  });
});

describe('ocrEmbeddedImages', () => {
  it('appends the words of a DOCX picture after the text, tagged with the picture part', async () => {
    const bytes = readFileSync(path.join(ROOT, 'fixtures/documents/ocr/letter-with-scan.docx'));
    const extracted = await extractDocx({ bytes, path: 'letter-with-scan.docx' });
    const seen: Array<[number, number, number]> = [];
    const doc = await ocrEmbeddedImages(extracted, bytes, async (image, page) => {
      seen.push([image.width, image.height, page]);
      return PAGE2.lines;
    });
    assertDocument(doc);
    expect(seen).toEqual([[620, 874, 1]]);
    expect(doc.text).toBe(`${extracted.text}\n\f\nСНИЛС: 112-233-445 95\nИНН`);
    const added = doc.segments.slice(extracted.segments.length);
    expect(added.map((s) => [s.entry, s.source.kind])).toEqual(Array(4).fill(['word/media/image1.jpeg', 'ocr']));
    const at = doc.text.indexOf('112-233');
    expect(locateRange(doc, at, at + 14)).toEqual({ page: 1, bbox: [80, 10, 220, 32], entry: 'word/media/image1.jpeg' });
  });

  it('leaves documents without pictures, and other formats, as they are', async () => {
    const doc: ScanDocument = { text: 'x', segments: [], meta: { format: 'txt' } };
    expect(await ocrEmbeddedImages(doc, new Uint8Array(), async () => [])).toBe(doc);
  });
});
