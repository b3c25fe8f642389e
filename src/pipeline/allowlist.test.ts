/**
 * The allowlist and per-type thresholds on real text through the real pipeline (extract → detect
 * → thresholds → allowlist), as every output receives it.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../report/types.js';
import { allowRulesForFile, valueIdentity, withAllowRulesFor, type AllowRule } from './allowlist.js';
import { scanTextInChunks } from './scan-chunked.js';
import { analyzeBytes, scanFile } from './scan-file.js';
import type { ScanOptions } from './task.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-allow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = [
  'ООО «Ромашка», ИНН 7751234566, тел. +7 (495) 000-11-22, e-mail: Info@Romashka.ru',
  'Сотрудник: тел. 8 (916) 123-45-67, e-mail: petrov@mail.ru, СНИЛС 112-233-445 95',
].join('\n');

async function found(options: Partial<ScanOptions>, file = 'letter.txt'): Promise<{ kept: string[]; allowed: string[] }> {
  const { all, allowed } = await analyzeBytes(Buffer.from(TEXT, 'utf8'), file, { reveal: true, ...options });
  const show = (f: { type: string; value: string }) => `${f.type} ${f.value}`;
  return { kept: all.map(show).sort(), allowed: allowed.map(show).sort() };
}

describe('value identity', () => {
  it('compares numbers by digits, a phone\'s 8 and +7 alike, text by case and spacing', () => {
    expect(valueIdentity('7751 234 566')).toBe('7751234566');
    expect(valueIdentity('+7 (495) 000-11-22', 'PHONE_NUMBER')).toBe(valueIdentity('8 495 0001122', 'PHONE_NUMBER'));
    expect(valueIdentity('495 000-11-22', 'PHONE_NUMBER')).toBe('74950001122');
    // Only phones fold the leading 8: an 11-digit СНИЛС keeps its digits.
    expect(valueIdentity('812-233-445 95')).toBe('81223344595');
    expect(valueIdentity('Info@Romashka.RU')).toBe('info@romashka.ru');
    expect(valueIdentity('  г. Москва,\n ул.  Ёлочная ')).toBe('г. москва, ул. елочная');
  });
});

describe('allowlisted findings are not reported', () => {
  it('reports everything without an allowlist', async () => {
    const { kept, allowed } = await found({});
    expect(kept).toEqual(expect.arrayContaining(['PHONE_NUMBER +7 (495) 000-11-22', 'PHONE_NUMBER 8 (916) 123-45-67', 'RU_INN_ORG 7751234566', 'EMAIL_ADDRESS Info@Romashka.ru']));
    expect(allowed).toEqual([]);
  });

  it('suppresses a value written differently, and nothing else', async () => {
    const { kept, allowed } = await found({ allow: [{ value: '8 495 000 11 22' }, { value: 'info@romashka.ru' }, { value: '7751 234566' }] });
    expect(allowed).toEqual(['EMAIL_ADDRESS Info@Romashka.ru', 'PHONE_NUMBER +7 (495) 000-11-22', 'RU_INN_ORG 7751234566']);
    expect(kept).toEqual(expect.arrayContaining(['PHONE_NUMBER 8 (916) 123-45-67', 'EMAIL_ADDRESS petrov@mail.ru', 'RU_SNILS 112-233-445 95']));
    expect(kept.join()).not.toMatch(/495|Romashka|7751234566/);
  });

  it('matches patterns on the value, with flags', async () => {
    const { allowed } = await found({ allow: [{ pattern: '^\\+7 \\(495\\) 000-' }, { pattern: '@romashka\\.ru$', flags: 'i' }] });
    expect(allowed).toEqual(['EMAIL_ADDRESS Info@Romashka.ru', 'PHONE_NUMBER +7 (495) 000-11-22']);
  });

  it('holds a rule to its types', async () => {
    expect((await found({ allow: [{ value: '7751234566', types: ['PHONE_NUMBER'] }] })).allowed).toEqual([]);
    expect((await found({ allow: [{ value: '7751234566', types: ['RU_INN_ORG'] }] })).allowed).toEqual(['RU_INN_ORG 7751234566']);
  });

  it('applies a rule with paths only to files matching them', async () => {
    const site = path.join(dir, 'site');
    const rules: AllowRule[] = [{ value: '+7 (495) 000-11-22', paths: [`${site.split(path.sep).join('/')}/**`] }, { value: 'petrov@mail.ru', paths: ['*.html'] }];
    expect((await found({ allow: rules }, path.join(site, 'contacts.txt'))).allowed).toEqual(['PHONE_NUMBER +7 (495) 000-11-22']);
    expect((await found({ allow: rules }, path.join(dir, 'hr', 'staff.txt'))).allowed).toEqual([]);
    expect((await found({ allow: rules }, path.join(dir, 'hr', 'page.html'))).allowed).toEqual(['EMAIL_ADDRESS petrov@mail.ru']);
  });

  it('settles path rules on a file once, so inner paths (archive entries) no longer matter', () => {
    const rules: AllowRule[] = [{ value: 'a', paths: ['*.zip'] }, { value: 'b', paths: ['*.txt'] }, { value: 'c' }];
    expect(allowRulesForFile(rules, '/data/bundle.zip')).toEqual([{ value: 'a' }, { value: 'c' }]);
    expect(withAllowRulesFor({ reveal: false, allow: rules }, '/data/x.pdf')).toEqual({ reveal: false, allow: [{ value: 'c' }] });
    expect(withAllowRulesFor({ reveal: false, allow: [{ value: 'a', paths: ['*.zip'] }] }, '/data/x.pdf')).toEqual({ reveal: false });
  });
});

describe('per-type score thresholds', () => {
  it('hold each type to its own threshold, below or above minScore', async () => {
    const all = await found({ minScore: 0.5 });
    const strict = await found({ minScore: 0.5, scoreThresholds: { EMAIL_ADDRESS: 1.01 } });
    expect(all.kept.some((f) => f.startsWith('EMAIL_ADDRESS'))).toBe(true);
    expect(strict.kept.some((f) => f.startsWith('EMAIL_ADDRESS'))).toBe(false);
    expect(strict.kept.filter((f) => !f.startsWith('EMAIL_ADDRESS'))).toEqual(all.kept.filter((f) => !f.startsWith('EMAIL_ADDRESS')));
    // A type may ask for less than the rest: with minScore 1.0 only it keeps its scored finds.
    const lenient = await found({ minScore: 1, scoreThresholds: { PHONE_NUMBER: 0 } });
    expect(lenient.kept.filter((f) => f.startsWith('PHONE_NUMBER'))).toHaveLength(2);
  });
});

describe('the file report counts what was allowed', () => {
  it('sets allowlisted on a whole-file scan and on a chunked one alike', async () => {
    const file = path.join(dir, 'log', 'calls.log');
    mkdirSync(path.dirname(file), { recursive: true });
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `${i} звонок на +7 (495) 000-11-22 и 8 (916) 123-45-67` : `${i} запрос обработан успешно`));
    writeFileSync(file, lines.join('\n') + '\n');
    expect(statSync(file).size).toBeGreaterThan(2 * 64 * 1024);
    const options: ScanOptions = { reveal: false, types: ['PHONE_NUMBER'], allow: [{ value: '+74950001122' }] };
    const whole = await scanFile({ path: file, displayPath: file, options });
    const empty: FileReport = { path: file, size: 0, mtime: '', sha256: null, format: null, encoding: null, status: 'ok', categories: [], risk: 'none', findings: [] };
    const chunked = await scanTextInChunks({ path: file, displayPath: file, options }, empty, 64 * 1024);
    expect(whole.allowlisted).toBe(300);
    expect(whole.findings).toHaveLength(300);
    expect(chunked.allowlisted).toBe(300);
    expect(chunked.findings.map((f) => f.start)).toEqual(whole.findings.map((f) => f.start));
  });

  it('counts only allowed findings of the types asked for', async () => {
    const file = path.join(dir, 'letter.txt');
    writeFileSync(file, TEXT);
    const report = await scanFile({ path: file, displayPath: file, options: { reveal: false, types: ['RU_SNILS'], allow: [{ value: '7751234566' }] } });
    expect(report.allowlisted).toBeUndefined();
  });
});
