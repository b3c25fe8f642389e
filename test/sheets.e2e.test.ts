/**
 * Spreadsheets end to end: the real CLI (bin/pdnscan.js → dist/) over fixtures/documents/{xlsx,ods,xls},
 * compared with the generator's ground truth (fixtures/documents/sheets.truth.json, written by
 * scripts/fixtures/spreadsheets.mjs). Needs a built dist/ (`npm run build`, as `npm test` does).
 *
 * A planted value counts as found when a finding has its type, its sheet and cell, and its value
 * (separators ignored). Recall and precision per format are printed in a log line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'fixtures/documents');
const FORMATS = ['xlsx', 'ods', 'xls'] as const;

interface TruthItem {
  type: string;
  value: string;
  sheet: string;
  cell: string;
  personalData: boolean;
}
interface TruthFile {
  status: 'ok' | 'error';
  findings?: TruthItem[];
  error?: string;
  errorIncludes?: string;
}
interface Finding {
  type: string;
  value?: string;
  personalData: boolean;
  location: { sheet?: string; cell?: string; header?: string };
}
interface FileReport {
  path: string;
  status: string;
  format: string | null;
  error?: string;
  findings: Finding[];
}

const TRUTH = (JSON.parse(readFileSync(path.join(DOCS, 'sheets.truth.json'), 'utf8')) as { files: Record<string, TruthFile> }).files;
const compact = (s: string) => s.replace(/[^\p{L}\p{N}@.]/gu, '').toLowerCase();

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/pdnscan.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Report files keyed like the truth: "xlsx/staff-list.xlsx". */
const reports = new Map<string, FileReport>();
let exitStatus: number | null = null;

/**
 * This suite checks formats with the identifier detectors; names, addresses, organisations and
 * special categories have their own fixtures and truth (names/addresses/categories e2e).
 */
const IDENTIFIERS_ONLY = ['--exclude-types', 'PERSON,ADDRESS,ORG_ADDRESS,ORG,SPECIAL_CATEGORY'];

beforeAll(() => {
  const r = cli(['scan', ...FORMATS.map((f) => path.join('fixtures/documents', f)), '--format', 'json', '--reveal', ...IDENTIFIERS_ONLY]);
  exitStatus = r.status;
  let parsed: { files: FileReport[] };
  try {
    parsed = JSON.parse(r.stdout) as { files: FileReport[] };
  } catch {
    throw new Error(`no JSON report (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(0, 500)}`);
  }
  for (const f of parsed.files) {
    const rel = path.relative(DOCS, path.resolve(ROOT, f.path)).split(path.sep).join('/');
    reports.set(rel, f);
  }
}, 120_000);

const matches = (t: TruthItem, f: Finding) =>
  f.type === t.type && f.location.sheet === t.sheet && f.location.cell === t.cell && f.value !== undefined && compact(f.value) === compact(t.value);

describe('spreadsheets end to end (CLI vs sheets.truth.json)', () => {
  it('reports every fixture file, and finds personal data (exit 1)', () => {
    expect(exitStatus).toBe(1);
    for (const name of Object.keys(TRUTH)) expect(reports.has(name), name).toBe(true);
  });

  it.each(Object.entries(TRUTH).filter(([, t]) => t.status === 'ok'))('%s: every planted value, right type and cell', (name, truth) => {
    const report = reports.get(name)!;
    expect(report.status).toBe('ok');
    expect(report.format).toBe(name.split('/')[0]);
    for (const t of truth.findings!) {
      const hit = report.findings.find((f) => matches(t, f));
      expect(hit, `${t.type} ${t.value} at ${t.sheet}!${t.cell}`).toBeDefined();
      expect(hit!.personalData, `${t.type} at ${t.sheet}!${t.cell}`).toBe(t.personalData);
    }
  });

  it('blank templates: nothing found', () => {
    for (const f of FORMATS) expect(reports.get(`${f}/template-blank.${f}`)!.findings).toEqual([]);
  });

  it('organisation requisites are reported as not personal data', () => {
    for (const f of FORMATS) {
      const org = reports.get(`${f}/staff-list.${f}`)!.findings.filter((x) => x.location.sheet === 'Реквизиты');
      expect(org.map((x) => x.type).sort()).toEqual(['RU_INN_ORG', 'RU_OGRN']);
      expect(org.every((x) => !x.personalData)).toBe(true);
    }
  });

  it('encrypted files: status error, error "encrypted"; zip bombs: an error naming the zip bomb; the scan goes on', () => {
    for (const [name, truth] of Object.entries(TRUTH).filter(([, t]) => t.status === 'error')) {
      const report = reports.get(name)!;
      expect(report.status, name).toBe('error');
      expect(report.findings).toEqual([]);
      if (truth.error !== undefined) expect(report.error, name).toBe(truth.error);
      if (truth.errorIncludes !== undefined) expect(report.error, name).toContain(truth.errorIncludes);
    }
    // …and the files after them were scanned.
    expect([...reports.values()].filter((r) => r.status === 'ok').length).toBe(Object.values(TRUTH).filter((t) => t.status === 'ok').length);
  });

  it('recall and precision per format', () => {
    const lines: string[] = [];
    for (const format of FORMATS) {
      let planted = 0;
      let found = 0;
      let reported = 0;
      let correct = 0;
      for (const [name, truth] of Object.entries(TRUTH)) {
        if (!name.startsWith(`${format}/`) || truth.status !== 'ok') continue;
        const findings = reports.get(name)!.findings;
        planted += truth.findings!.length;
        found += truth.findings!.filter((t) => findings.some((f) => matches(t, f))).length;
        reported += findings.length;
        correct += findings.filter((f) => truth.findings!.some((t) => matches(t, f))).length;
      }
      const recall = planted === 0 ? 1 : found / planted;
      const precision = reported === 0 ? 1 : correct / reported;
      lines.push(`${format}: recall ${recall.toFixed(3)} (${found}/${planted}), precision ${precision.toFixed(3)} (${correct}/${reported})`);
      expect(recall, format).toBe(1);
      expect(precision, format).toBe(1);
    }
    console.log(`[sheets e2e] ${lines.join('; ')}`);
  });

  it('the table format prints cell locations as Лист1!C7 with the column header', () => {
    const r = cli(['scan', 'fixtures/documents/xlsx/staff-list.xlsx', '--format', 'table']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Лист1!C7 (СНИЛС)');
    expect(r.stdout).toContain('Анкета!B5 (СНИЛС)');
    expect(r.stdout).toContain('(properties)!lastModifiedBy');
    // masked: no planted value in clear
    expect(r.stdout).not.toContain('11223344595');
  });
});
