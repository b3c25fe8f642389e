/**
 * What changed between two runs: files that appeared or went, and files whose personal data
 * changed — a type of personal data gained or lost, or another risk, categories or status. A
 * file's state as of a run is the last state the history recorded at or before that run, so a
 * run that scanned only part of the tree says nothing about the rest.
 */
import { InventoryError } from './db.js';
import { decodeState, type PresentState } from './file-state.js';
import type { InventoryStore, RunRecord } from './store.js';

export const CHANGE_KINDS = ['gained', 'lost', 'changed', 'new', 'gone'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface FileChange {
  kind: ChangeKind;
  path: string;
  before: Omit<PresentState, 'present'> | null;
  after: Omit<PresentState, 'present'> | null;
  /** Types of personal data found now and not before (for a new file: all it holds). */
  gainedTypes: string[];
  /** Types of personal data found before and not now (for a gone file: all it held). */
  lostTypes: string[];
}

export interface RunDiff {
  /** null: compared with an empty inventory (there is only one finished run). */
  from: RunRecord | null;
  to: RunRecord;
  changes: FileChange[];
  counts: Record<ChangeKind, number>;
}

/** The runs to compare: `since` (or the finished run before the last) against the last finished run. */
export function runsToCompare(store: InventoryStore, since?: number): { from: RunRecord | null; to: RunRecord } {
  const finished = store.runs().filter((r) => r.status === 'finished');
  const to = finished.at(-1);
  if (!to) throw new InventoryError('the inventory has no finished run yet: run "pdnscan scan --db" first');
  if (since === undefined) return { from: finished.at(-2) ?? null, to };
  const from = store.run(since);
  if (!from) throw new InventoryError(`--since: the inventory has no run ${since}`);
  if (from.id > to.id) throw new InventoryError(`--since: run ${since} is later than the last finished run (${to.id})`);
  return { from, to };
}

export function diffRuns(store: InventoryStore, from: RunRecord | null, to: RunRecord): RunDiff {
  const changes: FileChange[] = [];
  for (const pair of store.statePairs(from?.id ?? 0, to.id)) {
    const change = compare(pair.displayPath, decodeState(pair.before), decodeState(pair.after));
    if (change) changes.push(change);
  }
  const order = (k: ChangeKind) => CHANGE_KINDS.indexOf(k);
  changes.sort((a, b) => order(a.kind) - order(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const c of changes) counts[c.kind]++;
  return { from, to, changes, counts };
}

function compare(path: string, before: ReturnType<typeof decodeState>, after: ReturnType<typeof decodeState>): FileChange | undefined {
  const was = before?.present ? before : undefined;
  const is = after?.present ? after : undefined;
  if (!was && !is) return undefined;
  const gainedTypes = is ? is.types.filter((t) => !was?.types.includes(t)) : [];
  const lostTypes = was ? was.types.filter((t) => !is?.types.includes(t)) : [];
  const change = { path, before: was ? visible(was) : null, after: is ? visible(is) : null, gainedTypes, lostTypes };
  if (!was) return { kind: 'new', ...change };
  if (!is) return { kind: 'gone', ...change };
  // A file that became unreadable "loses" its findings: that is a change of status, not data lost.
  if (was.status === is.status) {
    if (gainedTypes.length > 0 && lostTypes.length === 0) return { kind: 'gained', ...change };
    if (lostTypes.length > 0 && gainedTypes.length === 0) return { kind: 'lost', ...change };
  }
  const same = gainedTypes.length === 0 && lostTypes.length === 0 && was.status === is.status && was.risk === is.risk && sameList(was.categories, is.categories);
  return same ? undefined : { kind: 'changed', ...change };
}

function visible(state: PresentState): Omit<PresentState, 'present'> {
  const { present: _present, ...rest } = state;
  return rest;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
