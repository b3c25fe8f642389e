/**
 * CSV/TSV: each edited cell is written back whole, quoted when its new content needs it (a
 * substitute with the delimiter, a quote or a line break), so the file keeps its columns. Cells
 * without edits, delimiters, quoting and line endings stay byte for byte.
 */
import type { CsvSourceRef } from '../../document/types.js';
import { editsBySegment, editedSegmentText } from '../segment-edits.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { encodeCopy, spliceSource, type SourceSplice } from './source-text.js';

export async function writeCsv(input: WriteInput): Promise<WriteOutput> {
  const { doc } = input;
  const source = doc.meta.sourceText ?? doc.text;
  const splices: SourceSplice[] = [];
  for (const [index, pieces] of editsBySegment(doc, input.edits)) {
    const seg = doc.segments[index]!;
    if (seg.source.kind !== 'csv') throw new Error(`csv writer: a segment of kind ${seg.source.kind}`);
    const src: CsvSourceRef = seg.source;
    const raw = source.slice(src.rawRange[0], src.rawRange[1]);
    const value = editedSegmentText(doc, seg, pieces);
    splices.push({ start: src.rawRange[0], end: src.rawRange[1], text: quoteCell(value, raw, delimiterOf(source, src)) });
  }
  const notes: string[] = [];
  return { bytes: encodeCopy(spliceSource(source, splices), input, notes), notes };
}

/** The new cell in the original's quoting style; quoted whenever the content requires it. */
function quoteCell(value: string, raw: string, delimiter: string): string {
  const wasQuoted = raw.startsWith('"');
  const needsQuotes = value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value);
  return wasQuoted || needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The character right after the cell (or before it), which is the file's delimiter. */
function delimiterOf(source: string, src: CsvSourceRef): string {
  const after = source[src.rawRange[1]];
  if (after && after !== '\r' && after !== '\n') return after;
  const before = source[src.rawRange[0] - 1];
  if (before && before !== '\r' && before !== '\n') return before;
  return ',';
}

const writer: FormatWriter = { formats: ['csv'], write: writeCsv };
export default writer;
