import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { ScanDocument } from '../../document/types.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { segmentsAt, sheetFixture, SHEETS_TRUTH, type TruthItem } from '../../testing/sheet-fixtures.js';
import { planEdits } from '../operators/index.js';
import type { Edit, OperatorPolicy } from '../types.js';
import writer from './xlsx.js';

const KEY = Buffer.alloc(32, 7);
const REPLACE: OperatorPolicy = { default: 'replace', byType: {} };

async function anonymise(bytes: Uint8Array, name: string, policy: OperatorPolicy = REPLACE, keepEdit: (e: Edit, doc: ScanDocument) => boolean = () => true) {
  const { doc, all } = await analyzeBytes(bytes, name, { reveal: false });
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), policy, { key: KEY });
  const kept = edits.filter((e) => keepEdit(e, doc));
  const out = await writer.write({ bytes, path: name, doc, edits: kept });
  return { doc, edits: kept, out };
}

const planted = (file: string): TruthItem[] => SHEETS_TRUTH.files[file]!.findings!.filter((f) => f.personalData);

/** Every text node and attribute value of an XML part, read with saxes. */
function xmlStrings(xml: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('text', (t) => out.push(t));
  parser.on('cdata', (t) => out.push(t));
  parser.on('opentag', (tag) => out.push(...Object.values(tag.attributes as Record<string, string>)));
  parser.write(xml).close();
  return out;
}

/**
 * Where a value is still found in the package: in any XML part's text (case-insensitively), or
 * by its digits (6 or more) in any text node or attribute value with its separators removed.
 */
function findValue(files: Record<string, Uint8Array>, value: string): string[] {
  const hits: string[] = [];
  const digits = value.replace(/\D/g, '');
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels|vml)$/.test(name)) continue;
    const xml = strFromU8(data);
    const strings = xmlStrings(xml);
    if (strings.some((s) => s.toLowerCase().includes(value.toLowerCase())) || xml.toLowerCase().includes(value.toLowerCase())) hits.push(name);
    else if (digits.length >= 6 && (xml.includes(digits) || strings.some((s) => s.replace(/\D/g, '').includes(digits)))) hits.push(name);
  }
  return hits;
}

async function openWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const cellXml = (sheetXml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`).exec(sheetXml)?.[0] ?? '';

describe.each(['staff-list.xlsx', 'staff-titled.xlsx'])('xlsx writer on %s (replace)', (name) => {
  const file = `xlsx/${name}`;

  it('leaves no planted value, keeps the rest, opens in exceljs and rescans clean', async () => {
    const bytes = sheetFixture('xlsx', name);
    const before = Buffer.from(bytes);
    const { out, doc, edits } = await anonymise(bytes, name);

    // (5) The original is not touched.
    expect(Buffer.compare(Buffer.from(bytes), before)).toBe(0);

    // (1) No planted value, nor its digits, in any XML part.
    const files = unzipSync(out.bytes);
    for (const item of planted(file)) expect(findValue(files, item.value), `${item.type} at ${item.cell}`).toEqual([]);

    // (2) exceljs opens the copy; our extractor re-reads it and finds no personal data.
    const copy = await openWithExcelJs(out.bytes);
    const original = await openWithExcelJs(bytes);
    expect(copy.worksheets.map((w) => w.name)).toEqual(original.worksheets.map((w) => w.name));
    const rescan = await analyzeBytes(out.bytes, name, { reveal: false });
    const types = new Set(planted(file).map((p) => p.type));
    expect(rescan.all.filter((f) => f.personalData && types.has(f.type))).toEqual([]);

    // (3) Every cell without an edit (header rows, labels, the requisites sheet) as it was;
    // styles and theme byte for byte.
    const editedCells = new Set(
      doc.segments.filter((s) => edits.some((e) => e.start < s.end && e.end > s.start)).map((s) => (s.source.kind === 'cell' ? `${s.source.sheet}!${s.source.cell}` : '')),
    );
    let unedited = 0;
    for (const ws of original.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (editedCells.has(`${ws.name}!${cell.address}`)) return;
          unedited++;
          expect(copy.getWorksheet(ws.name)!.getCell(cell.address).value, `${ws.name}!${cell.address}`).toEqual(cell.value);
        }),
      );
    }
    expect(unedited).toBeGreaterThanOrEqual(8);
    const originalFiles = unzipSync(bytes);
    const changed = ['docProps/core.xml', 'xl/sharedStrings.xml'];
    for (const [entry, data] of Object.entries(originalFiles)) {
      expect(Object.keys(files)).toContain(entry);
      if (entry.startsWith('xl/worksheets/') || changed.includes(entry)) continue;
      expect(Buffer.compare(Buffer.from(files[entry]!), Buffer.from(data)), entry).toBe(0);
    }
    expect(Object.keys(files)).toEqual(Object.keys(originalFiles));

    // An edited date cell keeps its style index (and with it the column's date format).
    const sheetName = name === 'staff-list.xlsx' ? 'Лист1' : 'Сотрудники';
    const dateCell = name === 'staff-list.xlsx' ? 'B2' : 'B4';
    const sheetPart = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const originalCell = cellXml(strFromU8(originalFiles['xl/worksheets/sheet1.xml']!), dateCell);
    expect(originalCell).toMatch(/ s="\d+"/);
    expect(cellXml(sheetPart, dateCell)).toContain(/ s="\d+"/.exec(originalCell)![0]);
    expect(cellXml(sheetPart, dateCell)).toContain('t="inlineStr"');
    const date = copy.getWorksheet(sheetName)!.getCell(dateCell);
    expect(date.value).toBe('[ДАТА РОЖДЕНИЯ]');
    expect(date.numFmt).toBe(original.getWorksheet(sheetName)!.getCell(dateCell).numFmt);

    // (4) Author properties are empty.
    expect(copy.creator ?? '').toBe('');
    expect(copy.lastModifiedBy ?? '').toBe('');
    expect(out.notes.join('\n')).toMatch(/creator, lastModifiedBy/);
  });
});

describe('xlsx writer on staff-list.xlsx: cell kinds', () => {
  it('writes numbers as text cells, follows hyperlinks, drops a formula whose constants spell the value', async () => {
    const bytes = sheetFixture('xlsx', 'staff-list.xlsx');
    const { out } = await anonymise(bytes, 'staff-list.xlsx');
    const files = unzipSync(out.bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const copy = await openWithExcelJs(out.bytes);
    const ws = copy.getWorksheet('Лист1')!;

    // A СНИЛС stored as the number 11223344595 is now a text cell.
    expect(cellXml(sheet, 'C3')).toBe('<c r="C3" t="inlineStr"><is><t xml:space="preserve">[СНИЛС]</t></is></c>');
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.String);

    // The rich-text name's first run (bold) carries the substitute; the plain run is gone.
    expect(cellXml(sheet, 'A5')).toMatch(/<is><r><rPr><b\/><\/rPr><t xml:space="preserve">\[ФИО\]<\/t><\/r><\/is>/);

    // F4 was ="+7 (916) "&"555-12-34": its constants are the phone, so only the text stays.
    expect(cellXml(strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!), 'F4')).toContain('<f>');
    expect(cellXml(sheet, 'F4')).not.toContain('<f>');
    expect(ws.getCell('F4').value).toBe('[ТЕЛЕФОН]');
    expect(out.notes.join('\n')).toMatch(/1 formula\(s\) that held the value/);

    // mailto: targets: G6 shows its address (the link follows the text), G7 shows "написать".
    const rels = strFromU8(files['xl/worksheets/_rels/sheet1.xml.rels']!);
    expect(rels).not.toMatch(/belova|gusev/);
    expect(ws.getCell('G7').value).toEqual({ text: 'написать', hyperlink: 'mailto:%5BEMAIL%5D' });
    expect(ws.getCell('G6').value).toEqual({ text: '[EMAIL]', hyperlink: 'mailto:%5BEMAIL%5D' });

    // The shared strings of the edited cells are emptied; the header's are kept.
    const sst = strFromU8(files['xl/sharedStrings.xml']!);
    expect(sst).toContain('<si><t>ФИО</t></si>');
    expect(sst).not.toContain('Самсонова');
    expect(ws.getCell('A1').value).toBe('ФИО');
  });

  it('mask: the masked values replace the originals', async () => {
    const bytes = sheetFixture('xlsx', 'staff-list.xlsx');
    const { out } = await anonymise(bytes, 'staff-list.xlsx', { default: 'mask', byType: {} });
    const files = unzipSync(out.bytes);
    for (const item of planted('xlsx/staff-list.xlsx')) expect(findValue(files, item.value), `${item.type} at ${item.cell}`).toEqual([]);
    const ws = (await openWithExcelJs(out.bytes)).getWorksheet('Лист1')!;
    expect(ws.getCell('C2').value).toBe('***-***-*** 95');
    expect(ws.getCell('C3').value).toBe('*********95');
  });

  it('shuffle: the СНИЛС column keeps its values, every row gets another row’s', async () => {
    const bytes = sheetFixture('xlsx', 'staff-list.xlsx');
    const { out } = await anonymise(bytes, 'staff-list.xlsx', { default: 'replace', byType: { RU_SNILS: 'shuffle' } });
    const original = (await openWithExcelJs(bytes)).getWorksheet('Лист1')!;
    const copy = (await openWithExcelJs(out.bytes)).getWorksheet('Лист1')!;
    const column = (ws: ExcelJS.Worksheet) => [2, 3, 4, 5, 6, 7].map((r) => String(ws.getCell(`C${r}`).value));
    const before = column(original);
    const after = column(copy);
    expect([...after].sort()).toEqual([...before].sort());
    after.forEach((v, i) => expect(v, `row ${i + 2}`).not.toBe(before[i]));
    // Every cell of the column is now text (shuffled values are written as strings).
    for (let r = 2; r <= 7; r++) expect(copy.getCell(`C${r}`).type).toBe(ExcelJS.ValueType.String);
  });
});

/** A workbook made by exceljs with what the fixtures lack: notes, a tel: link, a formula over a cell, a shared string used twice. */
async function notesWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Иванова Анна';
  wb.lastModifiedBy = 'Иванова Анна';
  wb.manager = 'Иванова Анна';
  wb.company = 'ООО «Ромашка»';
  wb.title = 'Анкета: Самсонова Кира Матвеевна';
  const ws = wb.addWorksheet('Люди');
  ws.addRow(['ФИО', 'СНИЛС', 'Телефон', 'Копия СНИЛС', 'Ответственный']);
  ws.getCell('A2').value = 'Самсонова Кира Матвеевна';
  ws.getCell('B2').value = '112-233-445 95';
  ws.getCell('B2').note = { texts: [{ font: { bold: true }, text: 'Кадры: ' }, { text: 'СНИЛС 502-772-798 90 заменён' }] };
  ws.getCell('B2').numFmt = '@';
  ws.getCell('C2').value = { text: 'позвонить', hyperlink: 'tel:+79161234567' };
  ws.getCell('D2').value = { formula: 'B2', result: '112-233-445 95' };
  ws.getCell('A3').value = 'Ершов Устин Алексеевич';
  ws.getCell('E3').value = 'Ершов Устин Алексеевич';
  // Some writers also put the note's text in its legacy (VML) shape; exceljs leaves it empty.
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const vml = Object.keys(files).find((n) => n.endsWith('.vml'))!;
  files[vml] = strToU8(strFromU8(files[vml]!).replace('<div style="text-align:left"/>', '<div style="text-align:left"><font face="Tahoma">Кадры: СНИЛС 502-772-798 90 заменён</font></div>'));
  return zipSync(files);
}

describe('xlsx writer on an exceljs workbook with notes, links and formulas', () => {
  it('edits notes, clears their authors, rewrites a tel: target, keeps a formula, leaves a shared string others use', async () => {
    const bytes = await notesWorkbook();
    // E3 holds the same shared string as A3; an edit set that spares E3 must leave it readable.
    const { out, doc } = await anonymise(bytes, 'notes.xlsx', REPLACE, (e, d) => !segmentsAt(d, 'Люди', 'E3').some((s) => s.start <= e.start && e.start < s.end));
    expect(segmentsAt(doc, 'Люди', 'B2')).toHaveLength(2);
    const files = unzipSync(out.bytes);
    for (const value of ['Самсонова Кира Матвеевна', '112-233-445 95', '502-772-798 90', '+79161234567', 'Иванова Анна']) {
      expect(findValue(files, value), value).toEqual([]);
    }

    const copy = await openWithExcelJs(out.bytes);
    const ws = copy.getWorksheet('Люди')!;
    // The note keeps its runs' formatting; its text is edited.
    const note = ws.getCell('B2').note as ExcelJS.Comment;
    expect(note.texts!.map((t) => t.text).join('')).toBe('Кадры: СНИЛС [СНИЛС] заменён');
    expect(note.texts![0]!.font?.bold).toBe(true);
    const comments = Object.keys(files).find((n) => /^xl\/comments\d*\.xml$/.test(n))!;
    expect(strFromU8(files[comments]!)).toMatch(/<author><\/author>/);
    expect(out.notes.join('\n')).toMatch(/1 note\(s\) edited/);
    // The legacy shape's copy of the note text is emptied; the shape itself stays.
    const vml = strFromU8(files[Object.keys(files).find((n) => n.endsWith('.vml'))!]!);
    expect(vml).toContain('<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"><font face="Tahoma"></font></div></v:textbox>');
    expect(out.notes.join('\n')).toMatch(/legacy drawing text of 1 edited note/);
    expect(out.notes.join('\n')).toMatch(/comment author\(s\) cleared/);

    // Properties: authors and manager cleared, the title edited, the company kept.
    expect([copy.creator, copy.lastModifiedBy, copy.manager].map((v) => v ?? '')).toEqual(['', '', '']);
    expect(copy.title).toBe('Анкета: [ФИО]');
    expect(copy.company).toBe('ООО «Ромашка»');
    expect(out.notes.join('\n')).toMatch(/document properties cleared or edited: creator, lastModifiedBy, title, manager/);

    // The formula is kept; its cached result is the edited text.
    expect(ws.getCell('D2').value).toEqual({ formula: 'B2', result: '[СНИЛС]' });
    expect(ws.getCell('B2').value).toBe('[СНИЛС]');
    expect(ws.getCell('B2').numFmt).toBe('@');
    // The tel: target was an extra piece of C2: its text stays, its target is edited.
    expect(ws.getCell('C2').value).toEqual({ text: 'позвонить', hyperlink: 'tel:%5B%D0%A2%D0%95%D0%9B%D0%95%D0%A4%D0%9E%D0%9D%5D' });
    // A3 is written inline; E3 still reads the shared string it shares with the original A3.
    expect(ws.getCell('A3').value).toBe('[ФИО]');
    expect(ws.getCell('E3').value).toBe('Ершов Устин Алексеевич');
    expect(strFromU8(files['xl/sharedStrings.xml']!)).toContain('Ершов Устин Алексеевич');

    // Our extractor re-reads the copy: the note's substitute is there, no personal data left but E3.
    const rescan = await analyzeBytes(out.bytes, 'notes.xlsx', { reveal: false });
    expect(rescan.doc.text).toContain('Кадры: СНИЛС [СНИЛС] заменён');
    expect(rescan.all.filter((f) => f.personalData && f.type !== 'PERSON')).toEqual([]);
  });
});

describe('xlsx writer refuses copies it cannot map', () => {
  it('a note with a threaded comment (whose copy of the text the writer does not edit) stops the copy', async () => {
    const files = unzipSync(await notesWorkbook());
    const rels = 'xl/worksheets/_rels/sheet1.xml.rels';
    files[rels] = strToU8(
      strFromU8(files[rels]!).replace(
        '</Relationships>',
        '<Relationship Id="rIdT" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>',
      ),
    );
    files['xl/threadedComments/threadedComment1.xml'] = strToU8('<?xml version="1.0"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"/>');
    await expect(anonymise(zipSync(files), 'threaded.xlsx')).rejects.toThrow(/sheet 1 has threaded comments/);
  });

  it.each([
    ['xl/pivotCache/pivotCacheRecords1.xml', '<pivotCacheRecords><r><n v="75237219906"/></r></pivotCacheRecords>'],
    ['xl/charts/chart1.xml', '<c:chartSpace xmlns:c="c"><c:strCache><c:pt idx="0"><c:v>Гусев Олег Иванович</c:v></c:pt></c:strCache></c:chartSpace>'],
  ])('a value cached in a part the scan does not read (%s) stops the copy, naming no value', async (part, xml) => {
    const files = unzipSync(sheetFixture('xlsx', 'staff-list.xlsx'));
    files[part] = strToU8(`<?xml version="1.0"?>${xml}`);
    const error = await anonymise(zipSync(files), 'cached.xlsx').then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`still present in ${part}`);
    expect(error?.message).not.toMatch(/\d{6}|Гусев/);
  });

  it('a document that does not match the file stops the copy', async () => {
    const name = 'staff-list.xlsx';
    const bytes = sheetFixture('xlsx', name);
    const { doc, all } = await analyzeBytes(bytes, name, { reveal: false });
    const { edits } = planEdits(doc, all.filter((f) => f.personalData), REPLACE, { key: KEY });
    // The same workbook with one shared string changed: C2 no longer reads as scanned.
    const files = unzipSync(bytes);
    files['xl/sharedStrings.xml'] = strToU8(strFromU8(files['xl/sharedStrings.xml']!).replace('112-233-445 95', '112-233-445 96'));
    await expect(writer.write({ bytes: zipSync(files), path: name, doc, edits })).rejects.toThrow(/sheet 1, cell C2 does not read as the scan read it/);
  });
});
