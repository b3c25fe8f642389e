/**
 * The scanner: walks the roots and streams files into a worker pool with backpressure (the walk
 * waits while the pool's queue is full, so memory does not grow with the size of the tree), and
 * collects one report in walk order whatever the scheduling. No console here: progress goes to
 * the caller's callback.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { walk, type WalkEntry } from '../pipeline/walk.js';
import { scanFile } from '../pipeline/scan-file.js';
import { setOcrWorkers, shutdownOcr } from '../ocr/recognizer.js';
import { workerFailure } from '../pipeline/run-tasks.js';
import { pickScanOptions, type FileTask, type ScanOptions } from '../pipeline/task.js';
import type { FileReport, Risk, ScanReport, ScanSummary } from '../report/types.js';
import { TOOL_VERSION } from '../version.js';

export interface ScannerOptions extends ScanOptions {
  /** Worker threads (default: available cores). 1 scans in this thread. */
  jobs?: number;
  exclude?: string[];
  followSymlinks?: boolean;
  /** Per-file time limit in ms: a file still being scanned then is reported as an error and its worker replaced. */
  fileTimeoutMs?: number;
  /** Heap limit of each worker thread in MB (default 2048): a file that needs more fails alone. */
  workerMemoryMb?: number;
  onProgress?: (progress: Progress) => void;
  /**
   * Asked for every walked file before it is read: a report to use instead of scanning it (an
   * unchanged file of an inventory), or undefined to scan it.
   */
  reuse?: (entry: WalkEntry) => FileReport | undefined | Promise<FileReport | undefined>;
  /** Called with each file's report as soon as it is known (completion order), before the run ends. */
  onFile?: (report: FileReport, entry: WalkEntry) => void | Promise<void>;
}

export interface Progress {
  done: number;
  /** Files found so far (grows while the walk goes on). */
  total: number;
  /** True once the walk has finished, so `total` is final. */
  walked: boolean;
  /** Bytes of the files done (read or reused). */
  bytes: number;
  /** Bytes of the files found so far. */
  totalBytes: number;
  errors: number;
  reused: number;
}

/** Below this many files a pool costs more (thread start, module load) than it saves. */
const MIN_FILES_FOR_POOL = 4;
export const DEFAULT_WORKER_MEMORY_MB = 2048;

export async function scanPaths(roots: readonly string[], options: ScannerOptions): Promise<ScanReport> {
  const startedAt = new Date().toISOString();
  const scanOptions = pickScanOptions(options);
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const results: FileReport[] = [];
  const progress: Progress = { done: 0, total: 0, walked: false, bytes: 0, totalBytes: 0, errors: 0, reused: 0 };
  const record = async (index: number, entry: WalkEntry, report: FileReport, reused = false) => {
    results[index] = report;
    progress.done++;
    progress.bytes += report.size;
    if (report.status === 'error') progress.errors++;
    if (reused) progress.reused++;
    await options.onFile?.(report, entry);
    options.onProgress?.({ ...progress });
  };
  const taskOf = (entry: WalkEntry): FileTask => ({
    path: entry.path,
    displayPath: entry.displayPath,
    options: scanOptions,
    ...(entry.size !== undefined && entry.mtimeMs !== undefined ? { size: entry.size, mtimeMs: entry.mtimeMs } : {}),
  });

  const entries = walk(roots, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    followSymlinks: options.followSymlinks ?? false,
  });

  // Files that need reading wait here until there are enough of them to be worth a pool (a rescan
  // that reuses almost everything never starts one); fewer are scanned in this thread at the end.
  const waiting: Array<{ index: number; entry: WalkEntry }> = [];
  const pending = new Set<Promise<void>>();
  let failure: unknown;
  let pool: Piscina | undefined;
  const dispatch = async (index: number, entry: WalkEntry): Promise<void> => {
    const job = runInPool(pool!, taskOf(entry), options.fileTimeoutMs)
      .then((report) => record(index, entry, report))
      // A failing hook (onFile) must end the scan with its error, not as an unhandled rejection.
      .catch((error: unknown) => void (failure ??= error));
    pending.add(job);
    void job.finally(() => pending.delete(job));
    // Tasks in flight at once: enough to keep every worker busy while results stream back.
    if (pending.size >= jobs * 2) await Promise.race(pending);
  };
  let scannedHere = false;
  const scanHere = async (index: number, entry: WalkEntry): Promise<void> => {
    // No pool: the pages of a scanned file may use as many tesseract workers as --jobs allows.
    if (!scannedHere) setOcrWorkers(jobs);
    scannedHere = true;
    await record(index, entry, await scanFile(taskOf(entry)));
  };
  let index = 0;
  try {
    for await (const entry of entries) {
      if (failure) break;
      progress.total++;
      progress.totalBytes += entry.size ?? 0;
      const i = index++;
      if (entry.skip) {
        await record(i, entry, skippedReport(entry));
        continue;
      }
      const reused = await options.reuse?.(entry);
      if (reused) {
        await record(i, entry, reused, true);
        continue;
      }
      if (pool) {
        await dispatch(i, entry);
        continue;
      }
      if (jobs <= 1 && options.fileTimeoutMs === undefined) {
        await scanHere(i, entry);
        continue;
      }
      waiting.push({ index: i, entry });
      if ((jobs > 1 && waiting.length >= MIN_FILES_FOR_POOL) || options.fileTimeoutMs !== undefined) {
        pool = new Piscina({
          filename: new URL('../pipeline/worker.js', import.meta.url).href,
          minThreads: jobs,
          maxThreads: jobs,
          resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB },
        });
        for (const w of waiting.splice(0)) await dispatch(w.index, w.entry);
      }
    }
    progress.walked = true;
    if (!pool && !failure) for (const w of waiting) await scanHere(w.index, w.entry);
    await Promise.all(pending);
  } finally {
    await Promise.allSettled(pending);
    if (pool) await pool.destroy();
    // This thread's tesseract worker (if a file needed OCR) must not keep the process alive.
    if (scannedHere) await shutdownOcr();
  }
  if (failure) throw failure;
  return {
    tool: { name: 'pdnscan', version: TOOL_VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    roots: [...roots],
    summary: summarise(results),
    files: results,
  };
}

/**
 * One file on the pool. With a time limit, the clock starts when a worker begins the file (the
 * worker says so through a port), so waiting in the queue and a thread's start-up do not count;
 * aborting a running task ends its worker thread, and piscina starts a new one.
 */
async function runInPool(pool: Piscina, task: FileTask, timeoutMs: number | undefined): Promise<FileReport> {
  if (timeoutMs === undefined) {
    try {
      return (await pool.run(task, { name: 'scanFile' })) as FileReport;
    } catch (error) {
      return { ...skippedReport({ displayPath: task.displayPath }), status: 'error', error: workerFailure(error) };
    }
  }
  const { port1, port2 } = new MessageChannel();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  port1.once('message', () => {
    timer = setTimeout(() => controller.abort(), timeoutMs);
  });
  try {
    return (await pool.run({ ...task, started: port2 }, { name: 'scanFile', signal: controller.signal, transferList: [port2] })) as FileReport;
  } catch (error) {
    const message = controller.signal.aborted ? `timed out after ${Math.round(timeoutMs / 1000)} s (--file-timeout)` : workerFailure(error);
    return { ...skippedReport({ displayPath: task.displayPath }), status: 'error', error: message };
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

function skippedReport(entry: Pick<WalkEntry, 'displayPath' | 'skip'>): FileReport {
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
