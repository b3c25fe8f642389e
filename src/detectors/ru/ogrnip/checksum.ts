import { digitAt, modDecimal } from '../../shared/numbers.js';

/**
 * ОГРНИП / ГРНИП (ru-pd-reference §3.3): 15 digits starting with 3 (ОГРНИП) or 4 (ГРНИП); the
 * control digit is the last digit of (first 14 digits mod 13) — remainders 10, 11, 12 give 0, 1, 2
 * (§12: the registry rule, not python-stdnum's strict reading).
 */
export function isValidOgrnip(digits: string): boolean {
  if (!/^[34]\d{14}$/.test(digits)) return false;
  return modDecimal(digits.slice(0, 14), 13) % 10 === digitAt(digits, 14);
}

/** The strict variant of one library (remainder itself must equal the digit), for the §12 test. */
export function isValidOgrnipStrict(digits: string): boolean {
  return /^[34]\d{14}$/.test(digits) && modDecimal(digits.slice(0, 14), 13) === digitAt(digits, 14);
}
