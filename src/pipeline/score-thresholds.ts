/**
 * Score thresholds: `minScore` for every type, `scoreThresholds` for some. The detectors run with
 * the lowest of them (a type may ask for less than the rest), then each finding is held to its
 * own type's threshold.
 */
import { DEFAULT_MIN_SCORE } from '../detectors/run-detectors.js';
import type { EntityType, Finding } from '../detectors/types.js';
import type { ScanOptions } from './task.js';

type Thresholds = Pick<ScanOptions, 'minScore' | 'scoreThresholds'>;

/** The score the detectors themselves drop findings below. */
export function detectorMinScore(options: Thresholds): number {
  const base = options.minScore ?? DEFAULT_MIN_SCORE;
  return Math.min(base, ...Object.values(options.scoreThresholds ?? {}));
}

export function thresholdOf(options: Thresholds, type: EntityType): number {
  return options.scoreThresholds?.[type] ?? options.minScore ?? DEFAULT_MIN_SCORE;
}

/** Does the finding reach its type's threshold? */
export function meetsThreshold(options: Thresholds): (f: Finding) => boolean {
  return (f) => f.score >= thresholdOf(options, f.type);
}
