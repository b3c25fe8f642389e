/**
 * partialFingerprints let code-scanning UIs recognise a result in the next scan after lines moved.
 * A result is its file, its type and its value (by hash: the value itself never goes in), plus
 * which occurrence of that value in the file it is, so two equal values stay two results.
 */
import { createHash } from 'node:crypto';
import type { FindingReport } from '../../types.js';

export const FINGERPRINT_KEY = 'pdnscanValue/v1';

export function fingerprinter(): (filePath: string, finding: FindingReport) => string {
  const seen = new Map<string, number>();
  return (filePath, finding) => {
    // Without a value hash (a report not made for SARIF) the masked value is the best there is.
    const value = finding.valueHash ?? `masked:${finding.masked}`;
    const base = createHash('sha256').update(`${filePath}\0${finding.type}\0${value}`, 'utf8').digest('hex').slice(0, 32);
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return `${base}:${occurrence}`;
  };
}
