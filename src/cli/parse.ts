/** Parsers for option values; each throws a UsageError naming the option and the bad value. */
import { ENTITY_TYPES, isEntityType, type EntityType } from '../detectors/types.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** "10MB", "512k", "1.5G", "100" (bytes). */
export function parseSize(option: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${option}: "${raw}" is not a size (examples: 500000, 512k, 10MB, 1G)`);
  return Math.floor(Number(m[1]) * unit);
}

export function parseTypes(option: string, raw: string): EntityType[] {
  const items = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const unknown = items.filter((t) => !isEntityType(t));
  if (unknown.length || items.length === 0) {
    throw new UsageError(`${option}: unknown type ${unknown.join(', ') || '(empty)'}; known types: ${ENTITY_TYPES.join(', ')}`);
  }
  return items as EntityType[];
}

export function parseScore(option: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${option}: "${raw}" must be a number from 0 to 1`);
  return n;
}

export function parsePositiveInt(option: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option}: "${raw}" must be a whole number of at least 1`);
  return n;
}

/** One character to separate CSV fields: ";" for Russian Excel; "tab" or "\t" for a tab. */
export function parseCsvDelimiter(option: string, raw: string): string {
  const delimiter = raw === 'tab' || raw === '\\t' ? '\t' : raw;
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new UsageError(`${option}: "${raw}" must be one character other than a quote or a line break (e.g. ";" or tab)`);
  }
  return delimiter;
}
