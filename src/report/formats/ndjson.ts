import type { ScanReport } from '../types.js';

/** One file object per line; the run's metadata and summary are not repeated (see the json format). */
export function renderNdjson(report: ScanReport): string {
  return [...ndjsonChunks(report)].join('');
}

export function* ndjsonChunks(report: ScanReport): Generator<string> {
  for (const f of report.files) yield JSON.stringify(f) + '\n';
}
