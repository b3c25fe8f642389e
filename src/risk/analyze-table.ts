/**
 * The risk analysis of one table: read the file through the scan's extractors and detectors, pick
 * the columns, generalise when asked, measure, and put the report together. No printing here.
 *
 * What the report shows of the data: the quasi-identifier values of the classes that are too small
 * (an analyst needs "1985, М, 101000" to decide what to generalise) — only of the columns the
 * user named with --quasi, and masked for a column the detectors find to be a direct identifier
 * (direct-identifiers.ts). Sensitive values and other columns are never shown; for the sensitive
 * column only counts (distinct values per class).
 */
import { readFile } from 'node:fs/promises';
import type { Finding } from '../detectors/types.js';
import type { ScanDocument } from '../document/types.js';
import { detectDelimiter } from '../extractors/csv/parse.js';
import { ExtractionError, UnsupportedFormatError } from '../extractors/types.js';
import { analyzeBytes } from '../pipeline/scan-file.js';
import { maskTail } from '../report/mask.js';
import { DIRECT_IDENTIFIER_TYPES, directIdentifierColumns } from './direct-identifiers.js';
import { formatDateParts, inferRuleKind, parseRuleSpec, RuleError, ruleLevels, describeLevel, type ColumnRule, type DateParts } from './generalize-columns.js';
import { measureRisk, type ClassSizeCount, type LDiversity } from './metrics.js';
import { generalizeTable, type GeneralizationStep } from './reach-k.js';
import { resolveColumn, resolveColumns, tableFromDocument, TableError, type Table } from './table.js';

export interface RiskOptions {
  /** Comma-separated quasi-identifier columns (names, 1-based numbers or letters). */
  quasi: string;
  /** The sensitive column, for l-diversity. */
  sensitive?: string;
  /** Classes smaller than this are too small; the table is safe when k reaches it. */
  kThreshold: number;
  /** The table is also unsafe when distinct l is below this. */
  lThreshold?: number;
  sheet?: string;
  /** `COL=RULE` or `COL` items (see generalize-columns.ts). */
  generalize: readonly string[];
  targetK?: number;
  /** 0..1, see reach-k.ts. */
  suppressUpTo?: number;
  asOf: DateParts;
  /** Most too-small groups listed; 0 lists all. */
  maxGroups: number;
}

export interface SmallGroup {
  size: number;
  /** Quasi-identifier values by column name (masked for a direct-identifier column). */
  values: Record<string, string>;
  /** Distinct sensitive values in the group (with a sensitive column). */
  distinctSensitive?: number;
}

export interface RiskReport {
  file: string;
  format: string;
  sheet: string | null;
  /** Data rows as read. */
  sourceRows: number;
  /** Rows measured: as read, less the suppressed ones. */
  rows: number;
  columns: string[];
  quasi: string[];
  sensitive: string | null;
  thresholds: { k: number; l: number | null };
  k: number | null;
  classes: number;
  classSizes: ClassSizeCount[];
  atRisk: { rows: number; share: number };
  l: LDiversity | null;
  smallGroups: { total: number; listed: SmallGroup[] };
  directIdentifiers: Array<{ column: string; type: string; share: number; quasi: boolean }>;
  generalization: {
    targetK: number | null;
    asOf: string | null;
    rules: Array<{ column: string; levels: string[] }>;
    steps: GeneralizationStep[];
    suppressedRows: number;
    suppressedShare: number;
  } | null;
  /** k reaches the threshold (and l its threshold, when given). */
  safe: boolean;
}

export interface RiskResult {
  report: RiskReport;
  /** The table as measured: generalised, suppressed rows left out (for --out). */
  table: Table;
  /** Delimiter for writing `table` as CSV: the source's for a CSV file, ";" (Excel in a Russian locale) for a workbook. */
  delimiter: string;
}

/** Reads a table file: its document and the findings of the direct-identifier detectors. */
export async function readTableFile(path: string): Promise<{ doc: ScanDocument; findings: Finding[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TableError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code ?? 'error'}`);
  }
  try {
    const { doc, all } = await analyzeBytes(bytes, path, { reveal: false, ocr: 'never', ocrEmbeddedImages: false, types: [...DIRECT_IDENTIFIER_TYPES] });
    return { doc, findings: all };
  } catch (error) {
    if (error instanceof UnsupportedFormatError) throw new TableError(`${path}: not a table (${error.reason})`);
    if (error instanceof ExtractionError) throw new TableError(`${path}: cannot read it (${error.message})`);
    throw error;
  }
}

function parseRules(table: Table, items: readonly string[], quasi: readonly number[]): ColumnRule[] {
  const rules: ColumnRule[] = [];
  for (const item of items.flatMap((i) => i.split(',')).map((i) => i.trim()).filter(Boolean)) {
    const eq = item.lastIndexOf('=');
    const column = resolveColumn(table, eq >= 0 ? item.slice(0, eq) : item, '--generalize');
    const name = table.columns[column]!;
    if (!quasi.includes(column)) throw new TableError(`--generalize: column "${name}" is not a quasi-identifier (add it to --quasi)`);
    if (rules.some((r) => r.column === column)) throw new TableError(`--generalize: column "${name}" given twice`);
    const values = table.rows.map((row) => row[column] ?? '');
    let spec;
    if (eq >= 0) {
      try {
        spec = parseRuleSpec(item.slice(eq + 1));
      } catch (error) {
        if (error instanceof RuleError) throw new TableError(`--generalize: ${name}: ${error.message}`);
        throw error;
      }
    } else {
      const kind = inferRuleKind(values);
      if (!kind) throw new TableError(`--generalize: cannot tell how to generalise "${name}" from its values; name a rule: "${name}=age|year|range|postal|region"`);
      spec = { kind };
    }
    rules.push({ column, kind: spec.kind, levels: ruleLevels(spec, values) });
  }
  return rules;
}

export function analyzeRisk(path: string, doc: ScanDocument, findings: readonly Finding[], options: RiskOptions): RiskResult {
  const of = tableFromDocument(doc, options.sheet !== undefined ? { sheet: options.sheet } : {});
  const { table } = of;
  if (table.rows.length === 0) throw new TableError('the table has a header but no data rows');
  const quasi = resolveColumns(table, options.quasi, '--quasi');
  const sensitive = options.sensitive !== undefined ? resolveColumn(table, options.sensitive, '--sensitive') : undefined;
  if (sensitive !== undefined && quasi.includes(sensitive)) throw new TableError(`--sensitive: column "${table.columns[sensitive]}" is also a quasi-identifier`);
  if (options.lThreshold !== undefined && sensitive === undefined) throw new TableError('--l needs --sensitive');
  const rules = parseRules(table, options.generalize, quasi);

  const generalised =
    rules.length > 0 || options.targetK !== undefined
      ? generalizeTable(table, quasi, rules, {
          kThreshold: options.kThreshold,
          asOf: options.asOf,
          ...(options.targetK !== undefined ? { targetK: options.targetK } : {}),
          ...(options.suppressUpTo !== undefined ? { suppressUpTo: options.suppressUpTo } : {}),
        })
      : undefined;
  const rows = generalised?.rows ?? table.rows;
  const metrics = measureRisk(rows, quasi, { kThreshold: options.kThreshold, ...(sensitive !== undefined ? { sensitive } : {}) });

  const direct = directIdentifierColumns(doc, findings, of);
  const masked = new Set(direct.map((d) => d.column));
  const listed = options.maxGroups === 0 ? metrics.smallClasses : metrics.smallClasses.slice(0, options.maxGroups);
  const smallGroups: SmallGroup[] = listed.map((c) => ({
    size: c.rows.length,
    values: Object.fromEntries(quasi.map((q, i) => [table.columns[q]!, masked.has(q) ? maskTail(c.values[i]!, 0) : c.values[i]!])),
    ...(c.sensitive ? { distinctSensitive: c.sensitive.size } : {}),
  }));

  const lOk = options.lThreshold === undefined || (metrics.l !== null && metrics.l.distinct >= options.lThreshold);
  const report: RiskReport = {
    file: path,
    format: doc.meta.format,
    sheet: table.sheet ?? null,
    sourceRows: table.rows.length,
    rows: metrics.rows,
    columns: [...table.columns],
    quasi: quasi.map((q) => table.columns[q]!),
    sensitive: sensitive !== undefined ? table.columns[sensitive]! : null,
    thresholds: { k: options.kThreshold, l: options.lThreshold ?? null },
    k: metrics.k,
    classes: metrics.classes,
    classSizes: metrics.classSizes,
    atRisk: { rows: metrics.atRiskRows, share: metrics.atRiskShare },
    l: metrics.l,
    smallGroups: { total: metrics.smallClasses.length, listed: smallGroups },
    directIdentifiers: direct.map((d) => ({ column: table.columns[d.column]!, type: d.type, share: d.share, quasi: quasi.includes(d.column) })),
    generalization: generalised
      ? {
          targetK: options.targetK ?? null,
          asOf: rules.some((r) => r.kind === 'age') ? formatDateParts(options.asOf) : null,
          rules: rules.map((r) => ({ column: table.columns[r.column]!, levels: r.levels.map((p) => describeLevel(r.kind, p)) })),
          steps: generalised.steps,
          suppressedRows: generalised.suppressedRows,
          suppressedShare: generalised.suppressedRows / table.rows.length,
        }
      : null,
    safe: metrics.k !== null && metrics.k >= options.kThreshold && lOk,
  };
  const out: Table = {
    ...table,
    rows,
    sourceRows: generalised ? generalised.keptRows.map((i) => table.sourceRows[i]!) : table.sourceRows,
  };
  return { report, table: out, delimiter: csvDelimiterOf(path, doc) };
}

function csvDelimiterOf(path: string, doc: ScanDocument): string {
  if (doc.meta.format !== 'csv') return ';';
  return path.toLowerCase().endsWith('.tsv') ? '\t' : detectDelimiter(doc.meta.sourceText ?? '');
}
