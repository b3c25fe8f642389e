/**
 * The shared address finder (ru-pd-reference §6.4) behind two detectors: ru-address (a person's
 * address: ADDRESS) and ru-org-address (an organisation's address: ORG_ADDRESS).
 *
 * 1. Anchors: one regex finds street markers ("ул.", "пр-т", KLADR "Пролетарская ул") and house
 *    markers before a number ("д. 23а", "дом 5", "вл. 3", "а/я 12"). Every address has one of them.
 * 2. Around an anchor, parts are parsed with sticky regexes: index, country, region (gazetteer of
 *    the 89 subjects and historical names, or an adjective with "обл."/"край"/"Респ."), district,
 *    city/settlement (marker and name, or KLADR "Рассказово г"), street (marker before or after
 *    the name, ordinals), house (23а, 23/1, 5к2, "5-17" shorthand), building, flat/office.
 *    Parts are joined by commas, spaces, tabs or one line break, in any order (natural, reverse,
 *    KLADR). The earliest start whose chain of parts reaches the anchor wins.
 * 3. A chain is an address with ≥ 3 parts one of which is a street or a house (or 2 such parts
 *    right after an address label). Ambiguous markers are resolved by position: "д." with a name
 *    is a village before any street or house and "дом" with a number; a bare number is a house
 *    only right after a street; "к."/"стр." are a building only right after a house.
 * 4. Owner: a person's context before the address ("проживающий по адресу", "адрес регистрации",
 *    "место жительства"…) makes it personal; otherwise an organisation's context ("юридический
 *    адрес", "место нахождения", "адрес организации"), an organisation name right before it (only
 *    labels and requisites in between), an office ("оф. 12") inside, or an organisation's address
 *    just before it ("Почтовый адрес: …" after "Юридический адрес: …") makes it the organisation's.
 *    Context never reaches back over the previous address.
 */
import { findOrgs } from '../org/find-orgs.js';
import {
  BARE_HOUSE_SOURCE,
  BUILDING_SOURCE,
  CITY_SOURCE,
  BARE_NAME_SOURCE,
  BARE_STREET_SOURCE,
  COUNTRY_SOURCE,
  FIELD_LABEL_SOURCE,
  DISTRICT_AFTER_SOURCE,
  DISTRICT_BEFORE_SOURCE,
  FEDERAL_CITY_SOURCE,
  FLAT_SOURCE,
  HOUSE_SOURCE,
  INDEX_SOURCE,
  LINE_SOURCE,
  markers,
  MOSCOW_OKRUG_SOURCE,
  NUMBERED_MKR_SOURCE,
  POBOX_SOURCE,
  REGION_SOURCES,
  SETTLEMENT_AFTER_SOURCE,
  SETTLEMENT_SOURCE,
  STREET_AFTER_SOURCE,
  STREET_SOURCE,
} from './patterns.js';

export type PartKind =
  | 'index'
  | 'country'
  | 'region'
  | 'district'
  | 'city'
  | 'settlement'
  | 'street'
  | 'house'
  | 'building'
  | 'flat';

export interface AddressPart {
  kind: PartKind;
  start: number;
  end: number;
  /** The part as written ("Тамбовская обл.", "ул. Пролетарская"), or the number of a house/flat. */
  value: string;
  /** Parts written inside this one: "5к2" (building), "5-17" (flat). */
  inner?: Array<{ kind: PartKind; value: string }>;
  /** An office ("оф. 12"): an organisation's premises. */
  office?: boolean;
}

export interface AddressMatch {
  start: number;
  end: number;
  score: number;
  /** "parts-N" (N parts), "labelled" (two parts after an address label). */
  pattern: string;
  parts: AddressPart[];
  facts: Record<string, string>;
  /** True when the address is an organisation's (ORG_ADDRESS). */
  org: boolean;
  /** Why: "person-context", "org-context", "org-name", "office", "org-block" (after an organisation's address), "default". */
  owner: string;
}

// ───────────────────────────── part parsers ─────────────────────────────

const sticky = (source: string): RegExp => new RegExp(source, 'yu');

/** Capital Cyrillic letters: the first letter of a name. */
const CAPS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const DIGITS = '0123456789';
const both = (letters: string): string => letters + letters.toUpperCase();

/**
 * A sticky part regex with the characters it can start with: most positions are rejected by one
 * character test instead of running a large regex (the finder tries ~20 of them per position).
 */
interface Parser {
  re: RegExp;
  first: string;
}
const parser = (source: string, first: string): Parser => ({ re: sticky(source), first });

const RE = {
  index: parser(INDEX_SOURCE, '12346'),
  country: parser(COUNTRY_SOURCE, 'рРR'),
  // REGION_SOURCES[1] starts with "обл."/"край", [2] with "Республика"; the others with a capitalised name.
  regions: REGION_SOURCES.map((src, i) => parser(src, i === 1 ? both('ок') : i === 2 ? both('р') : CAPS)),
  federalCity: parser(FEDERAL_CITY_SOURCE, CAPS),
  moscowOkrug: parser(MOSCOW_OKRUG_SOURCE, CAPS),
  house: parser(HOUSE_SOURCE, both('двуз')),
  bareHouse: parser(BARE_HOUSE_SOURCE, DIGITS),
  pobox: parser(POBOX_SOURCE, both('а')),
  building: parser(BUILDING_SOURCE, both('кслб')),
  flat: parser(FLAT_SOURCE, both('кпо')),
  street: parser(STREET_SOURCE, both('упшнбталкдсвз')),
  streetAfter: parser(STREET_AFTER_SOURCE, CAPS + DIGITS),
  line: parser(LINE_SOURCE, DIGITS),
  city: parser(CITY_SOURCE, both('г')),
  settlement: parser(SETTLEMENT_SOURCE, both('прсдхамнткж')),
  numberedMkr: parser(NUMBERED_MKR_SOURCE, DIGITS),
  settlementAfter: parser(SETTLEMENT_AFTER_SOURCE, CAPS + '«"'),
  districtAfter: parser(DISTRICT_AFTER_SOURCE, CAPS),
  districtBefore: parser(DISTRICT_BEFORE_SOURCE, both('рмгвсп')),
  fieldLabel: parser(FIELD_LABEL_SOURCE, both('пирсокнгу')),
  bareName: parser(BARE_NAME_SOURCE, CAPS + '«"'),
  bareStreet: parser(BARE_STREET_SOURCE, CAPS + DIGITS + both('и')),
};

/** The part a form field's label announces ("Населенный пункт: Тамбов" → city). */
type Hint = 'index' | 'region' | 'district' | 'city' | 'street' | 'country' | undefined;

function exec(p: Parser, text: string, at: number): RegExpExecArray | null {
  const ch = text[at];
  if (ch === undefined || !p.first.includes(ch)) return null;
  p.re.lastIndex = at;
  return p.re.exec(text);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (ch: string | undefined): boolean => ch !== undefined && !isDigit(ch.charCodeAt(0)) && isLetterOrDigit(ch);

const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** One-letter markers in capitals ("Д. Иванов", "С. Петров") are initials unless the name is in capitals too. */
function initialLike(marker: string, name: string): boolean {
  const bare = marker.replace(/[.\s]/gu, '');
  return bare.length === 1 && bare === bare.toUpperCase() && name !== name.toUpperCase();
}

/** A year before "г." ("2020 г. Москва") makes it "год", not "город". */
function yearBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0 || !isDigit(text.charCodeAt(i))) return false;
  let n = 0;
  while (i >= 0 && isDigit(text.charCodeAt(i))) {
    i--;
    n++;
  }
  return n === 4;
}

/** The part at `at`, given the parts already in the chain (position resolves ambiguous markers). */
function partAt(text: string, at: number, chain: readonly AddressPart[], hint?: Hint): AddressPart | undefined {
  const p = markedPartAt(text, at, chain);
  if (p || !hint || hint === 'index' || hint === 'country') return p;
  // After a field label a bare name is the announced part: "Населенный пункт: Тамбов".
  const m = exec(hint === 'street' ? RE.bareStreet : RE.bareName, text, at);
  if (!m) return undefined;
  return { kind: hint === 'city' ? 'city' : hint, start: at, end: at + m[0].length, value: squash(m[0]) };
}

function markedPartAt(text: string, at: number, chain: readonly AddressPart[]): AddressPart | undefined {
  const code = text.charCodeAt(at);
  const prev = chain[chain.length - 1];
  const has = (k: PartKind) => chain.some((p) => p.kind === k);
  const part = (kind: PartKind, m: RegExpExecArray, value = squash(m[0])): AddressPart => ({
    kind,
    start: at,
    end: at + m[0].length,
    value,
  });

  if (isDigit(code)) {
    let m = exec(RE.index, text, at);
    if (m) return part('index', m);
    if (prev?.kind === 'street') {
      m = exec(RE.bareHouse, text, at);
      if (m) return housePart(at, m);
    }
    m = exec(RE.line, text, at) ?? exec(RE.streetAfter, text, at);
    if (m) return part('street', m);
    m = exec(RE.numberedMkr, text, at);
    if (m) return part('settlement', m);
    return undefined;
  }
  if (!isLetter(text[at])) return undefined;

  // house, flat, building: markers before a number
  let m = exec(RE.house, text, at);
  if (m) return housePart(at, m);
  m = exec(RE.pobox, text, at);
  if (m) return { kind: 'house', start: at, end: at + m[0].length, value: squash(m[0]) };
  m = exec(RE.flat, text, at);
  if (m && (has('street') || has('house') || chain.length === 0 || prev?.kind === 'building')) {
    const marker = m.groups!['m']!.toLowerCase();
    return { kind: 'flat', start: at, end: at + m[0].length, value: m.groups!['v']!, ...(marker.startsWith('оф') ? { office: true } : {}) };
  }
  if (prev?.kind === 'house' || prev?.kind === 'building') {
    m = exec(RE.building, text, at);
    if (m) return { kind: 'building', start: at, end: at + m[0].length, value: m.groups!['v']! };
  }
  // street, marker before the name
  m = exec(RE.street, text, at);
  if (m && !initialLike(m.groups!['m']!, m.groups!['v']!)) return part('street', m);
  // city and settlement, marker before the name
  m = exec(RE.city, text, at);
  if (m && !initialLike(m.groups!['m']!, m.groups!['v']!) && !yearBefore(text, at)) {
    return { kind: 'city', start: at, end: at + m[0].length, value: squash(m.groups!['v']!) };
  }
  m = exec(RE.settlement, text, at);
  if (m && (m.groups!['m2'] !== undefined || !initialLike(m.groups!['m']!, m.groups!['v']!))) {
    const marker = (m.groups!['m'] ?? m.groups!['m2']!).toLowerCase();
    // "д." before a street or house is a village; after one it can only be a house (parsed above).
    const village = marker === 'д.' || marker === 'д';
    if (!(village && (has('street') || has('house')))) return part('settlement', m);
  }
  for (const re of RE.regions) {
    m = exec(re, text, at);
    if (m) return part('region', m);
  }
  m = exec(RE.districtBefore, text, at) ?? exec(RE.moscowOkrug, text, at);
  if (m) return part('district', m);
  m = exec(RE.country, text, at);
  if (m) return part('country', m);
  m = exec(RE.federalCity, text, at);
  if (m) return part('city', m);
  // KLADR/FIAS order: the type after the name
  m = exec(RE.districtAfter, text, at);
  if (m) return part('district', m);
  m = exec(RE.streetAfter, text, at);
  if (m) return part('street', m);
  m = exec(RE.settlementAfter, text, at);
  if (m) {
    const marker = m.groups!['m']!.replace('.', '').toLowerCase();
    if (marker === 'г' || marker === 'гор') return { kind: 'city', start: at, end: at + m[0].length, value: squash(m.groups!['v']!) };
    return part('settlement', m);
  }
  return undefined;
}

function housePart(at: number, m: RegExpExecArray): AddressPart {
  const inner: Array<{ kind: PartKind; value: string }> = [];
  const cb = m.groups!['cb'];
  const df = m.groups!['df'];
  if (cb) inner.push({ kind: 'building', value: cb });
  if (df) inner.push({ kind: 'flat', value: df });
  return {
    kind: 'house',
    start: at,
    end: at + m[0].length,
    value: squash(m.groups!['v']!),
    ...(inner.length ? { inner } : {}),
  };
}

/**
 * Separators between two parts: spaces, tabs, commas, semicolons, quotes (CSV cells), at most
 * one line break, and the label of a form field ("Индекс:", "Населенный пункт:"). Returns the
 * position of the next part and the part a label announces; pos -1 when the address cannot go on.
 */
function skipLink(text: string, pos: number, limit: number): { pos: number; hint: Hint } {
  let i = pos;
  let newlines = 0;
  let punct = 0;
  let hint: Hint;
  while (i < limit) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') i++;
    else if (ch === '\n') {
      if (++newlines > 1) return { pos: -1, hint };
      i++;
    } else if (ch === ',' || ch === ';' || ch === '"' || ch === '«' || ch === '»') {
      if (++punct > 3) return { pos: -1, hint };
      i++;
    } else if (hint === undefined && isLetter(ch) && !isLetterOrDigit(text[i - 1])) {
      const label = exec(RE.fieldLabel, text, i);
      if (!label) break;
      hint = labelHint(label);
      i += label[0].length;
    } else break;
  }
  if (i >= limit) return { pos: -1, hint };
  // Two parts glued together ("Мира5") are not two parts.
  if (i === pos && isLetterOrDigit(text[pos - 1]) && isLetterOrDigit(text[i])) return { pos: -1, hint };
  return { pos: i, hint };
}

function labelHint(m: RegExpExecArray): Hint {
  const g = m.groups!;
  return g['index'] ? 'index' : g['region'] ? 'region' : g['district'] ? 'district' : g['city'] ? 'city' : g['street'] ? 'street' : 'country';
}

/** Letters of any script and digits; a char-code test first (this runs for every character of a window). */
function isLetterOrDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  if (code >= 0x400 && code <= 0x4ff) return true;
  return /\p{L}/u.test(ch);
}

/** Chain of parts starting with `first`. A second part of a kind already seen ends it (a table's next row). */
function extendChain(text: string, first: AddressPart, limit: number): AddressPart[] {
  const chain = [first];
  let pos = first.end;
  for (;;) {
    const { pos: next, hint } = skipLink(text, pos, limit);
    if (next < 0) break;
    const p = partAt(text, next, chain, hint);
    if (!p) break;
    if (p.kind !== 'building' && chain.some((c) => c.kind === p.kind)) break;
    if (p.kind === 'flat' && chain.some((c) => c.kind === 'flat' || c.inner?.some((i) => i.kind === 'flat'))) break;
    chain.push(p);
    pos = p.end;
  }
  // A chain does not end on a country or on a lone index after a street ("…, д. 5, 123456 руб" is guarded in the regex).
  while (chain.length > 1 && chain[chain.length - 1]!.kind === 'country') chain.pop();
  return chain;
}

// ───────────────────────────── anchors ─────────────────────────────

/**
 * One fast regex for every place an address can be: a street marker (followed by a name, or
 * ending a KLADR street "Пролетарская ул,"), or a house marker before a number, or a PO box.
 */
const ANCHOR_TAIL =
  '(?:' +
  [
    `(?:${markers(['улица', 'улице', 'ул', 'проспект', 'просп', 'пр-кт', 'пр-т', 'пр', 'проезд', 'пр-д', 'переулок', 'пер', 'шоссе', 'ш', 'набережная', 'наб', 'бульвар', 'б-р', 'бул', 'площадь', 'пл', 'тупик', 'туп', 'аллея', 'ал', 'линия', 'лин', 'тракт', 'квартал', 'кв-л', 'дорога', 'дор'])})\\.?[ \\t]*:?[ \\t]*(?:[А-ЯЁ\\d«"]|[,;\\t\\n]|$)`,
    `(?:${markers(['дом', 'д', 'вл', 'владение', 'домовладение', 'домовл', 'уч', 'участок', 'з/у', 'а/я'])})\\.?[ \\t]*:?[ \\t]*(?:№[ \\t]*)?\\d`,
  ].join('|') +
  ')';
/**
 * The marker is preceded by one consumed separator from a small class: V8 scans for a small
 * first-character class far faster than it tries a lookbehind or a large alternation at every
 * position (measured ×5 on prose). The start of the text is checked on its own.
 */
const ANCHOR = new RegExp(`[\\s,.;:()[\\]«»"'/№*_|-]${ANCHOR_TAIL}`, 'gu');
const ANCHOR_AT_START = new RegExp(ANCHOR_TAIL, 'yu');

/** How far before an anchor an address may start (index, region, district, city…). */
const LOOK_BACK = 260;
/** How far after an anchor the parser may go. */
const LOOK_AHEAD = 400;

/** Every address in the text, in order, without overlaps. */
export function findAddresses(text: string): AddressMatch[] {
  const out: AddressMatch[] = [];
  let lastEnd = 0;
  let failedUntil = 0;
  // Where the chain from a word start ends (-1: no part there): windows of nearby anchors overlap,
  // and a chain does not depend on the anchor it is looked up for.
  const chainEnds = new Map<number, number>();
  ANCHOR_AT_START.lastIndex = 0;
  const anchors: Iterable<number> = ANCHOR_AT_START.test(text) ? [0] : [];
  ANCHOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (const start of anchors) visit(start);
  while ((m = ANCHOR.exec(text)) !== null) {
    // the anchor's marker starts after the consumed separator
    visit(m.index + 1);
  }
  return out;

  function visit(anchor: number): void {
    if (anchor < lastEnd || anchor < failedUntil) return;
    const chain = chainThrough(text, anchor, Math.max(lastEnd, anchor - LOOK_BACK), Math.min(text.length, anchor + LOOK_AHEAD), chainEnds);
    if (!chain) return;
    const found = accept(text, chain, lastEnd, out[out.length - 1]);
    const chainEnd = chain[chain.length - 1]!.end;
    if (found) {
      out.push(found);
      lastEnd = found.end;
      ANCHOR.lastIndex = Math.max(ANCHOR.lastIndex, found.end);
    } else {
      failedUntil = chainEnd;
    }
  }
}

/** The earliest chain in [from, anchor] that reaches past the anchor. */
function chainThrough(
  text: string,
  anchor: number,
  from: number,
  limit: number,
  chainEnds: Map<number, number>,
): AddressPart[] | undefined {
  let i = from;
  while (i <= anchor) {
    // next word start
    while (i <= anchor && !(isLetterOrDigit(text[i]) && !isLetterOrDigit(text[i - 1]))) i++;
    if (i > anchor) break;
    const known = chainEnds.get(i);
    if (known !== undefined && known <= anchor) {
      i = known < 0 ? i + 1 : Math.max(i + 1, known);
      continue;
    }
    const first = firstPartAt(text, i);
    if (first) {
      const chain = extendChain(text, first, limit);
      const end = chain[chain.length - 1]!.end;
      chainEnds.set(i, end);
      if (end > anchor) return chain;
      i = Math.max(i + 1, end);
    } else {
      chainEnds.set(i, -1);
      i++;
    }
  }
  return undefined;
}

/** A part at a word start, also after a form field's label ("Регион: Тамбовская"). */
function firstPartAt(text: string, at: number): AddressPart | undefined {
  const label = exec(RE.fieldLabel, text, at);
  if (!label) return partAt(text, at, []);
  let q = at + label[0].length;
  while (text[q] === ' ' || text[q] === '\t') q++;
  return partAt(text, q, [], labelHint(label));
}

// ───────────────────────────── acceptance, score, owner ─────────────────────────────

/** Address labels right before the value ("Адрес:", "по адресу", "проживающий"). */
const LABEL =
  /(?:адрес|прожива|зарегистр|жительств|пребывани|прописк|нахождени|регистраци|индекс)[а-яё]*[^\p{L}\d\n]{0,12}(?:\n[ \t]*)?$/iu;

const PERSON_CONTEXT =
  /(?:прожива[а-яё]*|зарегистрирован[а-яё]*|(?:адрес|мест)[а-яё]*\s+(?:места\s+)?регистрации|по\s+месту\s+(?:регистрации|жительства|пребывания)|жительств[а-яё]*|прописк[а-яё]*|прописан[а-яё]*|пребывани[а-яё]*|фактическ[а-яё]*\s+(?:адрес|проживан)[а-яё]*|домашн[а-яё]*\s+адрес[а-яё]*)/giu;
const ORG_CONTEXT =
  /(?:юридическ[а-яё]*\s+адрес[а-яё]*|юр\.\s?адрес[а-яё]*|мест[а-яё]*\s+нахождени[а-яё]*|местонахождени[а-яё]*|адрес[а-яё]*\s+(?:\(место\s+нахождения\)\s+)?(?:организаци|учреждени|общества|предприяти|компани|оператор|банк|филиал|офис|юридическ|работодател)[а-яё]*|почтов[а-яё]*\s+адрес[а-яё]*\s+организаци[а-яё]*|реквизиты)/giu;

function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index + m[0].length;
  return last;
}

function accept(text: string, chain: AddressPart[], lastEnd: number, previous: AddressMatch | undefined): AddressMatch | undefined {
  const counted = chain.filter((p) => p.kind !== 'country');
  const kinds = new Set(counted.map((p) => p.kind));
  const streetOrHouse = kinds.has('street') || kinds.has('house');
  if (!streetOrHouse) return undefined;
  // Parts written inside a house ("5к2", "5-17") count too.
  const n = counted.length + counted.reduce((s, p) => s + (p.inner?.length ?? 0), 0);
  const start = chain[0]!.start;
  const end = chain[chain.length - 1]!.end;
  // Context reaches back to the previous address at most: its words belong to that one.
  const before = text.slice(Math.max(0, lastEnd, start - 160), start);
  const labelled = LABEL.test(before.slice(-60));
  if (n < 2 || (n === 2 && !(labelled && streetOrHouse && kinds.size === 2))) return undefined;

  let score = n === 2 ? 0.6 : n === 3 ? 0.7 : n === 4 ? 0.8 : 0.9;
  if (kinds.has('index')) score += 0.05;
  if (labelled) score += 0.05;
  score = Math.min(1, Math.round(score * 100) / 100);

  const { org, owner } = ownerOf(text, start, before, chain, lastEnd, previous);
  return {
    start,
    end,
    score,
    pattern: n === 2 ? 'labelled' : `parts-${Math.min(n, 6)}`,
    parts: chain,
    facts: factsOf(chain),
    org,
    owner,
  };
}

/** What may stand between an organisation's name and its address: labels and requisites. */
const ORG_GAP_WORDS =
  /(?:(?:юридическ|почтов|фактическ|адрес|мест|нахождени|местонахождени|расположен|находящ|зарегистрированн|ИНН|КПП|ОГРН|ОКПО|БИК|тел|факс|e-mail|email)[\p{L}.]*|по(?![\p{L}]))/giu;

function ownerOf(
  text: string,
  start: number,
  before: string,
  chain: AddressPart[],
  lastEnd: number,
  previous: AddressMatch | undefined,
): { org: boolean; owner: string } {
  // Context from the beginning of the sentence: the nearest words decide.
  const person = lastIndexOf(PERSON_CONTEXT, before);
  const orgWord = lastIndexOf(ORG_CONTEXT, before);
  if (person >= 0 && person > orgWord) return { org: false, owner: 'person-context' };
  if (orgWord >= 0) return { org: true, owner: 'org-context' };
  // An organisation name right before the address (a letterhead, "ООО «Ромашка», 123456, г. …").
  const orgs = findOrgs(text, Math.max(0, lastEnd, start - 200), start);
  const lastOrg = orgs[orgs.length - 1];
  if (lastOrg && start - lastOrg.end <= 120 && !/\p{L}/u.test(text.slice(lastOrg.end, start).replace(ORG_GAP_WORDS, ''))) {
    return { org: true, owner: 'org-name' };
  }
  if (chain.some((p) => p.office)) return { org: true, owner: 'office' };
  // The next address of the same block ("Юридический адрес: …\nПочтовый адрес: …") is the organisation's too.
  if (previous?.org && start - previous.end <= 60 && !/\p{L}/u.test(text.slice(previous.end, start).replace(ORG_GAP_WORDS, ''))) {
    return { org: true, owner: 'org-block' };
  }
  return { org: false, owner: 'default' };
}

const FACT_ORDER: readonly PartKind[] = ['index', 'region', 'district', 'city', 'settlement', 'street', 'house', 'building', 'flat'];

function factsOf(chain: AddressPart[]): Record<string, string> {
  const facts: Record<string, string> = {};
  const add = (kind: PartKind, value: string) => {
    if (kind === 'country') return;
    facts[kind] = facts[kind] ? `${facts[kind]}, ${value}` : value;
  };
  for (const p of chain) {
    add(p.kind, p.value);
    for (const i of p.inner ?? []) add(i.kind, i.value);
  }
  const ordered: Record<string, string> = {};
  for (const k of FACT_ORDER) if (facts[k] !== undefined) ordered[k] = facts[k]!;
  return ordered;
}

// ───────────────────────────── one scan for two detectors ─────────────────────────────

let cachedText: string | undefined;
let cachedResult: AddressMatch[] = [];

/**
 * ru-address and ru-org-address both report from one scan of the same view: the last result is
 * kept (one slot, by the identity of the text) so the second detector does not parse again.
 */
export function findAddressesCached(text: string): AddressMatch[] {
  if (cachedText !== text) {
    cachedResult = findAddresses(text);
    cachedText = text;
  }
  return cachedResult;
}
