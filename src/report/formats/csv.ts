import { locationText } from '../location-text.js';
import type { ScanReport } from '../types.js';

const COLUMNS = ['path', 'type', 'personal_data', 'location', 'line', 'column', 'start', 'end', 'masked', 'score', 'validated', 'file_risk'];

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; other readers skip it. */
export const UTF8_BOM = '\uFEFF';

export const DEFAULT_CSV_DELIMITER = ',';

/**
 * One finding per row (RFC 4180), after a UTF-8 BOM. The `value` column appears only when values
 * are revealed. Russian Excel splits columns on ";" (the decimal separator is ","): `delimiter`.
 */
export function renderCsv(report: ScanReport, reveal: boolean, delimiter: string = DEFAULT_CSV_DELIMITER): string {
  const header = reveal ? [...COLUMNS.slice(0, 9), 'value', ...COLUMNS.slice(9)] : COLUMNS;
  const rows: string[][] = [header];
  for (const file of report.files) {
    for (const f of file.findings) {
      const row = [
        file.path,
        f.type,
        String(f.personalData),
        locationText(f.location, f.page),
        'line' in f.location ? String(f.location.line) : '',
        'line' in f.location ? String(f.location.column) : '',
        String(f.start),
        String(f.end),
        f.masked,
      ];
      if (reveal) row.push(f.value ?? '');
      row.push(String(f.score), String(f.validated), file.risk);
      rows.push(row);
    }
  }
  const cell = csvCell(delimiter);
  return UTF8_BOM + rows.map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

function csvCell(delimiter: string): (value: string) => string {
  return (value) => {
    // A leading =, +, - or @ would run as a formula when the report is opened in a spreadsheet.
    const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
    return /["\r\n]/.test(safe) || safe.includes(delimiter) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
}
