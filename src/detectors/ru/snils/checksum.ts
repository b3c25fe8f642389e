import { digitAt } from '../../shared/numbers.js';

/** Numbers up to 001-001-998 carry no verifiable control number (Pension Fund rule). */
const NO_CHECK_MAX = 1_001_998;

/**
 * СНИЛС control number (ru-pd-reference §3.1): each of the 9 digits times its position counted
 * from the end, summed; control = (sum mod 101) mod 100, printed with two digits.
 */
export function snilsControl(body9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(body9, i) * (9 - i);
  return (sum % 101) % 100;
}

export function isValidSnils(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  if (Number(body) <= NO_CHECK_MAX) return true;
  return snilsControl(body) === Number(digits.slice(9));
}
