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
  | HtmlSourceRef
  | DocxSourceRef
  | CellSourceRef
  | PdfSourceRef
  | OcrSourceRef
  | ParagraphSourceRef;

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

/**
 * A run of WordprocessingML text (DOCX). `part` is the zip entry (`word/document.xml`,
 * `word/header1.xml`, `word/footnotes.xml`, `word/comments.xml`, `docProps/core.xml`…);
 * `paragraph` counts `w:p` elements of the part from 1; `run` counts the paragraph's `w:r`
 * elements from 1; `offset` is where the segment starts inside the run's text (a run's text can
 * be cut into several segments).
 */
export interface DocxSourceRef {
  kind: 'docx';
  part: string;
  paragraph: number;
  run: number;
  offset: number;
}

/** A spreadsheet cell (XLSX, ODS, XLS): sheet name and A1 reference ("C7"). */
export interface CellSourceRef {
  kind: 'cell';
  sheet: string;
  cell: string;
}

/** A word of a PDF text layer: 1-based page and box in PDF points [x0, y0, x1, y1] (origin top-left). */
export interface PdfSourceRef {
  kind: 'pdf';
  page: number;
  bbox: [number, number, number, number];
}

/**
 * A word read by OCR: 1-based page (image page, or PDF page), box in pixels of the page image
 * that was recognised [x0, y0, x1, y1] (origin top-left; a PDF page rendered at --ocr-dpi), and
 * tesseract's word confidence scaled to 0..1.
 */
export interface OcrSourceRef {
  kind: 'ocr';
  page: number;
  bbox: [number, number, number, number];
  confidence: number;
}

/**
 * A paragraph of a format whose reader gives no finer map (ODT, DOC): `part` names what the
 * paragraph belongs to (`content.xml`, `body`, `footnotes`), `paragraph` counts from 1.
 */
export interface ParagraphSourceRef {
  kind: 'paragraph';
  part: string;
  paragraph: number;
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
  /**
   * For content read from inside an archive (.zip): the entry's path, nested entries joined with
   * "!" (`reports.zip!2024/staff.csv`). The source ref is then relative to that entry.
   */
  entry?: string;
}

export interface DocumentMeta {
  /** Format id of the extractor that produced the document: `txt`, `csv`, `html`… */
  format: string;
  /** Encoding the source bytes were decoded from, when the format is textual. */
  encoding?: string;
  /** Original source text when it differs from `text` (HTML, CSV): locations are computed against it. */
  sourceText?: string;
  /** Pages of a paged format (PDF) that have no text layer and need OCR (1-based). */
  pagesNeedingOcr?: number[];
  /** Number of pages of a paged format. */
  pages?: number;
  /**
   * PDF pages recognised by OCR → the resolution (dpi) the page was rendered at: their OCR boxes
   * are pixels of that render (`--ocr-dpi`, lowered for huge pages).
   */
  ocrDpi?: Record<number, number>;
  /**
   * Parts of the file that could not be read, with the reason (never content): "staff.zip!a.docx:
   * encrypted". The rest of the file was scanned.
   */
  warnings?: string[];
}

export interface ScanDocument {
  text: string;
  /** Sorted by `start`, non-overlapping. Characters outside every segment are separators. */
  segments: Segment[];
  meta: DocumentMeta;
}
