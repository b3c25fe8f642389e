/**
 * Fake postal addresses: the street name, house, building and flat numbers and the last three
 * digits of the index change; the region, district and city or settlement stay, so the copy
 * still says where in the country the person lives and nothing more. The address keeps its
 * writing: markers ("ул.", "д.", "кв."), order and punctuation are the original's.
 */
import type { Facts } from '../../detectors/types.js';
import { buildMatchView, toOriginalRange } from '../../text/match-view.js';
import type { KeyedRandom } from './keyed.js';

type Gender = 'masc' | 'femn' | 'neut';

/** Street markers and the gender a street name agrees with ("Садовая улица", "Садовый переулок"). */
const MARKERS: ReadonlyArray<readonly [RegExp, Gender]> = [
  [/^(?:ул|улица|пл|площадь|наб|набережная|ал|аллея|линия)$/iu, 'femn'],
  [/^(?:ш|шоссе)$/iu, 'neut'],
  [/^(?:пр-т|пр-кт|просп|проспект|пр|пер|переулок|б-р|бул|бульвар|проезд|пр-д|туп|тупик|мкр|мкрн|микрорайон|тракт)$/iu, 'masc'],
];

/** Adjectival street names: stem and masculine ending (the feminine is -ая, the neuter -ое). */
const ADJECTIVE_STREETS: ReadonlyArray<readonly [string, string]> = [
  ['Садов', 'ый'], ['Лесн', 'ой'], ['Школьн', 'ый'], ['Центральн', 'ый'], ['Солнечн', 'ый'], ['Молодежн', 'ый'],
  ['Березов', 'ый'], ['Цветочн', 'ый'], ['Лугов', 'ой'], ['Полев', 'ой'], ['Заречн', 'ый'], ['Северн', 'ый'],
  ['Южн', 'ый'], ['Парков', 'ый'], ['Озерн', 'ый'], ['Рябинов', 'ый'], ['Кленов', 'ый'], ['Вишнев', 'ый'],
  ['Новосельск', 'ий'], ['Строительн', 'ый'], ['Весенн', 'ий'], ['Соснов', 'ый'], ['Тенист', 'ый'], ['Светл', 'ый'],
];
/** Names in the genitive agree with any marker ("ул. Мира", "пр-т Мира"). */
const GENITIVE_STREETS: readonly string[] = [
  'Мира', 'Победы', 'Свободы', 'Строителей', 'Энтузиастов', 'Космонавтов', 'Юности', 'Дружбы', 'Труда',
  'Металлургов', 'Геологов', 'Связистов', 'Авиаторов', 'Машиностроителей', 'Железнодорожников', 'Нефтяников',
];

function streetName(stem: string, masc: string, gender: Gender): string {
  if (gender === 'masc') return stem + masc;
  // Soft stems (Весенний) take -яя/-ее, hard ones -ая/-ое.
  const soft = masc === 'ий' && !/[кгх]$/.test(stem);
  if (gender === 'femn') return stem + (soft ? 'яя' : 'ая');
  return stem + (soft ? 'ее' : 'ое');
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function fakeAddress(value: string, facts: Facts | undefined, rng: KeyedRandom): string | undefined {
  if (!facts) return undefined;
  // The facts are read from the detector's match view, where OCR look-alikes are folded
  // ("Coвeтcкaя" → "Советская", "28б" → "286"): they are found there and mapped back.
  const view = buildMatchView(value);
  const text = view.text;
  /** Edits in view offsets (to keep them apart) and their replacement of the original characters. */
  const edits: Array<Edit & { original: [number, number] }> = [];
  const add = (start: number, end: number, make: (original: string) => string) => {
    const original = toOriginalRange(view, start, end);
    edits.push({ start, end, original, text: make(value.slice(original[0], original[1])) });
  };
  let cursor = 0;
  const street = facts['street'];
  const at = street === undefined ? -1 : text.indexOf(street);
  if (street !== undefined && at >= 0) {
    const edit = fakeStreet(street, rng);
    if (edit) add(at + edit.start, at + edit.end, () => edit.text);
    cursor = at + street.length;
  }
  const index = facts['index'];
  if (index !== undefined) {
    const i = locate(text, index, 0, edits);
    if (i >= 0) add(i, i + index.length, (o) => differentDigits(o, rng, 3));
  }
  for (const kind of ['house', 'building', 'flat'] as const) {
    const part = facts[kind];
    if (part === undefined) continue;
    const i = locate(text, part, cursor, edits);
    if (i < 0) continue;
    add(i, i + part.length, (o) => differentDigits(o, rng, 0));
    cursor = i + part.length;
  }
  let out = value;
  for (const e of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, e.original[0]) + e.text + out.slice(e.original[1]);
  return out === value ? undefined : out;
}

/** The name part of a street ("ул. Пролетарская" → the range of "Пролетарская") and its fake. */
function fakeStreet(street: string, rng: KeyedRandom): Edit | undefined {
  const lead = /^([\p{L}-]+)(?:\.\s*|\s+)/u.exec(street);
  const tail = /\s([\p{L}-]+)\.?$/u.exec(street);
  const genderOf = (word: string | undefined) => (word === undefined ? undefined : MARKERS.find(([re]) => re.test(word))?.[1]);
  const leadGender = genderOf(lead?.[1]);
  const tailGender = genderOf(tail?.[1]);
  // "улица Набережная" and "Набережная наб": when both ends could be the marker, the one in lower case is.
  const useTail = tailGender !== undefined && (leadGender === undefined || (tail![1] === tail![1]!.toLowerCase() && lead![1] !== lead![1]!.toLowerCase()));
  const gender = useTail ? tailGender : leadGender;
  const start = !useTail && leadGender !== undefined ? lead![0].length : 0;
  const end = useTail ? tail!.index : street.length;
  const name = street.slice(start, end);
  if (!/\p{L}/u.test(name)) return undefined;
  const original = name.toLowerCase().replace(/ё/g, 'е');
  for (let i = 0; i < 50; i++) {
    let fake: string;
    if (gender !== undefined && rng.int(3) > 0) {
      const [stem, masc] = rng.pick(ADJECTIVE_STREETS);
      fake = streetName(stem, masc, gender);
    } else {
      fake = rng.pick(GENITIVE_STREETS);
    }
    if (fake.toLowerCase() === original) continue;
    if (name.length > 1 && name === name.toUpperCase()) fake = fake.toUpperCase();
    return { start, end, text: fake };
  }
  return undefined;
}

/**
 * Where `part` (a number as written: "23а", "5", "17") stands in the value: not inside a longer
 * number, not over an earlier edit, after `from` when it can be (a flat after its house).
 */
function locate(value: string, part: string, from: number, edits: readonly Edit[]): number {
  const hits: number[] = [];
  for (let at = value.indexOf(part); at >= 0; at = value.indexOf(part, at + 1)) {
    const before = value[at - 1];
    const after = value[at + part.length];
    if ((before !== undefined && /\d/.test(before)) || (after !== undefined && /\d/.test(after))) continue;
    if (edits.some((e) => at < e.end && e.start < at + part.length)) continue;
    hits.push(at);
  }
  return hits.find((at) => at >= from) ?? hits[0] ?? -1;
}

/**
 * Digits replaced (the first `keep` kept; a number never starts with 0: "23/1" → "86/4"),
 * letters and separators kept; never the same.
 */
function differentDigits(part: string, rng: KeyedRandom, keep: number): string {
  for (let i = 0; i < 50; i++) {
    let k = 0;
    const out = part.replace(/\d/g, (c, at: number) => {
      if (k++ < keep) return c;
      return at === 0 || !/\d/.test(part[at - 1]!) ? String(1 + rng.int(9)) : rng.digits(1);
    });
    if (out !== part) return out;
  }
  return part;
}
