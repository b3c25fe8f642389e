import { luhnValid } from '../../shared/numbers.js';

/**
 * Единый номер полиса ОМС (ru-pd-reference §3.4): 16 digits. The control digit usually attributed
 * to the FFOMS specification equals Luhn over the 16 digits; the primary text could not be
 * checked (§12), so the result only raises confidence and never rejects a policy.
 */
export function omsControlPasses(digits: string): boolean {
  return /^\d{16}$/.test(digits) && luhnValid(digits);
}

/**
 * The rule as the secondary sources describe it, literally: odd-position digits of the 15-digit body
 * (from the right) as one number, doubled; even-position digits written in front; all digits summed;
 * the control digit tops the sum up to a multiple of 10. Kept to prove it equals Luhn.
 */
export function omsControlLiteral(body15: string): number {
  const rev = [...body15].reverse();
  const odd = rev.filter((_, i) => i % 2 === 0).reverse().join('');
  const even = rev.filter((_, i) => i % 2 === 1).reverse().join('');
  const doubled = (BigInt(odd) * 2n).toString();
  const sum = [...(even + doubled)].reduce((a, c) => a + Number(c), 0);
  return (10 - (sum % 10)) % 10;
}
