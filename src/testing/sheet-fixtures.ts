/**
 * What the spreadsheet extractor tests (xlsx, ods, xls) share: their fixtures, the ground truth
 * of the generator (scripts/fixtures/spreadsheets.mjs) and lookups of cell segments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellSourceRef, ScanDocument, Segment } from '../document/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCS = path.join(ROOT, 'fixtures/documents');

/** The bytes of a fixture of one format (`xlsx`, `ods`, `xls`). */
export const sheetFixture = (format: string, name: string) => new Uint8Array(readFileSync(path.join(DOCS, format, name)));

export interface TruthItem {
  type: string;
  value: string;
  sheet: string;
  cell: string;
  personalData: boolean;
}

export const SHEETS_TRUTH = JSON.parse(readFileSync(path.join(DOCS, 'sheets.truth.json'), 'utf8')) as {
  files: Record<string, { status: string; findings?: TruthItem[] }>;
};

export const cellSegments = (doc: ScanDocument) =>
  doc.segments.filter((s): s is Segment & { source: CellSourceRef } => s.source.kind === 'cell');
export const textOf = (doc: ScanDocument, s: Segment) => doc.text.slice(s.start, s.end);
export const segmentsAt = (doc: ScanDocument, sheet: string, cell: string): Segment[] =>
  cellSegments(doc).filter((s) => s.source.sheet === sheet && s.source.cell === cell);
export function cellText(doc: ScanDocument, sheet: string, cell: string): string | undefined {
  const s = segmentsAt(doc, sheet, cell)[0];
  return s ? textOf(doc, s) : undefined;
}
/** Letters, digits, "@" and "." only, lower case: how values are compared across formats. */
export const compact = (s: string) => s.replace(/[^\p{L}\p{N}@.]/gu, '').toLowerCase();
