/**
 * Fake document numbers and requisites: another number of the same kind that passes the same
 * checks the detectors apply (the detectors' own validators decide, so a fake is exactly as valid
 * as a real one), written in the original's layout: digits go where digits were, letters where
 * letters were, and separators, "№" and labels inside the value ("4509 номер 123456") stay.
 */
import type { EntityType } from '../../detectors/types.js';
import { checkCard } from '../../detectors/generic/credit-card/checksum.js';
import { isValidInn10 } from '../../detectors/ru/inn-org/checksum.js';
import { isValidInn12 } from '../../detectors/ru/inn-person/checksum.js';
import { isValidOgrn } from '../../detectors/ru/ogrn/checksum.js';
import { isValidOgrnip } from '../../detectors/ru/ogrnip/checksum.js';
import { omsControlPasses } from '../../detectors/ru/oms-policy/checksum.js';
import { checkPassportSeries, OKATO2 } from '../../detectors/ru/passport/checksum.js';
import { isValidSnils, snilsControl } from '../../detectors/ru/snils/checksum.js';
import { cyrillicSeries } from '../../detectors/ru/military-id/checksum.js';
import { isRomanNumeral } from '../../detectors/ru/birth-certificate/checksum.js';
import { PLATE_LETTERS } from '../../detectors/ru/driver-license/checksum.js';
import { digitAt, luhnValid } from '../../detectors/shared/numbers.js';
import type { KeyedRandom } from './keyed.js';

type Maker = (value: string, rng: KeyedRandom) => string | undefined;

/** How many times a generator may draw before giving up (a valid draw is ≥ 1 in 11 for every kind). */
const TRIES = 200;

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** Writes `digits` into the digit positions of `value`, left to right. */
export function writeDigits(value: string, digits: string): string {
  let k = 0;
  return value.replace(/\d/g, () => digits[k++]!);
}

/**
 * A fake digit string for `original` from `make`, different from it; the value keeps its layout.
 * Undefined when no draw passes (cannot happen for the kinds below, but never loops forever).
 */
function fakeDigits(value: string, make: (original: string) => string | undefined): string | undefined {
  const original = digitsOf(value);
  for (let i = 0; i < TRIES; i++) {
    const d = make(original);
    if (d !== undefined && d.length === original.length && d !== original) return writeDigits(value, d);
  }
  return undefined;
}

/** The digit that completes `body` for `valid` (each kind has one check digit 0–9), or undefined. */
function withCheckDigit(body: string, valid: (d: string) => boolean): string | undefined {
  for (let c = 0; c <= 9; c++) if (valid(body + c)) return body + c;
  return undefined;
}

/** Any digits of the same count; the first not 0 when the original's was not. */
function sameShapeDigits(original: string, rng: KeyedRandom): string {
  const first = original.startsWith('0') ? rng.digits(1) : String(1 + rng.int(9));
  return (first + rng.digits(original.length - 1)).slice(0, original.length);
}

const snils: Maker = (value, rng) =>
  fakeDigits(value, (o) => {
    if (o.length !== 11) return sameShapeDigits(o, rng);
    // Above 001-001-998, where the control number is checked.
    const body = String(1_002_000 + rng.int(998_998_000)).padStart(9, '0');
    const d = body + String(snilsControl(body)).padStart(2, '0');
    return isValidSnils(d) ? d : undefined;
  });

/** A tax-office code never starts with 00. */
const region2 = (rng: KeyedRandom): string => String(1 + rng.int(99)).padStart(2, '0');

const innPerson: Maker = (value, rng) =>
  fakeDigits(value, (o) => {
    if (o.length !== 12) return sameShapeDigits(o, rng);
    const body = region2(rng) + rng.digits(8);
    for (let c = 0; c <= 99; c++) {
      const d = body + String(c).padStart(2, '0');
      if (isValidInn12(d)) return d;
    }
    return undefined;
  });

const innOrg: Maker = (value, rng) =>
  fakeDigits(value, (o) => (o.length !== 10 ? sameShapeDigits(o, rng) : withCheckDigit(region2(rng) + rng.digits(7), isValidInn10)));

/** ОГРН and ОГРНИП keep their first digit: the kind of record (1/5 ОГРН, 3 ОГРНИП, 2/4… ГРН). */
const ogrn: Maker = (value, rng) =>
  fakeDigits(value, (o) => (o.length !== 13 ? sameShapeDigits(o, rng) : withCheckDigit(o[0]! + rng.digits(11), isValidOgrn)));

const ogrnip: Maker = (value, rng) =>
  fakeDigits(value, (o) => (o.length !== 15 ? sameShapeDigits(o, rng) : withCheckDigit(o[0]! + rng.digits(13), isValidOgrnip)));

/** A card keeps its first four digits (the payment system and issuer family: Мир stays Мир) and passes Luhn. */
const card: Maker = (value, rng) =>
  fakeDigits(value, (o) => {
    if (o.length < 13 || o.length > 19) return sameShapeDigits(o, rng);
    const d = withCheckDigit(o.slice(0, 4) + rng.digits(o.length - 5), luhnValid);
    // The same kind of card (Мир stays Мир) when the original was a valid card at all.
    return d !== undefined && (checkCard(o) === false || checkCard(d) === checkCard(o)) ? d : undefined;
  });

const oms: Maker = (value, rng) =>
  fakeDigits(value, (o) => (o.length !== 16 ? sameShapeDigits(o, rng) : withCheckDigit(String(1 + rng.int(9)) + rng.digits(14), omsControlPasses)));

/**
 * An account keeps its balance-sheet account, currency and control key (digits 1–9) and gets a
 * new branch and serial number whose weighted sum (weights 7-1-3, ru-pd-reference §4.2) equals
 * the original's modulo 10: the key then still holds with whatever BIK it held with before.
 */
const bankAccount: Maker = (value, rng) =>
  fakeDigits(value, (o) => {
    if (o.length !== 20) return sameShapeDigits(o, rng);
    const weights = [7, 1, 3];
    const sum = (s: string, from: number, to: number) => {
      let t = 0;
      for (let i = from; i < to; i++) t += digitAt(s, i) * weights[i % 3]!;
      return t;
    };
    const body = o.slice(0, 9) + rng.digits(10);
    // The last digit has weight 1 (19 mod 3 = 1): it makes up the difference.
    const last = (((sum(o, 0, 20) - sum(body, 0, 19)) % 10) + 10) % 10;
    return body + last;
  });

const OKATO_LIST = [...OKATO2];

/** Series (OKATO region + blank year, as the detector checks it) and a 6-digit number. */
const passport: Maker = (value, rng) =>
  fakeDigits(value, (o) => {
    if (o.length !== 10) return sameShapeDigits(o, rng);
    const years = ['97', '98', '99'];
    for (let y = 0; y <= new Date().getFullYear() % 100; y++) years.push(String(y).padStart(2, '0'));
    const series = rng.pick(OKATO_LIST) + rng.pick(years);
    return checkPassportSeries(series) === 'ok' ? series + rng.digits(6) : undefined;
  });

const foreignPassport: Maker = (value, rng) => {
  // The document number field of a machine-readable zone ("751234567", "L898902C3").
  if (/^[A-Z0-9<]{9}$/.test(value) && /[A-Z<]/.test(value)) return untilDifferent(value, () => substituteChars(value, rng, [LATIN]));
  return fakeDigits(value, (o) => (o.length !== 9 ? sameShapeDigits(o, rng) : String(10 + rng.int(90)) + rng.digits(7)));
};

const CYRILLIC_SERIES = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
const CYRILLIC_PLATE = PLATE_LETTERS.replace(/[A-Z]/g, '');
const LATIN_PLATE = PLATE_LETTERS.replace(/[А-ЯЁ]/g, '');
const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Latin capitals that read as Cyrillic ones in a military ID series. */
const LATIN_LOOKALIKES = 'ABCEHKMOPTXY';

/** Each digit → a random digit, each letter of one of `alphabets` → a random letter of that alphabet. */
function substituteChars(value: string, rng: KeyedRandom, alphabets: readonly string[]): string {
  let out = '';
  for (const c of value) {
    if (c >= '0' && c <= '9') {
      out += rng.digits(1);
      continue;
    }
    const alphabet = alphabets.find((a) => a.includes(c));
    out += alphabet ? rng.pick([...alphabet]) : c;
  }
  return out;
}

function untilDifferent(value: string, make: () => string | undefined): string | undefined {
  for (let i = 0; i < TRIES; i++) {
    const v = make();
    if (v !== undefined && v !== value) return v;
  }
  return undefined;
}

/** Region (2 digits, not 00), then 2 digits or 2 plate letters of the original's script, then 6 digits. */
const driverLicense: Maker = (value, rng) =>
  untilDifferent(value, () => {
    const v = substituteChars(value, rng, [CYRILLIC_PLATE, LATIN_PLATE]);
    return digitsOf(v).startsWith('00') ? undefined : v;
  });

/** Two Cyrillic capitals (Latin look-alikes stay Latin look-alikes) and 7 digits. */
const militaryId: Maker = (value, rng) =>
  untilDifferent(value, () => {
    const v = substituteChars(value, rng, [CYRILLIC_SERIES, LATIN_LOOKALIKES]);
    const series = /[А-ЯЁA-Z]{2}/.exec(v)?.[0];
    return series !== undefined && cyrillicSeries(series) !== undefined ? v : undefined;
  });

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
/** Cyrillic look-alikes typed for a Roman numeral (ru-pd-reference §2.4). */
const TO_CYRILLIC: Readonly<Record<string, string>> = { I: 'І', X: 'Х', C: 'С', L: 'Л' };

/** A Roman numeral (typed in Cyrillic look-alikes when the original was), 2 Cyrillic capitals, 6 digits. */
const birthCertificate: Maker = (value, rng) => {
  const m = /^(\s*)([IVXLCІӀХСЛПШ]+)( ?- ?)([А-ЯЁ]{2})(.*)$/su.exec(value);
  if (!m) return untilDifferent(value, () => substituteChars(value, rng, [CYRILLIC_SERIES]));
  const cyrillic = /[ІӀХСЛПШ]/.test(m[2]!);
  return untilDifferent(value, () => {
    let numeral = rng.pick(ROMAN);
    if (cyrillic) numeral = [...numeral].map((c) => TO_CYRILLIC[c] ?? c).join('');
    if (!isRomanNumeral(numeral)) return undefined;
    const letters = rng.pick([...CYRILLIC_SERIES]) + rng.pick([...CYRILLIC_SERIES]);
    return m[1]! + numeral + m[3]! + letters + m[5]!.replace(/\d/g, () => rng.digits(1));
  });
};

const MAKERS: Partial<Record<EntityType, Maker>> = {
  RU_SNILS: snils,
  RU_INN_PERSON: innPerson,
  RU_INN_ORG: innOrg,
  RU_OGRN: ogrn,
  RU_OGRNIP: ogrnip,
  CREDIT_CARD: card,
  RU_OMS_POLICY: oms,
  RU_BANK_ACCOUNT: bankAccount,
  RU_PASSPORT: passport,
  RU_FOREIGN_PASSPORT: foreignPassport,
  RU_DRIVER_LICENSE: driverLicense,
  RU_MILITARY_ID: militaryId,
  RU_BIRTH_CERTIFICATE: birthCertificate,
};

/** A fake identifier of `type` in the layout of `value`, or undefined when the type is not an identifier. */
export function fakeIdentifier(type: EntityType, value: string, rng: KeyedRandom): string | undefined {
  return MAKERS[type]?.(value, rng);
}
