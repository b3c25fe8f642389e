/**
 * End to end over the PDF fixtures: the real CLI (bin/pdnscan.js → dist/, so `npm run build`
 * first) scans fixtures/documents/pdf and its report is compared with the generator's ground
 * truth (fixtures/documents/pdf.truth.json, written by scripts/fixtures/pdf.mjs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = 'fixtures/documents/pdf';

type Box = [number, number, number, number];
interface TruthValue {
  type: string;
  value: string;
  page: number;
  bbox: Box;
}
interface TruthFile {
  status: 'ok' | 'error';
  error?: string;
  pages?: number;
  pagesNeedingOcr?: number[];
  values: TruthValue[];
  blank?: boolean;
}
interface Finding {
  type: string;
  page: number | null;
  location: { page?: number; bbox?: Box };
  value?: string;
  masked: string;
}
interface FileReport {
  path: string;
  format: string | null;
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  findings: Finding[];
  pages?: number;
  pagesNeedingOcr?: number[];
}
interface Report {
  summary: { files: number; errors: number };
  files: FileReport[];
}

const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/pdf.truth.json'), 'utf8')) as {
  files: Record<string, TruthFile>;
};

/** Digits for numbers, lower case for addresses: the detector may keep or drop separators. */
const norm = (type: string, v: string) => (type === 'EMAIL_ADDRESS' ? v.trim().toLowerCase() : v.replace(/\D/g, ''));
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * This suite checks formats with the identifier detectors; names, addresses, organisations and
 * special categories have their own fixtures and truth (names/addresses/categories e2e).
 */
const IDENTIFIERS_ONLY = ['--exclude-types', 'PERSON,ADDRESS,ORG_ADDRESS,ORG,SPECIAL_CATEGORY'];

function scan(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/pdnscan.js', 'scan', ...args, ...IDENTIFIERS_ONLY], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let report: Report;
let byName: Map<string, FileReport>;

beforeAll(() => {
  // The text layer only: OCR of the scanned pages is test/ocr.e2e.test.ts's subject.
  const r = scan([DIR, '--format', 'json', '--reveal', '--quiet', '--ocr', 'never']);
  expect(r.status, r.stderr).toBe(1); // personal data found
  report = JSON.parse(r.stdout) as Report;
  byName = new Map(report.files.map((f) => [path.basename(f.path), f]));
});

describe('pdnscan scan over the PDF fixtures', () => {
  it('reports every fixture, and keeps scanning past the bad ones', () => {
    expect([...byName.keys()].sort()).toEqual(Object.keys(TRUTH.files).sort());
    expect(report.summary.files).toBe(Object.keys(TRUTH.files).length);
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      const file = byName.get(name)!;
      expect(file.status, name).toBe(truth.status);
      if (truth.status === 'ok') expect(file.format, name).toBe('pdf');
    }
  });

  it('finds every planted value with its type, page and box, and nothing else', () => {
    let planted = 0;
    let found = 0;
    let reported = 0;
    let matched = 0;
    const misses: string[] = [];
    const extras: string[] = [];
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      const findings = byName.get(name)!.findings;
      reported += findings.length;
      const used = new Set<Finding>();
      for (const v of truth.values) {
        planted++;
        const hit = findings.find(
          (f) =>
            !used.has(f) &&
            f.type === v.type &&
            f.page === v.page &&
            f.value !== undefined &&
            norm(v.type, f.value) === norm(v.type, v.value) &&
            f.location.bbox !== undefined &&
            overlaps(f.location.bbox, v.bbox),
        );
        if (hit) {
          used.add(hit);
          found++;
        } else misses.push(`${name}: ${v.type} ${v.value} (page ${v.page})`);
      }
      matched += used.size;
      for (const f of findings) if (!used.has(f)) extras.push(`${name}: ${f.type} ${f.masked} (page ${f.page})`);
    }
    const recall = found / planted;
    const precision = reported === 0 ? 1 : matched / reported;
    console.log(
      `[pdf e2e] recall ${(100 * recall).toFixed(1)}% (${found}/${planted}), precision ${(100 * precision).toFixed(1)}% (${matched}/${reported})`,
    );
    expect(misses).toEqual([]);
    expect(extras).toEqual([]);
  });

  it('reports a finding location as {page, bbox} with bbox inside the page', () => {
    for (const file of report.files) {
      for (const f of file.findings) {
        expect(f.location.page).toBe(f.page);
        const [x0, y0, x1, y1] = f.location.bbox!;
        expect(x0 < x1 && y0 < y1).toBe(true);
        expect(x0 >= 0 && y0 >= 0 && x1 <= 595.28 && y1 <= 841.89).toBe(true); // A4
      }
    }
  });

  it('finds nothing in the blank form', () => {
    const blank = Object.entries(TRUTH.files).filter(([, t]) => t.blank);
    expect(blank.length).toBeGreaterThan(0);
    for (const [name] of blank) expect(byName.get(name)!.findings).toEqual([]);
  });

  it('reports the page count and the pages that need OCR', () => {
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      if (truth.status !== 'ok') continue;
      const file = byName.get(name)!;
      expect(file.pages, name).toBe(truth.pages);
      expect(file.pagesNeedingOcr ?? [], name).toEqual(truth.pagesNeedingOcr ?? []);
    }
  });

  it('reports an encrypted PDF as "encrypted" and a truncated one as corrupt', () => {
    const encrypted = byName.get('encrypted.pdf')!;
    expect(encrypted).toMatchObject({ status: 'error', error: 'encrypted', findings: [] });
    const corrupt = byName.get('corrupt.pdf')!;
    expect(corrupt.status).toBe('error');
    expect(corrupt.error).toMatch(/^corrupt pdf: [a-zA-Z ]+$/);
    expect(report.summary.errors).toBe(2);
  });

  it('prints pages and the pages needing OCR in the table', () => {
    const r = scan([DIR, '--format', 'table', '--quiet', '--ocr', 'never']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/RU_SNILS\s.*\spage 2\s/);
    expect(r.stdout).toContain('Pages without a text layer (need OCR):');
    expect(r.stdout).toMatch(/scan-only\.pdf: page 1\n/);
    expect(r.stdout).toMatch(/mixed\.pdf: pages 2-3\n/);
    expect(r.stdout).toMatch(/encrypted\.pdf: encrypted/);
  });
});
