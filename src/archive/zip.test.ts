import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipReader } from './zip.js';

describe('ZipReader', () => {
  it('reads stored and deflated entries', () => {
    const zip = zipSync({ 'a.txt': [strToU8('СНИЛС 112-233-445 95'), { level: 0 }], 'dir/b.xml': strToU8('<x>привет</x>') });
    const reader = new ZipReader(zip);
    expect(reader.entries.map((e) => e.name).sort()).toEqual(['a.txt', 'dir/b.xml']);
    expect(reader.readText('a.txt')).toBe('СНИЛС 112-233-445 95');
    expect(reader.readText('dir/b.xml')).toBe('<x>привет</x>');
    expect(reader.read('missing')).toBeUndefined();
    expect(ZipReader.isZip(zip)).toBe(true);
  });

  it('refuses an entry that inflates past the limit, whatever its header claims', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ 'bomb.bin': zeros });
    expect(zip.length).toBeLessThan(64 * 1024);
    const reader = new ZipReader(zip, { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 });
    expect(() => reader.read('bomb.bin')).toThrow(/zip bomb refused/);
  });

  it('refuses a bomb whose header lies about its size, while inflating', () => {
    const zip = zipSync({ 'bomb.bin': new Uint8Array(8 * 1024 * 1024) });
    const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (dv.getUint32(i, true) === 0x02014b50) {
        dv.setUint32(i + 24, 10, true); // declared uncompressed size: 10 bytes
        break;
      }
    }
    const reader = new ZipReader(zip, { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 });
    expect(reader.entries[0]?.declaredSize).toBe(10);
    expect(() => reader.read('bomb.bin')).toThrow(/zip bomb refused/);
  });

  it('refuses too many entries before inflating anything', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) files[`f${i}`] = strToU8('x');
    expect(() => new ZipReader(zipSync(files), { maxEntries: 20, maxEntryBytes: 1e6, maxTotalBytes: 1e6 })).toThrow(/50 entries/);
  });

  it('counts the total across entries', () => {
    const big = new Uint8Array(600 * 1024);
    const reader = new ZipReader(zipSync({ a: big, b: big }), { maxEntries: 10, maxEntryBytes: 1e6, maxTotalBytes: 1e6 });
    expect(reader.read('a')?.length).toBe(big.length);
    expect(() => reader.read('b')).toThrow(/zip bomb refused/);
  });

  it('gives a clear error for bytes that are not a zip', () => {
    expect(() => new ZipReader(strToU8('not a zip at all'))).toThrow(/corrupt zip/);
  });
});
