/**
 * `--format sarif`: SARIF 2.1.0, the format code-scanning tools read. One rule per entity type,
 * one result per finding with its masked value (the raw one only in properties, with --reveal),
 * one artifact per file with findings, files that could not be read as notifications.
 */
import { entityLabel } from '../../labels.js';
import type { FileReport, FindingReport, ScanReport } from '../../types.js';
import { fingerprinter, FINGERPRINT_KEY } from './fingerprint.js';
import { artifactLocation, sarifLocation } from './location.js';
import { ORGANISATION_LEVEL, PERSONAL_DATA_LEVEL, sarifRules } from './rules.js';
import type { SarifArtifact, SarifLevel, SarifLog, SarifNotification, SarifResult } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/pdnscan';

export function renderSarif(report: ScanReport, reveal: boolean): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprint = fingerprinter();
  const artifacts: SarifArtifact[] = [];
  const results: SarifResult[] = [];
  const notifications: SarifNotification[] = [];

  for (const file of report.files) {
    if (file.status === 'error') {
      notifications.push({
        level: 'warning',
        message: { text: `${file.path}: ${file.error ?? 'could not be read'}` },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }],
      });
    }
    if (file.findings.length === 0) continue;
    const artifact = artifactLocation(file.path, artifacts.length);
    artifacts.push(toArtifact(file));
    for (const finding of file.findings) {
      results.push({
        ruleId: finding.type,
        ruleIndex: ruleIndex.get(finding.type) ?? -1,
        level: levelOf(finding, file),
        message: { text: `${entityLabel(finding.type, 'en')}: ${finding.masked}` },
        locations: [sarifLocation(artifact, finding)],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(file.path, finding) },
        properties: resultProperties(finding, file, reveal),
      });
    }
  }

  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            // Files that could not be read are notifications; the scan itself completed.
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        columnKind: 'utf16CodeUnits',
        artifacts,
        results,
        properties: { roots: report.roots, summary: report.summary },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Personal data is an error (a warning when the file's risk is only low); an organisation's identifier a note. */
function levelOf(finding: FindingReport, file: FileReport): SarifLevel {
  if (!finding.personalData) return ORGANISATION_LEVEL;
  return file.risk === 'low' ? 'warning' : PERSONAL_DATA_LEVEL;
}

function resultProperties(finding: FindingReport, file: FileReport, reveal: boolean): Record<string, unknown> {
  return {
    masked: finding.masked,
    ...(reveal && finding.value !== undefined ? { value: finding.value } : {}),
    personalData: finding.personalData,
    category: finding.category,
    score: finding.score,
    validated: finding.validated,
    detector: finding.detector,
    fileRisk: file.risk,
    ...(finding.page !== null ? { page: finding.page } : {}),
    ...(finding.ocrConfidence !== undefined ? { ocrConfidence: finding.ocrConfidence } : {}),
  };
}

function toArtifact(file: FileReport): SarifArtifact {
  return {
    location: artifactLocation(file.path),
    length: file.size,
    ...(file.sha256 ? { hashes: { 'sha-256': file.sha256 } } : {}),
    ...(file.mtime ? { lastModifiedTimeUtc: file.mtime } : {}),
    properties: {
      risk: file.risk,
      categories: file.categories,
      ...(file.mentions?.length ? { mentions: file.mentions } : {}),
      ...(file.format ? { format: file.format } : {}),
    },
  };
}
