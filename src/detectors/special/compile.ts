/**
 * Turns the packs' cue syntax (see packs/common.json "syntax") into matchers:
 * - a token index: a cue phrase is looked up by the first letters of its first word, then
 *   verified by a sticky regex at that token, so the text is scanned once for all cues;
 * - acronyms ("ВИЧ", "МСЭ"): whole tokens, case-sensitive;
 * - regexes with {PLACEHOLDERS} expanded.
 */
import type { CategoryId } from '../categories.js';
import { compileContext, type ContextMatcher } from '../context.js';
import { COMMON, PACKS, type Pack } from './packs.js';

export type Strength = 'strong' | 'weak' | 'mention';

export interface Cue {
  /** The cue as written in the pack. */
  source: string;
  category: CategoryId;
  strength: Strength;
  /** Sticky, case-insensitive: verified at the start of a token. */
  regex: RegExp;
}

export interface RegexCue {
  name: string;
  category: CategoryId;
  regex: RegExp;
}

export interface ValueCue extends RegexCue {
  kind: 'field' | 'statement' | 'weak';
}

export interface FieldLabel {
  category: CategoryId;
  weak: boolean;
  /** Source of a regex matching the label. */
  source: string;
  /** Sticky: label, optional note in brackets, separator, then group `value`. */
  regex: RegExp;
}

export interface CompiledPacks {
  /** Cues by the first 2–4 letters (lower case, е for ё) of their first word. */
  byKey: Map<string, Cue[]>;
  /** Acronym cues by their exact token. */
  acronyms: Map<string, Cue[]>;
  acronymMaxLength: number;
  /** `pairKey` of the first two letters (lower case) of every key of `byKey` and `fieldsByKey`. */
  prefixes: Set<number>;
  strongRegex: RegexCue[];
  values: ValueCue[];
  fields: FieldLabel[];
  /** Field labels by the first letters of their first word, like `byKey`. */
  fieldsByKey: Map<string, FieldLabel[]>;
  /** A table header cell that is exactly a field label. */
  headerCell: Array<{ label: FieldLabel; regex: RegExp }>;
  /** `cueThenCode`: a line's text ends with a cue and separators (a code may follow). */
  icd: Array<{ category: CategoryId; cues: RegExp; code: RegExp; cueThenCode: RegExp }>;
  fuzzy: { matcher: ContextMatcher; categoryOf: Map<string, CategoryId> };
  templateMarkers: RegExp;
  recordTemplateMarkers: RegExp;
  namingPrefix: RegExp;
  genericSubject: RegExp;
  subjects: Array<{ name: string; regex: RegExp }>;
  /** Lower-case substrings: the detector runs only when one of them is in the text. */
  gate: string[];
}

const KEY_LENGTH = 4;

/** Two UTF-16 code units as one number. */
export function pairKey(a: number, b: number): number {
  return a * 0x10000 + b;
}
/** Between the words of a phrase: spaces and line breaks, brackets, slashes, quotes. */
const WORD_SEP = '[\\s()/«»"]+';

export function expandPlaceholders(source: string): string {
  return source.replace(/(?<!\\[pP])\{([A-Z]+)\}/g, (whole, name: string) => {
    const value = COMMON.placeholders[name];
    if (value === undefined) throw new Error(`special-category packs: unknown placeholder ${whole}`);
    return value;
  });
}

/**
 * A regex from a pack. A leading word boundary ({B}) is taken off the pattern and checked by
 * `matchesOf` instead: V8 cannot skip ahead to a literal first word behind a lookbehind, and the
 * pattern runs several times faster without it.
 */
export function packRegex(source: string, flags: string, where: string): RegExp {
  try {
    const leadingBoundary = source.startsWith('{B}');
    const regex = new RegExp(expandPlaceholders(leadingBoundary ? source.slice(3) : source), flags);
    if (leadingBoundary) BOUNDARY_CHECKED.add(regex);
    return regex;
  } catch (error) {
    throw new Error(`special-category packs: bad regex in ${where}: ${(error as Error).message}`);
  }
}

const BOUNDARY_CHECKED = new WeakSet<RegExp>();

/** Matches of a global pack regex; those of a {B} pattern only where no letter or digit precedes. */
export function* matchesOf(regex: RegExp, text: string): Generator<RegExpExecArray> {
  const boundary = BOUNDARY_CHECKED.has(regex);
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    if (boundary && m.index > 0 && /[\p{L}\d]/u.test(text[m.index - 1]!)) {
      regex.lastIndex = m.index + 1;
      continue;
    }
    yield m;
  }
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const foldE = (s: string): string => s.toLowerCase().replaceAll('ё', 'е');

/** One word of a phrase → regex source (stem*, exact word, hyphenated word, literal punctuation). */
function wordSource(word: string): string {
  const prefix = word.endsWith('*');
  const body = prefix ? word.slice(0, -1) : word;
  const parts = body.split('-').map((p) =>
    [...foldE(p)].map((c) => (c === 'е' ? '[её]' : escapeRe(c))).join(''),
  );
  return parts.join('\\s*-\\s*') + (prefix ? '\\p{L}*' : '(?![\\p{L}\\d])');
}

/** A phrase → regex source; "(word)" is optional. */
export function phraseSource(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  let out = '';
  words.forEach((w, i) => {
    const optional = /^\(.+\)$/.test(w);
    const src = wordSource(optional ? w.slice(1, -1) : w);
    if (i === 0) {
      if (optional) throw new Error(`special-category packs: a phrase cannot start with an optional word: "${phrase}"`);
      out = src;
    } else out += optional ? `(?:${WORD_SEP}${src})?` : `${WORD_SEP}${src}`;
  });
  return out;
}

const isAcronym = (phrase: string): boolean => /^[A-ZА-ЯЁ]{2,}$/u.test(phrase);

function keyOf(phrase: string): string {
  const first = foldE(phrase.trim().split(/\s+/)[0]!.replace(/\*$/, '')).replace(/[^\p{L}].*$/u, '');
  if (first.length === 0) throw new Error(`special-category packs: a phrase must start with a letter: "${phrase}"`);
  return first.slice(0, KEY_LENGTH);
}

function addCue(c: CompiledPacks, source: string, category: CategoryId, strength: Strength): void {
  for (const phrase of source.split('|').map((p) => p.trim()).filter(Boolean)) {
    if (isAcronym(phrase)) {
      const cue: Cue = { source, category, strength, regex: new RegExp(`${escapeRe(phrase)}(?![\\p{L}\\d])`, 'uy') };
      push(c.acronyms, phrase, cue);
      c.gate.push(phrase.toLowerCase());
      continue;
    }
    const key = keyOf(phrase);
    push(c.byKey, key, { source, category, strength, regex: new RegExp(phraseSource(phrase), 'iuy') });
    c.gate.push(key);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Label, then an optional note in brackets ("Инвалидность (группа)"), then ":" / " - " / a tab, then the value. */
const FIELD_TAIL = '(?:[ \\t]*\\([^)\\n]{0,40}\\))?(?:[ \\t]*:[ \\t]*|[ \\t]+-[ \\t]+|[ \\t]*\\t[ \\t]*)(?<value>[^\\n\\t;]{1,160})';

function addField(c: CompiledPacks, label: string, category: CategoryId, weak: boolean): void {
  const field: FieldLabel = { category, weak, source: labelSource(label), regex: new RegExp(`(?:${labelSource(label)})${FIELD_TAIL}`, 'iuyd') };
  c.fields.push(field);
  for (const phrase of label.split('|').map((p) => p.trim()).filter(Boolean)) {
    const key = keyOf(phrase);
    const list = c.fieldsByKey.get(key);
    if (!list?.includes(field)) push(c.fieldsByKey, key, field);
    c.gate.push(key);
  }
}

/** A field label "a|b (c)" → regex source of its alternatives. */
function labelSource(label: string): string {
  return label
    .split('|')
    .map((p) => phraseSource(p))
    .join('|');
}

export function compilePacks(packs: readonly Pack[] = PACKS): CompiledPacks {
  const c: CompiledPacks = {
    byKey: new Map(),
    acronyms: new Map(),
    acronymMaxLength: 0,
    prefixes: new Set(),
    strongRegex: [],
    values: [],
    fields: [],
    fieldsByKey: new Map(),
    headerCell: [],
    icd: [],
    fuzzy: { matcher: compileContext([]), categoryOf: new Map() },
    templateMarkers: packRegex(COMMON.templateMarkers.map((m) => `(?:${m})`).join('|'), 'iu', 'templateMarkers'),
    recordTemplateMarkers: packRegex(COMMON.recordTemplateMarkers.map((m) => `(?:${m})`).join('|'), 'iu', 'recordTemplateMarkers'),
    namingPrefix: packRegex(COMMON.namingPrefixes, 'iu', 'namingPrefixes'),
    genericSubject: packRegex(COMMON.genericSubject, 'iu', 'genericSubject'),
    subjects: COMMON.subjects.map((s) => ({ name: s.name, regex: packRegex(s.regex, `g${s.flags}`, `subject ${s.name}`) })),
    gate: [],
  };
  const fuzzyWords: string[] = [];
  for (const pack of packs) {
    const where = (what: string) => `${pack.category}.json ${what}`;
    for (const s of pack.strong) addCue(c, s, pack.category, 'strong');
    for (const s of pack.weak) addCue(c, s, pack.category, 'weak');
    for (const m of pack.mentionOnly ?? []) addCue(c, m.cue, m.category ?? pack.category, 'mention');
    for (const r of pack.strongRegex ?? []) {
      c.strongRegex.push({ name: r.name, category: pack.category, regex: packRegex(r.regex, 'giu', where(r.name)) });
    }
    for (const v of pack.values) c.values.push({ name: v.name, category: pack.category, kind: v.kind, regex: packRegex(v.regex, 'giu', where(v.name)) });
    for (const v of pack.weakValues ?? []) c.values.push({ name: v.name, category: pack.category, kind: 'weak', regex: packRegex(v.regex, 'giu', where(v.name)) });
    for (const f of pack.fields ?? []) addField(c, f, pack.category, false);
    for (const f of pack.weakFields ?? []) addField(c, f, pack.category, true);
    if (pack.icd10) {
      c.icd.push({
        category: pack.category,
        cues: packRegex(pack.icd10.cues, 'giu', where('icd10.cues')),
        code: packRegex(pack.icd10.code, 'gu', where('icd10.code')),
        cueThenCode: packRegex(`(?:${pack.icd10.cues})[\\s:.\\-]*(?:10[\\s:.\\-]*)?$`, 'iu', where('icd10.cues')),
      });
    }
    for (const w of pack.fuzzy ?? []) {
      fuzzyWords.push(w);
      c.fuzzy.categoryOf.set(w, pack.category);
    }
  }
  c.fuzzy.matcher = compileContext(fuzzyWords);
  c.headerCell = c.fields.map((label) => ({ label, regex: new RegExp(`^(?:${label.source})(?:\\s*\\([^)]{0,40}\\))?\\s*:?$`, 'iu') }));
  c.gate = [...new Set(c.gate)];
  for (const key of [...c.byKey.keys(), ...c.fieldsByKey.keys()]) {
    // Both cases of the first letter: tokens are not lower-cased before this check.
    const a = key.charCodeAt(0);
    const b = key.charCodeAt(1);
    for (const first of [a, key[0]!.toUpperCase().charCodeAt(0), ...(key[0] === 'е' ? [0x451, 0x401] : [])]) {
      for (const second of [b, key[1]!.toUpperCase().charCodeAt(0), ...(key[1] === 'е' ? [0x451, 0x401] : [])]) c.prefixes.add(pairKey(first, second));
    }
  }
  c.acronymMaxLength = Math.max(0, ...[...c.acronyms.keys()].map((k) => k.length));
  return c;
}
