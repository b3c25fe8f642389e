import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSha256, reuseDecision } from './incremental.js';
import type { StoredFile } from './store.js';

const stored: StoredFile = { id: 1, size: 100, mtimeMs: 1_700_000_000_123.5, sha256: 'cd'.repeat(32), status: 'ok', fingerprint: 'fp', goneRun: null, report: '{}' };
const seen = { size: 100, mtimeMs: 1_700_000_000_123.5 };

describe('reuseDecision', () => {
  it('reuses a current record of the same size, mtime and fingerprint', () => {
    expect(reuseDecision(stored, seen, 'fp', false)).toEqual({ reuse: true, verify: false });
    expect(reuseDecision({ ...stored, status: 'skipped' }, seen, 'fp', false)).toEqual({ reuse: true, verify: false });
  });

  it('scans what it cannot vouch for, saying why', () => {
    expect(reuseDecision(undefined, seen, 'fp', false)).toEqual({ reuse: false, reason: 'new' });
    expect(reuseDecision({ ...stored, goneRun: 3 }, seen, 'fp', false)).toEqual({ reuse: false, reason: 'returned' });
    expect(reuseDecision(stored, seen, 'other', false)).toEqual({ reuse: false, reason: 'options' });
    expect(reuseDecision({ ...stored, status: 'error' }, seen, 'fp', false)).toEqual({ reuse: false, reason: 'error' });
    expect(reuseDecision(stored, { ...seen, size: 101 }, 'fp', false)).toEqual({ reuse: false, reason: 'changed' });
    // Sub-millisecond differences count: a rewrite within the same millisecond still changes it.
    expect(reuseDecision(stored, { ...seen, mtimeMs: seen.mtimeMs + 0.001 }, 'fp', false)).toEqual({ reuse: false, reason: 'changed' });
    expect(reuseDecision(stored, {}, 'fp', false)).toEqual({ reuse: false, reason: 'changed' });
  });

  it('asks for a hash check with --verify-hash, unless the file was never read (no hash)', () => {
    expect(reuseDecision(stored, seen, 'fp', true)).toEqual({ reuse: true, verify: true });
    expect(reuseDecision({ ...stored, sha256: null, status: 'skipped' }, seen, 'fp', true)).toEqual({ reuse: true, verify: false });
  });
});

describe('fileSha256', () => {
  it('hashes a file as sha256 of its bytes, and gives undefined for one it cannot read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-hash-'));
    try {
      const file = path.join(dir, 'a.bin');
      const bytes = Buffer.alloc(200_000, 7);
      writeFileSync(file, bytes);
      expect(await fileSha256(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(await fileSha256(path.join(dir, 'missing'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
