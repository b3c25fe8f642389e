/** What the inventory tests share: a database in a temporary folder and reports to record in it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CategoryId } from '../detectors/categories.js';
import type { EntityType } from '../detectors/types.js';
import { openInventoryDb, type InventoryDb } from '../inventory/db.js';
import { emptyCounts } from '../inventory/recorder.js';
import { InventoryStore, type ScannedFile } from '../inventory/store.js';
import type { FileReport, FindingReport, Risk } from '../report/types.js';

export interface TempInventory {
  dir: string;
  file: string;
  db: InventoryDb;
  store: InventoryStore;
  cleanup: () => void;
}

export function tempInventory(): TempInventory {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-inventory-'));
  const file = path.join(dir, 'inventory.sqlite');
  const db = openInventoryDb(file);
  return {
    dir,
    file,
    db,
    store: new InventoryStore(db),
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function finding(type: EntityType, category: CategoryId, extra: Partial<FindingReport> = {}): FindingReport {
  return {
    type,
    start: 0,
    end: 14,
    page: null,
    location: { line: 1, column: 1 },
    score: 0.95,
    validated: true,
    personalData: true,
    masked: '***-***-*** 95',
    category,
    detector: type.toLowerCase(),
    explanation: { pattern: 'test', validation: 'passed' },
    ...extra,
  };
}

export function fileReport(displayPath: string, findings: FindingReport[] = [], risk: Risk = findings.length ? 'medium' : 'none'): FileReport {
  return {
    path: displayPath,
    size: 10,
    mtime: '2024-01-01T00:00:00.000Z',
    sha256: 'ab'.repeat(32),
    format: 'text',
    encoding: 'utf-8',
    status: 'ok',
    categories: [...new Set(findings.map((f) => f.category))],
    risk,
    findings,
  };
}

export function scanned(realPath: string, report: FileReport, fingerprint = 'fp'): ScannedFile {
  return { realPath, displayPath: report.path, size: report.size, mtimeMs: 1_700_000_000_000, fingerprint, report };
}

/** Records one finished run that scanned these files under these roots, marking the unseen ones gone. */
export function recordRun(store: InventoryStore, realRoots: string[], files: ScannedFile[]): number {
  const run = store.beginRun({ roots: realRoots, realRoots, options: {}, fingerprint: 'fp', toolVersion: 'test' });
  const counts = { ...emptyCounts(), files: files.length, scanned: files.length };
  store.writeBatch(run, files, [], counts);
  counts.gone = store.markGone(run, realRoots, []);
  store.finishRun(run, 'finished', counts);
  return run;
}
