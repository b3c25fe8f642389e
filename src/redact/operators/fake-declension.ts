/**
 * Declension of fake name parts into the grammatical case of the name they replace. The
 * morphological dictionary (az, loaded by the person detector's `initMorph`) declines surnames
 * and first names; rules cover the regular paradigms the name lists are limited to, for words the
 * dictionary lacks and for a thread where the dictionary is not loaded. Patronymics decline by
 * rule only: az's lemma of a patronymic is the father's name, and its inflection follows that.
 */
import Az, { type AzParse } from 'az';
import { morphReady, titleCase } from '../../detectors/ru/person/morph.js';

declare module 'az' {
  interface AzParse {
    /** The form with these grammemes, or false when the paradigm has none. */
    inflect(grammemes: readonly string[]): AzParse | false;
  }
}

export const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const;
export type GramCase = (typeof CASES)[number];
export type Gender = 'masc' | 'femn';

/** A surname of the lists (masculine nominative lemma) in `gender` and `gramCase`. */
export function declineSurname(lemma: string, gender: Gender, gramCase: GramCase): string {
  return fromDictionary(lemma, 'Surn', gender, gramCase) ?? surnameByRule(lemma, gender, gramCase);
}

/** A first name (nominative) in `gramCase`. */
export function declineFirstName(name: string, gender: Gender, gramCase: GramCase): string {
  return fromDictionary(name, 'Name', gender, gramCase) ?? firstNameByRule(name, gender, gramCase);
}

/** A patronymic (nominative, either gender) in `gramCase`. */
export function declinePatronymic(patronymic: string, gramCase: GramCase): string {
  const i = CASES.indexOf(gramCase);
  if (/на$/.test(patronymic)) {
    const stem = patronymic.slice(0, -1);
    return stem + ['а', 'ы', 'е', 'у', 'ой', 'е'][i]!;
  }
  return patronymic + ['', 'а', 'у', 'а', 'ем', 'е'][i]!;
}

/**
 * The dictionary's form, or undefined when the dictionary is not loaded, does not know the word
 * as this kind of name, or gives a form that does not keep the word's stem (a wrong paradigm).
 */
function fromDictionary(word: string, kind: 'Surn' | 'Name', gender: Gender, gramCase: GramCase): string | undefined {
  if (!morphReady()) return undefined;
  // Fakes come from short lists: a few thousand forms at most, each looked up once per thread.
  const key = `${kind}|${word}|${gender}|${gramCase}`;
  if (!formCache.has(key)) formCache.set(key, lookUp(word, kind, gender, gramCase));
  return formCache.get(key);
}

const formCache = new Map<string, string | undefined>();

function lookUp(word: string, kind: 'Surn' | 'Name', gender: Gender, gramCase: GramCase): string | undefined {
  const parse = Az.Morph(word).find(
    (p: AzParse) => p.parser === 'Dictionary' && p.tag[kind] === true && p.tag['nomn'] === true && p.tag['sing'] === true && (kind === 'Surn' ? p.tag['masc'] === true : p.tag[gender] === true),
  );
  const form = parse?.inflect(['sing', gramCase, gender]);
  if (!form) return undefined;
  let out = form.word;
  // The dictionary writes "ё" (Соловьёв); keep the spelling of the list.
  if (!word.toLowerCase().includes('ё')) out = out.replace(/ё/g, 'е');
  const stem = word.toLowerCase().slice(0, Math.max(1, word.length - 2));
  return out.startsWith(stem) ? titleCase(out) : undefined;
}

export function surnameByRule(lemma: string, gender: Gender, gramCase: GramCase): string {
  const i = CASES.indexOf(gramCase);
  if (/(?:ов|ев|ёв|ин|ын)$/.test(lemma)) {
    const endings = gender === 'masc' ? ['', 'а', 'у', 'а', 'ым', 'е'] : ['а', 'ой', 'ой', 'у', 'ой', 'ой'];
    return lemma + endings[i]!;
  }
  if (/(?:ск|цк)ий$/.test(lemma)) {
    const stem = lemma.slice(0, -2);
    const endings = gender === 'masc' ? ['ий', 'ого', 'ому', 'ого', 'им', 'ом'] : ['ая', 'ой', 'ой', 'ую', 'ой', 'ой'];
    return stem + endings[i]!;
  }
  return lemma;
}

export function firstNameByRule(name: string, gender: Gender, gramCase: GramCase): string {
  const i = CASES.indexOf(gramCase);
  const stem = name.slice(0, -1);
  if (name.endsWith('ия')) return stem + ['я', 'и', 'и', 'ю', 'ей', 'и'][i]!;
  if (name.endsWith('я')) return stem + ['я', 'и', 'е', 'ю', 'ей', 'е'][i]!;
  if (name.endsWith('а')) {
    const gent = /[гкхжшчщ]$/.test(stem) ? 'и' : 'ы';
    return stem + ['а', gent, 'е', 'у', 'ой', 'е'][i]!;
  }
  if (gender === 'femn') return name;
  if (name.endsWith('ий')) return stem + ['й', 'я', 'ю', 'я', 'ем', 'и'][i]!;
  if (name.endsWith('й')) return stem + ['й', 'я', 'ю', 'я', 'ем', 'е'][i]!;
  if (name.endsWith('ь')) return stem + ['ь', 'я', 'ю', 'я', 'ем', 'е'][i]!;
  return name + ['', 'а', 'у', 'а', 'ом', 'е'][i]!;
}
