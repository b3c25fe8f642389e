import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CfbReader } from '../doc/cfb.js';
import { assertDocument } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import { extractorFor } from '../registry.js';
import { ExtractionError, UnsupportedFormatError } from '../types.js';
import { PROPERTIES_SHEET } from '../xlsx/sheet-document.js';
import { isDateFormat, readWorkbook, rkValue } from './biff.js';
import xlsExtractor, { extractXls, propertySet } from './index.js';
import { cellSegments, cellText, compact, DOCS, segmentsAt, sheetFixture, SHEETS_TRUTH, textOf } from '../../testing/sheet-fixtures.js';

const fixture = (name: string) => sheetFixture('xls', name);
const TRUTH = SHEETS_TRUTH;

// ───────────────────────────── a tiny BIFF8 writer for hand-made streams ─────────────────────────────

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const f64 = (n: number) => [...new Uint8Array(new Float64Array([n]).buffer)];
const wide = (s: string) => [...Buffer.from(s, 'utf16le')];
const rec = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];
const bof = (dt: number, version = 0x0600) => rec(0x0809, [...u16(version), ...u16(dt), ...u16(0x0dbb), ...u16(0x07cc), ...u32(0), ...u32(6)]);
const EOF = rec(0x000a, []);
const short = (s: string) => [s.length, 1, ...wide(s)];

/** A workbook stream: globals (`globals` records after BOF) then one sheet per entry of `sheets`. */
function stream(globals: number[][], sheets: { name: string; records: number[][] }[]): Uint8Array {
  const bodies = sheets.map((s) => [...bof(0x0010), ...s.records.flat(), ...EOF]);
  const sheetRecLen = (name: string) => 4 + 6 + short(name).length;
  const head = [...bof(0x0005), ...globals.flat()];
  let offset = head.length + sheets.reduce((a, s) => a + sheetRecLen(s.name), 0) + EOF.length;
  const boundsheets = sheets.map((s, k) => {
    const r = rec(0x0085, [...u32(offset), 0, 0, ...short(s.name)]);
    offset += bodies[k]!.length;
    return r;
  });
  return new Uint8Array([...head, ...boundsheets.flat(), ...EOF, ...bodies.flat()]);
}
const cell = (row: number, col: number, xf = 0) => [...u16(row), ...u16(col), ...u16(xf)];

describe('xls extractor on the fixtures', () => {
  it('is registered for .xls and .xlt', () => {
    for (const p of ['a.xls', 'B.XLT']) {
      const e = extractorFor(p, fixture('staff-list.xls'));
      expect('skip' in e ? e : e.id, p).toBe('xls');
    }
    expect(xlsExtractor.extensions).toEqual(['.xls', '.xlt']);
  });

  it('staff list: assertDocument passes, every planted value is the text of its cell', async () => {
    const doc = await extractXls({ bytes: fixture('staff-list.xls'), path: 's.xls' });
    assertDocument(doc);
    expect(doc.meta.format).toBe('xls');
    for (const item of TRUTH.files['xls/staff-list.xls']!.findings!) {
      const texts = segmentsAt(doc, item.sheet, item.cell).map((s) => compact(textOf(doc, s)));
      expect(texts, `${item.sheet}!${item.cell}`).toContain(compact(item.value));
    }
  });

  it('the СНИЛС whose characters the SST splits across a CONTINUE record is read whole', async () => {
    const bytes = fixture('staff-list.xls');
    const workbook = new CfbReader(bytes).stream('Workbook')!;
    // The fixture's SST needs CONTINUE records (0x003C).
    let continues = 0;
    for (let at = 0; at + 4 <= workbook.length; at += 4 + (workbook[at + 2]! | (workbook[at + 3]! << 8))) {
      if ((workbook[at]! | (workbook[at + 1]! << 8)) === 0x003c) continues++;
    }
    expect(continues).toBeGreaterThan(0);
    const doc = await extractXls({ bytes, path: 's.xls' });
    expect(cellText(doc, 'Лист1', 'C2')).toBe('112-233-445 95');
  });

  it('numbers exact, dates (RK and NUMBER, custom and built-in formats) as dd.mm.yyyy, formula strings, inline labels', async () => {
    const doc = await extractXls({ bytes: fixture('staff-list.xls'), path: 's.xls' });
    expect(cellText(doc, 'Лист1', 'C3')).toBe('11223344595');
    expect(cellText(doc, 'Лист1', 'D2')).toBe('770123456703');
    expect(cellText(doc, 'Реквизиты', 'B4')).toBe('1027700132195');
    for (const r of [2, 3, 4, 5, 6, 7]) expect(cellText(doc, 'Лист1', `B${r}`)).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(cellText(doc, 'Лист1', 'F4')).toBe('+7 (916) 555-12-34');
    expect(cellText(doc, 'Лист1', 'G2')).toMatch(/@/);
    expect(['B9', 'C9', 'D9', 'E9'].map((c) => cellText(doc, 'Лист1', c))).toEqual(['101', '102', '103', '104']);
  });

  it('labels, locations and properties as for XLSX', async () => {
    const doc = await extractXls({ bytes: fixture('staff-list.xls'), path: 's.xls' });
    expect(segmentsAt(doc, 'Лист1', 'C3')[0]!.label).toBe('СНИЛС');
    expect(segmentsAt(doc, 'Анкета', 'B5')[0]!.label).toBe('СНИЛС');
    expect(segmentsAt(doc, 'Лист1', 'A1')[0]!.label).toBeUndefined();
    const seg = segmentsAt(doc, 'Лист1', 'D2')[0]!;
    expect(locateOffset(doc, seg.start)).toEqual({ sheet: 'Лист1', cell: 'D2', header: 'ИНН' });
    // VT_LPSTR in code page 1251
    expect(cellText(doc, PROPERTIES_SHEET, 'creator')).toBe('Отдел кадров');
    expect(cellText(doc, PROPERTIES_SHEET, 'lastModifiedBy')).toBe('hr.department@mail.ru');
    expect(cellText(doc, PROPERTIES_SHEET, 'title')).toBe('Сотрудники');
  });

  it('blank template: no digits, no labels; encrypted → "encrypted"', async () => {
    const doc = await extractXls({ bytes: fixture('template-blank.xls'), path: 'b.xls' });
    assertDocument(doc);
    expect(doc.text).not.toMatch(/\d/);
    expect(cellSegments(doc).filter((s) => s.label !== undefined)).toEqual([]);
    await expect(extractXls({ bytes: fixture('encrypted.xls'), path: 'e.xls' })).rejects.toEqual(new ExtractionError('encrypted'));
    // A password-protected OOXML package named .xls
    await expect(extractXls({ bytes: new Uint8Array(readFileSync(path.join(DOCS, 'xlsx/encrypted.xlsx'))), path: 'e.xls' })).rejects.toEqual(
      new ExtractionError('encrypted'),
    );
  });
});

describe('BIFF8 records', () => {
  it('SST strings continue after an option byte, and may change width there', () => {
    // "Ив" (UTF-16) in the SST record, then "anov" (compressed) in a CONTINUE record.
    const sst = rec(0x00fc, [...u32(2), ...u32(2), ...u16(6), 1, ...wide('Ив')]);
    const cont = rec(0x003c, [0, ...Buffer.from('anov', 'latin1'), ...u16(3), 0x08 | 1, ...u16(1), ...wide('ИНН'), ...u16(0), ...u16(0)]);
    const s = stream([sst, cont], [{ name: 'Лист1', records: [rec(0x00fd, [...cell(0, 0), ...u32(0)]), rec(0x00fd, [...cell(0, 1), ...u32(1)])] }]);
    const { sheets } = readWorkbook(s);
    expect(sheets[0]!.cells.map((c) => c.text)).toEqual(['Ивanov', 'ИНН']);
  });

  it('numbers: NUMBER, RK (integer, ×100, float), MULRK; booleans and errors left out', () => {
    const rkInt = ((123 << 2) | 2) >>> 0;
    const rkCents = ((12345 << 2) | 3) >>> 0;
    const rkFloat = 0x3ff80000; // 1.5
    const s = stream(
      [],
      [
        {
          name: 'S',
          records: [
            rec(0x0203, [...cell(0, 0), ...f64(11223344595)]),
            rec(0x027e, [...cell(0, 1), ...u32(rkInt)]),
            rec(0x00bd, [...u16(1), ...u16(0), ...u16(0), ...u32(rkCents), ...u16(0), ...u32(rkFloat), ...u16(1)]),
            rec(0x0205, [...cell(2, 0), 1, 0]), // BOOLERR
            rec(0x0006, [...cell(2, 1), 2, 0, 0x2a, 0, 0, 0, 0xff, 0xff, ...u16(0), ...u32(0), ...u16(0)]), // error result
            rec(0x0006, [...cell(2, 2), ...f64(770123456703), ...u16(0), ...u32(0), ...u16(0)]),
          ],
        },
      ],
    );
    const cells = readWorkbook(s).sheets[0]!.cells.map((c) => [c.row, c.col, c.text]);
    expect(cells).toEqual([
      [1, 1, '11223344595'],
      [1, 2, '123'],
      [2, 1, '123.45'],
      [2, 2, '1.5'],
      [3, 3, '770123456703'],
    ]);
    expect(rkValue(((-7 << 2) | 2) >>> 0)).toBe(-7);
  });

  it('dates from XF formats (built-in and custom), 1904 date system', () => {
    const xf = (ifmt: number) => rec(0x00e0, [...u16(0), ...u16(ifmt), ...new Array<number>(16).fill(0)]);
    const globals = [rec(0x041e, [...u16(164), ...u16(10), 0, ...Buffer.from('DD.MM.YYYY', 'latin1')]), xf(0), xf(14), xf(164), xf(4)];
    const cells = [
      rec(0x0203, [...cell(0, 0, 1), ...f64(31121)]),
      rec(0x0203, [...cell(0, 1, 2), ...f64(31121.5)]),
      rec(0x0203, [...cell(0, 2, 3), ...f64(31121)]), // #,##0.00: a number
    ];
    expect(readWorkbook(stream(globals, [{ name: 'S', records: cells }])).sheets[0]!.cells.map((c) => c.text)).toEqual(['15.03.1985', '15.03.1985 12:00', '31121']);
    const in1904 = readWorkbook(stream([rec(0x0022, u16(1)), ...globals], [{ name: 'S', records: [cells[0]!] }]));
    expect(in1904.sheets[0]!.cells[0]!.text).toBe('16.03.1989');
    expect(isDateFormat('[$-419]D MMMM YYYY')).toBe(true);
    expect(isDateFormat('hh:mm')).toBe(true);
    expect(isDateFormat('#,##0.00" руб."')).toBe(false);
    expect(isDateFormat('0.00E+00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });

  it('cells of an embedded chart substream and of chart sheets are not read', () => {
    const chartBody = [...bof(0x0020), ...rec(0x0203, [...cell(5, 5), ...f64(42)]), ...EOF];
    const s = stream([], [{ name: 'S', records: [rec(0x0203, [...cell(0, 0), ...f64(1)]), chartBody, rec(0x0203, [...cell(1, 0), ...f64(2)])] }]);
    expect(readWorkbook(s).sheets[0]!.cells.map((c) => c.text)).toEqual(['1', '2']);
  });

  it('FILEPASS → encrypted; BIFF5 → unsupported; damage → value-free errors', () => {
    expect(() => readWorkbook(new Uint8Array([...bof(0x0005), ...rec(0x002f, [1, 0]), ...EOF]))).toThrow(new ExtractionError('encrypted'));
    expect(() => readWorkbook(new Uint8Array([...bof(0x0005, 0x0500), ...EOF]))).toThrow(UnsupportedFormatError);
    const cut = stream([], [{ name: 'S', records: [rec(0x0203, [...cell(0, 0), ...f64(11223344595)])] }]);
    const err = (() => {
      try {
        readWorkbook(cut.subarray(0, cut.length - 10));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as Error).message).toMatch(/^corrupt xls: /);
    const badSst = stream([rec(0x00fc, [...u32(1), ...u32(1), ...u16(50), 1, ...wide('Ив')])], []);
    expect(() => readWorkbook(badSst)).toThrow(/^corrupt xls: a string runs past its record$/);
    expect(() => readWorkbook(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/^corrupt xls: /);
  });
});

describe('files named .xls that are something else', () => {
  it('a zip package is read as XLSX; markup as HTML; other text as CSV', async () => {
    const xlsx = new Uint8Array(readFileSync(path.join(DOCS, 'xlsx/staff-list.xlsx')));
    expect((await extractXls({ bytes: xlsx, path: 'renamed.xls' })).meta.format).toBe('xlsx');
    const html = strToU8('<html><body><table><tr><td>СНИЛС</td><td>112-233-445 95</td></tr></table></body></html>');
    const h = await extractXls({ bytes: html, path: 'export.xls' });
    expect(h.meta.format).toBe('html');
    expect(h.text).toContain('112-233-445 95');
    const tsv = strToU8('ФИО\tСНИЛС\nИванов\t112-233-445 95\n');
    const t = await extractXls({ bytes: tsv, path: 'export.xls' });
    expect(t.meta.format).toBe('csv');
    expect(t.segments.find((s) => t.text.slice(s.start, s.end) === '112-233-445 95')?.label).toBe('СНИЛС');
  });

  it('neither: a value-free error', async () => {
    await expect(extractXls({ bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 9]), path: 'a.xls' })).rejects.toThrow(/^corrupt xls: not an Excel 97-2003 workbook$/);
    await expect(extractXls({ bytes: zipSync({ 'a.txt': strToU8('x') }), path: 'a.xls' })).rejects.toThrow(ExtractionError);
    const cfb = new Uint8Array(1024);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(extractXls({ bytes: cfb, path: 'a.xls' })).rejects.toThrow(/^corrupt xls: /);
  });
});

describe('property sets', () => {
  it('reads VT_LPSTR in the set code page and VT_LPWSTR', () => {
    const cp1251 = [0xce, 0xf2, 0xe4, 0xe5, 0xeb, 0]; // "Отдел"
    const entries: [number, number[]][] = [
      [1, [...u16(2), 0, 0, ...u16(1251), 0, 0]],
      [4, [...u16(0x1e), 0, 0, ...u32(cp1251.length), ...cp1251, 0, 0]],
      [8, [...u16(0x1f), 0, 0, ...u32(3), ...wide('Ива'), 0, 0]],
    ];
    let at = 8 + entries.length * 8;
    const index: number[] = [];
    for (const [id, data] of entries) {
      index.push(...u32(id), ...u32(at));
      at += data.length;
    }
    const set = [...u32(at), ...u32(entries.length), ...index, ...entries.flatMap((e) => e[1])];
    const data = new Uint8Array([...u16(0xfffe), ...u16(0), ...u32(0), ...new Array<number>(16).fill(0), ...u32(1), ...new Array<number>(16).fill(0), ...u32(48), ...set]);
    expect([...propertySet(data)]).toEqual([
      [4, 'Отдел'],
      [8, 'Ива'],
    ]);
    expect(propertySet(new Uint8Array(10)).size).toBe(0);
  });
});
