/**
 * The recogniser: long-lived tesseract.js workers per thread, created on first use and kept for
 * every later page of this thread (tesseract.js starts a worker thread of its own per
 * recogniser, and loading a model costs ~0.5 s: never one per page). A piscina pool thread holds
 * one (`setOcrWorkers` default 1: the pool already spreads files over the cores); a scan in the
 * main thread (few files, no pool) may hold up to --jobs, so that the pages of one big scanned
 * PDF are recognised on every core. `shutdownOcr()` terminates them: the engine calls it at the
 * end of an in-process scan so that no tesseract thread keeps the process alive; pool threads
 * take theirs with them when the pool is destroyed.
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
  busy: boolean;
  /** Set when terminated: a job that was waiting for the worker must not use it. */
  closed?: boolean;
}

/**
 * tesseract-worker.js (built next to this module): tesseract.js's worker script with its console
 * silenced. Under a TypeScript test runner only the .ts exists: tesseract.js's own script is used.
 */
const QUIET_WORKER = ((p) => (existsSync(p) ? p : undefined))(fileURLToPath(new URL('./tesseract-worker.js', import.meta.url)));

/** This thread's tesseract workers (started on demand, at most `maxWorkers`). */
let workers: Recognizer[] = [];
let maxWorkers = 1;
/** Pages waiting for a free worker (the timeout of a page counts from its start on a worker). */
const waiting: Array<() => void> = [];

/**
 * How many tesseract workers this thread may run at once (default 1). A pool thread keeps 1; a
 * scan in the main thread (few files, no pool) lets the pages of one big file use every core.
 */
export function setOcrWorkers(n: number): void {
  maxWorkers = Math.max(1, Math.floor(n));
}

/** Current limit on this thread's tesseract workers. */
export function ocrWorkers(): number {
  return maxWorkers;
}

function startWorker(lang: string): Recognizer {
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
  return { lang, worker, busy: false };
}

/** An idle worker for `lang`, a new one while under the limit, or the next one freed. */
async function acquire(lang: string): Promise<Recognizer> {
  for (;;) {
    const idle = workers.find((w) => !w.busy && w.lang === lang);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    const other = workers.find((w) => !w.busy);
    if (workers.length >= maxWorkers && other) discard(other); // an idle worker of another language
    if (workers.length < maxWorkers) {
      const fresh = startWorker(lang);
      fresh.busy = true;
      workers.push(fresh);
      return fresh;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(r: Recognizer): void {
  r.busy = false;
  waiting.shift()?.();
}

/** Removes a worker from the set and terminates it. */
function discard(r: Recognizer): void {
  workers = workers.filter((w) => w !== r);
  void terminate(r);
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
 * PGM). `page` only names the page in errors. Throws OcrPageError when the page fails or times
 * out. Calls may overlap: up to `setOcrWorkers()` pages run at once, the others wait their turn.
 */
export async function recognize(image: Uint8Array, page: number, options: RecognizeOptions = {}): Promise<OcrLines> {
  const lang = options.lang ?? DEFAULT_OCR_LANG;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const owner = await acquire(lang);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    timer = setTimeout(() => reject(new OcrPageError(`page ${page}: OCR timed out after ${limit}`)), timeoutMs);
  });
  try {
    const job = (async () => {
      const worker = await owner.worker;
      if (owner.closed) throw new OcrPageError(`page ${page}: OCR was cancelled`);
      const params: Record<string, string> = options.dpi ? { user_defined_dpi: String(Math.round(options.dpi)) } : {};
      const result = await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), params, { text: false, tsv: true });
      return parseTsv(result.data.tsv ?? '');
    })();
    job.catch(() => undefined);
    const lines = await Promise.race([job, timeout]);
    release(owner);
    return lines;
  } catch (error) {
    // A worker that timed out is still busy, one that failed may be broken: replace it.
    discard(owner);
    waiting.shift()?.();
    if (error instanceof OcrPageError) throw error;
    throw new OcrPageError(`page ${page}: OCR failed (${describe(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

/** Terminates this thread's tesseract workers (if any); the next page starts a new one. */
export async function shutdownOcr(): Promise<void> {
  const all = workers;
  workers = [];
  await Promise.all(all.map(terminate));
}

/** True while this thread holds a tesseract worker (tests). */
export function ocrWorkerRunning(): boolean {
  return workers.length > 0;
}

/** Number of tesseract workers this thread holds (tests). */
export function ocrWorkerCount(): number {
  return workers.length;
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
