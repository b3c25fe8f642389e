import { describe, expect, it } from 'vitest';
import { extractCsv } from '../extractors/csv/index.js';
import { tableToCsv } from './csv-out.js';
import { tableFromDocument, type Table } from './table.js';

const TABLE: Table = {
  columns: ['Адрес', 'Возраст', 'Примечание'],
  sourceColumns: [1, 2, 3],
  rows: [
    ['г. Москва', '30-34', 'сказал "да"'],
    ['Московская обл.', '35-39', ' с пробелом'],
    ['г. Казань', '40-44', 'две\nстроки'],
  ],
  sourceRows: [2, 3, 4],
  hasHeader: true,
};

describe('tableToCsv', () => {
  it('writes a BOM, CRLF line ends and quotes only what needs it', () => {
    const text = tableToCsv(TABLE, ';');
    expect(text.startsWith('\uFEFFАдрес;Возраст;Примечание\r\n')).toBe(true);
    expect(text).toContain('г. Москва;30-34;"сказал ""да"""\r\n');
    expect(text).toContain('Московская обл.;35-39;" с пробелом"\r\n');
    expect(text.endsWith('"две\nстроки"\r\n')).toBe(true);
  });

  it('reads back through the CSV extractor as the same table', () => {
    for (const delimiter of [',', ';', '\t']) {
      const doc = extractCsv({ bytes: new TextEncoder().encode(tableToCsv(TABLE, delimiter)), path: delimiter === '\t' ? 'out.tsv' : 'out.csv' });
      const { table } = tableFromDocument(doc);
      expect(table.columns).toEqual(TABLE.columns);
      expect(table.rows).toEqual(TABLE.rows);
    }
  });

  it('writes no header row for a table read without one', () => {
    expect(tableToCsv({ ...TABLE, hasHeader: false, rows: [['a', 'b', 'c']] })).toBe('\uFEFFa,b,c\r\n');
  });
});
