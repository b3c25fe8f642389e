/**
 * CSV/TSV: one segment per non-empty cell. The document text is the cells' content, joined by a
 * tab within a record and a newline between records, so a value never runs into its neighbour.
 * When the first record is a header, every other cell is labelled with its column's header
 * ("СНИЛС"), which detectors read as context.
 */
import type { ScanDocument, Segment } from '../../document/types.js';
import { decodeText } from '../../text/decode.js';
import type { ExtractInput, Extractor } from '../types.js';
import { detectDelimiter, hasHeaderRow, parseCsv } from './parse.js';

export const CSV_EXTENSIONS = ['.csv', '.tsv'] as const;

export function extractCsv({ bytes, path }: ExtractInput): ScanDocument {
  const { text: source, encoding } = decodeText(bytes);
  const delimiter = path.toLowerCase().endsWith('.tsv') ? '\t' : detectDelimiter(source);
  const records = parseCsv(source, delimiter);
  const headers = hasHeaderRow(records) ? records[0]!.map((c) => c.value.trim()) : undefined;

  const parts: string[] = [];
  const segments: Segment[] = [];
  let offset = 0;
  records.forEach((record, r) => {
    if (r > 0) {
      parts.push('\n');
      offset++;
    }
    record.forEach((cell, c) => {
      if (c > 0) {
        parts.push('\t');
        offset++;
      }
      if (cell.value.length === 0) return;
      const label = r > 0 ? headers?.[c] : undefined;
      segments.push({
        start: offset,
        end: offset + cell.value.length,
        source: { kind: 'csv', row: r + 1, col: c + 1, rawRange: [cell.start, cell.end] },
        ...(label ? { label } : {}),
      });
      parts.push(cell.value);
      offset += cell.value.length;
    });
  });

  return {
    text: parts.join(''),
    segments,
    meta: { format: 'csv', encoding, sourceText: source },
  };
}

const csvExtractor: Extractor = {
  id: 'csv',
  extensions: CSV_EXTENSIONS,
  extract: extractCsv,
};

export default csvExtractor;
