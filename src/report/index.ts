import { renderCsv } from './formats/csv.js';
import { renderJson } from './formats/json.js';
import { renderNdjson } from './formats/ndjson.js';
import { renderTable } from './formats/table.js';
import type { ScanReport } from './types.js';

export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: ScanReport, format: ReportFormat, reveal: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'ndjson':
      return renderNdjson(report);
    case 'csv':
      return renderCsv(report, reveal);
    case 'table':
      return renderTable(report, reveal);
  }
}
