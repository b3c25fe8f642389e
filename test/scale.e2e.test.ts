/**
 * The scan pipeline under load and failure: files streamed from the walk into the pool come
 * back in walk order, a file over --file-timeout fails alone (its worker is replaced and the
 * scan goes on).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runJson, tempDir } from './helpers.js';

describe('streaming scan', () => {
  const tmp = tempDir('pdnscan-scale-');
  afterAll(() => tmp.cleanup());

  it('scans a tree of 300 files on 2 workers and reports them in walk order', () => {
    const dir = path.join(tmp.dir, 'tree');
    for (let d = 0; d < 10; d++) {
      mkdirSync(path.join(dir, `d${d}`), { recursive: true });
      for (let f = 0; f < 30; f++) {
        const body = f % 3 === 0 ? `Сотрудник ${d}-${f}: СНИЛС 112-233-445 95\n` : `Записка ${d}-${f}: ничего личного\n`;
        writeFileSync(path.join(dir, `d${d}`, `f${String(f).padStart(2, '0')}.txt`), body);
      }
    }
    const { result, report } = runJson([dir, '--jobs', '2'], { timeout: 120_000 });
    expect(result.status).toBe(1);
    expect(report.files).toHaveLength(300);
    const paths = report.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(report.summary.filesWithPersonalData).toBe(100);
  });

  it('--file-timeout fails a file that takes too long and goes on with the rest', () => {
    const dir = path.join(tmp.dir, 'slow');
    mkdirSync(dir);
    // An OCR page takes seconds: far over a 1-second limit.
    copyFileSync(path.join(ROOT, 'fixtures/documents/ocr/scan-only.pdf'), path.join(dir, 'scan.pdf'));
    writeFileSync(path.join(dir, 'note.txt'), 'СНИЛС 112-233-445 95\n');
    const { result, report } = runJson([dir, '--file-timeout', '1', '--jobs', '1'], { timeout: 60_000 });
    expect(result.status).toBe(1);
    const scan = report.files.find((f) => f.path.endsWith('scan.pdf'))!;
    expect(scan.status).toBe('error');
    expect(scan.error).toMatch(/timed out after 1 s/);
    const note = report.files.find((f) => f.path.endsWith('note.txt'))!;
    expect(note.findings.map((f) => f.type)).toEqual(['RU_SNILS']);
  });
});
