import { describe, expect, it } from 'vitest';
import { plainDocument } from '../testing/detector-tester.js';
import { defineDetector } from './define-detector.js';
import { compileDetectors, runDetectors } from './run-detectors.js';
import type { DetectorSpec } from './types.js';

/** Engine behaviour, shown with two small detectors made for the purpose. */
const evenCode = defineDetector({
  id: 'test-even-code',
  entity: 'RU_OMS_POLICY',
  label: { ru: 'код', en: 'code' },
  category: 'oms_policy',
  personalData: true,
  example: '246810',
  patterns: [
    { name: 'six', regex: /(?<!\d)\d{6}(?!\d)/g, score: 0.3 },
    { name: 'tagged', regex: /код (?<value>\d{4})(?!\d)/dg, score: 0.6, requiresContext: true },
  ],
  context: { words: ['полис'] },
  // Even numbers pass, odd fail: a stand-in for a checksum.
  validate: (m) => (m.compact.length === 6 ? Number(m.compact) % 2 === 0 : undefined),
  examples: { positive: [{ text: 'полис 246810', values: ['246810'] }], negative: ['135791'] },
});
const sixDigits = defineDetector({
  ...evenCode,
  id: 'test-six-digits',
  entity: 'RU_MILITARY_ID',
  patterns: [{ name: 'six', regex: /(?<!\d)\d{6}(?!\d)/g, score: 0.55 }],
  context: { words: ['билет'] },
  validate: undefined,
} as DetectorSpec);

const run = (text: string, specs: DetectorSpec[] = [evenCode], label?: string, minScore?: number) =>
  runDetectors(plainDocument(text, label), compileDetectors(specs), minScore === undefined ? {} : { minScore });

describe('runDetectors', () => {
  it('a passing validator makes a finding certain; a failing one drops it', () => {
    expect(run('246810').map((f) => [f.value, f.score, f.validated])).toEqual([['246810', 1, true]]);
    expect(run('135791')).toEqual([]);
  });

  it('context raises a score but never creates a finding on its own', () => {
    expect(run('полис')).toEqual([]);
    const withContext = run('полис код 1234');
    expect(withContext.map((f) => [f.value, f.score, f.explanation.context])).toEqual([['1234', 0.95, 'полис']]);
    expect(run('код 1234')).toEqual([]); // requiresContext
  });

  it('reports the value group, not the whole match', () => {
    const [f] = run('полис код 1234');
    expect(f && 'полис код 1234'.slice(f.start, f.end)).toBe('1234');
  });

  it('treats a column header as context', () => {
    expect(run('1234', [evenCode], 'Полис ОМС').length).toBe(0); // "код" prefix missing: no candidate
    expect(run('код 1234', [evenCode], 'Номер полиса').map((f) => f.value)).toEqual(['1234']);
  });

  it('folds OCR look-alikes and maps the finding back to the original characters', () => {
    const text = 'полис 2468I0';
    const [f] = run(text);
    expect(f?.value).toBe('2468I0');
    expect(f?.ocrFolded).toBe(true);
    expect(f?.score).toBe(0.9);
  });

  it('keeps one finding per value: the higher score wins an overlap', () => {
    const both = run('246810', [sixDigits, evenCode]);
    expect(both.map((f) => f.type)).toEqual(['RU_OMS_POLICY']);
    const odd = run('билет 135791', [sixDigits, evenCode]);
    expect(odd.map((f) => f.type)).toEqual(['RU_MILITARY_ID']);
  });

  it('drops findings below the minimum score, which the caller can lower', () => {
    expect(run('135790', [sixDigits], undefined, 0.6)).toEqual([]);
    expect(run('135790', [sixDigits], undefined, 0.5).length).toBe(1);
  });

  it('rejects a malformed detector at definition time, naming it', () => {
    expect(() => defineDetector({ ...evenCode, id: 'Bad Id' })).toThrow(/\[Bad Id\]/);
    expect(() => defineDetector({ ...evenCode, patterns: [{ name: 'x', regex: /1/, score: 1 }] })).toThrow(/g flag/);
  });
});

describe('context in tables', () => {
  it('does not reach into the row above: each row is another record', () => {
    const text = 'полис\n246811'; // row 1: a context word; row 2: a value without one
    const doc = {
      text,
      segments: [
        { start: 0, end: 5, source: { kind: 'csv' as const, row: 1, col: 1, rawRange: [0, 5] as [number, number] } },
        { start: 6, end: 12, source: { kind: 'csv' as const, row: 2, col: 1, rawRange: [6, 12] as [number, number] } },
      ],
      meta: { format: 'csv' },
    };
    const tagged = defineDetector({ ...evenCode, id: 'test-tagged', validate: undefined, patterns: [{ name: 'six', regex: /\d{6}/g, score: 0.3, requiresContext: true }] });
    expect(runDetectors(doc, compileDetectors([tagged]))).toEqual([]);
    const plain = { ...doc, segments: [{ start: 0, end: 12, source: { kind: 'text' as const, line: 1, column: 0 } }] };
    expect(runDetectors(plain, compileDetectors([tagged])).map((f) => f.value)).toEqual(['246811']);
  });
});
