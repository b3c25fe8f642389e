/**
 * XLS/XLT (Excel 97-2003, BIFF8): the compound file is opened with the DOC extractor's bounded
 * CFB reader, the `Workbook` stream read by biff.ts, and the cells laid out by the shared
 * `buildSheetDocument` — the same text, `{kind: 'cell', sheet, cell}` segments and labels as
 * XLSX/ODS, so locations are exact (`Лист1!C7`). Document properties (author, last saved by,
 * title, subject, keywords, comments; company and manager) come from the SummaryInformation
 * and DocumentSummaryInformation property sets.
 *
 * - A FILEPASS record (a workbook with an open/modify password, RC4 or XOR), or a
 *   password-protected OOXML package named .xls → `encrypted`.
 * - Excel 5.0/95 and older (BIFF5-) → skipped as unsupported.
 * - What is named .xls but is not a compound file, as exporting programs often write: a zip
 *   package is read as XLSX, markup (HTML or SpreadsheetML XML) as HTML, other text as CSV/TSV.
 * Numbers are doubles in BIFF (no digit text to fall back on): an integer up to 2^53 is exact,
 * which covers every 11-digit СНИЛС and 12-digit ИНН.
 */
import iconv from 'iconv-lite';
import { CfbError, CfbReader, isCfb } from '../doc/cfb.js';
import type { ScanDocument } from '../../document/types.js';
import { looksBinary } from '../../text/decode.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { buildSheetDocument, type DocProperty } from '../xlsx/sheet-document.js';
import { readWorkbook } from './biff.js';

export const XLS_EXTENSIONS = ['.xls', '.xlt'] as const;

const WHAT = 'corrupt xls';

export async function extractXls(input: ExtractInput): Promise<ScanDocument> {
  const { bytes } = input;
  if (!isCfb(bytes)) return readOtherThanBiff(input);
  let cfb: CfbReader;
  try {
    cfb = new CfbReader(bytes);
  } catch (e) {
    throw new ExtractionError(`${WHAT}: ${e instanceof CfbError ? e.message : 'unreadable compound file'}`);
  }
  if (cfb.has('EncryptionInfo') || cfb.has('EncryptedPackage')) throw new ExtractionError('encrypted');
  let stream: Uint8Array | undefined;
  try {
    stream = cfb.stream('Workbook') ?? cfb.stream('Book');
  } catch (e) {
    throw new ExtractionError(`${WHAT}: ${e instanceof CfbError ? e.message : 'unreadable workbook stream'}`);
  }
  if (!stream) throw new ExtractionError(`${WHAT}: no Workbook stream (not an Excel file?)`);
  const { sheets } = readWorkbook(stream);
  return buildSheetDocument('xls', sheets, readProperties(cfb));
}

/** A file named .xls that is not a compound file: XLSX, HTML/XML or delimited text, as its content says. */
async function readOtherThanBiff(input: ExtractInput): Promise<ScanDocument> {
  const { bytes } = input;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const { extractXlsx } = await import('../xlsx/index.js');
    return extractXlsx(input);
  }
  if (bytes.length > 0 && !looksBinary(bytes)) {
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
    if (head.startsWith('<')) {
      const { default: html } = await import('../html/index.js');
      return html.extract({ ...input, path: input.path.replace(/\.\w+$/, '.html') });
    }
    const { extractCsv } = await import('../csv/index.js');
    return extractCsv({ ...input, path: input.path.replace(/\.\w+$/, '.csv') });
  }
  throw new ExtractionError(`${WHAT}: not an Excel 97-2003 workbook`);
}

// ───────────────────────────── property sets ─────────────────────────────

/** SummaryInformation property ids → property names (as the XLSX extractor spells them). */
const SUMMARY: ReadonlyMap<number, string> = new Map([
  [4, 'creator'],
  [8, 'lastModifiedBy'],
  [2, 'title'],
  [3, 'subject'],
  [5, 'keywords'],
  [6, 'description'],
]);
/** DocumentSummaryInformation: company, manager. */
const DOC_SUMMARY: ReadonlyMap<number, string> = new Map([
  [15, 'company'],
  [14, 'manager'],
]);
const ORDER = ['creator', 'lastModifiedBy', 'title', 'subject', 'keywords', 'category', 'description', 'company', 'manager'];

function readProperties(cfb: CfbReader): DocProperty[] {
  const values = new Map<string, string>();
  for (const [stream, ids] of [
    ['\u0005SummaryInformation', SUMMARY],
    ['\u0005DocumentSummaryInformation', DOC_SUMMARY],
  ] as const) {
    try {
      const data = cfb.stream(stream);
      if (data) for (const [id, value] of propertySet(data)) if (ids.has(id)) values.set(ids.get(id)!, value);
    } catch {
      // Properties are extras: a damaged property set does not stop the cells from being read.
    }
  }
  return ORDER.filter((n) => values.has(n)).map((name) => ({ name, value: values.get(name)! }));
}

/**
 * The string properties of the first property set of a property-set stream ([MS-OLEPS]):
 * VT_LPSTR in the set's code page (property 1), VT_LPWSTR as UTF-16LE.
 */
export function propertySet(data: Uint8Array): Map<number, string> {
  const out = new Map<number, string>();
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 48 || dv.getUint16(0, true) !== 0xfffe) return out;
  const setAt = dv.getUint32(44, true);
  if (setAt + 8 > data.length) return out;
  const count = Math.min(dv.getUint32(setAt + 4, true), Math.floor((data.length - setAt - 8) / 8));
  const props: [number, number][] = [];
  for (let i = 0; i < count; i++) props.push([dv.getUint32(setAt + 8 + i * 8, true), setAt + dv.getUint32(setAt + 12 + i * 8, true)]);
  let codepage = 1252;
  for (const [id, at] of props) {
    if (id === 1 && at + 6 <= data.length && dv.getUint16(at, true) === 2) codepage = dv.getUint16(at + 4, true);
  }
  for (const [id, at] of props) {
    if (at + 8 > data.length) continue;
    const type = dv.getUint16(at, true);
    const n = dv.getUint32(at + 4, true);
    let text: string | undefined;
    if (type === 0x1e) {
      const raw = data.subarray(at + 8, Math.min(data.length, at + 8 + n));
      text = decodeCodepage(raw, codepage);
    } else if (type === 0x1f) {
      const raw = data.subarray(at + 8, Math.min(data.length, at + 8 + n * 2));
      text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf16le');
    }
    text = text?.replace(/\0[\s\S]*$/, '').trim();
    if (text) out.set(id, text);
  }
  return out;
}

function decodeCodepage(raw: Uint8Array, codepage: number): string {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (codepage === 65001) return buf.toString('utf8');
  if (codepage === 1200) return buf.toString('utf16le');
  const name = `cp${codepage}`;
  return iconv.encodingExists(name) ? iconv.decode(buf, name) : buf.toString('latin1');
}

const xlsExtractor: Extractor = {
  id: 'xls',
  extensions: XLS_EXTENSIONS,
  extract: extractXls,
};

export default xlsExtractor;
