import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { scanPaths as ScanPaths } from '../src/engine/scanner.js';
import { ROOT } from './helpers.js';

// The built scanner: its worker pool loads dist/pipeline/worker.js (npm test builds first).
const { scanPaths } = (await import(path.join(ROOT, 'dist/engine/scanner.js'))) as { scanPaths: typeof ScanPaths };

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-scanner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scanPaths', () => {
  it('streams the walk with backpressure: files walked but not done stay few, however many files there are', async () => {
    const tree = path.join(dir, 'tree');
    for (let d = 0; d < 6; d++) {
      mkdirSync(path.join(tree, `d${d}`), { recursive: true });
      for (let f = 0; f < 50; f++) writeFileSync(path.join(tree, `d${d}`, `f${f}.txt`), `Записка ${d}-${f}: СНИЛС 112-233-445 95\n`);
    }
    let walked = 0;
    let done = 0;
    let mostInFlight = 0;
    const report = await scanPaths([tree], {
      reveal: false,
      jobs: 2,
      // Called as each file leaves the walk, before it is read.
      reuse: () => {
        walked++;
        mostInFlight = Math.max(mostInFlight, walked - done);
        return undefined;
      },
      onFile: async () => {
        done++;
        // A slow consumer: the walk must wait for it, not run ahead.
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    expect(report.files).toHaveLength(300);
    expect(done).toBe(300);
    // 2 × jobs tasks in flight, plus the files waiting for the pool to start.
    expect(mostInFlight).toBeLessThanOrEqual(2 * 2 + 4);
  });

  it('a rescan that reuses every file reads none of them', async () => {
    const tree = path.join(dir, 'reuse');
    mkdirSync(tree);
    for (let f = 0; f < 20; f++) writeFileSync(path.join(tree, `f${f}.txt`), 'СНИЛС 112-233-445 95\n');
    const first = await scanPaths([tree], { reveal: false, jobs: 2 });
    const byPath = new Map(first.files.map((f) => [f.path, f]));
    // Remove the files' content: a reused report must not depend on reading them.
    for (let f = 0; f < 20; f++) writeFileSync(path.join(tree, `f${f}.txt`), '');
    const again = await scanPaths([tree], { reveal: false, jobs: 2, reuse: (e) => byPath.get(e.displayPath) });
    expect(again.files.map((f) => f.findings.length)).toEqual(first.files.map((f) => f.findings.length));
    expect(again.summary.filesWithPersonalData).toBe(20);
  });
});
