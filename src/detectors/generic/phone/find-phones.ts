/**
 * Phone numbers (ru-pd-reference §5) are found and validated by libphonenumber-js — no
 * hand-written numbering-plan rules here. This module only chooses where to ask the library, fixes
 * a span the library shortened, and scores by how phone-like the writing is.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import type { FoundCandidate } from '../../types.js';

/** A digit-rich region worth asking the library about, with an optional extension ("доб. 123"). */
const REGION = /[+(]?\d[\d \t()\-]{5,}\d(?:[ \t]*,?[ \t]*(?:доб|вн|ext)\.?[ \t]*\d{1,6})?/giu;

/** Trunk or country prefix the library sometimes leaves out ("8-800-…" found as "800-…"). */
const DROPPED_PREFIX = /(?<![\d+])(?:\+7|8|7)[ \-(]{0,2}$/;

/** Local numbers without an area code ("12-34-56", "123-45-67"): the library does not find them. */
const LOCAL = /(?<![\d\-+(])(?:\d{3}-\d{2}-\d{2}|\d{2}-\d{2}-\d{2})(?![\d\-])/g;
/** A phone label right before a local number. */
const LOCAL_LABEL = /(?<![\p{L}])(?:тел|т|моб|сот|телефон[а-яё]*|факс)\.?[ \t]*:?[ \t]*$/iu;

export const PHONE_SCORE = 0.7;
/** Ten bare digits ("4752 123456", "9161234567") are also passports, ИНН, order numbers. */
export const BARE_SCORE = 0.4;
export const LOCAL_SCORE = 0.3;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Written like a phone: "+", a trunk/country prefix, brackets, dashes, "NN NN" at the end, an extension. */
export function phoneLikeWriting(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  return (
    text.startsWith('+') ||
    digits.length >= 11 ||
    /[()\-]/.test(text) ||
    /\d[ ]\d{2}[ ]\d{2}$/.test(text) ||
    /[а-яa-z]/i.test(text)
  );
}

/**
 * The library is the slow part of a scan: skip regions that cannot hold a number it would accept
 * with RU as the default country — fewer than 10 digits without a "+", or one unbroken digit run
 * that is not 10–11 digits long (ИНН, accounts, cards).
 */
export function worthAsking(region: string): boolean {
  let digits = 0;
  for (let i = 0; i < region.length; i++) if (isDigit(region[i])) digits++;
  if (region.startsWith('+')) return digits >= 7;
  if (digits < 10) return false;
  return digits !== region.length || digits <= 11;
}

export function findPhones(view: string): FoundCandidate[] {
  const out: FoundCandidate[] = [];
  for (const region of view.matchAll(REGION)) {
    if (!worthAsking(region[0])) continue;
    for (const found of findPhoneNumbersInText(region[0], { defaultCountry: 'RU' })) {
      const { number } = found;
      if (!number.isValid()) continue;
      let start = region.index + found.startsAt;
      const end = region.index + found.endsAt;
      if (number.countryCallingCode === '7') {
        const prefix = DROPPED_PREFIX.exec(view.slice(Math.max(0, start - 4), start));
        const foundDigits = view.slice(start, end).replace(/\D/g, '');
        if (prefix && foundDigits.length === 10) start -= prefix[0].length;
      }
      // Never a part of a longer digit run.
      if (isDigit(view[start - 1]) || isDigit(view[end])) continue;
      const type = number.getType();
      const notes = [
        number.country && number.country !== 'RU' ? `country: ${number.country}` : undefined,
        type ? `type: ${type.toLowerCase()}` : undefined,
      ].filter(Boolean);
      out.push({
        start,
        end,
        score: phoneLikeWriting(view.slice(start, end)) ? PHONE_SCORE : BARE_SCORE,
        pattern: 'libphonenumber',
        validated: true,
        ...(notes.length ? { note: notes.join(', ') } : {}),
      });
    }
  }
  LOCAL.lastIndex = 0;
  for (const m of view.matchAll(LOCAL)) {
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((c) => c.start < end && start < c.end)) continue;
    if (!LOCAL_LABEL.test(view.slice(Math.max(0, start - 24), start))) continue;
    out.push({ start, end, score: LOCAL_SCORE, pattern: 'local-number', requiresContext: true });
  }
  return out;
}
