import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { PROPERTIES_SHEET } from '../xlsx/sheet-document.js';
import odsExtractor, { extractOds, MAX_REPEATED_CELLS, parseContent, parseMeta } from './index.js';
import { cellSegments, cellText, compact, segmentsAt, sheetFixture, SHEETS_TRUTH, textOf } from '../../testing/sheet-fixtures.js';

const fixture = (name: string) => sheetFixture('ods', name);
const TRUTH = SHEETS_TRUTH;

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';
const content = (tables: string) =>
  `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
const ods = (contentXml: string, extra: Record<string, string> = {}) =>
  zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(contentXml),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });

/** The fixture's content.xml, re-read cell by cell with a DOM-free scan of its own (independent check). */
function fixtureContent(name: string): string {
  return new TextDecoder().decode(unzipSync(fixture(name))['content.xml']!);
}

describe('ods extractor on the fixtures', () => {
  it('is registered for .ods and .ots', () => {
    for (const p of ['a.ods', 'T.OTS']) {
      const e = extractorFor(p, fixture('staff-list.ods'));
      expect('skip' in e ? e : e.id, p).toBe('ods');
    }
    expect(odsExtractor.extensions).toEqual(['.ods', '.ots']);
  });

  it('staff list: assertDocument passes, planted values sit in their cells', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    assertDocument(doc);
    expect(doc.meta.format).toBe('ods');
    for (const item of TRUTH.files['ods/staff-list.ods']!.findings!) {
      const texts = segmentsAt(doc, item.sheet, item.cell).map((s) => compact(textOf(doc, s)));
      expect(texts, `${item.sheet}!${item.cell}`).toContain(compact(item.value));
    }
  });

  it('the million repeated empty rows and thousand empty columns cost nothing', () => {
    const t = Date.now();
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(doc.text.length).toBeLessThan(3000);
    expect(fixtureContent('staff-list.ods')).toContain('table:number-rows-repeated="1048000"');
    expect(doc.text).not.toMatch(/\t{33}/);
  });

  it('floats from office:value (not the "1,12233E+10" display), dates from office:date-value', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    const xml = fixtureContent('staff-list.ods');
    expect(xml).toContain('office:value="11223344595"><text:p>1,12233E+10</text:p>');
    expect(cellText(doc, 'Лист1', 'C3')).toBe('11223344595');
    expect(cellText(doc, 'Лист1', 'D2')).toBe('770123456703');
    expect(cellText(doc, 'Реквизиты', 'B4')).toBe('1027700132195');
    const date = /office:date-value="(\d{4})-(\d{2})-(\d{2})"><text:p>(\d{2}\.\d{2}\.\d{2})<\/text:p>/.exec(xml)!;
    expect(cellText(doc, 'Лист1', 'B2')).toBe(`${date[3]}.${date[2]}.${date[1]}`);
    expect(doc.text).not.toMatch(/E\+|\d,\d{5}E/);
  });

  it('spans are joined, text:s gives its spaces, repeated cells with content are written out', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    expect(cellText(doc, 'Лист1', 'C2')).toBe('112-233-445 95');
    expect(cellText(doc, 'Лист1', 'E3')).toMatch(/^\d{4} {2}\d{6}$/);
    expect(['B8', 'C8', 'D8'].map((c) => cellText(doc, 'Лист1', c))).toEqual(['—', '—', '—']);
    expect(cellText(doc, 'Лист1', 'E8')).toBeUndefined();
  });

  it('a mailto: link shows its address; comments are not read', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    expect(segmentsAt(doc, 'Лист1', 'G6').map((s) => textOf(doc, s))).toEqual(['написать', 'z.belova@bk.ru']);
    expect(cellText(doc, 'Реквизиты', 'A6')).toBe('Банк');
    expect(doc.text).not.toContain('проверить');
    expect(doc.text).not.toContain('Петров П.П.');
  });

  it('labels and locations as for XLSX', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    const label = (sheet: string, cell: string) => segmentsAt(doc, sheet, cell)[0]?.label;
    expect(label('Лист1', 'A1')).toBeUndefined();
    expect(label('Лист1', 'C3')).toBe('СНИЛС');
    expect(label('Лист1', 'B7')).toBe('Дата рождения');
    expect(label('Анкета', 'B5')).toBe('СНИЛС');
    expect(label('Анкета', 'B4')).toBe('Дата рождения');
    expect(label('Реквизиты', 'B2')).toBe('ИНН');
    const seg = segmentsAt(doc, 'Анкета', 'B5')[0]!;
    expect(locateOffset(doc, seg.start)).toEqual({ sheet: 'Анкета', cell: 'B5', header: 'СНИЛС' });
  });

  it('properties from meta.xml', () => {
    const doc = extractOds({ bytes: fixture('staff-list.ods'), path: 's.ods' });
    expect(cellText(doc, PROPERTIES_SHEET, 'creator')).toBe('Отдел кадров');
    expect(cellText(doc, PROPERTIES_SHEET, 'lastModifiedBy')).toBe('hr.department@mail.ru');
    expect(cellText(doc, PROPERTIES_SHEET, 'title')).toBe('Сотрудники');
  });

  it('blank template: no digits, no labels', () => {
    const doc = extractOds({ bytes: fixture('template-blank.ods'), path: 'b.ods' });
    assertDocument(doc);
    expect(doc.text).not.toMatch(/\d/);
    expect(cellSegments(doc).filter((s) => s.label !== undefined)).toEqual([]);
  });

  it('encrypted → ExtractionError("encrypted"); zip bomb → refused', () => {
    expect(() => extractOds({ bytes: fixture('encrypted.ods'), path: 'e.ods' })).toThrow(new ExtractionError('encrypted'));
    const bomb = fixture('zip-bomb.ods');
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => extractOds({ bytes: bomb, path: 'z.ods' })).toThrow(/^zip bomb refused/);
  });
});

describe('ods extractor on hand-made content', () => {
  it('positions: repeats, covered cells, header-row wrappers, nested paragraphs', () => {
    const xml = content(
      '<table:table table:name="S">' +
        '<table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>ФИО</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string"><text:p>СНИЛС</text:p></table:table-cell></table:table-row></table:table-header-rows>' +
        '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="5"/></table:table-row>' +
        '<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell office:value-type="string"><text:p>скрыто</text:p></table:covered-table-cell>' +
        '<table:table-cell office:value-type="string"><text:p>a<text:line-break/>b<text:tab/>c</text:p><text:p>d</text:p></table:table-cell></table:table-row>' +
        '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1.5"><text:p>1,5</text:p></table:table-cell></table:table-row>' +
        '<table:table-row><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>ИСТИНА</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="percentage" office:value="0.15"><text:p>15%</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="date" office:date-value="1985-03-15T13:45:00"><text:p>15.03.85 13:45</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="time" office:time-value="PT09H05M00S"><text:p>09:05</text:p></table:table-cell></table:table-row>' +
        '</table:table>',
    );
    const [sheet] = parseContent(xml);
    expect(sheet!.cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [1, 1, 'ФИО'],
      [1, 2, 'СНИЛС'],
      [5, 3, 'скрыто'],
      [5, 4, 'a\nb\tc\nd'],
      [6, 1, '1.5'],
      [7, 1, '1.5'],
      [8, 2, '15%'],
      [8, 3, '15.03.1985 13:45'],
      [8, 4, '09:05'],
    ]);
    const doc = extractOds({ bytes: ods(xml), path: 'h.ods' });
    assertDocument(doc);
    expect(cellSegments(doc).map((s) => s.source.cell)).toEqual(['A1', 'B1', 'C5', 'D5', 'A6', 'A7', 'B8', 'C8', 'D8']);
  });

  it('repeated cells with content beyond the cap are refused, not scanned in part', () => {
    const xml = content(
      '<table:table table:name="S"><table:table-row table:number-rows-repeated="1000">' +
        '<table:table-cell table:number-columns-repeated="5000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>',
    );
    expect(MAX_REPEATED_CELLS).toBeLessThan(1000 * 5000);
    expect(() => parseContent(xml)).toThrow(/^spreadsheet too large/);
    // …and so are few copies of a long text.
    const long = content(
      '<table:table table:name="S"><table:table-row table:number-rows-repeated="2000">' +
        `<table:table-cell office:value-type="string"><text:p>${'СНИЛС '.repeat(10_000)}</text:p></table:table-cell></table:table-row></table:table>`,
    );
    expect(() => parseContent(long)).toThrow(/^spreadsheet too large/);
    // A column repeat past XFD stops at XFD.
    const wide = content(
      '<table:table table:name="S"><table:table-row><table:table-cell table:number-columns-repeated="16380"/>' +
        '<table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>',
    );
    expect(parseContent(wide)[0]!.cells.map((c) => c.col)).toEqual([16381, 16382, 16383, 16384]);
  });

  it('sheets without content are left out; meta keywords are joined', () => {
    const xml = content('<table:table table:name="Пусто"><table:table-row><table:table-cell/></table:table-row></table:table><table:table table:name="Б"><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>');
    const meta = `<?xml version="1.0"?><office:document-meta ${NS}><office:meta><meta:keyword>a</meta:keyword><meta:keyword>b</meta:keyword><dc:creator>Петров</dc:creator></office:meta></office:document-meta>`;
    expect(parseMeta(meta)).toEqual([
      { name: 'lastModifiedBy', value: 'Петров' },
      { name: 'keywords', value: 'a, b' },
    ]);
    const doc = extractOds({ bytes: ods(xml, { 'meta.xml': meta }), path: 'x.ods' });
    expect(doc.text).toBe('x\n\nПетров\na, b');
  });

  it('broken input gives value-free errors', () => {
    expect(() => extractOds({ bytes: new TextEncoder().encode('СНИЛС 112-233-445 95'), path: 'a.ods' })).toThrow(/^corrupt ods: not a zip package$/);
    expect(() => extractOds({ bytes: zipSync({ 'a.txt': strToU8('x') }), path: 'a.ods' })).toThrow(/^corrupt ods: no content.xml$/);
    const err = (() => {
      try {
        extractOds({ bytes: ods('<office:document-content><table:table>112-233-445 95'), path: 'a.ods' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as Error).message).toBe('corrupt ods: malformed XML in content.xml');
    const text = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8(content('')) });
    expect(() => extractOds({ bytes: text, path: 'a.ods' })).toThrow(/^not a spreadsheet/);
  });
});
