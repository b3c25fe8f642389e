/**
 * The scanner: walks the roots, fans files out to a worker pool and collects one report, in walk
 * order whatever the scheduling. No console here: progress goes to the caller's callback.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { walk, type WalkEntry } from '../pipeline/walk.js';
import { scanFile } from '../pipeline/scan-file.js';
import { setOcrWorkers, shutdownOcr } from '../ocr/recognizer.js';
import type { FileTask, ScanOptions } from '../pipeline/task.js';
import type { FileReport, Risk, ScanReport, ScanSummary } from '../report/types.js';
import { TOOL_VERSION } from '../version.js';

export interface ScannerOptions extends ScanOptions {
  /** Worker threads (default: available cores). 1 scans in this thread. */
  jobs?: number;
  exclude?: string[];
  followSymlinks?: boolean;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
  bytes: number;
  errors: number;
}

/** Below this many files a pool costs more (thread start, module load) than it saves. */
const MIN_FILES_FOR_POOL = 4;

export async function scanPaths(roots: readonly string[], options: ScannerOptions): Promise<ScanReport> {
  const startedAt = new Date().toISOString();
  const entries: WalkEntry[] = [];
  for await (const entry of walk(roots, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    followSymlinks: options.followSymlinks ?? false,
  })) {
    entries.push(entry);
  }
  const scanOptions: ScanOptions = {
    reveal: options.reveal,
    ...(options.types ? { types: options.types } : {}),
    ...(options.excludeTypes ? { excludeTypes: options.excludeTypes } : {}),
    ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.categoriesFile !== undefined ? { categoriesFile: options.categoriesFile } : {}),
    ...(options.ocr !== undefined ? { ocr: options.ocr } : {}),
    ...(options.ocrLang !== undefined ? { ocrLang: options.ocrLang } : {}),
    ...(options.ocrDpi !== undefined ? { ocrDpi: options.ocrDpi } : {}),
    ...(options.ocrPageTimeoutMs !== undefined ? { ocrPageTimeoutMs: options.ocrPageTimeoutMs } : {}),
    ...(options.ocrEmbeddedImages !== undefined ? { ocrEmbeddedImages: options.ocrEmbeddedImages } : {}),
    ...(options.keepText ? { keepText: true } : {}),
  };
  const toScan = entries.filter((e) => !e.skip);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), toScan.length));
  const results: FileReport[] = new Array(entries.length);
  const progress: Progress = { done: 0, total: entries.length, bytes: 0, errors: 0 };
  const record = (index: number, report: FileReport) => {
    results[index] = report;
    progress.done++;
    progress.bytes += report.size;
    if (report.status === 'error') progress.errors++;
    options.onProgress?.({ ...progress });
  };

  const tasks = entries.map((entry, index) => ({ entry, index }));
  for (const { entry, index } of tasks) if (entry.skip) record(index, skippedReport(entry));
  const work = tasks.filter(({ entry }) => !entry.skip);
  const taskOf = (entry: WalkEntry): FileTask => ({ path: entry.path, displayPath: entry.displayPath, options: scanOptions });

  if (jobs <= 1 || work.length < MIN_FILES_FOR_POOL) {
    try {
      // No pool: the pages of a scanned file may use as many tesseract workers as --jobs allows.
      setOcrWorkers(options.jobs ?? availableParallelism());
      for (const { entry, index } of work) record(index, await scanFile(taskOf(entry)));
    } finally {
      // This thread's tesseract worker (if a file needed OCR) must not keep the process alive.
      await shutdownOcr();
    }
  } else {
    const pool = new Piscina({
      filename: new URL('../pipeline/worker.js', import.meta.url).href,
      minThreads: jobs,
      maxThreads: jobs,
      // Keep the queue short so results stream back while the rest waits in memory as tiny tasks.
      maxQueue: 'auto',
    });
    try {
      let next = 0;
      const runOne = async (): Promise<void> => {
        while (next < work.length) {
          const { entry, index } = work[next++]!;
          let report: FileReport;
          try {
            report = (await pool.run(taskOf(entry), { name: 'scanFile' })) as FileReport;
          } catch (error) {
            report = { ...skippedReport(entry), status: 'error', error: workerFailure(error) };
          }
          record(index, report);
        }
      };
      await Promise.all(Array.from({ length: jobs * 2 }, runOne));
    } finally {
      await pool.destroy();
    }
  }
  return {
    tool: { name: 'pdnscan', version: TOOL_VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    roots: [...roots],
    summary: summarise(results),
    files: results,
  };
}

function skippedReport(entry: WalkEntry): FileReport {
  return {
    path: entry.displayPath,
    size: 0,
    mtime: '',
    sha256: null,
    format: null,
    encoding: null,
    status: 'skipped',
    error: entry.skip ?? 'skipped',
    categories: [],
    risk: 'none',
    findings: [],
  };
}

/** A worker that died (out of memory, crash) fails its file, never the scan. */
function workerFailure(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'worker ran out of memory on this file';
  return `worker failed on this file (${code ?? (error instanceof Error ? error.name : 'unknown error')})`;
}

export function summarise(files: readonly FileReport[]): ScanSummary {
  const byType: ScanSummary['byType'] = {};
  const byRisk: Record<Risk, number> = { none: 0, low: 0, medium: 0, high: 0, special: 0 };
  const byCategory: ScanSummary['byCategory'] = {};
  let withPd = 0;
  for (const f of files) {
    byRisk[f.risk]++;
    for (const c of f.categories) byCategory[c] = (byCategory[c] ?? 0) + 1;
    if (f.findings.some((x) => x.personalData)) withPd++;
    for (const x of f.findings) byType[x.type] = (byType[x.type] ?? 0) + 1;
  }
  return {
    files: files.length,
    filesWithPersonalData: withPd,
    errors: files.filter((f) => f.status === 'error').length,
    skipped: files.filter((f) => f.status === 'skipped').length,
    byType,
    byRisk,
    byCategory,
  };
}
