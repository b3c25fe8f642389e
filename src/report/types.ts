/** The report's shape. Keep it stable: later issues add finding types and formats, not fields' meanings. */
import type { EntityType } from '../detectors/types.js';
import type { CategoryId } from '../detectors/categories.js';

export type Risk = 'none' | 'low' | 'medium' | 'high' | 'special';
export type FileStatus = 'ok' | 'error' | 'skipped';

/** Where a finding sits, in the terms of its format. */
/** `entry` is set for content inside an archive: the entry's path (nested ones joined with "!"). */
export type Location = (
  | { line: number; column: number }
  | { line: number; column: number; row: number; col: number; header?: string }
  | { part: string; paragraph: number; run: number }
  | { sheet: string; cell: string; header?: string }
  | { page: number; bbox: [number, number, number, number] }
  | { part: string; paragraph: number }
) & { entry?: string };

export interface FindingReport {
  type: EntityType;
  start: number;
  end: number;
  page: number | null;
  location: Location;
  score: number;
  validated: boolean;
  /** False for organisation identifiers (ИНН of a company, ОГРН): reported, not personal data. */
  personalData: boolean;
  masked: string;
  /** The raw value: only with `--reveal`. */
  value?: string;
  /** Category of personal data (ru-pd-reference §11) this finding puts its file in. */
  category: CategoryId;
  /**
   * First 16 hex digits of the SHA-256 of the raw value, so results can be told apart and tracked
   * across scans without the value: only for `--format sarif` (ScanOptions.valueHashes), which
   * builds its partialFingerprints from it.
   */
  valueHash?: string;
  /** Parts of the value (`{first, middle, last}` of a name): only with `--reveal`. */
  facts?: Readonly<Record<string, string>>;
  detector: string;
  ocrFolded?: boolean;
  /** Found in OCR text: the lowest confidence (0..1) of the recognised words it covers. */
  ocrConfidence?: number;
  /** Why the finding was made: pattern, validation, context word. Holds no value. */
  explanation: { pattern: string; validation: 'passed' | 'none'; context?: string; note?: string };
}

export interface FileReport {
  path: string;
  size: number;
  mtime: string;
  sha256: string | null;
  format: string | null;
  encoding: string | null;
  status: FileStatus;
  error?: string;
  categories: CategoryId[];
  /** Categories the file only names without holding them (a policy or a blank form about health data). */
  mentions?: CategoryId[];
  risk: Risk;
  findings: FindingReport[];
  /** Findings the config's allowlist suppressed (not listed in `findings`); absent when none. */
  allowlisted?: number;
  /** Paged formats (PDF): number of pages. */
  pages?: number;
  /** PDF pages (1-based) without a text layer: scanned images that need OCR. */
  pagesNeedingOcr?: number[];
  /** Parts of the file that could not be read (an archive entry, a page), with the reason. */
  warnings?: string[];
  /**
   * The extracted document text, only for `--format natasha` (ScanOptions.keepText); findings
   * masked with "*" unless values are revealed. No other format prints it.
   */
  text?: string;
}

export interface ScanSummary {
  files: number;
  filesWithPersonalData: number;
  errors: number;
  skipped: number;
  byType: Partial<Record<EntityType, number>>;
  byRisk: Record<Risk, number>;
  /** Files per category of personal data they hold. */
  byCategory: Partial<Record<CategoryId, number>>;
}

export interface ScanReport {
  tool: { name: 'pdnscan'; version: string };
  startedAt: string;
  finishedAt: string;
  roots: string[];
  summary: ScanSummary;
  files: FileReport[];
}
