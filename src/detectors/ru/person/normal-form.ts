/**
 * Nominative forms of name parts, for the facts `{last, first, middle}` (Natasha's NamesExtractor
 * gives the same). az's lemma of a patronymic is the father's name (`Сергеевной` → `сергей`), so
 * patronymics are put in the nominative by their suffixes; a woman's surname gets its feminine
 * nominative from the masculine lemma (`Ивановой` → lemma `иванов` → `Иванова`).
 */
import { featsOf, type Feats, titleCase } from './morph.js';

/** Masculine patronymic and its case ending: Иванович, Ивановича, Ивановичу, Ивановичем, Ивановиче; Ильич, Ильича. */
const PATR_MASC = /^(.{2,}?(?:ович|евич|ьич|ич))(а|у|ем|ом|е)?$/;
/** Feminine: Ивановна, Ивановны, Ивановне, Ивановну, Ивановной/-ою; Ильинична. */
const PATR_FEMN = /^(.{2,}?(?:овн|евн|ичн))(а|ы|е|у|ой|ою)$/;
/** Only the productive -ович/-евич/-овна/-евна/-ична shapes count when az has no Patr reading. */
const PATR_STRONG = /(?:ович|евич)(?:а|у|ем|е)?$|(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою)$/;

const ENDING_CASES: Readonly<Record<string, readonly string[]>> = {
  '': ['nomn'],
  а: ['gent', 'accs'],
  у: ['datv'],
  ем: ['ablt'],
  ом: ['ablt'],
  е: ['loct'],
};
const FEMN_ENDING_CASES: Readonly<Record<string, readonly string[]>> = {
  а: ['nomn'],
  ы: ['gent'],
  е: ['datv', 'loct'],
  у: ['accs'],
  ой: ['ablt'],
  ою: ['ablt'],
};

/** Features of a word as a patronymic judged by its suffix alone, or 0. */
export function patronymicFeats(word: string, strongOnly = true): Feats {
  const w = word.toLowerCase();
  if (strongOnly && !PATR_STRONG.test(w)) return 0;
  let m = PATR_FEMN.exec(w);
  if (m) return (FEMN_ENDING_CASES[m[2]!] ?? []).reduce((f, c) => f | featsOf(c, 'femn'), 0);
  m = PATR_MASC.exec(w);
  if (m) return (ENDING_CASES[m[2] ?? ''] ?? []).reduce((f, c) => f | featsOf(c, 'masc'), 0);
  return 0;
}

/** "ИВАНОВИЧА" → "Иванович", "Петровной" → "Петровна", "Ильиничны" → "Ильинична". */
export function patronymicNominative(word: string): string {
  const w = word.toLowerCase();
  let m = PATR_FEMN.exec(w);
  if (m) return titleCase(m[1]! + 'а');
  m = PATR_MASC.exec(w);
  if (m) return titleCase(m[1]!);
  return titleCase(w);
}

/** The nominative of a surname from its (masculine) lemma and the gender it was found in. */
export function surnameNominative(lemma: string, femn: boolean): string {
  if (!femn) return titleCase(lemma);
  const parts = lemma.split('-');
  return parts
    .map((p) => {
      if (/(?:ов|ев|ёв|ин|ын)$/.test(p)) return titleCase(p + 'а');
      if (/(?:ский|цкий|ской|цкой)$/.test(p)) return titleCase(p.slice(0, -2) + 'ая');
      if (/(?:ый|ой)$/.test(p)) return titleCase(p.slice(0, -2) + 'ая');
      return titleCase(p);
    })
    .join('-');
}
