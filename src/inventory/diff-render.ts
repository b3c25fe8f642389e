/** A run diff as a table for people or as JSON for programs. Holds no values: types and risk only. */
import type { FileChange, RunDiff } from './diff.js';
import type { RunRecord } from './store.js';

export const DIFF_FORMATS = ['table', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(diff: RunDiff, format: DiffFormat): string {
  return format === 'json' ? renderDiffJson(diff) : renderDiffTable(diff);
}

function renderDiffJson(diff: RunDiff): string {
  const run = (r: RunRecord | null) => r && { id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status, roots: r.roots };
  return JSON.stringify({ from: run(diff.from), to: run(diff.to), summary: diff.counts, changes: diff.changes }, null, 2) + '\n';
}

function renderDiffTable(diff: RunDiff): string {
  const from = diff.from ? `run ${diff.from.id} (${diff.from.startedAt})` : 'an empty inventory';
  const head = `Changes from ${from} to run ${diff.to.id} (${diff.to.startedAt}):\n`;
  if (diff.changes.length === 0) return head + '  none\n';
  const rows = diff.changes.map((c) => [c.kind, c.path, riskText(c), typesText(c)]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['KIND', 'PATH', 'RISK'][i]!.length));
  const line = (cells: string[]) =>
    ('  ' + cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')).trimEnd() + '\n';
  const counts = Object.entries(diff.counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return head + line(['KIND', 'PATH', 'RISK', 'TYPES']) + rows.map(line).join('') + `${diff.changes.length} files changed: ${counts}\n`;
}

function riskText(c: FileChange): string {
  const before = c.before?.risk ?? '-';
  const after = c.after?.risk ?? '-';
  return before === after ? after : `${before} → ${after}`;
}

function typesText(c: FileChange): string {
  const parts = [...c.gainedTypes.map((t) => `+${t}`), ...c.lostTypes.map((t) => `-${t}`)];
  if (c.before && c.after && c.before.status !== c.after.status) parts.push(`status ${c.before.status} → ${c.after.status}`);
  if (c.before && c.after && c.before.categories.join() !== c.after.categories.join()) {
    parts.push(`categories ${c.before.categories.join(',') || '-'} → ${c.after.categories.join(',') || '-'}`);
  }
  return parts.join(' ');
}
