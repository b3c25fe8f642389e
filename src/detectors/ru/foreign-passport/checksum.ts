/**
 * Заграничный паспорт (ru-pd-reference §2.2): series 2 digits + number 7 digits, no checksum; the
 * machine-readable zone (ICAO 9303) carries 7-3-1 check digits.
 */

/** ICAO 9303 check digit: weights 7, 3, 1 repeated; digits as values, A=10 … Z=35, '<'=0. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

/** A field followed by its check digit ("L898902C3" + "6"). */
export function mrzFieldValid(fieldWithCheck: string): boolean {
  if (!/^[A-Z0-9<]+\d$/.test(fieldWithCheck)) return false;
  return mrzCheckDigit(fieldWithCheck.slice(0, -1)) === Number(fieldWithCheck.slice(-1));
}

/**
 * Second MRZ line of a passport (TD3): document number + check, nationality, birth date + check,
 * sex, expiry date + check. All three check digits must hold. The nationality may read as digits
 * in the match view ("UTO" → "UT0": OCR digit folding), so it is not checked here.
 */
export function mrzLineValid(line: string): boolean {
  const m = /^([A-Z0-9<]{9})(\d)[A-Z0-9<]{3}(\d{6})(\d)[MF<](\d{6})(\d)/.exec(line);
  return !!m && mrzFieldValid(m[1]! + m[2]!) && mrzFieldValid(m[3]! + m[4]!) && mrzFieldValid(m[5]! + m[6]!);
}

/** Shape of the printed number: "75 1234567", "751234567", "71 № 7654321". */
export function isForeignPassportShape(value: string): boolean {
  return /^\d{2} ?(?:№ ?)?\d{7}$/.test(value.trim());
}
