/**
 * A checked configuration as options of the scanner and the anonymiser, and the precedence rule:
 * what the command line (or a library caller) gives wins over the config file, key by key;
 * `exclude` globs add up, since each only narrows the walk.
 */
import type { ScanOptions } from '../pipeline/task.js';
import type { RedactRunOptions } from '../redact/run.js';
import { DEFAULT_OPERATOR, type OperatorPolicy } from '../redact/types.js';
import type { LoadedConfig } from './types.js';

/** What the configuration sets for any run that scans (only the keys it has). */
export type ConfigScanOptions = Partial<ScanOptions> & { jobs?: number; exclude?: string[] };

/** Scanner options the configuration sets (only the keys it has). */
export function scanOptionsFromConfig(config: LoadedConfig): ConfigScanOptions {
  return {
    ...(config.types ? { types: config.types } : {}),
    ...(config.excludeTypes?.length ? { excludeTypes: config.excludeTypes } : {}),
    ...(config.minScore !== undefined ? { minScore: config.minScore } : {}),
    ...(config.scoreThresholds && Object.keys(config.scoreThresholds).length ? { scoreThresholds: config.scoreThresholds } : {}),
    ...(config.exclude?.length ? { exclude: config.exclude } : {}),
    ...(config.maxFileSize !== undefined ? { maxFileSize: config.maxFileSize } : {}),
    ...(config.allowlist?.length ? { allow: config.allowlist } : {}),
    ...(config.categoriesFile !== undefined ? { categoriesFile: config.categoriesFile } : {}),
    ...(config.ocr?.mode !== undefined ? { ocr: config.ocr.mode } : {}),
    ...(config.ocr?.lang !== undefined ? { ocrLang: config.ocr.lang } : {}),
    ...(config.ocr?.dpi !== undefined ? { ocrDpi: config.ocr.dpi } : {}),
    ...(config.ocr?.embeddedImages !== undefined ? { ocrEmbeddedImages: config.ocr.embeddedImages } : {}),
    ...(config.jobs !== undefined ? { jobs: config.jobs } : {}),
  };
}

/** Anonymiser options the configuration sets, the operator policy apart (see `operatorPolicyOf`). */
export function redactOptionsFromConfig(config: LoadedConfig): ConfigScanOptions & Pick<RedactRunOptions, 'keyFile' | 'mappingOut'> {
  return {
    ...scanOptionsFromConfig(config),
    ...(config.redact?.keyFile !== undefined ? { keyFile: config.redact.keyFile } : {}),
    ...(config.redact?.mappingOut !== undefined ? { mappingOut: config.redact.mappingOut } : {}),
  };
}

/** The configuration's operators as a policy (`replace` for what it does not name). */
export function operatorPolicyOf(config: LoadedConfig | undefined): OperatorPolicy {
  const operators = config?.redact?.operators;
  return { default: operators?.default ?? DEFAULT_OPERATOR, byType: { ...operators?.byType } };
}

/**
 * `top` over `base`: every key `top` defines wins; undefined keys of `top` leave `base`'s value;
 * `exclude` lists are joined.
 */
export function overlay<T extends { exclude?: string[] }>(base: Partial<T>, top: T): T {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) if (value !== undefined) merged[key] = value;
  const exclude = [...(base.exclude ?? []), ...(top.exclude ?? [])];
  if (exclude.length || top.exclude) merged['exclude'] = exclude;
  return merged as T;
}
