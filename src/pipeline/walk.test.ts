import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathNotFoundError, walk, type WalkEntry } from './walk.js';

async function collect(roots: string[], options = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walk(roots, options)) out.push(e);
  return out;
}

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pdnscan-walk-'));
  mkdirSync(path.join(root, 'b/node_modules'), { recursive: true });
  mkdirSync(path.join(root, 'a'));
  writeFileSync(path.join(root, 'a/2.txt'), 'x');
  writeFileSync(path.join(root, 'a/1.csv'), 'x');
  writeFileSync(path.join(root, 'b/node_modules/m.txt'), 'x');
  writeFileSync(path.join(root, 'b/log.log'), 'x');
  symlinkSync('..', path.join(root, 'b/loop'));
  symlinkSync(path.join(root, 'a/2.txt'), path.join(root, 'b/link.txt'));
  return root;
}

describe('walk', () => {
  it('yields files in name order with paths as reached from the argument', async () => {
    const root = tree();
    const entries = await collect([root]);
    expect(entries.filter((e) => !e.skip).map((e) => path.relative(root, e.displayPath))).toEqual([
      'a/1.csv',
      'a/2.txt',
      'b/log.log',
      'b/node_modules/m.txt',
    ]);
    expect(entries.filter((e) => e.skip).map((e) => path.basename(e.path))).toEqual(['link.txt', 'loop']);
  });

  it('excludes by base-name and path globs without entering excluded folders', async () => {
    const root = tree();
    const entries = await collect([root], { exclude: ['*.log', '**/node_modules/**', 'b/node_modules'] });
    expect(entries.filter((e) => !e.skip).map((e) => path.basename(e.path))).toEqual(['1.csv', '2.txt']);
  });

  it('follows symlinks on request, entering each directory and file once (loops end)', async () => {
    const root = tree();
    const entries = await collect([root], { followSymlinks: true });
    expect(entries.map((e) => path.relative(root, e.displayPath))).toEqual([
      'a/1.csv',
      'a/2.txt',
      'b/log.log',
      'b/node_modules/m.txt',
    ]);
  });

  it('fails on a path that does not exist, naming it', async () => {
    await expect(collect(['/nonexistent/pdnscan'])).rejects.toThrow(PathNotFoundError);
    await expect(collect(['/nonexistent/pdnscan'])).rejects.toThrow(/nonexistent\/pdnscan/);
  });
});
