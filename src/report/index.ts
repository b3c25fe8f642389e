import { renderCsv } from './formats/csv.js';
import { renderHtml } from './formats/html/render.js';
import { jsonChunks, renderJson } from './formats/json.js';
import { renderNatasha } from './formats/natasha.js';
import { ndjsonChunks, renderNdjson } from './formats/ndjson.js';
import { renderSarif } from './formats/sarif/render.js';
import { renderTable } from './formats/table.js';
import type { CategoryLabels, ReportLang } from './labels.js';
import type { FileReport, ScanReport } from './types.js';

export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'natasha', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Language of the html format's labels (default ru). */
  lang?: ReportLang;
  /** Field separator of the csv format (default ","). */
  csvDelimiter?: string;
  /** Category names (default: the built-in ones; the CLI passes those of `--categories`). */
  categoryLabels?: CategoryLabels;
}

/**
 * The report in pieces, for writing without holding it whole (json and ndjson stream file by file
 * and finding by finding; the other formats come as one piece).
 */
export function renderReportChunks(report: ScanReport, format: ReportFormat, reveal: boolean, options: RenderOptions = {}): Iterable<string> {
  if (format === 'json') return jsonChunks(withoutText(report));
  if (format === 'ndjson') return ndjsonChunks(withoutText(report));
  return [renderReport(report, format, reveal, options)];
}

export function renderReport(report: ScanReport, format: ReportFormat, reveal: boolean, options: RenderOptions = {}): string {
  // The document text (kept for the natasha format only) is never part of another format.
  if (format !== 'natasha') report = withoutText(report);
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'ndjson':
      return renderNdjson(report);
    case 'csv':
      return renderCsv(report, reveal, options.csvDelimiter);
    case 'table':
      return renderTable(report, reveal);
    case 'natasha':
      return renderNatasha(report, reveal);
    case 'html':
      return renderHtml(report, reveal, {
        ...(options.lang ? { lang: options.lang } : {}),
        ...(options.categoryLabels ? { categoryLabels: options.categoryLabels } : {}),
      });
    case 'sarif':
      return renderSarif(report, reveal);
  }
}

function withoutText(report: ScanReport): ScanReport {
  if (!report.files.some((f) => f.text !== undefined)) return report;
  return { ...report, files: report.files.map(({ text: _text, ...rest }: FileReport) => rest) };
}
