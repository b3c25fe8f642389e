import { digitAt, weightedSum } from '../../shared/numbers.js';

/** Weights of the 11th and 12th digits of a natural person's ИНН (ru-pd-reference §3.2). */
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/**
 * 12-digit ИНН of a natural person (also an individual entrepreneur): two check digits, each the
 * weighted sum mod 11, then mod 10. The tax-office code never starts with "00".
 */
export function isValidInn12(digits: string): boolean {
  if (!/^\d{12}$/.test(digits) || digits.startsWith('00')) return false;
  const c11 = (weightedSum(digits, W11) % 11) % 10;
  const c12 = (weightedSum(digits, W12) % 11) % 10;
  return c11 === digitAt(digits, 10) && c12 === digitAt(digits, 11);
}
