/**
 * The match view: the text detectors actually run their patterns on (ru-pd-reference §10.2).
 *
 * - lossless: exotic spaces → " ", dashes → "-", soft hyphen and zero-width characters removed;
 * - number sign: "ЛЪ", "Л!", "N°", "No" before a digit or blank → "№" (OCR writes "ЛЪ 152");
 * - digit context: inside number-like tokens, О/o/O → 0, З → 3, l/I/|/І → 1, б/Б → 6;
 * - letter context: inside words with a Cyrillic letter, Latin look-alikes → Cyrillic.
 *
 * Folding changes lengths ("ЛЪ" → "№"), so every view character remembers the range of original
 * characters it stands for; findings are mapped back and always replace original characters.
 */

export interface MatchView {
  readonly text: string;
  /** Original offset of view character i (length = text.length + 1; last entry = original length). */
  readonly origStart: Int32Array;
  /** Original end offset (exclusive) of view character i. */
  readonly origEnd: Int32Array;
  /** 1 where a view character is a lossy OCR guess (a letter read as a digit, or vice versa). */
  readonly guessed: Uint8Array;
}

const DROP = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const SPACE = /[\u00A0\u202F\u2000-\u200A\u3000\t\v\f]/;
const DASH = /[\u2010-\u2015\u2212]/;

/** OCR spellings of "№" (checked longest first); valid only before a digit or a blank line. */
const NUMERO_SPELLINGS = ['ЛЪ', 'ЛЬ', 'Л!', 'N°', 'Nº', 'No', 'Nо', '№'];

const DIGIT_FOLD: Readonly<Record<string, string>> = {
  О: '0', о: '0', O: '0', o: '0', З: '3', з: '3', l: '1', I: '1', '|': '1', І: '1', б: '6', Б: '6',
};

/** Latin look-alikes of Cyrillic letters; upper-case Latin also stands for lower-case Cyrillic. */
const LAT2CYR: Readonly<Record<string, string>> = {
  A: 'а', B: 'в', C: 'с', E: 'е', H: 'н', K: 'к', M: 'м', O: 'о', P: 'р', T: 'т', X: 'х', Y: 'у',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к',
};

const isDigit = (c: string) => c >= '0' && c <= '9';
const CYRILLIC = /[А-Яа-яЁё]/;
const LETTER_OR_DIGIT = /[0-9A-Za-zА-Яа-яЁёІ|]/;

export function buildMatchView(original: string): MatchView {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  const n = original.length;
  outer: while (i < n) {
    const c = original[i]!;
    if (DROP.test(c)) {
      i++;
      continue;
    }
    if (c === 'Л' || c === 'N' || c === '№') {
      for (const spelling of NUMERO_SPELLINGS) {
        if (original.startsWith(spelling, i) && numeroFollows(original, i + spelling.length)) {
          chars.push('№');
          starts.push(i);
          ends.push(i + spelling.length);
          i += spelling.length;
          continue outer;
        }
      }
    }
    chars.push(SPACE.test(c) ? ' ' : DASH.test(c) ? '-' : c);
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  const guessed = new Uint8Array(chars.length);
  foldDigitTokens(chars, guessed);
  foldLatinInCyrillicWords(chars);
  const origStart = new Int32Array(chars.length + 1);
  const origEnd = new Int32Array(chars.length + 1);
  origStart.set(starts);
  origEnd.set(ends);
  origStart[chars.length] = n;
  origEnd[chars.length] = n;
  return { text: chars.join(''), origStart, origEnd, guessed };
}

/** Range [start, end) of the view mapped to the original text. */
export function toOriginalRange(view: MatchView, start: number, end: number): [number, number] {
  if (end <= start) return [view.origStart[start]!, view.origStart[start]!];
  return [view.origStart[start]!, view.origEnd[end - 1]!];
}

/** True when any character of the view range is an OCR guess. */
export function hasGuess(view: MatchView, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (view.guessed[i]) return true;
  return false;
}

function numeroFollows(s: string, at: number): boolean {
  let j = at;
  while (j < s.length && (s[j] === ' ' || SPACE.test(s[j]!) || DROP.test(s[j]!))) j++;
  const c = s[j];
  return c !== undefined && (isDigit(c) || c === '_');
}

/**
 * A token (letters, digits and dashes) is number-like when ≥ 60 % of its letters and digits are real
 * digits; a short token of digits and look-alikes also qualifies next to a number-like token
 * ("45 О3 123456"). Letter-dominated tokens ("ПО", "Обrцие", "1lpaB") are never folded.
 */
function foldDigitTokens(chars: string[], guessed: Uint8Array): void {
  const tokens: Array<[number, number]> = [];
  let s = -1;
  for (let i = 0; i <= chars.length; i++) {
    const c = chars[i];
    const isTokenChar = c !== undefined && (LETTER_OR_DIGIT.test(c) || c === '-');
    if (isTokenChar && s < 0) s = i;
    else if (!isTokenChar && s >= 0) {
      tokens.push([s, i]);
      s = -1;
    }
  }
  const stats = tokens.map(([a, b]) => {
    let digits = 0;
    let alnum = 0;
    let foldable = 0;
    for (let i = a; i < b; i++) {
      const c = chars[i]!;
      if (isDigit(c)) digits++;
      if (DIGIT_FOLD[c] !== undefined) foldable++;
      if (LETTER_OR_DIGIT.test(c)) alnum++;
    }
    return { digits, alnum, foldable };
  });
  const numberLike = stats.map((t) => t.digits > 0 && t.digits / t.alnum >= 0.6);
  tokens.forEach(([a, b], k) => {
    const t = stats[k]!;
    if (t.foldable === 0) return;
    const shortNumeric = t.digits > 0 && t.digits + t.foldable === t.alnum && t.alnum <= 4;
    const neighbourNumeric = (numberLike[k - 1] ?? false) || (numberLike[k + 1] ?? false);
    if (!numberLike[k] && !(shortNumeric && neighbourNumeric)) return;
    for (let i = a; i < b; i++) {
      const to = DIGIT_FOLD[chars[i]!];
      if (to !== undefined) {
        chars[i] = to;
        guessed[i] = 1;
      }
    }
  });
}

/**
 * In a word that has a Cyrillic letter, Latin look-alikes become Cyrillic, following the word's
 * case: an all-capitals word gets capitals, otherwise only a leading capital stays a capital
 * (OCR writes "oTBeTcTBeHHocTи" for "ответственности").
 */
function foldLatinInCyrillicWords(chars: string[]): void {
  let i = 0;
  while (i < chars.length) {
    if (!/[A-Za-zА-Яа-яЁё]/.test(chars[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let cyr = 0;
    let cyrUpper = 0;
    let latin = 0;
    while (j < chars.length && /[A-Za-zА-Яа-яЁё]/.test(chars[j]!)) {
      const c = chars[j]!;
      if (CYRILLIC.test(c)) {
        cyr++;
        if (c === c.toUpperCase()) cyrUpper++;
      } else latin++;
      j++;
    }
    if (cyr > 0 && latin > 0) {
      const upperWord = cyr > 1 && cyrUpper === cyr;
      for (let k = i; k < j; k++) {
        const to = LAT2CYR[chars[k]!];
        if (to === undefined) continue;
        const c = chars[k]!;
        chars[k] = upperWord || (k === i && c === c.toUpperCase()) ? to.toUpperCase() : to;
      }
    }
    i = j;
  }
}
