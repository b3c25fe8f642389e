/**
 * Военный билет (ru-pd-reference §2.3): series of 2 Cyrillic capitals + 7 digits, shape only (no
 * checksum). Latin look-alikes stand in for Cyrillic letters in typed and OCR text ("AK 1234567").
 */

/** Latin capitals that look like Cyrillic ones. */
const LATIN_LOOKALIKE: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

/** The series with Latin look-alikes read as Cyrillic, or undefined when a letter is not a look-alike. */
export function cyrillicSeries(series: string): string | undefined {
  let out = '';
  for (const c of series) {
    if (/[А-ЯЁ]/.test(c)) out += c;
    else if (LATIN_LOOKALIKE[c] !== undefined) out += LATIN_LOOKALIKE[c];
    else return undefined;
  }
  return out;
}

/** "АК 1234567", "БВ № 7654321", "AK-1234567" (Latin look-alikes), series and number on two lines. */
export function isMilitaryIdShape(value: string): boolean {
  const m = /^([А-ЯЁA-Z]{2})(?:[ -]|[ ]*\r?\n[ ]*)?(?:№ ?)?(\d{7})$/.exec(value.trim());
  return !!m && cyrillicSeries(m[1]!) !== undefined;
}
