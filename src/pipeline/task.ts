/** What the pipeline hands to a worker for one file, and the options every worker shares. */
import type { EntityType } from '../detectors/types.js';
import type { OcrMode } from '../ocr/ocr-pages.js';
import type { AllowRule } from './allowlist.js';

export interface ScanOptions {
  /** Include raw values in the report (`--reveal`). */
  reveal: boolean;
  /** Entity types to report (all when undefined). */
  types?: EntityType[];
  excludeTypes?: EntityType[];
  minScore?: number;
  /** Per-type score thresholds replacing `minScore` for their type (config `scoreThresholds`). */
  scoreThresholds?: Partial<Record<EntityType, number>>;
  /**
   * Values not to report (config `allowlist`): suppressed findings are left out of every output
   * and only counted on the file's report (`allowlisted`). Plain data, so workers can receive it.
   */
  allow?: AllowRule[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize?: number;
  /** Category rules file (`--categories FILE`) replacing src/categories/default-rules.json. */
  categoriesFile?: string;
  /** `--ocr`: auto (default), always, never. */
  ocr?: OcrMode;
  /** `--ocr-lang`: tesseract languages joined with "+" (default rus+eng). */
  ocrLang?: string;
  /** `--ocr-dpi`: resolution PDF pages are rendered at for OCR (default 300). */
  ocrDpi?: number;
  /** Time limit per OCR page in ms (default 120 s). */
  ocrPageTimeoutMs?: number;
  /** Recognise pictures embedded in DOCX/XLSX/ODT/ODS (default true; `--no-ocr-embedded`). */
  ocrEmbeddedImages?: boolean;
  /** Put the document text on the file's report (`--format natasha`); masked unless `reveal`. */
  keepText?: boolean;
  /** Put a hash of each raw value on its finding (`--format sarif` fingerprints results with it). */
  valueHashes?: boolean;
}

export interface FileTask {
  /** Path to open. */
  path: string;
  /** Path as reached from the argument the user gave, for the report. */
  displayPath: string;
  options: ScanOptions;
  /** Size and modification time the walk already read (a regular file): no second stat. */
  size?: number;
  mtimeMs?: number;
}

/** Every key of ScanOptions: what a worker receives of a caller's larger options object. */
const SCAN_OPTION_KEYS = [
  'reveal', 'types', 'excludeTypes', 'minScore', 'scoreThresholds', 'allow', 'maxFileSize', 'categoriesFile',
  'ocr', 'ocrLang', 'ocrDpi', 'ocrPageTimeoutMs', 'ocrEmbeddedImages', 'keepText', 'valueHashes',
] as const satisfies ReadonlyArray<keyof ScanOptions>;

/**
 * The ScanOptions part of `options` (a scanner's or a redaction run's options, which also hold
 * callbacks that cannot cross to a worker), set keys only.
 */
export function pickScanOptions(options: ScanOptions): ScanOptions {
  const out: Record<string, unknown> = {};
  for (const key of SCAN_OPTION_KEYS) {
    const value = options[key];
    if (value === undefined || (key === 'allow' && Array.isArray(value) && value.length === 0)) continue;
    // Off switches that mean "not asked for" (keepText, valueHashes) stay out; ocrEmbeddedImages: false is a choice.
    if (value === false && (key === 'keepText' || key === 'valueHashes')) continue;
    out[key] = value;
  }
  return { ...(out as Partial<ScanOptions>), reveal: options.reveal };
}
