/**
 * Dates of birth as written ("12.03.1985", "1985-03-12", "«12» марта 1985", "1985"): their parts
 * and where they stand, so a fake date can be written in the original's layout, and the year and
 * age band can be read for `generalize`.
 */
import { expandYear, MONTH_WORD, monthIndex } from '../../detectors/shared/dates.js';
import type { KeyedRandom } from './keyed.js';

interface Piece {
  start: number;
  end: number;
  text: string;
}

export interface WrittenDate {
  y: number;
  m?: number;
  d?: number;
  year: Piece;
  month?: Piece;
  day?: Piece;
}

const FORMS: readonly RegExp[] = [
  /(?<!\d)(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?!\d)/du,
  /(?<!\d)(?<d>\d{1,2})(?<sep>[./-])(?<m>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?!\d)/du,
  new RegExp(`(?<!\\d)(?<d>\\d{1,2})[»"“]?\\s+(?<mon>${MONTH_WORD})(?![\\p{L}])\\s*(?<y>\\d{4})(?!\\d)`, 'diu'),
  /(?<!\d)(?<y>(?:19|20)\d{2})(?!\d)/du,
];

/** The date in `value`, or undefined when it holds none of the written forms. */
export function parseWrittenDate(value: string, now: Date = new Date()): WrittenDate | undefined {
  for (const re of FORMS) {
    const m = re.exec(value);
    if (!m?.groups || !m.indices?.groups) continue;
    const piece = (name: string): Piece | undefined => {
      const at = m.indices!.groups![name];
      return at ? { start: at[0], end: at[1], text: value.slice(at[0], at[1]) } : undefined;
    };
    const year = piece('y')!;
    const y = year.text.length === 2 ? expandYear(year.text, now) : Number(year.text);
    const month = piece('m') ?? piece('mon');
    const day = piece('d');
    const mon = m.groups['mon'] !== undefined ? monthIndex(m.groups['mon']) : m.groups['m'] !== undefined ? Number(m.groups['m']) : undefined;
    const d = m.groups['d'] !== undefined ? Number(m.groups['d']) : undefined;
    if (mon !== undefined && (mon < 1 || mon > 12)) return undefined;
    if (mon !== undefined && d !== undefined && (d < 1 || d > daysIn(y, mon))) return undefined;
    return { y, year, ...(mon !== undefined && month ? { m: mon, month } : {}), ...(d !== undefined && day ? { d, day } : {}) };
  }
  return undefined;
}

/** The date itself ("1985-3-12"), whatever its writing: one date gets one fake. */
export function dateKey(value: string): string | undefined {
  const date = parseWrittenDate(value);
  return date ? [date.y, date.m, date.d].filter((x) => x !== undefined).join('-') : undefined;
}

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

const GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const ABBREVIATIONS = ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const ABBREVIATED = /^(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?$/iu;

/** Up to two years either way, never the same day, never in the future or before 1900. */
const MAX_SHIFT_DAYS = 730;

/** Another date within two years of `value`'s, written the same way. */
export function fakeDate(value: string, rng: KeyedRandom, now: Date = new Date()): string | undefined {
  const date = parseWrittenDate(value, now);
  if (!date) return undefined;
  for (let i = 0; i < 50; i++) {
    const out = date.m !== undefined && date.d !== undefined ? shiftDay(value, date, rng, now) : shiftYear(value, date, rng, now);
    if (out !== undefined && out !== value) return out;
  }
  return undefined;
}

function shiftDay(value: string, date: WrittenDate, rng: KeyedRandom, now: Date): string | undefined {
  const shift = 1 + rng.int(MAX_SHIFT_DAYS);
  const sign = rng.int(2) === 0 ? -1 : 1;
  const t = new Date(Date.UTC(date.y, date.m! - 1, date.d!) + sign * shift * 86_400_000);
  if (t.getTime() > now.getTime() || t.getUTCFullYear() < 1900) return undefined;
  return write(value, date, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function shiftYear(value: string, date: WrittenDate, rng: KeyedRandom, now: Date): string | undefined {
  const y = date.y + rng.pick([-2, -1, 1, 2]);
  if (y > now.getFullYear() || y < 1900) return undefined;
  return write(value, date, y, date.m, date.d);
}

/** `value` with its pieces rewritten: the same widths, the same month style and letter case. */
function write(value: string, date: WrittenDate, y: number, m: number | undefined, d: number | undefined): string {
  const edits: Piece[] = [{ ...date.year, text: date.year.text.length === 2 ? String(y % 100).padStart(2, '0') : String(y) }];
  if (date.month && m !== undefined) {
    edits.push({ ...date.month, text: /^\d+$/.test(date.month.text) ? String(m).padStart(date.month.text.length, '0') : monthWord(date.month.text, m) });
  }
  if (date.day && d !== undefined) edits.push({ ...date.day, text: String(d).padStart(date.day.text.length, '0') });
  let out = value;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function monthWord(original: string, m: number): string {
  const abbreviated = ABBREVIATED.test(original);
  let word = abbreviated ? ABBREVIATIONS[m - 1]! + (original.endsWith('.') && m !== 5 ? '.' : '') : GENITIVE[m - 1]!;
  if (original === original.toUpperCase()) word = word.toUpperCase();
  else if (original[0] === original[0]!.toUpperCase()) word = word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/**
 * The year: "12.03.1985" → "1985 г.". A date with a month word or a lone year is usually followed
 * by its own "г."/"года" outside the value ("12 марта 1985 г.", "1985 г.р."): the bare year then.
 */
export function birthYear(value: string, now: Date = new Date()): string | undefined {
  const date = parseWrittenDate(value, now);
  if (!date) return undefined;
  return date.month === undefined || !/^\d+$/.test(date.month.text) ? String(date.y) : `${date.y} г.`;
}

/**
 * The age band ("30–39") of a person born on `dateOfBirth` as of `asOf`: bands of `width` years
 * starting at 0. A date without day and month counts as the middle of its year.
 */
export function ageBand(dateOfBirth: string, asOf: Date, width = 10): string | undefined {
  const date = parseWrittenDate(dateOfBirth, asOf);
  if (!date || width < 1) return undefined;
  const m = date.m ?? 7;
  const d = date.d ?? 1;
  const before = asOf.getMonth() + 1 < m || (asOf.getMonth() + 1 === m && asOf.getDate() < d);
  const age = asOf.getFullYear() - date.y - (before ? 1 : 0);
  if (age < 0) return undefined;
  const low = Math.floor(age / width) * width;
  return `${low}–${low + width - 1}`;
}
