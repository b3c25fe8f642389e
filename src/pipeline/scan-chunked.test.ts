import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../report/types.js';
import { scanTextInChunks } from './scan-chunked.js';
import { scanFile } from './scan-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log with values at every distance from the chunk boundaries (mulberry32, fixed seed). */
function makeLog(lines: number): string {
  let a = 20261129;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const filler = 'запрос обработан успешно '.repeat(Math.floor(rand() * 6));
    const r = rand();
    if (r < 0.15) out.push(`${i} ${filler}клиент, СНИЛС 112-233-445 95, тел. +7 (916) 123-45-67`);
    else if (r < 0.25) out.push(`${i} ${filler}e-mail: user${i}@mail.ru; ИНН 500100732259`);
    else out.push(`${i} ${filler}`);
  }
  return out.join('\r\n') + '\r\n';
}

const report = (p: string, size: number): FileReport => ({ path: p, size, mtime: '', sha256: null, format: null, encoding: null, status: 'ok', categories: [], risk: 'none', findings: [] });
const key = (r: FileReport) => r.findings.map((f) => `${f.type}@${f.start}-${f.end}:${JSON.stringify(f.location)}`);

describe('scanTextInChunks', () => {
  it.each([
    ['utf-8', (s: string) => Buffer.from(s, 'utf8')],
    ['windows-1251', (s: string) => iconv.encode(s, 'win1251')],
  ])('finds exactly what a whole-file scan finds, at the same offsets and lines (%s)', async (_name, encode) => {
    const file = path.join(dir, `log-${_name}.log`);
    const bytes = encode(makeLog(12000));
    writeFileSync(file, bytes);
    const options = { reveal: false };
    const whole = await scanFile({ path: file, displayPath: file, options });
    const chunked = await scanTextInChunks({ path: file, displayPath: file, options }, report(file, bytes.length), 64 * 1024);
    expect(bytes.length).toBeGreaterThan(10 * 64 * 1024);
    expect(whole.findings.length).toBeGreaterThan(2000);
    expect(key(chunked)).toEqual(key(whole));
    expect(chunked.sha256).toBe(whole.sha256);
    expect(chunked.encoding).toBe(whole.encoding);
    expect(chunked.categories).toEqual(whole.categories);
    expect(chunked.risk).toBe(whole.risk);
  });

  it('refuses chunks too small to carry the overlap', async () => {
    const file = path.join(dir, 'small.txt');
    writeFileSync(file, 'x');
    await expect(scanTextInChunks({ path: file, displayPath: file, options: { reveal: false } }, report(file, 1), 1024)).rejects.toThrow(RangeError);
  });
});
