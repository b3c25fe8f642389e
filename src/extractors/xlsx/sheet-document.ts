/**
 * The document model of a spreadsheet (XLSX, ODS, XLS): shared by every spreadsheet extractor so
 * that all of them lay out text, segments and labels the same way.
 *
 * Layout of `doc.text`, mirroring the CSV extractor:
 * - per sheet, one line per row, cells joined by a tab in column order. Columns stay aligned: a
 *   missing cell gives an empty field (at most {@link MAX_GAP_TABS} tabs for a gap, so a lone cell
 *   far to the right cannot blow the text up). Rows start at the sheet's leftmost used column.
 *   Empty rows between rows with content collapse into one empty line;
 * - sheets separated by an empty line (`\n\n`), sheets without content left out;
 * - document properties (author, last modified by…) last, after an empty line, one per line.
 *
 * Segments: one per non-empty cell, `{kind: 'cell', sheet, cell: 'C7'}`. A cell can have extra
 * pieces (a `mailto:` target that its text does not show, a note): each becomes its own segment
 * with the same source, after a space, inside the cell's field. Properties are segments with
 * `sheet: '(properties)'` and `cell` = the property's name (`creator`, `lastModifiedBy`…).
 *
 * Labels (`segment.label`, read by detectors as context and shown as the location's header):
 * 1. the **column header**, when the sheet has a header row: the first non-empty row, or — when
 *    that row is a one-cell title — one of the next three non-empty rows with at least two
 *    cells, judged by the CSV extractor's `hasHeaderRow` heuristic. A sheet whose rows are
 *    mostly "field label | value" pairs is a form and has no header row. Only cells below the
 *    header row are labelled;
 * 2. otherwise a **field label to the left**: the cell immediately left of the value (same row,
 *    previous column) holds a short text (≤ 60 characters, a letter, no digit) that names a
 *    field ("СНИЛС", "Дата рождения", "Паспорт") or ends with a colon: the form layout
 *    `A5 "СНИЛС" | B5 "112-233-445 95"`. Any other text to the left (a person's name) is never
 *    used: labels are printed in reports unmasked. A cell that is itself a field label gets none
 *    (a lone header row, "ФИО | Дата рождения", is not a row of values).
 * The header row's own cells get no label.
 */
import type { ScanDocument, Segment } from '../../document/types.js';
import { hasHeaderRow, type CsvRecord } from '../csv/parse.js';
import { ExtractionError } from '../types.js';

export interface GridCell {
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /** The cell's text as a person reads it (numbers as digits, dates as dd.mm.yyyy). */
  text: string;
  /** True for text cells (strings, rich text); false for numbers, dates, formulas' numbers. */
  isText: boolean;
  /** More content of the cell that its text does not show: a mailto: target, a note. */
  extras?: string[];
}

export interface SheetGrid {
  name: string;
  cells: GridCell[];
}

export interface DocProperty {
  /** `creator`, `lastModifiedBy`, `title`… */
  name: string;
  value: string;
}

/** The pseudo-sheet name of document properties' segments. */
export const PROPERTIES_SHEET = '(properties)';

/** Most tabs written for a run of empty columns between two cells of a row. */
export const MAX_GAP_TABS = 32;

/**
 * Most characters of text one spreadsheet may give (a JavaScript string holds about 2^29): a few
 * long shared strings referenced from millions of cells are refused with a clear error.
 */
export const MAX_TEXT_CHARS = 256 * 1024 * 1024;

/** A1-style column name: 1 → A, 26 → Z, 27 → AA. */
export function columnName(col: number): string {
  let name = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function cellRef(row: number, col: number): string {
  return `${columnName(col)}${row}`;
}

/** "C7" → {row: 7, col: 3}; undefined when it is not an A1 reference. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return row >= 1 ? { row, col } : undefined;
}

// ───────────────────────────── values ─────────────────────────────

/**
 * A number as a person reads it, never with an exponent or a trailing ".0":
 * - `raw` (the value's text in the file) is used as it stands when it is a plain decimal integer,
 *   so a 16–20 digit number written exactly by a program keeps every digit;
 * - an integer is printed exactly (11223344595, 770123456703);
 * - a fraction is rounded to 15 significant digits, as Excel displays it, which removes binary
 *   floating-point noise (0.30000000000000004 → 0.3, 11223344594.999998 → 11223344595).
 */
export function formatNumber(value: number, raw?: string): string | undefined {
  if (raw !== undefined) {
    const m = /^\s*([+-]?)(\d+)(?:\.0*)?\s*$/.exec(raw);
    if (m) {
      const digits = m[2]!.replace(/^0+(?=\d)/, '');
      return (m[1] === '-' && digits !== '0' ? '-' : '') + digits;
    }
  }
  if (!Number.isFinite(value)) return undefined;
  let n = value;
  if (!Number.isInteger(n)) n = Number(n.toPrecision(15));
  if (Object.is(n, -0)) n = 0;
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return expandExponent(String(n));
}

/** "1.5e-7" → "0.00000015", "1.2e+21" → "1200000000000000000000"; plain decimals unchanged. */
export function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const point = m[2]!.length + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '');
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Calendar parts as a person reads them: `dd.mm.yyyy`, plus ` HH:MM` (`:SS` when not zero) when
 * there is a time of day; a time alone (a date on Excel's day zero, 30/31.12.1899) as `HH:MM`.
 */
export function formatDateParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  const time = h || mi || s ? `${pad2(h)}:${pad2(mi)}${s ? `:${pad2(s)}` : ''}` : '';
  if (y < 1900 && time) return time;
  const date = `${pad2(d)}.${pad2(mo)}.${String(y).padStart(4, '0')}`;
  return time ? `${date} ${time}` : date;
}

/** A spreadsheet date (exceljs gives them in UTC) as {@link formatDateParts} writes it. */
export function formatUtcDate(date: Date): string | undefined {
  const t = date.getTime();
  if (!Number.isFinite(t)) return undefined;
  // Round to the second: serial numbers carry floating-point noise in their fraction.
  const r = new Date(Math.round(t / 1000) * 1000);
  return formatDateParts(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate(), r.getUTCHours(), r.getUTCMinutes(), r.getUTCSeconds());
}

/** An ISO date or date-time ("1985-03-15", "1985-03-15T10:20:00.5") as {@link formatDateParts} writes it. */
export function formatIsoDate(iso: string): string | undefined {
  const m = /^\s*(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?/.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return formatDateParts(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** Built-in number formats that show dates or times ([MS-XLS] 2.5.165, plus the East Asian ones). */
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * A custom number format that shows a date or time: what is left outside quotes, brackets and
 * escapes holds y/m/d/h/s (format codes are stored in their English form whatever the locale).
 */
export function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(bare.replace(/General/gi, ''));
}

// ───────────────────────────── labels ─────────────────────────────

/**
 * Words that name a personal-data field (whole words or word stems from a word start; short
 * abbreviations need a word end too, so "Инна" is not "ИНН").
 */
const FIELD_WORDS = new RegExp(
  '(?<![\\p{L}])(?:' +
    [
      'фио(?![\\p{L}])',
      'ф\\.\\s?и\\.\\s?о',
      'фамили[яи]',
      'имя(?![\\p{L}])',
      'отчество',
      'снилс(?![\\p{L}])',
      'инн(?![\\p{L}])',
      'огрн(?:ип)?(?![\\p{L}])',
      'кпп(?![\\p{L}])',
      'бик(?![\\p{L}])',
      'омс(?![\\p{L}])',
      'паспорт',
      'сери[яи](?![\\p{L}])',
      'номер[а]?(?![\\p{L}])',
      '№',
      'телефон',
      'тел\\.',
      'тел(?![\\p{L}])',
      'моб\\.',
      'мобильный',
      'e-?mail',
      'эл\\.\\s?почта',
      'электронн\\p{L}*\\s+почт',
      'почт[аы](?![\\p{L}])',
      'адрес(?![\\p{L}])',
      'адрес[ау](?![\\p{L}])',
      'дата(?![\\p{L}])',
      'даты(?![\\p{L}])',
      'рождени',
      'г\\.\\s?р\\.',
      'сч[её]т',
      '[рлк]/сч?(?![\\p{L}])',
      'карт[аы](?![\\p{L}])',
      'полис',
      'должность',
      'выдан',
      'кем выдан',
      'подразделени',
      'гражданство',
      'документ',
      'удостоверени',
      'свидетельств',
      'место',
      'name(?![\\p{L}])',
      'phone',
      'address',
      'birth',
      'passport',
    ].join('|') +
    ')',
  'iu',
);

/** A text that can serve as the label of the cell to its right (see the module comment). */
export function isFieldLabel(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 60) return false;
  if (!/\p{L}/u.test(t) || /\d/.test(t)) return false;
  return t.endsWith(':') || FIELD_WORDS.test(t);
}

/** Most rows looked at when judging a header row. */
const HEADER_SAMPLE_ROWS = 50;
/** Most columns looked at when judging a header row. */
const HEADER_SAMPLE_COLS = 256;

interface Row {
  row: number;
  cells: GridCell[];
}

/**
 * The header row of a sheet (an index into `rows`), or undefined. See the module comment.
 */
export function headerRowIndex(rows: readonly Row[], minCol: number): number | undefined {
  if (rows.length < 2) return undefined;
  const candidates: number[] = [0];
  if (rows[0]!.cells.length === 1) {
    for (let i = 1; i < Math.min(rows.length - 1, 4); i++) if (rows[i]!.cells.length >= 2) candidates.push(i);
  }
  for (const i of candidates) {
    const sample = rows.slice(i, i + 1 + HEADER_SAMPLE_ROWS);
    const records: CsvRecord[] = sample.map((r) => {
      const record: CsvRecord = [];
      for (const c of r.cells) {
        const k = c.col - minCol;
        if (k >= HEADER_SAMPLE_COLS) break;
        while (record.length < k) record.push({ start: 0, end: 0, value: '' });
        record.push({ start: 0, end: 0, value: c.text });
      }
      return record;
    });
    if (!hasHeaderRow(records)) continue;
    if (looksLikeForm(sample.slice(1))) return undefined;
    return i;
  }
  return undefined;
}

/** Rows that are mostly "field label | value" pairs (two or more such rows, at least half). */
function looksLikeForm(rows: readonly Row[]): boolean {
  if (rows.length === 0) return false;
  let pairs = 0;
  for (const r of rows) {
    const [first, second] = r.cells;
    if (first && second && first.isText && second.col === first.col + 1 && isFieldLabel(first.text)) pairs++;
  }
  return pairs >= 2 && pairs * 2 >= rows.length;
}

// ───────────────────────────── the document ─────────────────────────────

class TextBuilder {
  private readonly parts: string[] = [];
  readonly segments: Segment[] = [];
  offset = 0;

  push(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.offset += s.length;
    if (this.offset > MAX_TEXT_CHARS) throw new ExtractionError(`spreadsheet too large: its text passes ${MAX_TEXT_CHARS} characters`);
  }

  segment(text: string, sheet: string, cell: string, label: string | undefined): void {
    if (text.length === 0) return;
    this.segments.push({
      start: this.offset,
      end: this.offset + text.length,
      source: { kind: 'cell', sheet, cell },
      ...(label !== undefined && label.length > 0 ? { label } : {}),
    });
    this.push(text);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Lays the sheets and properties out as described in the module comment. */
export function buildSheetDocument(format: string, sheets: readonly SheetGrid[], properties: readonly DocProperty[] = []): ScanDocument {
  const out = new TextBuilder();
  let blocks = 0;
  const startBlock = () => {
    if (blocks++ > 0) out.push('\n\n');
  };

  for (const sheet of sheets) {
    const rows = groupRows(sheet.cells);
    if (rows.length === 0) continue;
    startBlock();
    let minCol = Infinity;
    for (const r of rows) minCol = Math.min(minCol, r.cells[0]!.col);
    const h = headerRowIndex(rows, minCol);
    const headers = new Map<number, string>();
    if (h !== undefined) for (const c of rows[h]!.cells) headers.set(c.col, c.text.trim());

    rows.forEach((r, i) => {
      if (i > 0) out.push(r.row - rows[i - 1]!.row > 1 ? '\n\n' : '\n');
      let col = minCol;
      let left: GridCell | undefined;
      for (const c of r.cells) {
        out.push('\t'.repeat(Math.min(c.col - col, MAX_GAP_TABS)));
        col = c.col;
        const header = h !== undefined && i > h ? headers.get(c.col) : undefined;
        const fieldLeft =
          left && left.isText && left.col === c.col - 1 && isFieldLabel(left.text) && !(c.isText && isFieldLabel(c.text)) ? left.text.trim() : undefined;
        const label = i === h ? undefined : header || fieldLeft;
        const ref = cellRef(c.row, c.col);
        out.segment(c.text, sheet.name, ref, label);
        for (const extra of c.extras ?? []) {
          if (extra.length === 0) continue;
          out.push(' ');
          out.segment(extra, sheet.name, ref, label);
        }
        left = c;
      }
    });
  }

  const props = properties.filter((p) => p.value.trim().length > 0);
  if (props.length > 0) {
    startBlock();
    props.forEach((p, i) => {
      if (i > 0) out.push('\n');
      out.segment(p.value, PROPERTIES_SHEET, p.name, undefined);
    });
  }

  return { text: out.text(), segments: out.segments, meta: { format } };
}

/** Non-empty cells grouped by row, rows and cells sorted; duplicates of a cell keep the first. */
function groupRows(cells: readonly GridCell[]): Row[] {
  const sorted = cells
    .filter((c) => c.text.length > 0 || (c.extras ?? []).some((e) => e.length > 0))
    .slice()
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const rows: Row[] = [];
  for (const c of sorted) {
    const last = rows[rows.length - 1];
    if (last && last.row === c.row) {
      if (last.cells[last.cells.length - 1]!.col !== c.col) last.cells.push(c);
    } else {
      rows.push({ row: c.row, cells: [c] });
    }
  }
  return rows;
}
