import { renderCsv } from './formats/csv.js';
import { renderJson } from './formats/json.js';
import { renderNatasha } from './formats/natasha.js';
import { renderNdjson } from './formats/ndjson.js';
import { renderTable } from './formats/table.js';
import type { FileReport, ScanReport } from './types.js';

export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'natasha'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: ScanReport, format: ReportFormat, reveal: boolean): string {
  // The document text (kept for the natasha format only) is never part of another format.
  if (format !== 'natasha') report = withoutText(report);
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'ndjson':
      return renderNdjson(report);
    case 'csv':
      return renderCsv(report, reveal);
    case 'table':
      return renderTable(report, reveal);
    case 'natasha':
      return renderNatasha(report, reveal);
  }
}

function withoutText(report: ScanReport): ScanReport {
  if (!report.files.some((f) => f.text !== undefined)) return report;
  return { ...report, files: report.files.map(({ text: _text, ...rest }: FileReport) => rest) };
}
