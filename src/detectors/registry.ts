/**
 * Every detector, in priority order: when two detectors claim the same characters with the same
 * score, the one listed first wins.
 */
import type { DetectorSpec, EntityType } from './types.js';
import snils from './ru/snils/index.js';
import passport from './ru/passport/index.js';

export const ALL_DETECTORS: readonly DetectorSpec[] = [passport, snils];

export function detectorsFor(types?: ReadonlySet<EntityType>, exclude?: ReadonlySet<EntityType>): DetectorSpec[] {
  return ALL_DETECTORS.filter((d) => (!types || types.has(d.entity)) && !exclude?.has(d.entity));
}
