/**
 * End-to-end tests: the real CLI (node bin/pdnscan.js, built into dist/ by `npm test`) over the
 * generated corpus (fixtures/corpus, ground truth in fixtures/corpus.truth.json).
 *
 * Regenerate the corpus with `npm run fixtures`; test/fixtures.test.ts checks that the committed
 * files are exactly what the generator writes.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS, CORPUS_ABS, ROOT, canonicalEncoding, compareFile, decodeCorpusFile, digitsOf, fmtValue, loadTruth, relToCorpus, runCli,
  runJson, tempDir, type CliResult, type FileComparison, type Report, type ReportFile, type TruthFile,
} from './helpers.js';

const truth = loadTruth();
const ORG_TYPES = new Set(['RU_INN_ORG', 'RU_OGRN']);
const ALL_TYPES = ['RU_PASSPORT', 'RU_FOREIGN_PASSPORT', 'RU_SNILS', 'RU_INN_PERSON', 'RU_INN_ORG', 'RU_OGRNIP', 'RU_OGRN',
  'RU_OMS_POLICY', 'RU_MILITARY_ID', 'RU_DRIVER_LICENSE', 'RU_BIRTH_CERTIFICATE', 'CREDIT_CARD', 'RU_BANK_ACCOUNT',
  'PHONE_NUMBER', 'EMAIL_ADDRESS', 'DATE_OF_BIRTH', 'PERSON', 'ADDRESS', 'ORG_ADDRESS', 'ORG', 'SPECIAL_CATEGORY'];

/** Every planted value the masked outputs must not contain, plus its digit string when long enough. */
function secretsOf(t: TruthFile): string[] {
  const out: string[] = [];
  for (const f of t.findings) {
    out.push(f.value);
    const d = digitsOf(f.value);
    if (d.length >= 6) out.push(d);
  }
  return out;
}
const SECRETS = [...new Set(truth.files.flatMap(secretsOf))];
function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

let revealed: { result: CliResult; report: Report };
let byPath: Map<string, ReportFile>;
let comparisons: FileComparison[];

beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
  revealed = runJson([CORPUS, '--reveal']);
  byPath = new Map(revealed.report.files.map((f) => [relToCorpus(f.path), f]));
  comparisons = truth.files.map((t) => compareFile(t, byPath.get(t.path)));
});

describe('scan of the fixture corpus (--format json --reveal)', () => {
  it('exits 1 because personal data is found', () => {
    expect(revealed.result.status, revealed.result.stderr).toBe(1);
  });

  it('produces a report of the documented shape', () => {
    const r = revealed.report;
    expect(r.tool.name).toBe('pdnscan');
    expect(r.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const ts of [r.startedAt, r.finishedAt]) expect(Number.isNaN(Date.parse(ts)), ts).toBe(false);
    expect(Date.parse(r.finishedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    expect(r.roots).toEqual([CORPUS]);
    expect(r.summary).toMatchObject({
      files: expect.any(Number), filesWithPersonalData: expect.any(Number), errors: expect.any(Number), skipped: expect.any(Number),
    });
    expect(typeof r.summary.byType).toBe('object');
    for (const f of r.files) {
      expect(f).toMatchObject({ path: expect.any(String), size: expect.any(Number), mtime: expect.any(String), status: expect.any(String) });
      expect(['ok', 'error', 'skipped']).toContain(f.status);
      expect(['none', 'low', 'medium', 'high', 'special']).toContain(f.risk);
      expect(Array.isArray(f.categories)).toBe(true);
      expect(Number.isNaN(Date.parse(f.mtime))).toBe(false);
      if (f.status === 'ok') {
        expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(f.format).toEqual(expect.any(String));
        if (['txt', 'csv', 'html'].includes(f.format!)) expect(f.encoding, f.path).toEqual(expect.any(String));
      }
      for (const x of f.findings) {
        expect(ALL_TYPES).toContain(x.type);
        expect(x.page).toBeNull();
        expect(Number.isInteger(x.start) && Number.isInteger(x.end) && x.end > x.start, `${f.path} ${x.type} ${x.start}-${x.end}`).toBe(true);
        expect(x.location.line).toBeGreaterThanOrEqual(1);
        expect(x.location.column).toBeGreaterThanOrEqual(0);
        expect(x.score).toBeGreaterThanOrEqual(0);
        expect(x.score).toBeLessThanOrEqual(1);
        expect(typeof x.validated).toBe('boolean');
        expect(typeof x.masked).toBe('string');
        expect(typeof x.value).toBe('string');
        expect(x.masked).not.toBe(x.value);
      }
    }
  });

  it('lists every corpus file once, with the expected status, size and sha256', () => {
    const paths = revealed.report.files.map((f) => relToCorpus(f.path));
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(truth.files.map((t) => t.path).sort());
    for (const t of truth.files) {
      const f = byPath.get(t.path)!;
      expect(f.status, `${t.path}: ${f.error ?? ''}`).toBe(t.expectStatus);
      const bytes = readFileSync(path.join(CORPUS_ABS, t.path));
      expect(f.size, t.path).toBe(bytes.length);
      if (f.status === 'ok') expect(f.sha256, t.path).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('keeps the summary consistent with the files', () => {
    const r = revealed.report;
    expect(r.summary.files).toBe(r.files.length);
    expect(r.summary.skipped).toBe(r.files.filter((f) => f.status === 'skipped').length);
    expect(r.summary.errors).toBe(r.files.filter((f) => f.status === 'error').length);
    const byType: Record<string, number> = {};
    for (const f of r.files) for (const x of f.findings) byType[x.type] = (byType[x.type] ?? 0) + 1;
    expect(r.summary.byType).toEqual(byType);
    const withPd = r.files.filter((f) => f.findings.some((x) => x.personalData ?? !ORG_TYPES.has(x.type))).length;
    expect(r.summary.filesWithPersonalData).toBe(withPd);
  });

  it('skips the binary file and the unsupported (7z) archive', () => {
    for (const p of ['binary/dump.bin', 'binary/backup.7z']) {
      const f = byPath.get(p)!;
      expect(f.status, p).toBe('skipped');
      expect(f.findings, p).toEqual([]);
      expect(f.error ?? '', p).not.toBe('');
    }
  });

  it('scans inside the zip archive and names the entry', () => {
    const f = byPath.get('binary/archive.zip')!;
    expect(f.status).toBe('ok');
    expect(f.findings.map((x) => [x.type, x.location.entry])).toEqual([['RU_SNILS', 'employees.txt']]);
  });

  it('detects formats and encodings', () => {
    const wrong: string[] = [];
    for (const t of truth.files.filter((x) => x.expectStatus === 'ok')) {
      const f = byPath.get(t.path)!;
      const formatOk = t.path.endsWith('.tsv') ? ['csv', 'tsv'].includes(f.format ?? '') : f.format === t.format;
      if (!formatOk) wrong.push(`${t.path}: format ${f.format}, expected ${t.format}`);
      if (canonicalEncoding(f.encoding) !== canonicalEncoding(t.encoding)) wrong.push(`${t.path}: encoding ${f.encoding}, expected ${t.encoding}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds every planted value with the right type (recall = 1)', () => {
    const misses = comparisons.flatMap((c) =>
      c.misses.map((m) => `${c.path}: ${m.truth.type} ${fmtValue(m.truth.value)}${m.asType ? ` (reported as ${m.asType})` : ' not found'}`));
    expect(misses).toEqual([]);
  });

  it('reports the exact span of each planted value', () => {
    const off = comparisons.flatMap((c) => c.hits
      .filter((h) => h.kind === 'partial')
      .map((h) => `${c.path}: ${h.truth.type} planted ${fmtValue(h.truth.value)}, reported ${fmtValue(h.found.value)}`));
    expect(off).toEqual([]);
  });

  it('reports no personal data in blank templates and in the seed regulation', () => {
    // The seed names its college and the college's legal address: organisation data (ORG,
    // ORG_ADDRESS) and category mentions may be reported, personal data may not.
    const noisy = truth.files
      .filter((t) => path.posix.basename(t.path).startsWith('blank-') || t.path === 'seed-regulation.txt')
      .flatMap((t) => (byPath.get(t.path)?.findings ?? []).filter((x) => x.personalData))
      .map((x) => `${x.type} ${fmtValue(x.value)} (line ${x.location.line})`);
    expect(noisy).toEqual([]);
    for (const t of truth.files.filter((x) => path.posix.basename(x.path).startsWith('blank-'))) {
      expect(byPath.get(t.path)?.risk, t.path).toBe('none');
    }
  });

  it('never reports a decoy (invalid checksums, law dates, script contents, ОМС as card, licence as passport)', () => {
    const hits = comparisons.flatMap((c) => c.decoyHits.map((d) =>
      `${c.path}: ${d.found.type} ${fmtValue(d.found.value)} hits decoy ${fmtValue(d.decoy.value)} (${d.decoy.note ?? ''})`));
    expect(hits).toEqual([]);
  });

  it('rates files with and without personal data', () => {
    const wrong: string[] = [];
    for (const t of truth.files.filter((x) => x.expectStatus === 'ok' && x.personalData !== null)) {
      const f = byPath.get(t.path)!;
      if (t.personalData && f.risk === 'none') wrong.push(`${t.path}: risk none, but it holds personal data`);
      if (!t.personalData && f.risk !== 'none') wrong.push(`${t.path}: risk ${f.risk}, but it holds no personal data`);
    }
    expect(wrong).toEqual([]);
  });

  it('reports organisation identifiers as not personal data', () => {
    const bank = byPath.get('requisites/bank-requisites-org.txt')!;
    const wrong = bank.findings.filter((x) => x.personalData !== false || ['RU_INN_PERSON', 'RU_OGRNIP'].includes(x.type));
    expect(wrong.map((x) => `${x.type} ${fmtValue(x.value)} personalData=${x.personalData}`)).toEqual([]);
  });

  it('points line/column and start/end at the value in text files', () => {
    const wrong: string[] = [];
    for (const t of truth.files.filter((x) => x.format === 'txt' && x.expectStatus === 'ok')) {
      const f = byPath.get(t.path)!;
      const text = decodeCorpusFile(t);
      const lines = text.split(/\r?\n/);
      for (const x of f.findings) {
        if (text.slice(x.start, x.end) !== x.value) {
          wrong.push(`${t.path}: text.slice(${x.start}, ${x.end}) = ${fmtValue(text.slice(x.start, x.end))}, value ${fmtValue(x.value)}`);
        }
        const firstLine = (x.value ?? '').split(/\r?\n/)[0]!;
        const line = lines[x.location.line - 1] ?? '';
        if (line.slice(x.location.column, x.location.column + firstLine.length) !== firstLine) {
          wrong.push(`${t.path}: line ${x.location.line} column ${x.location.column} does not start ${fmtValue(firstLine)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives CSV findings row, col and header', () => {
    const wrong: string[] = [];
    const HEADER_OF: Record<string, string[]> = {
      RU_SNILS: ['СНИЛС'], RU_INN_PERSON: ['ИНН'], RU_PASSPORT: ['Паспорт'], PHONE_NUMBER: ['Телефон', 'Примечание'], EMAIL_ADDRESS: ['E-mail'],
      DATE_OF_BIRTH: ['Дата рождения', 'Примечание'], CREDIT_CARD: ['Номер карты'], RU_BANK_ACCOUNT: ['Лицевой счёт'],
    };
    for (const t of truth.files.filter((x) => x.format === 'csv')) {
      for (const x of byPath.get(t.path)!.findings) {
        const { row, col, header } = x.location;
        if (!Number.isInteger(row) || !Number.isInteger(col) || row! < 2 || col! < 1) wrong.push(`${t.path}: ${x.type} row ${row} col ${col}`);
        const want = HEADER_OF[x.type];
        if (want && !want.includes(header ?? '')) wrong.push(`${t.path}: ${x.type} ${fmtValue(x.value)} under header ${fmtValue(header)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('prints precision and recall per type', () => {
    const stats: Record<string, { tp: number; fn: number; fp: number }> = {};
    const s = (type: string) => (stats[type] ??= { tp: 0, fn: 0, fp: 0 });
    for (const c of comparisons) {
      for (const h of c.hits) s(h.truth.type).tp++;
      for (const m of c.misses) s(m.truth.type).fn++;
      for (const f of c.falsePositives) s(f.type).fp++;
    }
    const rows = Object.entries(stats).sort(([a], [b]) => a.localeCompare(b)).map(([type, { tp, fn, fp }]) => {
      const p = tp + fp ? tp / (tp + fp) : 1;
      const r = tp + fn ? tp / (tp + fn) : 1;
      return `${type.padEnd(22)} tp ${String(tp).padStart(3)}  fn ${String(fn).padStart(3)}  fp ${String(fp).padStart(3)}  precision ${p.toFixed(2)}  recall ${r.toFixed(2)}`;
    });
    const fps = comparisons.flatMap((c) => c.falsePositives.map((f) => `  FP ${c.path}: ${f.type} ${fmtValue(f.value)} (line ${f.location.line})`));
    const misses = comparisons.flatMap((c) => c.misses.map((m) => `  FN ${c.path}: ${m.truth.type} ${fmtValue(m.truth.value)}${m.asType ? ` → ${m.asType}` : ''}`));
    console.log(['precision/recall per type over fixtures/corpus:', ...rows, ...fps, ...misses].join('\n'));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('masking (no --reveal)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t.cleanup());

  it('leaks no planted value (nor its digit string) into stdout, stderr or the --out file', () => {
    const out = path.join(t.dir, 'report.json');
    const r = runCli(['scan', CORPUS, '--format', 'json', '--out', out]);
    expect(r.status, r.stderr).toBe(1);
    const file = readFileSync(out, 'utf8');
    const report = JSON.parse(file) as Report;
    expect(report.files.some((f) => f.findings.length > 0)).toBe(true);
    for (const f of report.files) for (const x of f.findings) expect(x).not.toHaveProperty('value');
    expect(leaks(r.stdout)).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
    expect(leaks(file)).toEqual([]);
  });

  it('leaks nothing in the table, csv and ndjson formats either', () => {
    for (const format of ['table', 'csv', 'ndjson']) {
      const r = runCli(['scan', CORPUS, '--format', format]);
      expect(r.status, `${format}: ${r.stderr}`).toBe(1);
      expect(leaks(r.stdout), format).toEqual([]);
      expect(leaks(r.stderr), format).toEqual([]);
    }
  });

  it('masks the same findings that --reveal shows', () => {
    const masked = runJson([CORPUS]).report;
    const key = (p: string, x: { type: string; start: number; end: number }) => `${p}|${x.type}|${x.start}|${x.end}`;
    const a = masked.files.flatMap((f) => f.findings.map((x) => key(f.path, x) + '|' + x.masked));
    const b = revealed.report.files.flatMap((f) => f.findings.map((x) => key(f.path, x) + '|' + x.masked));
    expect(a).toEqual(b);
  });
});

describe('output formats', () => {
  it('ndjson: one parseable file object per line', () => {
    const r = runCli(['scan', CORPUS, '--format', 'ndjson', '--reveal', '--quiet']);
    expect(r.status).toBe(1);
    const objs = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as ReportFile);
    expect(objs.map((o) => o.path).sort()).toEqual(revealed.report.files.map((f) => f.path).sort());
    for (const o of objs) expect(o).toMatchObject({ path: expect.any(String), status: expect.any(String), findings: expect.any(Array) });
    expect(objs.reduce((n, o) => n + o.findings.length, 0)).toBe(revealed.report.files.reduce((n, f) => n + f.findings.length, 0));
  });

  it('csv: a header and one parseable row per finding', () => {
    const r = runCli(['scan', CORPUS, '--format', 'csv', '--quiet']);
    expect(r.status).toBe(1);
    // A UTF-8 BOM comes first, so that Excel reads the file as UTF-8.
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(r.stdout.slice(1));
    const header = rows[0]!;
    expect(header).toContain('path');
    expect(header).toContain('type');
    const body = rows.slice(1);
    for (const row of body) expect(row.length, JSON.stringify(row)).toBe(header.length);
    expect(body.length).toBe(revealed.report.files.reduce((n, f) => n + f.findings.length, 0));
    const typeCol = header.indexOf('type');
    for (const row of body) expect(ALL_TYPES).toContain(row[typeCol]);
  });

  it('table: readable text naming files and types', () => {
    const r = runCli(['scan', CORPUS, '--format', 'table', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('staff-list-2024.csv');
    expect(r.stdout).toContain('RU_SNILS');
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(10);
  });

  it('same findings with --jobs 1 as with the default pool', () => {
    const one = runJson([CORPUS, '--reveal', '--jobs', '1']).report;
    const strip = (rep: Report) => rep.files.map((f) => ({ path: f.path, status: f.status, findings: f.findings }));
    expect(strip(one)).toEqual(strip(revealed.report));
  });
});

describe('--out', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t.cleanup());

  it('writes the report atomically: the file is complete and no temporary file is left', () => {
    const out = path.join(t.dir, 'report.json');
    writeFileSync(out, 'old content');
    const r = runCli(['scan', CORPUS, '--format', 'json', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.files.length).toBe(truth.files.length);
    expect(readdirSync(t.dir)).toEqual(['report.json']);
  });

  it('fails with exit 2 when the directory of --out does not exist', () => {
    const out = path.join(t.dir, 'no-such-dir', 'report.json');
    const r = runCli(['scan', CORPUS, '--out', out, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-dir');
    expect(r.stderr).toContain('does not exist'); // said before scanning, with a hint
    expect(readdirSync(t.dir).filter((n) => n !== 'report.json')).toEqual([]);
  });
});

describe('filters', () => {
  it('--types RU_SNILS reports only SNILS, all of them', () => {
    const { result, report } = runJson([CORPUS, '--types', 'RU_SNILS', '--reveal']);
    expect(result.status).toBe(1);
    const all = report.files.flatMap((f) => f.findings);
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((x) => x.type))).toEqual(new Set(['RU_SNILS']));
    expect(all.length).toBe(revealed.report.summary.byType.RU_SNILS);
  });

  it('--exclude-types drops those types', () => {
    const { report } = runJson([CORPUS, '--exclude-types', 'PHONE_NUMBER,EMAIL_ADDRESS']);
    const types = new Set(report.files.flatMap((f) => f.findings.map((x) => x.type)));
    expect(types.has('PHONE_NUMBER') || types.has('EMAIL_ADDRESS')).toBe(false);
    expect(types.size).toBeGreaterThan(3);
  });

  it('--min-score 1 keeps only certain findings', () => {
    const { report } = runJson([CORPUS, '--min-score', '1']);
    const all = report.files.flatMap((f) => f.findings);
    for (const x of all) expect(x.score).toBeGreaterThanOrEqual(1);
    expect(all.length).toBeLessThan(revealed.report.files.reduce((n, f) => n + f.findings.length, 0));
  });

  it('--exclude GLOB leaves out matching files', () => {
    const { report } = runJson([CORPUS, '--exclude', '**/*.html', '--exclude', '**/staff/**']);
    const included = report.files.filter((f) => f.status !== 'skipped').map((f) => relToCorpus(f.path));
    expect(included.filter((p) => p.endsWith('.html') || p.startsWith('staff/'))).toEqual([]);
    expect(included).toContain('letters/hr-hiring-letter.txt');
    for (const f of report.files.filter((x) => x.path.endsWith('.html'))) expect(f.findings).toEqual([]);
  });

  it('--max-file-size 10 skips every (bigger) file and finds nothing', () => {
    const r = runCli(['scan', CORPUS, '--max-file-size', '10', '--format', 'json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.length).toBe(truth.files.length);
    for (const f of report.files) {
      expect(f.status, f.path).toBe('skipped');
      expect(f.findings).toEqual([]);
    }
  });
});

describe('exit codes and errors', () => {
  it('exits 0 on a directory holding only blank templates (and the seed regulation)', () => {
    const t = tempDir();
    try {
      for (const p of truth.files.filter((x) => path.posix.basename(x.path).startsWith('blank-') || x.path === 'seed-regulation.txt')) {
        copyFileSync(path.join(CORPUS_ABS, p.path), path.join(t.dir, path.posix.basename(p.path)));
      }
      const r = runCli(['scan', t.dir, '--format', 'json', '--quiet']);
      expect(r.status, r.stdout.slice(0, 2000)).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.files.length).toBe(4);
      expect(report.summary.filesWithPersonalData).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('exits 2 and names a path that does not exist', () => {
    const r = runCli(['scan', 'fixtures/no-such-dir-xyz', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-dir-xyz');
  });

  it('exits 2 and names an unknown option', () => {
    const r = runCli(['scan', CORPUS, '--bogus-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--bogus-option');
  });

  it('exits 2 and names a bad --format value', () => {
    const r = runCli(['scan', CORPUS, '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('xml');
  });

  it('exits 2 and names an unknown type in --types', () => {
    const r = runCli(['scan', CORPUS, '--types', 'RU_SNILS,NOT_A_TYPE']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('NOT_A_TYPE');
  });

  it('exits 2 on a bad --min-score and --max-file-size', () => {
    for (const args of [['--min-score', 'abc'], ['--max-file-size', 'huge'], ['--jobs', '0']]) {
      const r = runCli(['scan', CORPUS, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(args[1]!);
    }
  });

  it('reports paths as reached from the arguments (absolute dir, relative file)', () => {
    const absDir = path.join(CORPUS_ABS, 'letters');
    const relFile = `${CORPUS}/web/contacts.html`;
    const { report } = runJson([absDir, relFile]);
    expect(report.roots).toEqual([absDir, relFile]);
    const paths = report.files.map((f) => f.path).sort();
    expect(paths).toContain(relFile);
    const inDir = paths.filter((p) => p !== relFile);
    expect(inDir.length).toBe(truth.files.filter((t) => t.path.startsWith('letters/')).length);
    for (const p of inDir) expect(p.startsWith(absDir + path.sep), p).toBe(true);
  });

  it('exits 2 without paths', () => {
    expect(runCli(['scan']).status).toBe(2);
  });
});

describe('awkward file systems', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t.cleanup());

  it('does not hang on a symlink loop with --follow-symlinks', () => {
    const root = path.join(t.dir, 'loop');
    mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    copyFileSync(path.join(CORPUS_ABS, 'letters/hr-hiring-letter.txt'), path.join(root, 'a', 'b', 'letter.txt'));
    symlinkSync('..', path.join(root, 'a', 'b', 'up'));
    symlinkSync(root, path.join(root, 'a', 'root-link'));
    symlinkSync('self', path.join(root, 'self'));
    const r = runCli(['scan', root, '--follow-symlinks', '--format', 'json', '--quiet'], { timeout: 15_000 });
    expect(r.signal, 'the scan was killed after 15 s').toBeNull();
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const letters = report.files.filter((f) => f.path.endsWith('letter.txt') && f.findings.length > 0);
    expect(letters.length).toBeGreaterThanOrEqual(1);
    expect(letters.length).toBeLessThanOrEqual(3);
  });

  it('goes on after unreadable or broken files and reports them', () => {
    const root = path.join(t.dir, 'broken');
    mkdirSync(path.join(root, 'x.txt'), { recursive: true }); // a directory named like a file
    writeFileSync(path.join(root, 'x.txt', 'inner.txt'), 'пусто\n');
    // UTF-16LE BOM, then an odd number of bytes and a lone surrogate
    writeFileSync(path.join(root, 'bad-utf16.txt'), Buffer.from([0xff, 0xfe, 0x3f, 0x04, 0x00, 0xd8, 0x41]));
    // invalid UTF-8 sequences in an otherwise Russian text
    writeFileSync(path.join(root, 'bad-utf8.txt'), Buffer.concat([Buffer.from('Текст с ошибкой '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(' конец\n')]));
    symlinkSync(path.join(root, 'missing-target.txt'), path.join(root, 'dangling.txt'));
    copyFileSync(path.join(CORPUS_ABS, 'letters/hr-hiring-letter.txt'), path.join(root, 'good.txt'));
    const r = runCli(['scan', root, '--format', 'json', '--quiet', '--follow-symlinks']);
    expect([1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as Report;
    const get = (name: string) => report.files.find((f) => path.basename(f.path) === name);
    expect(get('good.txt')?.status).toBe('ok');
    expect(get('good.txt')?.findings.length).toBeGreaterThan(0);
    expect(get('inner.txt')?.status).toBe('ok');
    for (const name of ['bad-utf16.txt', 'bad-utf8.txt']) {
      const f = get(name);
      expect(f, name).toBeDefined();
      expect(['ok', 'error', 'skipped']).toContain(f!.status);
      if (f!.status === 'error') expect(f!.error, name).toEqual(expect.any(String));
    }
    const dangling = get('dangling.txt');
    if (dangling) expect(['error', 'skipped']).toContain(dangling.status);
    expect(report.summary.errors).toBe(report.files.filter((f) => f.status === 'error').length);
  });

  it('reports an unreadable file as an error (when not running as root)', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const root = path.join(t.dir, 'perm');
    mkdirSync(root);
    const p = path.join(root, 'secret.txt');
    writeFileSync(p, 'СНИЛС 112-233-445 95\n', { mode: 0o000 });
    const r = runCli(['scan', root, '--format', 'json', '--quiet']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.find((f) => f.path.endsWith('secret.txt'))?.status).toBe('error');
    expect(statSync(p).isFile()).toBe(true);
  });
});

/** RFC 4180 CSV parser (quotes, doubled quotes, CRLF/LF, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
