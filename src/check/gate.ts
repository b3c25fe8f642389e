/**
 * The verdict of `pdnscan check`: findings a baseline accepts are taken out (and the file's risk
 * worked out again without them), then every resource at or above the `--fail-on` risk fails the
 * gate. The report handed on for output holds masked values only, unless values are revealed.
 */
import { CATEGORIES, type CategoryId } from '../detectors/categories.js';
import { summarise } from '../engine/scanner.js';
import { riskOf } from '../report/risk.js';
import type { FileReport, FindingReport, Risk, ScanReport } from '../report/types.js';
import { fingerprintOf, type BaselineEntry } from './baseline.js';

export const FAIL_ON_LEVELS = ['low', 'medium', 'high'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** `special` ranks above `high`: a special category is the gravest finding. */
const RANK: Readonly<Record<Risk, number>> = { none: 0, low: 1, medium: 2, high: 3, special: 4 };

export function failsAt(risk: Risk, failOn: FailOn): boolean {
  return RANK[risk] >= RANK[failOn];
}

export interface GateOptions {
  failOn: FailOn;
  /** Fingerprints of accepted findings (`--baseline`). */
  accepted?: ReadonlySet<string>;
  /** Keep raw values in the report handed on (`--reveal`). */
  reveal: boolean;
  /** The location a file's fingerprints are computed with: its URL, or its path inside the folder. */
  locationOf: (file: FileReport) => string;
}

export interface GateResult {
  /** The report to print: accepted findings removed, risks and summary recomputed, values masked unless revealed. */
  report: ScanReport;
  /** Resources at or above `failOn` after the baseline. */
  failing: FileReport[];
  /** Findings the baseline accepted. */
  accepted: number;
  /** Every finding of the scan as a baseline entry (for `--update-baseline`). */
  entries: BaselineEntry[];
}

/** `report` must come from a scan with values revealed: fingerprints need them. */
export function applyGate(report: ScanReport, options: GateOptions): GateResult {
  const entries: BaselineEntry[] = [];
  let accepted = 0;
  const files = report.files.map((file) => {
    const location = options.locationOf(file);
    const kept: FindingReport[] = [];
    for (const finding of file.findings) {
      if (finding.value === undefined) {
        kept.push(finding); // cannot be fingerprinted, so cannot be accepted
        continue;
      }
      const fingerprint = fingerprintOf(location, finding.type, finding.value);
      entries.push({ fingerprint, type: finding.type, location, masked: finding.masked });
      if (options.accepted?.has(fingerprint)) accepted++;
      else kept.push(finding);
    }
    const judged = kept.length === file.findings.length ? file : withoutAccepted(file, kept);
    return options.reveal ? judged : withoutValues(judged);
  });
  return {
    report: { ...report, summary: summarise(files), files },
    failing: files.filter((f) => failsAt(f.risk, options.failOn)),
    accepted,
    entries,
  };
}

/**
 * The file as if the accepted findings were not there. Categories that came from keywords (held
 * only while the file has personal data) stay while some personal finding is left.
 */
function withoutAccepted(file: FileReport, kept: FindingReport[]): FileReport {
  const fromFindings = new Set<CategoryId>(file.findings.map((f) => (f.personalData ? f.category : 'organisation_identifier')));
  const fromKeywords = file.categories.filter((c) => !fromFindings.has(c));
  const personal = kept.filter((f) => f.personalData);
  const categories = new Set<CategoryId>(kept.map((f) => (f.personalData ? f.category : 'organisation_identifier')));
  if (personal.length > 0) for (const c of fromKeywords) categories.add(c);
  const sorted = [...categories].sort();
  return {
    ...file,
    findings: kept,
    categories: sorted,
    risk: riskOf(sorted, personal.length, (c) => CATEGORIES[c].class),
  };
}

function withoutValues(file: FileReport): FileReport {
  if (!file.findings.some((f) => f.value !== undefined || f.facts !== undefined)) return file;
  return { ...file, findings: file.findings.map(({ value: _value, facts: _facts, ...rest }) => rest) };
}
