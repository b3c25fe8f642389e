import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { ScanDocument } from '../../document/types.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { cellText, segmentsAt, sheetFixture, SHEETS_TRUTH, type TruthItem } from '../../testing/sheet-fixtures.js';
import { planEdits } from '../operators/index.js';
import type { Edit, OperatorPolicy } from '../types.js';
import writer from './ods.js';

const KEY = Buffer.alloc(32, 7);
const REPLACE: OperatorPolicy = { default: 'replace', byType: {} };
const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
};

async function anonymise(bytes: Uint8Array, name: string, policy: OperatorPolicy = REPLACE, keepEdit: (e: Edit, doc: ScanDocument) => boolean = () => true) {
  const { doc, all } = await analyzeBytes(bytes, name, { reveal: false });
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), policy, { key: KEY });
  const kept = edits.filter((e) => keepEdit(e, doc));
  const out = await writer.write({ bytes, path: name, doc, edits: kept });
  return { doc, edits: kept, out };
}

const planted = (file: string): TruthItem[] => SHEETS_TRUTH.files[file]!.findings!.filter((f) => f.personalData);

function xmlStrings(xml: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('text', (t) => out.push(t));
  parser.on('opentag', (tag) => out.push(...Object.values(tag.attributes as Record<string, string>)));
  parser.write(xml).close();
  return out;
}

/** Parts still holding a value: as text, or by its 6+ digits in a text node or attribute (`office:value`). */
function findValue(files: Record<string, Uint8Array>, value: string): string[] {
  const hits: string[] = [];
  const digits = value.replace(/\D/g, '');
  const words = value.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith('.xml')) continue;
    const xml = strFromU8(data);
    const strings = xmlStrings(xml);
    // A value split by markup (`6818<text:s text:c="2"/>526238`) is found by its words in order.
    const flat = strings.join(' ').toLowerCase();
    if (xml.toLowerCase().includes(value.toLowerCase()) || new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')).test(flat)) hits.push(name);
    else if (digits.length >= 6 && (xml.includes(digits) || strings.some((s) => s.replace(/\D/g, '').includes(digits)))) hits.push(name);
  }
  return hits;
}

/** An element of a parsed part: a small tree built with saxes, namespace-aware. */
interface XmlElement {
  uri: string;
  local: string;
  attrs: Map<string, string>;
  children: (XmlElement | string)[];
  parent: XmlElement | undefined;
}

/** Parses a part into a tree (saxes throws on XML that is not well-formed). */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { uri: '', local: '#document', attrs: new Map(), children: [], parent: undefined };
  let current = root;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attrs = new Map(Object.values(tag.attributes).map((a) => [`${a.uri}|${a.local}`, a.value] as [string, string]));
    const el: XmlElement = { uri: tag.uri, local: tag.local, attrs, children: [], parent: current };
    current.children.push(el);
    current = el;
  });
  parser.on('closetag', () => {
    current = current.parent!;
  });
  parser.on('text', (t) => current.children.push(t));
  parser.write(xml).close();
  return root;
}

const attr = (el: XmlElement, uri: string, local: string) => el.attrs.get(`${uri}|${local}`);
const elements = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string');
/** Every descendant element with this name, in document order. */
function descendants(el: XmlElement, uri: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.uri === uri && c.local === local) out.push(c);
    out.push(...descendants(c, uri, local));
  }
  return out;
}
const textContent = (el: XmlElement): string => el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');

/** content.xml of a package, parsed. */
const contentDom = (bytes: Uint8Array) => parseXml(strFromU8(unzipSync(bytes)['content.xml']!));

/** The cell elements of a sheet's rows, repeats expanded (rows up to `maxRows`). */
function domGrid(bytes: Uint8Array, sheet: string, maxRows = 20): XmlElement[][] {
  const table = descendants(contentDom(bytes), NS.table, 'table').find((t) => attr(t, NS.table, 'name') === sheet)!;
  const rows: XmlElement[][] = [];
  for (const row of descendants(table, NS.table, 'table-row')) {
    const cells: XmlElement[] = [];
    for (const cell of elements(row)) {
      if (cell.uri !== NS.table) continue;
      const n = Math.min(Number(attr(cell, NS.table, 'number-columns-repeated') ?? 1), 30);
      for (let k = 0; k < n; k++) cells.push(cell);
    }
    const n = Math.min(Number(attr(row, NS.table, 'number-rows-repeated') ?? 1), maxRows);
    for (let k = 0; k < n && rows.length < maxRows; k++) rows.push(cells);
  }
  return rows;
}

const cellAt = (grid: XmlElement[][], ref: string) => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  return grid[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65]!;
};
const paragraphs = (cell: XmlElement) =>
  descendants(cell, NS.text, 'p')
    .filter((p) => p.parent!.local !== 'annotation')
    .map(textContent);

describe('ods writer on staff-list.ods (replace)', () => {
  it('leaves no planted value or typed value, keeps the rest, rescans clean', async () => {
    const bytes = sheetFixture('ods', 'staff-list.ods');
    const before = Buffer.from(bytes);
    const { out } = await anonymise(bytes, 'staff-list.ods');

    expect(Buffer.compare(Buffer.from(bytes), before)).toBe(0);

    // (1) No planted value in any part, office:value attributes included.
    const files = unzipSync(out.bytes);
    for (const item of planted('ods/staff-list.ods')) expect(findValue(files, item.value), `${item.type} at ${item.cell}`).toEqual([]);

    // mimetype stays the first entry, stored (method 0), with no extra field.
    const head = Buffer.from(out.bytes.subarray(0, 38));
    expect(head.readUInt32LE(0)).toBe(0x04034b50);
    expect(head.readUInt16LE(8)).toBe(0);
    expect(head.readUInt16LE(28)).toBe(0);
    expect(head.subarray(30, 38).toString()).toBe('mimetype');
    expect(Object.keys(files)).toEqual(Object.keys(unzipSync(bytes)));

    // (2) @xmldom parses the copy; our extractor re-reads it and finds no personal data.
    const grid = domGrid(out.bytes, 'Лист1');
    const rescan = await analyzeBytes(out.bytes, 'staff-list.ods', { reveal: false });
    const types = new Set(planted('ods/staff-list.ods').map((p) => p.type));
    expect(rescan.all.filter((f) => f.personalData && types.has(f.type))).toEqual([]);

    // (3) The header row, the "Итого" row with its repeated dashes and the requisites sheet as they were.
    const original = await analyzeBytes(bytes, 'staff-list.ods', { reveal: false });
    for (const ref of ['A1', 'B1', 'C1', 'G1', 'A8', 'B8', 'C8', 'D8']) expect(cellText(rescan.doc, 'Лист1', ref), ref).toBe(cellText(original.doc, 'Лист1', ref));
    for (const ref of ['A1', 'B1', 'B2', 'B3', 'B4', 'B5', 'A6']) expect(cellText(rescan.doc, 'Реквизиты', ref), ref).toBe(cellText(original.doc, 'Реквизиты', ref));
    expect(Buffer.compare(Buffer.from(files['META-INF/manifest.xml']!), Buffer.from(unzipSync(bytes)['META-INF/manifest.xml']!))).toBe(0);

    // A date cell becomes a string cell: its style stays, its typed value is gone.
    const date = cellAt(grid, 'B2');
    expect(attr(date, NS.table, 'style-name')).toBe('ce1');
    expect(attr(date, NS.office, 'value-type')).toBe('string');
    expect(attr(date, NS.office, 'date-value')).toBeUndefined();
    expect(paragraphs(date)).toEqual(['[ДАТА РОЖДЕНИЯ]']);
    // A СНИЛС stored as a float: no office:value left.
    const snils = cellAt(grid, 'C3');
    expect(attr(snils, NS.office, 'value-type')).toBe('string');
    expect(attr(snils, NS.office, 'value')).toBeUndefined();
    expect(paragraphs(snils)).toEqual(['[СНИЛС]']);
    // The mailto: target behind "написать" was edited; the text stays.
    const link = descendants(cellAt(grid, 'G6'), NS.text, 'a')[0]!;
    expect(textContent(link)).toBe('написать');
    expect(attr(link, NS.xlink, 'href')).toBe('mailto:%5BEMAIL%5D');

    // (4) Authors: meta.xml's creators and the annotation's author are empty; the title stays.
    const meta = parseXml(strFromU8(files['meta.xml']!));
    expect(textContent(descendants(meta, NS.meta, 'initial-creator')[0]!)).toBe('');
    expect(textContent(descendants(meta, NS.dc, 'creator')[0]!)).toBe('');
    expect(textContent(descendants(meta, NS.dc, 'title')[0]!)).toBe('Сотрудники');
    const annotationAuthors = descendants(contentDom(out.bytes), NS.dc, 'creator');
    expect(annotationAuthors.map(textContent)).toEqual(['']);
    expect(out.notes.join('\n')).toMatch(/creator, lastModifiedBy/);
  });

  it('mask: masked values replace the originals', async () => {
    const bytes = sheetFixture('ods', 'staff-list.ods');
    const { out } = await anonymise(bytes, 'staff-list.ods', { default: 'mask', byType: {} });
    const files = unzipSync(out.bytes);
    for (const item of planted('ods/staff-list.ods')) expect(findValue(files, item.value), `${item.type} at ${item.cell}`).toEqual([]);
    const grid = domGrid(out.bytes, 'Лист1');
    expect(paragraphs(cellAt(grid, 'C2'))).toEqual(['***-***-*** 95']);
    expect(paragraphs(cellAt(grid, 'C3'))).toEqual(['*********95']);
    // The passport's two spaces survive as ODF spaces.
    const rescan = await analyzeBytes(out.bytes, 'staff-list.ods', { reveal: false });
    expect(cellText(rescan.doc, 'Лист1', 'E3')).toBe('****  ****38');
  });

  it('shuffle: the СНИЛС column keeps its values, every row gets another row’s', async () => {
    const bytes = sheetFixture('ods', 'staff-list.ods');
    const { out } = await anonymise(bytes, 'staff-list.ods', { default: 'replace', byType: { RU_SNILS: 'shuffle' } });
    const original = await analyzeBytes(bytes, 'staff-list.ods', { reveal: false });
    const copy = await analyzeBytes(out.bytes, 'staff-list.ods', { reveal: false });
    const column = (doc: ScanDocument) => [2, 3, 4, 5, 6, 7].map((r) => cellText(doc, 'Лист1', `C${r}`)!);
    const before = column(original.doc);
    const after = column(copy.doc);
    expect([...after].sort()).toEqual([...before].sort());
    after.forEach((v, i) => expect(v, `row ${i + 2}`).not.toBe(before[i]));
    // Floats that received a shuffled value are string cells now.
    const grid = domGrid(out.bytes, 'Лист1');
    for (let r = 2; r <= 7; r++) expect(attr(cellAt(grid, `C${r}`), NS.office, 'value'), `C${r}`).toBeUndefined();
  });
});

// ───────────────────────────── repeats, formulas, annotations ─────────────────────────────

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ' +
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"';
const str = (s: string, attrs = '') => `<table:table-cell office:value-type="string"${attrs}><text:p>${s}</text:p></table:table-cell>`;

/** An ODS as LibreOffice writes the constructs the fixture lacks: repeated non-empty cells and rows, a formula, an annotation, a link, a thumbnail. */
function repeatsOds(): Uint8Array {
  const rows = [
    `<table:table-row>${['ФИО', 'СНИЛС', 'СНИЛС', 'СНИЛС', 'Копия ФИО', 'Почта'].map((h) => str(h)).join('')}</table:table-row>`,
    // The same СНИЛС (a float) in three columns: one cell element repeated.
    `<table:table-row>${str('Самсонова Кира Матвеевна')}<table:table-cell office:value-type="float" office:value="11223344595" calcext:value-type="float" table:number-columns-repeated="3"><text:p>1,12233E+10</text:p></table:table-cell>` +
      `<table:table-cell table:formula="of:=[.A2]" office:value-type="string" office:string-value="Самсонова Кира Матвеевна" calcext:value-type="string"><text:p>Самсонова Кира Матвеевна</text:p></table:table-cell>` +
      `<table:table-cell office:value-type="string" table:style-name="ce2"><office:annotation><dc:creator>Петров Пётр Петрович</dc:creator><dc:date>2024-01-15T09:30:00</dc:date><text:p>проверить</text:p></office:annotation><text:p text:style-name="P1"><text:a xlink:href="mailto:k.samsonova@mail.ru" xlink:type="simple">k.samsonova@mail.ru</text:a></text:p></table:table-cell>` +
      `<table:table-cell table:number-columns-repeated="1018"/></table:table-row>`,
    // Two identical rows in one element.
    `<table:table-row table:number-rows-repeated="2">${str('Ершов Устин Алексеевич')}${str('502-772-798 90')}<table:table-cell table:number-columns-repeated="1022"/></table:table-row>`,
    `<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`,
  ];
  const content = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODS_NS} office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Лист1"><table:table-column table:number-columns-repeated="1024"/>${rows.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const manifest =
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
    '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>' +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(content),
    'Thumbnails/thumbnail.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    'META-INF/manifest.xml': strToU8(manifest),
  });
}

/** Keeps only the edits whose cell is in `refs`. */
const onlyCells = (refs: string[]) => (e: Edit, doc: ScanDocument) => refs.some((ref) => segmentsAt(doc, 'Лист1', ref).some((s) => s.start <= e.start && e.start < s.end));

describe('ods writer: repeats, formulas, annotations, links', () => {
  it('splits an edited copy out of a repeated cell run and a repeated row run', async () => {
    const bytes = repeatsOds();
    const { doc } = await analyzeBytes(bytes, 'r.ods', { reveal: false });
    // The planted values are read in every copy.
    expect(['B2', 'C2', 'D2'].map((r) => cellText(doc, 'Лист1', r))).toEqual(['11223344595', '11223344595', '11223344595']);
    expect(['A3', 'A4'].map((r) => cellText(doc, 'Лист1', r))).toEqual(['Ершов Устин Алексеевич', 'Ершов Устин Алексеевич']);

    // Only C2 (the middle copy) and A4/B4 (the second row copy) are edited.
    const { out } = await anonymise(bytes, 'r.ods', REPLACE, onlyCells(['C2', 'A4', 'B4']));
    const copy = await analyzeBytes(out.bytes, 'r.ods', { reveal: false });
    expect(['B2', 'C2', 'D2'].map((r) => cellText(copy.doc, 'Лист1', r))).toEqual(['11223344595', '[СНИЛС]', '11223344595']);
    expect(['A3', 'B3', 'A4', 'B4'].map((r) => cellText(copy.doc, 'Лист1', r))).toEqual(['Ершов Устин Алексеевич', '502-772-798 90', '[ФИО]', '[СНИЛС]']);

    // @xmldom sees the runs split: B and D keep the float, C is a string cell.
    const grid = domGrid(out.bytes, 'Лист1');
    const [b, c, d] = ['B2', 'C2', 'D2'].map((r) => cellAt(grid, r));
    expect(attr(b!, NS.office, 'value')).toBe('11223344595');
    expect(attr(b!, NS.table, 'number-columns-repeated')).toBeUndefined();
    expect(attr(c!, NS.office, 'value-type')).toBe('string');
    expect(attr(c!, NS.office, 'value')).toBeUndefined();
    expect(attr(c!, 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0', 'value-type')).toBe('string');
    expect(d).not.toBe(b);
    const rows = descendants(contentDom(out.bytes), NS.table, 'table-row');
    expect(rows.map((r) => attr(r, NS.table, 'number-rows-repeated') ?? '1')).toEqual(['1', '1', '1', '1', '1048000']);
    expect(out.notes.join('\n')).toMatch(/2 repeated cell or row run\(s\) split/);
  });

  it('keeps a formula over another cell, drops typed and string values, keeps the annotation with its author cleared', async () => {
    const bytes = repeatsOds();
    const { out } = await anonymise(bytes, 'r.ods');
    const files = unzipSync(out.bytes);
    for (const value of ['Самсонова Кира Матвеевна', '11223344595', 'k.samsonova@mail.ru', 'Ершов Устин Алексеевич', '502-772-798 90', 'Петров Пётр Петрович']) {
      expect(findValue(files, value), value).toEqual([]);
    }
    const grid = domGrid(out.bytes, 'Лист1');
    const formula = cellAt(grid, 'E2');
    expect(attr(formula, NS.table, 'formula')).toBe('of:=[.A2]');
    expect(attr(formula, NS.office, 'string-value')).toBeUndefined();
    expect(paragraphs(formula)).toEqual(['[ФИО]']);
    expect(out.notes.join('\n')).toMatch(/1 formula cell\(s\) keep their formula/);

    // F2: the address was the cell's text; the link goes with it, the annotation stays.
    const mail = cellAt(grid, 'F2');
    expect(attr(mail, NS.table, 'style-name')).toBe('ce2');
    expect(paragraphs(mail)).toEqual(['[EMAIL]']);
    expect(attr(descendants(mail, NS.text, 'p')[1]!, NS.text, 'style-name')).toBe('P1');
    expect(descendants(mail, NS.text, 'a').length).toBe(0);
    const annotation = descendants(mail, NS.office, 'annotation')[0]!;
    expect(textContent(descendants(annotation, NS.text, 'p')[0]!)).toBe('проверить');
    expect(textContent(descendants(annotation, NS.dc, 'creator')[0]!)).toBe('');

    // The thumbnail (a picture of the first sheet) is gone, from the manifest too.
    expect(Object.keys(files)).toEqual(['mimetype', 'content.xml', 'META-INF/manifest.xml']);
    expect(strFromU8(files['META-INF/manifest.xml']!)).not.toContain('Thumbnails');
    expect(out.notes.join('\n')).toMatch(/thumbnail picture removed/);
  });

  it('refuses a document that does not match the file, naming no value', async () => {
    const bytes = repeatsOds();
    const { doc, all } = await analyzeBytes(bytes, 'r.ods', { reveal: false });
    const { edits } = planEdits(doc, all.filter((f) => f.personalData), REPLACE, { key: KEY });
    const other = unzipSync(bytes);
    other['content.xml'] = strToU8(strFromU8(other['content.xml']!).replace('502-772-798 90', '502-772-798 91'));
    const error = await writer.write({ bytes: zipSync(other), path: 'r.ods', doc, edits }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/sheet 1, cell B3 does not read as the scan read it/);
    expect(error?.message).not.toMatch(/\d{3}-\d{3}/);
  });
});
