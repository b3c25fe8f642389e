import { luhnValid } from '../../shared/numbers.js';

/**
 * Bank card numbers (ru-pd-reference §4.1): 13–19 digits, Luhn. Мир cards have the BIN range
 * 2200–2204 and 16–19 digits (§12: other prefixes seen on web pages are not used).
 */
export type CardCheck = false | 'mir' | 'card';

export function checkCard(digits: string): CardCheck {
  if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits)) return false;
  // No issuer number starts with 0, and a run of one digit is a placeholder, not a card.
  if (digits.startsWith('0') || /^(\d)\1+$/.test(digits)) return false;
  const bin4 = Number(digits.slice(0, 4));
  return bin4 >= 2200 && bin4 <= 2204 && digits.length >= 16 ? 'mir' : 'card';
}
