/** The risk report as text for a terminal, or as JSON. */
import type { RiskReport } from './analyze-table.js';

export const RISK_FORMATS = ['table', 'json'] as const;
export type RiskFormat = (typeof RISK_FORMATS)[number];

export function renderRisk(report: RiskReport, format: RiskFormat): string {
  return format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report);
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const width = (s: string) => [...s].length;
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** Rows of cells as aligned columns; `right` marks right-aligned (numeric) columns. */
function grid(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    '  ' + cells.map((c, i) => (right[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Most class-size lines printed: larger sizes are summed into one "N+" line (JSON lists them all). */
const MAX_SIZE_LINES = 15;

function sizeRows(r: RiskReport): string[][] {
  const line = (size: string, classes: number, rows: number) => [size, String(classes), String(rows)];
  if (r.classSizes.length <= MAX_SIZE_LINES) return r.classSizes.map((c) => line(String(c.size), c.classes, c.rows));
  const head = r.classSizes.slice(0, MAX_SIZE_LINES - 1);
  const tail = r.classSizes.slice(MAX_SIZE_LINES - 1);
  const sum = (f: (c: (typeof tail)[number]) => number) => tail.reduce((a, c) => a + f(c), 0);
  return [...head.map((c) => line(String(c.size), c.classes, c.rows)), line(`${tail[0]!.size}+`, sum((c) => c.classes), sum((c) => c.rows))];
}

function renderText(r: RiskReport): string {
  const out: string[] = [];
  const where = r.sheet !== null ? `, sheet "${r.sheet}"` : '';
  out.push(`${r.file} (${r.format}${where}): ${r.sourceRows} rows, ${r.columns.length} columns`);
  out.push(`quasi-identifiers: ${r.quasi.join(', ')}`);
  if (r.sensitive !== null) out.push(`sensitive: ${r.sensitive}`);

  for (const d of r.directIdentifiers) {
    const what = d.quasi ? 'its values are masked below; ' : '';
    out.push(`warning: column "${d.column}" holds direct identifiers (${d.type} in ${pct(d.share)} of its cells): ${what}remove it before release`);
  }

  const g = r.generalization;
  if (g) {
    out.push('');
    out.push(g.targetK !== null ? `generalisation to k ≥ ${g.targetK}${g.asOf ? ` (ages as of ${g.asOf})` : ''}` : `generalisation${g.asOf ? ` (ages as of ${g.asOf})` : ''}`);
    out.push(
      ...grid(
        ['step', 'rules', 'k', 'classes', 'at-risk rows'],
        g.steps.map((s, i) => [String(i), s.rules.length ? s.rules.map((x) => `${x.column}=${x.rule}`).join(', ') : '(as read)', String(s.k ?? '-'), String(s.classes), String(s.atRiskRows)]),
        [true, false, true, true, true],
      ),
    );
    if (g.targetK !== null) out.push(`  suppressed: ${g.suppressedRows} rows (${pct(g.suppressedShare)}) still in classes smaller than ${g.targetK}`);
  }

  out.push('');
  const kLow = r.k === null || r.k < r.thresholds.k;
  const lLow = r.thresholds.l !== null && (r.l === null || r.l.distinct < r.thresholds.l);
  out.push(`k-anonymity   k = ${r.k ?? '-'} (threshold ${r.thresholds.k}${kLow ? ': below' : ''})`);
  if (r.l) out.push(`l-diversity   distinct l = ${r.l.distinct}, entropy l = ${r.l.entropy.toFixed(2)}${r.thresholds.l !== null ? ` (threshold ${r.thresholds.l}${lLow ? ': below' : ''})` : ''}`);
  out.push(`rows          ${r.rows}${r.rows !== r.sourceRows ? ` of ${r.sourceRows}` : ''}`);
  out.push(`classes       ${r.classes}`);
  out.push(`at-risk rows  ${r.atRisk.rows} (${pct(r.atRisk.share)}) in classes smaller than ${r.thresholds.k}`);

  if (r.classSizes.length > 0) {
    out.push('');
    out.push('class sizes');
    out.push(...grid(['size', 'classes', 'rows'], sizeRows(r), [true, true, true]));
  }

  if (r.smallGroups.total > 0) {
    out.push('');
    const shown = r.smallGroups.listed.length;
    out.push(`groups smaller than ${r.thresholds.k}${shown < r.smallGroups.total ? ` (${shown} of ${r.smallGroups.total} shown)` : ''}`);
    const withL = r.sensitive !== null;
    out.push(
      ...grid(
        ['rows', ...r.quasi, ...(withL ? [`distinct ${r.sensitive}`] : [])],
        r.smallGroups.listed.map((grp) => [String(grp.size), ...r.quasi.map((q) => grp.values[q] ?? ''), ...(withL ? [String(grp.distinctSensitive ?? '')] : [])]),
        [true, ...r.quasi.map(() => false), ...(withL ? [true] : [])],
      ),
    );
  }
  out.push('');
  out.push(r.safe ? `verdict: passes (k ≥ ${r.thresholds.k}${r.thresholds.l !== null ? `, l ≥ ${r.thresholds.l}` : ''})${r.directIdentifiers.length ? ', once the direct-identifier columns are removed' : ''}` : `verdict: NOT SAFE to release (${[kLow ? `k below ${r.thresholds.k}` : '', lLow ? `l below ${r.thresholds.l}` : ''].filter(Boolean).join(', ')})`);
  return out.join('\n') + '\n';
}
