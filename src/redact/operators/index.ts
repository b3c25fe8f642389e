/**
 * Findings → edits: each finding's type picks an operator (the policy), the operator gives the
 * substitute. Pseudonyms and fakes are keyed (see keyed.ts), so they are consistent across the
 * files of a run and across runs with the same key.
 */
import { detectorById } from '../../detectors/registry.js';
import type { EntityType, Finding } from '../../detectors/types.js';
import { segmentAt } from '../../document/locate.js';
import type { ScanDocument } from '../../document/types.js';
import { maskValue } from '../../report/mask.js';
import type { Edit, OperatorName, OperatorPolicy } from '../types.js';
import { fakeValue } from './fake.js';
import { generalizeValue } from './generalize.js';
import { personIdentities, valueIdentity } from './identity.js';
import { hmacHex, randomSource, type RandomFor } from './keyed.js';
import { pseudonymPrefix, SHORT_LABELS } from './labels.js';


/** Hex digits of a pseudonym: 6 give 16.7 million values, enough to keep a file's people apart. */
export const PSEUDONYM_LENGTH = 6;

export interface PlanContext {
  /** The run's key (pseudonym, fake, shuffle). */
  key: Uint8Array;
}

/** A substitute that can be traced back: written to `--mapping-out` only. */
export interface MappingEntry {
  type: EntityType;
  operator: OperatorName;
  substitute: string;
  original: string;
}

export interface Plan {
  edits: Edit[];
  /** One entry per distinct substitute of a keyed operator (pseudonym, fake, shuffle). */
  mapping: MappingEntry[];
}

export function operatorFor(policy: OperatorPolicy, type: EntityType): OperatorName {
  return policy.byType[type] ?? policy.default;
}

/**
 * The edits for `findings` (sorted, non-overlapping, as runDetectors gives them) under `policy`.
 */
export function planEdits(doc: ScanDocument, findings: readonly Finding[], policy: OperatorPolicy, context: PlanContext): Plan {
  const random = randomSource(context.key);
  const persons = personIdentities(findings);
  const identity = (f: Finding) => persons.get(f) ?? valueIdentity(f);
  const shuffled = shuffleColumns(doc, findings.filter((f) => operatorFor(policy, f.type) === 'shuffle'), random);
  const edits: Edit[] = [];
  const mapping = new Map<string, MappingEntry>();
  for (const finding of findings) {
    if (finding.end <= finding.start) continue;
    let operator = operatorFor(policy, finding.type);
    if (operator === 'keep') continue;
    let text = substitute(finding, operator, identity(finding), context.key, random, shuffled);
    if (text === undefined) {
      // The type has no such substitute (a fake ORG, a generalised e-mail, a lone value to shuffle).
      operator = 'replace';
      text = labelOf(finding.type);
    }
    edits.push({ start: finding.start, end: finding.end, text, type: finding.type, operator, finding });
    if (operator === 'pseudonym' || operator === 'fake' || operator === 'shuffle') {
      const id = `${finding.type}\u0000${text}\u0000${finding.value}`;
      if (!mapping.has(id)) mapping.set(id, { type: finding.type, operator, substitute: text, original: finding.value });
    }
  }
  return { edits, mapping: [...mapping.values()] };
}

export function labelOf(type: EntityType): string {
  return `[${SHORT_LABELS[type]}]`;
}

export function pseudonymOf(type: EntityType, identity: string, key: Uint8Array): string {
  return `${pseudonymPrefix(type)}-${hmacHex(key, `${type}:${identity}`).slice(0, PSEUDONYM_LENGTH)}`;
}

function substitute(
  f: Finding,
  operator: OperatorName,
  identity: string,
  key: Uint8Array,
  random: RandomFor,
  shuffled: ReadonlyMap<Finding, string>,
): string | undefined {
  switch (operator) {
    case 'mask':
      return maskValue(f.value, detectorById(f.detector)?.mask);
    case 'redact':
      return '';
    case 'replace':
      return labelOf(f.type);
    case 'pseudonym':
      return pseudonymOf(f.type, identity, key);
    case 'fake':
      return fakeValue(f, identity, random);
    case 'generalize':
      return generalizeValue(f);
    case 'shuffle':
      return shuffled.get(f);
    case 'keep':
      return f.value;
  }
}

/**
 * `shuffle`: the values of one column (CSV column, sheet column) of one type are permuted across
 * rows, so column statistics stay true while no row keeps its own value. Findings outside a
 * table, or alone in their column, get no substitute here.
 */
function shuffleColumns(doc: ScanDocument, findings: readonly Finding[], random: RandomFor): Map<Finding, string> {
  const columns = new Map<string, Finding[]>();
  for (const f of findings) {
    const column = columnOf(doc, f.start);
    if (column === undefined) continue;
    const id = `${f.type}|${column}`;
    const list = columns.get(id);
    if (list) list.push(f);
    else columns.set(id, [f]);
  }
  const out = new Map<Finding, string>();
  for (const [id, list] of columns) {
    if (list.length < 2) continue;
    // A random rotation of a shuffled order: every row gets another row's value.
    const order = list.map((_, i) => i);
    const rng = random(`shuffle:${id}:${list.map((f) => f.value).join('\u0000')}`);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.forEach((from, k) => out.set(list[from]!, list[order[(k + 1) % order.length]!]!.value));
  }
  return out;
}

/** The table column the offset is in (`csv:3`, `Лист1:C`), or undefined outside a table. */
export function columnOf(doc: ScanDocument, offset: number): string | undefined {
  const seg = segmentAt(doc.segments, offset);
  if (!seg) return undefined;
  const src = seg.source;
  const entry = seg.entry ? `${seg.entry}!` : '';
  if (src.kind === 'csv') return `${entry}csv:${src.col}`;
  if (src.kind === 'cell') return `${entry}${src.sheet}:${src.cell.replace(/\d+$/, '')}`;
  return undefined;
}
