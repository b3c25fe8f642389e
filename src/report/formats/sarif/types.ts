/** The parts of SARIF 2.1.0 (OASIS) this report writes; names as in the standard. */

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifRegion {
  /** 1-based. */
  startLine: number;
  /** 1-based, in UTF-16 code units (run.columnKind). */
  startColumn: number;
}

export interface SarifLogicalLocation {
  fullyQualifiedName: string;
  name?: string;
  kind?: string;
}

export interface SarifLocation {
  physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  logicalLocations?: SarifLogicalLocation[];
  properties?: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
}

export interface SarifArtifact {
  location: SarifArtifactLocation;
  length: number;
  hashes?: Record<string, string>;
  lastModifiedTimeUtc?: string;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    invocations: Array<{
      executionSuccessful: boolean;
      startTimeUtc: string;
      endTimeUtc: string;
      toolExecutionNotifications: SarifNotification[];
    }>;
    columnKind: 'utf16CodeUnits';
    artifacts: SarifArtifact[];
    results: SarifResult[];
    properties: Record<string, unknown>;
  }>;
}
