/**
 * A scan with an inventory, in this process: the real scanner (one thread) over a small tree,
 * with the session's hooks, run twice and more against the same database.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanPaths, type ScannerOptions } from '../engine/scanner.js';
import type { ScanReport } from '../report/types.js';
import { openInventoryDb } from './db.js';
import { reportFromInventory } from './inventory-report.js';
import { openScanSession, type SessionResult } from './scan-session.js';
import { InventoryStore } from './store.js';

const SNILS = '112-233-445 95';
/** Same length as SNILS, so swapping one for the other keeps the file's size. */
const NOT_SNILS = 'no data here!!';
const FIXED_TIME = new Date('2024-03-01T10:00:00Z');

let dir: string;
let tree: string;
let dbFile: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-session-'));
  tree = path.join(dir, 'tree');
  dbFile = path.join(dir, 'inventory.sqlite');
  mkdirSync(path.join(tree, 'sub'), { recursive: true });
  put('a.txt', `СНИЛС ${SNILS}\n`);
  put('sub/b.txt', 'ничего личного\n');
  put('sub/c.txt', `СНИЛС: ${NOT_SNILS}\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and gives it a fixed whole-second mtime, which can be restored exactly later. */
function put(rel: string, text: string): void {
  const file = path.join(tree, rel);
  writeFileSync(file, text);
  utimesSync(file, FIXED_TIME, FIXED_TIME);
}

async function scan(options: Partial<ScannerOptions> = {}, verifyHash = false, roots = [tree]): Promise<{ report: ScanReport; result: SessionResult }> {
  const scanOptions: ScannerOptions = { reveal: false, jobs: 1, ...options };
  const session = await openScanSession({ dbFile, roots, verifyHash }, scanOptions);
  const report = await scanPaths(roots, session.wire(scanOptions));
  return { report, result: session.finish() };
}

const pathsWithData = (report: ScanReport) => report.files.filter((f) => f.findings.some((x) => x.personalData)).map((f) => path.basename(f.path));

describe('scan session', () => {
  it('a rescan of an unchanged tree reads no file: content swapped under the same size and mtime goes unseen', async () => {
    const first = await scan();
    expect(first.result).toMatchObject({ files: 3, scanned: 3, reused: 0, gone: 0, reasons: { new: 3 } });
    expect(pathsWithData(first.report)).toEqual(['a.txt']);

    put('a.txt', `СНИЛС ${NOT_SNILS}\n`);
    put('sub/c.txt', `СНИЛС: ${SNILS}\n`);
    const second = await scan();
    expect(second.result).toMatchObject({ files: 3, scanned: 0, reused: 3 });
    // Had any file been read, the SNILS would now be in c.txt, not a.txt.
    expect(pathsWithData(second.report)).toEqual(['a.txt']);
    expect(second.report.files).toEqual(first.report.files);

    const verified = await scan({}, true);
    expect(verified.result).toMatchObject({ scanned: 2, reused: 1, reasons: { content: 2 } });
    expect(pathsWithData(verified.report)).toEqual(['c.txt']);
  });

  it('rescans a file whose mtime changed, and marks a deleted one gone', async () => {
    await scan();
    writeFileSync(path.join(tree, 'sub/b.txt'), `теперь СНИЛС ${SNILS}\n`);
    rmSync(path.join(tree, 'a.txt'));
    const { report, result } = await scan();
    expect(result).toMatchObject({ files: 2, scanned: 1, reused: 1, gone: 1, reasons: { changed: 1 } });
    expect(pathsWithData(report)).toEqual(['b.txt']);
  });

  it('a scan of one folder reuses its files and marks nothing outside it gone', async () => {
    await scan();
    const { result } = await scan({}, false, [path.join(tree, 'sub')]);
    expect(result).toMatchObject({ files: 2, scanned: 0, reused: 2, gone: 0 });
    const db = openInventoryDb(dbFile, { mustExist: true });
    try {
      expect(new InventoryStore(db).currentFiles()).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('other result options rescan everything; output-only options do not', async () => {
    await scan();
    expect((await scan({ types: ['RU_SNILS'] })).result).toMatchObject({ scanned: 3, reasons: { options: 3 } });
    expect((await scan({ types: ['RU_SNILS'], jobs: 2 })).result).toMatchObject({ scanned: 0, reused: 3 });
    expect((await scan({ types: ['RU_SNILS'], reveal: true })).result).toMatchObject({ scanned: 3 });
  });

  it('the report made from the inventory equals the scan’s own', async () => {
    const { report } = await scan();
    const db = openInventoryDb(dbFile, { mustExist: true });
    try {
      const fromInventory = reportFromInventory(new InventoryStore(db), false);
      expect({ ...fromInventory, startedAt: '', finishedAt: '' }).toEqual({ ...report, startedAt: '', finishedAt: '' });
    } finally {
      db.close();
    }
  });

  it('leaves its own database out of a scan of the folder that holds it', async () => {
    dbFile = path.join(tree, 'inventory.sqlite');
    await scan();
    const { report, result } = await scan();
    const own = report.files.filter((f) => f.path.includes('inventory.sqlite'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((f) => f.status === 'skipped' && f.findings.length === 0)).toBe(true);
    expect(result).toMatchObject({ scanned: 0, reused: 3 });
  });

  it('a failed write ends the run with the error, as interrupted, keeping what was written before', async () => {
    await scan();
    put('a.txt', `СНИЛС ${SNILS} снова\n`);
    const scanOptions: ScannerOptions = { reveal: false, jobs: 1 };
    const session = await openScanSession({ dbFile, roots: [tree], verifyHash: false }, scanOptions);
    // Another connection makes every write of a file's record fail, as a full disk would.
    const saboteur = openInventoryDb(dbFile, { mustExist: true });
    saboteur.exec(`CREATE TRIGGER refuse_update BEFORE UPDATE ON files BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
    saboteur.close();
    const report = await scanPaths([tree], session.wire(scanOptions));
    expect(report.files).toHaveLength(3);
    expect(() => session.finish()).toThrow(/cannot write to the inventory .*simulated write failure/);
    const db = openInventoryDb(dbFile, { mustExist: true });
    try {
      const store = new InventoryStore(db);
      expect(store.runs().map((r) => r.status)).toEqual(['finished', 'interrupted']);
      // The record of a.txt is still the one of the first run, which the next run compares with.
      expect(store.lookup(realpathSync(path.join(tree, 'a.txt')))!.size).toBe(Buffer.byteLength(`СНИЛС ${SNILS}\n`));
    } finally {
      db.close();
    }
  });

  it('an aborted run is recorded as interrupted with what it finished, and the next run reuses that', async () => {
    const scanOptions: ScannerOptions = { reveal: false, jobs: 1 };
    const session = await openScanSession({ dbFile, roots: [tree], verifyHash: false }, scanOptions);
    // Stopped by a failure while the third file is looked at: two are finished and recorded.
    let asked = 0;
    const wired = session.wire(scanOptions);
    await expect(
      scanPaths([tree], {
        ...wired,
        reuse: async (entry) => {
          if (++asked === 3) throw new Error('stop');
          return wired.reuse!(entry);
        },
      }),
    ).rejects.toThrow('stop');
    session.abort();
    const next = await scan();
    expect(next.result).toMatchObject({ files: 3, scanned: 1, reused: 2 });
    const db = openInventoryDb(dbFile, { mustExist: true });
    try {
      expect(new InventoryStore(db).runs().map((r) => [r.status, r.files])).toEqual([['interrupted', 2], ['finished', 3]]);
    } finally {
      db.close();
    }
  });
});
