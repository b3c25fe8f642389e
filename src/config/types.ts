/** Shapes of the configuration: as written (pdnscan.config.json, or an object in library use) and as checked. */
import type { EntityType } from '../detectors/types.js';
import type { OcrMode } from '../ocr/ocr-pages.js';
import type { AllowRule } from '../pipeline/allowlist.js';
import type { OperatorName } from '../redact/types.js';

export const CONFIG_FILE_NAME = 'pdnscan.config.json';

/** One allowlist entry as written: `value` or `pattern`, optionally narrowed by `types` and `paths`. */
export interface AllowlistEntry {
  value?: string;
  pattern?: string;
  flags?: string;
  types?: EntityType[];
  paths?: string[];
  /** Why the entry is there (ignored). */
  note?: string;
}

/** The configuration file's content. Every key is optional. */
export interface PdnscanConfig {
  $schema?: string;
  /** Only these entity types are reported. */
  types?: EntityType[];
  excludeTypes?: EntityType[];
  /** Findings scoring below this are dropped (0..1, default 0.5). */
  minScore?: number;
  /** Per-type thresholds replacing `minScore` for their type: `{ "PERSON": 0.7 }`. */
  scoreThresholds?: Partial<Record<EntityType, number>>;
  /** Globs of paths to skip, as `--exclude` (added to the command line's). */
  exclude?: string[];
  /** Bytes, or a size such as "10MB". */
  maxFileSize?: number | string;
  allowlist?: AllowlistEntry[];
  /** Category rules file, relative to the config file. */
  categories?: string;
  redact?: {
    /** `{ "default": "replace", "PERSON": "fake" }`. */
    operators?: { default?: OperatorName } & Partial<Record<EntityType, OperatorName>>;
    keyFile?: string;
    mappingOut?: string;
  };
  ocr?: { mode?: OcrMode; lang?: string; dpi?: number; embeddedImages?: boolean };
  jobs?: number;
}

/** A checked configuration: types normalised, sizes in bytes, paths absolute. */
export interface LoadedConfig {
  /** The file it came from, or "config object". */
  source: string;
  /** The folder its relative paths were resolved against. */
  dir: string;
  types?: EntityType[];
  excludeTypes?: EntityType[];
  minScore?: number;
  scoreThresholds?: Partial<Record<EntityType, number>>;
  exclude?: string[];
  maxFileSize?: number;
  allowlist?: AllowRule[];
  categoriesFile?: string;
  redact?: {
    operators?: { default?: OperatorName; byType: Partial<Record<EntityType, OperatorName>> };
    keyFile?: string;
    mappingOut?: string;
  };
  ocr?: { mode?: OcrMode; lang?: string; dpi?: number; embeddedImages?: boolean };
  jobs?: number;
}
