/**
 * Свидетельство о рождении and other ЗАГС certificates (ru-pd-reference §2.4): a Roman numeral,
 * a dash, 2 Cyrillic capitals and a 6-digit number. Typed documents use Cyrillic look-alikes for
 * the numeral (Х, С, І, Л); OCR reads "II" as "П" and "III" as "Ш" (§10.2 step 5).
 */

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const FOLD: Readonly<Record<string, string>> = { І: 'I', Ӏ: 'I', Х: 'X', С: 'C', Л: 'L', П: 'II', Ш: 'III' };

/** The numeral with Cyrillic look-alikes folded to Latin ("Х" → "X", "П" → "II"). */
export function foldRomanNumeral(numeral: string): string {
  return [...numeral].map((c) => FOLD[c] ?? c).join('');
}

/** A valid Roman numeral (I … CCCXCIX), after folding look-alikes. */
export function isRomanNumeral(numeral: string): boolean {
  return ROMAN.test(foldRomanNumeral(numeral));
}

const SHAPE = /^([IVXLCІӀХСЛПШ]+) ?- ?([А-ЯЁ]{2}) *(?:№ ?)?(\d{6})$/;

/** The whole certificate number: "II-ЖО 123456", "Х-МЮ № 654321". */
export function isBirthCertificate(value: string): boolean {
  const m = SHAPE.exec(value.trim());
  return !!m && isRomanNumeral(m[1]!);
}
