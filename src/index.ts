/** Library entry point: `import { scan, redact } from 'pdnscan'`. */
export { scan, redact, type ScanApiOptions, type RedactApiOptions, type ConfigSource, type OperatorMap } from './api.js';
export { loadConfig, configFromObject, findConfigFile } from './config/load.js';
export { ConfigError, validateConfig } from './config/validate.js';
export { parseJsonc, stripJsonComments } from './config/jsonc.js';
export { starterConfig } from './config/starter.js';
export { CONFIG_FILE_NAME, type PdnscanConfig, type LoadedConfig, type AllowlistEntry } from './config/types.js';
export type { AllowRule } from './pipeline/allowlist.js';
export type { ScanOptions } from './pipeline/task.js';
export { scanPaths, type ScannerOptions, type Progress } from './engine/scanner.js';
export { redactPaths, RedactSetupError, type RedactRunOptions } from './redact/run.js';
export { OPERATORS, type OperatorName, type OperatorPolicy } from './redact/types.js';
export type { RedactionReport, RedactionSummary, FileRedaction } from './redact/result.js';
export { scanFile } from './pipeline/scan-file.js';
export { runDetectors, compileDetectors } from './detectors/run-detectors.js';
export { ALL_DETECTORS } from './detectors/registry.js';
export { ENTITY_TYPES, type EntityType, type DetectorSpec, type Finding } from './detectors/types.js';
export type { ScanDocument, Segment, SourceRef } from './document/types.js';
export type { ScanReport, ScanSummary, FileReport, FindingReport, Location, Risk } from './report/types.js';
