/**
 * Водительское удостоверение (ru-pd-reference §2.5): region 2 digits + 2 digits (since 2011) or
 * 2 plate-alphabet letters (older cards) + number 6 digits. Shape only, no checksum.
 */

/** Plate alphabet: the Cyrillic letters that have Latin look-alikes, and those Latin letters. */
export const PLATE_LETTERS = 'АВЕКМНОРСТУХABEKMHOPCTYX';

const SHAPE = new RegExp(`^(\\d{2}) ?(\\d{2}|[${PLATE_LETTERS}]{2}) ?(?:№ ?)?(\\d{6})$`);

export function isDriverLicenceShape(value: string): boolean {
  const m = SHAPE.exec(value.trim());
  return !!m && m[1] !== '00';
}
