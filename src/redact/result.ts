/** What a redaction run reports: per file, and for the run. Values appear masked, never raw. */
import type { EntityType } from '../detectors/types.js';
import type { Location } from '../report/types.js';
import type { MappingEntry } from './operators/index.js';
import type { OperatorName, OperatorPolicy } from './types.js';

export type RedactionStatus =
  /** A copy with substitutes was written (or would be, with --dry-run). */
  | 'redacted'
  /** Nothing to replace: the copy is the original's bytes. */
  | 'copied'
  /** Nothing to replace and --only-changed: no copy. */
  | 'unchanged'
  /** The file was not read (unsupported, too large, OCR off for an image): no copy. */
  | 'skipped'
  /** The file could not be read or its copy not written: no copy. */
  | 'error';

export interface Replacement {
  type: EntityType;
  operator: OperatorName;
  /** The original value, masked. */
  masked: string;
  /** The original value, only with --reveal. */
  value?: string;
  /**
   * What the copy holds instead (a label, a pseudonym, a fake). Left out for `shuffle`, whose
   * substitute is another row's real value.
   */
  substitute?: string;
  location: Location;
}

/** The copy read again with the same detectors. */
export interface Verification {
  /** Findings of the redacted types in the copy. */
  findings: number;
  /** Of those, the ones that are not a substitute this run wrote: personal data left behind. */
  residual: number;
  /**
   * Findings of text the original scan read and did not find (not replaced, not new): a nearer
   * context word after replacement made a detector take it. Not counted as residual.
   */
  contextOnly?: number;
  /** Original values (of replaced findings) still present in the copy's text. */
  leaked: number;
  /** Residual findings, masked, with their locations in the copy. */
  residualFindings?: Array<{ type: EntityType; masked: string; location: Location }>;
}

export interface FileRedaction {
  /** Input path as reached from the user's argument. */
  path: string;
  /** Path of the copy (absent when no copy is written). */
  output?: string;
  status: RedactionStatus;
  error?: string;
  format: string | null;
  size: number;
  /** sha256 of the original, read before and checked again after writing the copy. */
  sha256: string | null;
  outputSha256?: string;
  replacements: Replacement[];
  /** Count per type and operator. */
  byType: Partial<Record<EntityType, { operator: OperatorName; count: number }>>;
  verification?: Verification;
  /** Value-free notes of the writer: what the copy lost or how it was made. */
  notes: string[];
  warnings?: string[];
  /** Traceable substitutes, returned to the main thread only when --mapping-out is given. */
  mapping?: MappingEntry[];
}

export interface RedactionSummary {
  files: number;
  redacted: number;
  copied: number;
  unchanged: number;
  skipped: number;
  errors: number;
  values: number;
  byType: Partial<Record<EntityType, number>>;
  /** Copies with a residual finding or a leaked value. */
  unverified: number;
  residual: number;
  leaked: number;
}

export interface RedactionReport {
  tool: { name: 'pdnscan'; version: string };
  startedAt: string;
  finishedAt: string;
  roots: string[];
  out: string;
  dryRun: boolean;
  policy: OperatorPolicy;
  /** Where the key came from, never the key: `file`, or `ephemeral` (random for this run). */
  key: 'file' | 'ephemeral' | 'none';
  summary: RedactionSummary;
  files: FileRedaction[];
}
