import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import type { ScanDocument } from '../../document/types.js';
import { extractCsv } from './index.js';
import { detectDelimiter, hasHeaderRow, parseCsv } from './parse.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cellTexts = (doc: ScanDocument) => doc.segments.map((s) => doc.text.slice(s.start, s.end));

describe('parseCsv', () => {
  it('quotes, doubled quotes, embedded delimiters and newlines, CRLF', () => {
    const src = 'a,"b,c","say ""hi""",\r\n"multi\nline",x\r\n';
    const records = parseCsv(src, ',');
    expect(records.map((r) => r.map((c) => c.value))).toEqual([
      ['a', 'b,c', 'say "hi"', ''],
      ['multi\nline', 'x'],
    ]);
    for (const r of records) for (const c of r) expect(c.end).toBeGreaterThanOrEqual(c.start);
    expect(src.slice(records[0]![2]!.start, records[0]![2]!.end)).toBe('"say ""hi"""');
    expect(src.slice(records[1]![0]!.start, records[1]![0]!.end)).toBe('"multi\nline"');
  });

  it('blank lines are records; no record after the final newline; lone CR ends a record', () => {
    expect(parseCsv('a\n\nb\n', ',').map((r) => r.map((c) => c.value))).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('a\rb', ',').map((r) => r.map((c) => c.value))).toEqual([['a'], ['b']]);
    expect(parseCsv('', ',')).toEqual([]);
  });

  it('is lenient with malformed quotes', () => {
    expect(parseCsv('"ab"c,d\n"open', ',').map((r) => r.map((c) => c.value))).toEqual([['abc', 'd'], ['open']]);
    expect(parseCsv('x"y,z', ',').map((r) => r.map((c) => c.value))).toEqual([['x"y', 'z']]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['ФИО;СНИЛС;Паспорт\nИванов И.И.;112-233-445 95;4510 123456\n', ';'],
    ['name,phone\n"Smith, John",555-0100\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b\n1|2\n', '|'],
    ['"a;b",c,d\n"e;f",g,h\n', ','],
    ['single', ','],
  ])('%j → %j', (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});

describe('hasHeaderRow', () => {
  const rows = (text: string, d = ';') => parseCsv(text, d);
  it('detects headers above number-like data', () => {
    expect(hasHeaderRow(rows('ФИО;СНИЛС;Паспорт\nИванов И.И.;112-233-445 95;4510 123456'))).toBe(true);
  });
  it('detects headers that name personal data above words', () => {
    expect(hasHeaderRow(rows('Фамилия;Имя\nИванов;Иван\nПетров;Пётр'))).toBe(true);
  });
  it('rejects data rows and single rows', () => {
    expect(hasHeaderRow(rows('Иванов;112-233-445 95\nПетров;112-233-445 96'))).toBe(false);
    expect(hasHeaderRow(rows('Иванов;Иван\nПетров;Пётр'))).toBe(false);
    expect(hasHeaderRow(rows('ФИО;СНИЛС'))).toBe(false);
    expect(hasHeaderRow(rows('a;a\n1;2'))).toBe(false);
  });
});

describe('csv extractor', () => {
  const SOURCE =
    'ФИО;СНИЛС;Паспорт;Комментарий\r\n' +
    'Иванов Иван Иванович;112-233-445 95;4510 123456;"Адрес: ул. Ленина, д. 5;\r\nкв. 12"\r\n' +
    'Петров Пётр;;"45 10 ""654321""";\r\n';

  it('cells become segments with header labels; text joins cells by tab and rows by newline', () => {
    const doc = extractCsv({ bytes: utf8(SOURCE), path: 'staff.csv' });
    assertDocument(doc);
    expect(doc.meta).toEqual({ format: 'csv', encoding: 'utf-8', sourceText: SOURCE });
    expect(doc.text).toBe(
      'ФИО\tСНИЛС\tПаспорт\tКомментарий\n' +
        'Иванов Иван Иванович\t112-233-445 95\t4510 123456\tАдрес: ул. Ленина, д. 5;\r\nкв. 12\n' +
        'Петров Пётр\t\t45 10 "654321"\t',
    );
    expect(cellTexts(doc)).toEqual([
      'ФИО', 'СНИЛС', 'Паспорт', 'Комментарий',
      'Иванов Иван Иванович', '112-233-445 95', '4510 123456', 'Адрес: ул. Ленина, д. 5;\r\nкв. 12',
      'Петров Пётр', '45 10 "654321"',
    ]);
    expect(doc.segments.slice(0, 4).every((s) => s.label === undefined)).toBe(true);
    expect(doc.segments.slice(4).map((s) => s.label)).toEqual([
      'ФИО', 'СНИЛС', 'Паспорт', 'Комментарий', 'ФИО', 'Паспорт',
    ]);
    expect(doc.segments[9]!.source).toEqual({ kind: 'csv', row: 3, col: 3, rawRange: [SOURCE.indexOf('"45'), SOURCE.lastIndexOf(';')] });
  });

  it('locates cells by line/column in the file, row/col and header', () => {
    const doc = extractCsv({ bytes: utf8(SOURCE), path: 'staff.csv' });
    expect(locateOffset(doc, doc.text.indexOf('112-233'))).toEqual({ line: 2, column: 21, row: 2, col: 2, header: 'СНИЛС' });
    // inside a quoted cell, after an embedded line break
    expect(locateOffset(doc, doc.text.indexOf('кв. 12'))).toEqual({ line: 3, column: 0, row: 2, col: 4, header: 'Комментарий' });
    // after a doubled quote: source `"45 10 ""654321"""`
    expect(locateOffset(doc, doc.text.indexOf('654321'))).toEqual({ line: 4, column: 22, row: 3, col: 3, header: 'Паспорт' });
    expect(locateOffset(doc, 0)).toEqual({ line: 1, column: 0, row: 1, col: 1 });
    // a separator (the tab after ФИО) is located at the next cell
    expect(locateOffset(doc, 3)).toEqual({ line: 1, column: 4, row: 1, col: 2 });
  });

  it('.tsv uses tabs whatever the content', () => {
    const src = 'ФИО\tТелефон, доб.\nИванов\t+7 999 123-45-67, 12\n';
    const doc = extractCsv({ bytes: utf8(src), path: 'x.TSV' });
    assertDocument(doc);
    expect(cellTexts(doc)).toEqual(['ФИО', 'Телефон, доб.', 'Иванов', '+7 999 123-45-67, 12']);
    expect(doc.segments[3]!.label).toBe('Телефон, доб.');
  });

  it('CP1251 CSV with a comma delimiter and no header', () => {
    const src = 'Иванов Иван,112-233-445 95\nПетров Пётр,112-233-445 96\n';
    const doc = extractCsv({ bytes: new Uint8Array(iconv.encode(src, 'windows-1251')), path: 'x.csv' });
    assertDocument(doc);
    expect(doc.meta.encoding).toBe('windows-1251');
    expect(doc.text).toBe('Иванов Иван\t112-233-445 95\nПетров Пётр\t112-233-445 96');
    expect(doc.segments.every((s) => s.label === undefined)).toBe(true);
  });

  it('empty file', () => {
    const doc = extractCsv({ bytes: new Uint8Array(), path: 'x.csv' });
    assertDocument(doc);
    expect(doc.text).toBe('');
    expect(doc.segments).toEqual([]);
  });
});
