/**
 * Phones and e-mail addresses: fakes and coarser forms. A phone keeps its country code, its area
 * or operator code and its writing ("+7 (916) 123-45-67" → "+7 (916) 804-19-33"); only the
 * subscriber's digits change, and the fake must still be a valid number for libphonenumber-js.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { LATIN_FEMALE_NAMES, LATIN_MALE_NAMES, LATIN_SURNAMES } from './fake-names.js';
import type { KeyedRandom } from './keyed.js';

/** An extension after the number ("доб. 123") is not a part of the number proper. */
const EXTENSION = /\s*,?\s*(?:доб|вн|ext)\.?\s*\d+\s*$/iu;

const parsePhone = (s: string) => parsePhoneNumberFromString(s.replace(/^8(?=[\s(-]*\d{3})/, '+7'), 'RU');

interface PhoneLayout {
  /** The number without its extension. */
  main: string;
  /** The extension as written, or ''. */
  extension: string;
  /** Offsets in `main` of the subscriber's digits (after the country, trunk and area codes). */
  subscriber: number[];
}

/**
 * Where the subscriber's digits are. The area code is the one the writer bracketed ("(4752)"),
 * else the group libphonenumber-js formats after the country code ("916", "29"). Undefined for
 * a number the library does not accept (a local "12-34-56").
 */
export function phoneLayout(value: string): PhoneLayout | undefined {
  const ext = EXTENSION.exec(value);
  const main = ext ? value.slice(0, ext.index) : value;
  const parsed = parsePhone(main);
  if (!parsed?.isValid()) return undefined;
  const national = parsed.nationalNumber;
  const bracketed = /\((\d{2,5})\)/.exec(main)?.[1];
  const area = bracketed !== undefined && national.startsWith(bracketed) ? bracketed : (parsed.formatInternational().split(' ')[1] ?? '');
  const count = national.length - (area.length < national.length ? area.length : 0);
  const digits = [...main.matchAll(/\d/g)].map((m) => m.index);
  if (count <= 0 || count > digits.length) return undefined;
  return { main, extension: ext ? ext[0] : '', subscriber: digits.slice(digits.length - count) };
}

export function fakePhone(value: string, rng: KeyedRandom): string | undefined {
  const layout = phoneLayout(value);
  const original = parsePhone(value.replace(EXTENSION, ''))?.number;
  if (!layout) {
    // A local number without an area code: any digits, not starting with 0 (no trunk prefix).
    for (let i = 0; i < 50; i++) {
      let first = true;
      const out = value.replace(/\d/g, () => {
        const d = first ? String(2 + rng.int(8)) : rng.digits(1);
        first = false;
        return d;
      });
      if (out !== value) return out;
    }
    return undefined;
  }
  for (let i = 0; i < 200; i++) {
    const chars = [...layout.main];
    for (const at of layout.subscriber) chars[at] = rng.digits(1);
    const main = chars.join('');
    const parsed = parsePhone(main);
    if (parsed?.isValid() && parsed.number !== original) return main + layout.extension;
  }
  return undefined;
}

/** "+7 (916) 123-45-67" → "+7 (916) XXX-XX-XX"; undefined for a local number. */
export function generalizePhone(value: string): string | undefined {
  const layout = phoneLayout(value);
  if (!layout) return undefined;
  const chars = [...layout.main];
  for (const at of layout.subscriber) chars[at] = 'X';
  return chars.join('');
}

/**
 * A fake address at example.com (reserved for examples, RFC 2606: no mail reaches a real person):
 * "ivan.petrov85@mail.ru" → "peter.smith41@example.com" — the local part keeps the original's
 * separator and whether it had digits.
 */
export function fakeEmail(value: string, rng: KeyedRandom): string {
  const at = value.lastIndexOf('@');
  const local = at > 0 ? value.slice(0, at) : value;
  const separator = /[._-]/.exec(local)?.[0];
  const name = rng.pick([...LATIN_MALE_NAMES, ...LATIN_FEMALE_NAMES]).toLowerCase();
  const surname = rng.pick(LATIN_SURNAMES).toLowerCase();
  const digits = /\d/.test(local) ? String(10 + rng.int(90)) : '';
  const fake = `${separator ? name + separator + surname : surname}${digits}@example.com`;
  return fake.toLowerCase() === value.toLowerCase() ? `${surname}${digits}1@example.com` : fake;
}

/** "ivanova@mail.ru" → "…@mail.ru". */
export function generalizeEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  return at > 0 && at < value.length - 1 ? `…${value.slice(at)}` : undefined;
}
