/**
 * A second XLSX reader, straight from the SpreadsheetML parts with saxes, for the packages exceljs
 * cannot read or silently reads in part: element names with a namespace prefix (`<x:c>`, as the
 * OpenXML SDK writes them) make exceljs throw, and worksheet parts not named
 * `xl/worksheets/sheetN.xml` are skipped by it without a word. The parts are already inflated
 * through ZipReader (index.ts); this reader follows the relationships instead of names.
 *
 * It reads what the exceljs path reads — shared strings (rich runs joined, phonetic runs left
 * out), inline strings, formula string results, numbers (exact digit text from `<v>`), dates (a
 * number whose cell style has a date format, `date1904` honoured; ISO `t="d"` cells), mailto/tel
 * hyperlinks and the core/app properties — except notes (comments).
 */
import { ExtractionError } from '../types.js';
import { BUILTIN_DATE_FORMATS, cellRef, formatIsoDate, isDateFormat, formatNumber, formatUtcDate, parseCellRef, type DocProperty, type GridCell, type SheetGrid } from './sheet-document.js';
import { linkTarget } from './office.js';
import { attr, walkXml } from './xml.js';

const WHAT = 'corrupt xlsx';

export interface PackageParts {
  /** The part's text (UTF-8), or undefined when the package has no such part. */
  text(name: string): string | undefined;
}

export interface WorkbookInfo {
  sheets: { name: string; path: string }[];
  sharedStrings: string | undefined;
  styles: string | undefined;
  date1904: boolean;
}

/** `target` of a relationship of the part `source`, as a package path without a leading slash. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = source.split('/').slice(0, -1);
  // A relationships part (`xl/_rels/workbook.xml.rels`) resolves against its source's folder.
  if (base[base.length - 1] === '_rels') base.pop();
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** Relationship id → {type, target path} of a `.rels` part. */
export function readRels(parts: PackageParts, relsPath: string): Map<string, { type: string; target: string; external: boolean }> {
  const out = new Map<string, { type: string; target: string; external: boolean }>();
  const xml = parts.text(relsPath);
  if (xml === undefined) return out;
  walkXml(
    xml,
    {
      open(name, attrs) {
        if (name !== 'Relationship') return;
        const id = attr(attrs, 'Id');
        const target = attr(attrs, 'Target');
        if (id === undefined || target === undefined) return;
        const external = attr(attrs, 'TargetMode') === 'External';
        out.set(id, { type: attr(attrs, 'Type') ?? '', target: external ? target : resolveTarget(relsPath, target), external });
      },
    },
    WHAT,
    relsPath,
  );
  return out;
}

/** Sheets (name and part, in workbook order) and the shared-strings and styles parts of a workbook. */
export function readWorkbookInfo(parts: PackageParts, workbookPath: string): WorkbookInfo {
  const xml = parts.text(workbookPath);
  if (xml === undefined) throw new ExtractionError(`${WHAT}: no ${workbookPath}`);
  const relsPath = workbookPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const rels = readRels(parts, relsPath);
  const info: WorkbookInfo = { sheets: [], sharedStrings: undefined, styles: undefined, date1904: false };
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) info.sharedStrings = rel.target;
    else if (rel.type.endsWith('/styles')) info.styles = rel.target;
  }
  walkXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'workbookPr') {
          const v = attr(attrs, 'date1904');
          info.date1904 = v === '1' || v === 'true';
        } else if (name === 'sheet') {
          const sheetName = attr(attrs, 'name');
          const rid = Object.entries(attrs).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
          const rel = rid !== undefined ? rels.get(rid) : undefined;
          // Worksheets and macro sheets hold cells; chart and dialog sheets do not.
          if (sheetName !== undefined && rel && !rel.external && /\/(worksheet|xlMacrosheet|macrosheet)$/i.test(rel.type)) {
            info.sheets.push({ name: sheetName, path: rel.target });
          }
        }
      },
    },
    WHAT,
    workbookPath,
  );
  return info;
}

/** Text of the `t` elements under each `si` (phonetic `rPh` runs left out). */
export function readSharedStrings(xml: string, part: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let inT = 0;
  let phonetic = 0;
  walkXml(
    xml,
    {
      open(name, _attrs, selfClosing) {
        if (name === 'si') current = '';
        else if (name === 'rPh' && !selfClosing) phonetic++;
        else if (name === 't' && !selfClosing) inT++;
      },
      text(t) {
        if (current !== undefined && inT > 0 && phonetic === 0) current += t;
      },
      close(name) {
        if (name === 'si') {
          out.push(current ?? '');
          current = undefined;
        } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (name === 't') inT = Math.max(0, inT - 1);
      },
    },
    WHAT,
    part,
  );
  return out;
}

/** For each cell style (`cellXfs` index): whether its number format shows a date. */
export function readDateStyles(xml: string, part: string): boolean[] {
  const formats = new Map<number, string>();
  const styles: boolean[] = [];
  const xfNumFmts: number[] = [];
  let inCellXfs = false;
  walkXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'numFmt') {
          const id = Number(attr(attrs, 'numFmtId'));
          const code = attr(attrs, 'formatCode');
          if (Number.isInteger(id) && code !== undefined) formats.set(id, code);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfNumFmts.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    WHAT,
    part,
  );
  for (const id of xfNumFmts) {
    const code = formats.get(id);
    styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return styles;
}

export interface SheetContext {
  strings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** The non-empty cells of a worksheet part, and its hyperlinks (cell ref, relationship id). */
export function readSheetCells(xml: string, part: string, ctx: SheetContext): { cells: GridCell[]; hyperlinks: [string, string][] } {
  const cells: GridCell[] = [];
  const hyperlinks: [string, string][] = [];
  let row = 0;
  let col = 0;
  let type: string | undefined;
  let style = 0;
  let value: string | undefined;
  let inline: string | undefined;
  let inV = false;
  let inT = 0;
  let phonetic = 0;
  walkXml(
    xml,
    {
      open(name, attrs, selfClosing) {
        if (name === 'row') {
          const r = Number(attr(attrs, 'r'));
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          col = 0;
        } else if (name === 'c') {
          const ref = attr(attrs, 'r');
          const at = ref !== undefined ? parseCellRef(ref) : undefined;
          if (at) [row, col] = [at.row, at.col];
          else col++;
          type = attr(attrs, 't');
          style = Number(attr(attrs, 's') ?? 0);
          value = undefined;
          inline = undefined;
        } else if (name === 'v' && !selfClosing) {
          inV = true;
          value = '';
        } else if (name === 'is') inline = '';
        else if (name === 'hyperlink') {
          const ref = attr(attrs, 'ref')?.split(':')[0];
          const rid = Object.entries(attrs).find(([k]) => /:id$/.test(k))?.[1];
          if (ref && rid) hyperlinks.push([ref.replace(/\$/g, '').toUpperCase(), rid]);
        }
        else if (name === 'rPh' && !selfClosing) phonetic++;
        else if (name === 't' && !selfClosing) inT++;
      },
      text(t) {
        if (inV) value += t;
        else if (inline !== undefined && inT > 0 && phonetic === 0) inline += t;
      },
      close(name) {
        if (name === 'v') inV = false;
        else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (name === 't') inT = Math.max(0, inT - 1);
        else if (name === 'c') {
          const cell = cellText(type, value, inline, style, ctx);
          if (cell) cells.push({ row, col, text: cell.text, isText: cell.isText });
        }
      },
    },
    WHAT,
    part,
  );
  return { cells, hyperlinks };
}

export function cellText(type: string | undefined, value: string | undefined, inline: string | undefined, style: number, ctx: SheetContext): { text: string; isText: boolean } | undefined {
  switch (type) {
    case 's': {
      const s = value !== undefined ? ctx.strings[Number(value)] : undefined;
      return s ? { text: s, isText: true } : undefined;
    }
    case 'inlineStr':
      return inline ? { text: inline, isText: true } : value ? { text: value, isText: true } : undefined;
    case 'str':
      return value ? { text: value, isText: true } : undefined;
    case 'b':
    case 'e':
      return undefined;
    case 'd': {
      const text = value !== undefined ? formatIsoDate(value) : undefined;
      return text ? { text, isText: false } : undefined;
    }
    default: {
      if (value === undefined || value.trim() === '') return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) return undefined;
      if (ctx.dateStyles[style]) {
        const text = formatUtcDate(new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 86_400_000)));
        if (text !== undefined) return { text, isText: false };
      }
      const text = formatNumber(n, value);
      return text !== undefined ? { text, isText: false } : undefined;
    }
  }
}

/** Every sheet of the workbook, read from its parts. */
export function readSheetsPlain(parts: PackageParts, info: WorkbookInfo): SheetGrid[] {
  const sst = info.sharedStrings !== undefined ? parts.text(info.sharedStrings) : undefined;
  const strings = sst !== undefined ? readSharedStrings(sst, info.sharedStrings!) : [];
  const stylesXml = info.styles !== undefined ? parts.text(info.styles) : undefined;
  const dateStyles = stylesXml !== undefined ? readDateStyles(stylesXml, info.styles!) : [];
  return info.sheets.map(({ name, path }) => {
    const xml = parts.text(path);
    if (xml === undefined) return { name, cells: [] };
    const { cells, hyperlinks } = readSheetCells(xml, path, { strings, dateStyles, date1904: info.date1904 });
    if (hyperlinks.length > 0) addLinks(parts, path, cells, hyperlinks);
    return { name, cells };
  });
}

/** A mailto:/tel: hyperlink's address becomes an extra piece of its cell when the text does not show it. */
function addLinks(parts: PackageParts, sheetPath: string, cells: GridCell[], hyperlinks: readonly [string, string][]): void {
  const rels = readRels(parts, sheetPath.replace(/([^/]+)$/, '_rels/$1.rels'));
  const byRef = new Map(cells.map((c) => [cellRef(c.row, c.col), c]));
  for (const [ref, rid] of hyperlinks) {
    const target = linkTarget(rels.get(rid)?.target);
    const at = parseCellRef(ref);
    if (target === undefined || !at) continue;
    const cell = byRef.get(cellRef(at.row, at.col));
    if (cell) {
      if (!cell.text.toLowerCase().includes(target.toLowerCase())) cell.extras = [...(cell.extras ?? []), target];
    } else {
      const added: GridCell = { row: at.row, col: at.col, text: '', isText: true, extras: [target] };
      cells.push(added);
      byRef.set(ref, added);
    }
  }
}

const CORE_FIELDS: ReadonlyMap<string, string> = new Map(
  ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description'].map((n) => [n, n]),
);
const APP_FIELDS: ReadonlyMap<string, string> = new Map([
  ['Company', 'company'],
  ['Manager', 'manager'],
]);
const PROPERTY_ORDER = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description', 'company', 'manager'];

/** Text properties of docProps/core.xml and docProps/app.xml. */
export function readPropertiesPlain(parts: PackageParts): DocProperty[] {
  const values = new Map<string, string>();
  for (const [path, fields] of [
    ['docProps/core.xml', CORE_FIELDS],
    ['docProps/app.xml', APP_FIELDS],
  ] as const) {
    const xml = parts.text(path);
    if (xml === undefined) continue;
    let current: string | undefined;
    let buffer = '';
    walkXml(
      xml,
      {
        open(name) {
          current = fields.get(name);
          buffer = '';
        },
        text(t) {
          if (current !== undefined) buffer += t;
        },
        close(name) {
          if (current !== undefined && fields.get(name) === current && buffer.trim().length > 0) values.set(current, buffer);
          current = undefined;
        },
      },
      WHAT,
      path,
    );
  }
  return PROPERTY_ORDER.filter((n) => values.has(n)).map((name) => ({ name, value: values.get(name)! }));
}
