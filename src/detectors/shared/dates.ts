/**
 * Calendar helpers shared by the date-of-birth detector and the passport's issue-date check
 * (ru-pd-reference §7).
 */

/** Month names in the genitive (and nominative) and their abbreviations, longest first. */
export const MONTH_WORD =
  '(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|' +
  'янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\\.?';

const MONTH_STEMS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/** 1–12 for a Russian month name or abbreviation ("марта", "мар.", "мая"), 0 otherwise. */
export function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (!new RegExp(`^${MONTH_WORD}$`, 'u').test(w)) return 0;
  if (w.startsWith('мар')) return 3;
  if (w.startsWith('ма')) return 5;
  return MONTH_STEMS.findIndex((stem) => w.startsWith(stem)) + 1;
}

/** A real calendar date (29.02 only in leap years) with a year from 1900 to the current year. */
export function validYmd(y: number, m: number, d: number, now: Date = new Date()): boolean {
  if (!(y >= 1900 && y <= now.getFullYear() && m >= 1 && m <= 12 && d >= 1)) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Two-digit year → four digits: up to the current year's two digits is 20yy, otherwise 19yy. */
export function expandYear(yy: string, now: Date = new Date()): number {
  const n = Number(yy);
  return n <= now.getFullYear() % 100 ? 2000 + n : 1900 + n;
}
