/**
 * Masks for values shown in reports, logs and messages. A mask keeps the value's shape (separators,
 * length) so a reader can tell what kind of value it was and check it against the original, while
 * hiding enough characters that the mask itself identifies nobody.
 */
import type { MaskStyle } from '../detectors/types.js';

const MASK = '*';
const ALNUM = /[\p{L}\d]/u;

export function maskValue(value: string, style: MaskStyle = { kind: 'tail', keep: 2 }): string {
  switch (style.kind) {
    case 'tail':
      return maskTail(value, style.keep);
    case 'phone':
      return maskPhone(value);
    case 'email':
      return maskEmail(value);
  }
}

/** Hide every letter and digit but the last `keep` ones: "112-233-445 95" → "***-***-*** 95". */
export function maskTail(value: string, keep: number): string {
  const chars = [...value];
  let kept = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!ALNUM.test(chars[i]!)) continue;
    if (kept < keep) kept++;
    else chars[i] = MASK;
  }
  return chars.join('');
}

/**
 * Keep the country/trunk digit and the first digit of the area code of a full number, and the
 * last two digits: "+7 (916) 123-45-67" → "+7 (9**) ***-**-67".
 */
export function maskPhone(value: string): string {
  const chars = [...value];
  const digitIdx = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const keep = new Set<number>(digitIdx.slice(-2));
  const leading = digitIdx.length >= 11 ? 2 : digitIdx.length >= 10 ? 1 : 0;
  for (const i of digitIdx.slice(0, leading)) keep.add(i);
  return chars.map((c, i) => (/\d/.test(c) && !keep.has(i) ? MASK : c)).join('');
}

/** "ivan.petrov@mail.ru" → "i**********@m***.ru": first letters and the top-level domain stay. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskTail(value, 0);
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  const tld = labels.length > 1 ? labels.pop()! : '';
  const hideAfterFirst = (s: string) => [...s].map((c, i) => (i === 0 || !ALNUM.test(c) ? c : MASK)).join('');
  return `${hideAfterFirst(local)}@${labels.map(hideAfterFirst).join('.')}${tld ? '.' + tld : ''}`;
}

/**
 * Scrub free text that may quote a file's content (third-party error messages): every run of
 * three or more digits and every e-mail-like token is masked.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/[\p{L}\d._%+-]+@[\p{L}\d.-]+/gu, (m) => maskEmail(m))
    .replace(/\d(?:[\d \-.]*\d){2,}/g, (m) => maskTail(m, 0));
}
