/**
 * `fake`: a realistic substitute of the same kind. PLACEHOLDER — being implemented.
 */
import type { Finding } from '../../detectors/types.js';
import type { RandomFor } from './keyed.js';

/**
 * A substitute for `finding`'s value. `identity` is the value's identity (see identity.ts), so
 * the same value always gets the same substitute with the same key; `random(label)` gives keyed
 * randomness for any label. Returns undefined when the type has no fake (the caller falls back to
 * `replace`).
 */
export function fakeValue(finding: Finding, identity: string, random: RandomFor): string | undefined {
  void finding;
  void identity;
  void random;
  return undefined;
}
