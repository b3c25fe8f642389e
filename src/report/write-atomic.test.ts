import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunksAtomic, writeFileAtomic } from './write-atomic.js';

describe('writeFileAtomic', () => {
  it('replaces a file in one step and leaves no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-atomic-'));
    const target = path.join(dir, 'report.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes into a FIFO instead of replacing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-atomic-'));
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve) => {
      // A reader must open the FIFO for the write to complete.
      import('node:fs').then((fs) => fs.readFile(fifo, 'utf8', (_e, d) => resolve(d)));
    });
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await reader).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('fails without leaving a temporary file when the directory does not exist', async () => {
    await expect(writeFileAtomic('/nonexistent-dir/pdnscan/report.json', 'x')).rejects.toThrow();
  });
});

describe('writeChunksAtomic', () => {
  it('writes pieces into place through a temporary file, replacing the old content', async () => {
    const dir = mkdtempSync(`${tmpdir()}/pdnscan-chunks-`);
    const target = `${dir}/report.json`;
    writeFileSync(target, 'old');
    const pieces = Array.from({ length: 3000 }, (_, i) => `строка ${i}\n`.repeat(100));
    await writeChunksAtomic(target, pieces);
    expect(readFileSync(target, 'utf8')).toBe(pieces.join(''));
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
