/**
 * Scans inside a .zip archive are read by OCR like any picture, in `scan` and in `redact`: the
 * finding's location names the entry, and the anonymised archive carries the picture with boxes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { digitsOf, ROOT, runCli, tempDir } from './helpers.js';

describe('pictures inside a zip archive', () => {
  const tmp = tempDir('pdnscan-zip-ocr-');
  afterAll(() => tmp.cleanup());
  const input = path.join(tmp.dir, 'in');
  mkdirSync(input);
  const png = readFileSync(path.join(ROOT, 'fixtures/documents/ocr/consent-form.png'));
  writeFileSync(path.join(input, 'scans.zip'), zipSync({ 'scans/consent-form.png': [png, { level: 0 }], 'readme.txt': new TextEncoder().encode('Архив сканов анкет.\n') }));
  const truth = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/ocr.truth.json'), 'utf8')) as { files: Record<string, { values: Array<{ type: string; value: string }> }> };
  const planted = truth.files['consent-form.png']!.values;

  it('scan reads the picture by OCR and locates findings by entry and page', () => {
    const r = runCli(['scan', input, '--format', 'json', '--reveal', '--quiet'], { timeout: 120_000 });
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).files[0].findings as Array<{ type: string; value: string; location: { entry?: string; page?: number } }>;
    const snils = planted.find((v) => v.type === 'RU_SNILS')!;
    const found = findings.find((f) => f.type === 'RU_SNILS')!;
    expect(digitsOf(found.value)).toBe(digitsOf(snils.value));
    expect(found.location).toMatchObject({ entry: 'scans/consent-form.png', page: 1 });
  }, 130_000);

  it('redact burns boxes into the picture inside the archive; the copy rescanned holds none of its values', () => {
    const out = path.join(tmp.dir, 'out');
    const r = runCli(['redact', input, '--out', out, '--format', 'json', '--quiet'], { timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const copy = unzipSync(readFileSync(path.join(out, 'scans.zip')));
    expect(Object.keys(copy).sort()).toEqual(['readme.txt', 'scans/consent-form.png']);
    expect(Buffer.from(copy['scans/consent-form.png']!).equals(png)).toBe(false);
    const again = runCli(['scan', out, '--format', 'json', '--reveal', '--quiet'], { timeout: 120_000 });
    const values = (JSON.parse(again.stdout).files[0].findings as Array<{ value: string }>).map((f) => digitsOf(f.value));
    for (const v of planted.filter((p) => digitsOf(p.value).length >= 6)) expect(values.includes(digitsOf(v.value)), v.type).toBe(false);
  }, 250_000);
});
