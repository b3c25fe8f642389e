/**
 * End to end over the OCR fixtures: the real CLI (bin/pdnscan.js → dist/, so `npm run build`
 * first) scans fixtures/documents/ocr — PNG, JPEG, a 2-page TIFF, BMP, WebP, an image-only PDF,
 * a mixed PDF, a DOCX and an XLSX with a scan embedded, a blank form — and its report is compared with the generator's ground truth
 * (fixtures/documents/ocr.truth.json, written by scripts/fixtures/ocr.mjs).
 *
 * Also: the same scan with networking disabled (`unshare -n`), run from an empty directory that
 * must stay empty (no language data cache written); --ocr never / always; --ocr-lang checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'fixtures/documents/ocr');
const BIN = path.join(ROOT, 'bin/pdnscan.js');

type Box = [number, number, number, number];
interface TruthValue {
  type: string;
  value: string;
  /** null for a value in a DOCX text. */
  page: number | null;
  bbox?: Box;
  source: 'ocr' | 'pdf' | 'docx';
  /** The embedded picture a value is in (word/media/image1.jpeg). */
  entry?: string;
}
interface TruthFile {
  format: string;
  pages?: number;
  blank?: boolean;
  values: TruthValue[];
}
interface Finding {
  type: string;
  page: number | null;
  location: { page?: number; bbox?: Box; entry?: string };
  value?: string;
  masked: string;
  ocrConfidence?: number;
}
interface FileReport {
  path: string;
  format: string | null;
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  findings: Finding[];
  pages?: number;
  pagesNeedingOcr?: number[];
  warnings?: string[];
}
interface Report {
  summary: { files: number; errors: number; skipped: number };
  files: FileReport[];
}

const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/ocr.truth.json'), 'utf8')) as {
  files: Record<string, TruthFile>;
};

/** Identifiers: their digits (e-mail: lower case); names and addresses: letters and digits, ё as е. */
const norm = (type: string, v: string) =>
  type === 'EMAIL_ADDRESS'
    ? v.trim().toLowerCase()
    : type === 'PERSON' || type === 'ADDRESS'
      ? v.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '')
      : v.replace(/\D/g, '');
/** Names and addresses may be found in part (an address detector's span), identifiers whole. */
const sameValue = (type: string, found: string, planted: string) => {
  const a = norm(type, found);
  const b = norm(type, planted);
  if (a === b) return true;
  if (type !== 'PERSON' && type !== 'ADDRESS') return false;
  return a.length >= 0.7 * b.length && b.includes(a);
};
const IDENTIFIERS = new Set(['RU_PASSPORT', 'RU_SNILS', 'RU_INN_PERSON', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'DATE_OF_BIRTH']);
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

function scan(args: string[], opts: { cwd?: string; prefix?: string[] } = {}) {
  const argv = [...(opts.prefix ?? []), process.execPath, BIN, 'scan', ...args];
  const started = Date.now();
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function byName(report: Report): Map<string, FileReport> {
  return new Map(report.files.map((f) => [path.basename(f.path), f]));
}

/** Planted values found with type, page and an overlapping box; the findings no value explains. */
function compare(files: Map<string, FileReport>, names = Object.keys(TRUTH.files)) {
  let planted = 0;
  let found = 0;
  let idPlanted = 0;
  let idFound = 0;
  let reported = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  for (const name of names) {
    const truth = TRUTH.files[name]!;
    const findings = files.get(name)?.findings ?? [];
    reported += findings.length;
    const used = new Set<Finding>();
    for (const v of truth.values) {
      planted++;
      if (IDENTIFIERS.has(v.type)) idPlanted++;
      const hit = findings.find(
        (f) =>
          !used.has(f) &&
          f.type === v.type &&
          f.page === v.page &&
          f.value !== undefined &&
          sameValue(v.type, f.value, v.value) &&
          f.location.entry === v.entry &&
          (v.bbox === undefined || (f.location.bbox !== undefined && overlaps(f.location.bbox, v.bbox))),
      );
      if (hit) {
        used.add(hit);
        found++;
        if (IDENTIFIERS.has(v.type)) idFound++;
      } else misses.push(`${name}: ${v.type} ${v.value} (page ${v.page})`);
    }
    for (const f of findings) if (!used.has(f)) extras.push(`${name}: ${f.type} ${f.masked} (page ${f.page})`);
  }
  return {
    planted,
    found,
    reported,
    misses,
    extras,
    /** Of the planted identifiers (passport, СНИЛС, ИНН, phone, e-mail, date of birth). */
    recall: idFound / idPlanted,
    idFound,
    idPlanted,
    /** Of every planted value, names and addresses included. */
    recallAll: found / planted,
    precision: reported ? (reported - extras.length) / reported : 1,
  };
}

let report: Report;
let files: Map<string, FileReport>;
let poolMs = 0;

beforeAll(() => {
  // 10 files and --jobs 2: the piscina pool, one tesseract worker per pool thread.
  const r = scan([DIR, '--format', 'json', '--reveal', '--quiet', '--jobs', '2']);
  expect(r.signal, 'the CLI must exit by itself after an OCR scan').toBeNull();
  expect(r.status, r.stderr).toBe(1);
  poolMs = r.ms;
  report = JSON.parse(r.stdout) as Report;
  files = byName(report);
}, 200_000);

describe('pdnscan scan over the OCR fixtures', () => {
  it('reads every fixture with its format and page count, nothing left needing OCR', () => {
    expect([...files.keys()].sort()).toEqual(Object.keys(TRUTH.files).sort());
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      const f = files.get(name)!;
      expect(f.status, `${name}: ${f.error}`).toBe('ok');
      expect(f.format, name).toBe(truth.format);
      expect(f.pages, name).toBe(truth.pages);
      expect(f.pagesNeedingOcr ?? [], name).toEqual([]);
      expect(f.warnings ?? [], name).toEqual([]);
    }
  });

  it('finds at least 90 % of the planted identifiers with type, page and box', () => {
    const c = compare(files);
    console.log(
      `[ocr e2e] recall of identifiers ${(100 * c.recall).toFixed(1)}% (${c.idFound}/${c.idPlanted}), of all values with names and` +
        ` addresses ${(100 * c.recallAll).toFixed(1)}% (${c.found}/${c.planted}), precision ${(100 * c.precision).toFixed(1)}%` +
        ` (${c.reported - c.extras.length}/${c.reported}); pool scan ${(poolMs / 1000).toFixed(1)} s` +
        (c.misses.length ? `\n  missed: ${c.misses.join('\n          ')}` : '') +
        (c.extras.length ? `\n  extra: ${c.extras.join('\n         ')}` : ''),
    );
    expect(c.recall).toBeGreaterThanOrEqual(0.9);
    expect(c.recallAll).toBeGreaterThanOrEqual(0.8);
    expect(c.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('finds nothing on the blank form', () => {
    const blank = Object.entries(TRUTH.files).filter(([, t]) => t.blank);
    expect(blank.length).toBeGreaterThan(0);
    for (const [name] of blank) expect(files.get(name)!.findings).toEqual([]);
  });

  it('gives OCR findings a page, a box in the page image and an OCR confidence', () => {
    let ocr = 0;
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      for (const f of files.get(name)!.findings) {
        if (f.page === null) {
          // A DOCX/XLSX text: not OCR.
          expect(f.ocrConfidence).toBeUndefined();
          continue;
        }
        expect(f.location.page).toBe(f.page);
        const [x0, y0, x1, y1] = f.location.bbox!;
        expect(x0 < x1 && y0 < y1 && x0 >= 0 && y0 >= 0).toBe(true);
        const textLayer = truth.values.some((v) => v.source === 'pdf' && v.page === f.page);
        if (textLayer) {
          expect(f.ocrConfidence).toBeUndefined();
        } else {
          ocr++;
          expect(f.ocrConfidence).toBeGreaterThan(0);
          expect(f.ocrConfidence).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(ocr).toBeGreaterThan(60);
  });

  it('works with networking disabled, writing nothing to the working directory', (ctx) => {
    const probe = spawnSync('unshare', ['-n', 'true']);
    if (probe.error || probe.status !== 0) {
      console.warn('[ocr e2e] skipped the offline check: `unshare -n` is not available here (needs root or user namespaces)');
      ctx.skip();
      return;
    }
    const cwd = mkdtempSync(path.join(tmpdir(), 'pdnscan-ocr-offline-'));
    try {
      const names = ['consent-form.png', 'scan-only.pdf'];
      const r = scan([...names.map((n) => path.join(DIR, n)), '--format', 'json', '--reveal', '--quiet', '--jobs', '1'], {
        cwd,
        prefix: ['unshare', '-n'],
      });
      expect(r.signal).toBeNull();
      expect(r.status, r.stderr).toBe(1);
      const c = compare(byName(JSON.parse(r.stdout) as Report), names);
      expect(c.recall).toBeGreaterThanOrEqual(0.9);
      expect(readdirSync(cwd), 'no *.traineddata cache or other file written').toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('--ocr never skips images and leaves scanned PDF pages listed', () => {
    const r = scan([DIR, '--format', 'json', '--quiet', '--ocr', 'never']);
    expect(r.status, r.stderr).toBe(1); // the text layer of mixed.pdf still has a СНИЛС
    const f = byName(JSON.parse(r.stdout) as Report);
    for (const [name, truth] of Object.entries(TRUTH.files)) {
      if (truth.format === 'docx' || truth.format === 'xlsx') {
        // The text is read; the embedded pictures are not.
        expect(f.get(name)!.status).toBe('ok');
        expect(f.get(name)!.findings.filter((x) => x.location.entry !== undefined)).toEqual([]);
      } else if (truth.format === 'pdf') {
        expect(f.get(name)!.status).toBe('ok');
        expect(f.get(name)!.pagesNeedingOcr, name).toEqual(truth.values.some((v) => v.source === 'pdf') ? [2] : [1, 2]);
      } else {
        expect(f.get(name), name).toMatchObject({ status: 'skipped', error: 'OCR disabled', findings: [] });
      }
    }
  });

  it('--ocr always recognises text-layer pages too', () => {
    const r = scan([path.join(DIR, 'mixed.pdf'), '--format', 'json', '--reveal', '--quiet', '--ocr', 'always', '--ocr-dpi', '200']);
    expect(r.status, r.stderr).toBe(1);
    const mixed = (JSON.parse(r.stdout) as Report).files[0]!;
    const textValue = TRUTH.files['mixed.pdf']!.values.find((v) => v.source === 'pdf')!;
    const onPage1 = mixed.findings.filter((f) => f.page === 1);
    expect(onPage1.map((f) => [f.type, norm(f.type, f.value!)])).toContainEqual([textValue.type, norm(textValue.type, textValue.value)]);
    for (const f of mixed.findings) expect(f.ocrConfidence).toBeGreaterThan(0);
  });

  it('refuses an --ocr-lang without vendored data, naming it', () => {
    const r = scan([DIR, '--ocr-lang', 'rus+deu']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('deu');
    expect(r.stderr).toContain('--ocr-lang');
    const bad = scan([DIR, '--ocr', 'sometimes']);
    expect(bad.status).toBe(2);
  });
});
