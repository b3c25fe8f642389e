/**
 * End-to-end: the real CLI (node bin/pdnscan.js → dist/, built by `npm test`) over the office
 * fixtures (fixtures/documents/{docx,odt,doc,zip}, written by scripts/fixtures/office-docs.mjs),
 * compared with their ground truth (fixtures/documents/office.truth.json): every planted value
 * found with its type and location, nothing in blank forms or deleted text, encrypted files and
 * the zip bomb reported as per-file errors while the scan goes on. Logs recall and precision per
 * format.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = 'fixtures/documents';
const FORMATS = ['docx', 'odt', 'doc', 'zip'] as const;

interface Planted {
  type: string;
  value: string;
  location: Record<string, unknown>;
}
interface TruthFile {
  path: string;
  format: string | null;
  expectStatus: 'ok' | 'error';
  error?: string;
  errorContains?: string;
  findings: Planted[];
  mustNotFind: { value: string; note: string }[];
}
interface Finding {
  type: string;
  value?: string;
  masked: string;
  location: Record<string, unknown>;
}
interface FileReport {
  path: string;
  format: string | null;
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  findings: Finding[];
}
interface Report {
  summary: { files: number; errors: number; skipped: number };
  files: FileReport[];
}

const truth = JSON.parse(readFileSync(path.join(ROOT, DOCS, 'office.truth.json'), 'utf8')) as { files: TruthFile[] };
const compact = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
const same = (f: Finding, p: { type: string; value: string }) => f.type === p.type && compact(f.value ?? '') === compact(p.value);

/**
 * This suite checks formats with the identifier detectors; names, addresses, organisations and
 * special categories have their own fixtures and truth (names/addresses/categories e2e).
 */
const IDENTIFIERS_ONLY = ['--exclude-types', 'PERSON,ADDRESS,ORG_ADDRESS,ORG,SPECIAL_CATEGORY'];

function scan(reveal: boolean, extra: string[] = []): { status: number | null; report: Report; stdout: string; stderr: string } {
  const args = ['bin/pdnscan.js', 'scan', ...FORMATS.map((f) => `${DOCS}/${f}`), '--format', 'json', '--quiet', ...IDENTIFIERS_ONLY, ...(reveal ? ['--reveal'] : []), ...extra];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  }
  return { status: r.status, report, stdout: r.stdout, stderr: r.stderr };
}

let run: ReturnType<typeof scan>;
const byPath = new Map<string, FileReport>();

beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
  run = scan(true);
  for (const f of run.report.files) byPath.set(path.relative(DOCS, f.path).split(path.sep).join('/'), f);
});

describe('office documents through the CLI', () => {
  it('reports every fixture file, exits 1 (personal data found)', () => {
    expect(run.status, run.stderr).toBe(1);
    expect([...byPath.keys()].sort()).toEqual(truth.files.map((t) => t.path).sort());
    expect(run.report.summary.files).toBe(truth.files.length);
    expect(run.report.summary.errors).toBe(truth.files.filter((t) => t.expectStatus === 'error').length);
  });

  it('gives each file its status, format and error', () => {
    for (const t of truth.files) {
      const f = byPath.get(t.path)!;
      expect(f.status, t.path).toBe(t.expectStatus);
      if (t.expectStatus === 'ok') expect(f.format, t.path).toBe(t.format);
      if (t.error !== undefined) expect(f.error, t.path).toBe(t.error);
      if (t.errorContains !== undefined) expect(f.error, t.path).toContain(t.errorContains);
      if (t.expectStatus === 'error') expect(f.findings, t.path).toEqual([]);
    }
  });

  it('finds every planted value with its type and location', () => {
    const missed: string[] = [];
    for (const t of truth.files) {
      const f = byPath.get(t.path)!;
      for (const p of t.findings) {
        const hits = f.findings.filter((x) => same(x, p));
        if (hits.length === 0) {
          const other = f.findings.find((x) => compact(x.value ?? '') === compact(p.value));
          missed.push(`${t.path}: ${p.type} ${JSON.stringify(p.value)} not found${other ? ` (reported as ${other.type})` : ''}`);
          continue;
        }
        if (!hits.some((x) => JSON.stringify(x.location) === JSON.stringify(p.location))) {
          missed.push(`${t.path}: ${p.type} ${JSON.stringify(p.value)} at ${JSON.stringify(hits[0]!.location)}, expected ${JSON.stringify(p.location)}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('reports nothing that was not planted: blank forms, deleted revisions, archives nested too deep', () => {
    const extra: string[] = [];
    for (const t of truth.files) {
      const f = byPath.get(t.path)!;
      for (const x of f.findings) {
        if (!t.findings.some((p) => same(x, p))) extra.push(`${t.path}: ${x.type} ${JSON.stringify(x.value)} at ${JSON.stringify(x.location)}`);
      }
      for (const n of t.mustNotFind) {
        expect(f.findings.filter((x) => compact(x.value ?? '').includes(compact(n.value))), `${t.path}: ${n.note}`).toEqual([]);
      }
    }
    expect(extra).toEqual([]);
    for (const t of truth.files.filter((x) => x.path.includes('blank-form'))) expect(byPath.get(t.path)!.findings, t.path).toEqual([]);
  });

  it('logs recall and precision per format', () => {
    const lines: string[] = [];
    for (const format of FORMATS) {
      let planted = 0;
      let found = 0;
      let reported = 0;
      let correct = 0;
      for (const t of truth.files.filter((x) => x.path.startsWith(`${format}/`))) {
        const f = byPath.get(t.path)!;
        planted += t.findings.length;
        found += t.findings.filter((p) => f.findings.some((x) => same(x, p) && JSON.stringify(x.location) === JSON.stringify(p.location))).length;
        reported += f.findings.length;
        correct += f.findings.filter((x) => t.findings.some((p) => same(x, p))).length;
      }
      const ratio = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(3));
      lines.push(`${format}: recall ${ratio(found, planted)} (${found}/${planted}), precision ${ratio(correct, reported)} (${correct}/${reported})`);
      expect(found, format).toBe(planted);
      expect(correct, format).toBe(reported);
    }
    console.log(`office e2e (with locations) — ${lines.join('; ')}`);
  });

  it('uses the fixtures the generator writes (deterministic: same bytes on every run)', () => {
    const r = spawnSync(process.execPath, ['scripts/fixtures/office-docs.mjs', '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });

  it('masks values unless --reveal is given', () => {
    const masked = scan(false, ['--exclude', '**/bomb.zip']);
    expect(masked.status).toBe(1);
    const values = truth.files.flatMap((t) => t.findings.map((p) => p.value));
    expect(values.filter((v) => masked.stdout.includes(v))).toEqual([]);
    for (const f of masked.report.files) for (const x of f.findings) expect(x.value).toBeUndefined();
  });
});
