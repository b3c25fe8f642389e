/**
 * `generalize`: a coarser value. PLACEHOLDER — being implemented.
 */
import type { Finding } from '../../detectors/types.js';

/** A coarser form of `finding`'s value, or undefined when the type has none (caller: `replace`). */
export function generalizeValue(finding: Finding): string | undefined {
  void finding;
  return undefined;
}
