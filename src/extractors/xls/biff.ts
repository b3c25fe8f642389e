/**
 * A bounded reader of the BIFF8 `Workbook` stream of Excel 97-2003 files ([MS-XLS]): sheet names,
 * the shared string table and the cell records that hold text or numbers. Everything else
 * (styles beyond the number format, charts, drawings, macros) is stepped over by its length.
 *
 * Cells read: LABELSST (shared strings), LABEL/RSTRING (inline strings), NUMBER, RK and MULRK
 * (numbers; a number whose XF has a date format is a date), FORMULA (the cached number, or the
 * string of the STRING record after it). Booleans and errors are left out.
 * Every read is checked against the stream's end: a damaged file ends in a value-free
 * ExtractionError, never in reading past a buffer.
 */
import { ExtractionError, UnsupportedFormatError } from '../types.js';
import { BUILTIN_DATE_FORMATS, formatNumber, formatUtcDate, isDateFormat, type GridCell, type SheetGrid } from '../xlsx/sheet-document.js';

export { isDateFormat };

const RT = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  FORMAT: 0x041e,
  XF: 0x00e0,
  DATE1904: 0x0022,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  STRING: 0x0207,
} as const;

const BIFF8 = 0x0600;
const WHAT = 'corrupt xls';

interface Rec {
  type: number;
  /** Offset of the record header in the stream. */
  at: number;
  data: Uint8Array;
}

/** The records of a stream from `start`, stopping at the stream's end. */
function* records(stream: Uint8Array, start: number): Generator<Rec> {
  const dv = view(stream);
  let at = start;
  while (at + 4 <= stream.length) {
    const type = dv.getUint16(at, true);
    const len = dv.getUint16(at + 2, true);
    if (at + 4 + len > stream.length) throw new ExtractionError(`${WHAT}: a record runs past the end of the workbook stream`);
    yield { type, at, data: stream.subarray(at + 4, at + 4 + len) };
    at += 4 + len;
  }
}

/** Records read one at a time, where a record can be looked at and put back (CONTINUE handling). */
class RecordStream {
  private readonly it: Generator<Rec>;
  private pending: Rec | undefined;

  constructor(stream: Uint8Array, start: number) {
    this.it = records(stream, start);
  }

  next(): Rec | undefined {
    if (this.pending) {
      const r = this.pending;
      this.pending = undefined;
      return r;
    }
    const r = this.it.next();
    return r.done ? undefined : r.value;
  }

  /** A record's data and the data of the CONTINUE records after it. */
  withContinues(rec: Rec): Uint8Array[] {
    const parts = [rec.data];
    for (let r = this.next(); r; r = this.next()) {
      if (r.type !== RT.CONTINUE) {
        this.pending = r;
        break;
      }
      parts.push(r.data);
    }
    return parts;
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A cursor over a record and the CONTINUE records after it. Numbers may straddle a record
 * boundary byte by byte; a string's characters continue after a new option byte ([MS-XLS]
 * 2.5.293/2.4.58: the fHighByte of the continued part).
 */
class Reader {
  private part = 0;
  private at = 0;

  constructor(private readonly parts: readonly Uint8Array[]) {}

  private available(): number {
    while (this.part < this.parts.length && this.at >= this.parts[this.part]!.length) {
      this.part++;
      this.at = 0;
    }
    return this.part < this.parts.length ? this.parts[this.part]!.length - this.at : 0;
  }

  get done(): boolean {
    return this.available() === 0;
  }

  u8(): number {
    if (this.available() === 0) throw new ExtractionError(`${WHAT}: a string runs past its record`);
    return this.parts[this.part]![this.at++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    for (let left = n; left > 0; ) {
      const a = this.available();
      if (a === 0) throw new ExtractionError(`${WHAT}: a string runs past its record`);
      const k = Math.min(a, left);
      this.at += k;
      left -= k;
    }
  }

  /** `count` characters, compressed (one byte each) or UTF-16LE as `highByte` says, across CONTINUEs. */
  chars(count: number, highByte: boolean): string {
    let out = '';
    let left = count;
    let wide = highByte;
    while (left > 0) {
      // Crossing into a CONTINUE record inside the characters: a fresh option byte says how they go on.
      if (this.part < this.parts.length && this.at >= this.parts[this.part]!.length) {
        if (this.available() === 0) throw new ExtractionError(`${WHAT}: a string runs past its record`);
        wide = (this.u8() & 0x01) === 1;
      }
      const a = this.available();
      if (a === 0) throw new ExtractionError(`${WHAT}: a string runs past its record`);
      const buf = this.parts[this.part]!;
      const n = Math.min(left, wide ? Math.floor(a / 2) : a);
      if (n === 0) throw new ExtractionError(`${WHAT}: a string runs past its record`);
      const slice = buf.subarray(this.at, this.at + (wide ? n * 2 : n));
      out += wide ? Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('utf16le') : Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('latin1');
      this.at += slice.length;
      left -= n;
    }
    return out;
  }

  /** XLUnicodeRichExtendedString (SST entries, RSTRING): cch u16, flags, [cRun], [cbExtRst], chars, runs, ext. */
  richString(): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(cch, (flags & 0x01) === 1);
    this.skip(runs * 4);
    this.skip(ext);
    return text;
  }
}

/** XLUnicodeString with a 16-bit count (LABEL, FORMAT, STRING): cch u16, flags, chars. */
function unicodeString(parts: readonly Uint8Array[]): string {
  const r = new Reader(parts);
  return r.richString();
}

/** ShortXLUnicodeString (BOUNDSHEET names): cch u8, flags, chars. */
function shortString(data: Uint8Array, at: number): string {
  const r = new Reader([data.subarray(at)]);
  const cch = r.u8();
  const flags = r.u8();
  return r.chars(cch, (flags & 0x01) === 1);
}

export interface Workbook {
  sheets: SheetGrid[];
}

interface SheetInfo {
  name: string;
  offset: number;
  type: number;
}

/** Reads a BIFF8 Workbook stream; throws ExtractionError('encrypted') for a FILEPASS record. */
export function readWorkbook(stream: Uint8Array): Workbook {
  const dv = view(stream);
  if (stream.length < 8 || dv.getUint16(0, true) !== RT.BOF) throw new ExtractionError(`${WHAT}: the workbook stream does not start with BOF`);
  const version = dv.getUint16(4, true);
  if (version !== BIFF8) throw new UnsupportedFormatError('unsupported format: .xls older than Excel 97 (BIFF5 or earlier)');

  const sheets: SheetInfo[] = [];
  const strings: string[] = [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let date1904 = false;

  const recs = new RecordStream(stream, 0);
  const next = () => recs.next();

  next(); // BOF
  for (let rec = next(); rec && rec.type !== RT.EOF; rec = next()) {
    const d = view(rec.data);
    switch (rec.type) {
      case RT.FILEPASS:
        throw new ExtractionError('encrypted');
      case RT.DATE1904:
        date1904 = rec.data.length >= 2 && d.getUint16(0, true) === 1;
        break;
      case RT.BOUNDSHEET:
        if (rec.data.length < 8) throw new ExtractionError(`${WHAT}: a short sheet record`);
        sheets.push({ offset: d.getUint32(0, true), type: rec.data[5]!, name: shortString(rec.data, 6) });
        break;
      case RT.FORMAT:
        if (rec.data.length >= 5) formats.set(d.getUint16(0, true), unicodeString([rec.data.subarray(2)]));
        break;
      case RT.XF:
        xfFormats.push(rec.data.length >= 4 ? d.getUint16(2, true) : 0);
        break;
      case RT.SST: {
        const r = new Reader(recs.withContinues(rec));
        r.skip(4);
        const unique = r.u32();
        for (let i = 0; i < unique && !r.done; i++) strings.push(r.richString());
        break;
      }
      default:
        break;
    }
  }

  const isDateXf = (ixfe: number): boolean => {
    const ifmt = xfFormats[ixfe];
    if (ifmt === undefined) return false;
    if (BUILTIN_DATE_FORMATS.has(ifmt)) return true;
    const fmt = formats.get(ifmt);
    return fmt !== undefined && isDateFormat(fmt);
  };
  const numberText = (value: number, ixfe: number): string | undefined => {
    if (isDateXf(ixfe) && value >= 0 && value < 2958466) {
      return formatUtcDate(new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));
    }
    return formatNumber(value);
  };

  const grids: SheetGrid[] = [];
  for (const sheet of sheets) {
    // Worksheets (0) and macro sheets (1) hold cells; charts and VB modules do not.
    if (sheet.type !== 0 && sheet.type !== 1) continue;
    if (sheet.offset + 8 > stream.length || dv.getUint16(sheet.offset, true) !== RT.BOF) {
      throw new ExtractionError(`${WHAT}: a sheet does not start with BOF`);
    }
    grids.push({ name: sheet.name, cells: readSheet(stream, sheet.offset, strings, numberText) });
  }
  return { sheets: grids };
}

function readSheet(
  stream: Uint8Array,
  offset: number,
  strings: readonly string[],
  numberText: (value: number, ixfe: number) => string | undefined,
): GridCell[] {
  const cells: GridCell[] = [];
  const put = (row: number, col: number, text: string | undefined, isText: boolean) => {
    if (text !== undefined && text.length > 0) cells.push({ row: row + 1, col: col + 1, text, isText });
  };
  const recs = new RecordStream(stream, offset);
  const next = () => recs.next();
  let depth = 0;
  /** The cell of a FORMULA whose string result comes in the next STRING record. */
  let stringFor: { row: number; col: number } | undefined;
  for (let rec = next(); rec; rec = next()) {
    if (rec.type === RT.BOF) {
      depth++;
      continue;
    }
    if (rec.type === RT.EOF) {
      if (--depth <= 0) break;
      continue;
    }
    if (depth !== 1) continue; // an embedded chart's substream
    const d = view(rec.data);
    const n = rec.data.length;
    switch (rec.type) {
      case RT.LABELSST:
        if (n >= 10) put(d.getUint16(0, true), d.getUint16(2, true), strings[d.getUint32(6, true)], true);
        break;
      case RT.LABEL:
      case RT.RSTRING:
        if (n >= 9) put(d.getUint16(0, true), d.getUint16(2, true), unicodeString([rec.data.subarray(6)]), true);
        break;
      case RT.NUMBER:
        if (n >= 14) put(d.getUint16(0, true), d.getUint16(2, true), numberText(d.getFloat64(6, true), d.getUint16(4, true)), false);
        break;
      case RT.RK:
        if (n >= 10) put(d.getUint16(0, true), d.getUint16(2, true), numberText(rkValue(d.getUint32(6, true)), d.getUint16(4, true)), false);
        break;
      case RT.MULRK: {
        if (n < 6) break;
        const row = d.getUint16(0, true);
        const first = d.getUint16(2, true);
        const count = Math.floor((n - 6) / 6);
        for (let k = 0; k < count; k++) {
          const at = 4 + k * 6;
          put(row, first + k, numberText(rkValue(d.getUint32(at + 2, true)), d.getUint16(at, true)), false);
        }
        break;
      }
      case RT.FORMULA: {
        if (n < 14) break;
        const row = d.getUint16(0, true);
        const col = d.getUint16(2, true);
        stringFor = undefined;
        if (d.getUint16(12, true) === 0xffff) {
          // Not a number: byte 6 says string (0, in the next STRING record), boolean, error or empty.
          if (rec.data[6] === 0) stringFor = { row, col };
        } else {
          put(row, col, numberText(d.getFloat64(6, true), d.getUint16(4, true)), false);
        }
        break;
      }
      case RT.STRING: {
        const parts = recs.withContinues(rec);
        if (stringFor) put(stringFor.row, stringFor.col, unicodeString(parts), true);
        stringFor = undefined;
        break;
      }
      default:
        break;
    }
  }
  return cells;
}

/** An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the top 30 bits of a double, maybe ÷ 100. */
export function rkValue(rk: number): number {
  let v: number;
  if (rk & 0x02) v = rk >> 2;
  else {
    const b = new DataView(new ArrayBuffer(8));
    b.setUint32(4, rk & 0xfffffffc, true);
    v = b.getFloat64(0, true);
  }
  return rk & 0x01 ? v / 100 : v;
}
