/**
 * The one document model every extractor produces and every detector reads.
 *
 * Detectors see only `text`; `segments` map ranges of `text` back to where the characters live in
 * the source file, so reports can say "line 4" or "Лист1!C7" and the redactor can replace exactly
 * the original characters. The map is recorded while extracting, never rebuilt afterwards.
 */

/** Where a segment's characters come from. A tagged union: later formats add kinds. */
export type SourceRef =
  | TextSourceRef
  | CsvSourceRef
  | HtmlSourceRef;

/** Plain text: the segment starts at this 1-based line and 0-based column of the decoded file. */
export interface TextSourceRef {
  kind: 'text';
  line: number;
  column: number;
}

/** One CSV/TSV cell. `row` and `col` are 1-based; `rawRange` indexes the decoded file text. */
export interface CsvSourceRef {
  kind: 'csv';
  row: number;
  col: number;
  rawRange: [number, number];
}

/**
 * A run of HTML text. `rawRange` indexes the decoded HTML source. `decoded` is true when the run
 * is a character reference (`&amp;`) whose text differs from its source characters.
 */
export interface HtmlSourceRef {
  kind: 'html';
  rawRange: [number, number];
  /** `text` for visible text, otherwise the attribute it came from (`alt`, `title`, `href`…). */
  from: 'text' | 'alt' | 'title' | 'value' | 'placeholder' | 'mailto' | 'tel';
  decoded?: boolean;
}

export interface Segment {
  /** Start offset in `ScanDocument.text` (inclusive). */
  start: number;
  /** End offset in `ScanDocument.text` (exclusive). */
  end: number;
  source: SourceRef;
  /**
   * Words that describe this segment's value without being part of the text around it: a CSV or
   * spreadsheet column header. Detectors treat them as context, exactly like words before a value.
   */
  label?: string;
}

export interface DocumentMeta {
  /** Format id of the extractor that produced the document: `txt`, `csv`, `html`… */
  format: string;
  /** Encoding the source bytes were decoded from, when the format is textual. */
  encoding?: string;
  /** Original source text when it differs from `text` (HTML): locations are computed against it. */
  sourceText?: string;
}

export interface ScanDocument {
  text: string;
  /** Sorted by `start`, non-overlapping. Characters outside every segment are separators. */
  segments: Segment[];
  meta: DocumentMeta;
}
