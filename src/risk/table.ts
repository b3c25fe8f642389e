/**
 * A table for re-identification risk analysis, built from what the extractors already read: CSV
 * cells (`{kind: 'csv', row, col}`) or spreadsheet cells (`{kind: 'cell', sheet, cell}`). The
 * header row is not guessed again here: the extractors label every cell below a header with the
 * header's text (`segment.label`), so the header row is the row whose texts the labels repeat.
 *
 * Columns are named by their header text, or — without a header — by their letter (sheets) or
 * 1-based number (CSV). `--quasi` and `--sensitive` take a name, a 1-based number or a letter.
 */
import type { ScanDocument, Segment } from '../document/types.js';
import { columnName, parseCellRef, PROPERTIES_SHEET } from '../extractors/xlsx/sheet-document.js';

export interface Table {
  /** Display names: header text, or the column's letter (sheets) / number (CSV) without a header. */
  columns: string[];
  /** The source column number (1-based, A = 1) of each column. */
  sourceColumns: number[];
  /** Data rows (the header row and rows above it left out), each as long as `columns`; a missing cell is ''. */
  rows: string[][];
  /** The source row number (1-based) of each data row. */
  sourceRows: number[];
  /** True when the columns are named by a header row of the source. */
  hasHeader: boolean;
  /** The sheet the table was read from (spreadsheets only). */
  sheet?: string;
}

/** A table could not be built or a column not found: the message names no cell value. */
export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableError';
  }
}

/** Formats whose documents hold a table this module reads. */
export const TABLE_FORMATS: ReadonlySet<string> = new Set(['csv', 'xlsx', 'ods', 'xls']);

interface SourceCell {
  row: number;
  col: number;
  text: string;
  label: string | undefined;
}

export interface TableOfDocument {
  table: Table;
  /** Where a segment's cell lies in the table ({row, col} indices), or undefined when it is not a data cell. */
  locate(segment: Segment): { row: number; col: number } | undefined;
}

/** Names of the sheets that have content, in workbook order (spreadsheets only). */
export function sheetNames(doc: ScanDocument): string[] {
  const names: string[] = [];
  for (const s of doc.segments) {
    if (s.source.kind !== 'cell' || s.source.sheet === PROPERTIES_SHEET || s.entry !== undefined) continue;
    if (names[names.length - 1] !== s.source.sheet && !names.includes(s.source.sheet)) names.push(s.source.sheet);
  }
  return names;
}

/** The table of a CSV document, or of one sheet (the first with content unless `sheet` names one). */
export function tableFromDocument(doc: ScanDocument, options: { sheet?: string } = {}): TableOfDocument {
  if (!TABLE_FORMATS.has(doc.meta.format)) {
    throw new TableError(`not a table: a ${doc.meta.format} file (risk reads CSV, TSV, XLSX, ODS and XLS)`);
  }
  if (doc.meta.format === 'csv') {
    if (options.sheet !== undefined) throw new TableError('--sheet: a CSV file has no sheets');
    return build(csvCells(doc), 'number');
  }
  const names = sheetNames(doc);
  const sheet = options.sheet ?? names[0];
  if (sheet === undefined) throw new TableError('the workbook has no cells');
  if (!names.includes(sheet)) throw new TableError(`--sheet: no sheet "${sheet}" with content; sheets: ${names.map((n) => `"${n}"`).join(', ')}`);
  const { table, locate } = build(sheetCells(doc, sheet), 'letter');
  table.sheet = sheet;
  return {
    table,
    locate: (segment) => (segment.source.kind === 'cell' && segment.source.sheet === sheet && segment.entry === undefined ? locate(segment) : undefined),
  };
}

function csvCells(doc: ScanDocument): SourceCell[] {
  const cells: SourceCell[] = [];
  for (const s of doc.segments) {
    if (s.source.kind !== 'csv' || s.entry !== undefined) continue;
    cells.push({ row: s.source.row, col: s.source.col, text: doc.text.slice(s.start, s.end), label: s.label });
  }
  return cells;
}

function sheetCells(doc: ScanDocument, sheet: string): SourceCell[] {
  const cells: SourceCell[] = [];
  const seen = new Set<string>();
  for (const s of doc.segments) {
    if (s.source.kind !== 'cell' || s.source.sheet !== sheet || s.entry !== undefined) continue;
    // A cell's later segments are extras (a note, a mailto: target): its value is the first one.
    if (seen.has(s.source.cell)) continue;
    seen.add(s.source.cell);
    const ref = parseCellRef(s.source.cell);
    if (ref) cells.push({ ...ref, text: doc.text.slice(s.start, s.end), label: s.label });
  }
  return cells;
}

function sourcePosition(segment: Segment): { row: number; col: number } | undefined {
  if (segment.source.kind === 'csv') return { row: segment.source.row, col: segment.source.col };
  if (segment.source.kind === 'cell') return parseCellRef(segment.source.cell);
  return undefined;
}

/** How many of the first non-empty rows may be the header (a title row or three may sit above it). */
const HEADER_CANDIDATES = 4;

function build(cells: readonly SourceCell[], naming: 'letter' | 'number'): TableOfDocument {
  const byRow = new Map<number, Map<number, SourceCell>>();
  for (const c of cells) {
    let row = byRow.get(c.row);
    if (!row) byRow.set(c.row, (row = new Map()));
    if (!row.has(c.col)) row.set(c.col, c);
  }
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  if (rowNumbers.length === 0) throw new TableError('the table has no cells');

  const headerRow = findHeaderRow(byRow, rowNumbers);
  const dataRowNumbers = headerRow === undefined ? rowNumbers : rowNumbers.filter((r) => r > headerRow);
  const tableRowNumbers = headerRow === undefined ? dataRowNumbers : [headerRow, ...dataRowNumbers];

  let minCol = Infinity;
  let maxCol = -Infinity;
  for (const r of tableRowNumbers) {
    for (const col of byRow.get(r)!.keys()) {
      minCol = Math.min(minCol, col);
      maxCol = Math.max(maxCol, col);
    }
  }
  const sourceColumns: number[] = [];
  for (let col = minCol; col <= maxCol; col++) sourceColumns.push(col);

  const refOf = (col: number) => (naming === 'letter' ? columnName(col) : String(col));
  const header = headerRow === undefined ? undefined : byRow.get(headerRow)!;
  const columns = uniqueNames(sourceColumns.map((col) => header?.get(col)?.text.trim() || refOf(col)), sourceColumns.map(refOf));

  const rows = dataRowNumbers.map((r) => {
    const row = byRow.get(r)!;
    return sourceColumns.map((col) => row.get(col)?.text ?? '');
  });

  const rowIndex = new Map(dataRowNumbers.map((r, i) => [r, i]));
  return {
    table: { columns, sourceColumns, rows, sourceRows: dataRowNumbers, hasHeader: headerRow !== undefined },
    locate(segment) {
      const at = sourcePosition(segment);
      if (!at) return undefined;
      const row = rowIndex.get(at.row);
      const col = at.col - minCol;
      return row === undefined || col < 0 || col >= sourceColumns.length ? undefined : { row, col };
    },
  };
}

/**
 * The header row: among the first rows, the one whose texts the labels of the cells below repeat
 * most often (the extractors label cells below a header with its text). Undefined when no label
 * repeats a row above it: the table has no header.
 */
function findHeaderRow(byRow: ReadonlyMap<number, ReadonlyMap<number, SourceCell>>, rowNumbers: readonly number[]): number | undefined {
  let best: number | undefined;
  let bestVotes = 0;
  for (const candidate of rowNumbers.slice(0, HEADER_CANDIDATES)) {
    const header = byRow.get(candidate)!;
    let votes = 0;
    for (const r of rowNumbers) {
      if (r <= candidate) continue;
      for (const cell of byRow.get(r)!.values()) {
        if (cell.label !== undefined && cell.label === header.get(cell.col)?.text.trim()) votes++;
      }
    }
    if (votes > bestVotes) [best, bestVotes] = [candidate, votes];
  }
  return best;
}

/** Header names made unique: a repeated name gets its column reference ("Телефон (F)"). */
function uniqueNames(names: readonly string[], refs: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.toLowerCase(), (counts.get(n.toLowerCase()) ?? 0) + 1);
  return names.map((n, i) => (counts.get(n.toLowerCase())! > 1 && n !== refs[i] ? `${n} (${refs[i]})` : n));
}

const foldName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Column number of an A1-style letter: A → 1, AA → 27. */
function letterNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The index of the column `token` names: its header name (case and spacing ignored) first, then a
 * 1-based column number, then a letter. Throws a TableError naming the option and the columns.
 */
export function resolveColumn(table: Table, token: string, option: string): number {
  const wanted = foldName(token);
  const byName = table.columns.findIndex((c) => foldName(c) === wanted);
  if (byName >= 0) return byName;
  let col: number | undefined;
  if (/^\d+$/.test(wanted)) col = Number(wanted);
  else if (/^[a-z]{1,3}$/.test(wanted)) col = letterNumber(wanted);
  const byPosition = col === undefined ? -1 : table.sourceColumns.indexOf(col);
  if (byPosition >= 0) return byPosition;
  throw new TableError(`${option}: no column "${token.trim()}"; columns: ${describeColumns(table)}`);
}

/** Comma-separated column tokens → distinct column indices, in the order given. */
export function resolveColumns(table: Table, list: string, option: string): number[] {
  const tokens = list.split(',').map((t) => t.trim()).filter(Boolean);
  if (tokens.length === 0) throw new TableError(`${option}: no column given`);
  const out: number[] = [];
  for (const t of tokens) {
    const i = resolveColumn(table, t, option);
    if (out.includes(i)) throw new TableError(`${option}: column "${table.columns[i]}" given twice`);
    out.push(i);
  }
  return out;
}

/** "1 ФИО, 2 Пол…" with each column's reference, for messages. */
export function describeColumns(table: Table): string {
  const letter = table.sheet !== undefined;
  return table.columns
    .map((name, i) => {
      const ref = letter ? columnName(table.sourceColumns[i]!) : String(table.sourceColumns[i]);
      return name === ref ? `"${name}"` : `${ref} "${name}"`;
    })
    .join(', ');
}
