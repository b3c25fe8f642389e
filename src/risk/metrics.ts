/**
 * Re-identification risk of a table, measured over its quasi-identifiers (columns that do not name
 * a person but, combined, can single one out: date of birth, sex, postal code):
 *
 * - equivalence classes: rows sharing the same quasi-identifier values. Values are compared
 *   normalised (trimmed, inner spaces collapsed, case-folded), so "Москва" and " москва" are one
 *   value; an empty cell is a value of its own;
 * - k-anonymity: k = the size of the smallest class — every row is indistinguishable from at least
 *   k − 1 others (Sweeney 2002);
 * - at-risk rows: rows in classes smaller than the threshold k, and their share of all rows;
 * - l-diversity of a sensitive column (Machanavajjhala et al. 2007): distinct l = the smallest
 *   number of distinct sensitive values in a class (l = 1: knowing someone's class tells their
 *   value); entropy l = exp(min over classes of the entropy of the class's sensitive values), never
 *   above distinct l, lower when one value dominates a class.
 */

export interface EquivalenceClass {
  /** The quasi-identifier values of the class's first row, trimmed (as they stand, not case-folded). */
  values: string[];
  /** Indices of the class's rows. */
  rows: number[];
  /** Distinct (normalised) sensitive values in the class, with counts; absent without a sensitive column. */
  sensitive?: Map<string, number>;
}

export interface ClassSizeCount {
  size: number;
  /** Classes of this size. */
  classes: number;
  /** Rows in them (size × classes). */
  rows: number;
}

export interface LDiversity {
  /** Smallest number of distinct sensitive values in a class. */
  distinct: number;
  /** exp(smallest entropy (natural log) of a class's sensitive values), rounded to 2 decimals. */
  entropy: number;
}

export interface RiskMetrics {
  rows: number;
  /** Number of equivalence classes. */
  classes: number;
  /** Size of the smallest class; null for a table without rows. */
  k: number | null;
  /** Class sizes, smallest first. */
  classSizes: ClassSizeCount[];
  /** The threshold at-risk rows are counted against. */
  kThreshold: number;
  /** Rows in classes smaller than `kThreshold`. */
  atRiskRows: number;
  /** `atRiskRows / rows` (0 for a table without rows). */
  atRiskShare: number;
  /** l-diversity of the sensitive column; null without one (or without rows). */
  l: LDiversity | null;
  /** Classes smaller than `kThreshold`, smallest first, then by their values. */
  smallClasses: EquivalenceClass[];
}

/** The form values are compared in: trimmed, inner whitespace collapsed, case-folded. */
export function normaliseValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Rows grouped by their normalised quasi-identifier tuple, in order of first appearance. */
export function equivalenceClasses(rows: readonly (readonly string[])[], quasi: readonly number[], sensitive?: number): EquivalenceClass[] {
  const byKey = new Map<string, EquivalenceClass>();
  rows.forEach((row, i) => {
    // U+0000 cannot occur in a cell's text, so joined tuples never collide.
    const key = quasi.map((q) => normaliseValue(row[q] ?? '')).join('\u0000');
    let cls = byKey.get(key);
    if (!cls) {
      cls = { values: quasi.map((q) => (row[q] ?? '').trim()), rows: [], ...(sensitive !== undefined ? { sensitive: new Map<string, number>() } : {}) };
      byKey.set(key, cls);
    }
    cls.rows.push(i);
    if (cls.sensitive) {
      const v = normaliseValue(row[sensitive!] ?? '');
      cls.sensitive.set(v, (cls.sensitive.get(v) ?? 0) + 1);
    }
  });
  return [...byKey.values()];
}

/** Shannon entropy (natural log) of a class's value counts. */
function entropy(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / total;
    h -= p * Math.log(p);
  }
  return h;
}

export interface MeasureOptions {
  /** Classes smaller than this are too small (their rows are at risk). */
  kThreshold: number;
  /** Index of the sensitive column, for l-diversity. */
  sensitive?: number;
}

export function measureRisk(rows: readonly (readonly string[])[], quasi: readonly number[], options: MeasureOptions): RiskMetrics {
  const classes = equivalenceClasses(rows, quasi, options.sensitive);
  const bySize = new Map<number, number>();
  let k: number | null = null;
  let atRiskRows = 0;
  let lDistinct = Infinity;
  let minEntropy = Infinity;
  for (const c of classes) {
    const size = c.rows.length;
    bySize.set(size, (bySize.get(size) ?? 0) + 1);
    k = k === null ? size : Math.min(k, size);
    if (size < options.kThreshold) atRiskRows += size;
    if (c.sensitive) {
      lDistinct = Math.min(lDistinct, c.sensitive.size);
      minEntropy = Math.min(minEntropy, entropy(c.sensitive));
    }
  }
  const classSizes = [...bySize.entries()].sort((a, b) => a[0] - b[0]).map(([size, n]) => ({ size, classes: n, rows: size * n }));
  const smallClasses = classes
    .filter((c) => c.rows.length < options.kThreshold)
    .sort((a, b) => a.rows.length - b.rows.length || compareValues(a.values, b.values));
  return {
    rows: rows.length,
    classes: classes.length,
    k,
    classSizes,
    kThreshold: options.kThreshold,
    atRiskRows,
    atRiskShare: rows.length === 0 ? 0 : atRiskRows / rows.length,
    l: options.sensitive !== undefined && classes.length > 0 ? { distinct: lDistinct, entropy: Math.round(Math.exp(minEntropy) * 100) / 100 } : null,
    smallClasses,
  };
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = collator.compare(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
