import { locationText } from '../location-text.js';
import type { ScanReport } from '../types.js';

const COLUMNS = ['path', 'type', 'personal_data', 'location', 'line', 'column', 'start', 'end', 'masked', 'score', 'validated', 'file_risk'];

/** One finding per row (RFC 4180). The `value` column appears only when values are revealed. */
export function renderCsv(report: ScanReport, reveal: boolean): string {
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
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would run as a formula when the report is opened in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
