/**
 * ODS/OTS (OpenDocument spreadsheets): `content.xml` read with ZipReader (default limits) and a
 * streaming saxes parser, laid out by the shared `buildSheetDocument` (xlsx/sheet-document.ts) —
 * same text layout, `{kind: 'cell', sheet, cell: 'C7'}` segments and labels as XLSX.
 *
 * - `table:table` is a sheet (its `table:name`); rows are `table:table-row` (also inside
 *   header-row and row-group wrappers), cells `table:table-cell` and `table:covered-table-cell`
 *   (the hidden part of a merged range: what it still holds is read too). A1 references are
 *   computed from the positions, repeats included.
 * - Repeats (`table:number-rows-repeated`, `table:number-columns-repeated`) of *empty* cells and
 *   rows only move the position: the million empty rows LibreOffice writes at a sheet's end cost
 *   nothing. Repeated cells with content are written out, up to {@link MAX_REPEATED_CELLS} copies
 *   and {@link MAX_REPEATED_CHARS} characters in all, within column XFD / row 1 048 576; past
 *   that the file is refused with an error rather than scanned in part.
 * - Values: floats from `office:value` (exact digits: an 11-digit СНИЛС stays whole, whatever
 *   the display format shows), dates from `office:date-value` as `dd.mm.yyyy`; strings, times,
 *   percentages and currencies as displayed (`text:p` paragraphs joined by a line break,
 *   `text:s` spaces, `text:tab`, `text:line-break`, spans and links); booleans left out;
 *   a `mailto:`/`tel:` link target the text does not show is an extra piece of the cell.
 *   Comments (`office:annotation`) are not read.
 * - Properties from `meta.xml`: initial creator (`creator`), last editor (`lastModifiedBy`),
 *   title, subject, description, keywords.
 * - A package whose manifest declares encryption data (a password-protected file) → `encrypted`.
 */
import { SaxesParser, type SaxesAttributeNS } from 'saxes';
import { ZipReader } from '../../archive/zip.js';
import type { ScanDocument } from '../../document/types.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { isEncryptedOfficePackage, linkTarget } from '../xlsx/office.js';
import { buildSheetDocument, formatIsoDate, formatNumber, type DocProperty, type GridCell, type SheetGrid } from '../xlsx/sheet-document.js';

export const ODS_EXTENSIONS = ['.ods', '.ots'] as const;

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  dc: 'http://purl.org/dc/elements/1.1/',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
} as const;

/** Most extra copies written out for repeated non-empty cells and rows, in all. */
export const MAX_REPEATED_CELLS = 1_000_000;
/** Most characters those extra copies may hold, in all. */
export const MAX_REPEATED_CHARS = 64 * 1024 * 1024;
export const MAX_COLUMN = 16_384;
export const MAX_ROW = 1_048_576;
/** Most spaces one `text:s` stands for. */
const MAX_SPACES = 1024;

const WHAT = 'corrupt ods';
const SPREADSHEET_TYPES = ['application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet-template'];

export function extractOds({ bytes }: ExtractInput): ScanDocument {
  if (isEncryptedOfficePackage(bytes)) throw new ExtractionError('encrypted');
  if (!ZipReader.isZip(bytes)) throw new ExtractionError(`${WHAT}: not a zip package`);
  const zip = new ZipReader(bytes);
  const manifest = zip.readText('META-INF/manifest.xml');
  if (manifest !== undefined && declaresEncryption(manifest)) throw new ExtractionError('encrypted');
  const mimetype = zip.readText('mimetype')?.trim();
  if (mimetype !== undefined && mimetype.startsWith('application/vnd.oasis.opendocument.') && !SPREADSHEET_TYPES.includes(mimetype)) {
    throw new ExtractionError('not a spreadsheet: the package is another OpenDocument type');
  }
  const content = zip.readText('content.xml');
  if (content === undefined) throw new ExtractionError(`${WHAT}: no content.xml`);
  const sheets = parseContent(content);
  const meta = zip.readText('meta.xml');
  return buildSheetDocument('ods', sheets, meta !== undefined ? parseMeta(meta) : []);
}

function declaresEncryption(manifest: string): boolean {
  let found = false;
  walk(manifest, 'META-INF/manifest.xml', {
    open(uri, local) {
      if (uri === NS.manifest && local === 'encryption-data') found = true;
    },
  });
  return found;
}

// ───────────────────────────── XML walking ─────────────────────────────

type Attrs = Readonly<Record<string, SaxesAttributeNS>>;

interface NsHandler {
  open?(uri: string, local: string, attrs: Attrs): void;
  close?(uri: string, local: string): void;
  text?(text: string): void;
}

function walk(xml: string, part: string, handler: NsHandler): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    if (!failed) handler.open?.(tag.uri, tag.local, tag.attributes);
  });
  parser.on('closetag', (tag) => {
    if (!failed) handler.close?.(tag.uri, tag.local);
  });
  parser.on('text', (t) => {
    if (!failed) handler.text?.(t);
  });
  parser.on('cdata', (t) => {
    if (!failed) handler.text?.(t);
  });
  const step = 1 << 20;
  for (let i = 0; i < xml.length && !failed; i += step) parser.write(xml.slice(i, i + step));
  if (!failed) parser.close();
  if (failed) throw new ExtractionError(`${WHAT}: malformed XML in ${part}`);
}

function attrNs(attrs: Attrs, uri: string, local: string): string | undefined {
  for (const key in attrs) {
    const a = attrs[key]!;
    if (a.uri === uri && a.local === local) return a.value;
  }
  return undefined;
}

function repeatCount(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

// ───────────────────────────── content.xml ─────────────────────────────

export interface CellState {
  repeat: number;
  type: string | undefined;
  value: string | undefined;
  dateValue: string | undefined;
  stringValue: string | undefined;
  text: string;
  paragraphs: number;
  /** Depth of text:p / text:h elements we are inside. */
  inParagraph: number;
  /** Depth of skipped elements (annotations) we are inside. */
  skip: number;
  links: string[];
}

interface RowState {
  repeat: number;
  col: number;
  cells: { col: number; cell: Omit<GridCell, 'row' | 'col'> }[];
}

/** Sheets of an ODS `content.xml`. */
export function parseContent(xml: string): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  let sheet: SheetGrid | undefined;
  let tableDepth = 0;
  let rowIndex = 0;
  let row: RowState | undefined;
  let cell: CellState | undefined;
  let cellDepth = 0;
  let written = 0;
  let writtenChars = 0;

  const tooLarge = () =>
    new ExtractionError(`spreadsheet too large: repeated cells expand past ${MAX_REPEATED_CELLS} cells or ${MAX_REPEATED_CHARS} characters`);
  /** Counts one extra copy of a cell; throws past the caps. */
  const copy = (cell: Omit<GridCell, 'row' | 'col'>) => {
    writtenChars += cell.text.length + (cell.extras ?? []).reduce((a, e) => a + e.length, 0);
    if (++written > MAX_REPEATED_CELLS || writtenChars > MAX_REPEATED_CHARS) throw tooLarge();
  };

  walk(xml, 'content.xml', {
    open(uri, local, attrs) {
      if (cell) {
        cellDepth++;
        if (cell.skip > 0 || (uri === NS.office && local === 'annotation')) {
          cell.skip++;
          return;
        }
        if (uri !== NS.text) return;
        if (local === 'p' || local === 'h') {
          if (cell.inParagraph === 0 && cell.paragraphs++ > 0) cell.text += '\n';
          cell.inParagraph++;
        } else if (local === 's') {
          if (cell.inParagraph > 0) cell.text += ' '.repeat(Math.min(repeatCount(attrNs(attrs, NS.text, 'c')), MAX_SPACES));
        } else if (local === 'tab') {
          if (cell.inParagraph > 0) cell.text += '\t';
        } else if (local === 'line-break') {
          if (cell.inParagraph > 0) cell.text += '\n';
        } else if (local === 'a') {
          const target = linkTarget(attrNs(attrs, NS.xlink, 'href'));
          if (target !== undefined) cell.links.push(target);
        }
        return;
      }
      if (uri !== NS.table) return;
      if (local === 'table') {
        if (tableDepth++ === 0) {
          sheet = { name: attrNs(attrs, NS.table, 'name') ?? `Sheet${sheets.length + 1}`, cells: [] };
          sheets.push(sheet);
          rowIndex = 0;
        }
      } else if (local === 'table-row' && sheet && tableDepth === 1) {
        row = { repeat: repeatCount(attrNs(attrs, NS.table, 'number-rows-repeated')), col: 0, cells: [] };
      } else if ((local === 'table-cell' || local === 'covered-table-cell') && row) {
        cell = {
          repeat: repeatCount(attrNs(attrs, NS.table, 'number-columns-repeated')),
          type: attrNs(attrs, NS.office, 'value-type') ?? attrNs(attrs, NS.table, 'value-type'),
          value: attrNs(attrs, NS.office, 'value') ?? attrNs(attrs, NS.table, 'value'),
          dateValue: attrNs(attrs, NS.office, 'date-value') ?? attrNs(attrs, NS.table, 'date-value'),
          stringValue: attrNs(attrs, NS.office, 'string-value'),
          text: '',
          paragraphs: 0,
          inParagraph: 0,
          skip: 0,
          links: [],
        };
        cellDepth = 0;
      }
    },
    text(t) {
      if (cell && cell.skip === 0 && cell.inParagraph > 0) cell.text += t;
    },
    close(uri, local) {
      if (cell && cellDepth > 0) {
        cellDepth--;
        if (cell.skip > 0) cell.skip--;
        else if (uri === NS.text && (local === 'p' || local === 'h')) cell.inParagraph--;
        return;
      }
      if (uri !== NS.table) return;
      if (cell && (local === 'table-cell' || local === 'covered-table-cell')) {
        const value = odsCellValue(cell);
        if (value && row) {
          for (let k = 0; k < cell.repeat && row.col + k < MAX_COLUMN; k++) {
            if (k > 0) copy(value);
            row.cells.push({ col: row.col + k + 1, cell: value });
          }
        }
        if (row) row.col += cell.repeat;
        cell = undefined;
      } else if (local === 'table-row' && row && tableDepth === 1) {
        if (row.cells.length > 0 && sheet) {
          for (let r = 0; r < row.repeat && rowIndex + r < MAX_ROW; r++) {
            if (r > 0) for (const c of row.cells) copy(c.cell);
            for (const c of row.cells) sheet.cells.push({ row: rowIndex + r + 1, col: c.col, ...c.cell });
          }
        }
        rowIndex += row.repeat;
        row = undefined;
      } else if (local === 'table') {
        if (--tableDepth === 0) sheet = undefined;
      }
    },
  });
  return sheets;
}

/** A finished cell's text (see the module comment); undefined when it shows nothing. */
export function odsCellValue(cell: CellState): Omit<GridCell, 'row' | 'col'> | undefined {
  const shown = cell.text.length > 0 ? cell.text : (cell.stringValue ?? '');
  let text: string | undefined;
  let isText = false;
  switch (cell.type) {
    case 'float':
      text = cell.value !== undefined ? formatNumber(Number(cell.value), cell.value) : undefined;
      text ??= shown;
      break;
    case 'percentage':
    case 'currency':
      text = shown.length > 0 ? shown : cell.value !== undefined ? formatNumber(Number(cell.value), cell.value) : undefined;
      break;
    case 'date':
      text = (cell.dateValue !== undefined ? formatIsoDate(cell.dateValue) : undefined) ?? shown;
      break;
    case 'boolean':
      text = undefined;
      break;
    case 'time':
      text = shown;
      break;
    default:
      text = shown;
      isText = true;
  }
  const extras = cell.links.filter((l) => !(text ?? '').toLowerCase().includes(l.toLowerCase()));
  if ((text === undefined || text.length === 0) && extras.length === 0) return undefined;
  return { text: text ?? '', isText, ...(extras.length > 0 ? { extras } : {}) };
}

// ───────────────────────────── meta.xml ─────────────────────────────

const META_FIELDS: { uri: string; local: string; name: string }[] = [
  { uri: NS.meta, local: 'initial-creator', name: 'creator' },
  { uri: NS.dc, local: 'creator', name: 'lastModifiedBy' },
  { uri: NS.dc, local: 'title', name: 'title' },
  { uri: NS.dc, local: 'subject', name: 'subject' },
  { uri: NS.meta, local: 'keyword', name: 'keywords' },
  { uri: NS.dc, local: 'description', name: 'description' },
];

/** Text properties of `meta.xml`, in the order of {@link META_FIELDS}; keywords joined by ", ". */
export function parseMeta(xml: string): DocProperty[] {
  const values = new Map<string, string[]>();
  let current: string | undefined;
  let buffer = '';
  let inMeta = 0;
  walk(xml, 'meta.xml', {
    open(uri, local) {
      if (uri === NS.office && local === 'meta') inMeta++;
      if (inMeta === 0 || current !== undefined) return;
      const field = META_FIELDS.find((f) => f.uri === uri && f.local === local);
      if (field) {
        current = field.name;
        buffer = '';
      }
    },
    text(t) {
      if (current !== undefined) buffer += t;
    },
    close(uri, local) {
      if (uri === NS.office && local === 'meta') inMeta--;
      const field = META_FIELDS.find((f) => f.uri === uri && f.local === local);
      if (field && current === field.name) {
        const list = values.get(current) ?? [];
        if (buffer.trim().length > 0) list.push(buffer.trim());
        values.set(current, list);
        current = undefined;
      }
    },
  });
  const props: DocProperty[] = [];
  for (const name of new Set(META_FIELDS.map((f) => f.name))) {
    const list = values.get(name);
    if (list && list.length > 0) props.push({ name, value: list.join(', ') });
  }
  return props;
}

const odsExtractor: Extractor = {
  id: 'ods',
  extensions: ODS_EXTENSIONS,
  extract: extractOds,
};

export default odsExtractor;
