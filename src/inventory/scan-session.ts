/**
 * One scan with an inventory: opens the database, records the run, and gives the scanner its
 * `reuse` hook (unchanged files come from the inventory unread) and `onFile` hook (each finished
 * file is recorded as it completes). Resuming an interrupted scan needs nothing more: what the
 * killed run recorded is current and unchanged, so the next run reuses it.
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ScannerOptions } from '../engine/scanner.js';
import { PathNotFoundError, type WalkEntry } from '../pipeline/walk.js';
import type { FileReport } from '../report/types.js';
import { TOOL_VERSION } from '../version.js';
import { InventoryError, openInventoryDb } from './db.js';
import { optionsFingerprint, resultOptions } from './fingerprint.js';
import { fileSha256, reuseDecision, type ScanReason } from './incremental.js';
import { RunRecorder } from './recorder.js';
import { forStorage } from './storage.js';
import { InventoryStore, type RunCounts } from './store.js';

export interface SessionOptions {
  dbFile: string;
  roots: readonly string[];
  /** Read and hash files that look unchanged; scan them when the hash differs. */
  verifyHash: boolean;
  /** Options of the run kept with it (nothing secret: no values, no keys). */
  runOptions?: Record<string, unknown>;
}

export interface SessionResult extends RunCounts {
  run: number;
  /** Why the scanned files were not reused. */
  reasons: Partial<Record<ScanReason, number>>;
  /** Earlier runs found abandoned ("running" with their process gone) and marked interrupted. */
  interrupted: number[];
}

export interface ScanSession {
  readonly run: number;
  /** The scanner's options with the inventory's hooks added. */
  wire(options: ScannerOptions): ScannerOptions;
  /** After a complete scan: marks unseen files gone and the run finished. */
  finish(): SessionResult;
  /** After a failed scan: keeps what was recorded and marks the run interrupted. */
  abort(): void;
}

export async function openScanSession(options: SessionOptions, scanOptions: ScannerOptions): Promise<ScanSession> {
  const realRoots = await Promise.all(options.roots.map((root) => realRootOf(root, scanOptions.followSymlinks ?? false)));
  const db = openInventoryDb(options.dbFile);
  const store = new InventoryStore(db);
  const ownFiles = new Set(await inventoryFiles(options.dbFile));
  const interrupted = store.closeAbandonedRuns(isAlive);
  const fingerprint = optionsFingerprint(scanOptions);
  const run = store.beginRun({
    roots: options.roots,
    realRoots,
    options: { ...resultOptions(scanOptions), verifyHash: options.verifyHash, ...options.runOptions },
    fingerprint,
    toolVersion: TOOL_VERSION,
  });
  const recorder = new RunRecorder(store, run);
  const keys = new WeakMap<WalkEntry, string>();
  const reusedIds = new WeakMap<WalkEntry, number>();
  /** Folders the walk could not read: their files are not marked gone. */
  const unreadableDirs: string[] = [];
  const reasons: Partial<Record<ScanReason, number>> = {};
  const reveal = scanOptions.reveal;
  let closed = false;

  /** Real paths of the folders met: a file not reached through a link is its folder's real path + its name. */
  const realDirs = new Map<string, Promise<string>>();
  const keyOf = async (entry: WalkEntry): Promise<string> => {
    let key = keys.get(entry);
    if (key === undefined) {
      key = await realPathOf(entry, scanOptions.followSymlinks ?? false, realDirs);
      keys.set(entry, key);
    }
    return key;
  };

  const reuse = async (entry: WalkEntry): Promise<FileReport | undefined> => {
    const key = await keyOf(entry);
    if (ownFiles.has(key)) return inventoryFileReport(entry);
    // The natasha format needs each document's text, which the inventory does not keep.
    if (scanOptions.keepText) return undefined;
    const stored = store.lookup(key);
    const decision = reuseDecision(stored, entry, fingerprint, options.verifyHash);
    if (!decision.reuse) {
      reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1;
      return undefined;
    }
    if (decision.verify && (await fileSha256(entry.path)) !== stored!.sha256) {
      reasons.content = (reasons.content ?? 0) + 1;
      return undefined;
    }
    reusedIds.set(entry, stored!.id);
    return { ...(JSON.parse(stored!.report) as FileReport), path: entry.displayPath };
  };

  /**
   * The first failed write to the database (disk full, locked too long). Recording stops there
   * and the scan goes on — the scanner has no way to stop on a hook's error — and the run then
   * ends with this error; what was recorded before it stays and is reused next time.
   */
  let failure: unknown;

  const onFile = async (report: FileReport, entry: WalkEntry): Promise<void> => {
    if (failure !== undefined) return;
    try {
      const id = reusedIds.get(entry);
      if (id !== undefined) {
        recorder.reused({ id, displayPath: entry.displayPath }, report);
        return;
      }
      const realPath = await keyOf(entry);
      if (entry.skip && (await isDirectory(entry.path))) unreadableDirs.push(realPath);
      const read = entry.skip === undefined && !ownFiles.has(realPath);
      recorder.scanned(
        {
          realPath,
          displayPath: entry.displayPath,
          size: entry.size ?? null,
          mtimeMs: entry.mtimeMs ?? null,
          fingerprint,
          report: forStorage(report, reveal),
        },
        read,
      );
    } catch (error) {
      failure = error;
    }
  };

  const failed = (): InventoryError => {
    const why = failure instanceof Error ? failure.message : String(failure);
    return new InventoryError(`cannot write to the inventory ${options.dbFile}: ${why}`);
  };

  const close = (): void => {
    closed = true;
    db.close();
  };

  const abort = (): void => {
    if (closed) return;
    try {
      if (failure === undefined) recorder.flush();
      store.finishRun(run, 'interrupted', recorder.counts);
    } catch {
      // The database fails even now: the run stays "running" and the next scan marks it interrupted.
    } finally {
      close();
    }
  };

  const finish = (): SessionResult => {
    if (failure === undefined) {
      try {
        recorder.flush();
        recorder.counts.gone = store.markGone(run, realRoots, unreadableDirs);
        store.finishRun(run, 'finished', recorder.counts);
        close();
        return { run, ...recorder.counts, reasons, interrupted };
      } catch (error) {
        failure = error;
      }
    }
    abort();
    throw failed();
  };

  return {
    run,
    // Value hashes are stored only with --reveal (storage.ts) and a reused file lacks them, so
    // without --reveal no file of the run gets them: the report stays uniform across rescans.
    wire: (base) => ({ ...base, valueHashes: base.valueHashes === true && reveal, reuse, onFile }),
    finish,
    abort,
  };
}

/**
 * The key of a walked entry: its absolute real path. Entries reported without being read (a
 * link not followed, a broken link) are keyed by their own name, not by what they point to,
 * which has a record of its own.
 */
async function realPathOf(entry: WalkEntry, followSymlinks: boolean, realDirs: Map<string, Promise<string>>): Promise<string> {
  // Without --follow-symlinks the walk yields no file that is a link: one realpath per folder is
  // enough (a rescan of 20,000 files spent a third of its time in realpath).
  if (!entry.skip && !followSymlinks) {
    const dir = path.dirname(entry.path);
    let real = realDirs.get(dir);
    if (!real) {
      real = realpath(dir);
      realDirs.set(dir, real);
    }
    try {
      return path.join(await real, path.basename(entry.path));
    } catch {
      // The folder vanished since the walk: fall through.
    }
  }
  if (!entry.skip) {
    try {
      return await realpath(entry.path);
    } catch {
      // Vanished since the walk: keyed by name like a link; its scan reports the error.
    }
  }
  try {
    return path.join(await realpath(path.dirname(entry.path)), path.basename(entry.path));
  } catch {
    return path.resolve(entry.path);
  }
}

/** A root's real path, the scope in which unseen files count as gone; a link not followed is its own scope. */
async function realRootOf(root: string, followSymlinks: boolean): Promise<string> {
  try {
    const info = await lstat(root);
    if (info.isSymbolicLink() && !followSymlinks) return path.join(await realpath(path.dirname(root)), path.basename(root));
    return await realpath(root);
  } catch {
    throw new PathNotFoundError(root);
  }
}

/** The database and its companion files, which a scan of a folder holding them must not read. */
async function inventoryFiles(dbFile: string): Promise<string[]> {
  const real = await realpath(dbFile);
  return [real, `${real}-wal`, `${real}-shm`, `${real}-journal`];
}

function inventoryFileReport(entry: WalkEntry): FileReport {
  return {
    path: entry.displayPath,
    size: entry.size ?? 0,
    mtime: entry.mtimeMs !== undefined ? new Date(entry.mtimeMs).toISOString() : '',
    sha256: null,
    format: null,
    encoding: null,
    status: 'skipped',
    error: 'the inventory database of this scan (--db)',
    categories: [],
    risk: 'none',
    findings: [],
  };
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isDirectory();
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
