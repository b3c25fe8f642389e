/**
 * Bytes → text for every textual format (txt, csv, html).
 *
 * Order of decisions: BOM → UTF-16 without BOM (clear zero-byte pattern) → valid UTF-8 → a
 * Russian single-byte code page chosen by scoring (windows-1251, koi8-r, ibm866) → chardet.
 * chardet alone is unreliable on short Cyrillic text ("СНИЛС 112-233-445 95" in CP1251 comes back
 * as Shift_JIS), so the Cyrillic decision is ours: each candidate decoding is scored by Russian
 * letter frequencies and by case shape (KOI8-R read as CP1251 has inverted case: "иВАНОВ").
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  /** The decoded text, byte-order mark removed. */
  text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `windows-1251`, `koi8-r`, `ibm866`, or chardet's name lower-cased. */
  encoding: string;
}

const SAMPLE = 8192;

export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const utf16 = detectUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  if (isMostlyUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const cyrillic = detectCyrillic(bytes);
  if (cyrillic) return { text: decodeWith(bytes, cyrillic), encoding: cyrillic };
  const guessed = chardet.detect(bytes)?.toLowerCase();
  // The bytes are known not to be UTF-8, whatever chardet says.
  const encoding = guessed && !guessed.startsWith('utf') && iconv.encodingExists(guessed) ? guessed : 'windows-1252';
  return { text: decodeWith(bytes, encoding), encoding };
}

/** Decodes with a named encoding (any name iconv-lite knows); a leading BOM character is dropped. */
export function decodeWith(bytes: Uint8Array, encoding: string): string {
  const text =
    encoding === 'utf-8' ? toBuffer(bytes).toString('utf8') : iconv.decode(toBuffer(bytes), encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The encoding announced by a byte-order mark, and the mark's length. */
export function bomEncoding(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return strictUtf8(bytes) !== undefined;
}

/** The UTF-8 decoding of `bytes`, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  // buffer.isUtf8 and Buffer#toString use simdutf: several times faster than a fatal TextDecoder.
  return isUtf8(bytes) ? toBuffer(bytes).toString('utf8') : undefined;
}

/**
 * UTF-16 without a BOM, when the pattern is clear: one byte of nearly every pair is 0x00 (Latin)
 * or 0x04 (Cyrillic), the other byte almost never 0x00, and the decoded text has no controls.
 */
export function detectUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  const pairs = n / 2;
  let evenHigh = 0; // pairs whose even byte is 0x00/0x04 (big-endian high byte)
  let oddHigh = 0;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a === 0 || a === 4) evenHigh++;
    if (b === 0 || b === 4) oddHigh++;
    if (a === 0) evenZero++;
    if (b === 0) oddZero++;
  }
  let candidate: 'utf-16le' | 'utf-16be' | undefined;
  if (oddHigh / pairs >= 0.85 && evenZero / pairs <= 0.05) candidate = 'utf-16le';
  else if (evenHigh / pairs >= 0.85 && oddZero / pairs <= 0.05) candidate = 'utf-16be';
  if (!candidate) return undefined;
  const sample = iconv.decode(toBuffer(bytes.subarray(0, n)), candidate);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) if (isControl(sample.charCodeAt(i))) controls++;
  return controls / Math.max(1, sample.length) <= 0.02 ? candidate : undefined;
}

/**
 * True for content that is not text: NUL bytes or many control characters in the first 8 KB.
 * Text with a BOM and UTF-16 without one are never binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bomEncoding(bytes)) return false;
  if (detectUtf16WithoutBom(bytes)) return false;
  const n = Math.min(bytes.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (isControl(b)) controls++;
  }
  return controls / n > 0.1;
}

/** C0 controls other than tab, LF, VT, FF, CR and ESC, plus DEL. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13 && code !== 27) || code === 0x7f;
}

/** Nearly all high bytes form valid UTF-8 sequences: a UTF-8 file with a stray byte or two. */
function isMostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= 8 && invalid <= valid / 50;
}

// ---------------------------------------------------------------------------------------------
// Russian single-byte code pages

export const CYRILLIC_CANDIDATES = ['windows-1251', 'koi8-r', 'ibm866'] as const;
export type CyrillicEncoding = (typeof CYRILLIC_CANDIDATES)[number];

/** Letter frequencies of Russian prose, percent. */
const FREQ: Readonly<Record<string, number>> = {
  о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, с: 5.47, р: 4.73, в: 4.54, л: 4.4, к: 3.49,
  м: 3.21, д: 2.98, п: 2.81, у: 2.62, я: 2.01, ы: 1.9, ь: 1.74, г: 1.7, з: 1.65, б: 1.59, ч: 1.44,
  й: 1.21, х: 0.97, ж: 0.94, ш: 0.73, ю: 0.64, ц: 0.48, щ: 0.36, э: 0.32, ф: 0.26, ъ: 0.04, ё: 0.04,
};
const LOG_FREQ: ReadonlyMap<string, number> = new Map(Object.entries(FREQ).map(([c, f]) => [c, Math.log(f / 100)]));

/** Common Russian bigrams: a small bonus each (distinguishes all-caps words like "СНИЛС"). */
const BIGRAMS = new Set(
  ('ст но то на ен ов ни ра во ко ро по ал ре пр ли ос ол ер ор го он ть ка ан ва ет ел не от та ом ' +
    'ле ит ла де ие ло ин ат ес ая ет ри ск ил ас ев ми ть ны од ем ве ди ой ак ег за ль ма ог ти ес ме ' +
    'ви ус ет ся ей ий ид ич ан ль ны сн мо да ых ую').split(' '),
);
/** windows-1251 is by far the most common: it wins near-ties ("ФИО" is also KOI8-R "тхн"). */
const PRIOR: Readonly<Record<CyrillicEncoding, number>> = { 'windows-1251': 0.5, 'koi8-r': 0, ibm866: -0.3 };
const NOT_AT_WORD_START = new Set(['ь', 'ъ', 'ы']);
/** Non-letter characters a Russian code page legitimately produces. */
const OK_SYMBOLS = new Set([...'«»–—№…“”„‘’‚\u00A0·°±§©®™•']);

const isRuLetter = (c: string) => (c >= 'а' && c <= 'я') || (c >= 'А' && c <= 'Я') || c === 'ё' || c === 'Ё';
const isRuLower = (c: string) => (c >= 'а' && c <= 'я') || c === 'ё';
const isRuUpper = (c: string) => (c >= 'А' && c <= 'Я') || c === 'Ё';
const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

export interface CyrillicScore {
  encoding: CyrillicEncoding;
  /** Higher is more Russian-like; per high byte. */
  score: number;
  /** Share of high bytes that decode to Russian letters. */
  letterShare: number;
  /** Share of those letters glued to Latin letters (Latin-1 text read as Cyrillic: "cafй"). */
  mixedShare: number;
}

export function scoreCyrillic(bytes: Uint8Array, encoding: CyrillicEncoding): CyrillicScore {
  const text = iconv.decode(toBuffer(bytes), encoding); // single-byte: text[i] ⇔ bytes[i]
  let high = 0;
  let letters = 0;
  let mixed = 0;
  let total = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    high++;
    const c = text[i]!;
    if (isRuLetter(c)) {
      letters++;
      const lower = c.toLowerCase();
      total += LOG_FREQ.get(lower) ?? -8;
      const prev = text[i - 1];
      const next = text[i + 1];
      if (isAsciiLetter(prev) || isAsciiLetter(next)) mixed++;
      const wordStart = prev === undefined || !isRuLetter(prev);
      if (wordStart && NOT_AT_WORD_START.has(lower)) total -= 3;
      if (next !== undefined && isRuLetter(next)) {
        if (isRuLower(c) && isRuUpper(next)) total -= 4; // "иВАНОВ": inverted case
        if (BIGRAMS.has(lower + next.toLowerCase())) total += 1.5;
      }
    } else if (OK_SYMBOLS.has(c)) {
      total -= 4;
    } else {
      total -= 12;
    }
  }
  return {
    encoding,
    score: high ? total / high + PRIOR[encoding] : 0,
    letterShare: high ? letters / high : 0,
    mixedShare: letters ? mixed / letters : 0,
  };
}

/** The Russian code page the bytes are most likely in, or undefined when they do not look Russian. */
export function detectCyrillic(bytes: Uint8Array): CyrillicEncoding | undefined {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  const scores = CYRILLIC_CANDIDATES.map((e) => scoreCyrillic(sample, e)).sort((a, b) => b.score - a.score);
  const best = scores[0]!;
  if (best.letterShare < 0.6 || best.mixedShare > 0.3) return undefined;
  return best.encoding;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
