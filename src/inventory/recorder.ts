/**
 * Writes a run's finished files to the inventory in small batched transactions: at most
 * BATCH_FILES files or BATCH_MS milliseconds of results wait in memory, so a scan killed with
 * SIGKILL loses at most that much work, and the database (WAL, one transaction per batch) is
 * consistent whatever the moment of the kill.
 */
import type { FileReport } from '../report/types.js';
import type { InventoryStore, ReusedFile, RunCounts, ScannedFile } from './store.js';

export const BATCH_FILES = 100;
export const BATCH_MS = 200;

export function emptyCounts(): RunCounts {
  return { files: 0, scanned: 0, reused: 0, withPersonalData: 0, errors: 0, skipped: 0, gone: 0 };
}

export class RunRecorder {
  readonly counts = emptyCounts();
  private scannedQueue: ScannedFile[] = [];
  private reusedQueue: ReusedFile[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A write that failed on the timer, rethrown to the next caller so the scan stops with it. */
  private failure: unknown;

  constructor(
    private readonly store: InventoryStore,
    readonly run: number,
  ) {}

  /** A file whose report was made in this run; `read`: by a scan (not a walk's or the session's own note). */
  scanned(file: ScannedFile, read: boolean): void {
    if (read) this.counts.scanned++;
    this.count(file.report);
    this.scannedQueue.push(file);
    this.queued();
  }

  reused(file: ReusedFile, report: FileReport): void {
    this.counts.reused++;
    this.count(report);
    this.reusedQueue.push(file);
    this.queued();
  }

  /** Writes what is queued now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.rethrow();
    if (this.scannedQueue.length === 0 && this.reusedQueue.length === 0) return;
    const scanned = this.scannedQueue;
    const reused = this.reusedQueue;
    this.scannedQueue = [];
    this.reusedQueue = [];
    this.store.writeBatch(this.run, scanned, reused, this.counts);
  }

  private count(report: FileReport): void {
    this.counts.files++;
    if (report.status === 'error') this.counts.errors++;
    if (report.status === 'skipped') this.counts.skipped++;
    if (report.findings.some((f) => f.personalData)) this.counts.withPersonalData++;
  }

  private queued(): void {
    this.rethrow();
    if (this.scannedQueue.length + this.reusedQueue.length >= BATCH_FILES) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        this.failure = error;
      }
    }, BATCH_MS);
  }

  private rethrow(): void {
    if (this.failure === undefined) return;
    const failure = this.failure;
    this.failure = undefined;
    throw failure;
  }
}
