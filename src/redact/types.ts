/**
 * Shapes of the anonymiser. A run turns each file's findings into `Edit`s (what characters become
 * what) with the operators, then a format writer applies the edits to the original bytes through
 * the document's source map and returns the anonymised copy's bytes.
 */
import type { EntityType, Finding } from '../detectors/types.js';
import type { ScanDocument } from '../document/types.js';

/**
 * Anonymisation methods (Roskomnadzor order No. 996 and Presidio's operators):
 * - `mask`: keep the shape, hide the characters;
 * - `redact`: remove the value (a solid box in images and PDFs);
 * - `replace`: a label such as `[СНИЛС]`;
 * - `fake`: a realistic substitute of the same kind (a name declined into the same case, a
 *   checksum-valid SNILS), the same for the same value and key;
 * - `pseudonym`: a keyed identifier `СНИЛС-7f3a2c`, the same for the same value and key;
 * - `generalize`: a coarser value (date of birth → year, address → city);
 * - `shuffle`: the values of a table column permuted across rows;
 * - `keep`: leave the value as it is (an explicit exception).
 */
export const OPERATORS = ['mask', 'redact', 'replace', 'fake', 'pseudonym', 'generalize', 'shuffle', 'keep'] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** What a type gets when no operator is chosen for it: a label such as [СНИЛС]. */
export const DEFAULT_OPERATOR: OperatorName = 'replace';

export function isOperatorName(s: string): s is OperatorName {
  return (OPERATORS as readonly string[]).includes(s);
}

/** Which operator each entity type gets; `default` for the types not listed. */
export interface OperatorPolicy {
  default: OperatorName;
  byType: Partial<Record<EntityType, OperatorName>>;
}

/** One planned change: `doc.text.slice(start, end)` becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  /** The substitute ('' for `redact`). */
  text: string;
  type: EntityType;
  operator: OperatorName;
  /**
   * The finding the edit comes from. Writers must not print its value; they use it for
   * format-specific decisions only (a number cell, a box in a picture).
   */
  finding: Finding;
}

export interface WriteInput {
  /** The original file's bytes (never modified). */
  bytes: Uint8Array;
  /** Path as given by the user (extension checks only; never opened). */
  path: string;
  /** The document the findings were made on (after OCR). */
  doc: ScanDocument;
  /** Sorted by `start`, non-overlapping, non-empty ranges. */
  edits: readonly Edit[];
}

export interface WriteOutput {
  bytes: Uint8Array;
  /**
   * Value-free notes on what the copy lost or how it was made ("pages 1-2 rasterised at 200 dpi;
   * text layer rebuilt", "author property cleared"), for the run's report and audit log.
   */
  notes: string[];
}

/** Writes the anonymised copy of one format. */
export interface FormatWriter {
  /** `doc.meta.format` values this writer handles (`txt`, `csv`, `docx`, `png`…). */
  formats: readonly string[];
  write(input: WriteInput): Promise<WriteOutput>;
}

/** A format that has no writer: the copy is not written (copying it unchanged would leak). */
export class UnwritableFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnwritableFormatError';
  }
}
