import { digitAt, weightedSum } from '../../shared/numbers.js';

/** Weights of the 10th digit of an organisation's ИНН (ru-pd-reference §3.2). */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** 10-digit ИНН of an organisation: weighted sum mod 11, then mod 10; never starts with "00". */
export function isValidInn10(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || digits.startsWith('00')) return false;
  return (weightedSum(digits, W10) % 11) % 10 === digitAt(digits, 9);
}

/**
 * КПП (§4.3): tax office (4 digits) + reason (2 digits or Latin capitals since 2013) + serial
 * (3 digits). Only organisations have one, so a КПП next to a 10-digit ИНН confirms it.
 */
export const isKpp = (s: string): boolean => /^\d{4}[\dA-Z]{2}\d{3}$/.test(s);
