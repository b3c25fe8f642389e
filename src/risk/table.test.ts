import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extractCsv } from '../extractors/csv/index.js';
import { extractXlsx } from '../extractors/xlsx/index.js';
import { buildSheetDocument, type GridCell } from '../extractors/xlsx/sheet-document.js';
import { describeColumns, resolveColumn, resolveColumns, sheetNames, tableFromDocument, TableError } from './table.js';

const csvDoc = (text: string, path = 't.csv') => extractCsv({ bytes: new TextEncoder().encode(text), path });

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Сводка');
  ws.getCell('B1').value = 'Пациенты за 2024 год'; // a title row above the header
  ws.getRow(3).values = [undefined, 'Дата рождения', 'Пол', 'Индекс'];
  const rows: Array<[Date, string, number]> = [
    [new Date(Date.UTC(1985, 2, 15)), 'М', 101000],
    [new Date(Date.UTC(1990, 0, 1)), 'Ж', 630001],
  ];
  rows.forEach(([date, sex, postal], i) => {
    const row = ws.getRow(4 + i);
    row.getCell(2).value = date;
    row.getCell(2).numFmt = 'dd.mm.yyyy';
    row.getCell(3).value = sex;
    row.getCell(4).value = postal;
  });
  ws.getCell('C5').note = 'проверить'; // a note: an extra segment of the cell, not its value
  const plain = wb.addWorksheet('Числа');
  plain.addRow([1, 2]);
  plain.addRow([3, 4]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('tableFromDocument: CSV', () => {
  it('names columns by the header the extractor found, pads short rows, skips empty lines', () => {
    const { table } = tableFromDocument(csvDoc('ФИО;Дата рождения;Пол\nИванов И.И.;15.03.1985;М\n\nПетрова А.А.;01.01.1990\n'));
    expect(table.columns).toEqual(['ФИО', 'Дата рождения', 'Пол']);
    expect(table.hasHeader).toBe(true);
    expect(table.rows).toEqual([
      ['Иванов И.И.', '15.03.1985', 'М'],
      ['Петрова А.А.', '01.01.1990', ''],
    ]);
    expect(table.sourceRows).toEqual([2, 4]);
  });

  it('names columns by number without a header', () => {
    const { table } = tableFromDocument(csvDoc('1985,М,101000\n1990,Ж,630001\n'));
    expect(table.hasHeader).toBe(false);
    expect(table.columns).toEqual(['1', '2', '3']);
    expect(table.rows).toHaveLength(2);
  });

  it('makes a header name that repeats another column\'s name unique', () => {
    // Header "C" over column A, and column C without a header (so named by its letter): two "C".
    const cells: GridCell[] = [
      { row: 1, col: 1, text: 'C', isText: true },
      { row: 1, col: 2, text: 'Пол', isText: true },
      ...[2, 3].flatMap((row) => [
        { row, col: 1, text: 'x', isText: true },
        { row, col: 2, text: 'М', isText: true },
        { row, col: 3, text: String(row), isText: false },
      ]),
    ];
    const { table } = tableFromDocument(buildSheetDocument('xlsx', [{ name: 'Лист1', cells }]));
    expect(table.columns).toEqual(['C (A)', 'Пол', 'C']);
  });

  it('refuses --sheet for a CSV and a document that is not a table', () => {
    expect(() => tableFromDocument(csvDoc('a,b\n1,2\n'), { sheet: 'Лист1' })).toThrow(TableError);
    expect(() => tableFromDocument({ text: 'x', segments: [], meta: { format: 'pdf' } })).toThrow(/not a table: a pdf file/);
  });
});

describe('tableFromDocument: spreadsheets', () => {
  it('finds the header below a title row and reads dates as the extractor writes them', async () => {
    const doc = await extractXlsx({ bytes: await workbook(), path: 't.xlsx' });
    expect(sheetNames(doc)).toEqual(['Сводка', 'Числа']);
    const { table } = tableFromDocument(doc);
    expect(table.sheet).toBe('Сводка');
    expect(table.columns).toEqual(['Дата рождения', 'Пол', 'Индекс']);
    expect(table.sourceColumns).toEqual([2, 3, 4]);
    expect(table.rows).toEqual([
      ['15.03.1985', 'М', '101000'],
      ['01.01.1990', 'Ж', '630001'],
    ]);
  });

  it('reads the sheet asked for; a sheet without a header has lettered columns', async () => {
    const doc = await extractXlsx({ bytes: await workbook(), path: 't.xlsx' });
    const { table } = tableFromDocument(doc, { sheet: 'Числа' });
    expect(table.columns).toEqual(['A', 'B']);
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(() => tableFromDocument(doc, { sheet: 'Нет такого' })).toThrow(/no sheet "Нет такого" with content; sheets: "Сводка", "Числа"/);
  });

  it('maps a data cell segment back to its place in the table, and nothing else', async () => {
    const doc = await extractXlsx({ bytes: await workbook(), path: 't.xlsx' });
    const of = tableFromDocument(doc);
    const at = (cell: string) => of.locate(doc.segments.find((s) => s.source.kind === 'cell' && s.source.cell === cell)!);
    expect(at('D5')).toEqual({ row: 1, col: 2 });
    expect(at('B1')).toBeUndefined(); // the title
    expect(at('B3')).toBeUndefined(); // the header
  });
});

describe('resolveColumn', () => {
  const { table } = tableFromDocument(csvDoc('ФИО,Дата рождения,Пол\nИванов,15.03.1985,М\nПетров,01.01.1990,М\n'));

  it('takes a header name (case and spaces ignored), a 1-based number or a letter', () => {
    expect(resolveColumn(table, ' дата  РОЖДЕНИЯ ', '--quasi')).toBe(1);
    expect(resolveColumn(table, '3', '--quasi')).toBe(2);
    expect(resolveColumn(table, 'c', '--quasi')).toBe(2);
    expect(resolveColumns(table, 'Пол, 2', '--quasi')).toEqual([2, 1]);
  });

  it('names the option and lists the columns when a column is unknown or given twice', () => {
    expect(() => resolveColumn(table, 'Возраст', '--quasi')).toThrow('--quasi: no column "Возраст"; columns: 1 "ФИО", 2 "Дата рождения", 3 "Пол"');
    expect(() => resolveColumn(table, '4', '--sensitive')).toThrow(/--sensitive: no column "4"/);
    expect(() => resolveColumns(table, 'Пол,C', '--quasi')).toThrow(/given twice/);
    expect(() => resolveColumns(table, ' , ', '--quasi')).toThrow(/no column given/);
    expect(describeColumns(table)).toBe('1 "ФИО", 2 "Дата рождения", 3 "Пол"');
  });
});
