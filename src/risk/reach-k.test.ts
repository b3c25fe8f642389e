import { describe, expect, it } from 'vitest';
import type { ColumnRule } from './generalize-columns.js';
import { measureRisk } from './metrics.js';
import { generalizeTable } from './reach-k.js';
import type { Table } from './table.js';

const AS_OF = { y: 2025, m: 1, d: 1 };

function table(columns: string[], rows: string[][]): Table {
  return { columns, sourceColumns: columns.map((_, i) => i + 1), rows, sourceRows: rows.map((_, i) => i + 2), hasHeader: true };
}

/*
 * Ages 31 32 33 34 36 37 41 44 45 52, all "М"; quasi: age, sex; rule age (levels 5, 10, 20).
 *   as read: 10 classes of 1                                   k = 1
 *   age:5  : 30-34 ×4, 35-39 ×2, 40-44 ×2, 45-49 ×1, 50-54 ×1     k = 1
 *   age:10 : 30-39 ×6, 40-49 ×3, 50-59 ×1                         k = 1
 *   age:20 : 20-39 ×6, 40-59 ×4                                   k = 4
 */
const AGES = table(
  ['Возраст', 'Пол'],
  ['31', '32', '33', '34', '36', '37', '41', '44', '45', '52'].map((a) => [a, 'М']),
);
const AGE_RULE: ColumnRule = { column: 0, kind: 'age', levels: [5, 10, 20] };

describe('generalizeTable', () => {
  it('widens the bands until the target k is reached, without suppressing', () => {
    // Target 3. At-risk rows (classes < 3): as read 10; age:5 → 35-39, 40-44, 45-49, 50-54 = 6; age:10 → 50-59 = 1; age:20 → 0.
    const r = generalizeTable(AGES, [0, 1], [AGE_RULE], { targetK: 3, kThreshold: 3, asOf: AS_OF });
    expect(r.steps.map((s) => [s.rules.map((x) => x.rule).join(), s.k, s.atRiskRows])).toEqual([
      ['', 1, 10],
      ['age:5', 1, 6],
      ['age:10', 1, 1],
      ['age:20', 4, 0],
    ]);
    expect(r.suppressedRows).toBe(0);
    expect(r.rows.map((row) => row[0])).toEqual(['20-39', '20-39', '20-39', '20-39', '20-39', '20-39', '40-59', '40-59', '40-59', '40-59']);
  });

  it('suppresses the rows still in too-small classes when the widest level is not enough', () => {
    // Target 5: at age:20 the class 40-59 has 4 rows < 5 → its 4 rows are suppressed; 6 remain, k = 6.
    const r = generalizeTable(AGES, [0, 1], [AGE_RULE], { targetK: 5, kThreshold: 5, asOf: AS_OF });
    expect(r.steps).toHaveLength(4);
    expect(r.suppressedRows).toBe(4);
    expect(r.keptRows).toEqual([0, 1, 2, 3, 4, 5]);
    expect(measureRisk(r.rows, [0, 1], { kThreshold: 5 }).k).toBe(6);
  });

  it('stops widening once suppression removes no more than the allowed share', () => {
    // Target 3, up to 10 % suppressed: at age:10 one row of 10 (52 → 50-59) is at risk → stop and suppress it.
    const r = generalizeTable(AGES, [0, 1], [AGE_RULE], { targetK: 3, kThreshold: 3, asOf: AS_OF, suppressUpTo: 0.1 });
    expect(r.steps.map((s) => s.rules.map((x) => x.rule).join())).toEqual(['', 'age:5', 'age:10']);
    expect(r.suppressedRows).toBe(1);
    expect(r.rows.map((row) => row[0])).toEqual(['30-39', '30-39', '30-39', '30-39', '30-39', '30-39', '40-49', '40-49', '40-49']);
  });

  it('changes nothing when the table already reaches the target', () => {
    const r = generalizeTable(AGES, [1], [AGE_RULE], { targetK: 10, kThreshold: 10, asOf: AS_OF });
    expect(r.steps).toHaveLength(1);
    expect(r.rows).toEqual(AGES.rows);
    expect(r.suppressedRows).toBe(0);
  });

  it('widens the rule that helps most first', () => {
    /*
     * Ages all within 30-34; postal codes 101001 101002 102001 102002 103001 103002. Target 6.
     *   first levels (age:5, postal:3): 3 classes of 2 → 6 rows at risk
     *   widen age (age:10): still 3 classes of 2 → 6 at risk
     *   widen postal (postal:2): "10****" for all → 1 class of 6 → 0 at risk  ← chosen
     */
    const t = table(
      ['Возраст', 'Индекс'],
      [
        ['30', '101001'],
        ['31', '101002'],
        ['32', '102001'],
        ['33', '102002'],
        ['34', '103001'],
        ['30', '103002'],
      ],
    );
    const rules: ColumnRule[] = [AGE_RULE, { column: 1, kind: 'postal', levels: [3, 2, 1] }];
    const r = generalizeTable(t, [0, 1], rules, { targetK: 6, kThreshold: 6, asOf: AS_OF });
    expect(r.steps.map((s) => s.rules.map((x) => `${x.column}=${x.rule}`).join(', '))).toEqual(['', 'Возраст=age:5, Индекс=postal:3', 'Возраст=age:5, Индекс=postal:2']);
    expect(r.steps.at(-1)!.k).toBe(6);
    expect(r.rows.every((row) => row[0] === '30-34' && row[1] === '10****')).toBe(true);
  });

  it('applies the first levels once when no target is given', () => {
    const r = generalizeTable(AGES, [0, 1], [AGE_RULE], { kThreshold: 5, asOf: AS_OF });
    expect(r.steps.map((s) => s.rules.map((x) => x.rule).join())).toEqual(['', 'age:5']);
    expect(r.suppressedRows).toBe(0);
    expect(r.rows).toHaveLength(10);
  });

  it('suppresses only, without rules', () => {
    // Quasi: age as read, target 2 → all 10 classes have one row → all suppressed.
    const r = generalizeTable(AGES, [0], [], { targetK: 2, kThreshold: 2, asOf: AS_OF });
    expect(r.suppressedRows).toBe(10);
    expect(r.rows).toEqual([]);
  });
});
