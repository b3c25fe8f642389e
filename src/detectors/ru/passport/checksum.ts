/**
 * Structural checks of the internal passport (ru-pd-reference §2.1). There is no checksum: the
 * series is the region of the blank (two-digit OKATO code) and the year it was printed.
 */

/** Two-digit OKATO region codes seen as the first two digits of a passport series. */
export const OKATO2: ReadonlySet<string> = new Set(
  (
    '01 03 04 05 07 08 10 11 12 14 15 17 18 19 20 21 22 23 24 25 26 27 28 29 30 32 33 34 35 36 ' +
    '37 38 40 41 42 43 44 45 46 47 49 50 52 53 54 55 56 57 58 60 61 63 64 65 66 67 68 69 70 71 73 74 75 76 77 78 79 80 ' +
    '81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99'
  ).split(' '),
);

/** Blank year (series digits 3–4): 97–99 or 00 … (current year + 1). */
export function plausibleBlankYear(yy: string, now: Date = new Date()): boolean {
  const n = Number(yy);
  return n >= 97 || n <= (now.getFullYear() % 100) + 1;
}

/** Four-digit year of the blank from its two-digit code. */
export function blankYear(yy: string): number {
  const n = Number(yy);
  return n >= 97 ? 1900 + n : 2000 + n;
}

/**
 * `ok`: region in the OKATO list and a plausible blank year; `unknown-region`: the year is fine but
 * the region code is not in the two-digit list (autonomous okrugs, new regions: a soft failure, §12);
 * `invalid`: region 00 or an impossible blank year.
 */
export type SeriesCheck = 'ok' | 'unknown-region' | 'invalid';

export function checkPassportSeries(series: string, now: Date = new Date()): SeriesCheck {
  if (!/^\d{4}$/.test(series)) return 'invalid';
  const region = series.slice(0, 2);
  if (region === '00' || !plausibleBlankYear(series.slice(2, 4), now)) return 'invalid';
  return OKATO2.has(region) ? 'ok' : 'unknown-region';
}

/** Series + number (10 digits) as the reference's passportRfCheck: region listed, year plausible. */
export function isValidPassport(digits: string, now: Date = new Date()): boolean {
  return /^\d{10}$/.test(digits) && checkPassportSeries(digits.slice(0, 4), now) === 'ok';
}

/** A blank cannot be issued before it was printed: issue year ≥ blank year. */
export function passportIssueConsistent(series: string, issue: { y: number }): boolean {
  return issue.y >= blankYear(series.slice(2, 4));
}

/**
 * Код подразделения "NNN-NNN" (also written without the dash): digits 1–2 are the subject code in
 * the ФНС/ГИБДД numbering, never 00; the third digit's meaning differs between sources (§12), so
 * it is not checked.
 */
export function isValidDivisionCode(code: string): boolean {
  const m = /^(\d{2})\d-?\d{3}$/.exec(code.trim());
  return !!m && m[1] !== '00';
}
