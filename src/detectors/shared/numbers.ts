/**
 * Building blocks shared by the number detectors (ru-pd-reference §1.1). Patterns run on the
 * match view, where exotic spaces and dashes are already folded to " " and "-".
 */

/** A separator people put inside numbers: space, line break, dash, dot. */
export const SEP = '[ \\t\\r\\n.\\-]';
/** Up to three separators (a line break plus indentation in forms and tables). */
export const SEPS = `${SEP}{0,3}`;
/** Start of a number: not glued to a digit, nor one group of a longer separated digit run. */
export const NUM_START = '(?<![\\d])(?<!\\d[ .\\-])';
/** End of a number: not glued to a digit, nor followed by another group of the same run. */
export const NUM_END = '(?![\\d])(?![ .\\-]\\d)';
/** The number sign in its common spellings after the view's folding ("ЛЪ" is already "№"). */
export const NUMERO = '(?:№|N|#)';

/** Digits only. */
export const digitsOf = (s: string): string => s.replace(/\D/g, '');

export const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Σ digit[i] × weight[i] over the first weights.length digits. */
export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digitAt(digits, i) * weights[i]!;
  return sum;
}

/** Remainder of a long decimal string modulo m, digit by digit (any length, no BigInt). */
export function modDecimal(digits: string, m: number): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + digitAt(digits, i)) % m;
  return r;
}

/** Luhn: from the right, double every second digit, subtract 9 above 9, total mod 10 = 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digitAt(digits, i);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
