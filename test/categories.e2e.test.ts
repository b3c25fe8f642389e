/**
 * End-to-end: the real CLI (node bin/pdnscan.js → dist/) over the category fixtures
 * (fixtures/documents/categories, written by scripts/fixtures/categories.mjs) against their truth
 * (fixtures/documents/categories.truth.json): each file's categories and mentions, risk "special"
 * exactly where special-category data is held, the summary's files per category, and
 * `--categories FILE`. `organisation_identifier` is left out of the comparison: it is not a
 * category of personal data (an organisation name found on the way).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = 'fixtures/documents/categories';

interface TruthFile {
  path: string;
  categories: string[];
  mentions: string[];
  special: boolean;
  note: string;
}
interface FileReport {
  path: string;
  status: string;
  categories: string[];
  mentions?: string[];
  risk: string;
  findings: Array<{ type: string; personalData: boolean; category: string }>;
}
interface Report {
  summary: { files: number; byCategory: Record<string, number> };
  files: FileReport[];
}

const truth = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/categories.truth.json'), 'utf8')) as { files: TruthFile[] };

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/pdnscan.js', 'scan', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scanJson(extra: string[] = []): Report {
  const r = cli([DIR, '--format', 'json', '--quiet', ...extra]);
  try {
    return JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${r.status}): ${r.stderr}`);
  }
}

const personal = (cats: readonly string[]) => cats.filter((c) => c !== 'organisation_identifier');

describe('file categories over the category fixtures (CLI)', () => {
  let report: Report;
  let byName: Map<string, FileReport>;
  beforeAll(() => {
    report = scanJson();
    byName = new Map(report.files.map((f) => [path.basename(f.path), f]));
  });

  it('scans every fixture', () => {
    expect([...byName.keys()].sort()).toEqual(truth.files.map((t) => t.path).sort());
    for (const f of report.files) expect(f.status, f.path).toBe('ok');
  });

  it('puts ≥ 95% of the files into exactly the right categories and mentions', () => {
    const wrong: string[] = [];
    for (const t of truth.files) {
      const f = byName.get(t.path)!;
      const got = { categories: personal(f.categories), mentions: f.mentions ?? [] };
      const want = { categories: t.categories, mentions: t.mentions };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${t.path}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)} (${t.note})`);
    }
    const rate = (truth.files.length - wrong.length) / truth.files.length;
    console.log(`[categories e2e] file categories correct: ${(100 * rate).toFixed(1)}% (${truth.files.length - wrong.length}/${truth.files.length})${wrong.length ? '\n  ' + wrong.join('\n  ') : ''}`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it.each(truth.files.map((t) => [t.path, t] as const))('%s', (_, t) => {
    const f = byName.get(t.path)!;
    // Special categories are this feature's own: they must be exact in every file.
    const special = (cats: readonly string[]) => cats.filter((c) => ['health', 'criminal_record', 'race_nationality', 'political_views', 'religious_beliefs', 'philosophical_beliefs', 'intimate_life', 'biometric', 'photo'].includes(c));
    expect(special(f.categories), 'special categories held').toEqual(special(t.categories));
    expect(special(f.mentions ?? []), 'special categories mentioned').toEqual(special(t.mentions));
    expect(f.risk === 'special', `risk ${f.risk}`).toBe(t.special);
    // A file that only names categories holds no personal data and reports no special-category finding.
    if (t.categories.length === 0) {
      expect(f.risk).toBe('none');
      expect(f.findings.filter((x) => x.type === 'SPECIAL_CATEGORY')).toEqual([]);
    }
  });

  it('mentions never repeat a category the file holds', () => {
    for (const f of report.files) for (const m of f.mentions ?? []) expect(f.categories, f.path).not.toContain(m);
  });

  it('the summary counts files per category', () => {
    const expected: Record<string, number> = {};
    for (const f of report.files) for (const c of f.categories) expected[c] = (expected[c] ?? 0) + 1;
    expect(report.summary.byCategory).toEqual(expected);
    expect(report.summary.byCategory['health']).toBe(truth.files.filter((t) => t.categories.includes('health')).length);
  });

  it('the table lists categories and mentions per file and files per category', () => {
    const r = cli([DIR, '--format', 'table', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/blank-consent\.txt {2}\[risk: none; mentions: criminal_record, employment_records, health, photo, race_nationality, religious_beliefs\]/);
    expect(r.stdout).toMatch(/disability-note\.txt {2}\[risk: special; birth_data, full_name, health\]/);
    expect(r.stdout).toMatch(/\nFiles by category: full_name \d+, /);
  });
});

describe('--categories FILE', () => {
  it('replaces the built-in rules: classes, entity mappings and keywords come from the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-categories-'));
    try {
      const rules = JSON.parse(readFileSync(path.join(ROOT, 'src/categories/default-rules.json'), 'utf8')) as Record<string, unknown>;
      const categories = rules['categories'] as Record<string, unknown>;
      // A compliance officer's copy: nationality and religion as general categories, birth dates
      // filed under the questionnaire, no keyword categories.
      categories['race_nationality'] = { class: 'G' };
      categories['religious_beliefs'] = { class: 'G' };
      (rules['entities'] as Record<string, string>)['DATE_OF_BIRTH'] = 'questionnaire_biography';
      delete rules['keywords'];
      const file = path.join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify(rules, null, 2));
      const r = cli([`${DIR}/staff-nationality.tsv`, `${DIR}/blank-questionnaire.txt`, '--format', 'json', '--quiet', '--categories', file]);
      const report = JSON.parse(r.stdout) as Report;
      const staff = report.files.find((f) => f.path.endsWith('staff-nationality.tsv'))!;
      expect(staff.categories).toEqual(['full_name', 'questionnaire_biography', 'race_nationality', 'religious_beliefs']);
      expect(staff.risk).toBe('high');
      const blank = report.files.find((f) => f.path.endsWith('blank-questionnaire.txt'))!;
      expect(blank.mentions).toEqual(['criminal_record', 'health', 'race_nationality', 'religious_beliefs']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rules file with a bad key is a usage error naming the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-categories-'));
    try {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ entities: { RU_SNILS: 'snilz' } }));
      const r = cli([DIR, '--categories', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--categories');
      expect(r.stderr).toContain('entities.RU_SNILS: unknown category "snilz"');
      const missing = cli([DIR, '--categories', path.join(dir, 'nope.json')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('cannot read the categories file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
