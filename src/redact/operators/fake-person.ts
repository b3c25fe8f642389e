/**
 * Fake persons: each part of a name (surname, first name, patronymic, initials) is replaced by
 * another plausible part of the same gender, declined into the case the original stands in, in
 * the original's word order, punctuation and letter case ("Иванову Сергею Петровичу" → "Котову
 * Андрею Ивановичу", "ИВАНОВ С.П." → "КОТОВ А.И.").
 *
 * Each fake part depends on the original part alone (and the gender), so the mentions of one
 * person agree and a family stays a family: "Иванов" and "Иванова" both become "Котов(а)", a
 * brother's and a sister's patronymics come from the same fake father. A fake part never starts
 * with the original's letter, so even the initials change.
 */
import type { Finding } from '../../detectors/types.js';
import { analyse, ALL_FEATS, featsOf, FEMN_FEATS, MASC_FEATS, morphReady, type Feats } from '../../detectors/ru/person/morph.js';
import { patronymicFeats } from '../../detectors/ru/person/normal-form.js';
import { CASES, declineFirstName, declinePatronymic, declineSurname, firstNameByRule, type Gender, type GramCase } from './fake-declension.js';
import {
  FEMALE_NAMES,
  femininePatronymic,
  LATIN_FEMALE_NAMES,
  LATIN_MALE_NAMES,
  LATIN_SURNAMES,
  MALE_NAMES,
  PATRONYMICS,
  SURNAMES,
  TRANSLIT_FEMALE_NAMES,
  TRANSLIT_MALE_NAMES,
  TRANSLIT_SURNAMES,
} from './fake-names.js';
import type { KeyedRandom, RandomFor } from './keyed.js';

type Role = 'last' | 'first' | 'middle';
const ROLES: readonly Role[] = ['last', 'first', 'middle'];

interface Token {
  start: number;
  end: number;
  word: string;
  initial: boolean;
}

/** Name parts, lower case, "е" for "ё", no trailing dot. */
type Parts = Partial<Record<Role, string>>;

const norm = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');

export function fakePerson(f: Finding, identity: string, random: RandomFor): string | undefined {
  if (f.explanation.pattern === 'latin-spelling' || !/[А-ЯЁа-яё]/.test(f.value)) return fakeLatinPerson(f.value, random);
  const facts: Parts = {};
  for (const role of ROLES) if (f.facts?.[role]) facts[role] = f.facts[role];
  const tokens = tokenize(f.value, /[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*/g);
  const roles = assignRoles(tokens, facts);
  if (roles.size === 0) return undefined;
  // The identity is the person's full name when the file names them in full ("Иванов С.П." of
  // "Иванов Сергей Петрович"): fakes chosen from it agree across all mentions.
  const known = { ...lowered(facts), ...identityParts(identity) };
  if (known.first && known.first.length > 1) known.first = firstNameLemma(known.first);
  const gender = genderOf(facts, known, roles);
  const gramCase = caseOf(roles, gender);
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  for (const [role, list] of roles) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const fake = fakePart(role, known[role] ?? norm(first.word), gender, random);
    const text = first.initial ? fake.charAt(0) : decline(role, fake, gender, gramCase);
    // Several words of one part ("Анна Мария", "Гусейн оглы") become one.
    const inside = [...roles].some(([r, l]) => r !== role && l.some((t) => t.start > first.start && t.start < last.end));
    const end = inside ? first.end : last.end;
    replacements.push({ start: first.start, end, text: sameCase(text, first.word) });
  }
  replacements.sort((a, b) => b.start - a.start);
  let out = f.value;
  for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out === f.value ? undefined : out;
}

function tokenize(value: string, re: RegExp): Token[] {
  return [...value.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0], initial: m[0].length === 1 }));
}

function lowered(p: Parts): Parts {
  const out: Parts = {};
  for (const role of ROLES) if (p[role]) out[role] = norm(p[role]);
  return out;
}

const COMMON_NAMES = new Map<string, Gender>([
  ...MALE_NAMES.map((n) => [n.toLowerCase(), 'masc'] as const),
  ...FEMALE_NAMES.map((n) => [n.toLowerCase(), 'femn'] as const),
]);

/**
 * Every case form of the listed first names → the name ("анне" → "анна"), by the rules. A
 * nominative wins over a declined form of another name ("Александра" is hers, not his genitive).
 */
const COMMON_NAME_FORMS = new Map<string, string>([...COMMON_NAMES.keys()].map((n) => [n, n]));
for (const [name, gender] of COMMON_NAMES) {
  for (const c of CASES) {
    const form = firstNameByRule(name, gender, c);
    if (!COMMON_NAME_FORMS.has(form)) COMMON_NAME_FORMS.set(form, name);
  }
}

/**
 * A first name's usual nominative. A fact may hold a declined form: the dictionary has rare
 * indeclinable names that coincide with declined common ones ("Анне", besides "Анна" in the
 * dative), and its reading may win in the detector. A form of a listed name is that name.
 */
export function firstNameLemma(first: string): string {
  const listed = COMMON_NAME_FORMS.get(first);
  if (listed !== undefined) return listed;
  if (!morphReady()) return first;
  const readings = analyse(first).name;
  return readings.find((r) => r.dict && !r.fixed)?.lemma.replace(/ё/g, 'е') ?? first;
}

/** "иванов|сергей|петрович" (identity.ts's person key) → parts; anything else → none. */
function identityParts(identity: string): Parts {
  const pieces = identity.split('|');
  if (pieces.length !== 3) return {};
  const out: Parts = {};
  ROLES.forEach((role, i) => {
    if (pieces[i]) out[role] = pieces[i];
  });
  return out;
}

/**
 * Which words of the value are which part. Initials go to the first name, then the patronymic,
 * in order; full words to the fact they share the longest beginning with ("Иванову" → last
 * "Иванов"), and a word left over to the part left over ("Льва" → first "Лев").
 */
function assignRoles(tokens: readonly Token[], facts: Parts): Map<Role, Token[]> {
  const out = new Map<Role, Token[]>();
  const add = (role: Role, t: Token) => {
    const list = out.get(role);
    if (list) list.push(t);
    else out.set(role, [t]);
  };
  const initialRoles = ROLES.filter((r) => r !== 'last' && facts[r] !== undefined && facts[r]!.length === 1);
  const slots: Array<{ role: Role; word: string; used: boolean }> = [];
  for (const role of ROLES) {
    const fact = facts[role];
    if (fact === undefined || fact.length === 1) continue;
    for (const word of fact.split(/\s+/)) slots.push({ role, word: norm(word), used: false });
  }
  const words: Token[] = [];
  for (const t of tokens) {
    if (t.initial) {
      const role = initialRoles.shift();
      if (role) add(role, t);
    } else {
      words.push(t);
    }
  }
  const pairs: Array<{ t: Token; s: (typeof slots)[number]; score: number }> = [];
  for (const t of words) for (const s of slots) pairs.push({ t, s, score: commonPrefix(norm(t.word), s.word) });
  pairs.sort((a, b) => b.score - a.score);
  const roleOf = new Map<Token, Role>();
  for (const p of pairs) {
    if (p.score < 2 || roleOf.has(p.t) || p.s.used) continue;
    roleOf.set(p.t, p.s.role);
    p.s.used = true;
  }
  const leftWords = words.filter((t) => !roleOf.has(t));
  const leftSlots = slots.filter((s) => !s.used);
  if (leftWords.length === 1 && leftSlots.length === 1) roleOf.set(leftWords[0]!, leftSlots[0]!.role);
  for (const t of tokens) {
    const role = roleOf.get(t);
    if (role) add(role, t);
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// ───────────────────────────── gender and case ─────────────────────────────

function genderOf(facts: Parts, known: Parts, roles: ReadonlyMap<Role, Token[]>): Gender {
  const middle = known.middle ?? norm(facts.middle ?? '');
  if (/(?:вна|чна|кызы)$/.test(middle)) return 'femn';
  if (/(?:ич|оглы)$/.test(middle)) return 'masc';
  const first = known.first ?? '';
  if (first.length > 1) {
    const g = firstNameGender(first);
    if (g) return g;
  }
  const last = norm(facts.last ?? known.last ?? '');
  if (/(?:ова|ева|ина|ына|ская|цкая|ая)$/.test(last)) return 'femn';
  if (/(?:ов|ев|ин|ын|ий|ой|ый)$/.test(last)) return 'masc';
  const feats = roleFeats(roles);
  return (feats & MASC_FEATS) === 0 && (feats & FEMN_FEATS) !== 0 ? 'femn' : 'masc';
}

const MALE_A = new Set(['никита', 'илья', 'кузьма', 'фома', 'лука', 'савва', 'данила', 'гаврила']);

function firstNameGender(first: string): Gender | undefined {
  const listed = COMMON_NAMES.get(first);
  if (listed) return listed;
  if (morphReady()) {
    const info = analyse(first);
    const masc = info.nameFeats & MASC_FEATS;
    const femn = info.nameFeats & FEMN_FEATS;
    if (masc && !femn) return 'masc';
    if (femn && !masc) return 'femn';
    if (masc && femn) return undefined;
  }
  if (MALE_A.has(first)) return 'masc';
  return /[ая]$/.test(first) ? 'femn' : undefined;
}

/** The cases and genders all the full words of the name allow together. */
function roleFeats(roles: ReadonlyMap<Role, Token[]>): Feats {
  let feats = ALL_FEATS;
  for (const [role, list] of roles) {
    const t = list[0]!;
    if (t.initial) continue;
    const f = wordFeats(role, t.word);
    if (f && feats & f) feats &= f;
  }
  return feats;
}

/**
 * Cases and genders of one word in its part. A surname the dictionary knows only as something
 * else ("Вольфа", a first name to it) gets the cases of those readings.
 */
function wordFeats(role: Role, word: string): Feats {
  const info = analyse(word);
  const other = info.known ? info.anyFeats : 0;
  if (role === 'last') return info.surnFeats || surnameEndingFeats(word) || info.nameFeats || other;
  if (role === 'first') {
    // A declined common name, not a rare indeclinable one of the same spelling ("Анне": dative of "Анна").
    const common = info.name.filter((r) => COMMON_NAMES.has(r.lemma.replace(/ё/g, 'е')));
    const feats = common.length ? common.reduce((f, r) => f | r.feats, 0) : info.nameFeats;
    return feats || other || firstNameEndingFeats(word);
  }
  return patronymicFeats(word, false) || info.patrFeats || other;
}

const SURNAME_ENDINGS: ReadonlyArray<readonly [RegExp, ReadonlyArray<readonly [GramCase, Gender]>]> = [
  [/(?:ов|ев|ин|ын)$/, [['nomn', 'masc']]],
  [/(?:ов|ев|ин|ын)а$/, [['gent', 'masc'], ['accs', 'masc'], ['nomn', 'femn']]],
  [/(?:ов|ев|ин|ын)у$/, [['datv', 'masc'], ['accs', 'femn']]],
  [/(?:ов|ев|ин|ын)ым$/, [['ablt', 'masc']]],
  [/(?:ов|ев|ин|ын)е$/, [['loct', 'masc']]],
  [/(?:ов|ев|ин|ын)ой$/, [['gent', 'femn'], ['datv', 'femn'], ['ablt', 'femn'], ['loct', 'femn']]],
  [/(?:ск|цк)ий$/, [['nomn', 'masc']]],
  [/(?:ск|цк)ого$/, [['gent', 'masc'], ['accs', 'masc']]],
  [/(?:ск|цк)ому$/, [['datv', 'masc']]],
  [/(?:ск|цк)им$/, [['ablt', 'masc']]],
  [/(?:ск|цк)ом$/, [['loct', 'masc']]],
  [/(?:ск|цк)ая$/, [['nomn', 'femn']]],
  [/(?:ск|цк)ой$/, [['gent', 'femn'], ['datv', 'femn'], ['ablt', 'femn'], ['loct', 'femn']]],
  [/(?:ск|цк)ую$/, [['accs', 'femn']]],
];

/** Cases of a Russian surname by its ending, for words the dictionary does not know. */
function surnameEndingFeats(word: string): Feats {
  const w = norm(word);
  for (const [re, forms] of SURNAME_ENDINGS) {
    if (re.test(w)) return forms.reduce((f, [c, g]) => f | featsOf(c, g), 0);
  }
  return 0;
}

const FIRST_NAME_ENDINGS: ReadonlyArray<readonly [RegExp, ReadonlyArray<readonly [GramCase, Gender]>]> = [
  [/ия$/, [['nomn', 'femn']]],
  [/ии$/, [['gent', 'femn'], ['datv', 'femn'], ['loct', 'femn'], ['loct', 'masc']]],
  [/[ая]$/, [['nomn', 'femn'], ['gent', 'masc'], ['accs', 'masc']]],
  [/[ыи]$/, [['gent', 'femn']]],
  [/е$/, [['datv', 'femn'], ['loct', 'femn'], ['loct', 'masc']]],
  [/[ую]$/, [['accs', 'femn'], ['datv', 'masc']]],
  [/[ое]й$/, [['ablt', 'femn']]],
  [/[оеё]м$/, [['ablt', 'masc']]],
  [/[йь]$|[бвгджзклмнпрстфхцчшщ]$/, [['nomn', 'masc']]],
];

/** Cases of a first name by its ending, for a thread without the dictionary. */
function firstNameEndingFeats(word: string): Feats {
  const w = norm(word);
  for (const [re, forms] of FIRST_NAME_ENDINGS) {
    if (re.test(w)) return forms.reduce((f, [c, g]) => f | featsOf(c, g), 0);
  }
  return 0;
}

function caseOf(roles: ReadonlyMap<Role, Token[]>, gender: Gender): GramCase {
  const mask = gender === 'femn' ? FEMN_FEATS : MASC_FEATS;
  const shift = gender === 'femn' ? 6 : 0;
  let feats = roleFeats(roles) & mask;
  if (!feats) {
    const surname = roles.get('last')?.[0];
    feats = surname && !surname.initial ? wordFeats('last', surname.word) & mask : 0;
  }
  // Where forms coincide (gent/accs of a man, datv/loct of a woman) the first case gives the same form.
  for (let i = 0; i < CASES.length; i++) if (feats & (1 << (i + shift))) return CASES[i]!;
  return 'nomn';
}

// ───────────────────────────── fake parts ─────────────────────────────

/** The nominative fake of one part: a surname lemma (masculine), a first name, a masculine patronymic. */
function fakePart(role: Role, original: string, gender: Gender, random: RandomFor): string {
  if (role === 'last') {
    const key = masculineSurname(original);
    return pickDifferent(random(`fake:PERSON:last:${key}`), SURNAMES, key);
  }
  if (role === 'first') {
    return pickDifferent(random(`fake:PERSON:first:${gender}:${original}`), gender === 'femn' ? FEMALE_NAMES : MALE_NAMES, original);
  }
  const key = masculinePatronymic(original);
  return pickDifferent(random(`fake:PERSON:middle:${key}`), PATRONYMICS.map(([, p]) => p), key);
}

function decline(role: Role, fake: string, gender: Gender, gramCase: GramCase): string {
  if (role === 'last') return declineSurname(fake, gender, gramCase);
  if (role === 'first') return declineFirstName(fake, gender, gramCase);
  return declinePatronymic(gender === 'femn' ? femininePatronymic(fake) : fake, gramCase);
}

/** "иванова" → "иванов", "островская" → "островский": a husband and wife share a fake surname. */
function masculineSurname(s: string): string {
  return s
    .replace(/(ов|ев|ин|ын)а$/, '$1')
    .replace(/(ск|цк)ая$/, '$1ий')
    .replace(/ая$/, 'ый');
}

/** "сергеевна" → "сергеевич": a brother and sister share a fake father. */
function masculinePatronymic(s: string): string {
  return s.replace(/(ов|ев)на$/, '$1ич').replace(/ична$/, 'ич');
}

/** Starts with a vowel sound that takes "об" ("об Иване", "об Андрее", but "о Елене"). */
const TAKES_OB = /^[аоуэиыaeiou]/i;

/**
 * A list entry that is neither the original nor starts with its letter (so initials change too),
 * and starts with a vowel when the original does, so that a preposition before it still fits
 * ("об Иванове" → "об Орлове", "о Петрове" → "о Котове").
 */
function pickDifferent(rng: KeyedRandom, list: readonly string[], original: string): string {
  const o = norm(original);
  const vowel = TAKES_OB.test(o);
  const ok = (c: string) => norm(c) !== o && norm(c).charAt(0) !== o.charAt(0) && TAKES_OB.test(norm(c)) === vowel;
  for (let i = 0; i < 256; i++) {
    const c = rng.pick(list);
    if (ok(c)) return c;
  }
  return list.find(ok) ?? list[0]!;
}

/** The letter case of `model`: "ИВАНОВ" → upper, "иванов" → lower, otherwise as given. */
function sameCase(text: string, model: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return text.toUpperCase();
  if (model === model.toLowerCase()) return text.toLowerCase();
  return text;
}

// ───────────────────────────── Latin spelling ─────────────────────────────

const PARTICLE = /^(?:al|el|de|van|von|bin|da|di|le|la|der|den|du)$/;
const TRANSLIT_SURNAME = /(?:ov|ev|in|yn|sky|skiy|ova|eva|ina|yna|skaya)$/i;
const TRANSLIT_FEMALE = /(?:ova|eva|ina|yna|skaya)$/i;

/** "(Joshua Wolf)" → "(Peter Smith)", "Ivanova Anna" → "Smirnova Olga". */
function fakeLatinPerson(value: string, random: RandomFor): string | undefined {
  const tokens = tokenize(value, /[A-Za-zÀ-ÿ'’]+(?:-[A-Za-zÀ-ÿ'’]+)*/g).filter((t) => !PARTICLE.test(t.word));
  if (tokens.length === 0) return undefined;
  const firstIsSurname = tokens.length > 1 && TRANSLIT_SURNAME.test(tokens[0]!.word) && !TRANSLIT_SURNAME.test(tokens[tokens.length - 1]!.word);
  const surname = firstIsSurname ? tokens[0]! : tokens[tokens.length - 1]!;
  const translit = TRANSLIT_SURNAME.test(surname.word);
  const names = tokens.filter((t) => t !== surname);
  const femn =
    TRANSLIT_FEMALE.test(surname.word) ||
    names.some((t) => [...LATIN_FEMALE_NAMES, ...TRANSLIT_FEMALE_NAMES].some((n) => n.toLowerCase() === t.word.toLowerCase()));
  let out = value;
  const replacements = tokens.map((t) => {
    const lower = t.word.toLowerCase();
    let fake: string;
    if (t === surname) {
      const key = lower.replace(/(ov|ev|in|yn)a$/, '$1');
      fake = pickDifferent(random(`fake:PERSON:latin-last:${key}`), translit ? TRANSLIT_SURNAMES : LATIN_SURNAMES, key);
      if (translit && femn) fake += 'a';
    } else {
      const list = translit ? (femn ? TRANSLIT_FEMALE_NAMES : TRANSLIT_MALE_NAMES) : femn ? LATIN_FEMALE_NAMES : LATIN_MALE_NAMES;
      fake = pickDifferent(random(`fake:PERSON:latin-first:${femn ? 'femn' : 'masc'}:${lower}`), list, lower);
    }
    return { ...t, text: sameCase(fake, t.word) };
  });
  for (const r of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out === value ? undefined : out;
}
