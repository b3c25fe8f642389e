/**
 * Context words, matched by stem (not substring: presidio's substring default matches "lic" in
 * "duplicate"). Entries come in three kinds:
 * - words and phrases ("паспорт", "кем выдан"): each word matches a token that begins with its
 *   stem, so every grammatical form counts; long words also tolerate one OCR typo;
 * - acronyms written in capitals ("ИНН", "ВУ"): a whole token, with a case ending for 3+ letters;
 * - literal abbreviations with punctuation ("д.р.", "в/у", "сер."): matched as written, spaces
 *   after the dots optional.
 * Everything is compared on the lower-cased, ё→е folded match view.
 *
 * This runs for every candidate, so token verdicts are cached per matcher: the same few thousand
 * words surround most values in a corpus.
 */
import { stemRu } from '../text/stem-ru.js';

export interface ContextMatcher {
  /** The entry found in `text`, or undefined. */
  find(text: string): string | undefined;
}

interface ContextWord {
  stem: string;
  acronym: boolean;
  fuzzy: number;
}
interface WordEntry {
  source: string;
  /** Indexes into the matcher's distinct words. */
  words: number[];
}
interface LiteralEntry {
  source: string;
  regex: RegExp;
}

const ACRONYM_ENDINGS = new Set(['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ах', 'ам']);
const TOKEN_CACHE_LIMIT = 20_000;

export function normaliseForContext(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

export function compileContext(entries: readonly string[]): ContextMatcher {
  const words: ContextWord[] = [];
  const wordIndex = new Map<string, number>();
  const literals: LiteralEntry[] = [];
  const phrases: WordEntry[] = [];
  for (const source of entries) {
    if (/[^\p{L}\s-]/u.test(source)) {
      literals.push({ source, regex: literalRegex(source) });
      continue;
    }
    const ids = source
      .split(/[\s-]+/)
      .filter(Boolean)
      .map((w) => {
        const word = compileWord(w);
        const key = `${word.acronym ? 'A' : 'w'}:${word.stem}`;
        let id = wordIndex.get(key);
        if (id === undefined) {
          id = words.push(word) - 1;
          wordIndex.set(key, id);
        }
        return id;
      });
    phrases.push({ source, words: ids });
  }
  const anyLiteral = literals.length
    ? new RegExp(literals.map((l) => `(?:${l.regex.source})`).join('|'), 'u')
    : undefined;
  const verdicts = new Map<string, Uint8Array>();

  const verdictFor = (token: string): Uint8Array => {
    let v = verdicts.get(token);
    if (v) return v;
    const lower = normaliseForContext(token);
    v = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) v[i] = tokenMatches(lower, token, words[i]!) ? 1 : 0;
    if (verdicts.size >= TOKEN_CACHE_LIMIT) verdicts.clear();
    verdicts.set(token, v);
    return v;
  };

  return {
    find(text: string): string | undefined {
      if (anyLiteral) {
        const norm = normaliseForContext(text);
        if (anyLiteral.test(norm)) return literals.find((l) => l.regex.test(norm))!.source;
      }
      if (phrases.length === 0) return undefined;
      const tokenVerdicts = tokensOf(text).map(verdictFor);
      for (const phrase of phrases) {
        const n = phrase.words.length;
        for (let i = 0; i + n <= tokenVerdicts.length; i++) {
          let all = true;
          for (let k = 0; k < n && all; k++) all = tokenVerdicts[i + k]![phrase.words[k]!] === 1;
          if (all) return phrase.source;
        }
      }
      return undefined;
    },
  };
}

function literalRegex(source: string): RegExp {
  const pattern = normaliseForContext(source)
    .split('')
    .map((c) => (c === ' ' ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('')
    .replace(/\\\.(?!$)/g, '\\.\\s?');
  return new RegExp(`(?<![\\p{L}\\d])${pattern}(?![\\p{L}\\d])`, 'u');
}

function compileWord(w: string): ContextWord {
  const acronym = w.length >= 2 && w === w.toUpperCase();
  const lower = normaliseForContext(w);
  const stem = acronym ? lower : stemRu(lower);
  const fuzzy = acronym || stem.length < 5 ? 0 : stem.length >= 9 ? 2 : 1;
  return { stem, acronym, fuzzy };
}

/** Letters and digits of any script, split on everything else. Hand-written: faster than \p{L} regexes. */
function tokensOf(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    const inToken =
      code >= 0 &&
      ((code >= 48 && code <= 57) ||
        ((code | 32) >= 97 && (code | 32) <= 122) ||
        (code >= 0x400 && code <= 0x4ff) ||
        (code >= 0x80 && /\p{L}/u.test(text[i]!)));
    if (inToken) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(text.slice(start, i));
      start = -1;
    }
  }
  return tokens;
}

function tokenMatches(token: string, original: string, word: ContextWord): boolean {
  if (word.acronym) {
    if (token === word.stem) return true;
    // A declined acronym keeps its capitals ("СНИЛСа"); "инна" is a first name, not "ИНН".
    const upper = word.stem.toUpperCase();
    return word.stem.length >= 3 && original.replaceAll('Ё', 'Е').startsWith(upper) && ACRONYM_ENDINGS.has(token.slice(word.stem.length));
  }
  // Short stems ("сер" of "серия") would match unrelated words ("Сергей") as prefixes: compare stems.
  if (word.stem.length < 5) return stemRu(token) === word.stem;
  if (token.startsWith(word.stem)) return token.length - word.stem.length <= 5;
  if (word.fuzzy === 0 || token.length < word.stem.length - 1) return false;
  const L = word.stem.length;
  return [L - 1, L, L + 1].some((len) => editDistanceWithin(token.slice(0, len), word.stem, word.fuzzy));
}

/** Levenshtein distance ≤ max, with an early exit (strings are short context words). */
function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}
