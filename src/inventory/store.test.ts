import { afterEach, describe, expect, it } from 'vitest';
import { fileReport, finding, recordRun, scanned, tempInventory, type TempInventory } from '../testing/inventory-fixtures.js';
import { emptyCounts } from './recorder.js';

let inv: TempInventory;
afterEach(() => inv.cleanup());

const historyOf = (inv: TempInventory, realPath: string) =>
  inv.db
    .prepare<{ run: number; state: string }>(
      `SELECT h.run_id AS run, h.state FROM file_history h JOIN files f ON f.id = h.file_id WHERE f.real_path = ? ORDER BY h.run_id`,
    )
    .all(realPath);

describe('InventoryStore', () => {
  it('records a scanned file with the size, mtime and fingerprint the next run compares', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('r/a.txt', [finding('RU_SNILS', 'snils')]), 'fp1')]);
    const stored = inv.store.lookup('/r/a.txt')!;
    expect(stored).toMatchObject({ size: 10, mtimeMs: 1_700_000_000_000, fingerprint: 'fp1', status: 'ok', goneRun: null });
    expect(JSON.parse(stored.report).findings[0].type).toBe('RU_SNILS');
    expect(inv.store.lookup('/r/b.txt')).toBeUndefined();
  });

  it('adds a history row only when a file’s state changes', () => {
    inv = tempInventory();
    const clean = scanned('/r/a.txt', fileReport('r/a.txt'));
    const withSnils = scanned('/r/a.txt', fileReport('r/a.txt', [finding('RU_SNILS', 'snils')]));
    recordRun(inv.store, ['/r'], [clean]);
    recordRun(inv.store, ['/r'], [clean]);
    recordRun(inv.store, ['/r'], [withSnils]);
    recordRun(inv.store, ['/r'], [withSnils]);
    expect(historyOf(inv, '/r/a.txt').map((h) => h.run)).toEqual([1, 3]);
  });

  it('a reused file is seen by the run without a history row', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('r/a.txt'))]);
    const run = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    inv.store.writeBatch(run, [], [{ id: inv.store.lookup('/r/a.txt')!.id, displayPath: 'elsewhere/a.txt' }], { ...emptyCounts(), files: 1, reused: 1 });
    expect(inv.store.markGone(run, ['/r'], [])).toBe(0);
    expect(inv.store.currentFiles().map((f) => f.report.path)).toEqual(['elsewhere/a.txt']);
    expect(historyOf(inv, '/r/a.txt')).toHaveLength(1);
  });

  it('marks gone only unseen files under the run’s roots, not a sibling sharing the prefix nor other roots', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [
      scanned('/r/a/x.txt', fileReport('x')),
      scanned('/r/ab/y.txt', fileReport('y')),
      scanned('/r/b/z.txt', fileReport('z')),
      scanned('/r/a', fileReport('a-as-file')),
    ]);
    const run = inv.store.beginRun({ roots: ['/r/a'], realRoots: ['/r/a'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    expect(inv.store.markGone(run, ['/r/a'], [])).toBe(2);
    const current = inv.store.currentFiles().map((f) => f.realPath).sort();
    expect(current).toEqual(['/r/ab/y.txt', '/r/b/z.txt']);
    expect(JSON.parse(historyOf(inv, '/r/a/x.txt').at(-1)!.state)).toEqual({ present: false });
  });

  it('keeps the files of a folder the walk could not read', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/locked/x.txt', fileReport('x')), scanned('/r/open/y.txt', fileReport('y'))]);
    const run = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    expect(inv.store.markGone(run, ['/r'], ['/r/locked'])).toBe(1);
    expect(inv.store.currentFiles().map((f) => f.realPath)).toEqual(['/r/locked/x.txt']);
  });

  it('a file that comes back after going is current again, with a history row', () => {
    inv = tempInventory();
    const file = scanned('/r/a.txt', fileReport('r/a.txt'));
    recordRun(inv.store, ['/r'], [file]);
    recordRun(inv.store, ['/r'], []);
    expect(inv.store.lookup('/r/a.txt')!.goneRun).toBe(2);
    recordRun(inv.store, ['/r'], [file]);
    expect(inv.store.lookup('/r/a.txt')!.goneRun).toBeNull();
    expect(historyOf(inv, '/r/a.txt').map((h) => h.run)).toEqual([1, 2, 3]);
  });

  it('marks interrupted the runs whose process is gone and leaves a live one running', () => {
    inv = tempInventory();
    const dead = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    inv.db.prepare('UPDATE runs SET pid = 999999 WHERE id = ?').run(dead);
    const live = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    inv.db.prepare('UPDATE runs SET pid = 4242 WHERE id = ?').run(live);
    const closed = inv.store.closeAbandonedRuns((pid) => pid === 4242);
    expect(closed).toEqual([dead]);
    expect(inv.store.run(dead)!.status).toBe('interrupted');
    expect(inv.store.run(live)!.status).toBe('running');
  });

  it('keeps a run’s counts and options', () => {
    inv = tempInventory();
    const run = inv.store.beginRun({ roots: ['r'], realRoots: ['/r'], options: { types: ['RU_SNILS'] }, fingerprint: 'fp', toolVersion: '9.9' });
    inv.store.finishRun(run, 'finished', { ...emptyCounts(), files: 5, scanned: 2, reused: 3 });
    expect(inv.store.run(run)).toMatchObject({
      status: 'finished', roots: ['r'], realRoots: ['/r'], options: { types: ['RU_SNILS'] }, files: 5, scanned: 2, reused: 3, toolVersion: '9.9',
    });
    expect(inv.store.run(run)!.finishedAt).not.toBeNull();
  });
});
