import type { ScanReport } from '../types.js';

/** One file object per line; the run's metadata and summary are not repeated (see the json format). */
export function renderNdjson(report: ScanReport): string {
  return report.files.map((f) => JSON.stringify(f)).join('\n') + (report.files.length ? '\n' : '');
}
