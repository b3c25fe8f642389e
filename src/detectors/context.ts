/**
 * Context words, matched by stem (not substring: presidio's substring default matches "lic" in
 * "duplicate"). Entries come in three kinds:
 * - words and phrases ("паспорт", "кем выдан"): each word matches a token that begins with its
 *   stem, so every grammatical form counts; long words also tolerate one OCR typo;
 * - acronyms written in capitals ("ИНН", "ВУ"): a whole token, with a case ending for 3+ letters;
 * - literal abbreviations with punctuation ("д.р.", "в/у", "сер."): matched as written, spaces
 *   after the dots optional.
 * Everything is compared on the lower-cased, ё→е folded match view.
 */
import { stemRu } from '../text/stem-ru.js';

export interface ContextMatcher {
  /** The entry found in `text`, or undefined. */
  find(text: string): string | undefined;
}

interface WordEntry {
  kind: 'words';
  source: string;
  words: Array<{ stem: string; acronym: boolean; fuzzy: number }>;
}
interface LiteralEntry {
  kind: 'literal';
  source: string;
  regex: RegExp;
}

const ACRONYM_ENDINGS = new Set(['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ах', 'ам']);
const TOKEN = /[\p{L}\d]+/gu;

export function normaliseForContext(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

export function compileContext(entries: readonly string[]): ContextMatcher {
  const compiled = entries.map(compileEntry);
  return {
    find(text: string): string | undefined {
      const norm = normaliseForContext(text);
      let tokens: string[] | undefined;
      let originalTokens: string[] | undefined;
      for (const entry of compiled) {
        if (entry.kind === 'literal') {
          entry.regex.lastIndex = 0;
          if (entry.regex.test(norm)) return entry.source;
          continue;
        }
        tokens ??= norm.match(TOKEN) ?? [];
        originalTokens ??= text.replaceAll('ё', 'е').replaceAll('Ё', 'Е').match(TOKEN) ?? [];
        if (phraseIn(tokens, originalTokens, entry)) return entry.source;
      }
      return undefined;
    },
  };
}

function compileEntry(source: string): WordEntry | LiteralEntry {
  if (/[^\p{L}\s-]/u.test(source)) {
    const pattern = normaliseForContext(source)
      .split('')
      .map((c) => (c === ' ' ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
      .join('')
      .replace(/\\\.(?!$)/g, '\\.\\s?');
    return { kind: 'literal', source, regex: new RegExp(`(?<![\\p{L}\\d])${pattern}(?![\\p{L}\\d])`, 'u') };
  }
  const words = source
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => {
      const acronym = w.length >= 2 && w === w.toUpperCase();
      const lower = normaliseForContext(w);
      const stem = acronym ? lower : stemRu(lower);
      const fuzzy = acronym || stem.length < 5 ? 0 : stem.length >= 9 ? 2 : 1;
      return { stem, acronym, fuzzy };
    });
  return { kind: 'words', source, words };
}

function phraseIn(tokens: string[], originalTokens: string[], entry: WordEntry): boolean {
  const n = entry.words.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let all = true;
    for (let k = 0; k < n && all; k++) all = tokenMatches(tokens[i + k]!, originalTokens[i + k] ?? '', entry.words[k]!);
    if (all) return true;
  }
  return false;
}

function tokenMatches(token: string, original: string, word: WordEntry['words'][number]): boolean {
  if (word.acronym) {
    if (token === word.stem) return true;
    // A declined acronym keeps its capitals ("СНИЛСа"); "инна" is a first name, not "ИНН".
    const upper = word.stem.toUpperCase();
    return word.stem.length >= 3 && original.startsWith(upper) && ACRONYM_ENDINGS.has(token.slice(word.stem.length));
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
