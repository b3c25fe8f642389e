/**
 * The audit log of a run: what a compliance officer files as proof of the method used — which
 * files, which method per type, how many values, the verification result. No values, no key.
 */
import type { RedactionReport } from './result.js';
import { OPERATOR_METHODS } from './methods.js';

export function auditLog(report: RedactionReport) {
  const operators = new Set([report.policy.default, ...Object.values(report.policy.byType)]);
  return {
    tool: report.tool,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    inputs: report.roots,
    output: report.out,
    policy: report.policy,
    methods: Object.fromEntries([...operators].map((op) => [op, OPERATOR_METHODS[op]])),
    key: report.key,
    summary: report.summary,
    files: report.files.map((f) => ({
      path: f.path,
      ...(f.output ? { output: f.output } : {}),
      status: f.status,
      ...(f.error ? { error: f.error } : {}),
      format: f.format,
      sha256: f.sha256,
      ...(f.outputSha256 ? { outputSha256: f.outputSha256 } : {}),
      replaced: f.byType,
      ...(f.verification ? { verification: { findings: f.verification.findings, residual: f.verification.residual, leaked: f.verification.leaked } } : {}),
      ...(f.notes.length ? { notes: f.notes } : {}),
    })),
  };
}
