/**
 * A table written as CSV for release: UTF-8 with a BOM (Excel then reads Cyrillic right), CRLF
 * line ends and RFC 4180 quoting (a value with the delimiter, a quote, a line break or spaces at an
 * end is quoted, quotes doubled). The header row is written when the source had one.
 */
import type { Table } from './table.js';

const BOM = '\uFEFF';

function quote(value: string, delimiter: string): string {
  const needs = value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableToCsv(table: Table, delimiter = ','): string {
  const lines: string[] = [];
  if (table.hasHeader) lines.push(table.columns.map((c) => quote(c, delimiter)).join(delimiter));
  for (const row of table.rows) lines.push(row.map((v) => quote(v, delimiter)).join(delimiter));
  return BOM + lines.map((l) => l + '\r\n').join('');
}
