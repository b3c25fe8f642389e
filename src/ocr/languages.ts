/**
 * The OCR language data kept in the repository (vendor/tessdata/<lang>.traineddata.gz, the
 * tessdata_fast models): found from the package root, so OCR works offline right after `npm ci`
 * and never downloads a model.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** vendor/tessdata of this package: the same path from src/ocr (tests) and dist/ocr (built). */
export const TESSDATA_DIR = fileURLToPath(new URL('../../vendor/tessdata/', import.meta.url));

export const DEFAULT_OCR_LANG = 'rus+eng';

let available: readonly string[] | undefined;

/** Languages with a model in vendor/tessdata, sorted ("eng", "rus"). */
export function availableOcrLanguages(): readonly string[] {
  if (!available) {
    let names: string[] = [];
    try {
      names = readdirSync(TESSDATA_DIR);
    } catch {
      names = [];
    }
    available = names
      .map((n) => /^([a-z][a-z0-9_]*)\.traineddata\.gz$/i.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .sort();
  }
  return available;
}

/** An --ocr-lang value that names a language without a model. */
export class UnknownOcrLanguageError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(`unknown OCR language ${unknown.join(', ') || '(empty)'}; available: ${known.join(', ') || 'none'}`);
    this.name = 'UnknownOcrLanguageError';
  }
}

/**
 * "rus+eng" → "rus+eng" (each checked against the vendored models, duplicates dropped, order
 * kept: tesseract tries the first language first). Throws UnknownOcrLanguageError.
 */
export function normaliseOcrLanguages(spec: string): string {
  const langs = [...new Set(spec.split('+').map((s) => s.trim()))];
  const known = availableOcrLanguages();
  const unknown = langs.filter((l) => !known.includes(l));
  if (unknown.length > 0 || langs.length === 0 || langs.includes('')) {
    throw new UnknownOcrLanguageError(unknown.filter(Boolean), known);
  }
  return langs.join('+');
}
