import { digitAt, weightedSum } from '../../shared/numbers.js';

/** Weights of the 10th digit of an organisation's ИНН (ru-pd-reference §3.2). */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** 10-digit ИНН of an organisation: weighted sum mod 11, then mod 10; never starts with "00". */
export function isValidInn10(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || digits.startsWith('00')) return false;
  return (weightedSum(digits, W10) % 11) % 10 === digitAt(digits, 9);
}
