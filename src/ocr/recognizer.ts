/**
 * The recogniser: one long-lived tesseract.js worker per thread, created on first use and kept
 * for every later page of this thread (tesseract.js starts a worker thread of its own per
 * recogniser, and loading a model costs ~0.5 s: never one per page). A piscina pool thread
 * therefore holds one recogniser; an in-process scan holds one in the main thread.
 * `shutdownOcr()` terminates it: the engine calls it at the end of a scan so that no tesseract
 * thread keeps the process alive.
 *
 * Offline by construction: the models come from vendor/tessdata (langPath a local directory,
 * gzip), `cacheMethod: 'none'` so nothing is read from or written to a cache directory, and
 * tesseract.js's Node worker loads its script and core wasm from node_modules.
 *
 * Output: words with their box (pixels of the image given) and confidence (0..1), grouped in
 * lines in tesseract's reading order, read from the TSV output (cheaper than the JSON blocks,
 * which carry every symbol and choice).
 */
import type Tesseract from 'tesseract.js';
import { loadTesseract } from './lazy.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OCR_LANG, TESSDATA_DIR } from './languages.js';

export type BBox = [number, number, number, number];

export interface OcrWord {
  text: string;
  /** [x0, y0, x1, y1] in pixels of the recognised image, origin top-left. */
  bbox: BBox;
  /** Tesseract's word confidence scaled to 0..1. */
  confidence: number;
}

/** One page's words, line by line in reading order. */
export type OcrLines = OcrWord[][];

export interface RecognizeOptions {
  /** Tesseract languages joined with "+" (default rus+eng). */
  lang?: string;
  /** Give up on a page after this many ms (the worker is then replaced). */
  timeoutMs?: number;
  /** Resolution to tell tesseract (pixels per inch of the image given), when known. */
  dpi?: number;
}

/** A page that could not be recognised: failed or timed out. The message holds no content. */
export class OcrPageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrPageError';
  }
}

export const DEFAULT_PAGE_TIMEOUT_MS = 120_000;

interface Recognizer {
  lang: string;
  worker: Promise<Tesseract.Worker>;
  /** Set when terminated: a job that was waiting for the worker must not use it. */
  closed?: boolean;
}

/**
 * tesseract-worker.js (built next to this module): tesseract.js's worker script with its console
 * silenced. Under a TypeScript test runner only the .ts exists: tesseract.js's own script is used.
 */
const QUIET_WORKER = ((p) => (existsSync(p) ? p : undefined))(fileURLToPath(new URL('./tesseract-worker.js', import.meta.url)));

let current: Recognizer | undefined;
/** Pages of one thread are recognised one after another (the timeout counts from the start). */
let queue: Promise<unknown> = Promise.resolve();

function recognizer(lang: string): Promise<Tesseract.Worker> {
  if (current && current.lang === lang) return current.worker;
  const previous = current;
  const worker = loadTesseract().then(async (tesseract) => {
    const w = await tesseract.createWorker(lang, tesseract.OEM.LSTM_ONLY, {
      ...(QUIET_WORKER ? { workerPath: QUIET_WORKER } : {}),
      langPath: TESSDATA_DIR,
      gzip: true,
      cacheMethod: 'none',
      legacyCore: false,
      legacyLang: false,
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    await w.setParameters({
      tessedit_pageseg_mode: tesseract.PSM.AUTO,
      // Keep tesseract quiet on stderr about resolution guesses.
      debug_file: '/dev/null',
    });
    return w;
  });
  // Never an unhandled rejection: callers see the failure through their own await.
  worker.catch(() => undefined);
  current = { lang, worker };
  if (previous) void terminate(previous);
  return worker;
}

async function terminate(r: Recognizer): Promise<void> {
  r.closed = true;
  try {
    await (await r.worker).terminate();
  } catch {
    // a worker that never started or already died
  }
}

/**
 * Recognises one page image (any format tesseract's Leptonica reads; the preprocessing hands it
 * PGM). `page` only names the page in errors. Throws OcrPageError when the page fails or times out.
 */
export function recognize(image: Uint8Array, page: number, options: RecognizeOptions = {}): Promise<OcrLines> {
  const run = queue.then(() => recognizeNow(image, page, options));
  queue = run.catch(() => undefined);
  return run;
}

async function recognizeNow(image: Uint8Array, page: number, options: RecognizeOptions): Promise<OcrLines> {
  const lang = options.lang ?? DEFAULT_OCR_LANG;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const mine = recognizer(lang);
  const owner = current;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    timer = setTimeout(() => reject(new OcrPageError(`page ${page}: OCR timed out after ${limit}`)), timeoutMs);
  });
  try {
    const job = (async () => {
      const worker = await mine;
      if (owner?.closed) throw new OcrPageError(`page ${page}: OCR was cancelled`);
      const params: Record<string, string> = options.dpi ? { user_defined_dpi: String(Math.round(options.dpi)) } : {};
      const result = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), params, { text: false, tsv: true });
      return parseTsv(result.data.tsv ?? '');
    })();
    job.catch(() => undefined);
    return await Promise.race([job, timeout]);
  } catch (error) {
    // A worker that timed out is still busy, one that failed may be broken: replace it.
    if (owner && current === owner) {
      current = undefined;
      void terminate(owner);
    }
    if (error instanceof OcrPageError) throw error;
    throw new OcrPageError(`page ${page}: OCR failed (${describe(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

/** Terminates this thread's tesseract worker (if any); the next page starts a new one. */
export async function shutdownOcr(): Promise<void> {
  const r = current;
  current = undefined;
  await queue.catch(() => undefined);
  if (r) await terminate(r);
}

/** True while this thread holds a tesseract worker (tests). */
export function ocrWorkerRunning(): boolean {
  return current !== undefined;
}

/**
 * Tesseract TSV → lines of words. Columns: level page_num block_num par_num line_num word_num
 * left top width height conf text; level 5 rows are words. Empty words are dropped.
 */
export function parseTsv(tsv: string): OcrLines {
  const lines: OcrLines = [];
  let key = '';
  let line: OcrWord[] | undefined;
  for (const row of tsv.split('\n')) {
    if (!row.startsWith('5\t')) continue;
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const text = cols.slice(11).join('\t').trim();
    if (text === '') continue;
    const [left, top, width, height, conf] = [6, 7, 8, 9, 10].map((i) => Number(cols[i]));
    if (![left, top, width, height].every(Number.isFinite)) continue;
    const lineKey = `${cols[2]}/${cols[3]}/${cols[4]}`;
    if (lineKey !== key || !line) {
      key = lineKey;
      line = [];
      lines.push(line);
    }
    // A word with internal spaces (rare) is split: segments are single words.
    for (const part of text.split(/\s+/)) {
      line.push({
        text: part,
        bbox: [left!, top!, left! + width!, top! + height!],
        confidence: Number.isFinite(conf) && conf! >= 0 ? Math.round(conf! * 10) / 1000 : 0,
      });
    }
  }
  return lines;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? 'tesseract error' : error.name;
  return 'tesseract error';
}
