/**
 * The starting configuration `pdnscan init` writes: every key with a short comment, defaults shown
 * (optional keys commented out), and an allowlist example with fictitious organisation details.
 */
import { writeFile } from 'node:fs/promises';
import { ENTITY_TYPES } from '../detectors/types.js';
import { DEFAULT_OCR_LANG } from '../ocr/languages.js';
import { DEFAULT_OCR_DPI } from '../ocr/ocr-pages.js';
import { OPERATORS } from '../redact/types.js';

/** Lines of at most ~100 characters listing `words`, each prefixed with `prefix`. */
function wrapped(words: readonly string[], prefix: string): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line}, ${w}` : w;
    if (prefix.length + next.length > 100 && line) {
      lines.push(`${prefix}${line},`);
      line = w;
    } else line = next;
  }
  if (line) lines.push(`${prefix}${line}`);
  return lines.join('\n');
}

export function starterConfig(): string {
  return `// pdnscan configuration: JSON with comments. Written by "pdnscan init"; see README, "Configuration".
// Command-line options override what is set here (--exclude globs are added to "exclude").
// Relative paths in this file resolve against this file's folder.
{
  // Only these entity types are reported (default: every type). Known types:
${wrapped(ENTITY_TYPES, '  //   ')}
  // "types": ["RU_SNILS", "RU_PASSPORT", "PERSON"],

  // Types never reported.
  "excludeTypes": [],

  // Findings scoring below this are dropped (0..1).
  "minScore": 0.5,

  // Thresholds for single types, replacing minScore for them, e.g. { "PERSON": 0.7 }.
  "scoreThresholds": {},

  // Paths to skip, as --exclude: a glob with "/" matches the path below the scanned folder,
  // one without "/" the file or folder name. Example: ["**/node_modules/**", "*.log"]
  "exclude": [],

  // Files larger than this are skipped: bytes, or 500k, 10MB, 1G. Default: 256MB for files read
  // whole, while larger plain-text files (logs) are read in chunks; a limit set here applies to all.
  // "maxFileSize": "256MB",

  // Values that are not to be reported: the organisation's own details. An entry has "value"
  // (compared by identity: numbers by their digits, e-mails and text case-insensitively) or
  // "pattern" (a regular expression searched in the value; "flags": "i" to ignore case), and
  // optionally "types" (only these types) and "paths" (only files matching these globs: with "/"
  // relative to this file's folder, without "/" a file name). The values below are fictitious:
  // replace them with yours.
  "allowlist": [
    // The organisation's own ИНН.
    { "value": "7751234566", "types": ["RU_INN_ORG"], "note": "our ИНН" },
    // Public phones of the front desk: every number starting so.
    { "pattern": "^\\\\+7 \\\\(495\\\\) 000-", "types": ["PHONE_NUMBER"] },
    // The office address, on the public web site only.
    { "value": "г. Москва, ул. Примерная, д. 1", "paths": ["site/**"] }
  ],

  // Category rules (JSON) replacing the built-in ones (README: "Categories, mentions and --categories").
  // "categories": "pdn-categories.json",

  // Anonymised copies ("pdnscan redact").
  "redact": {
    // A key for pseudonym, fake and shuffle (created 0600 on first use; keep it out of the copies).
    // "keyFile": "pdnscan.key",
    // Where to write substitute → original: personal data, never inside the output folder.
    // "mappingOut": "../private/pdnscan-mapping.json",
    // Operator per type, "default" for the rest: ${OPERATORS.join(', ')}.
    "operators": { "default": "replace" }
  },

  // Worker threads (default: the available cores).
  // "jobs": 4,

  // Text recognition of images, scanned PDF pages and pictures inside office documents.
  "ocr": {
    // auto: images and PDF pages without a text layer; always: every PDF page too; never.
    "mode": "auto",
    // Languages joined with "+" (the rus and eng models ship with pdnscan).
    "lang": "${DEFAULT_OCR_LANG}",
    // Resolution PDF pages are rendered at for OCR (50..1200).
    "dpi": ${DEFAULT_OCR_DPI},
    // Recognise pictures embedded in DOCX/XLSX/ODT/ODS.
    "embeddedImages": true
  }
}
`;
}

export class ConfigExistsError extends Error {
  override name = 'ConfigExistsError';
}

/** Writes the starting configuration; an existing file is kept unless `force`. */
export async function writeStarterConfig(file: string, options: { force?: boolean } = {}): Promise<void> {
  try {
    await writeFile(file, starterConfig(), { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigExistsError(`${file} already exists (use --force to overwrite it)`);
    throw error;
  }
}
