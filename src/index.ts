/** Library entry point: `import { scanPaths } from 'pdnscan'`. */
export { scanPaths, type ScannerOptions, type Progress } from './engine/scanner.js';
export { scanFile } from './pipeline/scan-file.js';
export { runDetectors, compileDetectors } from './detectors/run-detectors.js';
export { ALL_DETECTORS } from './detectors/registry.js';
export { ENTITY_TYPES, type EntityType, type DetectorSpec, type Finding } from './detectors/types.js';
export type { ScanDocument, Segment, SourceRef } from './document/types.js';
export type { ScanReport, FileReport, FindingReport } from './report/types.js';
