import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertDocument, DocumentAssertionError } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import type { ScanDocument, Segment } from '../../document/types.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import xlsxExtractor, { cellValue, extractXlsx, rawNumbers } from './index.js';
import { readPropertiesPlain, readSheetsPlain, readWorkbookInfo, resolveTarget } from './plain.js';
import { isEncryptedOfficePackage, linkTarget } from './office.js';
import {
  buildSheetDocument,
  cellRef,
  columnName,
  expandExponent,
  formatIsoDate,
  formatNumber,
  formatUtcDate,
  isFieldLabel,
  MAX_GAP_TABS,
  MAX_TEXT_CHARS,
  parseCellRef,
  PROPERTIES_SHEET,
} from './sheet-document.js';
import { cellSegments, cellText, compact, segmentsAt, sheetFixture, SHEETS_TRUTH, textOf } from '../../testing/sheet-fixtures.js';

const fixture = (name: string) => sheetFixture('xlsx', name);
const TRUTH = SHEETS_TRUTH;

/** What a cell shows, re-read with exceljs directly (independently of the extractor's code). */
function expectedTexts(value: ExcelJS.CellValue): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return [`${p(value.getUTCDate())}.${p(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`];
  }
  if (typeof value === 'object' && 'richText' in value) return [value.richText.map((r) => r.text).join('')];
  if (typeof value === 'object' && 'hyperlink' in value) {
    const text = String(value.text);
    const target = value.hyperlink.replace(/^mailto:/, '');
    return text.includes(target) ? [text] : [text, target];
  }
  if (typeof value === 'object' && 'result' in value) return expectedTexts(value.result as ExcelJS.CellValue);
  return [];
}

async function loadIndependently(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('xlsx extractor on the fixtures', () => {
  it('is registered for .xlsx, .xlsm and the templates, binary content included', () => {
    const bytes = fixture('staff-list.xlsx');
    for (const p of ['a.xlsx', 'B.XLSM', 'c.xltx', 'd.xltm']) {
      const e = extractorFor(p, bytes);
      expect('skip' in e ? e : e.id, p).toBe('xlsx');
    }
    expect(xlsxExtractor.extensions).toEqual(['.xlsx', '.xlsm', '.xltx', '.xltm']);
  });

  it('staff list: assertDocument passes and every segment is what exceljs reads in that cell', async () => {
    const bytes = fixture('staff-list.xlsx');
    const doc = await extractXlsx({ bytes, path: 'staff-list.xlsx' });
    assertDocument(doc);
    expect(doc.meta.format).toBe('xlsx');

    const wb = await loadIndependently(bytes);
    const seen = new Set<string>();
    for (const seg of cellSegments(doc)) {
      const { sheet, cell } = seg.source;
      if (sheet === PROPERTIES_SHEET) continue;
      const ws = wb.getWorksheet(sheet);
      expect(ws, sheet).toBeDefined();
      const texts = segmentsAt(doc, sheet, cell).map((s) => textOf(doc, s));
      expect(texts, `${sheet}!${cell}`).toEqual(expectedTexts(ws!.getCell(cell).value));
      seen.add(`${sheet}!${cell}`);
    }
    // …and every non-empty cell exceljs sees has its segment.
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (expectedTexts(c.value).length > 0) expect(seen.has(`${ws.name}!${c.address}`), `${ws.name}!${c.address}`).toBe(true);
        }),
      );
    }
  });

  it('layout: cells joined by tabs, rows by newlines, sheets by an empty line', async () => {
    const doc = await extractXlsx({ bytes: fixture('staff-list.xlsx'), path: 'x.xlsx' });
    const lines = doc.text.split('\n');
    expect(lines[0]).toBe('ФИО\tДата рождения\tСНИЛС\tИНН\tПаспорт\tТелефон\tE-mail');
    expect(lines[1]!.split('\t')).toHaveLength(7);
    expect(doc.text).toContain('\n\nАнкета сотрудника\n\nФИО\t');
    expect(doc.text).toContain('\n\nНаименование\t');
  });

  it('numbers come out as exact digit strings, dates as dd.mm.yyyy', async () => {
    const doc = await extractXlsx({ bytes: fixture('staff-list.xlsx'), path: 'x.xlsx' });
    expect(cellText(doc, 'Лист1', 'C2')).toBe('112-233-445 95'); // text
    expect(cellText(doc, 'Лист1', 'C3')).toBe('11223344595'); // the same СНИЛС stored as a number
    expect(cellText(doc, 'Лист1', 'D2')).toBe('770123456703'); // ИНН stored as a number
    expect(cellText(doc, 'Реквизиты', 'B4')).toBe('1027700132195'); // ОГРН stored as a number
    for (const item of TRUTH.files['xlsx/staff-list.xlsx']!.findings!) {
      if (item.type === 'DATE_OF_BIRTH') {
        expect(cellText(doc, item.sheet, item.cell), `${item.sheet}!${item.cell}`).toBe(item.value);
        expect(item.value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      }
    }
    expect(doc.text).not.toMatch(/\d[eE][+-]?\d|\d\.0(?!\d)/);
  });

  it('every planted value is the text of its cell', async () => {
    for (const file of ['staff-list.xlsx', 'staff-titled.xlsx']) {
      const doc = await extractXlsx({ bytes: fixture(file), path: file });
      for (const item of TRUTH.files[`xlsx/${file}`]!.findings!) {
        const texts = segmentsAt(doc, item.sheet, item.cell).map((s) => compact(textOf(doc, s)));
        expect(texts, `${file} ${item.sheet}!${item.cell}`).toContain(compact(item.value));
      }
    }
  });

  it('labels: the column header under a header row, the field label to the left in a form', async () => {
    const doc = await extractXlsx({ bytes: fixture('staff-list.xlsx'), path: 'x.xlsx' });
    const label = (sheet: string, cell: string) => segmentsAt(doc, sheet, cell)[0]?.label;
    expect(label('Лист1', 'A1')).toBeUndefined(); // the header itself
    expect(label('Лист1', 'B2')).toBe('Дата рождения');
    expect(label('Лист1', 'C3')).toBe('СНИЛС');
    expect(label('Лист1', 'G7')).toBe('E-mail');
    expect(label('Анкета', 'A1')).toBeUndefined(); // the title
    expect(label('Анкета', 'A5')).toBeUndefined(); // a label itself
    expect(label('Анкета', 'B3')).toBe('ФИО');
    expect(label('Анкета', 'B4')).toBe('Дата рождения');
    expect(label('Анкета', 'B5')).toBe('СНИЛС');
    expect(label('Реквизиты', 'B2')).toBe('ИНН');
    expect(label('Реквизиты', 'B4')).toBe('ОГРН');
    // located like the report shows it
    const seg = segmentsAt(doc, 'Лист1', 'C3')[0]!;
    expect(locateOffset(doc, seg.start + 3)).toEqual({ sheet: 'Лист1', cell: 'C3', header: 'СНИЛС' });

    const titled = await extractXlsx({ bytes: fixture('staff-titled.xlsx'), path: 't.xlsx' });
    expect(segmentsAt(titled, 'Сотрудники', 'A1')[0]?.label).toBeUndefined();
    expect(segmentsAt(titled, 'Сотрудники', 'C4')[0]?.label).toBe('СНИЛС');
    expect(segmentsAt(titled, 'Сотрудники', 'B6')[0]?.label).toBe('Дата рождения');
  });

  it('formula cells give their cached result, rich text its runs joined, mailto links their address', async () => {
    const doc = await extractXlsx({ bytes: fixture('staff-list.xlsx'), path: 'x.xlsx' });
    expect(cellText(doc, 'Лист1', 'F4')).toBe('+7 (916) 555-12-34');
    expect(cellText(doc, 'Лист1', 'A5')).toBe('Никифоров Амос Валерьянович');
    expect(cellText(doc, 'Лист1', 'G6')).toBe('z.belova@bk.ru'); // link text = address: once
    expect(segmentsAt(doc, 'Лист1', 'G6')).toHaveLength(1);
    expect(segmentsAt(doc, 'Лист1', 'G7').map((s) => textOf(doc, s))).toEqual(['написать', 'o.gusev@list.ru']);
  });

  it('document properties are segments of the (properties) pseudo-sheet', async () => {
    const doc = await extractXlsx({ bytes: fixture('staff-list.xlsx'), path: 'x.xlsx' });
    expect(cellText(doc, PROPERTIES_SHEET, 'creator')).toBe('Отдел кадров');
    expect(cellText(doc, PROPERTIES_SHEET, 'lastModifiedBy')).toBe('hr.department@mail.ru');
    expect(doc.text.endsWith('\n\nОтдел кадров\nhr.department@mail.ru')).toBe(true);
  });

  it('blank template: headers and labels only, no label on them', async () => {
    const doc = await extractXlsx({ bytes: fixture('template-blank.xlsx'), path: 'b.xlsx' });
    assertDocument(doc);
    expect(doc.text).not.toMatch(/\d/);
    expect(cellSegments(doc).filter((s) => s.label !== undefined)).toEqual([]);
  });

  it('encrypted workbook → ExtractionError("encrypted")', async () => {
    const bytes = fixture('encrypted.xlsx');
    expect(isEncryptedOfficePackage(bytes)).toBe(true);
    await expect(extractXlsx({ bytes, path: 'e.xlsx' })).rejects.toEqual(new ExtractionError('encrypted'));
  });

  it('zip bomb → refused by ZipReader before exceljs is asked to load anything', async () => {
    const bytes = fixture('zip-bomb.xlsx');
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const getter = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const err = await extractXlsx({ bytes, path: 'z.xlsx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as Error).message).toMatch(/^zip bomb refused/);
    expect(getter).not.toHaveBeenCalled();
  });

  it('other broken input gives value-free errors', async () => {
    const notZip = new TextEncoder().encode('ФИО;СНИЛС\nИванов;112-233-445 95\n');
    await expect(extractXlsx({ bytes: notZip, path: 'a.xlsx' })).rejects.toThrow(/^corrupt xlsx: not a zip package$/);
    const noWorkbook = zipSync({ 'a.txt': strToU8('Иванов 112-233-445 95') });
    await expect(extractXlsx({ bytes: noWorkbook, path: 'a.xlsx' })).rejects.toThrow(/^corrupt xlsx: no xl\/workbook.xml$/);
    const cfb = new Uint8Array(1024);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(extractXlsx({ bytes: cfb, path: 'a.xlsx' })).rejects.toThrow(/^not an xlsx package/);
  });
});

// ───────────────────────────── hand-made packages ─────────────────────────────

/** A minimal SpreadsheetML package with the given sheet XML bodies (no styles, no shared strings). */
function minimalXlsx(sheets: Record<string, string>, extra: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        names
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        '</Relationships>',
    ),
  };
  names.forEach((n, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheets[n]}</sheetData></worksheet>`,
    );
  });
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files);
}

describe('xlsx extractor on hand-made packages', () => {
  it('a number too long for a double keeps its digits from the sheet XML; inline strings are read', async () => {
    const bytes = minimalXlsx({
      Счета: '<row r="1"><c r="A1" t="inlineStr"><is><t>Р/с</t></is></c><c r="B1"><v>40817810700000000001</v></c></row>' + '<row r="2"><c r="A2"><v>1.1223344595E10</v></c><c r="B2"><v>0.30000000000000004</v></c></row>',
    });
    const doc = await extractXlsx({ bytes, path: 'a.xlsx' });
    assertDocument(doc);
    expect(doc.text).toBe('Р/с\t40817810700000000001\n11223344595\t0.3');
    expect(segmentsAt(doc, 'Счета', 'B1')[0]!.label).toBe('Р/с');
  });

  it('rawNumbers follows cells without an r attribute and skips non-numeric cells', () => {
    const raw = rawNumbers(
      '<worksheet><sheetData><row r="3"><c><v>1</v></c><c t="s"><v>7</v></c><c><v>12345678901234567890</v></c></row><row><c r="B4" t="n"><v>5</v></c></row></sheetData></worksheet>',
      'x',
    );
    expect([...raw]).toEqual([
      ['A3', '1'],
      ['C3', '12345678901234567890'],
      ['B4', '5'],
    ]);
  });

  it('a malformed worksheet is a value-free error', async () => {
    const bytes = minimalXlsx({ Лист1: '<row r="1"><c r="A1"><v>11223344595</v></c>' });
    const err = await extractXlsx({ bytes, path: 'a.xlsx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as Error).message).not.toMatch(/\d{5}/);
  });

  it('merged cells give their text once; booleans and errors are left out; notes are read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.getCell('A1').value = 'Иванов Иван';
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = true;
    ws.getCell('B2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('C2').value = 'x';
    ws.getCell('C2').note = 'паспорт 4510 123456';
    ws.getCell('A3').value = new Date(Date.UTC(1985, 2, 15, 13, 45));
    ws.getCell('A3').numFmt = 'dd.mm.yyyy hh:mm';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const doc = await extractXlsx({ bytes, path: 'm.xlsx' });
    assertDocument(doc);
    // exceljs writes "Unknown" as the author when none is set: read like any property.
    expect(doc.text).toBe('Иванов Иван\n\t\tx паспорт 4510 123456\n15.03.1985 13:45\n\nUnknown\nUnknown');
  });

  it('a text past MAX_TEXT_CHARS is refused with a clear error', () => {
    const long = 'ФИО '.repeat(1 << 20);
    const cells = Array.from({ length: Math.ceil(MAX_TEXT_CHARS / long.length) + 1 }, (_, i) => ({ row: i + 1, col: 1, text: long, isText: true }));
    expect(() => buildSheetDocument('xlsx', [{ name: 'S', cells }])).toThrow(/^spreadsheet too large: its text passes/);
  });

  it('a far-away cell adds at most MAX_GAP_TABS tabs', async () => {
    const doc = buildSheetDocument('xlsx', [
      {
        name: 'S',
        cells: [
          { row: 1, col: 1, text: 'a', isText: true },
          { row: 1, col: 16384, text: 'b', isText: true },
          { row: 1048576, col: 2, text: 'c', isText: true },
        ],
      },
    ]);
    assertDocument(doc);
    expect(doc.text).toBe(`a${'\t'.repeat(MAX_GAP_TABS)}b\n\n\tc`);
    expect(cellSegments(doc).map((s) => s.source.cell)).toEqual(['A1', 'XFD1', 'B1048576']);
  });
});

// ───────────────────────────── pieces ─────────────────────────────

describe('values', () => {
  it('formatNumber: exact digits, no exponent, no float noise', () => {
    expect(formatNumber(11223344595)).toBe('11223344595');
    expect(formatNumber(770123456703)).toBe('770123456703');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(11223344594.999998)).toBe('11223344595');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-12.5)).toBe('-12.5');
    expect(formatNumber(NaN)).toBeUndefined();
    expect(formatNumber(40817810700000000000, '40817810700000000001')).toBe('40817810700000000001');
    expect(formatNumber(5, '005.000')).toBe('5');
    expect(formatNumber(1.5, '1.5')).toBe('1.5');
    expect(expandExponent('1.2e+3')).toBe('1200');
    expect(expandExponent('12.5')).toBe('12.5');
  });

  it('dates', () => {
    expect(formatUtcDate(new Date(Date.UTC(1985, 2, 15)))).toBe('15.03.1985');
    expect(formatUtcDate(new Date(Date.UTC(1985, 2, 15, 23, 59, 59, 700)))).toBe('16.03.1985');
    expect(formatUtcDate(new Date(Date.UTC(1899, 11, 30, 9, 5)))).toBe('09:05');
    expect(formatUtcDate(new Date(NaN))).toBeUndefined();
    expect(formatIsoDate('1985-03-15')).toBe('15.03.1985');
    expect(formatIsoDate('1985-03-15T10:20:30.5')).toBe('15.03.1985 10:20:30');
    expect(formatIsoDate('15.03.1985')).toBeUndefined();
  });

  it('cellValue reads every exceljs value shape', () => {
    expect(cellValue('a')).toEqual({ text: 'a', isText: true });
    expect(cellValue('')).toBeUndefined();
    expect(cellValue(true)).toBeUndefined();
    expect(cellValue({ error: '#REF!' })).toBeUndefined();
    expect(cellValue({ richText: [{ text: '112-233' }, { text: '-445 95' }] })).toEqual({ text: '112-233-445 95', isText: true });
    expect(cellValue({ formula: 'A1', result: 11223344595 })).toEqual({ text: '11223344595', isText: false });
    expect(cellValue({ sharedFormula: 'A1', result: 'x' })).toEqual({ text: 'x', isText: true });
    expect(cellValue({ formula: 'A1' })).toBeUndefined();
    expect(cellValue({ text: 'написать', hyperlink: 'mailto:ivan%40mail.ru?subject=1' })).toEqual({ text: 'написать', isText: true, extras: ['ivan@mail.ru'] });
    expect(cellValue({ text: 'сайт', hyperlink: 'https://example.org' })).toEqual({ text: 'сайт', isText: true });
    expect(cellValue(12345678901234567890, () => '12345678901234567890')).toEqual({ text: '12345678901234567890', isText: false });
    expect(linkTarget('tel:+79161234567')).toBe('+79161234567');
  });

  it('cell references', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(cellRef(7, 3)).toBe('C7');
    expect(parseCellRef('$AB$12')).toEqual({ row: 12, col: 28 });
    expect(parseCellRef('A0')).toBeUndefined();
  });

  it('field labels: named fields and colons, never a person or a value', () => {
    for (const t of ['СНИЛС', 'ИНН', 'Дата рождения', 'Паспорт (серия, номер)', 'E-mail', 'Тел.', 'Адрес регистрации', 'Кем выдан', 'Место работы:', 'ФИО']) {
      expect(isFieldLabel(t), t).toBe(true);
    }
    for (const t of ['Инна Петрова', 'Иванов Иван Иванович', 'Номеров', '112-233-445 95', '15.03.1985', '', 'Сбербанк', 'x'.repeat(61) + ' ИНН']) {
      expect(isFieldLabel(t), t).toBe(false);
    }
  });
});

describe('assertDocument on cell segments', () => {
  const seg = (start: number, end: number, sheet: string, cell: string): Segment => ({ start, end, source: { kind: 'cell', sheet, cell } });
  const doc = (segments: Segment[]): ScanDocument => ({ text: 'aa\tbb\ncc\n\ndd', segments, meta: { format: 'xlsx' } });

  it('accepts cells in order, sheet by sheet, and property names on (properties)', () => {
    assertDocument(doc([seg(0, 2, 'S', 'A1'), seg(3, 5, 'S', 'B1'), seg(6, 8, 'S', 'A2'), seg(10, 12, PROPERTIES_SHEET, 'creator')]));
  });

  it('rejects bad references, disorder and interleaved sheets', () => {
    expect(() => assertDocument(doc([seg(0, 2, 'S', 'a1')]))).toThrow(DocumentAssertionError);
    expect(() => assertDocument(doc([seg(0, 2, 'S', 'XFE1')]))).toThrow(/not an A1 reference/);
    expect(() => assertDocument(doc([seg(0, 2, 'S', 'creator')]))).toThrow(/not an A1 reference/);
    expect(() => assertDocument(doc([seg(0, 2, '', 'A1')]))).toThrow(/sheet is not a name/);
    expect(() => assertDocument(doc([seg(0, 2, 'S', 'B2'), seg(3, 5, 'S', 'A2')]))).toThrow(/comes after/);
    expect(() => assertDocument(doc([seg(0, 2, 'S', 'A1'), seg(3, 5, 'T', 'A1'), seg(6, 8, 'S', 'A2')]))).toThrow(/not contiguous/);
  });
});

describe('xlsx extractor on seeded random workbooks', () => {
  it('passes assertDocument, and each segment is its cell as exceljs reads it', async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pieces = ['Иванов', 'СНИЛС', '112-233-445 95', ' ', 'ИНН:', '\n', 'a\tb', '№', '😀', 'ФИО'];
    for (let n = 0; n < 15; n++) {
      const wb = new ExcelJS.Workbook();
      const sheets = 1 + Math.floor(rand() * 3);
      for (let s = 0; s < sheets; s++) {
        const ws = wb.addWorksheet(`Лист${s + 1}`);
        const cells = Math.floor(rand() * 30);
        for (let k = 0; k < cells; k++) {
          const c = ws.getCell(1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 8));
          const kind = Math.floor(rand() * 5);
          c.numFmt = 'General';
          if (kind === 0) c.value = Math.floor(rand() * 1e12);
          else if (kind === 1) c.value = rand() * 1000;
          else if (kind === 2) {
            c.value = new Date(Date.UTC(1950 + Math.floor(rand() * 60), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
            c.numFmt = 'dd.mm.yyyy';
          } else {
            let t = '';
            for (let i = 0; i < 1 + rand() * 3; i++) t += pieces[Math.floor(rand() * pieces.length)];
            c.value = t;
          }
        }
      }
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const doc = await extractXlsx({ bytes, path: 'r.xlsx' });
      assertDocument(doc);
      const again = await loadIndependently(bytes);
      for (const seg of cellSegments(doc)) {
        if (seg.source.sheet === PROPERTIES_SHEET) continue;
        const v = again.getWorksheet(seg.source.sheet)!.getCell(seg.source.cell).value;
        const text = textOf(doc, seg);
        if (typeof v === 'number') expect(Number(text)).toBeCloseTo(v, 9);
        else expect([text]).toEqual(expectedTexts(v));
      }
    }
  });
});

describe('the plain reader (packages exceljs cannot read)', () => {
  const partsOf = (bytes: Uint8Array) => {
    const files = unzipSync(bytes);
    return { text: (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : undefined) };
  };

  it('gives the same document as the exceljs path on the fixtures', async () => {
    for (const file of ['staff-list.xlsx', 'staff-titled.xlsx', 'template-blank.xlsx']) {
      const bytes = fixture(file);
      const parts = partsOf(bytes);
      const plain = buildSheetDocument('xlsx', readSheetsPlain(parts, readWorkbookInfo(parts, 'xl/workbook.xml')), readPropertiesPlain(parts));
      const viaExcelJs = await extractXlsx({ bytes, path: file });
      expect(plain, file).toEqual(viaExcelJs);
    }
  });

  it('reads prefixed SpreadsheetML (x:c) and worksheet parts with other names, exceljs never asked', async () => {
    const M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
    const T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${T}/officeDocument" Target="/book/main.xml"/></Relationships>`),
      'book/main.xml': strToU8(
        `<?xml version="1.0"?><x:workbook xmlns:x="${M}" xmlns:r="${R}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Данные" sheetId="1" r:id="rId1"/><x:sheet name="Диаграмма" sheetId="2" r:id="rId9"/></x:sheets></x:workbook>`,
      ),
      'book/_rels/main.xml.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${T}/worksheet" Target="sheets/Data.xml"/><Relationship Id="rId9" Type="${T}/chartsheet" Target="sheets/chart.xml"/>` +
          `<Relationship Id="rId2" Type="${T}/sharedStrings" Target="strings.xml"/><Relationship Id="rId3" Type="${T}/styles" Target="../book/styles.xml"/></Relationships>`,
      ),
      'book/strings.xml': strToU8(
        `<?xml version="1.0"?><x:sst xmlns:x="${M}"><x:si><x:t>СНИЛС</x:t></x:si><x:si><x:r><x:t>112-233</x:t></x:r><x:r><x:t>-445 95</x:t></x:r><x:rPh><x:t>フリガナ</x:t></x:rPh></x:si><x:si><x:t>Дата рождения</x:t></x:si></x:sst>`,
      ),
      'book/styles.xml': strToU8(
        `<?xml version="1.0"?><x:styleSheet xmlns:x="${M}"><x:numFmts><x:numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></x:numFmts><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`,
      ),
      'book/sheets/Data.xml': strToU8(
        `<?xml version="1.0"?><x:worksheet xmlns:x="${M}" xmlns:r="${R}"><x:sheetData>` +
          '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1"><x:v>11223344595</x:v></x:c></x:row>' +
          '<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2" s="1"><x:v>29659</x:v></x:c><x:c r="C2" s="2"><x:v>29659.5</x:v></x:c><x:c r="D2" t="d"><x:v>1985-03-15</x:v></x:c></x:row>' +
          '<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>E-mail</x:t></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>написать</x:t></x:is></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="str"><x:f>A1</x:f><x:v>СНИЛС</x:v></x:c></x:row>' +
          '</x:sheetData><x:hyperlinks><x:hyperlink ref="B3" r:id="rId1"/></x:hyperlinks></x:worksheet>',
      ),
      'book/sheets/_rels/Data.xml.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${T}/hyperlink" Target="mailto:ivan@mail.ru" TargetMode="External"/></Relationships>`,
      ),
      'docProps/core.xml': strToU8(
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Иванов</dc:creator><cp:lastModifiedBy>petrov@mail.ru</cp:lastModifiedBy></cp:coreProperties>',
      ),
    });
    const getter = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const doc = await extractXlsx({ bytes, path: 'sdk.xlsx' });
    expect(getter).not.toHaveBeenCalled();
    assertDocument(doc);
    // date1904: serial 29659 + 1462 days = 31121 in the 1900 system, 15.03.1985
    expect(doc.text).toBe(
      'СНИЛС\t112-233-445 95\t11223344595\nДата рождения\t15.03.1985\t15.03.1985 12:00\t15.03.1985\nE-mail\tнаписать ivan@mail.ru\t\tСНИЛС\n\nИванов\npetrov@mail.ru',
    );
    expect(segmentsAt(doc, 'Данные', 'B2')[0]!.label).toBe('Дата рождения');
    expect(segmentsAt(doc, 'Данные', 'B3').map((s) => textOf(doc, s))).toEqual(['написать', 'ivan@mail.ru']);
  });

  it('falls back when exceljs misses a sheet part with another name', async () => {
    const bytes = minimalXlsx({ Лист1: '<row r="1"><c r="A1" t="inlineStr"><is><t>ИНН</t></is></c><c r="B1"><v>770123456703</v></c></row>' });
    const files = unzipSync(bytes);
    files['xl/worksheets/Staff.xml'] = files['xl/worksheets/sheet1.xml']!;
    delete files['xl/worksheets/sheet1.xml'];
    files['xl/_rels/workbook.xml.rels'] = strToU8(new TextDecoder().decode(files['xl/_rels/workbook.xml.rels']).replace('worksheets/sheet1.xml', 'worksheets/Staff.xml'));
    const doc = await extractXlsx({ bytes: zipSync(files), path: 'a.xlsx' });
    expect(doc.text).toBe('ИНН\t770123456703');
    expect(cellText(doc, 'Лист1', 'B1')).toBe('770123456703');
  });

  it('resolves relationship targets against their source part', () => {
    expect(resolveTarget('_rels/.rels', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('xl/_rels/workbook.xml.rels', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/_rels/sheet1.xml.rels', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolveTarget('xl/_rels/workbook.xml.rels', '/xl/styles.xml')).toBe('xl/styles.xml');
  });
});
