import { digitAt, modDecimal } from '../../shared/numbers.js';

/**
 * ОГРН / ГРН (ru-pd-reference §3.3): 13 digits; the first is the record type (1, 5 ОГРН; 2, 6, 7,
 * 8, 9 ГРН — never 0, and 3/4 belong to entrepreneurs' 15-digit numbers); the control digit is the
 * last digit of (first 12 digits mod 11), so a remainder of 10 gives 0.
 */
export function isValidOgrn(digits: string): boolean {
  if (!/^[1256789]\d{12}$/.test(digits)) return false;
  return modDecimal(digits.slice(0, 12), 11) % 10 === digitAt(digits, 12);
}
