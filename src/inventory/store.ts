/**
 * Reads and writes of the inventory: runs, the current record of each file, and the history of
 * file states. SQL lives here and only here; callers deal in plain objects.
 */
import path from 'node:path';
import type { FileReport } from '../report/types.js';
import type { InventoryDb } from './db.js';
import { encodeState, GONE_STATE, stateOf } from './file-state.js';

export type RunStatus = 'running' | 'finished' | 'interrupted';

export interface RunCounts {
  files: number;
  scanned: number;
  reused: number;
  withPersonalData: number;
  errors: number;
  skipped: number;
  gone: number;
}

export interface RunRecord extends RunCounts {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  roots: string[];
  realRoots: string[];
  options: Record<string, unknown>;
  fingerprint: string;
  toolVersion: string;
  pid: number;
}

export interface NewRun {
  roots: readonly string[];
  realRoots: readonly string[];
  options: Record<string, unknown>;
  fingerprint: string;
  toolVersion: string;
}

/** What the reuse decision needs of a file's record. */
export interface StoredFile {
  id: number;
  size: number | null;
  mtimeMs: number | null;
  sha256: string | null;
  status: FileReport['status'];
  fingerprint: string;
  goneRun: number | null;
  /** The stored FileReport JSON. */
  report: string;
}

/** A file read in this run, with the size and mtime its walk saw (compared by the next run). */
export interface ScannedFile {
  realPath: string;
  displayPath: string;
  size: number | null;
  mtimeMs: number | null;
  fingerprint: string;
  /** Already reduced to what may be stored (storage.ts). */
  report: FileReport;
}

/** A file this run took from the inventory unread. */
export interface ReusedFile {
  id: number;
  displayPath: string;
}

export interface CurrentFile {
  realPath: string;
  /** The report as stored, its path the one the last run that saw the file showed. */
  report: FileReport;
}

/** A file with its state as of two runs (null: no record yet), for diff. */
export interface StatePair {
  realPath: string;
  displayPath: string;
  before: string | null;
  after: string | null;
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  roots: string;
  real_roots: string;
  options: string;
  fingerprint: string;
  tool_version: string;
  pid: number;
  files: number;
  scanned: number;
  reused: number;
  with_personal_data: number;
  errors: number;
  skipped: number;
  gone: number;
}

export class InventoryStore {
  private readonly lookupStmt;
  private readonly insertFile;
  private readonly updateFile;
  private readonly touchFile;
  private readonly stateStmt;
  private readonly addHistory;
  private readonly updateCounts;

  constructor(readonly db: InventoryDb) {
    this.lookupStmt = db.prepare<StoredFile>(
      `SELECT id, size, mtime_ms AS mtimeMs, sha256, status, fingerprint, gone_run AS goneRun, report FROM files WHERE real_path = ?`,
    );
    this.insertFile = db.prepare(
      `INSERT INTO files (real_path, display_path, size, mtime_ms, sha256, format, status, error, categories, risk,
         personal_data, findings, fingerprint, state, report, first_run, seen_run, scanned_run)
       VALUES (@realPath, @displayPath, @size, @mtimeMs, @sha256, @format, @status, @error, @categories, @risk,
         @personalData, @findings, @fingerprint, @state, @report, @run, @run, @run)`,
    );
    this.updateFile = db.prepare(
      `UPDATE files SET display_path = @displayPath, size = @size, mtime_ms = @mtimeMs, sha256 = @sha256, format = @format,
         status = @status, error = @error, categories = @categories, risk = @risk, personal_data = @personalData,
         findings = @findings, fingerprint = @fingerprint, state = @state, report = @report,
         seen_run = @run, scanned_run = @run, gone_run = NULL
       WHERE id = @id`,
    );
    this.stateStmt = db.prepare<{ id: number; state: string; goneRun: number | null }>(
      `SELECT id, state, gone_run AS goneRun FROM files WHERE real_path = ?`,
    );
    this.touchFile = db.prepare(`UPDATE files SET display_path = ?, seen_run = ? WHERE id = ?`);
    this.addHistory = db.prepare(`INSERT OR REPLACE INTO file_history (file_id, run_id, state) VALUES (?, ?, ?)`);
    this.updateCounts = db.prepare(
      `UPDATE runs SET files = @files, scanned = @scanned, reused = @reused, with_personal_data = @withPersonalData,
         errors = @errors, skipped = @skipped, gone = @gone WHERE id = @run`,
    );
  }

  beginRun(run: NewRun): number {
    const result = this.db
      .prepare(
        `INSERT INTO runs (started_at, status, roots, real_roots, options, fingerprint, tool_version, pid)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?)`,
      )
      .run(new Date().toISOString(), JSON.stringify(run.roots), JSON.stringify(run.realRoots), JSON.stringify(run.options), run.fingerprint, run.toolVersion, process.pid);
    return Number(result.lastInsertRowid);
  }

  /**
   * Runs left "running" by a process that is gone (killed, crashed, power cut) become
   * "interrupted". A run whose process still lives is left alone: it may be a scan going on now.
   */
  closeAbandonedRuns(isAlive: (pid: number) => boolean): number[] {
    const running = this.db.prepare<{ id: number; pid: number }>(`SELECT id, pid FROM runs WHERE status = 'running'`).all();
    const abandoned = running.filter((r) => r.pid === process.pid || !isAlive(r.pid)).map((r) => r.id);
    const mark = this.db.prepare(`UPDATE runs SET status = 'interrupted' WHERE id = ?`);
    this.db.transaction(() => abandoned.forEach((id) => mark.run(id)))();
    return abandoned;
  }

  lookup(realPath: string): StoredFile | undefined {
    return this.lookupStmt.get(realPath);
  }

  /** Writes a batch of finished files and the run's counts in one transaction. */
  writeBatch(run: number, scanned: readonly ScannedFile[], reused: readonly ReusedFile[], counts: RunCounts): void {
    this.db.transaction(() => {
      for (const file of scanned) this.writeScanned(run, file);
      for (const file of reused) this.touchFile.run(file.displayPath, run, file.id);
      this.updateCounts.run({ run, ...counts });
    })();
  }

  private writeScanned(run: number, file: ScannedFile): void {
    const r = file.report;
    const state = encodeState(stateOf(r));
    const row = {
      run,
      realPath: file.realPath,
      displayPath: file.displayPath,
      size: file.size,
      mtimeMs: file.mtimeMs,
      sha256: r.sha256,
      format: r.format,
      status: r.status,
      error: r.error ?? null,
      categories: JSON.stringify(r.categories),
      risk: r.risk,
      personalData: r.findings.filter((f) => f.personalData).length,
      findings: r.findings.length,
      fingerprint: file.fingerprint,
      state,
      report: JSON.stringify(r),
    };
    const before = this.stateStmt.get(file.realPath);
    if (!before) {
      const id = Number(this.insertFile.run(row).lastInsertRowid);
      this.addHistory.run(id, run, state);
      return;
    }
    this.updateFile.run({ ...row, id: before.id });
    if (before.state !== state || before.goneRun !== null) this.addHistory.run(before.id, run, state);
  }

  /**
   * Marks gone the files under the run's roots that it did not see, except under `kept` (folders
   * the walk could not read: their files may well still be there). Files outside the roots are
   * left as they are: a scan of one folder says nothing about the others.
   */
  markGone(run: number, realRoots: readonly string[], kept: readonly string[]): number {
    const candidates = this.db.prepare<{ id: number; realPath: string }>(
      `SELECT id, real_path AS realPath FROM files
       WHERE gone_run IS NULL AND seen_run <> @run AND (real_path = @root OR (real_path >= @low AND real_path < @high))`,
    );
    const markOne = this.db.prepare(`UPDATE files SET gone_run = ? WHERE id = ?`);
    const goneState = encodeState(GONE_STATE);
    let count = 0;
    this.db.transaction(() => {
      for (const root of realRoots) {
        const [low, high] = prefixRange(root);
        for (const file of candidates.all({ run, root, low, high })) {
          if (kept.some((dir) => isInside(file.realPath, dir))) continue;
          markOne.run(run, file.id);
          this.addHistory.run(file.id, run, goneState);
          count++;
        }
      }
    })();
    return count;
  }

  finishRun(run: number, status: Exclude<RunStatus, 'running'>, counts: RunCounts): void {
    this.db
      .prepare(
        `UPDATE runs SET status = @status, finished_at = @at, files = @files, scanned = @scanned, reused = @reused,
           with_personal_data = @withPersonalData, errors = @errors, skipped = @skipped, gone = @gone WHERE id = @run`,
      )
      .run({ run, status, at: new Date().toISOString(), ...counts });
  }

  runs(): RunRecord[] {
    return this.db.prepare<RunRow>(`SELECT * FROM runs ORDER BY id`).all().map(runRecord);
  }

  run(id: number): RunRecord | undefined {
    const row = this.db.prepare<RunRow>(`SELECT * FROM runs WHERE id = ?`).get(id);
    return row && runRecord(row);
  }

  /** Files not gone, with their stored reports. */
  currentFiles(): CurrentFile[] {
    return this.db
      .prepare<{ realPath: string; displayPath: string; report: string }>(
        `SELECT real_path AS realPath, display_path AS displayPath, report FROM files WHERE gone_run IS NULL`,
      )
      .all()
      .map((row) => ({ realPath: row.realPath, report: { ...(JSON.parse(row.report) as FileReport), path: row.displayPath } }));
  }

  /** Every file's state as of run `before` and as of run `after` (the last change at or before each). */
  statePairs(before: number, after: number): StatePair[] {
    return this.db
      .prepare<StatePair>(
        `SELECT f.real_path AS realPath, f.display_path AS displayPath,
           (SELECT h.state FROM file_history h WHERE h.file_id = f.id AND h.run_id <= @before ORDER BY h.run_id DESC LIMIT 1) AS before,
           (SELECT h.state FROM file_history h WHERE h.file_id = f.id AND h.run_id <= @after ORDER BY h.run_id DESC LIMIT 1) AS after
         FROM files f`,
      )
      .all({ before, after });
  }
}

function runRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    roots: JSON.parse(row.roots) as string[],
    realRoots: JSON.parse(row.real_roots) as string[],
    options: JSON.parse(row.options) as Record<string, unknown>,
    fingerprint: row.fingerprint,
    toolVersion: row.tool_version,
    pid: row.pid,
    files: row.files,
    scanned: row.scanned,
    reused: row.reused,
    withPersonalData: row.with_personal_data,
    errors: row.errors,
    skipped: row.skipped,
    gone: row.gone,
  };
}

/** Bounds of the paths strictly inside `dir`, as a range the unique index on real_path serves. */
function prefixRange(dir: string): [string, string] {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)];
}

export function isInside(file: string, dir: string): boolean {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return file === dir || file.startsWith(prefix);
}
