/**
 * What of a file's report the inventory may keep. Found values are personal data: unless the
 * scan ran with --reveal, a stored report holds masks only — no raw value, no parts of a name,
 * no value hash (a hash of an 11-digit СНИЛС is reversed by trying them all) and no document text.
 */
import type { FileReport, FindingReport } from '../report/types.js';

export function forStorage(report: FileReport, reveal: boolean): FileReport {
  const { text: _text, ...rest } = report;
  if (reveal) return rest;
  return { ...rest, findings: report.findings.map(maskedFinding) };
}

/** A report read back for output: raw values only when the caller shows them. */
export function forOutput(report: FileReport, reveal: boolean): FileReport {
  if (reveal) return report;
  return { ...report, findings: report.findings.map(maskedFinding) };
}

function maskedFinding(finding: FindingReport): FindingReport {
  const { value: _value, facts: _facts, valueHash: _hash, ...masked } = finding;
  return masked;
}
