/**
 * Generalisation of quasi-identifier columns: each rule turns a column's values into coarser ones,
 * in levels that get coarser step by step (reach-k.ts widens them until the table is k-anonymous).
 *
 * | rule       | reads                                      | writes                 | levels (default first)   |
 * |------------|--------------------------------------------|------------------------|--------------------------|
 * | `age[:W]`  | a birth date (dd.mm.yyyy, yyyy-mm-dd…), an | age band of W years as | W, 2W, 4W (5 → 10 → 20)  |
 * |            | age in years (0–150) or a birth year       | of `--as-of`: "30-34"  |                          |
 * | `year[:W]` | a year (or a date: its year)               | "1980-1989"            | W, 2W, 4W (10 → 20 → 40) |
 * | `range[:W]`| a number ("57 000", "12,5")                | "50000-59999"          | W, 2W, 4W                |
 * | `postal[:N]`| a six-digit postal code                   | "101***"               | N, N−1 … 1 (3 → 2 → 1)   |
 * | `region`   | an address                                 | its region or city     | one level                |
 *
 * `region` keeps the comma-separated part of the address that holds the first region or city
 * token (г., гор., город, обл., область, край, респ., республика): "Московская обл., г. Химки,
 * ул. Мира, д. 1" → "Московская обл.", "123456, г. Москва, ул. Ленина" → "г. Москва". Without such
 * a token it keeps the first part that has a letter ("Казань, ул. Баумана" → "Казань"). No
 * gazetteer: a city is not mapped to its region.
 *
 * A value a rule cannot read (a typo, "не указано") is kept as it stands, trimmed; such values are
 * rare, stay in small classes and are suppressed by reach-k when a target k is asked for.
 * The width of `range` defaults to the power of ten just below the column's median (57 000 → 10 000).
 */

export const RULE_KINDS = ['age', 'year', 'range', 'postal', 'region'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

/** A rule bound to a column, with the parameter of each of its levels (width, digits kept). */
export interface ColumnRule {
  column: number;
  kind: RuleKind;
  levels: readonly number[];
}

/** A rule as the user wrote it: a kind and an optional parameter. */
export interface RuleSpec {
  kind: RuleKind;
  param?: number;
}

/** The spec of a rule is wrong; the message names the rule, not a cell value. */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

// ───────────────────────────── reading values ─────────────────────────────

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): DateParts | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

/** A calendar date: dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy (day and month may have one digit) or yyyy-mm-dd, a time after it ignored. */
export function parseDate(text: string): DateParts | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[\sT]|$)/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[\sT]|$)/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** A number written as people write it: "57 000", "12,5", "-3". */
export function parseNumber(text: string): number | undefined {
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** A four-digit year, alone or as a date's year. */
function yearOf(text: string): number | undefined {
  const s = text.trim();
  if (/^\d{4}$/.test(s)) return Number(s);
  return parseDate(s)?.y;
}

// ───────────────────────────── the generalisations ─────────────────────────────

/** Full years between a birth date and `asOf`. */
export function ageAt(birth: DateParts, asOf: DateParts): number {
  const hadBirthday = asOf.m > birth.m || (asOf.m === birth.m && asOf.d >= birth.d);
  return asOf.y - birth.y - (hadBirthday ? 0 : 1);
}

/** The band of `width` years holding the age: width 5, age 33 → "30-34". */
export function bandOf(value: number, width: number): string {
  const lo = Math.floor(value / width) * width;
  return `${lo}-${lo + width - 1}`;
}

/** The age band, as of `asOf`, of someone born on `birth`: undefined for a birth after `asOf`. */
export function ageBand(birth: DateParts, asOf: DateParts, width: number): string | undefined {
  const age = ageAt(birth, asOf);
  return age < 0 ? undefined : bandOf(age, width);
}

const MAX_AGE = 150;

function generalizeAge(value: string, asOf: DateParts, width: number): string | undefined {
  const date = parseDate(value);
  if (date) return ageBand(date, asOf, width);
  const s = value.trim();
  if (/^\d{1,3}$/.test(s) && Number(s) <= MAX_AGE) return bandOf(Number(s), width);
  // A birth year: the age reached during the year of `asOf`.
  if (/^\d{4}$/.test(s) && Number(s) <= asOf.y && asOf.y - Number(s) <= MAX_AGE) return bandOf(asOf.y - Number(s), width);
  return undefined;
}

function generalizeYear(value: string, width: number): string | undefined {
  const y = yearOf(value);
  return y === undefined ? undefined : bandOf(y, width);
}

/** The range of `width` holding the number: "50000-59999" (integers), "12.5-15" for fractions (lower bound included). */
export function numericRange(value: number, width: number): string {
  const lo = Math.floor(value / width) * width;
  const tidy = (n: number) => String(Number(n.toPrecision(12)));
  if (Number.isInteger(value) && Number.isInteger(width)) return `${lo}-${lo + width - 1}`;
  return `${tidy(lo)}-${tidy(lo + width)}`;
}

/** The first `digits` digits of a six-digit postal code, the rest starred: "101000", 3 → "101***". */
export function postalPrefix(value: string, digits: number): string | undefined {
  const s = value.trim();
  if (!/^\d{6}$/.test(s)) return undefined;
  return s.slice(0, digits) + '*'.repeat(6 - digits);
}

const REGION_TOKEN = /(?<!\p{L})(?:г|гор|обл|респ)\.|(?<!\p{L})(?:город|область|край|республика)(?!\p{L})/iu;

/** The region or city of an address (see the module comment); undefined for an empty value. */
export function regionOf(address: string): string | undefined {
  const parts = address
    .split(',')
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const part = parts.find((p) => REGION_TOKEN.test(p)) ?? parts.find((p) => /\p{L}/u.test(p));
  // "г.Москва" and "г. Москва" are one city.
  return part?.replace(/(?<!\p{L})(г|гор|обл|респ)\.\s*/giu, '$1. ').trim();
}

/** The value at a rule's level parameter; an unreadable value is kept, trimmed. */
export function generalizeCell(kind: RuleKind, param: number, value: string, asOf: DateParts): string {
  const s = value.trim();
  if (s.length === 0) return s;
  let out: string | undefined;
  switch (kind) {
    case 'age':
      out = generalizeAge(s, asOf, param);
      break;
    case 'year':
      out = generalizeYear(s, param);
      break;
    case 'range': {
      const n = parseNumber(s);
      out = n === undefined ? undefined : numericRange(n, param);
      break;
    }
    case 'postal':
      out = postalPrefix(s, param);
      break;
    case 'region':
      out = regionOf(s);
      break;
  }
  return out ?? s;
}

// ───────────────────────────── rules ─────────────────────────────

/** How a level of a rule is written in reports: "age:10", "postal:2", "region". */
export function describeLevel(kind: RuleKind, param: number): string {
  return kind === 'region' ? 'region' : `${kind}:${param}`;
}

/** "age", "age:10", "postal:2" → a RuleSpec. */
export function parseRuleSpec(raw: string): RuleSpec {
  const m = /^\s*([a-z]+)\s*(?::\s*([0-9]+(?:\.[0-9]+)?)\s*)?$/i.exec(raw);
  const kind = m?.[1]?.toLowerCase();
  if (!m || !(RULE_KINDS as readonly string[]).includes(kind!)) {
    throw new RuleError(`unknown rule "${raw.trim()}"; rules: age[:years], year[:years], range[:width], postal[:digits], region`);
  }
  const spec: RuleSpec = { kind: kind as RuleKind };
  if (m[2] === undefined) return spec;
  const param = Number(m[2]);
  if (kind === 'region') throw new RuleError('region takes no parameter');
  if (kind === 'postal' && !(Number.isInteger(param) && param >= 1 && param <= 5)) throw new RuleError(`postal:${m[2]}: keep 1 to 5 digits`);
  if ((kind === 'age' || kind === 'year') && !(Number.isInteger(param) && param >= 1)) throw new RuleError(`${kind}:${m[2]}: the band is a whole number of years, at least 1`);
  if (!(param > 0)) throw new RuleError(`${kind}:${m[2]}: the width must be above 0`);
  spec.param = param;
  return spec;
}

/** Share of a column's non-empty values a reading must fit for the rule to be inferred. */
const INFER_SHARE = 0.8;
/** Values looked at to infer a rule. */
const INFER_SAMPLE = 500;

/** The rule a column's values call for, or undefined when none fits (see the module comment). */
export function inferRuleKind(values: readonly string[]): RuleKind | undefined {
  const sample = values.map((v) => v.trim()).filter(Boolean).slice(0, INFER_SAMPLE);
  if (sample.length === 0) return undefined;
  const share = (test: (v: string) => boolean) => sample.filter(test).length / sample.length;
  if (share((v) => parseDate(v) !== undefined) >= INFER_SHARE) return 'age';
  if (share((v) => /^(1[89]|20)\d\d$/.test(v)) >= INFER_SHARE) return 'year';
  if (share((v) => /^\d{6}$/.test(v)) >= INFER_SHARE) return 'postal';
  if (share((v) => parseNumber(v) !== undefined) >= INFER_SHARE) return 'range';
  if (share((v) => v.includes(',') || REGION_TOKEN.test(v)) >= INFER_SHARE) return 'region';
  return undefined;
}

/** The power of ten just below the median magnitude of a column's numbers (1 when there are none). */
export function defaultRangeWidth(values: readonly string[]): number {
  const nums = values
    .map(parseNumber)
    .filter((n): n is number => n !== undefined)
    .map(Math.abs)
    .sort((a, b) => a - b);
  const median = nums[Math.floor(nums.length / 2)];
  if (median === undefined || median < 1) return 1;
  return 10 ** Math.floor(Math.log10(median));
}

/** The parameters of a rule's levels, coarser each time (see the module comment). */
export function ruleLevels(spec: RuleSpec, values: readonly string[]): number[] {
  switch (spec.kind) {
    case 'age':
    case 'year':
    case 'range': {
      const w = spec.param ?? (spec.kind === 'age' ? 5 : spec.kind === 'year' ? 10 : defaultRangeWidth(values));
      return [w, 2 * w, 4 * w];
    }
    case 'postal': {
      const levels: number[] = [];
      for (let n = spec.param ?? 3; n >= 1; n--) levels.push(n);
      return levels;
    }
    case 'region':
      return [0];
  }
}

/** A reference date: YYYY-MM-DD or dd.mm.yyyy. */
export function parseAsOf(raw: string): DateParts | undefined {
  return parseDate(raw);
}

export function today(): DateParts {
  const now = new Date();
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
}

export const formatDateParts = ({ y, m, d }: DateParts): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
