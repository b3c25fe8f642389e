/**
 * `pdnscan redact` end to end on the text corpus (txt in five encodings, CSV/TSV, HTML): the
 * copies are read back with iconv-lite (independent of our decoder) and searched for every
 * planted value; originals must be byte-identical after the run; pseudonyms must agree across
 * files and runs with one key; the mapping and audit log must follow the placement rules.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_ABS, digitsOf, loadTruth, runCli, tempDir, type TruthFile } from './helpers.js';

const truth = loadTruth();
const TEXTUAL = truth.files.filter((f) => f.format !== null && f.format !== 'zip' && f.expectStatus === 'ok');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

function decodeCopy(file: string, t: TruthFile): string {
  const names: Record<string, string> = { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'windows-1251': 'win1251', 'koi8-r': 'koi8-r' };
  return iconv.decode(readFileSync(file), names[t.encoding ?? 'utf-8'] ?? 'utf8', { stripBOM: true });
}

describe('pdnscan redact on the text corpus (replace)', () => {
  const tmp = tempDir('pdnscan-redact-');
  const input = path.join(tmp.dir, 'in');
  const out = path.join(tmp.dir, 'out');
  let before: Map<string, string>;
  let result: ReturnType<typeof runCli>;
  let report: {
    summary: { files: number; errors: number; residual: number; leaked: number; values: number };
    files: Array<{ path: string; status: string; output?: string; verification?: { residual: number; leaked: number }; replacements: Array<Record<string, unknown>> }>;
  };

  beforeAll(() => {
    cpSync(CORPUS_ABS, input, { recursive: true });
    rmSync(path.join(input, 'binary'), { recursive: true });
    before = new Map(listFiles(input).map((f) => [f, sha(path.join(input, f))]));
    result = runCli(['redact', input, '--out', out, '--format', 'json', '--quiet', '--jobs', '2'], { timeout: 120_000 });
    report = JSON.parse(result.stdout);
  });
  afterAll(() => tmp.cleanup());

  it('exits 0 with every copy verified clean', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.residual).toBe(0);
    expect(report.summary.leaked).toBe(0);
    expect(report.summary.values).toBeGreaterThan(250);
  });

  it('mirrors the tree: same relative paths and names', () => {
    expect(listFiles(out)).toEqual([...before.keys()]);
  });

  it('leaves the originals byte-identical', () => {
    for (const [file, digest] of before) expect(sha(path.join(input, file)), file).toBe(digest);
  });

  it('no planted value is left in any copy, read back with iconv-lite in the original encoding', () => {
    let checked = 0;
    for (const t of TEXTUAL) {
      const text = decodeCopy(path.join(out, t.path), t);
      const digits = digitsOf(text);
      for (const v of t.findings.filter((f) => f.personalData !== false)) {
        expect(text.includes(v.value), `${t.path}: ${v.type}`).toBe(false);
        const d = digitsOf(v.value);
        if (d.length >= 9) expect(digits.includes(d), `${t.path}: ${v.type} by digits`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('keeps encoding, byte-order mark and line endings of each copy', () => {
    for (const t of TEXTUAL) {
      const copy = readFileSync(path.join(out, t.path));
      const original = readFileSync(path.join(input, t.path));
      expect(copy.subarray(0, 3).equals(original.subarray(0, 3)) || !t.bom, `${t.path} BOM`).toBe(true);
      const text = decodeCopy(path.join(out, t.path), t);
      expect(text.includes('\uFFFD'), `${t.path} decodes cleanly`).toBe(false);
      const originalText = decodeCopy(path.join(input, t.path), t);
      // A value broken over lines (a SNILS wrapped in a table cell) is replaced with its line breaks.
      const wrapped = t.findings.reduce((n, v) => n + (v.value.match(/\n/g)?.length ?? 0), 0);
      expect(text.split('\n').length, `${t.path} lines`).toBe(originalText.split('\n').length - wrapped);
      expect(text.includes('\r\n'), `${t.path} CRLF`).toBe(originalText.includes('\r\n'));
    }
  });

  it('copies files without personal data unchanged', () => {
    for (const t of truth.files.filter((f) => f.personalData === false && f.expectStatus === 'ok' && !f.path.startsWith('binary/'))) {
      expect(sha(path.join(out, t.path)), t.path).toBe(before.get(t.path));
    }
  });

  it('keeps CSV columns: every record has as many fields as before', () => {
    const csv = TEXTUAL.filter((t) => t.format === 'csv');
    expect(csv.length).toBeGreaterThan(2);
    for (const t of csv) {
      const fields = (s: string) => s.split(/\r?\n/).filter(Boolean).map((l) => l.split(t.path.endsWith('.tsv') ? '\t' : /[;,]/).length);
      const a = fields(decodeCopy(path.join(input, t.path), t));
      const b = fields(decodeCopy(path.join(out, t.path), t));
      expect(b.length, t.path).toBe(a.length);
    }
  });

  it('writes an audit log beside the output folder, with no values', () => {
    const audit = readFileSync(`${out}.audit.json`, 'utf8');
    const log = JSON.parse(audit);
    expect(log.methods.replace.ru).toMatch(/изменения состава или семантики/);
    expect(log.files.length).toBe(before.size);
    for (const t of TEXTUAL) for (const v of t.findings) expect(audit.includes(v.value), v.type).toBe(false);
  });

  it('reports replacements masked, never raw', () => {
    const text = JSON.stringify(report);
    for (const t of TEXTUAL) for (const v of t.findings.filter((f) => f.value.length > 6)) expect(text.includes(v.value), `${t.path} ${v.type}`).toBe(false);
    expect(report.files.flatMap((f) => f.replacements).every((r) => typeof r.masked === 'string' && r.value === undefined)).toBe(true);
  });
});

describe('pdnscan redact with pseudonyms and a key file', () => {
  const tmp = tempDir('pdnscan-pseudo-');
  const input = path.join(tmp.dir, 'in');
  const keyFile = path.join(tmp.dir, 'pdn.key');
  const mapping = path.join(tmp.dir, 'mapping.json');
  const snils = '112-233-445 95';
  beforeAll(() => {
    mkdirSync(path.join(input, 'a'), { recursive: true });
    writeFileSync(path.join(input, 'a/one.txt'), `Сотрудник Иванов Сергей Петрович, СНИЛС ${snils}.\nПриказ подписал Иванову С.П.\n`);
    writeFileSync(path.join(input, 'two.txt'), `Справка: СНИЛС 11223344595 (Иванов Сергей Петрович).\n`);
  });
  afterAll(() => tmp.cleanup());

  const run = (out: string, extra: string[] = []) =>
    runCli(['redact', input, '--out', out, '--operator', 'pseudonym', '--key-file', keyFile, '--quiet', ...extra], { timeout: 60_000 });

  it('creates the key file 0600 and gives one pseudonym per value across files, whatever its spelling', () => {
    const out = path.join(tmp.dir, 'out1');
    const r = run(out, ['--mapping-out', mapping]);
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const one = readFileSync(path.join(out, 'a/one.txt'), 'utf8');
    const two = readFileSync(path.join(out, 'two.txt'), 'utf8');
    const snilsIds = [...one.matchAll(/СНИЛС-[0-9a-f]{6}/g), ...two.matchAll(/СНИЛС-[0-9a-f]{6}/g)].map((m) => m[0]);
    expect(snilsIds.length).toBe(2);
    expect(new Set(snilsIds).size).toBe(1);
    const people = [...one.matchAll(/ФИО-[0-9a-f]{6}/g), ...two.matchAll(/ФИО-[0-9a-f]{6}/g)].map((m) => m[0]);
    expect(people.length).toBe(3);
    // "Иванову С.П." is the same person as "Иванов Сергей Петрович" in the same file.
    expect(new Set(people).size).toBe(1);
    expect(one).not.toMatch(/Иванов|С\.П\./);
  });

  it('gives the same pseudonyms in a later run with the same key, other ones with another key', () => {
    const a = readFileSync(path.join(tmp.dir, 'out1/two.txt'), 'utf8');
    expect(run(path.join(tmp.dir, 'out2')).status).toBe(0);
    expect(readFileSync(path.join(tmp.dir, 'out2/two.txt'), 'utf8')).toBe(a);
    const otherKey = path.join(tmp.dir, 'other.key');
    const r = runCli(['redact', input, '--out', path.join(tmp.dir, 'out3'), '--operator', 'pseudonym', '--key-file', otherKey, '--quiet'], { timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(tmp.dir, 'out3/two.txt'), 'utf8')).not.toBe(a);
  });

  it('writes the mapping 0600, outside the copies, and never the key', () => {
    expect(statSync(mapping).mode & 0o777).toBe(0o600);
    const m = JSON.parse(readFileSync(mapping, 'utf8'));
    expect(m.entries.some((e: { original: string; substitute: string }) => e.original === snils && /^СНИЛС-/.test(e.substitute))).toBe(true);
    const key = readFileSync(keyFile, 'utf8').trim();
    for (const f of listFiles(path.join(tmp.dir, 'out1'))) expect(readFileSync(path.join(tmp.dir, 'out1', f), 'utf8')).not.toContain(key);
    expect(readFileSync(path.join(tmp.dir, 'out1.audit.json'), 'utf8')).not.toContain(key);
  });

  it('refuses a mapping inside the output folder and an output folder that is the input', () => {
    const out = path.join(tmp.dir, 'out4');
    const r = run(out, ['--mapping-out', path.join(out, 'map.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mapping-out must not be inside the output folder/);
    expect(existsSync(out)).toBe(false);
    const same = runCli(['redact', input, '--out', input, '--quiet']);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/copies could replace originals/);
  });

  it('--dry-run writes nothing; --only-changed skips files with nothing to replace', () => {
    const out = path.join(tmp.dir, 'dry');
    const r = runCli(['redact', input, '--out', out, '--dry-run', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.audit.json`)).toBe(false);
    expect(JSON.parse(r.stdout).summary.values).toBeGreaterThan(3);

    writeFileSync(path.join(input, 'clean.txt'), 'Ничего личного.\n');
    const only = path.join(tmp.dir, 'only');
    expect(runCli(['redact', input, '--out', only, '--only-changed', '--quiet']).status).toBe(0);
    expect(existsSync(path.join(only, 'clean.txt'))).toBe(false);
    expect(existsSync(path.join(only, 'two.txt'))).toBe(true);
    rmSync(path.join(input, 'clean.txt'));
  });

  it('reports a format it cannot write as an error for that file, writes no copy of it, and goes on', () => {
    const out = path.join(tmp.dir, 'doc');
    const dir = path.join(tmp.dir, 'docin');
    mkdirSync(dir);
    cpSync(path.join(CORPUS_ABS, '../documents/doc/hiring-order.doc'), path.join(dir, 'hiring-order.doc'));
    writeFileSync(path.join(dir, 'note.txt'), `СНИЛС ${snils}\n`);
    const r = runCli(['redact', dir, '--out', out, '--format', 'json']);
    expect(r.status).toBe(1);
    const rep = JSON.parse(r.stdout);
    const doc = rep.files.find((f: { path: string }) => f.path.endsWith('.doc'));
    expect(doc.status).toBe('error');
    expect(doc.error).toMatch(/save the file as \.docx/);
    expect(existsSync(path.join(out, 'hiring-order.doc'))).toBe(false);
    expect(readFileSync(path.join(out, 'note.txt'), 'utf8')).toBe('СНИЛС [СНИЛС]\n');
  });
});

describe('pdnscan redact on office documents, PDFs and pictures', () => {
  const tmp = tempDir('pdnscan-redact-docs-');
  const DOCS = path.join(CORPUS_ABS, '../documents');
  const picks = ['docx/employee-card.docx', 'docx/letter-parts.docx', 'odt/resume.odt', 'xlsx/staff-list.xlsx', 'ods/staff-list.ods', 'pdf/letter.pdf', 'ocr/visitors.xlsx', 'ocr/consent-form.png', 'zip/hr-archive.zip'];
  const input = path.join(tmp.dir, 'in');
  const out = path.join(tmp.dir, 'out');
  let result: ReturnType<typeof runCli>;
  let before: Map<string, string>;

  /** Every planted value of the picked files, from the generators' truth files. */
  function planted(): string[] {
    const values: string[] = [];
    const office = JSON.parse(readFileSync(path.join(DOCS, 'office.truth.json'), 'utf8')) as { files: Array<{ path: string; findings: Array<{ value: string; type: string }> }> };
    for (const f of office.files) if (picks.includes(f.path)) values.push(...f.findings.map((v) => v.value));
    const sheets = JSON.parse(readFileSync(path.join(DOCS, 'sheets.truth.json'), 'utf8')) as { files: Record<string, { values?: Array<{ value: string }> }> };
    for (const [p, f] of Object.entries(sheets.files)) if (picks.includes(p)) values.push(...(f.values ?? []).map((v) => v.value));
    const pdf = JSON.parse(readFileSync(path.join(DOCS, 'pdf.truth.json'), 'utf8')) as { files: Record<string, { values?: Array<{ value: string }> }> };
    values.push(...(pdf.files['letter.pdf']?.values ?? []).map((v) => v.value));
    const ocr = JSON.parse(readFileSync(path.join(DOCS, 'ocr.truth.json'), 'utf8')) as { files: Record<string, { values?: Array<{ value: string }> }> };
    for (const name of ['visitors.xlsx', 'consent-form.png']) values.push(...(ocr.files[name]?.values ?? []).map((v) => v.value));
    return values;
  }

  beforeAll(() => {
    for (const p of picks) {
      mkdirSync(path.dirname(path.join(input, p)), { recursive: true });
      cpSync(path.join(DOCS, p), path.join(input, p));
    }
    before = new Map(listFiles(input).map((f) => [f, sha(path.join(input, f))]));
    result = runCli(['redact', input, '--out', out, '--format', 'json', '--quiet', '--jobs', '2'], { timeout: 240_000 });
  }, 250_000);
  afterAll(() => tmp.cleanup());

  it('writes every copy, verified clean by rescanning it, and leaves the originals unchanged', () => {
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toMatchObject({ errors: 0, residual: 0, leaked: 0 });
    expect(report.summary.redacted).toBe(picks.length);
    expect(listFiles(out)).toEqual([...before.keys()]);
    for (const [file, digest] of before) expect(sha(path.join(input, file)), file).toBe(digest);
  });

  it('a scan of the copies (OCR included, values revealed) finds none of the planted values', () => {
    const values = planted();
    expect(values.length).toBeGreaterThan(40);
    const scan = runCli(['scan', out, '--format', 'json', '--reveal', '--quiet', '--jobs', '2'], { timeout: 240_000 });
    const found = (JSON.parse(scan.stdout).files as Array<{ findings: Array<{ value?: string }> }>).flatMap((f) => f.findings.map((x) => x.value ?? ''));
    const digits = new Set(found.map(digitsOf).filter((d) => d.length >= 6));
    for (const v of values) {
      expect(found.includes(v), v.replace(/\d/g, '*')).toBe(false);
      if (digitsOf(v).length >= 6) expect(digits.has(digitsOf(v)), v.replace(/\d/g, '*')).toBe(false);
    }
  }, 250_000);
});
