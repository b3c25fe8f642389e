/**
 * What the morphological dictionary (az 0.2.3, OpenCorpora grammemes) says about one word as a
 * name part: its readings as a given name (Name), surname (Surn) and patronymic (Patr), each with
 * the grammatical cases and genders it can stand in, and how much of the word's weight goes to
 * places, organisations and ordinary words (ru-pd-reference §8.2).
 *
 * az is case-sensitive (`ИВАНОВ`, `иванов` lose the Surn reading), so words are title-cased before
 * lookup; `Семёнов`/`Семенов` give different readings, so both spellings are looked up and merged.
 * Lookups are cached per word: a corpus repeats the same few thousand capitalised words.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import Az, { type AzParse } from 'az';

let ready = false;
let loading: Promise<void> | undefined;

/** Loads the dictionaries once per thread (asynchronous; about 0.4 s and 11 MB). */
export function initMorph(): Promise<void> {
  if (ready) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const dicts = path.join(path.dirname(createRequire(import.meta.url).resolve('az/package.json')), 'dicts');
    Az.Morph.init(dicts, (error) => {
      if (error) {
        loading = undefined;
        reject(new Error(`[ru-person] cannot load the az dictionaries from ${dicts}: ${error.message}`));
        return;
      }
      ready = true;
      resolve();
    });
  });
  return loading;
}

export function morphReady(): boolean {
  return ready;
}

/**
 * Grammatical features as a bit set: bit (case + 6 × gender) for the six cases (nomn gent datv
 * accs ablt loct) and two genders (masc, femn). A word of common or unknown gender sets both.
 */
export type Feats = number;
export const ALL_FEATS: Feats = 0xfff;
const CASES: Readonly<Record<string, number>> = { nomn: 0, gent: 1, datv: 2, accs: 3, ablt: 4, loct: 5, gen2: 1, acc2: 3, loc2: 5, voct: 0 };
export const MASC_FEATS: Feats = 0x03f;
export const FEMN_FEATS: Feats = 0xfc0;
export const NOMN_FEATS: Feats = 0x041;

export function featsOf(caseName: string | undefined, gender: string | undefined): Feats {
  const c = caseName === undefined ? undefined : CASES[caseName];
  const cases = c === undefined ? 0x3f : 1 << c;
  if (gender === 'masc') return cases;
  if (gender === 'femn') return cases << 6;
  return cases | (cases << 6);
}

export function isFemn(feats: Feats): boolean {
  return (feats & MASC_FEATS) === 0 && (feats & FEMN_FEATS) !== 0;
}

/** One reading of a word as a name part. */
export interface Reading {
  feats: Feats;
  /** Dictionary lemma, lower case (masculine nominative for surnames: "иванов" for "Ивановой"). */
  lemma: string;
  /** From the dictionary proper, not predicted from the word's ending. */
  dict: boolean;
  /** Indeclinable (Fixd): the same form in every case. */
  fixed: boolean;
}

export interface WordInfo {
  /** Singular common-noun readings (a surname that is also a word: "Ньютона", "Понедельник"). */
  noun: Reading[];
  name: Reading[];
  surn: Reading[];
  patr: Reading[];
  nameFeats: Feats;
  surnFeats: Feats;
  patrFeats: Feats;
  /** Share (0..1) of the word's parse weight that goes to Name/Surn/Patr readings. */
  personShare: number;
  /** Share of the weight that goes to place names (Geox) and organisations (Orgn). */
  placeShare: number;
  /** Share of weight of dictionary Surn readings alone. */
  surnShare: number;
  nameShare: number;
  /** True when az knows the word from its dictionary (some reading is not predicted). */
  known: boolean;
  /** Cases of all its readings, name or not, in both genders (a surname that is also a noun: "Масса"). */
  anyFeats: Feats;
}

const EMPTY: WordInfo = Object.freeze({
  noun: [], name: [], surn: [], patr: [], nameFeats: 0, surnFeats: 0, patrFeats: 0,
  personShare: 0, placeShare: 0, surnShare: 0, nameShare: 0, known: false, anyFeats: 0,
}) as WordInfo;

const cache = new Map<string, WordInfo>();
const surfaceCache = new Map<string, WordInfo>();
/** Distinct words kept per cache (a WordInfo is a few hundred bytes: ~10 MB per thread at most). */
const CACHE_LIMIT = 30_000;

/** "ИВАНОВ", "иванов" → "Иванов"; "ПЕТРОВА-ВОДКИНА" → "Петрова-Водкина". */
export function titleCase(word: string): string {
  if (isTitleCase(word)) return word;
  return word.toLowerCase().replace(/(^|-)([а-яё])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** Cyrillic capital then lower-case letters only (the usual spelling of a name): nothing to change. */
function isTitleCase(word: string): boolean {
  const first = word.charCodeAt(0);
  if (!((first >= 0x410 && first <= 0x42f) || first === 0x401)) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 0x430 && c <= 0x44f) || c === 0x451)) return false;
  }
  return true;
}

/** Readings of a word (any case; title-cased for lookup). Cached. */
export function analyse(word: string): WordInfo {
  // Most lookups repeat a word exactly as written: look it up before title-casing it.
  let info = surfaceCache.get(word);
  if (info) return info;
  if (!ready) return EMPTY;
  const key = titleCase(word);
  info = cache.get(key);
  if (!info) {
    info = analyseUncached(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, info);
  }
  if (surfaceCache.size >= CACHE_LIMIT) surfaceCache.clear();
  surfaceCache.set(word, info);
  return info;
}

function analyseUncached(word: string): WordInfo {
  const parses: AzParse[] = Az.Morph(word);
  // `Семёнов` is known only as a plural of `Семён`; `Семенов` is the surname: merge both spellings.
  if (word.includes('ё')) parses.push(...Az.Morph(word.replaceAll('ё', 'е')));
  if (word.includes('-') && !parses.some((p) => p.parser === 'Dictionary' && (p.tag['Surn'] || p.tag['Name']))) {
    return hyphenated(word, parses);
  }
  return fromParses(parses);
}

function fromParses(parses: readonly AzParse[]): WordInfo {
  const info: WordInfo = { ...EMPTY, noun: [], name: [], surn: [], patr: [] };
  let total = 0;
  let person = 0;
  let place = 0;
  let surn = 0;
  let name = 0;
  const seen = new Set<string>();
  for (const p of parses) {
    const tag = p.tag;
    const key = `${String(tag)}|${p.word}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const weight = Math.max(p.score, 0.001);
    const dict = p.parser === 'Dictionary';
    if (dict) info.known = true;
    const kind = tag['Surn'] ? 'surn' : tag['Name'] ? 'name' : tag['Patr'] ? 'patr' : undefined;
    // Plural readings ("Ивановы", "Фёдоров" as "of the Fyodors") are not one person's name, and
    // do not count against the singular ones either.
    if (kind && tag['plur'] && !tag['Fixd']) continue;
    total += weight;
    if (tag['CAse']) info.anyFeats |= featsOf(tag['CAse'] as string, undefined);
    else if (tag['Fixd']) info.anyFeats = ALL_FEATS;
    if (tag['Geox'] || tag['Orgn']) place += weight;
    if (!kind) {
      if (tag['NOUN'] && !tag['plur'] && !tag['Geox'] && !tag['Orgn']) {
        addReading(info.noun, { feats: featsOf(tag['CAse'] as string | undefined, undefined), lemma: lemmaOf(p), dict, fixed: tag['Fixd'] === true });
      }
      continue;
    }
    person += weight;
    if (kind === 'surn' && dict) surn += weight;
    if (kind === 'name' && dict) name += weight;
    const gender = tag['GNdr'] as string | undefined;
    const fixed = tag['Fixd'] === true;
    const feats = fixed ? featsOf(undefined, gender) : featsOf(tag['CAse'] as string | undefined, gender);
    const reading: Reading = { feats, lemma: lemmaOf(p), dict, fixed };
    addReading(info[kind], reading);
  }
  for (const kind of ['name', 'surn', 'patr'] as const) {
    // Dictionary readings first: a predicted reading only fills in what the dictionary lacks.
    info[kind].sort((a, b) => Number(b.dict) - Number(a.dict));
  }
  info.nameFeats = info.name.reduce((f, r) => f | r.feats, 0);
  info.surnFeats = info.surn.reduce((f, r) => f | r.feats, 0);
  info.patrFeats = info.patr.reduce((f, r) => f | r.feats, 0);
  if (!info.known || info.anyFeats === 0) info.anyFeats = ALL_FEATS;
  info.personShare = total ? person / total : 0;
  info.placeShare = total ? place / total : 0;
  info.surnShare = total ? surn / total : 0;
  info.nameShare = total ? name / total : 0;
  return info;
}

/** Readings of one lemma merge into one (an indeclinable name has twelve, one per case and gender). */
function addReading(list: Reading[], r: Reading): void {
  const same = list.find((x) => x.lemma === r.lemma && x.dict === r.dict && x.fixed === r.fixed);
  if (same) same.feats |= r.feats;
  else list.push(r);
}

function lemmaOf(p: AzParse): string {
  try {
    return p.normalize().word;
  } catch {
    return p.word;
  }
}

/**
 * A hyphenated word az does not know whole ("Петрова-Водкина", "Немировича-Данченко"): a surname
 * when one part is a surname; its features are those both parts allow (an indeclinable part
 * allows any). Lemma: the parts' lemmas joined.
 */
function hyphenated(word: string, wholeParses: readonly AzParse[]): WordInfo {
  const parts = word.split('-').filter(Boolean);
  if (parts.length !== 2) return fromParses(wholeParses);
  const [a, b] = parts.map((p) => analyse(p)) as [WordInfo, WordInfo];
  const aSurn = a.surn.length > 0;
  const bSurn = b.surn.length > 0;
  const asNameToo = a.name.length > 0 && b.name.length > 0;
  if (!aSurn && !bSurn && !asNameToo) return fromParses(wholeParses);
  const info = fromParses(wholeParses);
  const featsOfPart = (w: WordInfo): Feats => (w.surn.length ? w.surnFeats : w.name.length ? w.nameFeats : ALL_FEATS);
  if (aSurn || bSurn) {
    const feats = featsOfPart(a) & featsOfPart(b);
    if (feats) {
      const lemma = `${(a.surn[0] ?? a.name[0])?.lemma ?? parts[0]!.toLowerCase()}-${(b.surn[0] ?? b.name[0])?.lemma ?? parts[1]!.toLowerCase()}`;
      const dict = (a.surn[0]?.dict ?? false) || (b.surn[0]?.dict ?? false);
      info.surn = [{ feats, lemma, dict, fixed: false }, ...info.surn];
      info.surnFeats |= feats;
      info.personShare = Math.max(info.personShare, 0.5);
      if (dict) info.surnShare = Math.max(info.surnShare, 0.5);
      info.known = info.known || a.known || b.known;
    }
  }
  if (asNameToo) {
    const feats = a.nameFeats & b.nameFeats;
    if (feats) {
      info.name = [{ feats, lemma: `${a.name[0]!.lemma}-${b.name[0]!.lemma}`, dict: true, fixed: false }, ...info.name];
      info.nameFeats |= feats;
      info.personShare = Math.max(info.personShare, 0.5);
      info.nameShare = Math.max(info.nameShare, 0.5);
    }
  }
  return info;
}
