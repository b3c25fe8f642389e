/**
 * The one detector tester (ESLint RuleTester / gitleaks tps-fps in spirit). It runs a detector on
 * valid/invalid cases and on the detector's own `examples`, and checks each finding's range:
 * `text.slice(start, end)` must equal the expected value, so a wrong range can never be locked in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDetectors, runDetectors } from '../detectors/run-detectors.js';
import type { DetectorSpec, EntityType } from '../detectors/types.js';
import { ALL_DETECTORS } from '../detectors/registry.js';
import type { ScanDocument } from '../document/types.js';

export interface DetectorCases {
  /** Text → the values this detector must find in it, in order. */
  valid?: ReadonlyArray<{ text: string; values: readonly string[]; label?: string }>;
  /** Texts in which it must find nothing. */
  invalid?: readonly string[];
  /**
   * Texts run through every detector together, with the entity each value must end up as
   * (overlap resolution between detectors is part of the behaviour).
   */
  together?: ReadonlyArray<{ text: string; expect: ReadonlyArray<{ type: EntityType; value: string }> }>;
}

export function plainDocument(text: string, label?: string): ScanDocument {
  return {
    text,
    segments: [{ start: 0, end: text.length, source: { kind: 'text', line: 1, column: 0 }, ...(label ? { label } : {}) }],
    meta: { format: 'txt' },
  };
}

export function findValues(detector: DetectorSpec, text: string, label?: string) {
  const findings = runDetectors(plainDocument(text, label), compileDetectors([detector]));
  for (const f of findings) expect(text.slice(f.start, f.end), `range of ${f.detector} finding`).toBe(f.value);
  return findings;
}

export function testDetector(detector: DetectorSpec, cases: DetectorCases = {}): void {
  const valid: ReadonlyArray<{ text: string; values: readonly string[]; label?: string }> = [
    ...detector.examples.positive,
    ...(cases.valid ?? []),
  ];
  const invalid = [...detector.examples.negative, ...(cases.invalid ?? [])];
  const seen = new Set<string>();
  for (const t of [...valid.map((v) => v.text), ...invalid]) {
    if (seen.has(t)) throw new Error(`[${detector.id}] duplicate test case: ${t}`);
    seen.add(t);
  }
  describe(detector.id, () => {
    // One-time set-up (dictionaries) before the synchronous cases run, as a scan does.
    if (detector.prepare) beforeAll(() => detector.prepare!());
    for (const c of valid) {
      it(`finds ${JSON.stringify(c.values)} in ${JSON.stringify(c.text)}`, () => {
        const findings = findValues(detector, c.text, (c as { label?: string }).label);
        expect(findings.map((f) => f.value)).toEqual(c.values);
        for (const f of findings) expect(f.type).toBe(detector.entity);
      });
    }
    for (const text of invalid) {
      it(`finds nothing in ${JSON.stringify(text)}`, () => {
        expect(findValues(detector, text).map((f) => f.value)).toEqual([]);
      });
    }
    for (const c of cases.together ?? []) {
      it(`with all detectors, ${JSON.stringify(c.text)} → ${c.expect.map((e) => e.type).join(', ') || 'nothing'}`, () => {
        const findings = runDetectors(plainDocument(c.text), compileDetectors(ALL_DETECTORS));
        for (const f of findings) expect(c.text.slice(f.start, f.end)).toBe(f.value);
        expect(findings.map((f) => ({ type: f.type, value: f.value }))).toEqual(c.expect);
      });
    }
  });
}
