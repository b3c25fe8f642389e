/**
 * The recogniser on one small real image (a crop of an OCR fixture): words with boxes and
 * confidences, one worker reused, a page timeout that replaces the worker, and shutdown.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { availableOcrLanguages, normaliseOcrLanguages, UnknownOcrLanguageError } from './languages.js';
import { estimateLineHeight, preprocess, type GreyImage } from './preprocess.js';
import { OcrPageError, ocrWorkerCount, ocrWorkerRunning, parseTsv, recognize, setOcrWorkers, shutdownOcr } from './recognizer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const truth = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/ocr.truth.json'), 'utf8')) as {
  files: Record<string, { values: { type: string; value: string; bbox: number[] }[] }>;
};

/** The СНИЛС and ИНН lines of employee-card.jpg (A6 at 150 dpi, 9 pt text), as grey pixels. */
async function smallImage(): Promise<{ image: GreyImage; snils: string; inn: string; top: number; left: number }> {
  const values = truth.files['employee-card.jpg']!.values;
  const snils = values.find((v) => v.type === 'RU_SNILS')!;
  const inn = values.find((v) => v.type === 'RU_INN_PERSON')!;
  const top = Math.floor(snils.bbox[1]!) - 12;
  const left = 20;
  const height = Math.ceil(inn.bbox[3]!) + 12 - top;
  const { data, info } = await sharp(path.join(ROOT, 'fixtures/documents/ocr/employee-card.jpg'))
    .extract({ left, top, width: 560, height })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data, width: info.width, height: info.height }, snils: snils.value, inn: inn.value, top, left };
}

afterAll(() => shutdownOcr());

describe('languages', () => {
  it('lists the vendored models and checks --ocr-lang against them', () => {
    expect(availableOcrLanguages()).toEqual(expect.arrayContaining(['eng', 'rus']));
    expect(normaliseOcrLanguages('rus+eng')).toBe('rus+eng');
    expect(normaliseOcrLanguages(' eng + rus+eng')).toBe('eng+rus');
    expect(() => normaliseOcrLanguages('rus+deu')).toThrow(UnknownOcrLanguageError);
    expect(() => normaliseOcrLanguages('rus+deu')).toThrow(/deu.*available: eng, rus/);
    expect(() => normaliseOcrLanguages('')).toThrow(UnknownOcrLanguageError);
  });
});

describe('parseTsv', () => {
  it('groups level-5 rows into lines and scales confidences to 0..1', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t500\t300\t-1\t',
      '4\t1\t1\t1\t1\t0\t10\t10\t200\t20\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t10\t80\t20\t96.5\tСНИЛС:',
      '5\t1\t1\t1\t1\t2\t95\t10\t120\t20\t91\t112-233-445',
      '5\t1\t1\t1\t1\t3\t220\t10\t20\t20\t95\t ',
      '5\t1\t1\t1\t2\t1\t10\t40\t60\t20\t88.25\tИНН',
    ].join('\n');
    expect(parseTsv(tsv)).toEqual([
      [
        { text: 'СНИЛС:', bbox: [10, 10, 90, 30], confidence: 0.965 },
        { text: '112-233-445', bbox: [95, 10, 215, 30], confidence: 0.91 },
      ],
      [{ text: 'ИНН', bbox: [10, 40, 70, 60], confidence: 0.883 }],
    ]);
  });
});

describe('preprocess', () => {
  it('measures line height and upscales small text only', async () => {
    const { image } = await smallImage();
    const line = estimateLineHeight(image)!;
    expect(line).toBeGreaterThan(8);
    expect(line).toBeLessThan(30);
    const prepared = await preprocess(image);
    expect(Buffer.from(prepared.image.subarray(0, 3)).toString('latin1')).toBe('P5\n');
    expect(prepared.width).toBe(Math.round(image.width * prepared.scale));
    // Twice as small: the text gets enlarged back.
    const half = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
      .resize(Math.round(image.width / 2))
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const small = await preprocess({ data: half.data, width: half.info.width, height: half.info.height });
    expect(small.scale).toBeGreaterThan(1.5);
    expect((await preprocess(image, { upscale: false })).scale).toBe(1);
  });
});

describe('recognize', () => {
  it('reads the words of a small real image with boxes and confidences', async () => {
    const { image, snils, inn } = await smallImage();
    const prepared = await preprocess(image);
    const lines = await recognize(prepared.image, 1);
    expect(ocrWorkerRunning()).toBe(true);
    const words = lines.flat();
    const text = lines.map((l) => l.map((w) => w.text).join(' ')).join('\n');
    expect(text.replace(/\D/g, '')).toContain(snils.replace(/\D/g, ''));
    expect(text).toContain(inn);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const w of words) {
      expect(w.text).not.toMatch(/\s/);
      const [x0, y0, x1, y1] = w.bbox;
      expect(0 <= x0 && x0 < x1 && x1 <= prepared.width && 0 <= y0 && y0 < y1 && y1 <= prepared.height).toBe(true);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(1);
    }
    // The ИНН word sits below the СНИЛС words.
    const innWord = words.find((w) => w.text.includes(inn))!;
    const snilsWord = words.find((w) => w.text.startsWith(snils.slice(0, 7)))!;
    expect(innWord.bbox[1]).toBeGreaterThan(snilsWord.bbox[3] - 2);
  });

  it('times a page out with an error naming the page, then recognises the next with a new worker', async () => {
    const { image } = await smallImage();
    const prepared = await preprocess(image);
    await expect(recognize(prepared.image, 7, { timeoutMs: 1 })).rejects.toThrow(OcrPageError);
    await expect(recognize(prepared.image, 7, { timeoutMs: 1 })).rejects.toThrow(/^page 7: OCR timed out/);
    const lines = await recognize(prepared.image, 8);
    expect(lines.flat().length).toBeGreaterThan(3);
  });

  it('fails a page that is not an image, and keeps working', async () => {
    await expect(recognize(new Uint8Array([1, 2, 3, 4]), 3)).rejects.toThrow(/^page 3: OCR failed/);
    const { image } = await smallImage();
    expect((await recognize((await preprocess(image)).image, 4)).flat().length).toBeGreaterThan(3);
  });

  it('runs pages on several workers when allowed, one worker per page at a time', async () => {
    const { image } = await smallImage();
    const prepared = await preprocess(image);
    await shutdownOcr();
    setOcrWorkers(2);
    try {
      const results = await Promise.all([1, 2, 3].map((page) => recognize(prepared.image, page)));
      expect(ocrWorkerCount()).toBe(2);
      const texts = results.map((lines) => lines.flat().map((w) => w.text).join(' '));
      expect(new Set(texts).size).toBe(1); // same image, same words whichever worker read it
    } finally {
      setOcrWorkers(1);
    }
    // Back to one: a later page reuses an idle worker and starts none.
    await recognize(prepared.image, 4);
    expect(ocrWorkerCount()).toBe(2);
  });

  it('shuts the worker down', async () => {
    await shutdownOcr();
    expect(ocrWorkerRunning()).toBe(false);
    await shutdownOcr(); // twice is fine
  });
});
