/**
 * The options fingerprint: a hash of everything that changes what a scan finds in a file. A file
 * recorded under another fingerprint is scanned again even when it did not change, so a run with
 * other --types, --min-score, category rules, OCR settings or another pdnscan version never
 * reuses results it would not have produced.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_MIN_SCORE } from '../detectors/run-detectors.js';
import { DEFAULT_OCR_LANG } from '../ocr/languages.js';
import { DEFAULT_OCR_DPI } from '../ocr/ocr-pages.js';
import { DEFAULT_MAX_FILE_SIZE } from '../pipeline/scan-file.js';
import type { ScanOptions } from '../pipeline/task.js';
import { TOOL_VERSION } from '../version.js';

/** The options that decide a file's report, defaults filled in so "--ocr auto" equals no --ocr. */
export function resultOptions(options: ScanOptions): Record<string, unknown> {
  return {
    tool: TOOL_VERSION,
    // Values are stored only when revealed: a masked record cannot serve a --reveal run.
    reveal: options.reveal,
    types: options.types ? [...options.types].sort() : null,
    excludeTypes: options.excludeTypes?.length ? [...options.excludeTypes].sort() : null,
    minScore: options.minScore ?? DEFAULT_MIN_SCORE,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    // The rules file's content, not its name: editing it must invalidate what it categorised.
    categories: options.categoriesFile !== undefined ? contentHash(options.categoriesFile) : null,
    ocr: options.ocr ?? 'auto',
    ocrLang: options.ocrLang ?? DEFAULT_OCR_LANG,
    ocrDpi: options.ocrDpi ?? DEFAULT_OCR_DPI,
    ocrEmbeddedImages: options.ocrEmbeddedImages ?? true,
    // Value hashes are kept only with --reveal (see storage.ts), so only then do they matter.
    valueHashes: options.reveal && options.valueHashes === true,
    // Allowlist and per-type thresholds change what is reported.
    allow: options.allow ?? null,
    scoreThresholds: options.scoreThresholds ?? null,
  };
}

export function optionsFingerprint(options: ScanOptions): string {
  return createHash('sha256').update(JSON.stringify(resultOptions(options))).digest('hex').slice(0, 32);
}

function contentHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
