import { afterEach, describe, expect, it } from 'vitest';
import { fileReport, finding, recordRun, scanned, tempInventory, type TempInventory } from '../testing/inventory-fixtures.js';
import { diffRuns, runsToCompare } from './diff.js';
import { renderDiff } from './diff-render.js';
import { emptyCounts } from './recorder.js';

let inv: TempInventory;
afterEach(() => inv.cleanup());

const snils = () => finding('RU_SNILS', 'snils');
const phone = () => finding('PHONE_NUMBER', 'phone', { masked: '+7 (9**) ***-**-67' });

function lastDiff(inv: TempInventory, since?: number) {
  const { from, to } = runsToCompare(inv.store, since);
  return diffRuns(inv.store, from, to);
}

describe('diffRuns', () => {
  it('tells gained, lost, changed, new and gone files apart, and leaves unchanged ones out', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [
      scanned('/r/gains.txt', fileReport('gains.txt', [phone()])),
      scanned('/r/loses.txt', fileReport('loses.txt', [phone(), snils()])),
      scanned('/r/riskier.txt', fileReport('riskier.txt', [snils()], 'medium')),
      scanned('/r/same.txt', fileReport('same.txt', [snils()])),
      scanned('/r/goes.txt', fileReport('goes.txt', [snils()])),
    ]);
    recordRun(inv.store, ['/r'], [
      scanned('/r/gains.txt', fileReport('gains.txt', [phone(), snils()])),
      scanned('/r/loses.txt', fileReport('loses.txt', [phone()])),
      scanned('/r/riskier.txt', fileReport('riskier.txt', [snils(), snils()], 'high')),
      scanned('/r/same.txt', fileReport('same.txt', [snils(), snils()])),
      scanned('/r/new.txt', fileReport('new.txt')),
    ]);
    const diff = lastDiff(inv);
    expect(diff.from!.id).toBe(1);
    expect(diff.to.id).toBe(2);
    expect(diff.changes.map((c) => [c.kind, c.path, c.gainedTypes, c.lostTypes])).toEqual([
      ['gained', 'gains.txt', ['RU_SNILS'], []],
      ['lost', 'loses.txt', [], ['RU_SNILS']],
      ['changed', 'riskier.txt', [], []],
      ['new', 'new.txt', [], []],
      ['gone', 'goes.txt', [], ['RU_SNILS']],
    ]);
    expect(diff.counts).toEqual({ gained: 1, lost: 1, changed: 1, new: 1, gone: 1 });
    const table = renderDiff(diff, 'table');
    expect(table).toMatch(/gained\s+gains\.txt\s+medium\s+\+RU_SNILS/);
    expect(table).toMatch(/changed\s+riskier\.txt\s+medium → high/);
    expect(table).toContain('5 files changed');
  });

  it('a file that became unreadable is changed (status), not a loss of data', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('a.txt', [snils()]))]);
    const broken = { ...fileReport('a.txt'), status: 'error' as const, error: 'EACCES' };
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', broken)]);
    expect(lastDiff(inv).changes.map((c) => c.kind)).toEqual(['changed']);
  });

  it('a run over one folder says nothing about the others', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/a/x.txt', fileReport('x', [snils()])), scanned('/r/b/y.txt', fileReport('y', [snils()]))]);
    recordRun(inv.store, ['/r/a'], [scanned('/r/a/x.txt', fileReport('x'))]);
    expect(lastDiff(inv).changes.map((c) => [c.kind, c.path])).toEqual([['lost', 'x']]);
  });

  it('compares --since RUN with the last finished run, skipping interrupted runs as ends but counting their scans', () => {
    inv = tempInventory();
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('a.txt'))]);
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('a.txt'))]);
    // Run 3 is killed after recording a.txt with a SNILS: a later finished run that reuses it
    // shows the change against run 1 as well as against run 2.
    const killed = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    inv.store.writeBatch(killed, [scanned('/r/a.txt', fileReport('a.txt', [snils()]))], [], emptyCounts());
    inv.store.finishRun(killed, 'interrupted', emptyCounts());
    const last = inv.store.beginRun({ roots: ['/r'], realRoots: ['/r'], options: {}, fingerprint: 'fp', toolVersion: 'test' });
    inv.store.writeBatch(last, [], [{ id: inv.store.lookup('/r/a.txt')!.id, displayPath: 'a.txt' }], emptyCounts());
    inv.store.finishRun(last, 'finished', emptyCounts());
    expect(lastDiff(inv).from!.id).toBe(2);
    expect(lastDiff(inv).changes.map((c) => c.kind)).toEqual(['gained']);
    expect(lastDiff(inv, 1).changes.map((c) => c.kind)).toEqual(['gained']);
    expect(lastDiff(inv, 3).changes).toEqual([]);
    expect(() => lastDiff(inv, 9)).toThrow(/no run 9/);
  });

  it('with one finished run, every file is new; with none, it is an error', () => {
    inv = tempInventory();
    expect(() => runsToCompare(inv.store)).toThrow(/no finished run/);
    recordRun(inv.store, ['/r'], [scanned('/r/a.txt', fileReport('a.txt', [snils()]))]);
    const diff = lastDiff(inv);
    expect(diff.from).toBeNull();
    expect(diff.changes.map((c) => [c.kind, c.gainedTypes])).toEqual([['new', ['RU_SNILS']]]);
    expect(JSON.parse(renderDiff(diff, 'json'))).toMatchObject({ from: null, to: { id: 1 }, summary: { new: 1 } });
  });
});
