import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyFileError, loadOrCreateKey } from './key.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrCreateKey', () => {
  it('creates a 0600 key file on first use and reads the same key afterwards', async () => {
    const file = path.join(dir, 'a.key');
    const first = await loadOrCreateKey(file);
    expect(first).toMatchObject({ source: 'file', created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadOrCreateKey(file);
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('without a file, a random key for this run only', async () => {
    const a = await loadOrCreateKey(undefined);
    const b = await loadOrCreateKey(undefined);
    expect(a.source).toBe('ephemeral');
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('refuses a file that holds no key, and warns when others can read it', async () => {
    const bad = path.join(dir, 'bad.key');
    writeFileSync(bad, 'password123\n');
    await expect(loadOrCreateKey(bad)).rejects.toThrow(KeyFileError);
    const open = path.join(dir, 'open.key');
    writeFileSync(open, 'ab'.repeat(32));
    chmodSync(open, 0o644);
    expect((await loadOrCreateKey(open)).warning).toMatch(/chmod 600/);
  });
});
