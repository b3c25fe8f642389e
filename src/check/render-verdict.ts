/** The closing lines of `pdnscan check`: what was fetched, what the baseline accepted, pass or fail. */
import type { CrawlResult } from './crawl.js';
import type { FailOn, GateResult } from './gate.js';

export interface VerdictContext {
  failOn: FailOn;
  crawl?: CrawlResult;
  baselineFile?: string;
  baselineWritten?: string;
}

export function renderVerdict(gate: GateResult, context: VerdictContext): string {
  const lines: string[] = [];
  const crawl = context.crawl;
  if (crawl) {
    const fetched = crawl.resources.filter((r) => r.redirectsTo === undefined).length;
    const parts = [`${fetched} fetched`];
    if (crawl.disallowed) parts.push(`${crawl.disallowed} disallowed by robots.txt`);
    if (crawl.otherOrigins) parts.push(`${crawl.otherOrigins} links to other sites not followed`);
    lines.push(`Crawl: ${parts.join(', ')}.`);
    if (crawl.overLimit) {
      lines.push(`Warning: stopped at --max-pages ${crawl.maxResources}: ${crawl.overLimit} more URLs were found but not checked.`);
    }
  }
  if (context.baselineWritten) lines.push(`Baseline written to ${context.baselineWritten}: ${gate.entries.length} findings accepted from now on.`);
  else if (context.baselineFile) lines.push(`Accepted by the baseline (${context.baselineFile}): ${gate.accepted} findings.`);
  const failing = gate.failing;
  if (failing.length === 0) {
    lines.push(`PASS: no personal data at or above risk "${context.failOn}".`);
  } else {
    const total = gate.report.files.length;
    lines.push(`FAIL: personal data at or above risk "${context.failOn}" in ${failing.length} of ${total} resources:`);
    const width = Math.max(...failing.map((f) => f.risk.length));
    for (const f of failing) lines.push(`  ${f.risk.padEnd(width)}  ${f.path}`);
  }
  return lines.join('\n') + '\n';
}
