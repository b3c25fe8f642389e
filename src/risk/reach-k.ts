/**
 * Generalise a table's quasi-identifiers until it is k-anonymous.
 *
 * Without a target k the rules are applied once, at their first level. With a target:
 * 1. the table as read is measured; when k already reaches the target nothing changes;
 * 2. every rule is applied at its first level;
 * 3. while k is below the target, one rule is widened by one level: of the rules that can still
 *    widen, the one leaving the fewest rows in too-small classes (ties: the larger k, then the
 *    rule given first) — a greedy walk up the lattice of levels, one column at a time, so a column
 *    is only coarsened when that helps most;
 * 4. widening stops early once the rows still at risk are no more than `suppressUpTo` of all rows;
 * 5. rows still in classes smaller than the target are suppressed (left out of the table).
 * Every step is recorded with its k and at-risk rows, so the report shows what each cost.
 */
import { describeLevel, generalizeCell, type ColumnRule, type DateParts } from './generalize-columns.js';
import { equivalenceClasses, measureRisk } from './metrics.js';
import type { Table } from './table.js';

export interface GeneralizationStep {
  /** The level of each rule in this step ("Дата рождения" → "age:10"); empty for the table as read. */
  rules: Array<{ column: string; rule: string }>;
  k: number | null;
  /** Rows in classes smaller than the target (or the threshold, without a target). */
  atRiskRows: number;
  classes: number;
}

export interface GeneralizationResult {
  /** The generalised rows that are kept, in their original order. */
  rows: string[][];
  /** Index (in the table as read) of each kept row. */
  keptRows: number[];
  steps: GeneralizationStep[];
  /** Rows left out because they were still in classes smaller than the target. */
  suppressedRows: number;
}

export interface GeneralizeOptions {
  /** Widen and suppress until k reaches this; without it the rules are applied once. */
  targetK?: number;
  /** Threshold of at-risk rows in the steps when there is no target. */
  kThreshold: number;
  /** Reference date of age bands. */
  asOf: DateParts;
  /** Stop widening once the rows at risk are at most this share (0..1) of all rows (default 0). */
  suppressUpTo?: number;
}

export function generalizeTable(table: Table, quasi: readonly number[], rules: readonly ColumnRule[], options: GeneralizeOptions): GeneralizationResult {
  const threshold = options.targetK ?? options.kThreshold;
  const columnCache = new Map<string, string[]>();
  const generalisedColumn = (r: number, level: number): string[] => {
    const key = `${r}:${level}`;
    let values = columnCache.get(key);
    if (!values) {
      const rule = rules[r]!;
      values = table.rows.map((row) => generalizeCell(rule.kind, rule.levels[level]!, row[rule.column] ?? '', options.asOf));
      columnCache.set(key, values);
    }
    return values;
  };
  const rowsAt = (levels: readonly number[] | undefined): string[][] => {
    if (!levels) return table.rows.map((row) => [...row]);
    const columns = rules.map((_, r) => generalisedColumn(r, levels[r]!));
    return table.rows.map((row, i) => {
      const out = [...row];
      rules.forEach((rule, r) => (out[rule.column] = columns[r]![i]!));
      return out;
    });
  };
  const stepOf = (levels: readonly number[] | undefined, rows: readonly (readonly string[])[]): GeneralizationStep => {
    const m = measureRisk(rows, quasi, { kThreshold: threshold });
    return {
      rules: levels ? rules.map((rule, r) => ({ column: table.columns[rule.column]!, rule: describeLevel(rule.kind, rule.levels[levels[r]!]!) })) : [],
      k: m.k,
      atRiskRows: m.atRiskRows,
      classes: m.classes,
    };
  };

  let rows = rowsAt(undefined);
  let current = stepOf(undefined, rows);
  const steps = [current];
  const reached = () => current.k !== null && current.k >= threshold;

  if (options.targetK === undefined || !reached()) {
    let levels: number[] | undefined;
    if (rules.length > 0) {
      levels = rules.map(() => 0);
      rows = rowsAt(levels);
      current = stepOf(levels, rows);
      steps.push(current);
    }
    const limit = (options.suppressUpTo ?? 0) * table.rows.length;
    while (options.targetK !== undefined && levels && !reached() && current.atRiskRows > limit) {
      let best: { levels: number[]; rows: string[][]; step: GeneralizationStep } | undefined;
      for (let r = 0; r < rules.length; r++) {
        if (levels[r]! + 1 >= rules[r]!.levels.length) continue;
        const tryLevels = levels.map((l, i) => (i === r ? l + 1 : l));
        const tryRows = rowsAt(tryLevels);
        const step = stepOf(tryLevels, tryRows);
        if (!best || step.atRiskRows < best.step.atRiskRows || (step.atRiskRows === best.step.atRiskRows && (step.k ?? 0) > (best.step.k ?? 0))) {
          best = { levels: tryLevels, rows: tryRows, step };
        }
      }
      if (!best) break;
      ({ levels, rows, step: current } = best);
      steps.push(current);
    }
  }

  let keptRows = rows.map((_, i) => i);
  let suppressedRows = 0;
  if (options.targetK !== undefined && !reached()) {
    const suppressed = new Set<number>();
    for (const c of equivalenceClasses(rows, quasi)) if (c.rows.length < options.targetK) for (const i of c.rows) suppressed.add(i);
    keptRows = keptRows.filter((i) => !suppressed.has(i));
    rows = keptRows.map((i) => rows[i]!);
    suppressedRows = suppressed.size;
  }
  return { rows, keptRows, steps, suppressedRows };
}
