/**
 * Accepted findings of `pdnscan check` (the director's official phone on the contacts page), kept
 * as fingerprints so that the file names no value:
 *   sha256(location + "\0" + type + "\0" + sha256(normalised value))
 * where the location is the resource's URL (or its path inside the checked folder). The same value
 * on another page, or a new value on the same page, is a new finding.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { EntityType } from '../detectors/types.js';

export interface BaselineEntry {
  fingerprint: string;
  type: EntityType;
  /** URL or path inside the checked folder. */
  location: string;
  /** The masked value, so a reader can tell entries apart; never the value itself. */
  masked: string;
}

export interface Baseline {
  tool: 'pdnscan';
  kind: 'check-baseline';
  version: 1;
  note: string;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Types whose value is a person's e-mail: case does not tell two addresses apart. */
const EMAIL_TYPES: ReadonlySet<EntityType> = new Set(['EMAIL_ADDRESS']);

/**
 * The value as compared: an e-mail lower-cased; a value without letters (СНИЛС, ИНН, card, phone)
 * reduced to its digits, so "112-233-445 95" and "11223344595" are one value; a phone's trunk
 * prefix 8 read as +7; anything else with its spaces collapsed and lower-cased.
 */
export function normaliseValue(type: EntityType, value: string): string {
  const trimmed = value.normalize('NFC').trim();
  if (EMAIL_TYPES.has(type)) return trimmed.toLowerCase();
  if (!/\p{L}/u.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    return type === 'PHONE_NUMBER' && digits.length === 11 && digits.startsWith('8') ? '7' + digits.slice(1) : digits;
  }
  return trimmed.replace(/\s+/g, ' ').toLowerCase();
}

export function fingerprintOf(location: string, type: EntityType, value: string): string {
  return sha256(`${location}\0${type}\0${sha256(normaliseValue(type, value))}`);
}

export function buildBaseline(entries: readonly BaselineEntry[]): Baseline {
  const unique = new Map(entries.map((e) => [e.fingerprint, e]));
  const findings = [...unique.values()].sort(
    (a, b) => compare(a.location, b.location) || compare(a.type, b.type) || compare(a.fingerprint, b.fingerprint),
  );
  return {
    tool: 'pdnscan',
    kind: 'check-baseline',
    version: 1,
    note: 'Findings accepted by `pdnscan check --baseline`. Fingerprints only: no values.',
    findings,
  };
}

export function serialiseBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** The accepted fingerprints of a baseline file. */
export async function readBaseline(file: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BaselineError(`${file} is not JSON (write one with --update-baseline)`);
  }
  const findings = (parsed as Partial<Baseline> | null)?.findings;
  if ((parsed as Partial<Baseline> | null)?.kind !== 'check-baseline' || !Array.isArray(findings)) {
    throw new BaselineError(`${file} is not a pdnscan check baseline (write one with --update-baseline)`);
  }
  const fingerprints = new Set<string>();
  for (const entry of findings as unknown[]) {
    const fingerprint = (entry as Partial<BaselineEntry> | null)?.fingerprint;
    if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint)) {
      throw new BaselineError(`${file}: an entry without a valid fingerprint`);
    }
    fingerprints.add(fingerprint);
  }
  return fingerprints;
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
