/**
 * A scan report made from the inventory, without reading any scanned file: the current files
 * (not gone) in the order a walk of the roots would give, values masked unless asked for and
 * stored.
 */
import path from 'node:path';
import { summarise } from '../engine/scanner.js';
import type { ScanReport } from '../report/types.js';
import { TOOL_VERSION } from '../version.js';
import { forOutput } from './storage.js';
import { isInside, type InventoryStore } from './store.js';

export function reportFromInventory(store: InventoryStore, reveal: boolean): ScanReport {
  const runs = store.runs();
  const roots = unique(runs.flatMap((r) => r.roots));
  const realRoots = unique(runs.flatMap((r) => r.realRoots));
  const rootIndex = (file: string): number => {
    const i = realRoots.findIndex((root) => isInside(file, root));
    return i < 0 ? realRoots.length : i;
  };
  const files = store
    .currentFiles()
    .map((f) => ({ ...f, root: rootIndex(f.realPath), parts: f.realPath.split(path.sep) }))
    .sort((a, b) => a.root - b.root || compareParts(a.parts, b.parts))
    .map((f) => forOutput(f.report, reveal));
  const last = runs.filter((r) => r.status === 'finished').at(-1) ?? runs.at(-1);
  return {
    tool: { name: 'pdnscan', version: TOOL_VERSION },
    startedAt: last?.startedAt ?? '',
    finishedAt: last?.finishedAt ?? last?.startedAt ?? '',
    roots,
    summary: summarise(files),
    files,
  };
}

/** The walk's order: depth first, names compared by code unit at each level. */
function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
