/**
 * End-to-end: PERSON (ФИО) through the real CLI (node bin/pdnscan.js → dist/, built by `npm test`)
 * over fixtures/documents/names (written by scripts/fixtures/names.mjs, truth in
 * fixtures/documents/names.truth.json): every name found with its exact span and its nominative
 * facts, nothing in the blank form, names masked unless --reveal, and the Natasha format
 * (`--format natasha`). A smoke test keeps the factRuEval-2016 figures from regressing
 * (scripts/eval/persons.mjs; the full evaluation prints more).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type Report } from './helpers.js';

const DIR = 'fixtures/documents/names';
const DEVSET = path.resolve(ROOT, '../shared/data/factrueval-2016-devset-persons.json');

interface TruthPerson {
  start: number;
  end: number;
  surface: string;
  facts: Record<string, string>;
}
interface TruthFile {
  path: string;
  note: string;
  personalData: boolean;
  persons: TruthPerson[];
}
const truth = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/names.truth.json'), 'utf8')) as { files: TruthFile[] };
const rel = (p: string) => path.relative('fixtures/documents', p).split(path.sep).join('/');
const SURFACES = [...new Set(truth.files.flatMap((f) => f.persons.flatMap((p) => [p.surface, p.facts['last'] ?? ''])))].filter((s) => s.length >= 4);

interface Finding {
  type: string;
  start: number;
  end: number;
  value?: string;
  masked: string;
  facts?: Record<string, string>;
}
type FileReport = Report['files'][number] & { findings: Finding[] };

let revealed: Map<string, FileReport>;

beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
  const r = runCli(['scan', DIR, '--format', 'json', '--reveal', '--quiet']);
  expect(r.status, r.stderr).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  revealed = new Map(report.files.map((f) => [rel(f.path), f as FileReport]));
});

describe('PERSON over fixtures/documents/names (--format json --reveal)', () => {
  it('scans every fixture file', () => {
    expect([...revealed.keys()].sort()).toEqual(truth.files.map((f) => f.path).sort());
  });

  it('finds every name with its exact span and nothing else', () => {
    const problems: string[] = [];
    for (const t of truth.files) {
      const found = revealed.get(t.path)!.findings.filter((f) => f.type === 'PERSON');
      const key = (x: { start: number; end: number }) => `${x.start}:${x.end}`;
      const want = new Set(t.persons.map(key));
      for (const p of t.persons) if (!found.some((f) => key(f) === key(p))) problems.push(`${t.path}: missed ${JSON.stringify(p.surface)}`);
      for (const f of found) if (!want.has(key(f))) problems.push(`${t.path}: extra ${JSON.stringify(f.value)} ${key(f)}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives each name its nominative facts {last, first, middle}', () => {
    for (const t of truth.files) {
      const found = revealed.get(t.path)!.findings.filter((f) => f.type === 'PERSON');
      for (const p of t.persons) {
        const f = found.find((x) => x.start === p.start && x.end === p.end);
        expect(f?.facts, `${t.path} ${p.surface}`).toEqual(p.facts);
        expect(f?.value).toBe(p.surface);
      }
    }
  });

  it('finds no name in the blank form (labels, blanks, an organisation named after a person)', () => {
    const blank = truth.files.filter((t) => !t.personalData);
    expect(blank.length).toBeGreaterThan(0);
    for (const t of blank) expect(revealed.get(t.path)!.findings.filter((f) => f.type === 'PERSON'), t.path).toEqual([]);
  });

  it('uses the fixtures the generator writes (deterministic)', () => {
    const r = spawnSync(process.execPath, ['scripts/fixtures/names.mjs', '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });
});

describe('masking of names', () => {
  it('json without --reveal: no name, no facts', () => {
    const r = runCli(['scan', DIR, '--format', 'json', '--quiet', '--jobs', '1']);
    expect(r.status, r.stderr).toBe(1);
    expect(SURFACES.filter((s) => r.stdout.includes(s))).toEqual([]);
    const report = JSON.parse(r.stdout) as Report;
    for (const f of report.files) {
      expect(f).not.toHaveProperty('text');
      for (const x of f.findings as Finding[]) {
        expect(x).not.toHaveProperty('value');
        expect(x).not.toHaveProperty('facts');
      }
    }
  });

  it('csv, ndjson and table never carry the document text', () => {
    for (const format of ['csv', 'ndjson', 'table']) {
      const r = runCli(['scan', DIR, '--format', format, '--quiet', '--jobs', '1']);
      expect(r.status, `${format}: ${r.stderr}`).toBe(1);
      expect(SURFACES.filter((s) => r.stdout.includes(s)), format).toEqual([]);
      expect(r.stdout, format).not.toContain('"text"');
    }
  });
});

describe('--format natasha', () => {
  interface Line {
    path: string;
    text: string;
    spans: Array<{ start: number; stop: number; type: string }>;
  }
  const parse = (stdout: string): Line[] =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);

  it('with --reveal: one JSON line per file, the text as extracted, PER spans slice to the names', () => {
    const r = runCli(['scan', DIR, '--format', 'natasha', '--reveal', '--quiet']);
    expect(r.status, r.stderr).toBe(1);
    const lines = parse(r.stdout);
    expect(lines.map((l) => rel(l.path)).sort()).toEqual(truth.files.map((f) => f.path).sort());
    for (const line of lines) {
      const t = truth.files.find((f) => f.path === rel(line.path))!;
      expect(Object.keys(line).sort()).toEqual(['path', 'spans', 'text']);
      expect(line.text).toBe(readFileSync(path.join(ROOT, 'fixtures/documents', t.path), 'utf8'));
      for (const s of line.spans) {
        expect(['PER', 'LOC', 'ORG']).toContain(s.type);
        expect(s.stop).toBeGreaterThan(s.start);
      }
      const per = line.spans.filter((s) => s.type === 'PER').map((s) => line.text.slice(s.start, s.stop));
      expect(per, t.path).toEqual(t.persons.map((p) => p.surface));
    }
  });

  it('without --reveal: same spans, every finding masked with "*", no raw name', () => {
    const revealedLines = parse(runCli(['scan', DIR, '--format', 'natasha', '--reveal', '--quiet']).stdout);
    const r = runCli(['scan', DIR, '--format', 'natasha', '--quiet', '--jobs', '1']);
    expect(r.status, r.stderr).toBe(1);
    expect(SURFACES.filter((s) => r.stdout.includes(s))).toEqual([]);
    for (const line of parse(r.stdout)) {
      const full = revealedLines.find((l) => l.path === line.path)!;
      expect(line.text.length).toBe(full.text.length);
      expect(line.spans).toEqual(full.spans);
      for (const s of line.spans) expect(line.text.slice(s.start, s.stop)).toMatch(/^\*+$/);
    }
  });
  it('masks names in the text even when --types leaves PERSON out of the report', () => {
    const r = runCli(['scan', DIR, '--format', 'natasha', '--types', 'RU_SNILS', '--quiet']);
    expect(SURFACES.filter((s) => r.stdout.includes(s))).toEqual([]);
  });
});

describe('factRuEval-2016 devset (smoke test of scripts/eval/persons.mjs)', () => {
  it.skipIf(!existsSync(DEVSET))('keeps PERSON F1 at the measured level (overlap ≥ 0.90, exact span ≥ 0.87)', () => {
    const r = spawnSync(process.execPath, ['scripts/eval/persons.mjs', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      factRuEval: { exact: { f1: number }; overlap: { f1: number; precision: number } };
      fixtures: { exact: { f1: number } };
    };
    console.log(`PERSON factRuEval devset: overlap F1 ${result.factRuEval.overlap.f1}, exact F1 ${result.factRuEval.exact.f1}`);
    expect(result.factRuEval.overlap.f1).toBeGreaterThanOrEqual(0.9);
    expect(result.factRuEval.overlap.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.factRuEval.exact.f1).toBeGreaterThanOrEqual(0.87);
    expect(result.fixtures.exact.f1).toBe(1);
  });
});
