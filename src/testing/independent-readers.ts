/**
 * Third-party readers the anonymised-copy tests check copies with, never the project's own
 * extractors: poppler's `pdftotext`/`pdftoppm` and the `tesseract` CLI when they are on PATH,
 * else pdf-parse and tesseract.js (with the vendored models, offline).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { TESSDATA_DIR } from '../ocr/languages.js';

const onPath = (tool: string) => {
  // PDNSCAN_TEST_NO_SYSTEM_TOOLS=1 runs the tests as on a machine without them (the fallbacks).
  if (process.env['PDNSCAN_TEST_NO_SYSTEM_TOOLS'] === '1') return false;
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
export const HAS_PDFTOTEXT = onPath('pdftotext');
export const HAS_PDFTOPPM = onPath('pdftoppm');
export const HAS_TESSERACT = onPath('tesseract');

function withTemp<T>(name: string, bytes: Uint8Array, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-read-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext (else pdf-parse) extracts it. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  if (HAS_PDFTOTEXT) return withTemp('in.pdf', bytes, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Page count and document information as pdf-parse reads them. */
export async function pdfInfo(bytes: Uint8Array): Promise<{ pages: number; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const result = await parser.getInfo();
    return { pages: result.total, info: (result.info ?? {}) as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

/** Grey pixels of each PDF page rendered by pdftoppm at `dpi` (else by pdf-parse's screenshot). */
export async function pdfPages(bytes: Uint8Array, dpi: number): Promise<{ data: Buffer; width: number; height: number }[]> {
  let pngs: Buffer[];
  if (HAS_PDFTOPPM) {
    pngs = withTemp('in.pdf', bytes, (file, dir) => {
      execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, path.join(dir, 'page')]);
      return readdirSync(dir)
        .filter((n) => n.startsWith('page') && n.endsWith('.png'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((n) => readFileSync(path.join(dir, n)));
    });
  } else {
    const parser = new PDFParse({ data: bytes.slice() });
    try {
      const shots = await parser.getScreenshot({ scale: dpi / 72, imageBuffer: true, imageDataUrl: false });
      pngs = shots.pages.map((p) => Buffer.from(p.data));
    } finally {
      await parser.destroy();
    }
  }
  return Promise.all(
    pngs.map(async (png) => {
      const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
}

/**
 * What tesseract (rus+eng) reads in an image file of any format it opens (PNG, JPEG, TIFF with
 * every page, BMP, WebP); `name` gives the extension.
 */
export async function ocrText(bytes: Uint8Array, name: string): Promise<string> {
  if (HAS_TESSERACT) {
    return withTemp(name, bytes, (file) => execFileSync('tesseract', [file, 'stdout', '-l', 'rus+eng'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  }
  const worker = await Tesseract.createWorker('rus+eng', Tesseract.OEM.LSTM_ONLY, { langPath: TESSDATA_DIR, gzip: true, cacheMethod: 'none' });
  try {
    const pages = /\.tiff?$/i.test(name) ? (await sharp(bytes).metadata()).pages ?? 1 : 1;
    const texts: string[] = [];
    for (let page = 0; page < pages; page++) {
      const input = /\.tiff?$/i.test(name) ? await sharp(bytes, { page }).png().toBuffer() : Buffer.from(bytes);
      texts.push((await worker.recognize(input)).data.text);
    }
    return texts.join('\n');
  } finally {
    await worker.terminate();
  }
}

const LATIN = 'ABCEHKMOPTXaceopxy';
const CYRILLIC = 'АВСЕНКМОРТХасеорху';

/**
 * Latin letters that look like Cyrillic ones turned Cyrillic: OCR with rus+eng reads "СНИЛС" with
 * a Latin C now and then, and a value read that way is still the value.
 */
export function foldLookalikes(text: string): string {
  return text.replace(/[ABCEHKMOPTXaceopxy]/g, (c) => CYRILLIC[LATIN.indexOf(c)]!);
}

/**
 * Whether `text` still holds `value`: values with 6 or more digits by their digits alone (a SNILS
 * read back as "726 993 82866"), others case-insensitively with spaces normalised and look-alike
 * letters folded.
 */
export function holdsValue(text: string, value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 6) return text.replace(/\D/g, '').includes(digits);
  const norm = (s: string) => foldLookalikes(s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim());
  return norm(text).includes(norm(value));
}
