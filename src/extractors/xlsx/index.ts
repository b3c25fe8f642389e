/**
 * XLSX/XLSM (and the templates XLTX/XLTM): every sheet's non-empty cells and the document
 * properties, laid out by `buildSheetDocument` (sheet-document.ts: text layout, segments
 * `{kind: 'cell', sheet, cell}`, column-header and form labels).
 *
 * The package is opened with our ZipReader first, with the default limits, and every entry is
 * inflated through it: a zip bomb (too many entries, a part that inflates past the byte budget,
 * overlapping entries) is refused with its ExtractionError before exceljs sees a byte. Then
 * exceljs reads the workbook — unless it cannot: element names with a namespace prefix make it
 * throw and worksheet parts not named `xl/worksheets/sheetN.xml` are skipped by it, so such
 * packages (and any exceljs failure or missing sheet) go to the plain reader (plain.ts), which
 * follows the relationships and gives the same cells. Cell values:
 * - strings, inline strings, rich text (runs joined), hyperlinks' text — plus a `mailto:`/`tel:`
 *   target that the text does not show, as an extra piece of the cell — and notes (comments,
 *   exceljs path only);
 * - numbers as exact digit strings (`formatNumber`): an 11-digit СНИЛС or 12-digit ИНН stored
 *   as a number comes out whole; an integer too large for a double is taken from the value's
 *   text in the sheet XML;
 * - dates (a number with a date format) as `dd.mm.yyyy`; formulas by their cached result;
 *   booleans and errors are left out.
 * Charts, drawings' text boxes, headers/footers and data-validation lists are not read.
 *
 * An OLE compound file with an `EncryptionInfo` stream (a password-protected workbook) is
 * reported as `encrypted`.
 */
import type ExcelJS from 'exceljs';
import { ZipReader } from '../../archive/zip.js';
import type { ScanDocument } from '../../document/types.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { buildSheetDocument, formatNumber, formatUtcDate, parseCellRef, cellRef, type DocProperty, type GridCell, type SheetGrid } from './sheet-document.js';
import { isCompoundFile, isEncryptedOfficePackage, linkTarget } from './office.js';
import { readPropertiesPlain, readRels, readSheetsPlain, readWorkbookInfo, type PackageParts, type WorkbookInfo } from './plain.js';
import { attr, walkXml } from './xml.js';

export const XLSX_EXTENSIONS = ['.xlsx', '.xlsm', '.xltx', '.xltm'] as const;

const WHAT = 'corrupt xlsx';

export async function extractXlsx({ bytes }: ExtractInput): Promise<ScanDocument> {
  if (isCompoundFile(bytes)) {
    if (isEncryptedOfficePackage(bytes)) throw new ExtractionError('encrypted');
    throw new ExtractionError('not an xlsx package: an OLE compound file (an Excel 97-2003 workbook saved as .xlsx?)');
  }
  if (!ZipReader.isZip(bytes)) throw new ExtractionError(`${WHAT}: not a zip package`);

  const parts = readPackage(bytes);
  const workbookPath = [...readRels(parts, '_rels/.rels').values()].find((r) => r.type.endsWith('/officeDocument') && !r.external)?.target ?? 'xl/workbook.xml';
  const info = readWorkbookInfo(parts, workbookPath);

  const workbook = excelJsCanRead(parts, workbookPath, info) ? await loadWithExcelJs(bytes, info) : undefined;
  if (!workbook) return buildSheetDocument('xlsx', readSheetsPlain(parts, info), readPropertiesPlain(parts));
  const sheetPaths = new Map(info.sheets.map((s) => [s.name, s.path]));

  const sheets: SheetGrid[] = [];
  for (const ws of workbook.worksheets) {
    let raw: Map<string, string> | undefined;
    const rawValue = (address: string): string | undefined => {
      if (!raw) {
        const path = sheetPaths.get(ws.name);
        const xml = path !== undefined ? parts.text(path) : undefined;
        raw = xml !== undefined ? rawNumbers(xml, path!) : new Map();
      }
      return raw.get(address);
    };
    const cells: GridCell[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const value = cellValue(cell.value, (n) => (Math.abs(n) > Number.MAX_SAFE_INTEGER ? rawValue(cell.address) : undefined));
        const extras = [...(value?.extras ?? []), ...noteTexts(cell.note)];
        if (!value && extras.length === 0) return;
        cells.push({
          row: rowNumber,
          col: colNumber,
          text: value?.text ?? '',
          isText: value?.isText ?? false,
          ...(extras.length > 0 ? { extras } : {}),
        });
      });
    });
    sheets.push({ name: ws.name, cells });
  }

  return buildSheetDocument('xlsx', sheets, workbookProperties(workbook));
}

/** The worksheet parts exceljs looks for; it skips others without a word. */
const EXCELJS_SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/** exceljs reads only default-namespace SpreadsheetML at the usual part names. */
function excelJsCanRead(parts: PackageParts, workbookPath: string, info: WorkbookInfo): boolean {
  if (workbookPath !== 'xl/workbook.xml' || !info.sheets.every((s) => EXCELJS_SHEET_PART.test(s.path))) return false;
  const root = /<([\w.-]+:)?workbook\b/.exec(parts.text(workbookPath) ?? '');
  return root !== null && root[1] === undefined;
}

/** The workbook as exceljs reads it; undefined when it fails or misses a sheet (the plain reader takes over). */
async function loadWithExcelJs(bytes: Uint8Array, info: WorkbookInfo): Promise<ExcelJS.Workbook | undefined> {
  // Loaded on first use: exceljs costs ~0.2 s to import, in every worker thread, even for scans
  // that hold no spreadsheet.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const names = new Set(workbook.worksheets.map((ws) => ws.name));
  return info.sheets.every((s) => names.has(s.name)) ? workbook : undefined;
}

// ───────────────────────────── the package ─────────────────────────────

/**
 * Inflates every entry through ZipReader (default limits): what exceljs will inflate is known to
 * fit the budget. Keeps the XML and relationship parts (read here and by the plain reader),
 * drops the rest (images, binaries).
 */
function readPackage(bytes: Uint8Array): PackageParts {
  const zip = new ZipReader(bytes);
  const kept = new Map<string, Uint8Array>();
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/')) continue;
    const data = zip.readEntry(entry);
    const name = entry.name.replace(/^\//, '');
    if (/\.(xml|rels)$/i.test(name)) kept.set(name, data);
  }
  const decoder = new TextDecoder('utf-8');
  return {
    text: (name) => {
      const data = kept.get(name);
      return data ? decoder.decode(data) : undefined;
    },
  };
}

/**
 * The text of every numeric cell's `<v>` in a worksheet part, by A1 reference (cells without an
 * `r` attribute follow the previous one, as the format allows).
 */
export function rawNumbers(xml: string, part: string): Map<string, string> {
  const out = new Map<string, string>();
  let row = 0;
  let col = 0;
  let numeric = false;
  let inValue = false;
  let value = '';
  walkXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'row') {
          const r = Number(attr(attrs, 'r'));
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          col = 0;
        } else if (name === 'c') {
          const ref = attr(attrs, 'r');
          const at = ref !== undefined ? parseCellRef(ref) : undefined;
          if (at) {
            row = at.row;
            col = at.col;
          } else col++;
          const t = attr(attrs, 't');
          numeric = t === undefined || t === 'n';
        } else if (name === 'v') {
          inValue = numeric;
          value = '';
        }
      },
      text(t) {
        if (inValue) value += t;
      },
      close(name) {
        if (name === 'v' && inValue) {
          out.set(cellRef(row, col), value);
          inValue = false;
        }
      },
    },
    WHAT,
    part,
  );
  return out;
}

// ───────────────────────────── values ─────────────────────────────

interface CellText {
  text: string;
  isText: boolean;
  extras?: string[];
}

/**
 * A cell value as text (see the module comment); undefined for empty cells, booleans and errors.
 * `rawOf` gives the value's text in the sheet XML for numbers a double cannot hold exactly.
 */
export function cellValue(value: unknown, rawOf: (n: number) => string | undefined = () => undefined): CellText | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.length > 0 ? { text: value, isText: true } : undefined;
  if (typeof value === 'number') {
    const text = formatNumber(value, rawOf(value));
    return text !== undefined ? { text, isText: false } : undefined;
  }
  if (typeof value === 'boolean') return undefined;
  if (value instanceof Date) {
    const text = formatUtcDate(value);
    return text !== undefined ? { text, isText: false } : undefined;
  }
  if (typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    const text = richText(v.richText);
    return text.length > 0 ? { text, isText: true } : undefined;
  }
  if ('hyperlink' in v) {
    const shown = cellValue(v.text, rawOf);
    const target = linkTarget(v.hyperlink);
    const text = shown?.text ?? '';
    if (target !== undefined && !text.toLowerCase().includes(target.toLowerCase())) {
      return { text, isText: true, extras: [target] };
    }
    return text.length > 0 ? { text, isText: shown?.isText ?? true } : undefined;
  }
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellValue(v.result, rawOf);
  if ('error' in v) return undefined;
  if ('text' in v) return cellValue(v.text, rawOf);
  return undefined;
}

function richText(runs: readonly unknown[]): string {
  return runs.map((r) => (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
}

function noteTexts(note: unknown): string[] {
  if (typeof note === 'string') return note.trim().length > 0 ? [note] : [];
  if (!note || typeof note !== 'object') return [];
  const texts = (note as { texts?: unknown }).texts;
  if (!Array.isArray(texts)) return [];
  const text = richText(texts);
  return text.trim().length > 0 ? [text] : [];
}

/** The workbook's text properties, in a fixed order (names as exceljs spells them). */
const PROPERTY_NAMES = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description', 'company', 'manager'] as const;

function workbookProperties(workbook: ExcelJS.Workbook): DocProperty[] {
  const props: DocProperty[] = [];
  for (const name of PROPERTY_NAMES) {
    const value: unknown = workbook[name];
    if (typeof value === 'string' && value.trim().length > 0) props.push({ name, value });
  }
  return props;
}

const xlsxExtractor: Extractor = {
  id: 'xlsx',
  extensions: XLSX_EXTENSIONS,
  extract: extractXlsx,
};

export default xlsxExtractor;
