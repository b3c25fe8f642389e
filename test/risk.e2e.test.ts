/**
 * End-to-end: `pdnscan risk` on the tables of scripts/fixtures/risk-tables.mjs, whose truth
 * (fixtures/documents/risk.truth.json) the generator computes on its own from the values it planted.
 * Needs a built dist/ (`npm run build`, as `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

interface Scenario {
  quasi: string[];
  sensitive?: string;
  generalize?: string;
  asOf?: string;
  kThreshold: number;
  expect: { rows: number; k: number; classes: number; atRiskRows: number; lDistinct?: number };
}
interface TruthFile {
  columns: string[];
  sheet?: string;
  scenarios: Scenario[];
  names?: string[];
  departments?: { rows: number; columns: string[] };
}
const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/risk.truth.json'), 'utf8')) as { files: Record<string, TruthFile> };
const fixture = (name: string) => path.join('fixtures/documents', name);

interface RiskReportJson {
  rows: number;
  sourceRows: number;
  columns: string[];
  quasi: string[];
  sheet: string | null;
  k: number | null;
  classes: number;
  atRisk: { rows: number; share: number };
  l: { distinct: number; entropy: number } | null;
  smallGroups: { total: number; listed: Array<{ size: number; values: Record<string, string> }> };
  directIdentifiers: Array<{ column: string; type: string; quasi: boolean }>;
  generalization: { steps: Array<{ k: number | null }>; suppressedRows: number; asOf: string | null } | null;
  safe: boolean;
}

function risk(args: string[]): { status: number | null; report: RiskReportJson; stderr: string } {
  const r = runCli(['risk', ...args, '--format', 'json']);
  try {
    return { status: r.status, report: JSON.parse(r.stdout) as RiskReportJson, stderr: r.stderr };
  } catch {
    throw new Error(`no JSON on stdout (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(0, 500)}`);
  }
}

const tmp = tempDir('pdnscan-risk-');
afterAll(() => tmp.cleanup());

describe('pdnscan risk: metrics match the generator\'s truth', () => {
  for (const [file, truth] of Object.entries(TRUTH.files)) {
    for (const s of truth.scenarios) {
      it(`${file}: ${s.quasi.join(', ')}${s.generalize ? ` with ${s.generalize}` : ''}`, () => {
        const args = [fixture(file), '--quasi', s.quasi.join(','), '--k', String(s.kThreshold), '--max-groups', '0'];
        if (s.sensitive) args.push('--sensitive', s.sensitive);
        if (s.generalize) args.push('--generalize', s.generalize, '--as-of', s.asOf!);
        const { status, report } = risk(args);
        expect(status).toBe(s.expect.k >= s.kThreshold ? 0 : 1);
        expect(report.columns).toEqual(truth.columns);
        expect(report.sheet).toBe(truth.sheet ?? null);
        expect(report.quasi).toEqual(s.quasi);
        expect({ rows: report.rows, k: report.k, classes: report.classes, atRiskRows: report.atRisk.rows }).toEqual({
          rows: s.expect.rows,
          k: s.expect.k,
          classes: s.expect.classes,
          atRiskRows: s.expect.atRiskRows,
        });
        if (s.expect.lDistinct !== undefined) expect(report.l?.distinct).toBe(s.expect.lDistinct);
        expect(report.smallGroups.listed.reduce((a, g) => a + g.size, 0)).toBe(s.expect.atRiskRows);
        expect(report.safe).toBe(s.expect.k >= s.kThreshold);
      });
    }
  }
});

describe('pdnscan risk: generalisation to a target k', () => {
  const cases = [
    // `gone`: what the released table must not hold any more — exact birth dates, full postal codes, streets.
    { file: 'risk/patients.csv', quasi: 'Дата рождения,Пол,Индекс', generalize: 'Дата рождения=age,Индекс=postal', target: 5, sensitive: 'Диагноз', gone: [/\d\d\.\d\d\.\d{4}/, /\d{6}/] },
    { file: 'risk/staff.xlsx', quasi: 'Дата рождения,Пол,Адрес', generalize: 'Дата рождения,Адрес=region', target: 5, sensitive: 'Отдел', gone: [/\d\d\.\d\d\.\d{4}/, /ул\./] },
    { file: 'risk/patients.csv', quasi: 'Дата рождения,Пол,Индекс', generalize: 'Дата рождения=age:5,Индекс=postal:3', target: 10, sensitive: 'Диагноз', gone: [/\d\d\.\d\d\.\d{4}/, /\d{6}/] },
  ];
  for (const c of cases) {
    it(`${c.file} reaches k ≥ ${c.target}, and the --out CSV read again has k ≥ ${c.target}`, () => {
      const out = path.join(tmp.dir, `${path.basename(c.file)}-k${c.target}.csv`);
      const source = TRUTH.files[c.file]!.scenarios[0]!.expect.rows;
      const { status, report } = risk([fixture(c.file), '--quasi', c.quasi, '--sensitive', c.sensitive, '--generalize', c.generalize, '--target-k', String(c.target), '--as-of', '2025-01-01', '--out', out]);
      expect(status).toBe(0);
      expect(report.k).toBeGreaterThanOrEqual(c.target);
      expect(report.safe).toBe(true);
      expect(report.generalization!.steps[0]!.k).toBe(1);
      expect(report.generalization!.asOf).toBe('2025-01-01');
      expect(report.rows + report.generalization!.suppressedRows).toBe(source);

      const bytes = readFileSync(out);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const again = risk([out, '--quasi', c.quasi, '--k', String(c.target)]);
      expect(again.status).toBe(0);
      expect(again.report.k).toBeGreaterThanOrEqual(c.target);
      expect(again.report.rows).toBe(report.rows);
      expect(again.report.columns).toEqual(TRUTH.files[c.file]!.columns);
      const lines = bytes.toString('utf8').split('\r\n').slice(1, -1);
      expect(lines.length).toBe(report.rows);
      for (const pattern of c.gone) expect(lines.filter((l) => pattern.test(l)), String(pattern)).toEqual([]);
    });
  }

  it('stops widening at --suppress-up-to and suppresses the rest', () => {
    const wide = risk([fixture('risk/patients.csv'), '--quasi', 'Дата рождения,Пол,Индекс', '--generalize', 'Дата рождения=age,Индекс=postal', '--target-k', '5', '--as-of', '2025-01-01']);
    const early = risk([fixture('risk/patients.csv'), '--quasi', 'Дата рождения,Пол,Индекс', '--generalize', 'Дата рождения=age,Индекс=postal', '--target-k', '5', '--as-of', '2025-01-01', '--suppress-up-to', '25%']);
    expect(early.status).toBe(0);
    expect(early.report.generalization!.steps.length).toBeLessThan(wide.report.generalization!.steps.length);
    expect(early.report.generalization!.suppressedRows).toBeGreaterThan(wide.report.generalization!.suppressedRows);
    expect(early.report.generalization!.suppressedRows).toBeLessThanOrEqual(100);
  });
});

describe('pdnscan risk: what the report shows', () => {
  it('warns about a direct-identifier column and never prints its values, even as a quasi-identifier', () => {
    const names = TRUTH.files['risk/patients.csv']!.names!;
    const { status, report } = risk([fixture('risk/patients.csv'), '--quasi', 'ФИО,Пол', '--max-groups', '0']);
    expect(status).toBe(1);
    expect(report.directIdentifiers).toEqual([{ column: 'ФИО', type: 'PERSON', share: 1, quasi: true }]);
    expect(report.smallGroups.listed.length).toBe(report.smallGroups.total);
    const text = runCli(['risk', fixture('risk/patients.csv'), '--quasi', 'ФИО,Пол', '--max-groups', '0']).stdout;
    for (const output of [JSON.stringify(report), text]) {
      for (const name of names) expect(output.includes(name.split(' ')[0]!), name.split(' ')[0]).toBe(false);
    }
    expect(text).toContain('warning: column "ФИО" holds direct identifiers (PERSON');
  });

  it('prints the too-small groups by their quasi values, never the sensitive column', () => {
    const r = runCli(['risk', fixture('risk/staff.xlsx'), '--quasi', 'Дата рождения,Пол,Адрес', '--sensitive', 'Отдел', '--generalize', 'Дата рождения=age:10,Адрес=region', '--as-of', '2025-01-01', '--max-groups', '0']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('groups smaller than 5');
    expect(r.stdout).toMatch(/\d+-\d+ +[МЖ] +(г\. [А-Яа-я-]+|Московская обл\.)/);
    for (const department of ['Бухгалтерия', 'Отдел продаж', 'Склад', 'ИТ-отдел', 'Юридический отдел']) expect(r.stdout).not.toContain(department);
    expect(r.stdout).toContain('verdict: NOT SAFE to release (k below 5)');
  });

  it('fails on l-diversity when --l is not reached though k is', () => {
    const base = [fixture('risk/survey.csv'), '--quasi', '1,2,3', '--sensitive', 'Оценка'];
    expect(risk(base).status).toBe(0);
    const { status, report } = risk([...base, '--l', '2']);
    expect(status).toBe(1);
    expect(report.k).toBe(5);
    expect(report.l!.distinct).toBe(1);
  });

  it('reads another sheet with --sheet', () => {
    const { report } = risk([fixture('risk/staff.xlsx'), '--sheet', 'Отделы', '--quasi', 'A']);
    expect(report.sheet).toBe('Отделы');
    expect(report.columns).toEqual(TRUTH.files['risk/staff.xlsx']!.departments!.columns);
    expect(report.rows).toBe(TRUTH.files['risk/staff.xlsx']!.departments!.rows);
  });
});

describe('pdnscan risk: usage and I/O errors exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown column', [fixture('risk/survey.csv'), '--quasi', 'Возраст'], /--quasi: no column "Возраст"; columns: 1 "Возрастная группа"/],
    ['a missing file', [path.join(tmp.dir, 'nope.csv'), '--quasi', '1'], /no such file/],
    ['a file that is not a table', ['README.md', '--quasi', '1'], /not a table/],
    ['a rule on a column that is not a quasi-identifier', [fixture('risk/patients.csv'), '--quasi', 'Пол', '--generalize', 'Индекс=postal'], /"Индекс" is not a quasi-identifier/],
    ['a rule it cannot infer', [fixture('risk/patients.csv'), '--quasi', 'Пол', '--generalize', 'Пол'], /cannot tell how to generalise "Пол"/],
    ['an unknown rule', [fixture('risk/patients.csv'), '--quasi', 'Индекс', '--generalize', 'Индекс=zip'], /unknown rule "zip"/],
    ['--out over the input', [fixture('risk/survey.csv'), '--quasi', '1', '--out', fixture('risk/survey.csv')], /would overwrite/],
    ['--l without --sensitive', [fixture('risk/survey.csv'), '--quasi', '1', '--l', '2'], /--l needs --sensitive/],
    ['a bad --as-of', [fixture('risk/survey.csv'), '--quasi', '1', '--as-of', 'вчера'], /--as-of/],
    ['no --quasi', [fixture('risk/survey.csv')], /required option '--quasi <columns>'/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = runCli(['risk', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('shows help with examples', () => {
    const r = runCli(['risk', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--target-k <n>');
  });
});

describe('fixtures', () => {
  it('scripts/fixtures/risk-tables.mjs --check: the committed tables are reproducible', () => {
    const r = spawnSync(process.execPath, ['scripts/fixtures/risk-tables.mjs', '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain('fixtures are up to date');
    expect(r.status).toBe(0);
  });
});
