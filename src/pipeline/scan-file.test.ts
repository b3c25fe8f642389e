import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_SIZE, scanFile } from './scan-file.js';

describe('scanFile', () => {
  it('skips a file over the default size limit with a reason naming the option', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-size-'));
    const file = path.join(dir, 'huge.log');
    writeFileSync(file, '');
    truncateSync(file, DEFAULT_MAX_FILE_SIZE + 1); // sparse: no disk space used
    const report = await scanFile({ path: file, displayPath: 'huge.log', options: { reveal: false } });
    expect(report.status).toBe('skipped');
    expect(report.error).toMatch(/--max-file-size/);
    expect(report.size).toBe(DEFAULT_MAX_FILE_SIZE + 1);
  });

  it('reports a value masked, with its location, and the raw value only when revealed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-file-'));
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'Сотрудник\nСНИЛС 112-233-445 95\n');
    const masked = await scanFile({ path: file, displayPath: 'a.txt', options: { reveal: false, types: ['RU_SNILS'] } });
    expect(masked.findings.map((f) => [f.type, f.masked, f.location, f.value])).toEqual([
      ['RU_SNILS', '***-***-*** 95', { line: 2, column: 6 }, undefined],
    ]);
    const revealed = await scanFile({ path: file, displayPath: 'a.txt', options: { reveal: true, types: ['RU_SNILS'] } });
    expect(revealed.findings[0]?.value).toBe('112-233-445 95');
  });
});
