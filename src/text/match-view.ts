/**
 * The match view: the text detectors actually run their patterns on (ru-pd-reference §10.2).
 *
 * - lossless: exotic spaces → " ", dashes → "-", soft hyphen and zero-width characters removed;
 * - number sign: "ЛЪ", "Л!", "N°", "No", a lone "Ne" before a digit or blank → "№" (OCR writes "ЛЪ 152", "Ne 152");
 * - digit context: inside number-like tokens, О/o/O → 0, З → 3, l/I/|/І → 1, б/Б → 6;
 * - letter context: inside words with a Cyrillic letter, Latin look-alikes → Cyrillic.
 *
 * Folding changes lengths ("ЛЪ" → "№"), so every view character remembers the range of original
 * characters it stands for; findings are mapped back and always replace original characters.
 * Most text needs no length change and no guess: then no per-character arrays are allocated,
 * which keeps large files cheap.
 */

export interface MatchView {
  readonly text: string;
  /** Original offset of view character i; null when the view has the original's offsets. */
  readonly origStart: Int32Array | null;
  /** Original end offset (exclusive) of view character i; null as above. */
  readonly origEnd: Int32Array | null;
  /** Offsets of view characters that are lossy OCR guesses (a letter read as a digit). */
  readonly guessed: ReadonlySet<number>;
}

const SPACES = /[\u00A0\u202F\u2000-\u200A\u3000\v\f]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
/** Characters removed, and OCR spellings of "№" before a digit or a blank ("ЛЪ 152", "№___"). */
const LENGTH_CHANGES = /[\u00AD\u200B-\u200D\u2060\uFEFF]|(?:Л[ЪЬ!]|N[°ºoо]|(?<![A-Za-zА-Яа-яЁё])N[eе])(?=[ \u00AD\u200B-\u200D\u2060\uFEFF]*[\d_])/g;
/** A look-alike glued to a digit: a cheap necessary condition for any digit folding. */
const FOLD_HINT = /\d-?[ОоOoЗзlI|ІбБ]|[ОоOoЗзlI|ІбБ]-?\d/g;

const DIGIT_FOLD: Readonly<Record<string, string>> = {
  О: '0', о: '0', O: '0', o: '0', З: '3', з: '3', l: '1', I: '1', '|': '1', І: '1', б: '6', Б: '6',
};

/** Latin look-alikes of Cyrillic letters; upper-case Latin also stands for lower-case Cyrillic. */
const LAT2CYR: Readonly<Record<string, string>> = {
  A: 'а', B: 'в', C: 'с', E: 'е', H: 'н', K: 'к', M: 'м', O: 'о', P: 'р', T: 'т', X: 'х', Y: 'у',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к',
};
/** A Latin letter touching a Cyrillic one: the only places letter folding can apply. */
const MIXED_SCRIPT = /[А-Яа-яЁё][A-Za-z]|[A-Za-z][А-Яа-яЁё]/g;
const WORD_CHAR = /[A-Za-zА-Яа-яЁё]/;

export function buildMatchView(original: string): MatchView {
  const { text: shortened, origStart, origEnd } = applyLengthChanges(original);
  const normalised = shortened.replace(SPACES, ' ').replace(DASHES, '-');
  const guessed = new Set<number>();
  // Folding is local (around look-alikes glued to digits, and around mixed-script words), so it is
  // recorded as replacements instead of copying a large text character by character.
  const replacements = new Map<number, string>();
  foldDigitTokens(normalised, replacements, guessed);
  foldLatinInCyrillicWords(normalised, replacements);
  return { text: applyReplacements(normalised, replacements), origStart, origEnd, guessed };
}

function applyReplacements(text: string, replacements: Map<number, string>): string {
  if (replacements.size === 0) return text;
  const positions = [...replacements.keys()].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of positions) {
    pieces.push(text.slice(last, p), replacements.get(p)!);
    last = p + 1;
  }
  pieces.push(text.slice(last));
  return pieces.join('');
}

/** Range [start, end) of the view mapped to the original text. */
export function toOriginalRange(view: MatchView, start: number, end: number): [number, number] {
  if (!view.origStart || !view.origEnd) return [start, end];
  const s = view.origStart[start]!;
  return end <= start ? [s, s] : [s, view.origEnd[end - 1]!];
}

/** True when any character of the view range is an OCR guess. */
export function hasGuess(view: MatchView, start: number, end: number): boolean {
  if (view.guessed.size === 0) return false;
  for (let i = start; i < end; i++) if (view.guessed.has(i)) return true;
  return false;
}

function applyLengthChanges(original: string): { text: string; origStart: Int32Array | null; origEnd: Int32Array | null } {
  if (original.search(LENGTH_CHANGES) < 0) return { text: original, origStart: null, origEnd: null };
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let last = 0;
  const copy = (from: number, to: number) => {
    pieces.push(original.slice(from, to));
    for (let i = from; i < to; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
  };
  for (const m of original.matchAll(LENGTH_CHANGES)) {
    copy(last, m.index);
    if (m[0].length > 1) {
      pieces.push('№');
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    last = m.index + m[0].length;
  }
  copy(last, original.length);
  const text = pieces.join('');
  const origStart = new Int32Array(text.length + 1);
  const origEnd = new Int32Array(text.length + 1);
  origStart.set(starts);
  origEnd.set(ends);
  origStart[text.length] = original.length;
  origEnd[text.length] = original.length;
  return { text, origStart, origEnd };
}

interface TokenStats {
  start: number;
  end: number;
  digits: number;
  alnum: number;
  foldable: number;
}

/** Letters (any script), digits, "|" and "-" make up tokens. */
function isTokenCode(code: number): boolean {
  if (code < 0x80) {
    return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) || code === 124 || code === 45;
  }
  if (code >= 0x400 && code <= 0x4ff) return true;
  return /\p{L}/u.test(String.fromCharCode(code));
}

/** The token around position `at`, or undefined when `at` is not inside one. */
function tokenAt(text: string, at: number): TokenStats | undefined {
  if (at < 0 || at >= text.length || !isTokenCode(text.charCodeAt(at))) return undefined;
  let start = at;
  while (start > 0 && isTokenCode(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && isTokenCode(text.charCodeAt(end))) end++;
  let digits = 0;
  let alnum = 0;
  let foldable = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    if (code !== 45) alnum++;
    if (code > 57 && DIGIT_FOLD[text[i]!] !== undefined) foldable++;
  }
  return { start, end, digits, alnum, foldable };
}

/** The nearest token before (direction -1) or after (+1) `token`, across at most 3 separator characters. */
function neighbour(text: string, token: TokenStats, direction: -1 | 1): TokenStats | undefined {
  let i = direction < 0 ? token.start - 1 : token.end;
  for (let gap = 0; gap < 3 && i >= 0 && i < text.length && !isTokenCode(text.charCodeAt(i)); gap++) {
    if (/[\p{L}\d]/u.test(text[i]!)) return undefined;
    i += direction;
  }
  return tokenAt(text, i);
}

const numberLike = (t: TokenStats | undefined) => t !== undefined && t.digits > 0 && t.digits / t.alnum >= 0.6;

/**
 * A token is number-like when ≥ 60 % of its letters and digits are real digits; a short token of
 * digits and look-alikes (≤ 4) also qualifies right next to a number-like token ("45 О3 123456").
 * Letter-dominated tokens ("ПО", "Обrцие", "1lpaB") are never folded. Only tokens where a
 * look-alike touches a digit are examined: elsewhere nothing can fold.
 */
function foldDigitTokens(text: string, replacements: Map<number, string>, guessed: Set<number>): void {
  let doneUntil = -1;
  for (const hint of text.matchAll(FOLD_HINT)) {
    const t = tokenAt(text, hint.index);
    if (!t || t.start < doneUntil) continue;
    doneUntil = t.end;
    if (t.foldable === 0) continue;
    const shortNumeric = t.digits > 0 && t.digits + t.foldable === t.alnum && t.alnum <= 4;
    if (!numberLike(t) && !(shortNumeric && (numberLike(neighbour(text, t, -1)) || numberLike(neighbour(text, t, 1))))) continue;
    for (let i = t.start; i < t.end; i++) {
      const to = DIGIT_FOLD[text[i]!];
      if (to !== undefined) {
        replacements.set(i, to);
        guessed.add(i);
      }
    }
  }
}

/**
 * In a word that mixes Cyrillic and Latin letters, Latin look-alikes become Cyrillic, following the
 * word's case: an all-capitals word gets capitals, otherwise only a leading capital stays a capital
 * (OCR writes "oTBeTcTBeHHocTи" for "ответственности").
 */
function foldLatinInCyrillicWords(text: string, replacements: Map<number, string>): void {
  let doneUntil = 0;
  for (const m of text.matchAll(MIXED_SCRIPT)) {
    if (m.index < doneUntil) continue;
    let start = m.index;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
    let end = m.index;
    while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
    doneUntil = end;
    // An all-capitals word ("АB", "СНИЛC") stays in capitals; OCR's mixed case follows the word.
    let upperWord = end - start > 1;
    for (let k = start; k < end && upperWord; k++) upperWord = text[k] === text[k]!.toUpperCase();
    for (let k = start; k < end; k++) {
      const c = text[k]!;
      const to = LAT2CYR[c];
      if (to === undefined) continue;
      replacements.set(k, upperWord || (k === start && c === c.toUpperCase()) ? to.toUpperCase() : to);
    }
  }
}
