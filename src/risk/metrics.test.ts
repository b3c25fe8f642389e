import { describe, expect, it } from 'vitest';
import { equivalenceClasses, measureRisk, normaliseValue } from './metrics.js';

/*
 * Quasi-identifiers: columns 0 (age band) and 1 (sex); sensitive: column 2 (diagnosis).
 * By hand:
 *   class A = rows 0, 1, 2 ("30-39", "м": row 1's " м " is the same value trimmed and case-folded)
 *             diagnoses {грипп ×2, астма ×1} → 2 distinct
 *   class B = rows 3, 4   ("40-49", "ж")  diagnoses {грипп ×2} → 1 distinct
 *   class C = row 5       ("50-59", "ж")  diagnoses {диабет}   → 1 distinct
 *   k = min(3, 2, 1) = 1; 3 classes, sizes 1, 2, 3 once each.
 *   threshold 3: B and C are too small → 2 + 1 = 3 rows at risk of 6 (0.5).
 *   distinct l = min(2, 1, 1) = 1; entropy l = exp(min entropy) = exp(0) = 1 (B and C have one value).
 */
const TABLE = [
  ['30-39', 'М', 'грипп'],
  ['30-39', ' м ', 'Грипп'],
  ['30-39', 'М', 'астма'],
  ['40-49', 'Ж', 'грипп'],
  ['40-49', 'Ж', 'грипп'],
  ['50-59', 'Ж', 'диабет'],
];

describe('measureRisk', () => {
  it('computes k, classes, class sizes, at-risk rows and l of a hand-made table', () => {
    const m = measureRisk(TABLE, [0, 1], { kThreshold: 3, sensitive: 2 });
    expect(m.rows).toBe(6);
    expect(m.k).toBe(1);
    expect(m.classes).toBe(3);
    expect(m.classSizes).toEqual([
      { size: 1, classes: 1, rows: 1 },
      { size: 2, classes: 1, rows: 2 },
      { size: 3, classes: 1, rows: 3 },
    ]);
    expect(m.atRiskRows).toBe(3);
    expect(m.atRiskShare).toBe(0.5);
    expect(m.l).toEqual({ distinct: 1, entropy: 1 });
  });

  it('lists the too-small classes smallest first, with the values of their first row (trimmed)', () => {
    const m = measureRisk(TABLE, [0, 1], { kThreshold: 3, sensitive: 2 });
    expect(m.smallClasses.map((c) => ({ values: c.values, rows: c.rows, distinct: c.sensitive?.size }))).toEqual([
      { values: ['50-59', 'Ж'], rows: [5], distinct: 1 },
      { values: ['40-49', 'Ж'], rows: [3, 4], distinct: 1 },
    ]);
  });

  it('gives entropy l below distinct l when one value dominates a class', () => {
    // Class x: {a, a, b}: H = −(2/3·ln 2/3 + 1/3·ln 1/3) = 0.6365, exp → 1.89. Class y: {a, b}: H = ln 2, exp → 2.
    // distinct l = min(2, 2) = 2; entropy l = min(1.89, 2) = 1.89; k = 2.
    const rows = [
      ['x', 'a'],
      ['x', 'a'],
      ['x', 'b'],
      ['y', 'a'],
      ['y', 'b'],
    ];
    const m = measureRisk(rows, [0], { kThreshold: 2, sensitive: 1 });
    expect(m.k).toBe(2);
    expect(m.l).toEqual({ distinct: 2, entropy: 1.89 });
    expect(m.atRiskRows).toBe(0);
    expect(m.smallClasses).toEqual([]);
  });

  it('counts an empty cell as a value of its own, and reports no l without a sensitive column', () => {
    // ('', 1) ×2 and ('a', 1) ×1: k = 1, 2 classes.
    const m = measureRisk(
      [
        ['', '1'],
        [' ', '1'],
        ['a', '1'],
      ],
      [0, 1],
      { kThreshold: 2 },
    );
    expect(m.k).toBe(1);
    expect(m.classes).toBe(2);
    expect(m.l).toBeNull();
  });

  it('gives k = null and no classes for a table without rows', () => {
    const m = measureRisk([], [0], { kThreshold: 5, sensitive: 1 });
    expect(m).toMatchObject({ rows: 0, k: null, classes: 0, atRiskRows: 0, atRiskShare: 0, l: null });
  });
});

describe('equivalenceClasses', () => {
  it('groups rows by the normalised tuple, in order of first appearance', () => {
    const classes = equivalenceClasses(TABLE, [1]);
    expect(classes.map((c) => c.rows)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('never merges tuples whose joined text would be the same', () => {
    // ("a b", "c") and ("a", "b c") must stay two classes.
    expect(equivalenceClasses([['a b', 'c'], ['a', 'b c']], [0, 1])).toHaveLength(2);
  });

  it('normalises by trimming, collapsing spaces and case-folding', () => {
    expect(normaliseValue('  Г.  Москва ')).toBe('г. москва');
  });
});
